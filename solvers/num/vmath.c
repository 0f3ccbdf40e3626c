/* vmath: softplus as exp then log1p, each by a range reduction and a polynomial. */
#include "vmath.h"

#include <stdint.h>
#include <string.h>

#define LN2_HI 6.93147180369123816490e-01 /* ln 2 in two parts: n ln2_hi is exact */
#define LN2_LO 1.90821492927058770002e-10
#define LN2 0.69314718055994530942
#define LOG2E 1.44269504088896338700
#define ROUND 0x1.8p52 /* adding it rounds to an integer, kept in the low bits */
#define SQRT2M1 0.41421356237309504880

static inline uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static inline double from_bits(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

/* e^x for -708 <= x <= 0: x = k ln2 + r with |r| <= ln2/2, e^r by its Taylor series
 * to r^13 (the remainder is below 1e-17), times 2^k built in the exponent field. */
static inline double exp_neg(double x)
{
	double kd = x * LOG2E + ROUND;
	uint64_t ki = bits(kd) - bits(ROUND); /* k, two's complement */
	kd -= ROUND;
	double r = (x - kd * LN2_HI) - kd * LN2_LO;
	/* Estrin's scheme: short chains of dependent operations, not one of 13 */
	double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
	double e01 = 1 + r, e23 = 0.5 + r * (1.0 / 6), e45 = 1.0 / 24 + r * (1.0 / 120);
	double e67 = 1.0 / 720 + r * (1.0 / 5040), e89 = 1.0 / 40320 + r * (1.0 / 362880);
	double e1011 = 1.0 / 3628800 + r * (1.0 / 39916800);
	double e1213 = 1.0 / 479001600 + r * (1.0 / 6227020800.0);
	double lo = (e01 + r2 * e23) + r4 * (e45 + r2 * e67);
	double hi = (e89 + r2 * e1011) + r4 * e1213;
	double p = lo + r8 * hi;
	return p * from_bits((ki + 1023) << 52);
}

/* log(1 + u) for 0 <= u <= 1 as 2 atanh(s): s = u / (2 + u) up to sqrt 2 - 1, else
 * ln 2 + 2 atanh((u - 1) / (u + 3)) (u - 1 is exact there); |s| <= 0.172 and the
 * series to s^23 leaves less than 1e-18. */
static inline double log1p_unit(double u)
{
	double big = u > SQRT2M1 ? 1.0 : 0.0;
	double s = (u - big) / ((2 + big) + u), z = s * s;
	double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
	double q = ((1.0 / 3 + z * (1.0 / 5)) + z2 * (1.0 / 7 + z * (1.0 / 9))) +
	           z4 * ((1.0 / 11 + z * (1.0 / 13)) + z2 * (1.0 / 15 + z * (1.0 / 17))) +
	           z8 * (1.0 / 19 + z * (1.0 / 21));
	return big * LN2 + 2 * s + 2 * s * (z * q);
}

/* AVX2 where the processor has it (twice the lanes; no FMA, so the same bits). */
#if defined(__SANITIZE_THREAD__)
#define VMATH_NO_CLONES
#endif
#if defined(__clang__) && __clang_major__ < 16 /* names its dispatcher NAME.ifunc: unlinkable */
#define VMATH_NO_CLONES
#endif
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VMATH_NO_CLONES
#endif
#endif
#if defined(__x86_64__) && defined(__has_attribute) && !defined(VMATH_NO_CLONES)
#if __has_attribute(target_clones)
#define VMATH_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef VMATH_CLONES
#define VMATH_CLONES
#endif

/* Vectorized when built with -fno-trapping-math (CMake sets it for this file: the
 * selects below may then evaluate both sides; no one reads the exception flags). */
VMATH_CLONES void vmath_softplus(const double *t, double *out, int n)
{
	for (int i = 0; i < n; i++) {
		double x = t[i], a = x > 0 ? -x : x; /* -|x|; a NaN goes through to the result */
		/* below -708 e^a is under 1e-307: nothing a sum of losses can see */
		double e = exp_neg(a < -708 ? -708 : a);
		out[i] = (x > 0 ? x : 0) + log1p_unit(a < -708 ? 0 : e);
	}
}
