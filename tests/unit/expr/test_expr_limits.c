/* Limits and hostile input: deep nesting, a 1 MB expression, random bytes,
 * huge reductions: a clean error or a right answer, never a crash. */
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
#include "expr_int.h" /* tape size, to check that reductions stay loops */

static char *repeat(const char *pre, int n, const char *mid, const char *post, int m)
{
	size_t lp = strlen(pre), lm = strlen(mid), lq = strlen(post);
	char *s = malloc(lp * (size_t)n + lm + lq * (size_t)m + 1);
	char *p = s;
	assert_non_null(s);
	for (int k = 0; k < n; k++, p += lp)
		memcpy(p, pre, lp);
	memcpy(p, mid, lm);
	p += lm;
	for (int k = 0; k < m; k++, p += lq)
		memcpy(p, post, lq);
	*p = 0;
	return s;
}

static void expect_error(const char *src, const char *msg, int line, int col)
{
	expr_error err;
	expr_tape *t = expr_compile(src, NULL, &err);
	if (t) {
		expr_free(t);
		fail_msg("compiled, want %s", msg);
	}
	if (strcmp(err.msg, msg) || err.line != line || err.col != col)
		fail_msg("got %d:%d %s, want %d:%d %s", err.line, err.col, err.msg, line, col, msg);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	const char *depth = "nesting deeper than 200 levels (depthlimit)";
	char *s = repeat("(", 100000, "x", ")", 100000);
	expect_error(s, depth, 1, 201);
	free(s);
	s = repeat("-", 100000, "x", "", 0);
	expect_error(s, depth, 1, 201);
	free(s);
	s = repeat("sin(", 100000, "x", ")", 100000);
	expect_error(s, depth, 1, 4 * 200 + 1);
	free(s);
	s = repeat("x^", 100000, "x", "", 0);
	expect_error(s, depth, 1, 2 * 200 + 1);
	free(s);
	s = repeat("(", 100000, "", "", 0);
	expect_error(s, depth, 1, 201);
	free(s);
	/* just inside the limit: compiles and evaluates */
	s = repeat("(", 150, "x + 1", ")", 150);
	expr_tape *t = expr_compile(s, NULL, NULL);
	double x = 2;
	assert_non_null(t);
	assert_true(expr_value(t, &x) == 3);
	expr_free(t);
	free(s);
	s = repeat("sin(", 199, "x", ")", 199);
	t = expr_compile(s, NULL, NULL);
	assert_non_null(t);
	double g;
	assert_true(isfinite(expr_gradient(t, &x, &g)) && isfinite(g));
	expr_free(t);
	free(s);
}

/* A 1 MB expression compiles (a flat sum, no deep recursion anywhere). */
static void test_one_megabyte(void **state)
{
	(void)state;
	int n = (EXPR_MAX_TEXT - 1) / 4;
	char *s = repeat("x*y+", n, "x", "", 0); /* 4n + 1 bytes, just under 1 MB */
	assert_true(strlen(s) <= EXPR_MAX_TEXT && strlen(s) > EXPR_MAX_TEXT - 8);
	expr_error err;
	expr_tape *t = expr_compile(s, NULL, &err);
	if (!t)
		fail_msg("%d:%d %s", err.line, err.col, err.msg);
	double p[2] = {0.5, 3}, g[2];
	double f = expr_gradient(t, p, g);
	assert_true(fabs(f - (n * 1.5 + 0.5)) <= 1e-9 * f);
	assert_true(fabs(g[0] - (n * 3.0 + 1)) <= 1e-9 * g[0]);
	assert_true(fabs(g[1] - n * 0.5) <= 1e-9 * g[1]);
	expr_free(t);
	free(s);
	/* a long sum of distinct terms: the tape grows with the text */
	s = repeat("x*1.5+", (EXPR_MAX_TEXT - 2) / 6, "y", "", 0);
	t = expr_compile(s, NULL, &err);
	assert_non_null(t);
	assert_true(fabs(expr_value(t, p) - ((EXPR_MAX_TEXT - 2) / 6 * 0.75 + 3)) < 1e-6);
	expr_free(t);
	free(s);
	/* one byte more than the limit is refused, naming it */
	s = repeat(" ", EXPR_MAX_TEXT, "x", "", 0);
	expect_error(s, "expression longer than 1048576 bytes (EXPR_MAX_TEXT)", 1, 1);
	free(s);
}

static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random bytes, and random token soup: an error with a position, or a tape. */
static void test_garbage(void **state)
{
	(void)state;
	static const char *const toks[] = {
		"x", "w", "i", "(", ")", "[", "]", "+", "-", "*", "/", "^", ",", "=", "1",
		"2.5", "1e3", ".", "e", "pi", "sum", "prod", "logsumexp", "min", "sin", "atan2",
		" ", "\n", "0", "w[i]", "sum(i = 1, 4, ", "w[i+1]", "n", "1e-", "\t", "abs(",
	};
	const int ntok = (int)(sizeof toks / sizeof toks[0]);
	expr_var v[] = {{"x", 0}, {"w", 5}};
	expr_const c = {"n", 4, NULL, 0};
	expr_options o = {.vars = v, .nvars = 2, .consts = &c, .nconsts = 1};
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	char buf[512];
	int compiled = 0, failed = 0;
	for (int trial = 0; trial < 40000; trial++) {
		int len = 1 + (int)(rng(&seed) % 120);
		if (trial % 2) {
			for (int k = 0; k < len; k++)
				buf[k] = (char)(1 + rng(&seed) % 255);
			buf[len] = 0;
		} else {
			buf[0] = 0;
			for (int k = 0; k < len / 4 + 1; k++)
				strcat(buf, toks[rng(&seed) % (uint64_t)ntok]);
		}
		expr_error err;
		memset(&err, 0, sizeof err);
		expr_tape *t = expr_compile(buf, trial % 3 ? &o : NULL, &err);
		if (t) {
			double p[6] = {0.5, 1, 2, 3, 4, 5}, g[6], h[36];
			int n = expr_dim(t);
			assert_true(n <= 6);
			expr_value(t, p);
			expr_gradient(t, p, g);
			if (n <= 6)
				expr_hessian(t, p, h);
			expr_free(t);
			compiled++;
		} else {
			if (err.line < 1 || err.col < 1 || !err.msg[0])
				fail_msg("'%s': %d:%d '%s'", buf, err.line, err.col, err.msg);
			failed++;
		}
	}
	assert_true(compiled > 100 && failed > 1000);
}

/* A reduction over 10^6 terms is a loop in the tape, not 10^6 copies. */
static void test_reduction_size(void **state)
{
	(void)state;
	const char *src = "sum(i = 1, n-1, 100*(x[i+1]-x[i]^2)^2 + (1-x[i])^2)";
	int sizes[2] = {10, 1000000}, nins[2];
	for (int k = 0; k < 2; k++) {
		expr_var v = {"x", sizes[k]};
		expr_const c = {"n", sizes[k], NULL, 0};
		expr_options o = {.vars = &v, .nvars = 1, .consts = &c, .nconsts = 1};
		expr_tape *t = expr_compile(src, &o, NULL);
		assert_non_null(t);
		nins[k] = t->nins;
		double *x = malloc((size_t)sizes[k] * sizeof *x), *g = malloc((size_t)sizes[k] * 8);
		assert_non_null(x);
		assert_non_null(g);
		for (int i = 0; i < sizes[k]; i++)
			x[i] = 1;
		assert_true(expr_gradient(t, x, g) == 0);
		x[sizes[k] - 1] = 2; /* only the last term moves: 100 (2 - 1)^2 */
		assert_true(expr_gradient(t, x, g) == 100);
		assert_true(g[sizes[k] - 1] == 200 && g[sizes[k] - 2] == -400);
		free(x);
		free(g);
		expr_free(t);
	}
	assert_int_equal(nins[0], nins[1]);
	assert_true(nins[0] < 20);
	/* the largest reduction compiles (it is not run here) */
	expr_var v = {"x", 10};
	expr_options o = {.vars = &v, .nvars = 1, .consts = NULL, .nconsts = 0};
	expr_tape *t = expr_compile("sum(i = 1, 100000000, i * x[1])", &o, NULL);
	assert_non_null(t);
	expr_free(t);
}

/* Bounds known only at run time: an index out of range gives NaN, not a read. */
static void test_runtime_ranges(void **state)
{
	(void)state;
	expr_var v = {"w", 5};
	expr_options o = {.vars = &v, .nvars = 1, .consts = NULL, .nconsts = 0};
	double w[5] = {1, 2, 3, 4, 5}, g[5], hv[5], dir[5] = {1, 1, 1, 1, 1};
	expr_tape *t = expr_compile("sum(j = 1, 3, sum(i = 1, j, w[i + j]))", &o, NULL);
	assert_non_null(t);
	assert_true(isnan(expr_value(t, w)));
	assert_true(isnan(expr_gradient(t, w, g)));
	assert_true(isnan(expr_hessvec(t, w, dir, g, hv)));
	expr_free(t);
	t = expr_compile("sum(j = 1, 3, sum(i = 1, j, w[i + 2]))", &o, NULL);
	assert_non_null(t);
	assert_true(expr_value(t, w) == 3 + (3 + 4) + (3 + 4 + 5));
	expr_gradient(t, w, g);
	assert_true(g[0] == 0 && g[1] == 0 && g[2] == 3 && g[3] == 2 && g[4] == 1);
	expr_free(t);
	/* a computed index: out of range or fractional is NaN */
	t = expr_compile("sum(i = 1, 5, w[6 - i] * w[(i * i) / 4 + 1])", &o, NULL);
	assert_non_null(t);
	assert_true(isnan(expr_value(t, w)));
	expr_free(t);
	t = expr_compile("sum(i = 1, 3, w[2 * i - 1])", &o, NULL);
	assert_non_null(t);
	assert_true(expr_value(t, w) == 1 + 3 + 5);
	expr_gradient(t, w, g);
	assert_true(g[0] == 1 && g[1] == 0 && g[2] == 1 && g[3] == 0 && g[4] == 1);
	expr_free(t);
	/* a range computed beyond the term limit (43^5 > 10^8) makes f NaN, and then its
	 * derivatives too, in the lane interpreter (one variable) and the scalar one */
	static const char *const over[] = {
	    "sum(i = 2, 5, sum(j = 10, 43^i, w[1] / j))",
	    "sum(i = 2, 5, sum(j = 10, 43^i, w[1] / j) * sum(k = 1, 2, w[k]))",
	};
	for (int k = 0; k < 2; k++) {
		t = expr_compile(over[k], &o, NULL);
		assert_non_null(t);
		assert_true(isnan(expr_value(t, w)));
		assert_true(isnan(expr_gradient(t, w, g)));
		for (int i = 0; i < 5; i++)
			assert_true(isnan(g[i]));
		assert_true(isnan(expr_hessvec(t, w, dir, g, hv)));
		for (int i = 0; i < 5; i++)
			assert_true(isnan(g[i]) && isnan(hv[i]));
		expr_free(t);
	}
	/* the work budget: nested reductions of 10^8 x 10^8 terms (each allowed alone)
	 * stop at max_work operations with NaN, value and derivatives; within the budget
	 * the same shape is exact; a flat sum past it too (the lane interpreter) */
	{
		expr_options ob = {.vars = &v, .nvars = 1};
		expr_set_work_limit(1000000);
		static const struct {
			const char *src;
			double want; /* NaN: over the budget */
		} work[] = {
		    {"sum(i = 1, 1e8, sum(j = 1, 1e8, w[1] * i * j))", NAN},
		    {"sum(i = 1, 100, sum(j = 1, 100, w[1] * i * j))", 5050.0 * 5050.0},
		    {"sum(i = 1, 1e7, w[1] * i)", NAN},
		    {"sum(i = 1, 1000, w[1] * i)", 500500},
		};
		for (size_t k = 0; k < sizeof work / sizeof *work; k++) {
			t = expr_compile(work[k].src, &ob, NULL);
			assert_non_null(t);
			double f = expr_value(t, w), fg = expr_gradient(t, w, g);
			double fh = expr_hessvec(t, w, dir, g, hv);
			if (isnan(work[k].want)) {
				assert_true(isnan(f) && isnan(fg) && isnan(fh) && isnan(g[0]) && isnan(hv[0]));
			} else {
				assert_true(f == work[k].want && fg == work[k].want && fh == work[k].want);
				assert_true(g[0] == work[k].want && hv[0] == 0);
			}
			expr_free(t);
		}
		/* the budget counts the forward sweep: value, gradient and Hessian-vector
		 * product agree on it at every budget (nested reductions, the scalar path) */
		t = expr_compile("sum(i = 1, 3, sum(j = 1, 30, w[i]^2 * j))", &ob, NULL);
		assert_non_null(t);
		for (long budget = 50; budget <= 3000; budget += 50) {
			expr_set_work_limit(budget);
			int a = isnan(expr_value(t, w)), b = isnan(expr_gradient(t, w, g));
			int c = isnan(expr_hessvec(t, w, dir, g, hv));
			assert_true(a == b && b == c);
		}
		expr_free(t);
		expr_set_work_limit(0); /* the default again */
	}
	/* reductions nested beyond the limit are refused */
	char *s = repeat("sum(i = 1, 1, ", 33, "1", ")", 33);
	for (int k = 0; k < 33; k++)
		s[k * 14 + 4] = (char)(k < 26 ? 'A' + k : 'j' + k - 26); /* distinct names */
	expr_error err;
	assert_null(expr_compile(s, NULL, &err));
	assert_string_equal(err.msg, "reductions nested deeper than 32 (EXPR_MAX_RED_NEST)");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep_nesting),   cmocka_unit_test(test_one_megabyte),
		cmocka_unit_test(test_garbage),        cmocka_unit_test(test_reduction_size),
		cmocka_unit_test(test_runtime_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
