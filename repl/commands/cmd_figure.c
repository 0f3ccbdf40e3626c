/* `export "FILE.png|svg|pdf" ...`: figures of the workspace's runs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "fig.h"
#include "fig_ternary.h"
#include "parse.h"
#include "runscene.h"
#include "save.h"
#include "teach.h"
#include "version.h"

#define FIG_GRID_MAX 400 /* grid nodes along the longer side of a contour figure */

enum fig_kind { KIND_AUTO, KIND_CONTOUR, KIND_CONVERGENCE, KIND_BOTH, KIND_TERNARY };

typedef struct fig_request {
	enum fig_kind kind;
	int width, height;
	char *title;
	int log; /* -1: the problem's default; 0: linear colour; 1: log colour */
	rscene_metric metric;
	rscene_xaxis xaxis;
	rscene_run runs[RSCENE_MAX_RUNS];
	int nruns;
} fig_request;

/* `size WxH` (lexed as a number and a word "xH") or `size W H`. */
static int parse_size(sess *s, lex *l, fig_request *q)
{
	int col = l->tok.col;
	if (l->tok.kind != LEX_NUMBER)
		return sess_fail(s, col, "expected a size such as 1600x1200");
	double w = l->tok.num, h = 0;
	lex_next(l);
	if (l->tok.kind == LEX_WORD && l->tok.text[0] == 'x' && l->tok.len > 1) {
		char *end;
		h = strtod(l->tok.text + 1, &end);
		if (end != l->tok.text + l->tok.len)
			return sess_fail(s, col, "expected a size such as 1600x1200");
		lex_next(l);
	} else if (l->tok.kind == LEX_NUMBER) {
		h = l->tok.num;
		lex_next(l);
	} else {
		return sess_fail(s, col, "expected a size such as 1600x1200");
	}
	if (w != floor(w) || h != floor(h) || w < FIG_MIN_DIM || w > FIG_MAX_DIM ||
	    h < FIG_MIN_DIM || h > FIG_MAX_DIM)
		return sess_fail(s, col, "a figure's size must be whole numbers from %d to %d (the figure size limit)",
		                 FIG_MIN_DIM, FIG_MAX_DIM);
	q->width = (int)w;
	q->height = (int)h;
	return 0;
}

static int parse_metric(sess *s, lex *l, fig_request *q)
{
	static const struct {
		const char *name;
		rscene_metric m;
	} names[] = {{"auto", RSCENE_AUTO}, {"fgap", RSCENE_FGAP}, {"f", RSCENE_F},
	             {"gnorm", RSCENE_GNORM}, {"dist", RSCENE_DIST}, {"viol", RSCENE_VIOL},
	             {"mult", RSCENE_MULT}, {"gap", RSCENE_GAP}, {"avggap", RSCENE_AVGGAP}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (lex_word(l, names[i].name)) {
			q->metric = names[i].m;
			lex_next(l);
			return 0;
		}
	return sess_fail(s, l->tok.col, "expected a metric: auto, fgap, f, gnorm, dist, viol, mult, gap or "
	                 "avggap");
}

static int parse_xaxis(sess *s, lex *l, fig_request *q)
{
	for (int x = 0; x < RSCENE_XAXIS_COUNT; x++)
		if (lex_word(l, rscene_xaxis_name((rscene_xaxis)x))) {
			q->xaxis = (rscene_xaxis)x;
			lex_next(l);
			return 0;
		}
	return sess_fail(s, l->tok.col, "expected an x axis: iter, epoch or time");
}

/* The words after the file name, in any order. */
static int parse_request(sess *s, lex *l, fig_request *q)
{
	while (l->tok.kind != LEX_END) {
		int col = l->tok.col;
		if (lex_word(l, "contour") || lex_word(l, "convergence") || lex_word(l, "both") ||
		    lex_word(l, "ternary")) {
			q->kind = lex_word(l, "contour")       ? KIND_CONTOUR
			          : lex_word(l, "convergence") ? KIND_CONVERGENCE
			          : lex_word(l, "ternary")     ? KIND_TERNARY
			                                       : KIND_BOTH;
			lex_next(l);
		} else if (lex_word(l, "size")) {
			lex_next(l);
			if (parse_size(s, l, q) != 0)
				return -1;
		} else if (lex_word(l, "title")) {
			lex_next(l);
			free(q->title);
			q->title = NULL;
			if (parse_string(s, l, "a title", &q->title) != 0)
				return -1;
		} else if (lex_word(l, "log") || lex_word(l, "linear")) {
			q->log = lex_word(l, "log");
			lex_next(l);
		} else if (lex_word(l, "metric")) {
			lex_next(l);
			if (parse_metric(s, l, q) != 0)
				return -1;
		} else if (lex_word(l, "xaxis")) {
			lex_next(l);
			if (parse_xaxis(s, l, q) != 0)
				return -1;
		} else if (l->tok.kind == LEX_WORD) {
			char name[WS_NAME_MAX];
			if (parse_name(s, l, "a run", name, sizeof name) != 0)
				return -1;
			ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
			if (!it)
				return sess_fail(s, col,
				                 "no run '%s' (after the file: contour, convergence, both, ternary, "
				                 "RUN names, size WxH, title \"...\", log, linear, metric M, "
				                 "xaxis X)",
				                 name);
			if (q->nruns == RSCENE_MAX_RUNS)
				return sess_fail(s, col, "a figure shows at most %d runs", RSCENE_MAX_RUNS);
			q->runs[q->nruns++] = (rscene_run){it->u.run.r, ws_run_label(it), 0};
		} else {
			return parse_end(s, l);
		}
	}
	return 0;
}

/* The Source text: a script that rebuilds the workspace, then this export. */
static char *figure_source(sess *s, const char *command)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	int rc = save_script(s, f);
	fprintf(f, "%s\n", command);
	if (fclose(f) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* The ternary kind: a 3 x 3 matrix game's mixed strategies on two triangles. */
static int export_ternary(sess *s, lex *l, const char *path, int path_col, fig_request *q)
{
	tern_data d;
	char err[512];
	if (tern_fill(&d, q->runs, q->nruns, err, sizeof err) != 0)
		return sess_fail(s, path_col, "%s", err);
	d.scene.title = q->title;
	char software[64];
	snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
	char *source = figure_source(s, l->src);
	fig_opts fo = {.width = q->width, .height = q->height, .software = software,
	               .source = source};
	int rc = fig_ternary_write(path, (fig_format)fig_format_from_path(path), &fo, &d.scene, err,
	                           sizeof err);
	free(source);
	tern_data_free(&d);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}

int cmd_export_figure(sess *s, lex *l, const char *path, int path_col)
{
	fig_request q = {.kind = KIND_AUTO, .width = 1600, .height = 1200, .log = -1};
	if (parse_request(s, l, &q) != 0) {
		free(q.title);
		return -1;
	}
	if (q.nruns == 0) /* every run, in the order they were made */
		for (int i = 0; i < s->ws.count && q.nruns < RSCENE_MAX_RUNS; i++)
			if (s->ws.items[i]->kind == WS_RUN)
				q.runs[q.nruns++] = (rscene_run){s->ws.items[i]->u.run.r,
				                                 ws_run_label(s->ws.items[i]), 0};
	for (int i = 0; i < q.nruns; i++)
		q.runs[i].color = i;
	if (q.nruns == 0) {
		free(q.title);
		return sess_fail(s, path_col, "no runs to draw; make one with `run`");
	}
	if (q.kind == KIND_TERNARY) {
		int rc = export_ternary(s, l, path, path_col, &q);
		free(q.title);
		return rc;
	}
	const prob *p = run_prob(q.runs[0].r);
	if (q.kind == KIND_AUTO)
		q.kind = p->n >= 2 ? KIND_BOTH : KIND_CONVERGENCE;
	if (q.kind != KIND_CONVERGENCE && p->n < 2) {
		free(q.title);
		return sess_fail(s, path_col, "a contour picture needs two variables; problem '%s' has 1",
		                 p->name);
	}

	rscene *rs = rscene_new();
	teach_bounds tb; /* dashed rate bounds stored with the runs (`bound`) */
	teach_bounds_init(&tb);
	scene_field field;
	scene_conv conv;
	char err[512];
	int rc = rs ? 0 : -1;
	if (rc == 0 && q.kind != KIND_CONVERGENCE) {
		rscene_opts o = {.cx = 0, .cy = 1, .cmap = CMAP_VIRIDIS, .nlevels = 14};
		o.log_color = q.log < 0 ? p->logscale : q.log;
		double aspect = q.kind == KIND_BOTH ? 0.5 * q.width / q.height : (double)q.width / q.height;
		/* the longer side FIG_GRID_MAX nodes, fewer where gridlimit asks (coarser) */
		double side = fmin(FIG_GRID_MAX, sqrt((double)s->set.gridlimit * fmax(aspect, 1 / aspect)));
		o.gw = aspect >= 1 ? (int)side : (int)(side * aspect);
		o.gh = aspect >= 1 ? (int)(side / aspect) : (int)side;
		o.gw = o.gw < 2 ? 2 : o.gw;
		o.gh = o.gh < 2 ? 2 : o.gh;
		rscene_default_view(p, 0, 1, NULL, q.runs, q.nruns, o.view);
		rc = rscene_field(rs, p, q.runs, q.nruns, &o, &field, err, sizeof err);
		if (rc == 0)
			field.title = q.kind == KIND_CONTOUR ? q.title : NULL;
	}
	if (rc == 0 && q.kind != KIND_CONTOUR) {
		rscene_metric used;
		rc = rscene_conv(rs, q.runs, q.nruns, q.metric, q.xaxis, &conv, &used);
		if (rc == 0 && q.xaxis == RSCENE_XITER) /* bounds are in iterations */
			rc = teach_bounds_fill(&tb, &s->ws, q.runs, q.nruns, used, &conv);
		if (rc == 0)
			conv.title = q.title;
		else
			snprintf(err, sizeof err, "out of memory");
	}
	if (rc == 0) {
		char software[64];
		snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
		char *source = figure_source(s, l->src);
		fig_opts fo = {.width = q.width, .height = q.height, .software = software,
		               .source = source};
		rc = fig_write(path, (fig_format)fig_format_from_path(path), &fo,
		               q.kind == KIND_CONVERGENCE ? NULL : &field,
		               q.kind == KIND_CONTOUR ? NULL : &conv, err, sizeof err);
		free(source);
	} else if (!rs) {
		snprintf(err, sizeof err, "out of memory");
	}
	rscene_free(rs);
	teach_bounds_free(&tb);
	free(q.title);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}
