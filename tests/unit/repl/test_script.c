/* script: logical lines, continuations and command splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"
#include "script.h"

static const struct {
	const char *text;
	int more;
} needs_more[] = {
	{"step 10", 0},
	{"run a = gd on p from (1,", 1},
	{"problem p = sum(i = 1, 3, x[i]", 1},
	{"problem p = x^2 \\", 1},
	{"problem p = x^2 \\   ", 1},
	{"problem p = x^2 # a comment (", 0},
	{"export \"a(b.csv\" r", 0},
	{"eval p at (1, 2))", 0},
	{"", 0},
};

static void test_needs_more(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof needs_more / sizeof needs_more[0]; i++)
		assert_int_equal(script_needs_more(needs_more[i].text), needs_more[i].more);
}

/* Splits text into its commands, joined by '|'. */
static void split(const char *text, char *out, size_t cap)
{
	int pos = 0, start, len;
	out[0] = '\0';
	while (script_next_command(text, &pos, &start, &len)) {
		size_t have = strlen(out);
		snprintf(out + have, cap - have, "%s%.*s", have ? "|" : "", len, text + start);
	}
}

static const struct {
	const char *text, *commands;
} splits[] = {
	{"step 10", "step 10"},
	{"  step 10   ", "step 10"},
	{"a; b ;c", "a|b|c"},
	{"a # b; c", "a"},
	{"# only a comment", ""},
	{";;;", ""},
	{"save \"x;y#z.opl\"; quit", "save \"x;y#z.opl\"|quit"},
	{"run a = gd(step = 1; x) on p; step", "run a = gd(step = 1; x) on p|step"},
	{"a\n# c\nb", "a\n# c\nb"},
};

static void test_split(void **state)
{
	(void)state;
	char out[256];
	for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
		split(splits[i].text, out, sizeof out);
		assert_string_equal(out, splits[i].commands);
	}
}

static void test_append_keeps_columns(void **state)
{
	(void)state;
	char *buf = NULL;
	assert_int_equal(script_append(&buf, "problem p = x \\", SCRIPT_MAX_LINE), 0);
	assert_int_equal(script_append(&buf, "  + y", SCRIPT_MAX_LINE), 0);
	assert_string_equal(buf, "problem p = x  \n  + y");
	free(buf);
}

static void test_append_limit(void **state)
{
	(void)state;
	char *buf = NULL;
	char *big = malloc(SCRIPT_MAX_LINE + 10);
	memset(big, 'x', SCRIPT_MAX_LINE + 9);
	big[SCRIPT_MAX_LINE + 9] = '\0';
	assert_int_equal(script_append(&buf, big, SCRIPT_MAX_LINE), -1);
	free(big);
	free(buf);
}

static void test_lex(void **state)
{
	(void)state;
	lex l;
	lex_init(&l, "run a1 = gd(step = 1e-3) <= \"a\\\"b\" 3.5");
	assert_true(lex_word(&l, "run"));
	lex_next(&l);
	assert_true(lex_word(&l, "a1"));
	assert_int_equal(l.tok.col, 4);
	lex_next(&l);
	assert_true(lex_is(&l, "="));
	lex_next(&l);
	lex_next(&l);
	assert_true(lex_is(&l, "("));
	lex_next(&l);
	lex_next(&l);
	lex_next(&l);
	assert_int_equal(l.tok.kind, LEX_NUMBER);
	assert_true(l.tok.num == 1e-3);
	lex_next(&l);
	lex_next(&l);
	assert_true(lex_is(&l, "<="));
	lex_next(&l);
	assert_int_equal(l.tok.kind, LEX_STRING);
	char *str = lex_string(&l.tok);
	assert_string_equal(str, "a\"b");
	free(str);
	lex_next(&l);
	assert_true(l.tok.num == 3.5);
	lex_next(&l);
	assert_int_equal(l.tok.kind, LEX_END);
	lex_init(&l, "\"open");
	assert_int_equal(l.tok.kind, LEX_BAD);
	lex_init(&l, "\xc3\xa9");
	assert_int_equal(l.tok.kind, LEX_BAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needs_more),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_append_keeps_columns),
		cmocka_unit_test(test_append_limit),
		cmocka_unit_test(test_lex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
