/* rng: xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64 so that
 * any 64-bit seed, 0 included, gives a good state. Portable: integer arithmetic
 * only, so a seed gives the same stream on every machine. */
#include "rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void rng_seed(rng *r, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* The top 53 bits: every value a multiple of 2^-53 in [0, 1). */
double rng_uniform(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Marsaglia's polar method; the second variate is dropped so that the state is
 * the generator's alone (no cached value to copy or forget). */
double rng_normal(rng *r)
{
	for (;;) {
		double u = 2 * rng_uniform(r) - 1, v = 2 * rng_uniform(r) - 1;
		double s = u * u + v * v;
		if (s > 0 && s < 1)
			return u * sqrt(-2 * log(s) / s);
	}
}

/* Lemire's rejection keeps it unbiased for every n. */
long rng_below(rng *r, long n)
{
	if (n <= 1)
		return 0;
	uint64_t bound = (uint64_t)n, threshold = -bound % bound;
	for (;;) {
		uint64_t x = rng_next(r);
		if (x >= threshold)
			return (long)(x % bound);
	}
}
