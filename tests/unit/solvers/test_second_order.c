/* test_second_order: the second-order family against known answers: saddle escape on
 * x^2 - y^2 + y^4/4 (minimizers (0, +-sqrt 2), f = -1; newton stops at the saddle),
 * the exact model solvers (eigenpairs, QR, the secular equation's optimality
 * conditions), lazy Hessians counted and superlinear on a logistic regression, and
 * truncated Newton on the extended Rosenbrock function in 10^6 variables. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "dense.h"
#include "optlab.h"
#include "rng.h"
#include "so.h"
#include "testrun.h"

static prob *saddle(void)
{
	expr_error err;
	prob *p = prob_from_expr("s", "x^2 - y^2 + y^4/4", NULL, &err);
	assert_non_null(p);
	return p;
}

static double run_to(prob *p, const char *mname, const char *args, const double *x0,
                     long budget, run **out)
{
	run_opts o;
	run_opts_default(&o);
	o.gtol = 1e-10;
	double v[PARAM_MAX];
	const meth *m = meth_find(mname);
	param_defaults(m->params, m->nparams, v);
	assert_int_equal(tr_apply(m->params, m->nparams, args, v), 0);
	char err[256];
	run *r = run_new(p, m, v, x0, &o, err, sizeof err);
	if (!r)
		fail_msg("%s: %s", mname, err);
	run_step(r, budget, NULL);
	double f = run_f(r);
	if (out)
		*out = r;
	else
		run_free(r);
	return f;
}

static void test_saddle_escape(void **state)
{
	prob *p = saddle();
	const double x0[2] = {1, 0};
	static const char *const escape[] = {"cubic", "arc", "trnewton", "lazynewton"};
	for (size_t i = 0; i < sizeof escape / sizeof *escape; i++) {
		run *r;
		double f = run_to(p, escape[i], "", x0, 100, &r);
		if (!(fabs(f + 1.0) < 1e-12) || !(fabs(fabs(run_x(r)[1]) - sqrt(2.0)) < 1e-6))
			fail_msg("%s ends at f = %.17g, y = %g", escape[i], f, run_x(r)[1]);
		run_free(r);
	}
	/* g has no component along the negative curvature: Newton and CG stay on y = 0 */
	static const char *const stay[] = {"newton", "newtoncg", "dogleg"};
	for (size_t i = 0; i < sizeof stay / sizeof *stay; i++) {
		double f = run_to(p, stay[i], "", x0, 100, NULL);
		if (!(fabs(f) < 1e-12))
			fail_msg("%s: f = %g, expected the saddle's 0", stay[i], f);
	}
	prob_free(p);
}

/* A V = V diag(w) and V'V = I on a seeded symmetric matrix with a negative
 * eigenvalue. */
static void test_eigsym(void **state)
{
	enum { N = 12 };
	double a[N * N], b[N * N], v[N * N], w[N];
	rng r;
	rng_seed(&r, 5);
	for (int i = 0; i < N; i++)
		for (int j = 0; j <= i; j++)
			a[i * N + j] = a[j * N + i] = rng_normal(&r);
	memcpy(b, a, sizeof a);
	assert_int_equal(dense_eigsym(b, N, w, v), 0);
	for (int k = 0; k < N; k++) {
		if (k)
			assert_true(w[k - 1] <= w[k]);
		for (int i = 0; i < N; i++) {
			double s = 0, o = 0;
			for (int j = 0; j < N; j++) {
				s += a[i * N + j] * v[j * N + k];
				o += v[j * N + i] * v[j * N + k];
			}
			assert_true(fabs(s - w[k] * v[i * N + k]) < 1e-12);
			assert_true(fabs(o - (i == k)) < 1e-12);
		}
	}
	assert_true(w[0] < 0);
}

/* Least squares by QR: the residual is orthogonal to the columns. */
static void test_qr(void **state)
{
	enum { M = 9, N = 4 };
	double a[M * N], q[M * N], b[M], qb[M], tau[N];
	rng r;
	rng_seed(&r, 8);
	for (int i = 0; i < M * N; i++)
		a[i] = rng_normal(&r);
	for (int i = 0; i < M; i++)
		b[i] = rng_normal(&r);
	memcpy(q, a, sizeof a);
	memcpy(qb, b, sizeof b);
	dense_qr(q, M, N, tau, qb);
	assert_int_equal(dense_trisolve(q, N, N, 0, qb), 0);
	for (int j = 0; j < N; j++) {
		double s = 0;
		for (int i = 0; i < M; i++) {
			double res = b[i];
			for (int k = 0; k < N; k++)
				res -= a[i * N + k] * qb[k];
			s += a[i * N + j] * res;
		}
		assert_true(fabs(s) < 1e-12);
	}
}

/* The cubic model's global minimizer: (H + sigma |h| I) h = -g with H + sigma |h| I
 * positive semidefinite (Cartis, Gould & Toint, thm 3.1); the trust region's:
 * (H + lam I) p = -g, |p| = radius, lam >= -w_0. The hard case (g orthogonal to the
 * lowest eigenvector) included. */
static void test_secular(void **state)
{
	const double w[3] = {-2, 0.5, 3};
	const double gs[2][3] = {{1, -1, 2}, {0, 1, -1}};
	for (int k = 0; k < 2; k++) {
		double h[3];
		double sigma = 0.7, lam = so_secular(w, gs[k], 3, 0.0, 1.0 / sigma, h);
		double len = so_norm(h, 3);
		assert_true(fabs(lam - sigma * len) < 1e-12 * lam);
		assert_true(lam >= 2.0 - 1e-12);
		for (int i = 0; i < 3; i++)
			assert_true(fabs((w[i] + lam) * h[i] + gs[k][i]) < 1e-10);
		double radius = 0.3;
		lam = so_secular(w, gs[k], 3, radius, 0.0, h);
		assert_true(fabs(so_norm(h, 3) - radius) < 1e-12);
		assert_true(lam >= 2.0 - 1e-12);
		for (int i = 0; i < 3; i++)
			assert_true(fabs((w[i] + lam) * h[i] + gs[k][i]) < 1e-10);
	}
	/* positive definite, large radius: the Newton step */
	const double wp[2] = {1, 4}, gp[2] = {2, 2};
	double p[2];
	assert_true(so_secular(wp, gp, 2, 10.0, 0.0, p) == 0.0);
	assert_true(fabs(p[0] + 2) < 1e-15 && fabs(p[1] + 0.5) < 1e-15);
}

/* lazynewton(every = k): ceil(iterations / k) Hessians, and |g| falls superlinearly at
 * the end (the last two ratios |g_{i+1}| / |g_i| below 1e-2, where a linear rate would
 * hold them near a constant). */
static void test_lazy_hessians(void **state)
{
	const problib_entry *e = problib_find("logreg");
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	assert_int_equal(tr_apply(e->params, e->nparams, "m=500,d=8,seed=3,lambda=0.01", v), 0);
	char err[256];
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	for (int k = 1; k <= 8; k *= 2) {
		char args[32];
		snprintf(args, sizeof args, "every=%d", k);
		run *r;
		run_to(p, "lazynewton", args, NULL, 200, &r);
		const trace *t = run_trace(r);
		long it = run_iter(r), len = trace_len(t);
		assert_int_equal(run_status(r), RUN_CONVERGED);
		assert_int_equal(trace_row_at(t, len - 1)->nh, (it + k - 1) / k);
		double g2 = trace_row_at(t, len - 1)->gnorm, g1 = trace_row_at(t, len - 2)->gnorm,
		       g0 = trace_row_at(t, len - 3)->gnorm;
		print_message("every=%d: %ld iterations, %ld Hessians, last |g| %.2e %.2e %.2e\n", k,
		              it, trace_row_at(t, len - 1)->nh, g0, g1, g2);
		if (!(g2 / g1 < 1e-2) || !(g1 / g0 < 1e-2))
			fail_msg("every=%d: |g| %.3g, %.3g, %.3g: not superlinear", k, g0, g1, g2);
		run_free(r);
	}
	prob_free(p);
}

/* Badly scaled problems from their standard starts, gtol 0 (the methods' own tests):
 * on Meyer's function (MGH 10, Hessian eigenvalues 16 decades apart) arc and cubic
 * reach f* = 87.9459 and trnewton never calls a point converged away from it (the
 * secular step had made a hard case of the rounding of |H| and said "converged" at
 * |g| = 6e7); on Freudenstein-Roth (MGH 2) arc ends at the local minimum 48.9843
 * instead of doubling sigma to overflow; on Osborne 1 (MGH 17) arc no longer says
 * "converged" at f = 0.048 (it crawls there: left as it is). */
static void test_badly_scaled(void **state)
{
	(void)state;
	static const struct {
		const char *prob, *meth;
		double fwant; /* NAN: any f, but "converged" only at f* */
	} cases[] = {
	    {"mgh10", "arc", 87.9458551}, {"mgh10", "cubic", 87.9458551},
	    {"mgh10", "trnewton", NAN},   {"mgh10", "lazynewton", NAN},
	    {"mgh17", "arc", NAN},        {"mgh2", "arc", 48.9842537},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		const problib_entry *e = problib_find(cases[k].prob);
		double v[PARAM_MAX];
		param_defaults(e->params, e->nparams, v);
		char err[256];
		prob *p = e->make(v, err, sizeof err);
		assert_non_null(p);
		run_opts o;
		run_opts_default(&o);
		o.gtol = 0;
		const meth *m = meth_find(cases[k].meth);
		param_defaults(m->params, m->nparams, v);
		run *r = run_new(p, m, v, NULL, &o, err, sizeof err);
		assert_non_null(r);
		run_step(r, 5000, NULL);
		double f = run_f(r);
		enum run_stop st = run_status(r);
		print_message("%s on %s: f %.9g after %ld iterations, %s (%s)\n", cases[k].meth,
		              cases[k].prob, f, run_iter(r), run_stop_name(st), run_message(r));
		assert_true(st != RUN_FAILED && st != RUN_DIVERGED);
		if (!isnan(cases[k].fwant))
			assert_true(fabs(f - cases[k].fwant) <= 1e-6 * cases[k].fwant);
		if (st == RUN_CONVERGED && isfinite(p->fstar))
			assert_true(f - p->fstar <= 1e-6 * (1 + fabs(p->fstar)) || p->fstar < f - 1);
		run_free(r);
		prob_free(p);
	}
}

/* The Cauchy guard: a step doing worse than the model's minimizer along -g is replaced
 * by it (H = diag(1, 100), g = (1, 1), sigma = 1: the minimizer along -g of
 * -2t + 101 t^2 / 2 + sqrt(2)^3 t^3 / 3); a better step is kept. */
static void test_cauchy_guard(void **state)
{
	(void)state;
	double w[2] = {1, 100}, gt[2] = {1, 1}, g[2] = {1, 1}, h[2] = {0, 0};
	so_cub e = {.n = 2, .dense = 1, .w = w, .gt = gt};
	double m = so_cauchy_guard(&e, g, 2, 1.0, 0.0, 0.0, h);
	double gn3 = 2 * sqrt(2), t = 2 * 2 / (101 + sqrt(101.0 * 101 + 4 * 2 * gn3));
	assert_true(fabs(h[0] + t) <= 1e-15 && fabs(h[1] + t) <= 1e-15);
	assert_true(fabs(m - (-2 * t + 101 * t * t / 2 + gn3 * t * t * t / 3)) <= 1e-15);
	double d = 1e-6; /* the model's slope along -g at t is zero: a minimizer */
	double mp = -2 * (t + d) + 101 * (t + d) * (t + d) / 2 + gn3 * pow(t + d, 3) / 3;
	assert_true(mp >= m);
	double keep[2] = {-0.5, -0.01};
	assert_true(so_cauchy_guard(&e, g, 2, 1.0, 0.0, -1.0, keep) == -1.0);
	assert_true(keep[0] == -0.5 && keep[1] == -0.01);
	/* within a radius 0.01 < |g| / (g'Hg / |g|^2) * |g|: the Cauchy point is on it */
	h[0] = h[1] = 0;
	m = so_cauchy_guard(&e, g, 2, 0.0, 0.01, 0.0, h);
	assert_true(fabs(hypot(h[0], h[1]) - 0.01) <= 1e-15);
}

/* dampednewton commutes with affine maps: on g(u, v) = f(A (u, v)) from A^-1 x0 its
 * iterates are A^-1 those on f (A = [2 1; 0 1]); and it converges on a convex f. */
static void test_damped_affine(void **state)
{
	expr_error err;
	prob *f = prob_from_expr("f", "log(exp(x) + exp(-y)) + 0.5*x^2 + 0.1*y^2 + 0.3*x*y", NULL, &err);
	prob *g = prob_from_expr("g", "log(exp(2*u + v) + exp(-v)) + 0.5*(2*u + v)^2 + 0.1*v^2 + "
	                              "0.3*(2*u + v)*v", NULL, &err);
	assert_non_null(f);
	assert_non_null(g);
	const double x0[2] = {3, -2}, y0[2] = {2.5, -2}; /* A y0 = x0 */
	run *rf, *rg;
	run_to(f, "dampednewton", "", x0, 40, &rf);
	run_to(g, "dampednewton", "", y0, 40, &rg);
	const trace *tf = run_trace(rf), *tg = run_trace(rg);
	assert_int_equal(run_status(rf), RUN_CONVERGED);
	long len = trace_len(tf) < trace_len(tg) ? trace_len(tf) : trace_len(tg);
	assert_true(len > 4); /* the gradients differ by A': the stop may come a step apart */
	for (long k = 0; k < len; k++) {
		const double *a = trace_x(tf, k), *b = trace_x(tg, k);
		assert_true(fabs(2 * b[0] + b[1] - a[0]) < 1e-9 && fabs(b[1] - a[1]) < 1e-9);
	}
	run_free(rf);
	run_free(rg);
	prob_free(f);
	prob_free(g);
}

/* Extended Rosenbrock: sum over pairs of 100 (x_{2i} - x_{2i-1}^2)^2 + (1 - x_{2i-1})^2,
 * written in C so that the test measures the method, not the expression interpreter. */
typedef struct { int n; } xr_ctx;

static double xr_grad(void *ctx, const double *x, double *g)
{
	int n = ((xr_ctx *)ctx)->n;
	double f = 0;
	for (int i = 0; i < n; i += 2) {
		double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
		f += 100 * a * a + b * b;
		if (g) {
			g[i] = -400 * a * x[i] - 2 * b;
			g[i + 1] = 200 * a;
		}
	}
	return f;
}

static double xr_value(void *ctx, const double *x)
{
	return xr_grad(ctx, x, NULL);
}

static double xr_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	int n = ((xr_ctx *)ctx)->n;
	for (int i = 0; i < n; i += 2) {
		double h11 = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, h12 = -400 * x[i];
		hv[i] = h11 * v[i] + h12 * v[i + 1];
		hv[i + 1] = h12 * v[i] + 200 * v[i + 1];
	}
	return xr_value(ctx, x);
}

static long rss_kb(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return u.ru_maxrss;
}

static void test_newtoncg_million(void **state)
{
	enum { N = 1000000 };
	static xr_ctx ctx = {N};
	static const prob_ops ops = {.value = xr_value, .grad = xr_grad, .hessvec = xr_hessvec};
	prob *p = prob_new("xr", N, PROB_VALUE | PROB_GRAD | PROB_HESS, &ops, &ctx);
	assert_non_null(p);
	double *x0 = malloc(N * sizeof *x0);
	for (int i = 0; i < N; i++)
		x0[i] = i % 2 ? 1.0 : -1.2;
	long before = rss_kb();
	run *r;
	run_to(p, "newtoncg", "", x0, 200, &r);
	long grew = rss_kb() - before; /* kB: a vector is 7813 kB */
	assert_int_equal(run_status(r), RUN_CONVERGED);
	const double *x = run_x(r);
	double err = 0;
	for (int i = 0; i < N; i++)
		err = fmax(err, fabs(x[i] - 1.0));
	print_message("newtoncg, extended Rosenbrock n = 10^6: %ld iterations, max |x - 1| = "
	              "%.2e, memory grew by %ld kB (%.1f vectors)\n",
	              run_iter(r), err, grew, grew / 7812.5);
	assert_true(err < 1e-8);
	assert_true(grew < 12 * 7813); /* the run's eight vectors and slack */
	run_free(r);
	free(x0);
	p->ctx = NULL; /* static */
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_saddle_escape),   cmocka_unit_test(test_eigsym),
		cmocka_unit_test(test_qr),              cmocka_unit_test(test_secular),
		cmocka_unit_test(test_lazy_hessians),   cmocka_unit_test(test_newtoncg_million),
		cmocka_unit_test(test_damped_affine),   cmocka_unit_test(test_badly_scaled),
		cmocka_unit_test(test_cauchy_guard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
