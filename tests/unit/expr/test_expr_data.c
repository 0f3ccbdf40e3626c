/* Data vectors in expressions: NAME[i] and len(NAME) against closed forms, in every
 * interpreter (the lane one, the reference one through products, Hessian-vector
 * products, batches), with the errors at compile time and NaN out of range at run time. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"

static const double V[3] = {1, 2, 3};
static const double W[5] = {0.5, -1.0, 2.0, 0.25, 3.0};

static expr_tape *compile(const char *src, const expr_var *vars, int nvars, expr_error *err)
{
	/* a scalar constant beside the vectors, and copies the caller's data outlives */
	double *v = malloc(sizeof V), *w = malloc(sizeof W);
	memcpy(v, V, sizeof V);
	memcpy(w, W, sizeof W);
	expr_const c[] = {{"k", 2, NULL, 0}, {"v", 0, v, 3}, {"w", 0, w, 5}};
	expr_options o = {.vars = vars, .nvars = nvars, .consts = c, .nconsts = 3};
	expr_tape *t = expr_compile(src, &o, err);
	free(v); /* the tape keeps its own copy */
	free(w);
	return t;
}

static const expr_var X1[] = {{"x", 0}};
static const expr_var XN[] = {{"x", 5}};

static void test_contract_case(void **state)
{
	(void)state;
	expr_error err;
	expr_tape *t = compile("sum(i = 1, len(v), (x - v[i])^2)", X1, 1, &err);
	assert_non_null(t);
	double x = 0, g;
	/* sum (0 - v_i)^2 = 1 + 4 + 9, its derivative -2 sum v_i */
	assert_true(expr_gradient(t, &x, &g) == 14);
	assert_true(g == -12);
	expr_tape *c = expr_clone(t);
	expr_free(t);
	x = 1;
	assert_true(expr_value(c, &x) == 5);
	expr_free(c);
}

static void test_forms(void **state)
{
	(void)state;
	double x[5] = {1, -2, 0.5, 3, -1}, g[5], want_g[5];
	struct {
		const char *src;
		double want;
	} rows[] = {
	    {"v[1] + v[k] + v[len(v)] + len(w)", 1 + 2 + 3 + 5},
	    {"sum(i = 1, 5, w[i]*x[i]^2)", 0.5 * 1 - 1 * 4 + 2 * 0.25 + 0.25 * 9 + 3 * 1},
	    /* a slice shifted by a constant, and gathers: reversed, strided */
	    {"sum(i = 1, 2, v[i + 1]*x[i])", 2 * 1 + 3 * -2},
	    {"sum(i = 1, 3, v[4 - i]*x[i])", 3 * 1 + 2 * -2 + 1 * 0.5},
	    {"sum(i = 1, 2, w[2*i + 1]*x[i])", 2 * 1 + 3 * -2},
	    /* products and nested sums take the reference interpreter */
	    {"prod(i = 1, 3, v[i] + x[i])", 2 * 0 * 3.5},
	    {"sum(i = 1, 3, sum(j = 1, i, v[j]*x[i]))", 1 * 1 + 3 * -2 + 6 * 0.5},
	    /* out of range at run time: NaN */
	    {"sum(i = 1, 3, v[2*i])", NAN},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		expr_error err;
		expr_tape *t = compile(rows[k].src, XN, 1, &err);
		if (!t)
			fail_msg("%s: %d:%d: %s", rows[k].src, err.line, err.col, err.msg);
		double f = expr_value(t, x);
		if (!(fabs(f - rows[k].want) <= 1e-14) && !(isnan(f) && isnan(rows[k].want)))
			fail_msg("%s = %.17g, want %.17g", rows[k].src, f, rows[k].want);
		expr_free(t);
	}
	/* the gradient of sum w_i x_i^2 is 2 w_i x_i; its Hessian diag(2 w) */
	expr_error err;
	expr_tape *t = compile("sum(i = 1, 5, w[i]*x[i]^2)", XN, 1, &err);
	assert_non_null(t);
	expr_gradient(t, x, g);
	for (int i = 0; i < 5; i++) {
		want_g[i] = 2 * W[i] * x[i];
		assert_true(fabs(g[i] - want_g[i]) <= 1e-15);
	}
	double ones[5] = {1, 1, 1, 1, 1}, hv[5];
	expr_hessvec(t, x, ones, g, hv);
	for (int i = 0; i < 5; i++)
		assert_true(hv[i] == 2 * W[i]);
	expr_free(t);
	/* the gradient through a product (reference interpreter) against its closed form */
	t = compile("prod(i = 1, 2, x[i] - v[i])", XN, 1, &err);
	assert_non_null(t);
	expr_gradient(t, x, g);
	assert_true(g[0] == x[1] - 2 && g[1] == x[0] - 1 && g[2] == 0);
	expr_free(t);
}

static void test_batch(void **state)
{
	(void)state;
	expr_error err;
	expr_tape *t = compile("sum(i = 1, 3, (x - v[i])^2)", X1, 1, &err);
	assert_non_null(t);
	double pts[4] = {0, 1, 2, 3}, out[4];
	const double *cols[1] = {pts};
	expr_value_batch(t, 4, cols, NULL, out);
	for (int k = 0; k < 4; k++) {
		double want = 0;
		for (int i = 0; i < 3; i++)
			want += (pts[k] - V[i]) * (pts[k] - V[i]);
		assert_true(out[k] == want);
	}
	expr_free(t);
}

static void test_errors(void **state)
{
	(void)state;
	struct {
		const char *src;
		int col;
		const char *msg;
	} rows[] = {
	    {"x + v[4]", 7, "index 4 of data 'v' out of range 1..3"},
	    {"x + v[0]", 7, "index 0 of data 'v' out of range 1..3"},
	    {"x + v[1.5]", 7, "index of data 'v' is not an integer"},
	    {"v[x]", 3, "index of data 'v' depends on a variable"},
	    {"x + v", 5, "'v' is a data vector: write v[i] (1-based), or len(v)"},
	    {"x + len(k)", 9, "len takes the name of a data vector"},
	    {"sum(i = 1, 4, x*v[i])", 19, "index of data 'v' runs to 4, out of range 1..3"},
	    {"sum(v = 1, 2, x)", 5, "index 'v' hides a variable or constant"},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		expr_error err;
		expr_tape *t = compile(rows[k].src, X1, 1, &err);
		if (t)
			fail_msg("%s compiled", rows[k].src);
		if (strcmp(err.msg, rows[k].msg) || err.col != rows[k].col)
			fail_msg("%s: %d: %s, want %d: %s", rows[k].src, err.col, err.msg, rows[k].col,
			         rows[k].msg);
	}
	/* a declared variable cannot take a data vector's name */
	expr_error err;
	const expr_var vv[] = {{"v", 0}};
	assert_null(compile("v^2", vv, 1, &err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_contract_case),
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_batch),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
