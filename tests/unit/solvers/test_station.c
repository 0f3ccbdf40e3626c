/* station: the stationarity measure of each problem kind against closed forms, and the
 * runs that used to stop at iteration 0 where the smooth part's gradient vanishes.
 *   lasso (x-2)^2 + (y-1)^2 + 0.5|x|_1: x* = (1.75, 0.75), F* = 1.375; at (2, 1) the
 *     gradient mapping is |(2, 1) - soft((2, 1), 0.5)| = |(0.5, 0.5)|
 *   x + y <= 1 on the same f: KKT point (1, 0), l* = 2; with x - y = 0.5 too:
 *     (0.75, 0.25), l* = 2, m* = 0.5 (Nocedal & Wright, ch. 12, by hand) */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testrun.h"

static prob *quad(const char *const *cons, int m)
{
	expr_error e;
	prob *p = prob_from_expr("q", "(x - 2)^2 + (y - 1)^2", NULL, &e);
	assert_non_null(p);
	for (int k = 0; k < m; k++)
		assert_int_equal(constr_add(p, cons[k], NULL, 0, &e), 0);
	return p;
}

static double measure(const prob *p, const double *x, const double **mult)
{
	double g[2];
	p->ops->grad(p->ctx, x, g);
	station *s = station_new(p);
	assert_non_null(s);
	double v = station_measure(s, x, g);
	static double keep[4];
	int m = constr_count(p->constr); /* station_mult has one value a constraint */
	if (mult && station_mult(s) && m > 0 && m <= 4)
		memcpy(keep, station_mult(s), (size_t)m * sizeof *keep);
	if (mult)
		*mult = keep;
	station_free(s);
	return v;
}

static void test_kinds(void **st)
{
	static const char *const both[] = {"x + y <= 1", "x - y = 0.5"};
	prob *p = quad(NULL, 0);
	const double x0[2] = {2, 1}, xs[2] = {1.75, 0.75}, kkt[2] = {0.75, 0.25};
	assert_int_equal(station_kind_of(p), STATION_GRAD);
	assert_true(measure(p, x0, NULL) == 0);
	prox_attach_reg(p, prox_norm1(0.5));
	assert_int_equal(station_kind_of(p), STATION_PROX);
	assert_true(fabs(measure(p, x0, NULL) - sqrt(0.5)) < 1e-15);
	assert_true(measure(p, xs, NULL) < 1e-15);
	prob_free(p);

	p = quad(both, 2);
	assert_int_equal(station_kind_of(p), STATION_KKT);
	const double *l;
	/* at (2, 1): grad f = 0, the violations 2 and 0.5 */
	assert_true(fabs(measure(p, x0, &l) - sqrt(4 + 0.25)) < 1e-12);
	assert_true(measure(p, kkt, &l) < 1e-12);
	assert_true(fabs(l[0] - 2) < 1e-12 && fabs(l[1] - 0.5) < 1e-12);
	/* feasible and inactive at (0.5, 0): stationarity of f alone */
	const double in[2] = {0.5, 0};
	assert_true(measure(p, in, &l) > 1);
	prob_free(p);

	char err[160];
	p = quad(NULL, 0);
	prox_attach_set(p, prox_set_new("box", -1, 0.5, err, sizeof err));
	assert_int_equal(station_kind_of(p), STATION_PROJ);
	const double corner[2] = {0.5, 0.5}, side[2] = {0.5, 0};
	assert_true(measure(p, corner, NULL) == 0);
	assert_true(fabs(measure(p, side, NULL) - 0.5) < 1e-15);
	prob_free(p);
}

/* The methods that stopped at iteration 0 at (2, 1) reach the answers. */
static void test_no_stop_at_start(void **st)
{
	static const char *const ineq[] = {"x + y <= 1"};
	const double x0[2] = {2, 1};
	static const char *const cmeth[] = {"auglag", "penalty", "primaldual"};
	prob *p = quad(ineq, 1);
	for (int k = 0; k < 3; k++) {
		run *r = tr_go(p, cmeth[k], NULL, x0);
		assert_int_equal(run_status(r), RUN_RUNNING);
		run_step(r, 5000, NULL);
		assert_true(fabs(run_x(r)[0] - 1) < 1e-5 && fabs(run_x(r)[1]) < 1e-5);
		run_free(r);
	}
	prob_free(p);
	p = quad(NULL, 0);
	prox_attach_reg(p, prox_norm1(0.5));
	static const char *const pmeth[] = {"ista", "fista", "admm", "proxpoint", "bcd",
	                                    "subgradient"};
	for (int k = 0; k < 6; k++) {
		run *r = tr_go(p, pmeth[k], NULL, x0);
		assert_int_equal(run_status(r), RUN_RUNNING);
		run_step(r, 5000, NULL);
		double tol = k == 5 ? 1e-3 : 1e-7;
		if (!(fabs(run_x(r)[0] - 1.75) < tol && fabs(run_x(r)[1] - 0.75) < tol))
			fail_msg("%s ends at (%g, %g)", pmeth[k], run_x(r)[0], run_x(r)[1]);
		run_free(r);
	}
	prob_free(p);
}

/* penalty's multiplier estimates sigma c(x) stay those of the KKT point when it stops:
 * sigma stops growing once the violation is below ctol. */
static void test_penalty_multipliers(void **st)
{
	static const char *const both[] = {"x + y <= 1", "x - y = 0.5"};
	prob *p = quad(both, 2);
	const double x0[2] = {-1, 3};
	run *r = tr_go(p, "penalty", NULL, x0);
	run_step(r, 200, NULL);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	const trace *t = run_trace(r);
	long last = trace_len(t) - 1;
	int k = trace_extra_find(t, "mult1");
	assert_true(k >= 0);
	assert_true(fabs(trace_extra(t, last, k) - 2) < 1e-6);
	assert_true(fabs(trace_extra(t, last, k + 1) - 0.5) < 1e-6);
	assert_true(trace_row_at(t, last)->gnorm < 1e-8);
	run_free(r);
	prob_free(p);
}

/* Newton at a minimizer to rounding: converged, whether the last gradient is 0 or not. */
static void test_newton_rounding(void **st)
{
	const problib_entry *e = problib_find("rosenbrock");
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	char err[160];
	prob *p = problib_make(e, v, err, sizeof err);
	assert_non_null(p);
	const double starts[3][2] = {{-1.2, 1}, {1.5, -0.5}, {-2, 2}};
	for (int k = 0; k < 3; k++) {
		run *r = tr_go(p, "newton", NULL, starts[k]);
		run_step(r, 200, NULL);
		assert_int_equal(run_status(r), RUN_CONVERGED);
		assert_true(fabs(run_x(r)[0] - 1) < 1e-12 && fabs(run_x(r)[1] - 1) < 1e-12);
		run_free(r);
	}
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_no_stop_at_start),
	    cmocka_unit_test(test_penalty_multipliers),
	    cmocka_unit_test(test_newton_rounding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
