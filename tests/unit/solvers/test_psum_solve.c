/* Finite-sum problems know their minimizer: Newton at construction reaches
 * |grad| <= 1e-12 also where the decrease of f drowns in rounding near x*
 * (logreg(m = 500, d = 2, seed = 3, lambda = 0.1) once lost its x* that way). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "optlab.h"

static void check(const char *name, double m, double d, double seed, double lambda)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	v[param_find(e->params, e->nparams, "m")] = m;
	v[param_find(e->params, e->nparams, "d")] = d;
	v[param_find(e->params, e->nparams, "seed")] = seed;
	v[param_find(e->params, e->nparams, "lambda")] = lambda;
	char err[256];
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	if (p->nsol != 1)
		print_error("%s(m = %g, d = %g, seed = %g, lambda = %g) has no x*\n", name, m, d,
		            seed, lambda);
	assert_int_equal(p->nsol, 1);
	double *g = malloc((size_t)p->n * sizeof *g), s = 0;
	double f = p->ops->grad(p->ctx, p->xstar, g);
	for (int i = 0; i < p->n; i++)
		s += g[i] * g[i];
	assert_true(sqrt(s) <= 1e-10);
	assert_true(fabs(f - p->fstar) <= 1e-15 * (1 + fabs(f)));
	free(g);
	prob_free(p);
}

static void test_logreg_minimizers(void **state)
{
	(void)state;
	static const double lambdas[] = {0.1, 0.01, 0.001};
	for (int seed = 1; seed <= 8; seed++)
		for (int k = 0; k < 3; k++) {
			check("logreg", 500, 2, seed, lambdas[k]);
			check("logreg", 300, 5, seed, lambdas[k]);
		}
}

static void test_leastsq_minimizers(void **state)
{
	(void)state;
	for (int seed = 1; seed <= 8; seed++)
		check("leastsq", 200, 4, seed, 0.01);
}

/* Wide data (d >> m): Newton's Cholesky costs d^3 / 3, so x* is left unknown
 * (d = 10^4 once hung the definition for minutes); d = 1000 is still solved. */
static void test_wide_data(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("leastsq");
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	v[param_find(e->params, e->nparams, "m")] = 1;
	v[param_find(e->params, e->nparams, "d")] = 10000;
	v[param_find(e->params, e->nparams, "lambda")] = 0.1;
	char err[256];
	prob *p = e->make(v, err, sizeof err);
	assert_non_null(p);
	assert_int_equal(p->nsol, 0);
	prob_free(p);
	check("leastsq", 1, 1000, 1, 0.1);
}

/* Ctrl-C during the set-up (the flag expr_set_interrupt watches) leaves x* unknown. */
static void test_interrupted(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("leastsq");
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	char err[256];
	atomic_int flag;
	atomic_init(&flag, 1);
	expr_set_interrupt(&flag);
	prob *p = e->make(v, err, sizeof err);
	expr_set_interrupt(NULL);
	assert_non_null(p);
	assert_int_equal(p->nsol, 0);
	prob_free(p);
	p = e->make(v, err, sizeof err);
	assert_int_equal(p->nsol, 1);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logreg_minimizers),
		cmocka_unit_test(test_leastsq_minimizers),
		cmocka_unit_test(test_wide_data),
		cmocka_unit_test(test_interrupted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
