/* Every syntax and name error: exact message, line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"

static const expr_var vars[] = {{"x", 0}, {"y", 0}, {"w", 10}};
static const expr_const consts[] = {{"n", 10, NULL, 0}, {"half", 0.5, NULL, 0}};
static const expr_options opts = {.vars = vars, .nvars = 3, .consts = consts, .nconsts = 2};

typedef struct erow {
	const char *src;
	const char *msg;
	int line, col;
} erow;

static const erow rows[] = {
	{"", "unexpected end of input", 1, 1},
	{"   ", "unexpected end of input", 1, 4},
	{"1 +", "unexpected end of input", 1, 4},
	{"(x + 1", "unexpected end of input", 1, 7},
	{"(x + 1]", "expected ')'", 1, 7},
	{"x + 1)", "unexpected ')'", 1, 6},
	{"x y", "unexpected name 'y'", 1, 3},
	{"2 3", "unexpected number", 1, 3},
	{"x $ 2", "unexpected character '$'", 1, 3},
	{"x +\n  # 2", "unexpected character '#'", 2, 3},
	{"1e+", "malformed number: exponent without digits", 1, 1},
	{"x * * 2", "unexpected '*'", 1, 5},
	{"2x + y", "unexpected name 'x' (did you mean '2*x'?)", 1, 2},
	{"0.5 y", "unexpected name 'y' (did you mean '0.5*y'?)", 1, 5},
	{"(x + 1)y", "unexpected name 'y' (a product needs '*': ')*y')", 1, 8},
	{"x**2", "unexpected '*' (did you mean 'x^2'? powers are written with '^')", 1, 3},
	{"exp(x)**(y)", "unexpected '*' (powers are written with '^', not '**')", 1, 8},
	{"sine(x)", "unknown function 'sine' (did you mean 'sin'?)", 1, 1},
	{"x + lg(y)", "unknown function 'lg' (did you mean 'log'?)", 1, 5},
	{"frobnicate(x)", "unknown function 'frobnicate'", 1, 1},
	{"x + yy", "unknown variable 'yy' (did you mean 'y'?)", 1, 5},
	{"x + hlf", "unknown variable 'hlf' (did you mean 'half'?)", 1, 5},
	{"q", "unknown variable 'q'", 1, 1},
	{"x +\n\n   zeta", "unknown variable 'zeta'", 3, 4},
	{"sin(x, y)", "'sin' takes 1 argument, got 2", 1, 1},
	{"sin()", "'sin' takes 1 argument, got 0", 1, 1},
	{"atan2(x)", "'atan2' takes 2 arguments, got 1", 1, 1},
	{"min(x)", "'min' takes at least 2 arguments, got 1", 1, 1},
	{"1 + max()", "'max' takes at least 2 arguments, got 0", 1, 5},
	{"logsumexp(x)", "'logsumexp' takes at least 2 arguments, got 1", 1, 1},
	{"sum(x, y, 1)", "'sum' takes the form sum(i = A, B, BODY)", 1, 1},
	{"prod(x)", "'prod' takes the form prod(i = A, B, BODY)", 1, 1},
	{"sum(i = 1, 3)", "expected ','", 1, 13},
	{"sum(i = 1, 3, i, 4)", "a reduction takes the form NAME(i = A, B, BODY)", 1, 16},
	{"w[11]", "index 11 of 'w' out of range 1..10", 1, 3},
	{"w[0]", "index 0 of 'w' out of range 1..10", 1, 3},
	{"w[n + 1]", "index 11 of 'w' out of range 1..10", 1, 3},
	{"w[1.5]", "index of 'w' is not an integer", 1, 3},
	{"w[x]", "index of 'w' depends on a variable", 1, 3},
	{"sum(i = 1, n, w[i+1])", "index of 'w' runs to 11, out of range 1..10", 1, 17},
	{"sum(i = 1, n, w[i - 1])", "index of 'w' runs to 0, out of range 1..10", 1, 17},
	{"sum(i = 0, 5, w[i])", "index of 'w' runs to 0, out of range 1..10", 1, 17},
	{"sum(i = 1, x, w[i])", "reduction bound is not constant", 1, 12},
	{"sum(i = y, 3, w[i])", "reduction bound is not constant", 1, 9},
	{"sum(i = 1, 2.5, w[i])", "reduction bound is not an integer", 1, 12},
	{"sum(i = 1, 1e9, i)", "reduction over 1000000000 terms, beyond the limit 100000000 (EXPR_MAX_DIM)",
	 1, 1},
	{"sum(x = 1, 3, x)", "index 'x' hides a variable or constant", 1, 5},
	{"sum(n = 1, 3, n)", "index 'n' hides a variable or constant", 1, 5},
	{"i", "unknown variable 'i'", 1, 1},
	{"sum(i = 1, 3, i[2])", "index 'i' cannot be indexed", 1, 15},
	{"pi[1]", "constant 'pi' cannot be indexed", 1, 1},
	{"x[1]", "'x' is not an indexed variable", 1, 1},
	{"w + 1", "'w' is indexed: write w[i]", 1, 1},
	{"sin + 1", "'sin' is a function: write it with arguments in ()", 1, 1},
	{"x(2)", "unknown function 'x'", 1, 1},
	{"w[1", "unexpected end of input", 1, 4},
	{"w[1)", "expected ']'", 1, 4},
	{"x\t+\t\x01", "unexpected byte 0x01", 1, 5},
	{"x + \xff", "unexpected byte 0xff", 1, 5},
	{"sum(i = 1, 3, sum(i = 1, 2, i))", "index 'i' is already used by an outer reduction", 1, 19},
};

static void test_error_rows(void **state)
{
	int bad = 0;
	(void)state;
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		expr_error err;
		memset(&err, 0x55, sizeof err);
		expr_tape *t = expr_compile(rows[k].src, &opts, &err);
		if (t) {
			expr_free(t);
			print_error("'%s' compiled, want \"%s\"\n", rows[k].src, rows[k].msg);
			bad++;
		} else if (strcmp(err.msg, rows[k].msg) || err.line != rows[k].line ||
		           err.col != rows[k].col) {
			print_error("'%s': got %d:%d \"%s\", want %d:%d \"%s\"\n", rows[k].src,
			            err.line, err.col, err.msg, rows[k].line, rows[k].col, rows[k].msg);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Errors in the options themselves, reported at 1:1. */
static void test_option_errors(void **state)
{
	(void)state;
	const struct {
		expr_var v[2];
		int nv;
		const char *msg;
	} cases[] = {
		{{{"x", 0}, {"x", 3}}, 2, "variable 'x' declared twice"},
		{{{"pi", 0}, {"y", 0}}, 2, "variable 'pi' clashes with a constant or function"},
		{{{"sin", 0}, {"y", 0}}, 2, "variable 'sin' clashes with a constant or function"},
		{{{"3x", 0}, {"y", 0}}, 2, "invalid variable name '3x'"},
		{{{"x", -1}, {"y", 0}}, 2, "variable 'x': size beyond 0..100000000 (dimlimit)"},
		{{{"x", 100000000}, {"y", 1}}, 2,
		 "variable 'y': size beyond 0..100000000 (dimlimit)"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		expr_options o = {.vars = cases[k].v, .nvars = cases[k].nv};
		expr_error err;
		expr_tape *t = expr_compile("1", &o, &err);
		assert_null(t);
		if (strcmp(err.msg, cases[k].msg) || err.line != 1 || err.col != 1)
			fail_msg("case %zu: %d:%d %s", k, err.line, err.col, err.msg);
	}
	/* a workspace constant clashing with a declared variable */
	expr_const c = {"x", 2, NULL, 0};
	expr_var v = {"x", 0};
	expr_options o = {.vars = &v, .nvars = 1, .consts = &c, .nconsts = 1};
	expr_error err;
	assert_null(expr_compile("x", &o, &err));
	assert_string_equal(err.msg, "variable 'x' clashes with a constant or function");
	/* err may be NULL; src NULL is an error */
	assert_null(expr_compile("1 +", NULL, NULL));
	assert_null(expr_compile(NULL, NULL, &err));
}

/* Free names: a constant name is not a variable, an unknown function still fails. */
static void test_free_mode_errors(void **state)
{
	(void)state;
	expr_error err;
	expr_tape *t = expr_compile("cos + 1", NULL, &err);
	assert_null(t);
	assert_string_equal(err.msg, "'cos' is a function: write it with arguments in ()");
	assert_null(expr_compile("a[1]", NULL, &err));
	assert_string_equal(err.msg, "'a' is not an indexed variable");
	assert_null(expr_compile("a + exq(b)", NULL, &err));
	assert_string_equal(err.msg, "unknown function 'exq' (did you mean 'exp'?)");
	assert_int_equal(err.col, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_rows),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_free_mode_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
