/* test_runscene: grids through the batch oracle and the value fallback, slices for
 * n > 2, the grid cache, trajectories and series copied from real runs as they
 * grow, the convergence metric, and default viewports. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "runscene.h"

/* |a - b| <= tol, with both values in the failure message */
#define assert_near(a, b, tol) near_((a), (b), (tol), __FILE__, __LINE__)
static void near_(double a, double b, double tol, const char *file, int line)
{
	if (fabs(a - b) <= tol || a == b)
		return;
	print_error("%.17g != %.17g (tol %g)\n", a, b, tol);
	_fail(file, line);
}

/* f = (x1 - 1)^2 + 10 (x2 + 2)^2 + sum_{j>2} j x_j^2 + C: a known minimizer. */
typedef struct qctx {
	int n;
	double c;
	int batch_calls;
} qctx;

static double q_value(void *ctx, const double *x)
{
	qctx *q = ctx;
	double f = (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2) + q->c;
	for (int j = 2; j < q->n; j++)
		f += (j + 1) * x[j] * x[j];
	return f;
}

static double q_grad(void *ctx, const double *x, double *g)
{
	qctx *q = ctx;
	g[0] = 2 * (x[0] - 1);
	g[1] = 20 * (x[1] + 2);
	for (int j = 2; j < q->n; j++)
		g[j] = 2 * (j + 1) * x[j];
	return q_value(ctx, x);
}

static void q_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	qctx *q = ctx;
	q->batch_calls++;
	double x[8];
	for (int i = 0; i < k; i++) {
		for (int j = 0; j < q->n; j++)
			x[j] = cols[j][i * strides[j]];
		out[i] = q_value(ctx, x);
	}
}

static void q_free(void *ctx)
{
	free(ctx);
}

static const prob_ops q_ops = {.value = q_value, .grad = q_grad, .batch = q_batch, .free = q_free};
static const prob_ops q_ops_nobatch = {.value = q_value, .grad = q_grad, .free = q_free};

static prob *quad(int n, double c, int with_batch, int with_sol)
{
	qctx *q = calloc(1, sizeof *q);
	q->n = n;
	q->c = c;
	prob *p = prob_new("q", n, PROB_VALUE | PROB_GRAD, with_batch ? &q_ops : &q_ops_nobatch, q);
	assert_non_null(p);
	if (with_sol) {
		double xs[8] = {1, -2};
		prob_set_solutions(p, 1, xs, c);
	}
	prob_set_view(p, -1, 3, -4, 0);
	return p;
}

static run *gd_run(const prob *p, const double *x0)
{
	const meth *m = meth_find("gd");
	assert_non_null(m);
	double par[PARAM_MAX];
	param_defaults(m->params, m->nparams, par);
	par[param_find(m->params, m->nparams, "step")] = 0.02;
	char err[256];
	run *r = run_new(p, m, par, x0, NULL, err, sizeof err);
	assert_non_null(r);
	return r;
}

static void test_grid_batch_and_fallback(void **st)
{
	(void)st;
	prob *a = quad(2, 0.5, 1, 0), *b = quad(2, 0.5, 0, 0);
	const double view[4] = {-1, 3, -4, 0};
	enum { W = 9, H = 5 };
	double ga[W * H], gb[W * H];
	assert_int_equal(rscene_grid(a, 0, 1, NULL, view, W, H, ga), 0);
	assert_int_equal(rscene_grid(b, 0, 1, NULL, view, W, H, gb), 0);
	assert_true(((qctx *)a->ctx)->batch_calls > 0);
	for (int j = 0; j < H; j++)
		for (int i = 0; i < W; i++) {
			double x[8] = {-1 + 4.0 * i / (W - 1), -4 + 4.0 * j / (H - 1)};
			assert_near(ga[j * W + i], q_value(a->ctx, x), 1e-12);
			assert_near(gb[j * W + i], ga[j * W + i], 0);
		}
	/* the minimum (1, -2) is node (i = 4, j = 2) */
	assert_near(ga[2 * W + 4], 0.5, 1e-12);
	prob_free(a);
	prob_free(b);
}

static void test_grid_slice(void **st)
{
	(void)st;
	prob *p = quad(4, 0, 1, 0);
	const double slice[4] = {0.5, -1, 2, 3};
	const double view[4] = {-1, 1, 0, 2};
	enum { W = 5, H = 3 };
	double g[W * H];
	/* coordinates x4 (across) and x1 (up); x2 and x3 come from the slice */
	assert_int_equal(rscene_grid(p, 3, 0, slice, view, W, H, g), 0);
	for (int j = 0; j < H; j++)
		for (int i = 0; i < W; i++) {
			double x[8] = {0 + 1.0 * j, -1, 2, -1 + 0.5 * i};
			assert_near(g[j * W + i], q_value(p->ctx, x), 1e-12);
		}
	prob_free(p);
}

static void test_grid_refuses(void **st)
{
	(void)st;
	prob *p = quad(2, 0, 1, 0);
	const double view[4] = {-1, 1, -1, 1};
	double g[16];
	assert_int_equal(rscene_grid(p, 0, 0, NULL, view, 4, 4, g), -1);
	assert_int_equal(rscene_grid(p, 0, 2, NULL, view, 4, 4, g), -1);
	assert_int_equal(rscene_grid(p, 0, 1, NULL, view, 1, 4, g), -1);
	char err[128];
	rscene *rs = rscene_new();
	scene_field f;
	rscene_opts o = {.cx = 1, .cy = 1, .view = {-1, 1, -1, 1}, .gw = 4, .gh = 4};
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), -1);
	assert_non_null(strstr(err, "coordinates"));
	o.cy = 0;
	o.view[1] = -1;
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), -1);
	assert_non_null(strstr(err, "viewport"));
	rscene_free(rs);
	prob_free(p);
}

static void test_field_cache(void **st)
{
	(void)st;
	prob *p = quad(2, 0, 1, 1);
	qctx *q = p->ctx;
	rscene *rs = rscene_new();
	char err[128];
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-1, 3, -4, 0}, .gw = 20, .gh = 10, .nlevels = 5};
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	int calls = q->batch_calls;
	assert_int_equal(calls, 10); /* a call a row */
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(q->batch_calls, calls);
	o.log_color = true; /* the colour scale alone: the values are kept */
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(q->batch_calls, calls);
	o.log_color = false;
	o.view[0] = -2; /* panned */
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(q->batch_calls, 2 * calls);
	rscene_invalidate(rs);
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(q->batch_calls, 3 * calls);
	assert_int_equal(f.w, 20);
	assert_int_equal(f.h, 10);
	assert_int_equal(f.nlevels, 5);
	assert_string_equal(f.xlabel, "x1");
	assert_int_equal(f.npoints, 1);
	assert_near(f.points[0].x, 1, 0);
	assert_near(f.points[0].y, -2, 0);
	assert_string_equal(f.points[0].label, "x*");
	rscene_free(rs);
	prob_free(p);
}

static void test_field_log_color(void **st)
{
	(void)st;
	prob *p = quad(2, -3, 1, 1); /* f* = -3: log colour shows f - f* */
	rscene *rs = rscene_new();
	char err[128];
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-1, 3, -4, 0}, .gw = 9, .gh = 5,
	                 .log_color = true};
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_true(f.log_color);
	double x[8] = {-1, -4};
	assert_near(f.values[0], q_value(p->ctx, x) + 3, 1e-12);
	for (int i = 0; i < 9 * 5; i++)
		assert_true(f.values[i] > 0); /* the minimum node (exactly f*) is lifted */
	prob_free(p);
	/* f* unknown and f negative: lifted above 0, order kept */
	p = quad(2, -3, 1, 0);
	rscene_invalidate(rs);
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	for (int i = 0; i < 9 * 5; i++)
		assert_true(f.values[i] > 0);
	assert_true(f.values[0] > f.values[2 * 9 + 4]);
	rscene_free(rs);
	prob_free(p);
}

static void test_trajectories_grow(void **st)
{
	(void)st;
	prob *p = quad(3, 0, 1, 1);
	const double x0[3] = {-0.5, -0.5, 1};
	run *r1 = gd_run(p, x0), *r2 = gd_run(p, NULL);
	rscene_run runs[2] = {{r1, "a", 0}, {r2, "b", 3}};
	rscene *rs = rscene_new();
	char err[128];
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 2, .view = {-1, 3, -1, 2}, .gw = 8, .gh = 8};
	for (int round = 0; round < 3; round++) {
		run_step(r1, 7, NULL);
		assert_int_equal(rscene_field(rs, p, runs, 2, &o, &f, err, sizeof err), 0);
		assert_int_equal(f.npaths, 2);
		const trace *t = run_trace(r1);
		assert_int_equal(f.paths[0].n, trace_len(t));
		assert_int_equal(trace_len(t), 1 + 7 * (round + 1));
		for (long i = 0; i < trace_len(t); i++) {
			assert_near(f.paths[0].x[i], trace_x(t, i)[0], 0);
			assert_near(f.paths[0].y[i], trace_x(t, i)[2], 0);
		}
		assert_string_equal(f.paths[0].label, "a");
		assert_int_equal(f.paths[1].color, 3);
		assert_int_equal(f.paths[1].n, 1);
		assert_true(f.paths[0].start_marker && f.paths[0].end_marker);
	}
	/* the picture never steps a run */
	assert_int_equal(run_iter(r1), 21);
	assert_int_equal(run_iter(r2), 0);
	/* a run on another problem has no trajectory here */
	prob *other = quad(3, 0, 1, 1);
	assert_int_equal(rscene_field(rs, other, runs, 2, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.npaths, 0);
	rscene_free(rs);
	run_free(r1);
	run_free(r2);
	prob_free(p);
	prob_free(other);
}

static void test_conv_metric(void **st)
{
	(void)st;
	prob *known = quad(2, 0.25, 1, 1), *unknown = quad(2, 0.25, 1, 0), *neg = quad(2, -1, 1, 0);
	run *a = gd_run(known, NULL), *b = gd_run(unknown, NULL), *c = gd_run(neg, NULL);
	run_step(a, 5, NULL);
	run_step(b, 5, NULL);
	run_step(c, 5, NULL);
	rscene *rs = rscene_new();
	scene_conv sc;
	rscene_metric used;
	rscene_run ra[1] = {{a, "a", 0}};
	assert_int_equal(rscene_conv(rs, ra, 1, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_FGAP);
	assert_string_equal(sc.ylabel, "f - f*");
	assert_true(sc.ylog);
	assert_int_equal(sc.series[0].n, 6);
	const trace *t = run_trace(a);
	for (long i = 0; i < 6; i++) {
		assert_near(sc.series[0].x[i], (double)i, 0);
		assert_near(sc.series[0].y[i], trace_row_at(t, i)->f - 0.25, 1e-15);
	}
	rscene_run rab[2] = {{a, "a", 0}, {b, "b", 1}};
	assert_int_equal(rscene_conv(rs, rab, 2, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_GNORM); /* b's f* unknown: the stationarity measure */
	assert_true(sc.ylog);
	assert_near(sc.series[1].y[0], trace_row_at(run_trace(b), 0)->gnorm, 0);
	rscene_run rbc[2] = {{b, "b", 0}, {c, "c", 1}};
	assert_int_equal(rscene_conv(rs, rbc, 2, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_GNORM);
	assert_near(sc.series[1].y[3], trace_row_at(run_trace(c), 3)->gnorm, 0);
	assert_int_equal(rscene_conv(rs, rbc, 2, RSCENE_F, RSCENE_XITER, &sc, &used), 0);
	assert_false(sc.ylog); /* c's f goes below 0 */
	/* series grow with their runs */
	run_step(c, 4, NULL);
	assert_int_equal(rscene_conv(rs, rbc, 2, RSCENE_F, RSCENE_XITER, &sc, NULL), 0);
	assert_int_equal(sc.series[1].n, 10);
	assert_near(sc.series[1].y[9], trace_row_at(run_trace(c), 9)->f, 0);
	rscene_free(rs);
	run_free(a), run_free(b), run_free(c);
	prob_free(known), prob_free(unknown), prob_free(neg);
}

static run *lib_run(const prob *p, const char *method, double step)
{
	const meth *m = meth_find(method);
	assert_non_null(m);
	double par[PARAM_MAX];
	param_defaults(m->params, m->nparams, par);
	par[param_find(m->params, m->nparams, "step")] = step;
	char err[256];
	run *r = run_new(p, m, par, NULL, NULL, err, sizeof err);
	assert_non_null(r);
	return r;
}

/* The x axis: epochs are the stochastic methods' column (component gradients / m)
 * and one per full gradient for the others; time is the trace's cumulative time. */
static void test_conv_xaxis(void **st)
{
	(void)st;
	char err[256];
	double v[5] = {100, 2, 1, 0.1, 1}; /* logreg m = 100, d = 2, seed, lambda, scale */
	prob *p = problib_make(problib_find("logreg"), v, err, sizeof err);
	assert_non_null(p);
	run *s = lib_run(p, "sgd", 0.1), *g = lib_run(p, "gd", 0.5);
	run_step(s, 250, NULL);
	run_step(g, 3, NULL);
	rscene *rs = rscene_new();
	scene_conv sc;
	rscene_run runs[2] = {{s, "s", 0}, {g, "g", 1}};
	/* dist is measured at every row: one point a row */
	assert_int_equal(rscene_conv(rs, runs, 2, RSCENE_DIST, RSCENE_XEPOCH, &sc, NULL), 0);
	assert_string_equal(sc.xlabel, "epoch");
	assert_int_equal(sc.series[0].n, 251);
	assert_near(sc.series[0].x[0], 0, 0);
	assert_near(sc.series[0].x[100], 1, 0);
	assert_near(sc.series[0].x[250], 2.5, 0);
	for (long i = 0; i <= 3; i++) /* gd: one full gradient a step after the start's */
		assert_near(sc.series[1].x[i], (double)i, 0);
	assert_int_equal(rscene_conv(rs, runs, 2, RSCENE_DIST, RSCENE_XTIME, &sc, NULL), 0);
	assert_string_equal(sc.xlabel, "seconds");
	for (long i = 1; i <= 250; i++) {
		assert_true(sc.series[0].x[i] >= sc.series[0].x[i - 1]);
		assert_near(sc.series[0].x[i], trace_row_at(run_trace(s), i)->time, 0);
	}
	/* back to iterations: the cached copies are redone, not mixed */
	assert_int_equal(rscene_conv(rs, runs, 2, RSCENE_DIST, RSCENE_XITER, &sc, NULL), 0);
	assert_near(sc.series[0].x[250], 250, 0);
	assert_string_equal(rscene_xaxis_name(RSCENE_XEPOCH), "epoch");
	/* sgd's gnorm is that of a full evaluation once an epoch, held in between: the
	 * curve joins the evaluations (rows 0, 100, 200) and ends at the last row */
	const trace *t = run_trace(s);
	rscene_run one[1] = {{s, "s", 0}};
	assert_int_equal(rscene_conv(rs, one, 1, RSCENE_GNORM, RSCENE_XEPOCH, &sc, NULL), 0);
	assert_int_equal(sc.series[0].n, 4);
	static const long rows[4] = {0, 100, 200, 250};
	for (int k = 0; k < 4; k++) {
		assert_near(sc.series[0].x[k], rows[k] / 100.0, 0);
		assert_near(sc.series[0].y[k], trace_row_at(t, rows[k])->gnorm, 0);
	}
	/* a redraw without new rows keeps the held end */
	assert_int_equal(rscene_conv(rs, one, 1, RSCENE_GNORM, RSCENE_XEPOCH, &sc, NULL), 0);
	assert_int_equal(sc.series[0].n, 4);
	assert_near(sc.series[0].x[3], 2.5, 0);
	run_step(s, 50, NULL); /* an evaluation at row 300 replaces the held end */
	assert_int_equal(rscene_conv(rs, one, 1, RSCENE_GNORM, RSCENE_XEPOCH, &sc, NULL), 0);
	assert_int_equal(sc.series[0].n, 4);
	assert_near(sc.series[0].x[3], 3, 0);
	assert_near(sc.series[0].y[3], trace_row_at(t, 300)->gnorm, 0);
	run_step(s, 10, NULL);
	assert_int_equal(rscene_conv(rs, one, 1, RSCENE_GNORM, RSCENE_XEPOCH, &sc, NULL), 0);
	assert_int_equal(sc.series[0].n, 5);
	assert_near(sc.series[0].x[4], 3.1, 1e-15);
	assert_near(sc.series[0].y[4], sc.series[0].y[3], 0);
	rscene_free(rs);
	run_free(s), run_free(g);
	prob_free(p);
}

/* Games: AUTO picks the exploitability on simplices, the distance to a known saddle
 * point without them, gnorm without either; never f - f*. */
static void test_conv_metric_games(void **st)
{
	(void)st;
	char err[256];
	prob *rps = problib_make(problib_find("rps"), NULL, err, sizeof err);
	prob *bil = problib_make(problib_find("bilinear"), NULL, err, sizeof err);
	assert_non_null(rps);
	assert_non_null(bil);
	run *a = lib_run(rps, "mirrorprox", 0.5), *b = lib_run(bil, "extragradient", 0.2);
	run_step(a, 20, NULL);
	run_step(b, 20, NULL);
	rscene *rs = rscene_new();
	scene_conv sc;
	rscene_metric used;
	rscene_run ra[1] = {{a, "a", 0}}, rb[1] = {{b, "b", 0}}, rab[2] = {{a, "a", 0}, {b, "b", 1}};
	assert_int_equal(rscene_conv(rs, ra, 1, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_GAP);
	assert_string_equal(sc.ylabel, "exploitability");
	assert_true(sc.ylog);
	/* rps at the start (0.5 0.3 0.2 | 0.2 0.3 0.5): A y = (0.2, -0.3, 0.1), x'A = (0.1,
	 * -0.3, 0.2); the gap is max_j (x'A)_j - min_i (A y)_i = 0.2 + 0.3 */
	assert_near(sc.series[0].y[0], 0.5, 1e-12);
	assert_true(sc.series[0].y[20] < sc.series[0].y[0]);
	assert_int_equal(rscene_conv(rs, rb, 1, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_DIST); /* no simplices: the gap is NaN; x* = 0 known */
	assert_near(sc.series[0].y[0], hypot(run_prob(b)->x0[0], run_prob(b)->x0[1]), 1e-12);
	assert_int_equal(rscene_conv(rs, rab, 2, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_DIST);
	assert_int_equal(rscene_conv(rs, ra, 1, RSCENE_AVGGAP, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_AVGGAP);
	const trace *t = run_trace(a);
	for (int k = 0; k < trace_nextra(t); k++)
		if (strcmp(trace_extra_name(t, k), "avggap") == 0)
			assert_near(sc.series[0].y[20], trace_extra(t, 20, k), 0);
	/* a run without the column: no points rather than wrong ones */
	prob *q = quad(2, 0, 1, 1);
	run *c = gd_run(q, NULL);
	run_step(c, 3, NULL);
	rscene_run rc[1] = {{c, "c", 0}};
	assert_int_equal(rscene_conv(rs, rc, 1, RSCENE_GAP, RSCENE_XITER, &sc, &used), 0);
	assert_true(isnan(sc.series[0].y[3]));
	assert_int_equal(rscene_conv(rs, rc, 1, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_FGAP); /* not a game */
	rscene_free(rs);
	run_free(a), run_free(b), run_free(c);
	prob_free(rps), prob_free(bil), prob_free(q);
}

static void test_default_view(void **st)
{
	(void)st;
	prob *p = quad(3, 0, 1, 1); /* view [-1, 3] x [-4, 0] */
	double v[4];
	rscene_default_view(p, 0, 1, NULL, NULL, 0, v);
	assert_near(v[0], -1, 0);
	assert_near(v[3], 0, 0);
	/* a start outside widens it, with a margin */
	const double x0[3] = {-3, 1, 0};
	run *r = gd_run(p, x0);
	rscene_run rr[1] = {{r, "a", 0}};
	rscene_default_view(p, 0, 1, NULL, rr, 1, v);
	assert_true(v[0] < -3 && v[0] > -3.5);
	assert_true(v[3] > 1 && v[3] < 1.5);
	assert_near(v[1], 3, 0);
	/* far away (diverged) points do not */
	const double far[3] = {1e6, -2, 0};
	run *r2 = gd_run(p, far);
	rscene_run rf[1] = {{r2, "z", 0}};
	rscene_default_view(p, 0, 1, NULL, rf, 1, v);
	assert_near(v[1], 3, 0);
	/* other coordinates: the same size, centred on the slice */
	const double slice[3] = {0, 0, 1.5};
	rscene_default_view(p, 0, 2, slice, NULL, 0, v);
	assert_near(v[0], -2, 0);
	assert_near(v[2], -0.5, 0);
	assert_near(v[3], 3.5, 0);
	run_free(r), run_free(r2);
	/* a game: centred on its saddle point (1, -2), the view's size kept */
	p->caps |= PROB_GAME;
	rscene_default_view(p, 0, 1, NULL, NULL, 0, v);
	assert_near(v[0], -1, 0);
	assert_near(v[1], 3, 0);
	assert_near(v[2], -4, 0);
	assert_near(v[3], 0, 0);
	double xs[3] = {2.5, 0.5, 0};
	prob_set_solutions(p, 1, xs, 0);
	rscene_default_view(p, 0, 1, NULL, NULL, 0, v);
	assert_near((v[0] + v[1]) / 2, 2.5, 1e-15);
	assert_near((v[2] + v[3]) / 2, 0.5, 1e-15);
	assert_near(v[1] - v[0], 4, 1e-15);
	prob_free(p);
}

/* A population method's current members are a cloud in its colour; a local method's
 * probes (line-search trials) are not drawn. The x axis in evaluations reads nf. */
static void test_population_cloud(void **st)
{
	(void)st;
	prob *p = quad(2, 0, 1, 1);
	const meth *m = meth_find("de");
	double par[PARAM_MAX];
	param_defaults(m->params, m->nparams, par);
	char err[256];
	const double x0[2] = {1, 1};
	run *r = run_new(p, m, par, x0, NULL, err, sizeof err), *g = gd_run(p, x0);
	assert_non_null(r);
	run_step(r, 3, NULL);
	run_step(g, 3, NULL);
	rscene_run runs[2] = {{g, "g", 0}, {r, "d", 3}};
	rscene *rs = rscene_new();
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-2, 2, -2, 2}, .gw = 10, .gh = 10};
	assert_int_equal(rscene_field(rs, p, runs, 2, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.nclouds, 1);
	assert_int_equal(f.clouds[0].color, 3);
	const double *pts;
	int k = trace_probes(run_trace(r), 3, &pts);
	assert_int_equal((int)f.clouds[0].n, k);
	assert_int_equal(k, 20); /* np = 10 n */
	for (int i = 0; i < k; i++)
		assert_true(f.clouds[0].x[i] == pts[2 * i] && f.clouds[0].y[i] == pts[2 * i + 1]);
	scene_conv sc;
	assert_int_equal(rscene_conv(rs, runs + 1, 1, RSCENE_F, RSCENE_XEVALS, &sc, NULL), 0);
	assert_true(sc.series[0].x[3] == (double)trace_row_at(run_trace(r), 3)->nf);
	assert_string_equal(sc.xlabel, "evaluations");
	rscene_free(rs);
	run_free(r), run_free(g);
	prob_free(p);
}

/* A bilevel problem in one x and one y: the lower solution path y*(x) = x/2 (bltoy)
 * under the run's path; the convergence metric is the distance (F < F* off y*(x)). */
/* A trust-region run's last region: after the runs' paths, a closed circle at distance
 * `radius` (the last row's) from the iterate the step started from; gd has none. */
static void test_trust_region(void **st)
{
	(void)st;
	expr_error e;
	prob *p = prob_from_expr("r", "100*(y - x^2)^2 + (1 - x)^2", NULL, &e);
	assert_non_null(p);
	const meth *m = meth_find("dogleg");
	assert_non_null(m);
	double par[PARAM_MAX];
	param_defaults(m->params, m->nparams, par);
	char err[256];
	const double x0[2] = {-1.2, 1};
	run *d = run_new(p, m, par, x0, NULL, err, sizeof err), *g = gd_run(p, x0);
	assert_non_null(d);
	run_step(d, 3, NULL);
	run_step(g, 3, NULL);
	rscene_run runs[2] = {{g, "g", 0}, {d, "d", 3}};
	rscene *rs = rscene_new();
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-2, 2, -1, 3}, .gw = 10, .gh = 10};
	assert_int_equal(rscene_field(rs, p, runs, 2, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.npaths, 4); /* g, d, the region, the model's step */
	const scene_path *c = &f.paths[2];
	assert_int_equal(c->color, 3);
	assert_true(c->n > 16);
	const trace *t = run_trace(d);
	long k = trace_len(t) - 1;
	double rad = trace_extra(t, k, trace_extra_find(t, "radius"));
	const double *x = trace_x(t, k - 1);
	assert_true(rad > 0);
	for (size_t i = 0; i < c->n; i++)
		assert_near(hypot(c->x[i] - x[0], c->y[i] - x[1]), rad, 1e-12 * (1 + rad));
	assert_near(c->x[0], c->x[c->n - 1], 1e-12);
	assert_near(c->y[0], c->y[c->n - 1], 1e-12);
	rscene_free(rs);
	run_free(d);
	run_free(g);
	prob_free(p);
}

static void test_bilevel_picture(void **st)
{
	(void)st;
	char err[256];
	prob *p = problib_make(problib_find("bltoy"), NULL, err, sizeof err);
	prob *q = problib_make(problib_find("blflat"), NULL, err, sizeof err);
	run *a = lib_run(p, "aid", 0.1), *b = lib_run(q, "aid", 0.1);
	run_step(a, 5, NULL);
	rscene *rs = rscene_new();
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-1, 3, -1, 3}, .gw = 8, .gh = 8};
	scene_field f;
	rscene_run ra[1] = {{a, "a", 0}}, rb[1] = {{b, "b", 0}};
	assert_int_equal(rscene_field(rs, p, ra, 1, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.npaths, 2);
	assert_true(strncmp(f.paths[0].label, "y*(x)", 5) == 0 && f.paths[0].n > 100);
	for (size_t i = 0; i < f.paths[0].n; i++)
		assert_near(f.paths[0].y[i], f.paths[0].x[i] / 2, 1e-12);
	assert_near(f.paths[0].x[0], -1, 0);
	assert_int_equal(f.paths[1].n, 6);
	scene_conv sc;
	rscene_metric used;
	assert_int_equal(rscene_conv(rs, ra, 1, RSCENE_AUTO, RSCENE_XITER, &sc, &used), 0);
	assert_int_equal(used, RSCENE_DIST);
	assert_int_equal(rscene_field(rs, q, rb, 1, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.npaths, 1); /* two lower variables: a slice, no path */
	rscene_free(rs);
	run_free(a);
	run_free(b);
	prob_free(p);
	prob_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_batch_and_fallback),
		cmocka_unit_test(test_population_cloud),
		cmocka_unit_test(test_trust_region),
		cmocka_unit_test(test_grid_slice),
		cmocka_unit_test(test_grid_refuses),
		cmocka_unit_test(test_field_cache),
		cmocka_unit_test(test_field_log_color),
		cmocka_unit_test(test_trajectories_grow),
		cmocka_unit_test(test_conv_metric),
		cmocka_unit_test(test_conv_metric_games),
		cmocka_unit_test(test_bilevel_picture),
		cmocka_unit_test(test_conv_xaxis),
		cmocka_unit_test(test_default_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
