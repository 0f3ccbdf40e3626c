/* rng: the reference stream, determinism, uniform and normal moments, rng_below. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "rng.h"

/* splitmix64 from 0 gives the first output 0xe220a8397b1dcdaf (Vigna's reference). */
static void test_seed_reference(void **state)
{
	rng r;
	rng_seed(&r, 0);
	assert_true(r.s[0] == 0xe220a8397b1dcdafu);
	assert_true(r.s[1] == 0x6e789e6aa1b965f4u);
	/* xoshiro256** by hand from the state: rotl(s1 * 5, 7) * 9 */
	uint64_t s1 = r.s[1] * 5, expect = ((s1 << 7) | (s1 >> 57)) * 9;
	assert_true(rng_next(&r) == expect);
}

static void test_determinism(void **state)
{
	rng a, b, c;
	rng_seed(&a, 42);
	rng_seed(&b, 42);
	rng_seed(&c, 43);
	int differ = 0;
	for (int i = 0; i < 1000; i++) {
		uint64_t x = rng_next(&a);
		assert_true(x == rng_next(&b));
		differ += x != rng_next(&c);
	}
	assert_true(differ > 990);
	for (int i = 0; i < 100; i++)
		assert_true(rng_normal(&a) == rng_normal(&b));
}

static void test_uniform_moments(void **state)
{
	rng r;
	rng_seed(&r, 7);
	const int n = 200000;
	double s = 0, s2 = 0, lo = 1, hi = 0;
	for (int i = 0; i < n; i++) {
		double u = rng_uniform(&r);
		s += u;
		s2 += u * u;
		lo = fmin(lo, u);
		hi = fmax(hi, u);
	}
	assert_true(lo >= 0 && hi < 1);
	/* mean 1/2, variance 1/12; 5 standard errors */
	assert_true(fabs(s / n - 0.5) < 5 * sqrt(1.0 / 12 / n));
	assert_true(fabs(s2 / n - s / n * s / n - 1.0 / 12) < 0.002);
}

static void test_normal_moments(void **state)
{
	rng r;
	rng_seed(&r, 11);
	const int n = 200000;
	double s = 0, s2 = 0, s4 = 0;
	for (int i = 0; i < n; i++) {
		double z = rng_normal(&r);
		s += z;
		s2 += z * z;
		s4 += z * z * z * z;
	}
	assert_true(fabs(s / n) < 5 / sqrt(n));
	assert_true(fabs(s2 / n - 1) < 5 * sqrt(2.0 / n));
	assert_true(fabs(s4 / n - 3) < 0.1); /* kurtosis of the normal */
}

static void test_below(void **state)
{
	rng r;
	rng_seed(&r, 3);
	long count[7] = {0};
	for (int i = 0; i < 70000; i++) {
		long k = rng_below(&r, 7);
		assert_true(k >= 0 && k < 7);
		count[k]++;
	}
	for (int k = 0; k < 7; k++)
		assert_true(labs(count[k] - 10000) < 500);
	assert_int_equal(rng_below(&r, 1), 0);
	assert_int_equal(rng_below(&r, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed_reference),  cmocka_unit_test(test_determinism),
	    cmocka_unit_test(test_uniform_moments), cmocka_unit_test(test_normal_moments),
	    cmocka_unit_test(test_below),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
