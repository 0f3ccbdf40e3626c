/* `bound RUN [L = V] [mu = V] [Lmax = V]` (cubic: `[L = V] [D = V]`): the textbook rate
 * bound of a run's method, stored with the run and drawn dashed beside its measured f - f*. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "canvas.h"
#include "cmd_all.h"
#include "fmt.h"
#include "parse.h"
#include "teach.h"

#define BOUND_POINTS 2000 /* points of a dashed bound curve at most */

/* The start of a run, n values. */
static const double *run_start(const ws_item *it)
{
	return it->u.run.x0 ? it->u.run.x0 : run_prob(it->u.run.r)->x0;
}

#define BOUND_SAMPLES 16 /* iterates of the run where the constants are estimated */

/* L and mu where the user gave neither: exact for a quadratic, else the largest and
 * smallest Hessian eigenvalues estimated at the start, at up to BOUND_SAMPLES + 1
 * iterates spread over the run and at x*. Negative curvature on the way is reported
 * in *curv (0 when none) and where in *curv_at (-1: x*): the bound is then shown
 * with mu = 0 and a warning that f is not convex. */
static int constants(sess *s, const ws_item *it, int col, double *L, bound_source *sL,
                     double *mu, bound_source *smu, double *curv, long *curv_at)
{
	const prob *p = run_prob(it->u.run.r);
	const trace *t = run_trace(it->u.run.r);
	double qL, qmu;
	char err[256];
	*curv = 0;
	*curv_at = 0;
	if (bound_quad_consts(p, run_start(it), &qL, &qmu, err, sizeof err) == 0) {
		if (*sL != BOUND_GIVEN)
			*L = qL, *sL = BOUND_EXACT;
		if (*smu != BOUND_GIVEN)
			*mu = qmu, *smu = BOUND_EXACT;
		return 0;
	}
	if (*sL == BOUND_GIVEN && *smu == BOUND_GIVEN)
		return 0;
	double eL = -INFINITY, emu = INFINITY;
	long last = trace_len(t) - 1;
	int full = trace_nx(t) == p->n; /* the trace keeps whole iterates */
	for (int k = -1; k <= BOUND_SAMPLES + 1; k++) {
		long i = k < 0 ? 0 : k <= BOUND_SAMPLES && full ? last * k / BOUND_SAMPLES : -1;
		const double *x = k < 0 ? run_start(it) : i >= 0 ? trace_x(t, i) : NULL;
		if (k == BOUND_SAMPLES + 1 && p->nsol > 0)
			x = p->xstar;
		double L2, mu2;
		if (!x)
			continue;
		/* the start must give an estimate; an iterate of a diverged run need not */
		if (bound_estimate(p, x, &L2, &mu2, err, sizeof err) != 0) {
			if (k < 0)
				return sess_fail(s, col, "%s", err);
			continue;
		}
		eL = fmax(eL, L2);
		if (mu2 < emu)
			emu = mu2, *curv_at = i;
	}
	if (!(eL > 0))
		return sess_fail(s, col, "no positive curvature along the run: give L = V and mu = V");
	if (emu < -1e-9 * eL) /* below what power iteration resolves */
		*curv = emu;
	emu = fmax(emu, 0);
	if (*sL != BOUND_GIVEN)
		*L = eL, *sL = BOUND_ESTIMATED;
	if (*smu != BOUND_GIVEN)
		*mu = emu, *smu = BOUND_ESTIMATED;
	return 0;
}

/* Prints the bound beside the measured gap at k = 0, 1, 10, 100, ... and the last. */
static void print_bound(sess *s, const ws_item *it, const bound *b)
{
	const run *r = it->u.run.r;
	const trace *t = run_trace(r);
	int prec = s->set.precision;
	char v1[32], v2[32], v3[32];
	int grad = b->kind == BOUND_CUBIC_GRAD; /* the smallest gradient norm of rows 1..k */
	const char *gap_head = grad ? "min ‖∇f‖" : "f − f*";
	fprintf(s->out, "%s: %s ≤ %s\n", it->name, grad ? "min over i ≤ k of ‖∇f(xᵢ)‖" : "f − f*",
	        b->formula);
	if (grad)
		fprintf(s->out, "  assumes %s; L %s\n", b->assumption, bound_source_name(b->src_L));
	else
		fprintf(s->out, "  assumes %s; L %s, %s %s\n", b->assumption,
		        bound_source_name(b->src_L), b->kind == BOUND_CUBIC ? "D" : "μ",
		        bound_source_name(b->kind == BOUND_CUBIC ? b->src_D : b->src_mu));
	/* printf's widths count bytes; the column counts characters */
	fprintf(s->out, "  %8s %*s %14s %8s\n", "iter",
	        14 + (int)strlen(gap_head) - canvas_text_width(gap_head), gap_head, "bound", "ratio");
	long last = trace_len(t) - 1, seen = 0;
	double gmin = INFINITY;
	for (long k = 0;; k = k == 0 ? 1 : k * 10) {
		if (k > last)
			k = last;
		for (; grad && seen < k; seen++)
			gmin = fmin(gmin, trace_row_at(t, seen + 1)->gnorm);
		double gap = grad ? (k == 0 ? trace_row_at(t, 0)->gnorm : gmin)
		                  : trace_row_at(t, k)->f - run_prob(r)->fstar;
		double bk = bound_value(b, k);
		fprintf(s->out, "  %8ld %14s %14s %8s\n", k, fmt_num(v1, sizeof v1, gap, prec),
		        fmt_num(v2, sizeof v2, bk, prec),
		        fmt_num(v3, sizeof v3, gap > 0 ? bk / gap : NAN, 3));
		if (k == last)
			break;
	}
	if (b->kind == BOUND_SGD)
		fprintf(s->out, "  a bound on the mean over seeds; one run scatters about it, and its "
		                "f is evaluated every `evalevery` steps (0: each epoch)\n");
}

/* bound RUN [L = V] [mu = V] [Lmax = V] [none]; cubic: bound RUN [L = V] [D = V] */
int cmd_bound(sess *s, lex *l)
{
	int col = l->tok.col;
	ws_item *it = parse_item(s, l, WS_RUN);
	if (!it)
		return -1;
	const char *name = it->name;
	int acol = l->tok.col;
	if (lex_word(l, "none")) {
		lex_next(l);
		if (parse_end(s, l) != 0)
			return -1;
		free(it->u.run.bound);
		free(it->u.run.bound_args);
		it->u.run.bound = NULL;
		it->u.run.bound_args = NULL;
		return 0;
	}
	double L = 0, mu = 0, lmax = 0, D = 0;
	bound_source sL = BOUND_ESTIMATED, smu = BOUND_ESTIMATED, sD = BOUND_ESTIMATED;
	int cubic = bound_is_cubic(run_meth(it->u.run.r));
	while (l->tok.kind != LEX_END) {
		int is_L = lex_word(l, "L"), is_lmax = lex_word(l, "Lmax"), is_D = lex_word(l, "D");
		if (!is_L && !is_lmax && !lex_word(l, "mu") && !(cubic && is_D))
			return sess_fail(s, l->tok.col, cubic ? "expected L = V (the Hessian's Lipschitz "
			                 "constant), D = V or none" : "expected L = V, mu = V, Lmax = V or none");
		lex_next(l);
		if (parse_punct(s, l, "=") != 0)
			return -1;
		int vcol = l->tok.col;
		double v;
		if (parse_number(s, l, &v) != 0)
			return -1;
		if (is_D) { /* cubic: max |x - x*| on the level set of the start */
			if (!(v > 0) || !isfinite(v))
				return sess_fail(s, vcol, "D must be positive");
			D = v, sD = BOUND_GIVEN;
			if (lex_is(l, ","))
				lex_next(l);
			continue;
		}
		if (is_lmax) { /* sgd: a smoothness constant of every component */
			if (!(v > 0) || !isfinite(v))
				return sess_fail(s, vcol, "Lmax must be positive");
			lmax = v;
			if (lex_is(l, ","))
				lex_next(l);
			continue;
		}
		if (!(is_L && !cubic ? v > 0 : v >= 0) || !isfinite(v))
			return sess_fail(s, vcol, "%s must be %s", is_L ? "L" : "mu",
			                 is_L && !cubic ? "positive" : "zero or positive");
		*(is_L ? &L : &mu) = v;
		*(is_L ? &sL : &smu) = BOUND_GIVEN;
		if (lex_is(l, ","))
			lex_next(l);
	}
	double curv = 0;
	long curv_at = 0;
	const run *r = it->u.run.r;
	bound b;
	char err[256];
	char note[256] = "";
	if (cubic) { /* its own constants: L of the Hessian and D; where f is not convex the
	              * rate of the gradient norm */
		int convex;
		if (bound_cubic_consts(run_prob(r), run_start(it), &L, &sL, &D, &sD, &convex, err,
		                       sizeof err) != 0)
			return sess_fail(s, col, "run '%s': %s", name, err);
		if (!convex)
			snprintf(note, sizeof note, "%s", err);
		if (bound_cubic(run_prob(r), run_meth(r), run_params(r), run_start(it), L, sL, D, sD,
		                convex, &b, err, sizeof err) != 0)
			return sess_fail(s, col, "run '%s': %s%s%s", name, note, *note ? "; " : "", err);
	} else {
		if (constants(s, it, acol, &L, &sL, &mu, &smu, &curv, &curv_at) != 0)
			return -1;
		if (bound_for(run_prob(r), run_meth(r), run_params(r), run_start(it), L, sL, mu, smu,
		              lmax, &b, err, sizeof err) != 0)
			return sess_fail(s, col, "run '%s': %s", name, err);
	}
	bound *keep = malloc(sizeof *keep);
	char *args = strdup(l->src + acol);
	if (!keep || !args) {
		free(keep);
		free(args);
		return sess_fail(s, 0, "out of memory");
	}
	size_t len = strlen(args);
	while (len > 0 && (args[len - 1] == ' ' || args[len - 1] == '\t'))
		args[--len] = 0;
	*keep = b;
	free(it->u.run.bound);
	free(it->u.run.bound_args);
	it->u.run.bound = keep;
	it->u.run.bound_args = args;
	if (*note)
		fprintf(s->out, "%s: %s: the rate of f − f* is proved for convex f; this is the rate of "
		        "the smallest gradient norm\n", it->name, note);
	print_bound(s, it, keep);
	if (curv < 0) {
		char at[48], v[32];
		snprintf(at, sizeof at, curv_at >= 0 ? "iteration %ld" : "x*", curv_at);
		fprintf(s->out, "  warning: f is not convex on this run (a Hessian eigenvalue %s at %s): "
		        "the bound assumes what f does not satisfy\n",
		        fmt_num(v, sizeof v, curv, s->set.precision), at);
	}
	return 0;
}

void teach_bounds_init(teach_bounds *tb)
{
	memset(tb, 0, sizeof *tb);
}

void teach_bounds_free(teach_bounds *tb)
{
	for (int k = 0; k < RSCENE_MAX_RUNS; k++) {
		free(tb->xs[k]);
		free(tb->ys[k]);
	}
	teach_bounds_init(tb);
}

static const ws_run *find_run(ws *w, const run *r)
{
	for (int i = 0; i < w->count; i++)
		if (w->items[i]->kind == WS_RUN && w->items[i]->u.run.r == r)
			return &w->items[i]->u.run;
	return NULL;
}

/* The bound's curve for k in [0, K], kept within a decade of the measured
 * series' range so that a loose start does not squash the picture. */
static int curve(teach_bounds *tb, int slot, const bound *b, const scene_series *meas)
{
	long K = meas->n > 0 ? (long)meas->x[meas->n - 1] : 0;
	if (K < 1)
		K = 1;
	double hi = 0, lo = INFINITY;
	for (size_t i = 0; i < meas->n; i++)
		if (meas->y[i] > 0 && isfinite(meas->y[i])) {
			hi = fmax(hi, meas->y[i]);
			lo = fmin(lo, meas->y[i]);
		}
	long stride = K / BOUND_POINTS + 1;
	size_t cap = (size_t)(K / stride + 2), n = 0;
	double *x = realloc(tb->xs[slot], cap * sizeof *x), *y;
	if (x)
		tb->xs[slot] = x;
	y = realloc(tb->ys[slot], cap * sizeof *y);
	if (y)
		tb->ys[slot] = y;
	if (!x || !y)
		return -1;
	size_t all = 0;
	for (long k = 0; k <= K; k = k + stride > K && k < K ? K : k + stride)
		x[all++] = (double)k;
	bound_values(b, x, all, y); /* one pass: sgd's bound is a recursion */
	for (size_t i = 0; i < all; i++) {
		double v = y[i];
		if (isfinite(v) && v > 0 && (hi == 0 || (v <= 10 * hi && v >= 0.1 * lo))) {
			x[n] = x[i];
			y[n++] = v;
		}
	}
	return (int)n;
}

int teach_bounds_fill(teach_bounds *tb, ws *w, const rscene_run *runs, int nruns,
                      rscene_metric used, scene_conv *conv)
{
	if (used != RSCENE_FGAP && used != RSCENE_GNORM)
		return 0;
	int ns = conv->nseries;
	memcpy(tb->series, conv->series, (size_t)ns * sizeof *tb->series);
	for (int k = 0; k < nruns && k < conv->nseries; k++) {
		const ws_run *wr = find_run(w, runs[k].r);
		/* f - f* bounds on the f - f* panel, the gradient norm's on the gradient norm's */
		if (!wr || !wr->bound || (wr->bound->kind == BOUND_CUBIC_GRAD) != (used == RSCENE_GNORM))
			continue;
		int n = curve(tb, k, wr->bound, &conv->series[k]);
		if (n < 0)
			return -1;
		if (n == 0)
			continue;
		snprintf(tb->labels[k], sizeof tb->labels[k], "%s bound%s: %s", runs[k].label,
		         wr->bound->kind == BOUND_CUBIC_GRAD ? " on min ‖∇f‖ so far" : "",
		         wr->bound->formula);
		tb->series[ns++] = (scene_series){.label = tb->labels[k], .color = runs[k].color,
		                                  .x = tb->xs[k], .y = tb->ys[k], .n = (size_t)n,
		                                  .dashed = true};
	}
	conv->series = tb->series;
	conv->nseries = ns;
	return 0;
}
