/* rng: a small, seeded, portable generator (xoshiro256**), so that the
 * same seed gives the same trace on every machine. */
#ifndef OPTLAB_RNG_H
#define OPTLAB_RNG_H

#include <stdint.h>

typedef struct rng {
	uint64_t s[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);
double rng_uniform(rng *r);              /* [0, 1) */
double rng_normal(rng *r);               /* standard normal */
long rng_below(rng *r, long n);          /* uniform in [0, n) */

#endif
