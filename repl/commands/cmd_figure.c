/* `export "FILE.png|svg|pdf" ...`: figures of the workspace's runs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "figreq.h"
#include "fig.h"
#include "fig_policy.h"
#include "fig_ternary.h"
#include "parse.h"
#include "runscene.h"
#include "save.h"
#include "teach.h"
#include "version.h"

#define FIG_GRID_MAX 400 /* grid nodes along the longer side of a contour figure */

/* `size WxH` (lexed as a number and a word "xH") or `size W H`. */
int cmd_figure_size(sess *s, lex *l, int *width, int *height)
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
	*width = (int)w;
	*height = (int)h;
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

static int parse_heat(sess *s, lex *l, fig_request *q)
{
	for (int h = 0; h < RSCENE_HEAT_COUNT; h++)
		if (lex_word(l, rscene_heat_name((rscene_heat)h))) {
			q->heat = (rscene_heat)h;
			lex_next(l);
			return 0;
		}
	return sess_fail(s, l->tok.col, "expected a heatmap: f, gp (the Gaussian process's mean) "
	                 "or acq (its acquisition)");
}

/* `A:B` with A < B, finite. */
static int parse_range(sess *s, lex *l, double r[2])
{
	int col = l->tok.col;
	if (parse_number(s, l, &r[0]) != 0 || parse_punct(s, l, ":") != 0 ||
	    parse_number(s, l, &r[1]) != 0)
		return -1;
	if (!(r[0] < r[1]) || !isfinite(r[0]) || !isfinite(r[1]))
		return sess_fail(s, col, "a range A:B needs finite A < B");
	return 0;
}

/* `WORD V` with V in [lo, hi]. */
static int parse_scale(sess *s, lex *l, double lo, double hi, double *v)
{
	int col = l->tok.col;
	if (parse_number(s, l, v) != 0)
		return -1;
	if (!(*v >= lo && *v <= hi))
		return sess_fail(s, col, "expected a number from %g to %g", lo, hi);
	return 0;
}

int figreq_parse_colors(sess *s, lex *l, scene_style *st, char *name, size_t cap)
{
	int col = l->tok.col;
	char *text = NULL;
	bool word = l->tok.kind == LEX_WORD;
	if (word) { /* okabe-ito: words and minus signs written together */
		const char *start = l->tok.text, *end = start + l->tok.len;
		for (lex_next(l); l->tok.text == end && (lex_is(l, "-") || l->tok.kind == LEX_WORD);
		     lex_next(l))
			end = l->tok.text + l->tok.len;
		text = malloc((size_t)(end - start) + 1);
		if (text)
			snprintf(text, (size_t)(end - start) + 1, "%.*s", (int)(end - start), start);
	} else if (parse_string(s, l, "a palette", &text) != 0) {
		return -1;
	}
	int n = text ? scene_colors_parse(text, st->colors, SCENE_COLORS_MAX) : -1;
	if (n > 0 && name && cap) { /* the palette's name, or the list written out */
		size_t len = 0;
		name[0] = 0;
		if (word)
			snprintf(name, cap, "%s", text);
		for (int k = 0; !word && k < n && len + 9 <= cap; k++, len += strlen(name + len))
			snprintf(name + len, cap - len, "%s#%02x%02x%02x", k ? "," : "", st->colors[k].r,
			         st->colors[k].g, st->colors[k].b);
	}
	free(text);
	if (n <= 0)
		return sess_fail(s, col, "expected a palette (okabe-ito, tab10, dark2, gray) or a list "
		                 "such as \"#1f77b4,#ff7f0e\" (up to %d colours)", SCENE_COLORS_MAX);
	st->ncolors = n;
	return 0;
}

/* The style words: legend, linewidth, fontsize, grid, colors, xrange, yrange, box,
 * frames, fps.
 * 1 when the word was none of them, 0 when parsed, -1 on error. */
static int parse_style(sess *s, lex *l, fig_request *q)
{
	int col = l->tok.col;
	if (lex_word(l, "legend")) {
		lex_next(l);
		char w[16] = "";
		if (l->tok.kind == LEX_WORD)
			snprintf(w, sizeof w, "%.*s", l->tok.len, l->tok.text);
		int k = scene_legend_from_name(w);
		if (k < 0)
			return sess_fail(s, l->tok.col, "expected a legend place: best, n, ne, e, se, s, sw, w, "
			                 "nw, outside or none");
		q->style.legend = (scene_legend)k;
		lex_next(l);
	} else if (lex_word(l, "linewidth")) {
		lex_next(l);
		return parse_scale(s, l, 0.1, 10, &q->style.line_scale);
	} else if (lex_word(l, "fontsize")) {
		lex_next(l);
		return parse_scale(s, l, 0.25, 4, &q->style.font_scale);
	} else if (lex_word(l, "colors") || lex_word(l, "colours")) {
		lex_next(l);
		return figreq_parse_colors(s, l, &q->style, NULL, 0);
	} else if (lex_word(l, "grid")) {
		lex_next(l);
		if (!lex_word(l, "on") && !lex_word(l, "off"))
			return sess_fail(s, l->tok.col, "expected grid on or grid off");
		q->style.grid = lex_word(l, "on") ? 1 : -1;
		lex_next(l);
	} else if (lex_word(l, "smooth")) {
		lex_next(l);
		if (!lex_word(l, "on") && !lex_word(l, "off") && !lex_word(l, "auto"))
			return sess_fail(s, l->tok.col, "expected smooth on, off or auto");
		q->style.smooth = lex_word(l, "on") ? 1 : lex_word(l, "off") ? -1 : 0;
		lex_next(l);
	} else if (lex_word(l, "xrange") || lex_word(l, "yrange")) {
		double *r = lex_word(l, "xrange") ? q->xr : q->yr;
		lex_next(l);
		return parse_range(s, l, r);
	} else if (lex_word(l, "box")) {
		lex_next(l);
		return parse_range(s, l, q->box) != 0 || parse_range(s, l, q->box + 2) != 0 ? -1 : 0;
	} else if (lex_word(l, "frames") || lex_word(l, "fps")) {
		bool frames = lex_word(l, "frames");
		if (!q->gif)
			return sess_fail(s, col, "frames and fps are for animations (export \"FILE.gif\")");
		lex_next(l);
		double v;
		if (parse_scale(s, l, frames ? 1 : 0.1, frames ? 1000 : 50, &v) != 0)
			return -1;
		if (frames && v != floor(v))
			return sess_fail(s, col, "frames is a whole number");
		if (frames)
			q->frames = (int)v;
		else
			q->fps = v;
	} else {
		return 1;
	}
	return 0;
}

/* The words after the file name, in any order. */
static int parse_request(sess *s, lex *l, fig_request *q)
{
	while (l->tok.kind != LEX_END) {
		int col = l->tok.col;
		int st = parse_style(s, l, q);
		if (st < 0)
			return -1;
		if (st == 0)
			continue;
		if (lex_word(l, "contour") || lex_word(l, "convergence") || lex_word(l, "both") ||
		    lex_word(l, "ternary") || lex_word(l, "acquisition")) {
			q->kind = lex_word(l, "contour")       ? KIND_CONTOUR
			          : lex_word(l, "convergence") ? KIND_CONVERGENCE
			          : lex_word(l, "ternary")     ? KIND_TERNARY
			          : lex_word(l, "acquisition") ? KIND_ACQ
			                                       : KIND_BOTH;
			lex_next(l);
		} else if (lex_word(l, "size")) {
			lex_next(l);
			if (cmd_figure_size(s, l, &q->width, &q->height) != 0)
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
		} else if (lex_word(l, "heatmap")) {
			lex_next(l);
			if (parse_heat(s, l, q) != 0)
				return -1;
		} else if (l->tok.kind == LEX_WORD) {
			char name[WS_NAME_MAX];
			if (parse_name(s, l, "a run", name, sizeof name) != 0)
				return -1;
			ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
			if (!it)
				return sess_fail(s, col,
				                 "no run '%s' (after the file: contour, convergence, both, ternary, "
				                 "acquisition, RUN names, size WxH, title \"...\", log, linear, "
				                 "metric M, xaxis X, heatmap f|gp|acq, legend P, linewidth K, fontsize K, grid on|off, "
				                 "smooth on|off|auto, xrange A:B, yrange A:B)",
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

char *cmd_figure_source(sess *s, const char *command)
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

/* The options of a figure Q asks for: its size, optlab's name in SOFTWARE and the script
 * that rebuilds it as the source, which the caller frees. */
static fig_opts figure_opts(sess *s, lex *l, const fig_request *q, char software[64])
{
	snprintf(software, 64, "optlab %s", OPTLAB_VERSION);
	char *cmd = NULL, *source = NULL;
	size_t len = 0;
	FILE *f = q->box_from_view ? open_memstream(&cmd, &len) : NULL;
	if (f) { /* the view's box, written out so that --replay draws the same figure */
		fprintf(f, "%s box %.17g:%.17g %.17g:%.17g", l->src, q->box[0], q->box[1], q->box[2],
		        q->box[3]);
		if (fclose(f) == 0)
			source = cmd_figure_source(s, cmd);
		free(cmd);
	} else if (!q->box_from_view) {
		source = cmd_figure_source(s, l->src);
	}
	return (fig_opts){.width = q->width, .height = q->height, .software = software,
	                  .source = source};
}

/* The ternary kind: a 3 x 3 matrix game's mixed strategies on two triangles. */
static int export_ternary(sess *s, lex *l, const char *path, int path_col, fig_request *q)
{
	tern_data d;
	char err[512];
	if (tern_fill(&d, q->runs, q->nruns, err, sizeof err) != 0)
		return sess_fail(s, path_col, "%s", err);
	d.scene.title = q->title;
	d.scene.style = q->style;
	char software[64];
	fig_opts fo = figure_opts(s, l, q, software);
	int rc = fig_ternary_write(path, (fig_format)fig_format_from_path(path), &fo, &d.scene, err,
	                           sizeof err);
	free((char *)fo.source);
	tern_data_free(&d);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}

/* A tabular policy problem: its policy (fig_policy.h) where the contour would be, beside
 * the convergence plot unless `contour` asks for the picture alone. */
static int export_policy(sess *s, lex *l, const char *path, int path_col, fig_request *q)
{
	policy_data d;
	figreq_scenes sc;
	char err[512];
	bool conv = q->kind != KIND_CONTOUR;
	q->kind = KIND_CONVERGENCE;
	if (policy_fill(&d, q->runs, q->nruns, true, err, sizeof err) != 0)
		return sess_fail(s, path_col, "%s", err);
	int rc = conv ? figreq_scenes_make(s, q, &sc, err, sizeof err) : 0;
	if (rc == 0) {
		if (!conv)
			d.scene.title = q->title;
		d.scene.style = q->style;
		char software[64];
		fig_opts fo = figure_opts(s, l, q, software);
		rc = fig_policy_write(path, (fig_format)fig_format_from_path(path), &fo, &d.scene,
		                      conv ? &sc.conv : NULL, err, sizeof err);
		free((char *)fo.source);
	}
	if (conv)
		figreq_scenes_free(&sc);
	policy_data_free(&d);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}

int figreq_parse(sess *s, lex *l, fig_request *q)
{
	if (parse_request(s, l, q) != 0)
		return -1;
	sess_colors(s, &q->style); /* `set colors`, unless the figure names its own */
	if (q->nruns == 0) /* every run, in the order they were made */
		for (int i = 0; i < s->ws.count && q->nruns < RSCENE_MAX_RUNS; i++)
			if (s->ws.items[i]->kind == WS_RUN)
				q->runs[q->nruns++] = (rscene_run){s->ws.items[i]->u.run.r,
				                                   ws_run_label(s->ws.items[i]), 0};
	for (int i = 0; i < q->nruns; i++)
		q->runs[i].color = i;
	return 0;
}

void figreq_free(fig_request *q)
{
	free(q->title);
	q->title = NULL;
}

/* The convergence panel takes the request's title, style and (without a box, where
 * they belong to the contour panel) its ranges. */
static void conv_finish(const fig_request *q, figreq_scenes *sc, bool box)
{
	sc->conv.title = q->title;
	sc->conv.style = q->style;
	if (!box) {
		memcpy(sc->conv.xlim, q->xr, sizeof q->xr);
		memcpy(sc->conv.ylim, q->yr, sizeof q->yr);
	}
	sc->has_conv = true;
}

/* The scenes of runs on a multi-objective problem (moscene.h): the objective space in
 * place of the contour, the hypervolume in place of the convergence unless a metric was
 * asked for. */
static int scenes_objectives(fig_request *q, figreq_scenes *sc, bool box, char *err,
                             size_t cap)
{
	const prob *p = run_prob(q->runs[0].r);
	if (!(sc->ms = malloc(sizeof *sc->ms))) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	scene_conv hv;
	if (moscene_fill(sc->ms, p, q->runs, q->nruns, &sc->field, &hv, err, cap) != 0) {
		free(sc->ms);
		sc->ms = NULL;
		return -1;
	}
	sc->has_field = q->kind != KIND_CONVERGENCE;
	sc->field.title = q->kind == KIND_CONTOUR && q->title ? q->title : sc->field.title;
	sc->field.style = q->style;
	if (box && q->xr[0] < q->xr[1])
		sc->field.x0 = q->xr[0], sc->field.x1 = q->xr[1];
	if (box && q->yr[0] < q->yr[1])
		sc->field.y0 = q->yr[0], sc->field.y1 = q->yr[1];
	if (q->kind == KIND_CONTOUR)
		return 0;
	if (q->metric != RSCENE_AUTO) {
		rscene_metric used;
		if (rscene_conv(sc->rs, q->runs, q->nruns, q->metric, q->xaxis, &sc->conv, &used)) {
			snprintf(err, cap, "out of memory");
			return -1;
		}
	} else {
		sc->conv = hv;
	}
	conv_finish(q, sc, box);
	return 0;
}

/* A bo run's Gaussian process: its mean or acquisition as the contour's heatmap
 * (`heatmap`), and the acquisition as a panel of its own (KIND_ACQ). */
static int scenes_model(fig_request *q, figreq_scenes *sc, const rscene_opts *o, char *err,
                        size_t cap)
{
	const run *r = rscene_model_run(q->runs, q->nruns, run_prob(q->runs[0].r));
	if (!r) {
		snprintf(err, cap, "heatmap gp, heatmap acq and acquisition picture a surrogate model "
		         "(bo's Gaussian process); none of the figure's runs has one");
		return -1;
	}
	if (q->kind == KIND_ACQ) {
		sc->acq = sc->field;
		sc->acq.npaths = 0; /* the points, their numbers and x* over the acquisition */
		if (rscene_model(sc->rs, r, o, RSCENE_HEAT_ACQ, &sc->acq, err, cap) != 0)
			return -1;
		sc->has_acq = true;
		sc->field.title = q->title ? q->title : "f";
	}
	if (q->heat != RSCENE_HEAT_F &&
	    rscene_model(sc->rs, r, o, q->heat, &sc->field, err, cap) != 0)
		return -1;
	if (q->kind == KIND_ACQ && q->title)
		sc->field.title = q->title;
	return 0;
}

int figreq_scenes_make(sess *s, fig_request *q, figreq_scenes *sc, char *err, size_t cap)
{
	memset(sc, 0, sizeof *sc);
	teach_bounds_init(&sc->tb);
	const prob *p = run_prob(q->runs[0].r);
	if (q->kind == KIND_AUTO)
		q->kind = KIND_BOTH;
	sc->rs = rscene_new();
	if (!sc->rs) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	/* xrange and yrange: the contour panel's box when it is drawn alone, else the
	 * convergence panel's axes */
	bool box = q->kind == KIND_CONTOUR || q->kind == KIND_ACQ;
	if ((q->kind == KIND_ACQ || q->heat != RSCENE_HEAT_F) && (p->n < 2 || moscene_applies(p))) {
		snprintf(err, cap, "heatmap gp, heatmap acq and acquisition draw a model over two "
		         "coordinates of one objective; '%s' is %s", p->name,
		         p->n < 2 ? "drawn as f(x)" : "drawn in objective space");
		return -1;
	}
	if (moscene_applies(p)) /* several objectives: objective space, hypervolume */
		return scenes_objectives(q, sc, box, err, cap);
	if (q->kind != KIND_CONVERGENCE && p->n == 1 && figreq_curve(p, q, sc, err, cap) != 0)
		return -1;
	if (q->kind != KIND_CONVERGENCE && p->n >= 2) {
		rscene_opts o = {.cx = 0, .cy = 1, .cmap = CMAP_VIRIDIS, .nlevels = 14};
		o.log_color = q->log < 0 ? p->logscale : q->log;
		double aspect = q->kind == KIND_BOTH || q->kind == KIND_ACQ ? 0.5 * q->width / q->height
		                                                             : (double)q->width / q->height;
		/* the longer side FIG_GRID_MAX nodes, fewer where gridlimit asks (coarser) */
		double side = fmin(FIG_GRID_MAX, sqrt((double)s->set.gridlimit * fmax(aspect, 1 / aspect)));
		o.gw = aspect >= 1 ? (int)side : (int)(side * aspect);
		o.gh = aspect >= 1 ? (int)(side / aspect) : (int)side;
		/* a finite sum costs m component values a node: a coarser grid (the picture
		 * interpolates between nodes, and the objective is smooth) */
		rscene_sum_cap(p, &o.gw, &o.gh);
		o.gw = o.gw < 2 ? 2 : o.gw;
		o.gh = o.gh < 2 ? 2 : o.gh;
		rscene_default_view(p, 0, 1, NULL, q->runs, q->nruns, o.view);
		if (!(q->box[0] < q->box[1]) && s->view_prob == p && s->view_cx == 0 &&
		    s->view_cy == 1) { /* `:export` in the view: its zoom and pan */
			memcpy(q->box, s->view_box, sizeof q->box);
			q->box_from_view = true;
		}
		if (q->box[0] < q->box[1])
			memcpy(o.view, q->box, sizeof o.view);
		if (box && q->xr[0] < q->xr[1])
			o.view[0] = q->xr[0], o.view[1] = q->xr[1];
		if (box && q->yr[0] < q->yr[1])
			o.view[2] = q->yr[0], o.view[3] = q->yr[1];
		if (rscene_field(sc->rs, p, q->runs, q->nruns, &o, &sc->field, err, cap) != 0)
			return -1;
		sc->field.title = q->kind == KIND_CONTOUR ? q->title : NULL;
		if (p->n > 2) { /* a slice: say through which point */
			snprintf(sc->xlabel, sizeof sc->xlabel,
			         "%.60s   (a slice: the other %d coordinates at the problem's start)",
			         sc->field.xlabel, p->n - 2);
			sc->field.xlabel = sc->xlabel;
		}
		sc->field.style = q->style;
		sc->has_field = true;
		if ((q->heat != RSCENE_HEAT_F || q->kind == KIND_ACQ) &&
		    scenes_model(q, sc, &o, err, cap) != 0)
			return -1;
	}
	if (q->kind != KIND_CONTOUR && q->kind != KIND_ACQ) {
		rscene_metric used;
		int rc = rscene_conv(sc->rs, q->runs, q->nruns, q->metric, q->xaxis, &sc->conv, &used);
		if (rc == 0 && q->xaxis == RSCENE_XITER) /* bounds are in iterations */
			rc = teach_bounds_fill(&sc->tb, &s->ws, q->runs, q->nruns, used, &sc->conv);
		if (rc != 0) {
			snprintf(err, cap, "out of memory");
			return -1;
		}
		conv_finish(q, sc, box);
	}
	return 0;
}

void figreq_scenes_free(figreq_scenes *sc)
{
	free(sc->cx);
	for (int k = 0; k < RSCENE_MAX_RUNS; k++)
		free(sc->cbuf[k]);
	sc->cx = NULL;
	if (sc->ms)
		moscene_free(sc->ms);
	free(sc->ms);
	sc->ms = NULL;
	rscene_free(sc->rs);
	teach_bounds_free(&sc->tb);
	sc->rs = NULL;
}

int cmd_export_figure(sess *s, lex *l, const char *path, int path_col)
{
	fig_request q = {.kind = KIND_AUTO, .width = 1600, .height = 1200, .log = -1};
	if (figreq_parse(s, l, &q) != 0) {
		figreq_free(&q);
		return -1;
	}
	if (q.nruns == 0) {
		figreq_free(&q);
		return sess_fail(s, path_col, "no runs to draw; make one with `run`");
	}
	if (q.kind == KIND_TERNARY) {
		int rc = export_ternary(s, l, path, path_col, &q);
		figreq_free(&q);
		return rc;
	}
	if (q.kind != KIND_CONVERGENCE && policy_pictured(run_prob(q.runs[0].r))) {
		int rc = export_policy(s, l, path, path_col, &q);
		figreq_free(&q);
		return rc;
	}
	figreq_scenes sc;
	char err[512];
	int rc = figreq_scenes_make(s, &q, &sc, err, sizeof err);
	if (rc == 0) {
		char software[64];
		fig_opts fo = figure_opts(s, l, &q, software);
		fig_format fmt = (fig_format)fig_format_from_path(path);
		rc = sc.has_curve ? fig_write_curves(path, fmt, &fo, &sc.curve,
		                                     sc.has_conv ? &sc.conv : NULL, err, sizeof err)
		     : sc.has_acq ? fig_write_fields(path, fmt, &fo, &sc.field, &sc.acq, err, sizeof err)
		                  : fig_write(path, fmt, &fo, sc.has_field ? &sc.field : NULL,
		                              sc.has_conv ? &sc.conv : NULL, err, sizeof err);
		free((char *)fo.source);
	}
	figreq_scenes_free(&sc);
	figreq_free(&q);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}
