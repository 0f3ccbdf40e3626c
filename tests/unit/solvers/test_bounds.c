/* test_bounds: Jacobi eigenvalues against closed forms; L and mu of the library
 * quadratic (eigenvalues log-spaced from 1 to cond: L = cond, mu = 1) exactly and
 * by power iteration; and the textbook bounds against measured traces of gd,
 * nesterov (both schedules) and heavy ball on quadratic(n = 10, cond = 100,
 * rotate = 1): every measured f - f* lies below its bound, and the bound is
 * within a stated factor of the measurement over the first steps. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bounds.h"
#include "optlab.h"

static prob *quadratic10(void)
{
	const double v[] = {10, 100, 1, 1}; /* n, cond, seed, rotate */
	char err[256];
	const problib_entry *e = problib_find("quadratic");
	assert_non_null(e);
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	return p;
}

static void test_jacobi_closed_forms(void **state)
{
	(void)state;
	double a[] = {2, 1, 1, 2}, e[3];
	assert_int_equal(bound_jacobi(a, 2, e), 0);
	assert_true(fabs(e[0] - 1) < 1e-14 && fabs(e[1] - 3) < 1e-14);
	/* tridiagonal (2, -1): eigenvalues 2 - 2 cos(k pi / 4), k = 1..3 */
	double b[] = {2, -1, 0, -1, 2, -1, 0, -1, 2};
	assert_int_equal(bound_jacobi(b, 3, e), 0);
	for (int k = 1; k <= 3; k++)
		assert_true(fabs(e[k - 1] - (2 - 2 * cos(k * M_PI / 4))) < 1e-13);
	double bad[] = {NAN, 0, 0, 1};
	assert_int_equal(bound_jacobi(bad, 2, e), -1);
}

static void test_quadratic_constants(void **state)
{
	(void)state;
	prob *p = quadratic10();
	double L, mu, x[10] = {0};
	char err[256];
	assert_int_equal(bound_quad_consts(p, p->x0, &L, &mu, err, sizeof err), 0);
	assert_true(fabs(L - 100) < 1e-10 && fabs(mu - 1) < 1e-12);
	assert_int_equal(bound_estimate(p, x, &L, &mu, err, sizeof err), 0);
	assert_true(fabs(L - 100) < 1e-8 && fabs(mu - 1) < 1e-6);
	prob_free(p);

	/* Rosenbrock's Hessian varies: refused as a quadratic, estimated at (1, 1) */
	const double v[] = {2};
	prob *r = problib_find("rosenbrock")->make(v, err, sizeof err);
	double one[2] = {1, 1};
	assert_int_equal(bound_quad_consts(r, one, &L, &mu, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a quadratic"));
	/* H(1, 1) = [[802, -400], [-400, 200]]: eigenvalues 501 -+ sqrt(301^2 + 400^2) */
	assert_int_equal(bound_estimate(r, one, &L, &mu, err, sizeof err), 0);
	double s = sqrt(301.0 * 301 + 400.0 * 400);
	assert_true(fabs(L - (501 + s)) < 1e-8 && fabs(mu - (501 - s)) < 1e-6);
	/* H(0, 1) = [[-398, 0], [0, 200]]: indefinite, the negative end the larger |lambda| */
	double saddle[2] = {0, 1};
	assert_int_equal(bound_estimate(r, saddle, &L, &mu, err, sizeof err), 0);
	assert_true(fabs(L - 200) < 1e-6 && fabs(mu + 398) < 1e-6);
	prob_free(r);
	/* Himmelblau at 0: H = diag(-42, -26), concave: both ends negative */
	const double hv[] = {0};
	prob *h = problib_find("himmelblau")->make(hv, err, sizeof err);
	double zero[2] = {0, 0};
	assert_int_equal(bound_estimate(h, zero, &L, &mu, err, sizeof err), 0);
	assert_true(fabs(L + 26) < 1e-6 && fabs(mu + 42) < 1e-6);
	prob_free(h);
}

/* Runs METHOD(step, K2 = V2) for K steps; checks f - f* <= bound at every k and
 * bound / (f - f*) <= factor for k in [1, KTIGHT]. */
static void check_run(const char *method, double step, const char *k2, double v2, int slow,
                      long K, long ktight, double factor)
{
	prob *p = quadratic10();
	const meth *m = meth_find(method);
	double mp[PARAM_MAX];
	param_defaults(m->params, m->nparams, mp);
	mp[param_find(m->params, m->nparams, "step")] = step;
	if (k2)
		mp[param_find(m->params, m->nparams, k2)] = v2;
	if (k2 && strcmp(k2, "mu") == 0) /* nesterov's mu is for its strong schedule */
		mp[param_find(m->params, m->nparams, "schedule")] = 1;
	char err[256];
	run_opts o;
	run_opts_default(&o);
	/* x0 = x* + the eigenvector of mu: the start where the convergence is slowest */
	double x0[10], hv[10];
	for (int i = 0; i < 10; i++)
		x0[i] = 1 + 0.1 * i;
	for (int it = 0; it < 5000; it++) {
		double nv = 0;
		for (int i = 0; i < 10; i++)
			nv += x0[i] * x0[i];
		for (int i = 0; i < 10; i++)
			x0[i] /= sqrt(nv);
		p->ops->hessvec(p->ctx, x0, x0, hv);
		for (int i = 0; i < 10; i++)
			x0[i] = 100 * x0[i] - hv[i];
	}
	double nv = 0;
	for (int i = 0; i < 10; i++)
		nv += x0[i] * x0[i];
	for (int i = 0; i < 10; i++)
		x0[i] /= sqrt(nv);
	if (!slow)
		memcpy(x0, p->x0, sizeof x0);
	run *r = run_new(p, m, mp, x0, &o, err, sizeof err);
	assert_non_null(r);
	run_step(r, K, NULL);
	double L, mu;
	assert_int_equal(bound_quad_consts(p, p->x0, &L, &mu, err, sizeof err), 0);
	bound b;
	if (bound_for(p, m, mp, x0, L, BOUND_EXACT, mu, BOUND_EXACT, 0, &b, err, sizeof err) != 0)
		print_error("%s: %s\n", method, err);
	const trace *t = run_trace(r);
	assert_true(trace_len(t) == K + 1);
	/* tightness against the envelope max_{j >= k} (f_j - f*): momentum oscillates */
	double *env = malloc((size_t)(K + 2) * sizeof *env);
	env[K + 1] = 0;
	for (long k = K; k >= 0; k--)
		env[k] = fmax(env[k + 1], trace_row_at(t, k)->f - p->fstar);
	double worst = 0;
	for (long k = 0; k <= K; k++) {
		double gap = trace_row_at(t, k)->f - p->fstar, bk = bound_value(&b, k);
		if (!(gap <= bk * (1 + 1e-12) + 1e-300))
			print_error("%s: k = %ld: f - f* = %g above the bound %g\n", method, k, gap, bk);
		assert_true(gap <= bk * (1 + 1e-12) + 1e-300);
		if (k >= 1 && k <= ktight)
			worst = fmax(worst, bk / env[k]);
	}
	if (worst > factor)
		print_error("%s: bound / measured up to %g over k <= %ld\n", method, worst, ktight);
	assert_true(worst <= factor);
	free(env);
	run_free(r);
	prob_free(p);
}

/* gd, t = 1/L: (1 - mu/L)^k (f0 - f*). From the slowest eigenvector, f - f* is
 * (1 - mu/L)^2k (f0 - f*) exactly: the bound is off by (1 - mu/L)^-k, 2.732 at k = 100. */
static void test_gd_strong(void **state)
{
	(void)state;
	check_run("gd", 0.01, "linesearch", 0, 1, 3000, 100, pow(0.99, -100) * (1 + 1e-9));
}

/* nesterov, convex schedule, s = 1/L: 2 |x0 - x*|^2 / (s (k+1)^2), which ignores mu:
 * within a factor 40 over the first 20 steps. */
static void test_nesterov_convex(void **state)
{
	(void)state;
	check_run("nesterov", 0.01, NULL, 0, 0, 2000, 20, 50);
}

/* nesterov, strong schedule with m = mu = 1, s = 1/L: 0.9^k (f0 - f* + |x0 - x*|^2 / 2).
 * From the slowest eigenvector the iteration has the double root 0.9, so that
 * f - f* = (f0 - f*) 0.81^k (1 + k/10)^2 and the ratio is 2 (0.9)^-k / (1 + k/10)^2,
 * at most 5.5 over the first 40 steps. */
static void test_nesterov_strong(void **state)
{
	(void)state;
	check_run("nesterov", 0.01, "mu", 1, 1, 400, 40, 5.5);
}

/* heavy ball with Polyak's optimal step 4/(sqrt L + sqrt mu)^2 = 4/121 and momentum
 * (9/11)^2: (1 + k (1 + r))^2 r^2k (f0 - f*), r = 9/11: within a factor 100 over the
 * first 60 steps. */
static void test_heavyball(void **state)
{
	(void)state;
	check_run("heavyball", 4.0 / 121, "momentum", 81.0 / 121, 1, 400, 60, 100);
}

static void test_refusals(void **state)
{
	(void)state;
	prob *p = quadratic10();
	const meth *m = meth_find("gd");
	double mp[PARAM_MAX];
	param_defaults(m->params, m->nparams, mp);
	bound b;
	char err[256];
	mp[0] = 0.03; /* > 1/L */
	assert_int_equal(bound_for(p, m, mp, p->x0, 100, BOUND_EXACT, 1, BOUND_EXACT, 0, &b, err,
	                           sizeof err),
	                 -1);
	assert_non_null(strstr(err, "1/L"));
	mp[0] = 0.01;
	mp[1] = 1; /* armijo */
	assert_int_equal(bound_for(p, m, mp, p->x0, 100, BOUND_EXACT, 1, BOUND_EXACT, 0, &b, err,
	                           sizeof err),
	                 -1);
	const meth *hb = meth_find("heavyball");
	double hp[PARAM_MAX] = {0.001, 0.9}; /* r^2 = 0.9: (1 - r)^2 > a mu */
	assert_int_equal(bound_for(p, hb, hp, p->x0, 100, BOUND_EXACT, 1, BOUND_EXACT, 0, &b, err,
	                           sizeof err),
	                 -1);
	assert_int_equal(bound_for(p, meth_find("bfgs"), mp, p->x0, 100, BOUND_EXACT, 1,
	                           BOUND_EXACT, 0, &b, err, sizeof err),
	                 -1);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jacobi_closed_forms),  cmocka_unit_test(test_quadratic_constants),
		cmocka_unit_test(test_gd_strong),            cmocka_unit_test(test_nesterov_convex),
		cmocka_unit_test(test_nesterov_strong),      cmocka_unit_test(test_heavyball),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
