/* The batch oracle of finite sums (the heatmap's grid, the data streamed once per
 * block of points) gives the value oracle's numbers, with broadcast (stride 0) and
 * strided coordinates: to the bit for least squares and softmax (the same operations
 * in the same order); for the logistic loss to 1e-14 relative, since the batch takes
 * log(1 + e^t) from vmath (a few ulps from libm's exp and log1p a term, all terms
 * positive, the sum in the same order). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "dataset.h"
#include "optlab.h"
#include "prob_sum.h"

static void check(enum ds_kind kind, int d, int k, double rtol)
{
	char err[256];
	ds *data = ds_gauss(kind, 3000, d, k, 2, 0.1, 7);
	assert_non_null(data);
	prob *p = psum_new("p", data, 0.05, 0, err, sizeof err);
	assert_non_null(p);
	int n = p->n, np = 150; /* more than two blocks of points */
	double *xs = malloc((size_t)np * 2 * sizeof *xs), *out = malloc((size_t)np * sizeof *out);
	double *x = malloc((size_t)n * sizeof *x);
	const double **cols = malloc((size_t)n * sizeof *cols);
	int *strides = malloc((size_t)n * sizeof *strides);
	double fixed = 0.3;
	for (int i = 0; i < np; i++)
		xs[2 * i] = -2 + 4.0 * i / (np - 1), xs[2 * i + 1] = 99; /* stride 2: every other */
	for (int j = 0; j < n; j++)
		cols[j] = &fixed, strides[j] = 0;
	cols[0] = xs, strides[0] = 2;
	p->ops->batch(p->ctx, np, cols, strides, out);
	for (int i = 0; i < np; i++) {
		for (int j = 0; j < n; j++)
			x[j] = fixed;
		x[0] = xs[2 * i];
		double v = p->ops->value(p->ctx, x);
		if (rtol == 0)
			assert_memory_equal(&out[i], &v, sizeof v);
		else
			assert_true(fabs(out[i] - v) <= rtol * fabs(v));
	}
	free(xs), free(out), free(x), free(cols), free(strides);
	prob_free(p);
}

static void test_logistic(void **state)
{
	(void)state;
	check(DS_LOGISTIC, 2, 1, 1e-14);
	check(DS_LOGISTIC, 5, 1, 1e-14);
}

static void test_linear(void **state)
{
	(void)state;
	check(DS_LINEAR, 3, 1, 0);
	check(DS_LINEAR, 2, 1, 0);
	check(DS_LINEAR, 7, 1, 0);
}

static void test_softmax(void **state)
{
	(void)state;
	check(DS_SOFTMAX, 2, 3, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logistic),
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_softmax),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
