/* test_methods_dense: the Cholesky helpers behind newton (solvers/dense.h). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dense.h"
#include "rng.h"

static void test_cholesky_small(void **state)
{
	double a[4] = {4, 2, 2, 3}; /* L = [2 0; 1 sqrt(2)] */
	assert_int_equal(dense_cholesky(a, 2), 0);
	assert_true(a[0] == 2 && a[2] == 1);
	assert_true(fabs(a[3] - sqrt(2.0)) < 1e-15);
	double b[2] = {8, 7}; /* A x = b at x = (1.25, 1.5) */
	dense_cholesky_solve(a, 2, b);
	assert_true(fabs(b[0] - 1.25) < 1e-14 && fabs(b[1] - 1.5) < 1e-14);
	double ind[4] = {1, 2, 2, 1}; /* eigenvalues 3 and -1 */
	assert_int_equal(dense_cholesky(ind, 2), -1);
}

/* A = B B' + I for a seeded B: solve and check the residual. */
static void test_cholesky_solve_random(void **state)
{
	enum { N = 40 };
	static double b[N * N], a[N * N], l[N * N];
	double x[N], rhs[N];
	rng r;
	rng_seed(&r, 3);
	for (int i = 0; i < N * N; i++)
		b[i] = rng_normal(&r);
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < N; j++) {
			double s = i == j;
			for (int k = 0; k < N; k++)
				s += b[i * N + k] * b[j * N + k];
			a[i * N + j] = s;
		}
		rhs[i] = rng_normal(&r);
	}
	memcpy(l, a, sizeof a);
	assert_int_equal(dense_cholesky(l, N), 0);
	memcpy(x, rhs, sizeof x);
	dense_cholesky_solve(l, N, x);
	for (int i = 0; i < N; i++) {
		double s = -rhs[i];
		for (int j = 0; j < N; j++)
			s += a[i * N + j] * x[j];
		assert_true(fabs(s) < 1e-9);
	}
	/* positive definite: the shifted variant adds nothing */
	assert_true(dense_cholesky_shifted(a, N, l) == 0.0);
}

/* An indefinite matrix gets a positive shift, and L L' = H + tau I. */
static void test_cholesky_shifted(void **state)
{
	const double h[9] = {1, 2, 0, 2, 1, 0, 0, 0, -3};
	double l[9];
	double tau = dense_cholesky_shifted(h, 3, l);
	assert_true(tau > 3.0); /* the smallest eigenvalue is -3 */
	assert_true(tau < 100.0);
	for (int i = 0; i < 3; i++)
		for (int j = 0; j <= i; j++) {
			double s = 0;
			for (int k = 0; k <= j; k++)
				s += l[i * 3 + k] * l[j * 3 + k];
			assert_true(fabs(s - h[i * 3 + j] - (i == j ? tau : 0)) < 1e-12);
		}
	const double bad[4] = {NAN, 0, 0, 1};
	assert_true(dense_cholesky_shifted(bad, 2, l) < 0);
}

static void test_dot(void **state)
{
	double x[7], y[7], s = 0;
	for (int i = 0; i < 7; i++) {
		x[i] = i + 1;
		y[i] = 2 - i;
		s += x[i] * y[i];
	}
	for (int n = 0; n <= 7; n++) {
		double e = 0;
		for (int i = 0; i < n; i++)
			e += x[i] * y[i];
		assert_true(dense_dot(x, y, n) == e); /* small integers: exact */
	}
	assert_true(dense_dot(x, y, 7) == s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cholesky_small),
		cmocka_unit_test(test_cholesky_solve_random),
		cmocka_unit_test(test_cholesky_shifted),
		cmocka_unit_test(test_dot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
