/* Values of expressions against closed forms, batch values against single
 * ones, the layout of x, constants, clones and the function table. */
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

#define PI 3.14159265358979323846
#define E 2.7182818284590452354

/* x, y, z scalars and w[1..5], in that order */
static const expr_var vars[] = {{"x", 0}, {"y", 0}, {"z", 0}, {"w", 5}};
static const expr_const consts[] = {{"n", 5, NULL, 0}, {"half", 0.5, NULL, 0}};
static const expr_options opts = {.vars = vars, .nvars = 4, .consts = consts, .nconsts = 2};
static const double X = 0.7, Y = -1.3, Z = 2.1;
static const double W[5] = {0.5, -1.0, 2.0, 0.25, 3.0};

static void point(double *p)
{
	p[0] = X;
	p[1] = Y;
	p[2] = Z;
	memcpy(p + 3, W, sizeof W);
}

typedef struct vrow {
	const char *src;
	double want;
} vrow;

static double sigm(double a)
{
	return 1 / (1 + exp(-a));
}

static void check_rows(const vrow *rows, int n)
{
	double p[8];
	point(p);
	for (int k = 0; k < n; k++) {
		expr_error err;
		expr_tape *t = expr_compile(rows[k].src, &opts, &err);
		if (!t)
			fail_msg("%s: %d:%d: %s", rows[k].src, err.line, err.col, err.msg);
		double f = expr_value(t, p), want = rows[k].want;
		double tol = 1e-13 * (1 + fabs(want));
		if (!(fabs(f - want) <= tol) && !(isnan(f) && isnan(want)) && f != want)
			fail_msg("%s = %.17g, want %.17g", rows[k].src, f, want);
		expr_free(t);
	}
}

static void test_values(void **state)
{
	(void)state;
	double s2 = 0, p5 = 1, lse = 0, m = -INFINITY;
	for (int i = 0; i < 5; i++) {
		s2 += W[i] * W[i];
		p5 *= W[i];
		m = fmax(m, W[i]);
	}
	for (int i = 0; i < 5; i++)
		lse += exp(W[i] - m);
	lse = m + log(lse);
	double rosen = 0;
	for (int i = 0; i < 4; i++)
		rosen += 100 * pow(W[i + 1] - W[i] * W[i], 2) + pow(1 - W[i], 2);
	const vrow rows[] = {
		{"3", 3},
		{".5", 0.5},
		{"1e-3", 1e-3},
		{"2.5E+2", 250},
		{"1 + 2 * 3", 7},
		{"(1 + 2) * 3", 9},
		{"2 ^ 3 ^ 2", 512},
		{"-2 ^ 2", -4},
		{"(-2) ^ 2", 4},
		{"2 ^ -1", 0.5},
		{"8 / 4 / 2", 1},
		{"7 - 3 - 2", 2},
		{"- - 3", 3},
		{"+4", 4},
		{"pi", PI},
		{"e", E},
		{"n * half", 2.5},
		{"x", X},
		{"x + y * z", X + Y * Z},
		{"x / y - z", X / Y - Z},
		{"-x^2", -X * X},
		{"x^3", X * X * X},
		{"x^0.5", sqrt(X)},
		{"x^-1", 1 / X},
		{"x^2.5", pow(X, 2.5)},
		{"2^x", pow(2, X)},
		{"e^x", exp(X)},
		{"x^y", pow(X, Y)},
		{"sin(x)", sin(X)},
		{"cos(y)", cos(Y)},
		{"tan(x)", tan(X)},
		{"asin(x)", asin(X)},
		{"acos(x)", acos(X)},
		{"atan(y)", atan(Y)},
		{"atan2(y, x)", atan2(Y, X)},
		{"sinh(y)", sinh(Y)},
		{"cosh(y)", cosh(Y)},
		{"tanh(z)", tanh(Z)},
		{"exp(z)", exp(Z)},
		{"log(z)", log(Z)},
		{"log2(z)", log2(Z)},
		{"log10(z)", log10(Z)},
		{"sqrt(z)", sqrt(Z)},
		{"cbrt(y)", cbrt(Y)},
		{"abs(y)", fabs(Y)},
		{"sign(y)", -1},
		{"sign(0)", 0},
		{"min(x, y)", Y},
		{"max(x, y, z)", Z},
		{"min(z, x, y, 4)", Y},
		{"hypot(x, y)", hypot(X, Y)},
		{"pow(z, y)", pow(Z, Y)},
		{"sigmoid(y)", sigm(Y)},
		{"sigmoid(-800)", 0},
		{"softplus(x)", log(1 + exp(X))},
		{"softplus(800)", 800},
		{"logsumexp(x, y, z)", log(exp(X) + exp(Y) + exp(Z))},
		{"logsumexp(1000, 1000)", 1000 + log(2)},
		{"w[1] + w[5]", W[0] + W[4]},
		{"w[n]", W[4]},
		{"w[2 + 1]", W[2]},
		{"sum(i = 1, 5, w[i]^2)", s2},
		{"sum(i = 1, n, w[i]^2)", s2},
		{"prod(i = 1, 5, w[i])", p5},
		{"logsumexp(i = 1, 5, w[i])", lse},
		{"sum(i = 1, 4, 100*(w[i+1] - w[i]^2)^2 + (1 - w[i])^2)", rosen},
		{"sum(i = 2, 5, w[i] - w[i-1])", W[4] - W[0]},
		{"sum(i = 1, 5, w[6 - i] * i)", 1 * W[4] + 2 * W[3] + 3 * W[2] + 4 * W[1] + 5 * W[0]},
		{"sum(i = 1, 100, i)", 5050},
		{"sum(i = 1, 10, i^2)", 385},
		{"prod(i = 1, 6, i)", 720},
		{"sum(i = 1, 0, w[i])", 0},
		{"prod(i = 3, 2, x)", 1},
		{"sum(i = 1, 5, x * w[i])", X * (W[0] + W[1] + W[2] + W[3] + W[4])},
		{"sum(i = 1, 3, sum(j = 1, 2, i * j))", 18},
		{"sum(i = 1, 4, sum(j = i, 4, w[i] * w[j]))",
		 W[0] * (W[0] + W[1] + W[2] + W[3]) + W[1] * (W[1] + W[2] + W[3]) +
		         W[2] * (W[2] + W[3]) + W[3] * W[3]},
		{"sum(i = 1, 5, w[i]) / n", (W[0] + W[1] + W[2] + W[3] + W[4]) / 5},
		{"log(-1)", NAN},
		{"1 / 0", INFINITY},
		{"-1 / 0", -INFINITY},
		{"sqrt(-1)", NAN},
		{"log(0)", -INFINITY},
		{"(x + y) * (x - y) - (x^2 - y^2)", (X + Y) * (X - Y) - (X * X - Y * Y)},
		{"1\n+\n2", 3},
	};
	check_rows(rows, (int)(sizeof rows / sizeof rows[0]));
	assert_true(sizeof rows / sizeof rows[0] >= 60);
}

/* Free names become variables in order of first appearance. */
static void test_free_names(void **state)
{
	(void)state;
	expr_error err;
	expr_tape *t = expr_compile("b * 10 + a - pi * 0", NULL, &err);
	assert_non_null(t);
	assert_int_equal(expr_dim(t), 2);
	assert_int_equal(expr_nvars(t), 2);
	assert_string_equal(expr_var_name(t, 0), "b");
	assert_string_equal(expr_var_name(t, 1), "a");
	double p[2] = {3, 4};
	assert_true(expr_value(t, p) == 34);
	expr_free(t);
	/* a constant expression has dimension 0 */
	expr_var none[1] = {{"unused", 0}};
	expr_options o = {.vars = none, .nvars = 0, .consts = NULL, .nconsts = 0};
	t = expr_compile("2 * pi", &o, &err);
	assert_non_null(t);
	assert_int_equal(expr_dim(t), 0);
	assert_true(expr_value(t, NULL) == 2 * PI);
	expr_free(t);
}

static void test_layout(void **state)
{
	(void)state;
	expr_tape *t = expr_compile("x + w[2]", &opts, NULL);
	char buf[32];
	assert_non_null(t);
	assert_int_equal(expr_dim(t), 8);
	assert_int_equal(expr_nvars(t), 4);
	assert_int_equal(expr_var_size(t, 3), 5);
	assert_int_equal(expr_var_offset(t, 3), 3);
	assert_int_equal(expr_var_offset(t, 2), 2);
	expr_coord_name(t, 1, buf, sizeof buf);
	assert_string_equal(buf, "y");
	expr_coord_name(t, 5, buf, sizeof buf);
	assert_string_equal(buf, "w[3]");
	expr_coord_name(t, 7, buf, sizeof buf);
	assert_string_equal(buf, "w[5]");
	expr_free(t);
}

/* expr_value_batch agrees with expr_value, strides included. */
static void test_batch(void **state)
{
	(void)state;
	const char *srcs[] = {
		"(1 - x)^2 + 100*(y - x^2)^2",
		"sin(x) * cos(y) + exp(-x^2 - y^2) + max(x, y) + abs(x - y)",
		"logsumexp(x, y, 2) + hypot(x, y) + atan2(y, x) + x^y",
		"sum(i = 1, 3, (x - i)^2 * y)",
		"3",
		"x",
	};
	enum { K = 1000 };
	static double xs[K], ys[2 * K], out[K];
	for (int k = 0; k < K; k++) {
		xs[k] = -2 + 4.0 * k / K;
		ys[2 * k] = 1.5 - 3.0 * ((k * 37) % K) / K;
		ys[2 * k + 1] = NAN;
	}
	const double *cols[2] = {xs, ys};
	const int strides[2] = {1, 2};
	expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options o = {.vars = xy, .nvars = 2, .consts = NULL, .nconsts = 0};
	for (size_t s = 0; s < sizeof srcs / sizeof srcs[0]; s++) {
		expr_tape *t = expr_compile(srcs[s], &o, NULL);
		assert_non_null(t);
		expr_value_batch(t, K, cols, strides, out);
		for (int k = 0; k < K; k++) {
			double p[2] = {xs[k], ys[2 * k]};
			double f = expr_value(t, p);
			if (!(f == out[k] || (isnan(f) && isnan(out[k])) ||
			      fabs(f - out[k]) <= 1e-14 * fabs(f)))
				fail_msg("%s at %d: batch %.17g, single %.17g", srcs[s], k, out[k], f);
		}
		/* stride 0 broadcasts one value */
		const int bs[2] = {1, 0};
		const double *bc[2] = {xs, ys};
		expr_value_batch(t, K, bc, bs, out);
		for (int k = 0; k < K; k += 7) {
			double p[2] = {xs[k], ys[0]};
			double f = expr_value(t, p);
			assert_true(f == out[k] || (isnan(f) && isnan(out[k])) ||
			            fabs(f - out[k]) <= 1e-14 * fabs(f));
		}
		expr_free(t);
	}
	/* strides == NULL: all 1 */
	expr_tape *t = expr_compile("x * y", &o, NULL);
	assert_non_null(t);
	double a[3] = {1, 2, 3}, b[3] = {4, 5, 6}, r[3];
	const double *ab[2] = {a, b};
	expr_value_batch(t, 3, ab, NULL, r);
	assert_true(r[0] == 4 && r[1] == 10 && r[2] == 18);
	expr_free(t);
}

/* A clone evaluates alone; freeing the original does not touch it. */
static void test_clone(void **state)
{
	(void)state;
	double p[8];
	point(p);
	expr_tape *t = expr_compile("sum(i = 1, 5, w[i]^2) * x + y", &opts, NULL);
	assert_non_null(t);
	double f = expr_value(t, p);
	expr_tape *c = expr_clone(t);
	assert_non_null(c);
	expr_free(t);
	assert_true(expr_value(c, p) == f);
	assert_string_equal(expr_var_name(c, 3), "w");
	expr_free(c);
	expr_free(NULL);
}

/* The function table is sorted, every entry has help, and each compiles. */
static void test_func_table(void **state)
{
	(void)state;
	int n = expr_nfuncs();
	assert_true(n >= 27);
	for (int i = 0; i < n; i++) {
		assert_non_null(expr_func_name(i));
		assert_non_null(expr_func_help(i));
		assert_true(strlen(expr_func_help(i)) > 10);
		if (i > 0)
			assert_true(strcmp(expr_func_name(i - 1), expr_func_name(i)) < 0);
	}
	assert_null(expr_func_name(n));
	/* the subgradients at kinks are stated */
	for (int i = 0; i < n; i++) {
		const char *nm = expr_func_name(i);
		if (!strcmp(nm, "abs") || !strcmp(nm, "min") || !strcmp(nm, "max"))
			assert_non_null(strstr(expr_func_help(i), "derivative"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),     cmocka_unit_test(test_free_names),
		cmocka_unit_test(test_layout),     cmocka_unit_test(test_batch),
		cmocka_unit_test(test_clone),      cmocka_unit_test(test_func_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
