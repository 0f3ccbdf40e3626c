/* csv: tables from text (headers, line endings, exact error messages, limits, the line
 * of each row), data sets from tables (logistic and softmax labels), and least squares on
 * a loaded file reaching the x* of the generated data it was written from. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv.h"
#include "problib.h"

static csv *parse(const char *text, char *err)
{
	return csv_parse(text, strlen(text), "data.csv", err, 300);
}

static void test_numbers(void **state)
{
	(void)state;
	char err[300];
	csv *t = parse("1,2,3\n4.5, -6e2 ,0x10\n", err);
	assert_non_null(t);
	assert_int_equal(t->rows, 2);
	assert_int_equal(t->cols, 3);
	assert_null(t->names);
	double want[6] = {1, 2, 3, 4.5, -600, 16};
	for (int i = 0; i < 6; i++)
		assert_true(t->v[i] == want[i]);
	csv_free(t);
}

static void test_header_and_endings(void **state)
{
	(void)state;
	char err[300];
	/* CRLF, a lone CR, a blank line, no final newline */
	csv *t = parse("x, \"y\" ,label\r\n1,2,3\r\n\r\n4,5,6\r7,8,9", err);
	assert_non_null(t);
	assert_int_equal(t->rows, 3);
	assert_int_equal(t->cols, 3);
	assert_non_null(t->names);
	assert_string_equal(t->names[0], "x");
	assert_string_equal(t->names[1], "y");
	assert_string_equal(t->names[2], "label");
	assert_true(t->v[8] == 9 && t->v[3] == 4);
	csv_free(t);
}

/* The separator comes from the first row: semicolons, else tabs, else commas. */
static void test_separators(void **state)
{
	(void)state;
	char err[300];
	const char *texts[] = {"a;b;c\n1;2;3\n4.5; -6e2 ;16\n", "a\tb\tc\n1\t2\t3\n4.5\t-6e2\t16\n"};
	const char seps[] = {';', '\t'};
	for (int k = 0; k < 2; k++) {
		csv *t = parse(texts[k], err);
		assert_non_null(t);
		assert_int_equal(t->sep, seps[k]);
		assert_int_equal(t->rows, 2);
		assert_int_equal(t->cols, 3);
		assert_string_equal(t->names[2], "c");
		double want[6] = {1, 2, 3, 4.5, -600, 16};
		for (int i = 0; i < 6; i++)
			assert_true(t->v[i] == want[i]);
		csv_free(t);
	}
	csv *t = parse("1,2\n", err);
	assert_non_null(t);
	assert_int_equal(t->sep, ',');
	csv_free(t);
}

static const struct {
	const char *text, *err;
} bad[] = {
    {"1,2,3\n4,abc,6\n", "data.csv:2:2: not a number: 'abc'"},
    {"a,b\n1,2\n\n3,\n", "data.csv:4:2: not a number: ''"},
    {"1,2\n1e400,2\n", "data.csv:2:1: not a finite double: '1e400'"},
    {"1,2\nnan,2\n", "data.csv:2:1: not a finite double: 'nan'"},
    {"1,2,3\n4,5\n", "data.csv:2: 2 cells, the first row has 3 (separated by commas)"},
    {"1,2\r\n3,4,5\r\n", "data.csv:2: 3 cells, the first row has 2 (separated by commas)"},
    {"1;2\n3;4;5\n", "data.csv:2: 3 cells, the first row has 2 (separated by semicolons)"},
    {"1;2\n3,5;4\n", "data.csv:2:1: not a number: '3,5'"},
    {"1\t2\n3\t4\t5\n", "data.csv:2: 3 cells, the first row has 2 (separated by tabs)"},
    {"", "data.csv: no data rows (the file is empty)"},
    {"\n\n  \n", "data.csv: no data rows (the file is empty)"},
    {"x,y\n", "data.csv: no data rows after the header"},
    {"1,2x\n", "data.csv:1:2: not a number: '2x'"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char err[300] = "";
		csv *t = parse(bad[i].text, err);
		assert_null(t);
		assert_string_equal(err, bad[i].err);
	}
	char err[300];
	const char nul[] = "1,2\n3,\0\n"; /* a NUL byte is a bad cell, not the end */
	assert_null(csv_parse(nul, sizeof nul - 1, "data.csv", err, sizeof err));
	assert_string_equal(err, "data.csv:2:2: not a number: ''");
}

static void test_limits(void **state)
{
	(void)state;
	size_t n = 2 * (CSV_MAX_COLS + 1);
	char *wide = malloc(n + 1), err[300];
	assert_non_null(wide);
	for (size_t i = 0; i < n; i += 2)
		wide[i] = '1', wide[i + 1] = ',';
	wide[n - 1] = '\n';
	wide[n] = 0;
	assert_null(parse(wide, err));
	assert_string_equal(err, "data.csv:1: 10002 columns exceed the limit of 10001");
	free(wide);
	assert_null(csv_read("/nonexistent/data.csv", err, sizeof err));
	assert_string_equal(err, "/nonexistent/data.csv: No such file or directory");
	/* huge but finite values are kept exactly */
	csv *t = parse("1.7976931348623157e308,-4.9406564584124654e-324\n", err);
	assert_non_null(t);
	assert_true(t->v[0] == 1.7976931348623157e308 && t->v[1] == -4.9406564584124654e-324);
	csv_free(t);
}

static void test_dataset(void **state)
{
	(void)state;
	char err[300];
	csv *t = parse("y,a,b\n1,2,3\n0,4,5\n", err);
	assert_non_null(t);
	ds *s = csv_dataset(t, DS_LOGISTIC, 0, "data.csv", err, sizeof err);
	assert_non_null(s);
	assert_int_equal(s->m, 2);
	assert_int_equal(s->d, 2);
	assert_true(s->b[0] == 1 && s->b[1] == -1); /* 0 becomes -1 */
	assert_true(s->a[0] == 2 && s->a[1] == 3 && s->a[2] == 4 && s->a[3] == 5);
	ds_free(s);
	assert_null(csv_dataset(t, DS_LOGISTIC, 3, "data.csv", err, sizeof err));
	assert_string_equal(err, "data.csv: no column 4 for the label (it has 3)");
	csv_free(t);
	t = parse("1,0.5\n2,1\n", err);
	assert_null(csv_dataset(t, DS_LOGISTIC, 1, "data.csv", err, sizeof err));
	assert_string_equal(err, "data.csv:1:2: the label is 0.5; logistic labels are 0 and 1, "
	                         "or -1 and 1");
	csv_free(t);
	t = parse("1,0\n2,-1\n", err);
	assert_null(csv_dataset(t, DS_LOGISTIC, 1, "data.csv", err, sizeof err));
	assert_string_equal(err, "data.csv: logistic labels mix 0 and -1 (use 0 and 1, or -1 and 1)");
	csv_free(t);
}

/* Rows remember their lines across the header and blank lines, for label errors. */
static void test_lines(void **state)
{
	(void)state;
	char err[300];
	csv *t = parse("a,b\n\n1,2\n3,4\n\n \n5,6\r\n7,8\r9,10", err);
	assert_non_null(t);
	assert_int_equal(t->rows, 5);
	long want[5] = {3, 4, 7, 8, 9};
	for (long i = 0; i < 5; i++)
		assert_int_equal(csv_line(t, i), want[i]);
	csv_free(t);
	t = parse("1,2\n3,4\n", err);
	assert_int_equal(csv_line(t, 0), 1);
	assert_int_equal(csv_line(t, 1), 2);
	csv_free(t);
}

/* Softmax labels are the classes 0 .. k-1, k the largest plus one; a bad one is an
 * error at its line and column. */
static void test_softmax_labels(void **state)
{
	(void)state;
	char err[300];
	csv *t = parse("a,b,y\n1,2,0\n\n3,4,2\n5,6,0\n", err);
	ds *s = csv_dataset(t, DS_SOFTMAX, 2, "data.csv", err, sizeof err);
	assert_non_null(s);
	assert_int_equal(s->k, 3);
	assert_int_equal(s->d, 2);
	assert_true(s->b[0] == 0 && s->b[1] == 2 && s->b[2] == 0);
	assert_true(s->a[2] == 3 && s->a[3] == 4);
	ds_free(s);
	csv_free(t);
	t = parse("y,a\n63,1\n0,2\n", err); /* the most classes */
	s = csv_dataset(t, DS_SOFTMAX, 0, "data.csv", err, sizeof err);
	assert_non_null(s);
	assert_int_equal(s->k, 64);
	ds_free(s);
	csv_free(t);
	static const struct {
		const char *text;
		int label;
		const char *err;
	} bad_labels[] = {
	    {"a,y\n1,0\n\n2,1.5\n", 1,
	     "data.csv:4:2: the label is 1.5; softmax labels are the classes 0, 1, ..., k-1 "
	     "(k <= 64)"},
	    {"y,a\n1,2\n-1,2\n", 0,
	     "data.csv:3:1: the label is -1; softmax labels are the classes 0, 1, ..., k-1 "
	     "(k <= 64)"},
	    {"1,64\n", 1,
	     "data.csv:1:2: the label is 64; softmax labels are the classes 0, 1, ..., k-1 "
	     "(k <= 64)"},
	    {"a,y\n1,0\n2,0\n", 1,
	     "data.csv: every label is 0; softmax needs two classes (labels 0 and 1)"},
	};
	for (size_t i = 0; i < sizeof bad_labels / sizeof *bad_labels; i++) {
		t = parse(bad_labels[i].text, err);
		assert_non_null(t);
		assert_null(csv_dataset(t, DS_SOFTMAX, bad_labels[i].label, "data.csv", err,
		                        sizeof err));
		assert_string_equal(err, bad_labels[i].err);
		csv_free(t);
	}
}

/* Least squares on a small table: x* of the normal equations by hand. */
static void test_leastsq_closed_form(void **state)
{
	(void)state;
	char err[300];
	csv *t = parse("x1,x2,y\n1,0,1\n0,1,2\n1,1,3.1\n2,1,4\n", err);
	assert_non_null(t);
	ds *s = csv_dataset(t, DS_LINEAR, 2, "data.csv", err, sizeof err);
	csv_free(t);
	prob *p = problib_on_data("leastsq", s, 0, "test", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(p->nsol, 1);
	/* X'X = [6 3; 3 3], X'y = (12.1, 9.1): x* = (1, 61/30) */
	assert_true(fabs(p->xstar[0] - 1) < 1e-12);
	assert_true(fabs(p->xstar[1] - 61.0 / 30) < 1e-12);
	prob_free(p);
}

/* Generated data written as CSV (%.17g) and read back gives the same x*. */
static void test_roundtrip_xstar(void **state)
{
	(void)state;
	const long m = 300;
	const int d = 4;
	ds *g = ds_gauss(DS_LINEAR, m, d, 1, 1, 0.5, 7);
	assert_non_null(g);
	char path[] = "/tmp/optlab-csv-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fprintf(f, "a1,a2,a3,a4,b\n");
	for (long i = 0; i < m; i++) {
		for (int j = 0; j < d; j++)
			fprintf(f, "%.17g,", g->a[i * d + j]);
		fprintf(f, "%.17g\n", g->b[i]);
	}
	fclose(f);
	ds_free(g);
	char err[300];
	csv *t = csv_read(path, err, sizeof err);
	unlink(path);
	assert_non_null(t);
	ds *s = csv_dataset(t, DS_LINEAR, d, path, err, sizeof err);
	csv_free(t);
	prob *loaded = problib_on_data("leastsq", s, 0.01, "test", err, sizeof err);
	/* the library's leastsq(m = 300, d = 4, seed = 7, lambda = 0.01, noise = 0.5) */
	double v[5] = {300, 4, 7, 0.01, 0.5};
	prob *gen = problib_make(problib_find("leastsq"), v, err, sizeof err);
	assert_non_null(loaded);
	assert_non_null(gen);
	assert_int_equal(loaded->nsol, 1);
	assert_int_equal(gen->nsol, 1);
	for (int j = 0; j < d; j++)
		assert_true(fabs(loaded->xstar[j] - gen->xstar[j]) <= 1e-13);
	assert_true(fabs(loaded->fstar - gen->fstar) <= 1e-13);
	prob_free(loaded);
	prob_free(gen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_header_and_endings),
	    cmocka_unit_test(test_separators),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_dataset),
	    cmocka_unit_test(test_lines),
	    cmocka_unit_test(test_softmax_labels),
	    cmocka_unit_test(test_leastsq_closed_form),
	    cmocka_unit_test(test_roundtrip_xstar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
