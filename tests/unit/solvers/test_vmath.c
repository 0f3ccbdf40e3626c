/* vmath_softplus against log(1 + e^t) from libm's exp and log1p, the reference the
 * value oracle of the logistic loss uses: within 4 ulps over the whole range (both
 * branches of the log's reduction, the exp's range reduction at many multiples of
 * ln 2), exact where the answer is (0 at -inf, t at +inf), NaN kept. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "vmath.h"

static double ref(double t)
{
	return t > 0 ? t + log1p(exp(-t)) : log1p(exp(t));
}

static void test_range(void **state)
{
	(void)state;
	enum { N = 200001 };
	double *t = malloc(N * sizeof *t), *out = malloc(N * sizeof *out);
	assert_non_null(t);
	assert_non_null(out);
	for (int i = 0; i < N; i++) /* -700 .. 700, denser near 0 */
		t[i] = (i % 2 ? 40.0 : 700.0) * (2.0 * i / (N - 1) - 1);
	vmath_softplus(t, out, N);
	double worst = 0;
	for (int i = 0; i < N; i++) {
		double r = ref(t[i]);
		worst = fmax(worst, fabs(out[i] - r) / r);
	}
	print_message("worst relative difference %.3g\n", worst);
	assert_true(worst <= 4 * 2.220446049250313e-16);
	free(t);
	free(out);
}

static void test_special(void **state)
{
	(void)state;
	double t[] = {0, -0.0, 1e-300, -1e-300, M_LN2, -M_LN2, 1, -1, 0.4142, 0.4143,
	              -36, 36, 709, -700, INFINITY, -INFINITY, -800, NAN};
	enum { N = sizeof t / sizeof *t };
	double out[N];
	vmath_softplus(t, out, N);
	for (int i = 0; i < N - 4; i++)
		assert_true(fabs(out[i] - ref(t[i])) <= 4 * 2.220446049250313e-16 * ref(t[i]));
	assert_true(out[N - 4] == INFINITY);
	assert_true(out[N - 3] == 0);
	assert_true(out[N - 2] >= 0 && out[N - 2] < 1e-300); /* e^-800: below any sum */
	assert_true(isnan(out[N - 1]));
	assert_true(out[0] == M_LN2 || fabs(out[0] - M_LN2) <= 2.220446049250313e-16 * M_LN2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_special),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
