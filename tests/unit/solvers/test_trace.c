/* trace: growth over many rows, whole and projected iterates, extra columns, probes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "meth.h"
#include "trace.h"

static void test_growth_small_n(void **state)
{
	static const char *const names[] = {"beta", "lsevals"};
	trace *t = trace_new(3, 2, names);
	assert_non_null(t);
	assert_int_equal(trace_nx(t), 3);
	assert_string_equal(trace_extra_name(t, 1), "lsevals");
	assert_null(trace_extra_name(t, 2));
	for (long i = 0; i < 10000; i++) {
		trace_row row = {.iter = i, .f = 1.0 / (i + 1), .nf = i};
		double x[3] = {(double)i, -(double)i, 0.5 * i}, ex[2] = {i * 2.0, i * 3.0};
		assert_int_equal(trace_append(t, &row, x, ex, NULL, 0), 0);
	}
	assert_int_equal(trace_len(t), 10000);
	for (long i = 0; i < 10000; i += 997) {
		const trace_row *row = trace_row_at(t, i);
		assert_int_equal(row->iter, i);
		assert_true(row->f == 1.0 / (i + 1));
		const double *x = trace_x(t, i);
		assert_true(x[0] == i && x[1] == -i && x[2] == 0.5 * i);
		assert_true(trace_extra(t, i, 1) == i * 3.0);
		const double *p;
		assert_int_equal(trace_probes(t, i, &p), 0);
	}
	assert_null(trace_row_at(t, 10000));
	assert_null(trace_x(t, -1));
	trace_free(t);
}

/* Above TRACE_MAX_FULL, a row keeps the first two coordinates; probes come in cut to
 * those two. */
static void test_large_n_and_probes(void **state)
{
	int n = TRACE_MAX_FULL + 36;
	trace *t = trace_new(n, 0, NULL);
	assert_int_equal(trace_nx(t), 2);
	assert_int_equal(trace_n(t), n);
	double *x = malloc((size_t)n * 3 * sizeof *x);
	for (long i = 0; i < 300; i++) {
		for (int j = 0; j < 3 * n; j++)
			x[j] = i * 1000 + j;
		trace_row row = {.iter = i};
		int np = (int)(i % 4); /* 0..3 probes, each n wide */
		assert_int_equal(trace_append(t, &row, x, NULL, x, np), 0);
	}
	for (long i = 0; i < 300; i++) {
		const double *xi = trace_x(t, i), *p;
		assert_true(xi[0] == i * 1000 && xi[1] == i * 1000 + 1);
		int np = trace_probes(t, i, &p);
		assert_int_equal(np, i % 4);
		for (int k = 0; k < np; k++) /* probe k is input values 2k, 2k + 1 */
			assert_true(p[2 * k] == i * 1000 + 2 * k &&
			            p[2 * k + 1] == i * 1000 + 2 * k + 1);
	}
	free(x);
	trace_free(t);
}

/* meth_probe keeps the trace's width: n up to TRACE_MAX_FULL, else two coordinates. */
static void test_meth_probe_width(void **state)
{
	for (int n = TRACE_MAX_FULL; n <= TRACE_MAX_FULL + 1; n++) {
		meth_ctx c = {.n = n};
		double *x = malloc((size_t)n * sizeof *x);
		for (int k = 0; k < 40; k++) { /* past the first allocation */
			for (int j = 0; j < n; j++)
				x[j] = k * 1000 + j;
			meth_probe(&c, x);
		}
		assert_int_equal(c.nprobe, 40);
		trace *t = trace_new(n, 0, NULL);
		trace_row row = {0};
		assert_int_equal(trace_append(t, &row, x, NULL, c.probes, c.nprobe), 0);
		const double *p;
		int w = trace_nx(t);
		assert_int_equal(w, n <= TRACE_MAX_FULL ? n : 2);
		assert_int_equal(trace_probes(t, 0, &p), 40);
		for (int k = 0; k < 40; k++)
			for (int j = 0; j < w; j++)
				assert_true(p[k * w + j] == k * 1000 + j);
		trace_free(t);
		free(c.probes);
		free(x);
	}
}

static void test_bad_args(void **state)
{
	assert_null(trace_new(0, 0, NULL));
	assert_null(trace_new(2, -1, NULL));
	trace *t = trace_new(2, 1, NULL); /* unnamed extra columns get a name */
	assert_string_equal(trace_extra_name(t, 0), "extra");
	trace_row row = {0};
	double x[2] = {0};
	assert_int_equal(trace_append(t, &row, x, NULL, NULL, 2), -1);
	assert_int_equal(trace_len(t), 0);
	trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_growth_small_n),
	    cmocka_unit_test(test_large_n_and_probes),
	    cmocka_unit_test(test_meth_probe_width),
	    cmocka_unit_test(test_bad_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
