/* test_expr_sumsq: sumsq(i = A, B, BODY) is the sum of BODY^2 as a value, and a whole
 * expression of that form yields its residuals BODY (at each i) with exact gradients,
 * in a clone too; any other shape has no residuals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "expr.h"

static expr_tape *compile(const char *src)
{
	static const expr_var vars[] = {{"x", 3}, {"y", 0}};
	expr_options o = {.vars = vars, .nvars = 2};
	expr_error err;
	expr_tape *t = expr_compile(src, &o, &err);
	if (!t)
		fail_msg("%s: %s", src, err.msg);
	return t;
}

/* r_i = x[i] y - i^2 for i = 2..4 over x[1..3] shifted: x[i - 1] */
static void check_residuals(expr_tape *t, const double *z)
{
	double g[4], f = 0;
	assert_int_equal(expr_lsq_terms(t), 3);
	for (long k = 0; k < 3; k++) {
		long i = k + 2;
		double want = z[i - 2] * z[3] - (double)(i * i);
		double r = expr_residual(t, z, k, g);
		assert_true(fabs(r - want) < 1e-14);
		assert_true(fabs(expr_residual(t, z, k, NULL) - want) < 1e-14);
		for (int j = 0; j < 3; j++)
			assert_true(g[j] == (j == i - 2 ? z[3] : 0.0));
		assert_true(fabs(g[3] - z[i - 2]) < 1e-15);
		f += want * want;
	}
	assert_true(fabs(expr_value(t, z) - f) < 1e-12 * f);
	assert_true(isnan(expr_residual(t, z, 3, NULL)));
	assert_true(isnan(expr_residual(t, z, -1, NULL)));
}

static void test_residuals(void **state)
{
	const double z[4] = {1.5, -2, 0.25, 3};
	expr_tape *t = compile("sumsq(i = 2, 4, x[i - 1]*y - i^2)");
	check_residuals(t, z);
	expr_tape *c = expr_clone(t);
	expr_free(t);
	check_residuals(c, z);
	/* the value's gradient: 2 sum r_i grad r_i */
	double g[4];
	expr_gradient(c, z, g);
	double want = 0;
	for (int i = 2; i <= 4; i++)
		want += 2 * (z[i - 2] * z[3] - i * i) * z[i - 2];
	assert_true(fabs(g[3] - want) < 1e-12 * fabs(want));
	expr_free(c);
}

/* A sum(...) of squares and squares written out are least squares as well: the
 * residuals x[i] (i = 1..3) and y, the factor 4 of 4 y^2 taken as the residual 2 y. */
static void test_written_squares(void **state)
{
	(void)state;
	const double z[4] = {1, 2, 3, 4};
	expr_tape *t = compile("sum(i = 1, 3, x[i]^2)");
	assert_int_equal(expr_lsq_terms(t), 3);
	for (long k = 0; k < 3; k++)
		assert_true(expr_residual(t, z, k, NULL) == z[k]);
	expr_free(t);
	t = compile("(x[1] - x[2])^2 + 4*y^2");
	assert_int_equal(expr_lsq_terms(t), 2);
	double g[4];
	assert_true(expr_residual(t, z, 0, g) == -1.0);
	assert_true(g[0] == 1 && g[1] == -1 && g[2] == 0 && g[3] == 0);
	assert_true(expr_residual(t, z, 1, g) == 8.0);
	assert_true(g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 2);
	expr_tape *c = expr_clone(t); /* a clone keeps its own residual tapes */
	expr_free(t);
	assert_true(expr_residual(c, z, 1, NULL) == 8.0);
	expr_free(c);
}

static void test_not_least_squares(void **state)
{
	static const char *const srcs[] = {
		"2*sumsq(i = 1, 3, x[i])", "sumsq(i = 1, 3, x[i]) + y", "x[1]^3 + y^2", "-(y^2)",
	};
	const double z[4] = {1, 2, 3, 4};
	for (size_t k = 0; k < sizeof srcs / sizeof *srcs; k++) {
		expr_tape *t = compile(srcs[k]);
		assert_int_equal(expr_lsq_terms(t), 0);
		assert_true(isnan(expr_residual(t, z, 0, NULL)));
		expr_free(t);
	}
	expr_tape *t = compile("2*sumsq(i = 1, 3, x[i])"); /* still a value */
	assert_true(expr_value(t, z) == 28.0);
	expr_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_residuals),
		cmocka_unit_test(test_written_squares),
		cmocka_unit_test(test_not_least_squares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
