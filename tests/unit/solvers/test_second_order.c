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
		cmocka_unit_test(test_damped_affine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
