/* param: lookup, defaults, range and whole-number checks, choices, formatting. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "param.h"

static const char *const rules[] = {"none", "armijo", "wolfe", NULL};

static const param_def defs[] = {
    {"step", 1e-3, 1e-15, 10, "step", NULL, 0},
    {"maxeval", 40, 1, 1000, "trials", NULL, 1},
    {"linesearch", 1, 0, 2, "rule", rules, 0},
};

static void test_find_defaults(void **state)
{
	assert_int_equal(param_find(defs, 3, "step"), 0);
	assert_int_equal(param_find(defs, 3, "linesearch"), 2);
	assert_int_equal(param_find(defs, 3, "steps"), -1);
	assert_int_equal(param_find(defs, 3, NULL), -1);
	double v[3];
	param_defaults(defs, 3, v);
	assert_true(v[0] == 1e-3 && v[1] == 40 && v[2] == 1);
}

static const struct {
	int def;
	double v;
	const char *err; /* NULL: accepted */
} checks[] = {
    {0, 1e-3, NULL},
    {0, 10, NULL}, /* inclusive range */
    {0, 1e-15, NULL},
    {0, 11, "step = 11 is out of range [1e-15, 10]"},
    {0, -1, "step = -1 is out of range [1e-15, 10]"},
    {0, NAN, "step must be a finite number"},
    {0, INFINITY, "step must be a finite number"},
    {1, 3, NULL},
    {1, 2.5, "maxeval must be a whole number, not 2.5"},
    {1, 0, "maxeval = 0 is out of range [1, 1000]"},
    {2, 2, NULL},
    {2, 3, "linesearch must be one of none, armijo, wolfe"},
    {2, 0.5, "linesearch must be one of none, armijo, wolfe"},
};

static void test_check(void **state)
{
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		char err[200] = "";
		int rc = param_check(&defs[checks[i].def], checks[i].v, err, sizeof err);
		if (!checks[i].err) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(err, checks[i].err);
		}
	}
}

static void test_choice_format(void **state)
{
	assert_int_equal(param_choice(&defs[2], "wolfe"), 2);
	assert_int_equal(param_choice(&defs[2], "exact"), -1);
	assert_int_equal(param_choice(&defs[0], "none"), -1); /* not a choice parameter */
	char buf[32];
	param_format(&defs[2], 1, buf, sizeof buf);
	assert_string_equal(buf, "armijo");
	param_format(&defs[0], 0.25, buf, sizeof buf);
	assert_string_equal(buf, "0.25");
	param_format(&defs[0], 0.1, buf, sizeof buf);
	assert_string_equal(buf, "0.1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_defaults),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_choice_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
