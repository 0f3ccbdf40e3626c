/* proxpoint on a game is the proximal point of the game's operator: on
 * min_x max_y x y its iterates contract by exactly 1/sqrt(1 + t^2) a step
 * (the resolvent of F = (y, -x)), as gproxpoint's do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"

static run *make(const prob *p, const char *method, double t)
{
	const meth *m = meth_find(method);
	assert_non_null(m);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	v[param_find(m->params, m->nparams, strcmp(method, "proxpoint") == 0 ? "t" : "step")] = t;
	if (strcmp(method, "gproxpoint") == 0)
		v[param_find(m->params, m->nparams, "inner")] =
		    param_choice(&m->params[param_find(m->params, m->nparams, "inner")],
		                 "extragradient");
	double x0[2] = {1, 1};
	run_opts o;
	run_opts_default(&o);
	char err[256];
	run *r = run_new(p, m, v, x0, &o, err, sizeof err);
	assert_non_null(r);
	return r;
}

static void test_bilinear_contraction(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("bilinear");
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	char err[256];
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	const double ts[] = {0.5, 1, 2};
	for (int k = 0; k < 3; k++) {
		double t = ts[k];
		run *a = make(p, "proxpoint", t), *b = make(p, "gproxpoint", t);
		run_step(a, 15, NULL);
		run_step(b, 15, NULL);
		const trace *ta = run_trace(a), *tb = run_trace(b);
		assert_int_equal(trace_len(ta), 16);
		for (long i = 0; i < trace_len(ta); i++) {
			const double *x = trace_x(ta, i), *y = trace_x(tb, i);
			double want = sqrt(2) * pow(1 + t * t, -0.5 * (double)i);
			double got = hypot(x[0], x[1]);
			assert_true(fabs(got - want) <= 1e-7); /* the inner loop stops at 1e-10 */
			assert_true(x[0] == y[0] && x[1] == y[1]);
		}
		run_free(a);
		run_free(b);
	}
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bilinear_contraction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
