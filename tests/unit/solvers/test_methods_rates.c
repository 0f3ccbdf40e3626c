/* test_methods_rates: what the classic smooth methods promise beyond reaching a
 * minimizer, checked on their measured traces: Newton's one step on a
 * quadratic, BFGS's superlinear rate, L-BFGS and CG to |g| < 1e-8 in 100
 * dimensions, Nelder-Mead's simplex as probes, CG's restarts, coordinate
 * descent's seeded randomness, and the refusals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"

/* A library problem with its parameters in the table's order. */
static prob *lib(const char *name, const double *v)
{
	char err[256];
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	prob *p = e->make(v, err, sizeof err);
	if (!p)
		print_error("%s: %s\n", name, err);
	assert_non_null(p);
	return p;
}

static prob *quadratic10(void)
{
	const double v[] = {10, 100, 1, 1}; /* n, cond, seed, rotate */
	return lib("quadratic", v);
}

static prob *rosenbrock(int n)
{
	const double v[] = {n};
	return lib("rosenbrock", v);
}

/* A run of method name with "name=value" overrides (numbers only here). */
static run *start(const prob *p, const char *name, const char *k1, double v1, const double *x0,
                  const run_opts *o)
{
	const meth *m = meth_find(name);
	assert_non_null(m);
	double mp[PARAM_MAX];
	param_defaults(m->params, m->nparams, mp);
	if (k1) {
		int k = param_find(m->params, m->nparams, k1);
		assert_true(k >= 0);
		mp[k] = v1;
	}
	char err[256];
	run *r = run_new(p, m, mp, x0, o, err, sizeof err);
	if (!r)
		print_error("%s: %s\n", name, err);
	assert_non_null(r);
	return r;
}

static void alternating(double *x, int n, double a, double b)
{
	for (int i = 0; i < n; i++)
		x[i] = i % 2 ? b : a;
}

static void test_newton_solves_quadratic_in_one_step(void **state)
{
	prob *p = quadratic10();
	double x0[10];
	alternating(x0, 10, 1, -2);
	double d0 = prob_dist_to_sol(p, x0);
	for (int damped = 0; damped <= 1; damped++) {
		run *r = start(p, "newton", "damped", damped, x0, NULL);
		assert_int_equal(run_step(r, 1, NULL), 1);
		const trace_row *row = trace_row_at(run_trace(r), 1);
		assert_true(row->dist <= 1e-12 * d0);
		assert_true(row->step == 1.0); /* the full step, also when damped */
		assert_int_equal(row->nh, 1);
		run_free(r);
	}
	prob_free(p);
}

/* Near x* the decrease f should show drowns in its rounding (|g| ~ 1e-8 at f ~ 0.5):
 * damped Newton must still converge quadratically to |g| ~ 1e-15, not stop with "step
 * below rounding" as a line search on f alone does. */
static void test_newton_converges_below_f_rounding(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("logreg");
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	v[param_find(e->params, e->nparams, "m")] = 500;
	v[param_find(e->params, e->nparams, "d")] = 2;
	v[param_find(e->params, e->nparams, "seed")] = 3;
	v[param_find(e->params, e->nparams, "lambda")] = 0.1;
	char err[256];
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	run *r = start(p, "newton", NULL, 0, p->x0, NULL);
	run_step(r, 6, NULL);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), 7);
	assert_true(trace_row_at(t, 3)->gnorm > 1e-9); /* f cannot resolve the next decrease */
	assert_true(trace_row_at(t, 4)->gnorm < 1e-15);
	assert_true(trace_row_at(t, 4)->dist < 1e-14);
	run_free(r);
	prob_free(p);
}

/* |x_{k+1} - x*| / |x_k - x*| -> 0: over the last four iterations above
 * rounding the ratio falls at every step, to below 0.01 (a linear rate would
 * hold it near a constant). */
static void test_bfgs_superlinear_on_rosenbrock(void **state)
{
	prob *p = rosenbrock(2);
	run_opts o;
	run_opts_default(&o);
	o.maxiter = 200;
	run *r = start(p, "bfgs", NULL, 0, NULL, &o);
	run_step(r, 200, NULL);
	const trace *t = run_trace(r);
	long last = -1;
	for (long i = 0; i < trace_len(t); i++)
		if (trace_row_at(t, i)->dist > 1e-11)
			last = i;
	assert_true(last >= 6 && last + 1 < trace_len(t));
	double ratio[4];
	for (int k = 0; k < 4; k++) {
		long i = last - 3 + k;
		ratio[k] = trace_row_at(t, i + 1)->dist / trace_row_at(t, i)->dist;
		print_message("bfgs: iteration %ld, dist %.3e, ratio %.3e\n", i + 1,
		              trace_row_at(t, i + 1)->dist, ratio[k]);
	}
	for (int k = 0; k + 1 < 4; k++)
		assert_true(ratio[k + 1] < ratio[k]);
	assert_true(ratio[0] < 0.5);
	assert_true(ratio[3] < 0.01);
	run_free(r);
	prob_free(p);
}

static void reaches_gnorm(const char *name, long budget)
{
	prob *p = rosenbrock(100);
	run_opts o;
	run_opts_default(&o);
	o.gtol = 1e-8;
	o.maxiter = budget;
	run *r = start(p, name, NULL, 0, NULL, &o);
	run_step(r, budget, NULL);
	const trace *t = run_trace(r);
	const trace_row *row = trace_row_at(t, trace_len(t) - 1);
	print_message("%s on rosenbrock(100): %ld iterations, |g| %.2e, dist %.2e\n", name,
	              row->iter, row->gnorm, row->dist);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	assert_true(row->gnorm < 1e-8);
	assert_true(row->dist < 1e-6);
	run_free(r);
	prob_free(p);
}

static void test_lbfgs_rosenbrock100(void **state)
{
	reaches_gnorm("lbfgs", 1000);
}

static void test_cg_rosenbrock100(void **state)
{
	reaches_gnorm("cg", 5000);
}

/* Every row carries the simplex (n + 1 probes), best vertex first and equal
 * to the iterate; Nelder-Mead calls values only. */
static void test_neldermead_simplex_probes(void **state)
{
	prob *p = rosenbrock(2);
	run *r = start(p, "neldermead", NULL, 0, NULL, NULL);
	run_step(r, 60, NULL);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), 61);
	double area0 = NAN, area = NAN;
	for (long i = 0; i < trace_len(t); i++) {
		const double *pts;
		const trace_row *row = trace_row_at(t, i);
		assert_int_equal(trace_probes(t, i, &pts), 3);
		assert_memory_equal(pts, trace_x(t, i), 2 * sizeof *pts);
		for (int v = 0; v < 3; v++)
			assert_true(p->ops->value(p->ctx, pts + 2 * v) >= row->f);
		const double *a = pts, *b = pts + 2, *q = pts + 4;
		area = fabs((b[0] - a[0]) * (q[1] - a[1]) - (q[0] - a[0]) * (b[1] - a[1]));
		assert_true(area > 0); /* a proper triangle */
		if (i == 0)
			area0 = area;
		assert_int_equal(row->ng, 0);
		assert_int_equal(row->nh, 0);
	}
	assert_true(area < area0); /* it closes in on the minimizer */
	assert_true(trace_row_at(t, 60)->nf >= 60 + 3);
	run_free(r);
	prob_free(p);
}

/* restart = 5: the steps 1, 6, 11, ... start from -g (the `restart` column). */
static void test_cg_restarts(void **state)
{
	prob *p = quadratic10();
	double x0[10];
	alternating(x0, 10, 1, -2);
	run *r = start(p, "cg", "restart", 5, x0, NULL);
	run_step(r, 12, NULL);
	const trace *t = run_trace(r);
	int col = -1;
	for (int k = 0; k < trace_nextra(t); k++)
		if (strcmp(trace_extra_name(t, k), "restart") == 0)
			col = k;
	assert_true(col >= 0);
	assert_true(trace_len(t) >= 12);
	for (long i = 1; i < 12; i++)
		assert_true(trace_extra(t, i, col) == ((i - 1) % 5 == 0));
	run_free(r);
	prob_free(p);
}

static int same_trace(const trace *a, const trace *b)
{
	if (trace_len(a) != trace_len(b))
		return 0;
	for (long i = 0; i < trace_len(a); i++) {
		if (trace_row_at(a, i)->f != trace_row_at(b, i)->f ||
		    memcmp(trace_x(a, i), trace_x(b, i), (size_t)trace_nx(a) * sizeof(double)))
			return 0;
	}
	return 1;
}

static void test_cd_random_is_seeded(void **state)
{
	prob *p = quadratic10();
	double x0[10];
	alternating(x0, 10, 1, -2);
	run *r[3];
	for (int k = 0; k < 3; k++) {
		run_opts o;
		run_opts_default(&o);
		o.seed = k < 2 ? 7 : 8;
		r[k] = start(p, "cd", "order", 1, x0, &o);
		run_step(r[k], 30, NULL);
	}
	assert_true(same_trace(run_trace(r[0]), run_trace(r[1])));
	assert_false(same_trace(run_trace(r[0]), run_trace(r[2])));
	for (int k = 0; k < 3; k++)
		run_free(r[k]);
	prob_free(p);
}

/* The dense methods refuse beyond their limit, in init, with the limit named. */
static void test_dense_methods_refuse_large_n(void **state)
{
	prob *p = rosenbrock(2001);
	const char *names[] = {"newton", "bfgs"};
	for (int k = 0; k < 2; k++) {
		char err[256] = "";
		run *r = run_new(p, meth_find(names[k]), NULL, NULL, NULL, err, sizeof err);
		assert_null(r);
		assert_non_null(strstr(err, "n <= 2000"));
		assert_non_null(strstr(err, "2001"));
	}
	prob_free(p);
}

/* Without the Hessian, newton is refused by the driver; neldermead runs on
 * values alone. */
static double v_only(void *ctx, const double *x)
{
	return (x[0] - 1) * (x[0] - 1) + 2 * (x[1] + 0.5) * (x[1] + 0.5);
}

static void test_needs(void **state)
{
	static const prob_ops ops = {.value = v_only};
	prob *p = prob_new("bowl", 2, PROB_VALUE, &ops, NULL);
	const double xs[] = {1, -0.5};
	prob_set_solutions(p, 1, xs, 0);
	char err[256];
	const char *needs_grad[] = {"newton", "bfgs", "lbfgs", "cg", "cd"};
	for (int k = 0; k < 5; k++) {
		const meth *m = meth_find(needs_grad[k]);
		assert_null(run_new(p, m, NULL, NULL, NULL, err, sizeof err));
		assert_non_null(strstr(err, "the gradient")); /* the driver names what is missing */
	}
	run_opts o;
	run_opts_default(&o);
	run *r = start(p, "neldermead", NULL, 0, NULL, &o);
	run_step(r, 200, NULL);
	assert_true(prob_dist_to_sol(p, run_x(r)) < 1e-6);
	assert_true(isnan(trace_row_at(run_trace(r), 0)->gnorm));
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newton_solves_quadratic_in_one_step),
		cmocka_unit_test(test_newton_converges_below_f_rounding),
		cmocka_unit_test(test_bfgs_superlinear_on_rosenbrock),
		cmocka_unit_test(test_lbfgs_rosenbrock100),
		cmocka_unit_test(test_cg_rosenbrock100),
		cmocka_unit_test(test_neldermead_simplex_probes),
		cmocka_unit_test(test_cg_restarts),
		cmocka_unit_test(test_cd_random_is_seeded),
		cmocka_unit_test(test_dense_methods_refuse_large_n),
		cmocka_unit_test(test_needs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
