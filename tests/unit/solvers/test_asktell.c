/* asktell and run_set_param: an ask/tell run of Nelder-Mead records the trace a
 * callback run records, bit for bit; methods that need gradients are refused; a
 * run abandoned mid-ask frees cleanly; parameters change between steps, except
 * fixed ones. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"

static double himmelblau(const double *x)
{
	double a = x[0] * x[0] + x[1] - 11, b = x[0] + x[1] * x[1] - 7;
	return a * a + b * b;
}

static double hb_value(void *ctx, const double *x)
{
	return himmelblau(x);
}

static const prob_ops hb_ops = {.value = hb_value};

static void test_same_trace(void **state)
{
	char err[256];
	double x0[2] = {0, 0};
	run_opts o;
	run_opts_default(&o);
	o.maxiter = 300;
	const meth *nm = meth_find("neldermead");
	prob *p = prob_new("hb", 2, PROB_VALUE, &hb_ops, NULL);
	run *r = run_new(p, nm, NULL, x0, &o, err, sizeof err);
	assert_non_null(r);
	while (run_status(r) == RUN_RUNNING)
		run_step(r, 1, NULL);

	askt *a = askt_new(nm, 2, NULL, x0, &o, err, sizeof err);
	assert_non_null(a);
	const double *x;
	long asked = 0;
	while ((x = askt_ask(a))) {
		askt_tell(a, himmelblau(x));
		asked++;
	}
	const run *q = askt_run(a);
	assert_int_equal(run_status(q), run_status(r));
	const trace *t = run_trace(r), *u = run_trace(q);
	assert_int_equal(trace_len(t), trace_len(u));
	for (long i = 0; i < trace_len(t); i++) {
		const trace_row *ra = trace_row_at(t, i), *rb = trace_row_at(u, i);
		assert_memory_equal(&ra->f, &rb->f, sizeof ra->f);
		assert_int_equal(ra->nf, rb->nf);
		assert_memory_equal(trace_x(t, i), trace_x(u, i), 2 * sizeof(double));
	}
	assert_int_equal(trace_row_at(u, trace_len(u) - 1)->nf, asked);
	/* a known minimizer of Himmelblau's function */
	assert_true(run_f(q) < 1e-10);
	askt_free(a);
	run_free(r);
	prob_free(p);
}

static void test_refusals_and_abandon(void **state)
{
	char err[256];
	double x0[2] = {0, 0};
	assert_null(askt_new(meth_find("gd"), 2, NULL, x0, NULL, err, sizeof err));
	assert_string_equal(err, "gd needs more than values: ask/tell drives values-only "
	                         "methods (the derivative-free family)");
	double bad[8];
	const meth *nm = meth_find("neldermead");
	param_defaults(nm->params, nm->nparams, bad);
	bad[0] = -1; /* alpha out of range: run_new refuses before asking anything */
	assert_null(askt_new(nm, 2, bad, x0, NULL, err, sizeof err));
	assert_non_null(strstr(err, "alpha"));
	/* abandoned after three answers, in the middle of setting up the simplex */
	askt *a = askt_new(nm, 2, NULL, x0, NULL, err, sizeof err);
	assert_non_null(a);
	for (int k = 0; k < 2; k++) {
		const double *x = askt_ask(a);
		assert_non_null(x);
		askt_tell(a, himmelblau(x));
	}
	assert_non_null(askt_ask(a));
	askt_free(a);
}

static void test_set_param(void **state)
{
	char err[256];
	expr_error e;
	prob *p = prob_from_expr("q", "x^2 + 10*y^2", NULL, &e);
	double x0[2] = {1, 1};
	const meth *gd = meth_find("gd");
	double par[PARAM_MAX];
	param_defaults(gd->params, gd->nparams, par);
	par[param_find(gd->params, gd->nparams, "step")] = 0.01;
	run *r = run_new(p, gd, par, x0, NULL, err, sizeof err);
	assert_non_null(r);
	run_step(r, 1, NULL);
	/* one step of 0.01 then one of 0.05: x = (1 - 2 t) x, y = (1 - 20 t) y */
	assert_int_equal(run_set_param(r, "step", 0.05, err, sizeof err), 0);
	run_step(r, 1, NULL);
	assert_true(fabs(run_x(r)[0] - 0.98 * 0.9) < 1e-15);
	assert_true(fabs(run_x(r)[1] - 0.8 * 0.0) < 1e-15);
	assert_int_equal(run_set_param(r, "nosuch", 1, err, sizeof err), -1);
	assert_string_equal(err, "gd has no parameter 'nosuch'");
	assert_int_equal(run_set_param(r, "step", -1, err, sizeof err), -1);
	run_free(r);
	const meth *lb = meth_find("lbfgs");
	r = run_new(p, lb, NULL, x0, NULL, err, sizeof err);
	assert_non_null(r);
	assert_int_equal(run_set_param(r, "memory", 50, err, sizeof err), -1);
	assert_string_equal(err, "lbfgs: memory is fixed when the run starts");
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_trace),
		cmocka_unit_test(test_refusals_and_abandon),
		cmocka_unit_test(test_set_param),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
