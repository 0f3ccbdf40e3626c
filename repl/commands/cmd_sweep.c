/* `sweep`: one method over a grid of one parameter, iterations to a condition
 * against the parameter, as a table and a figure; over two, a phase diagram
 * (cmd_sweep2.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_sweep.h"
#include "fig_sweep.h"
#include "fmt.h"
#include "parse.h"
#include "progress.h"
#include "sweep.h"
#include "version.h"

/* `linspace(A, B, N)` or `logspace(A, B, N)` after the parameter's `=`. */
static int parse_grid(sess *s, lex *l, const param_def *d, sweep_axis *q)
{
	int col = l->tok.col;
	q->logspace = lex_word(l, "logspace");
	lex_next(l);
	long n;
	if (parse_punct(s, l, "(") != 0 || parse_number(s, l, &q->a) != 0 ||
	    parse_punct(s, l, ",") != 0 || parse_number(s, l, &q->b) != 0 ||
	    parse_punct(s, l, ",") != 0 || parse_long(s, l, "the number of points", 2,
	                                              SWEEP_MAX_POINTS, &n) != 0 ||
	    parse_punct(s, l, ")") != 0)
		return -1;
	q->npts = (int)n;
	if (q->logspace && !(q->a > 0 && q->b > 0))
		return sess_fail(s, col, "logspace needs positive ends");
	if (!(q->a < q->b))
		return sess_fail(s, col, "a grid goes from a smaller value to a larger one");
	if (d->choices || d->integer)
		return sess_fail(s, col, "%s is not a real-valued parameter; sweep a numeric one",
		                 d->name);
	return 0;
}

double sweep_axis_at(const sweep_axis *q, int i)
{
	double t = (double)i / (q->npts - 1);
	if (i == q->npts - 1)
		return q->b; /* the end exactly, not a rounding of it */
	return q->logspace ? q->a * pow(q->b / q->a, t) : q->a + (q->b - q->a) * t;
}

/* METHOD(P = GRID, Q = V, ...), or SOLVER(P = GRID, ...): one grid or two. */
static int parse_spec(sess *s, lex *l, sweep_req *q)
{
	int col = l->tok.col;
	char name[WS_NAME_MAX];
	if (parse_name(s, l, "a method", name, sizeof name) != 0)
		return -1;
	ws_item *si = ws_get_kind(&s->ws, name, WS_SOLVER);
	if (si) {
		q->sv = si->u.solver;
	} else {
		q->sv.m = meth_find(name);
		if (!q->sv.m) {
			char hint[96];
			return sess_fail(s, col, "no solver or method '%s'%s; `methods` lists the methods",
			                 name,
			                 parse_suggest(s, name, SUGGEST_SOLVER | SUGGEST_METHOD, hint,
			                               sizeof hint));
		}
		param_defaults(q->sv.m->params, q->sv.m->nparams, q->sv.params);
	}
	const meth *m = q->sv.m;
	q->naxes = 0;
	if (parse_punct(s, l, "(") != 0)
		return -1;
	while (!lex_is(l, ")")) {
		int pcol = l->tok.col;
		char pname[WS_NAME_MAX];
		if (parse_name(s, l, "a parameter name", pname, sizeof pname) != 0)
			return -1;
		int k = param_find(m->params, m->nparams, pname);
		if (k < 0)
			return sess_fail(s, pcol, "%s has no parameter '%s' (`describe %s`)", m->name,
			                 pname, m->name);
		if (parse_punct(s, l, "=") != 0)
			return -1;
		int vcol = l->tok.col;
		if (lex_word(l, "linspace") || lex_word(l, "logspace")) {
			if (q->naxes == 2)
				return sess_fail(s, vcol, "a sweep varies one or two parameters; %s and "
				                          "%s already have grids",
				                 m->params[q->ax[0].k].name, m->params[q->ax[1].k].name);
			sweep_axis *a = &q->ax[q->naxes++];
			a->k = k;
			if (parse_grid(s, l, &m->params[k], a) != 0)
				return -1;
			if (q->naxes == 2 && q->ax[0].npts * q->ax[1].npts > SWEEP_MAX_TOTAL)
				return sess_fail(s, vcol, "a two-parameter grid has at most %d points, "
				                          "not %d x %d", SWEEP_MAX_TOTAL, q->ax[0].npts,
				                 q->ax[1].npts);
		} else if (m->params[k].choices && l->tok.kind == LEX_WORD) {
			char word[WS_NAME_MAX];
			if (parse_name(s, l, "a choice", word, sizeof word) != 0)
				return -1;
			int c = param_choice(&m->params[k], word);
			if (c < 0)
				return sess_fail(s, vcol, "%s has no choice '%s'", pname, word);
			q->sv.params[k] = c;
		} else {
			double v;
			char err[160];
			if (parse_const(s, l, &v) != 0)
				return -1;
			if (param_check(&m->params[k], v, err, sizeof err) != 0)
				return sess_fail(s, vcol, "%s", err);
			q->sv.params[k] = v;
		}
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, ")"))
			return parse_punct(s, l, ")");
	}
	lex_next(l);
	if (q->naxes == 0)
		return sess_fail(s, col, "no grid to sweep: give one parameter (or two) as "
		                         "linspace(A, B, N) or logspace(A, B, N)");
	char err[160];
	for (int a = 0; a < q->naxes; a++)
		for (int i = 0; i < q->ax[a].npts; i++)
			if (param_check(&m->params[q->ax[a].k], sweep_axis_at(&q->ax[a], i), err,
			                sizeof err) != 0)
				return sess_fail(s, col, "the grid leaves %s's range: %s",
				                 m->params[q->ax[a].k].name, err);
	return 0;
}

/* on PROBLEM [from (V, ...) | from default] */
static int parse_target(sess *s, lex *l, sweep_req *q)
{
	char pname[WS_NAME_MAX];
	if (parse_keyword(s, l, "on") != 0)
		return -1;
	int pcol = l->tok.col;
	if (parse_name(s, l, "a problem name", pname, sizeof pname) != 0)
		return -1;
	if (!(q->pi = ws_get_kind(&s->ws, pname, WS_PROBLEM)))
		return parse_no_item(s, pcol, WS_PROBLEM, pname);
	if (!lex_word(l, "from"))
		return 0;
	lex_next(l);
	if (lex_word(l, "default")) {
		lex_next(l);
		return 0;
	}
	int fcol = l->tok.col, n0;
	if (parse_tuple(s, l, &q->x0, &n0) != 0)
		return -1;
	int n = q->pi->u.prob->p->n;
	if (n0 != n)
		return sess_fail(s, fcol, "problem '%s' has %d variable%s, the start has %d", pname, n,
		                 n == 1 ? "" : "s", n0);
	return 0;
}

/* [max N] [threads N] [map iters|rate] [export "FILE" [size WxH]], in any order. */
static int parse_tail(sess *s, lex *l, sweep_req *q)
{
	while (l->tok.kind != LEX_END) {
		int col = l->tok.col;
		long v;
		if (lex_word(l, "max")) {
			lex_next(l);
			if (parse_long(s, l, "max", 1, s->set.steplimit, &q->max) != 0)
				return -1;
		} else if (lex_word(l, "threads")) {
			lex_next(l);
			if (parse_long(s, l, "threads", 1, SWEEP_MAX_THREADS, &v) != 0)
				return -1;
			q->threads = (int)v;
		} else if (lex_word(l, "map") && q->naxes == 2) {
			lex_next(l);
			if (!lex_word(l, "iters") && !lex_word(l, "rate"))
				return sess_fail(s, l->tok.col, "a phase diagram maps iters or rate");
			q->map_rate = lex_word(l, "rate");
			lex_next(l);
		} else if (lex_word(l, "export") && !q->path) {
			lex_next(l);
			if (s->sandbox)
				return sess_fail(s, col, "files are off in this session");
			int fcol = l->tok.col;
			if (parse_string(s, l, "a file name", &q->path) != 0)
				return -1;
			if (fig_format_from_path(q->path) < 0)
				return sess_fail(s, fcol, "a sweep's figure is .png, .svg or .pdf");
		} else if (lex_word(l, "size") && q->path) {
			lex_next(l);
			double w, h = 0;
			int scol = l->tok.col;
			if (parse_number(s, l, &w) != 0)
				return -1;
			if (l->tok.kind == LEX_WORD && l->tok.text[0] == 'x' && l->tok.len > 1) {
				char *end; /* WxH lexes as a number and the word "xH", as in export */
				h = strtod(l->tok.text + 1, &end);
				if (end != l->tok.text + l->tok.len)
					return sess_fail(s, scol, "expected a size such as 1600x1000");
				lex_next(l);
			} else if (parse_number(s, l, &h) != 0) {
				return -1;
			}
			if (w != floor(w) || h != floor(h) || w < FIG_MIN_DIM || w > FIG_MAX_DIM ||
			    h < FIG_MIN_DIM || h > FIG_MAX_DIM)
				return sess_fail(s, scol, "a figure's size is WxH, whole numbers from %d "
				                          "to %d", FIG_MIN_DIM, FIG_MAX_DIM);
			q->width = (int)w, q->height = (int)h;
		} else {
			return sess_fail(s, col, "expected max N, threads N, %sexport \"FILE\" or the end",
			                 q->naxes == 2 ? "map iters|rate, " : "");
		}
	}
	return 0;
}

const char *sweep_result(const sweep_point *p, long max)
{
	static const char *const names[] = {
#define X(id, name) name,
	    RUN_STOP_LIST(X)
#undef X
	};
	if (!p->done)
		return "interrupted";
	if (p->met)
		return "met";
	if (p->err[0])
		return "refused";
	if (p->stop == RUN_RUNNING)
		return max > 0 ? "max" : "running";
	return names[p->stop];
}

/* The fewest digits, from 3 up to PREC, that tell every grid value from its neighbour. */
static int grid_digits(const sweep_point *pt, int npts, int prec)
{
	char a[32], b[32];
	for (int d = prec < 3 ? prec : 3; d < prec; d++) {
		int i = 1;
		for (; i < npts; i++)
			if (strcmp(fmt_num(a, sizeof a, pt[i - 1].value, d),
			           fmt_num(b, sizeof b, pt[i].value, d)) == 0)
				break;
		if (i == npts)
			return d;
	}
	return prec;
}

static void print_table(sess *s, const sweep_req *q, const sweep_point *pt)
{
	const meth *m = q->sv.m;
	const prob *p = q->pi->u.prob->p;
	int gap = !isnan(p->fstar);
	/* a summary: the grid's values as short as they stay distinct, f to 3 digits */
	const sweep_axis *ax = &q->ax[0];
	int prec = grid_digits(pt, ax->npts, s->set.precision);
	int fprec = s->set.precision < 3 ? s->set.precision : 3;
	char v1[32], v2[32];
	int nobj = multi_of(p) ? multi_of(p)->k : 0; /* several objectives: each one's value */
	fprintf(s->out, "  %14s %10s %14s", m->params[ax->k].name, "iters", gap ? "f - f*" : "f");
	for (int j = 0; j < nobj; j++)
		fprintf(s->out, " %11s%d", "f", j + 1);
	fprintf(s->out, "  %s\n", "result");
	int nmet = 0, best = -1;
	for (int i = 0; i < ax->npts; i++) {
		const sweep_point *o = &pt[i];
		if (o->err[0]) {
			fprintf(s->out, "  %14s %10s %14s  refused: %s\n",
			        fmt_num(v1, sizeof v1, o->value, prec), "-", "-", o->err);
			continue;
		}
		fprintf(s->out, "  %14s %10ld %14s", fmt_num(v1, sizeof v1, o->value, prec), o->iters,
		        o->done ? fmt_num(v2, sizeof v2, gap ? o->fgap : o->f, fprec) : "-");
		for (int j = 0; j < nobj; j++)
			fprintf(s->out, " %12s",
			        o->done && j < o->nobj ? fmt_num(v2, sizeof v2, o->obj[j], fprec) : "-");
		fprintf(s->out, "  %s\n", sweep_result(o, q->max));
		if (o->met) {
			nmet++;
			if (best < 0 || o->iters < pt[best].iters)
				best = i;
		}
	}
	fprintf(s->out, "  met at %d of %d points", nmet, ax->npts);
	if (best >= 0)
		fprintf(s->out, "; fewest iterations: %ld at %s = %s", pt[best].iters,
		        m->params[ax->k].name, fmt_num(v1, sizeof v1, pt[best].value, prec));
	fprintf(s->out, "\n");
}

static int write_figure(sess *s, lex *l, const sweep_req *q, const sweep_point *pt,
                        const char *cond_text)
{
	int npts = q->ax[0].npts;
	double *x = malloc((size_t)npts * 2 * sizeof *x), *y = x ? x + npts : NULL;
	char title[320], ylabel[160], unmet[64], label[160], software[64];
	if (!x)
		return sess_fail(s, 0, "out of memory");
	for (int i = 0; i < npts; i++) {
		x[i] = pt[i].value;
		y[i] = pt[i].met ? (double)pt[i].iters : NAN;
	}
	snprintf(title, sizeof title, "%.40s on %.40s: iterations until %.160s", q->sv.m->name,
	         q->pi->name, cond_text);
	snprintf(ylabel, sizeof ylabel, "iterations");
	snprintf(unmet, sizeof unmet, "not met within %ld", q->max);
	snprintf(label, sizeof label, "%s", q->sv.m->name);
	scene_sweep sc = {.title = title, .xlabel = q->sv.m->params[q->ax[0].k].name,
	                  .ylabel = ylabel, .label = label, .unmet_label = unmet,
	                  .xlog = q->ax[0].logspace, .x = x, .y = y, .n = (size_t)npts,
	                  .ymax = (double)q->max, .color = 0};
	snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
	char *text = cmd_figure_source(s, l->src);
	fig_opts fo = {.width = q->width, .height = q->height, .software = software,
	               .source = text};
	char err[512];
	int rc = fig_sweep_write(q->path, (fig_format)fig_format_from_path(q->path), &fo, &sc, err,
	                         sizeof err);
	free(text);
	free(x);
	return rc == 0 ? 0 : sess_fail(s, 0, "%s", err);
}

/* The sweep's progress line: the points finished. */
static void sweep_progress(void *ctx, int finished, int npts)
{
	prog_show(ctx, "sweep: %d of %d points done", finished, npts);
}

/* sweep METHOD(P = GRID, [Q = GRID,] ...) on PROBLEM [from (V, ...)] until CONDITION
 * [max N] [threads N] [map iters|rate] [export "FILE" [size WxH]] */
int cmd_sweep(sess *s, lex *l)
{
	sweep_req q = {.max = s->set.maxsteps < s->set.steplimit ? s->set.maxsteps
	                                                         : s->set.steplimit,
	               .width = 1600, .height = 1000};
	cond *c = NULL;
	sweep_point *pt = NULL;
	double *grid = NULL;
	int rc = -1, npts = 0;
	if (parse_spec(s, l, &q) != 0 || parse_target(s, l, &q) != 0 ||
	    parse_keyword(s, l, "until") != 0)
		goto out;
	const prob *p = q.pi->u.prob->p;
	int ccol = l->tok.col;
	if (!(c = cond_parse(s, l)))
		goto out;
	int cend = l->tok.col;
	if (parse_tail(s, l, &q) != 0)
		goto out;
	char ctext[160];
	int clen = cend - ccol;
	while (clen > 0 && (l->src[ccol + clen - 1] == ' ' || l->src[ccol + clen - 1] == '\t'))
		clen--;
	snprintf(ctext, sizeof ctext, "%.*s", clen, l->src + ccol);
	/* a run made here only to ask what the condition needs of the problem */
	char err[256];
	run *probe = run_new(p, q.sv.m, q.sv.params, q.x0, &s->set.run, err, sizeof err);
	if (!probe) {
		sess_fail(s, 0, "%s", err);
		goto out;
	}
	const char *missing = cond_missing(c, probe);
	run_free(probe);
	if (missing) {
		sess_fail(s, ccol, "problem '%s' has no %s", q.pi->name, missing);
		goto out;
	}
	/* a two-parameter grid as its list of pairs, the first parameter fastest */
	int n0 = q.ax[0].npts, n1 = q.naxes == 2 ? q.ax[1].npts : 1;
	npts = n0 * n1;
	pt = calloc((size_t)npts, sizeof *pt);
	grid = malloc((size_t)npts * 2 * sizeof *grid);
	if (!pt || !grid) {
		sess_fail(s, 0, "out of memory");
		goto out;
	}
	for (int i = 0; i < npts; i++) {
		grid[i] = sweep_axis_at(&q.ax[0], i % n0);
		grid[npts + i] = q.naxes == 2 ? sweep_axis_at(&q.ax[1], i / n0) : NAN;
	}
	sweep_job j = {.p = p, .m = q.sv.m, .params = q.sv.params, .k = q.ax[0].k, .grid = grid,
	               .npts = npts, .k2 = q.ax[1].k, .grid2 = q.naxes == 2 ? grid + npts : NULL,
	               .x0 = q.x0, .opts = s->set.run, .c = c, .max = q.max,
	               .threads = q.threads, .interrupt = &s->interrupted};
	prog pg;
	prog_start(&pg, s);
	if (s->interactive)
		j.progress = sweep_progress, j.progress_ctx = &pg;
	int swept = sweep_run(&j, pt, err, sizeof err);
	prog_done(&pg);
	if (swept != 0) {
		sess_fail(s, 0, "%s", err);
		goto out;
	}
	if (q.naxes == 2) {
		fprintf(s->out, "sweep %s over %s x %s on %s: until %s, max %ld\n", q.sv.m->name,
		        q.sv.m->params[q.ax[0].k].name, q.sv.m->params[q.ax[1].k].name, q.pi->name,
		        ctext, q.max);
		sweep2_table(s, &q, pt);
	} else {
		fprintf(s->out, "sweep %s over %s on %s: until %s, max %ld\n", q.sv.m->name,
		        q.sv.m->params[q.ax[0].k].name, q.pi->name, ctext, q.max);
		print_table(s, &q, pt);
	}
	if (s->interrupted)
		fprintf(s->out, "  interrupted: the points not finished are marked so\n");
	int may = q.path && !s->interrupted ? sess_may_write(s, 0, q.path) : 1;
	if (may == 0)
		rc = q.naxes == 2 ? sweep2_figure(s, l, &q, pt, ctext) : write_figure(s, l, &q, pt, ctext);
	else
		rc = may < 0 ? -1 : 0;
out:
	cond_free(c);
	free(pt);
	free(grid);
	free(q.x0);
	free(q.path);
	return rc;
}
