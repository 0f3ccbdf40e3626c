/* sampling: what the sampling methods share (methods/sampling/). A method samples from
 * a target density exp(-U) (PROB_DENSITY; U = f, or f + g for a composite target) with
 * P particles: independent chains (ula, mala, proxlangevin, hmc) or an interacting
 * cloud (svgd), held in X (P x n). The run's iterate c->x is chain 1's state, or the
 * cloud's mean for svgd; the others are probe points for the picture.
 *
 * Estimates pool every particle over the steps after `burnin` (chains) or are the
 * current cloud's (svgd); with the target's known moments they give the extra columns
 * meanerr = |mean - E x| and coverr = |Cov - C|_F / |C|_F, with the acceptance rate
 * (Metropolis methods). gnorm, the kind's stationarity measure, is |E_hat grad U| over
 * the same samples: Stein's identity E_pi[grad U] = 0 makes it 0 at stationarity.
 *
 * Ownership: smp_init allocates inside the method's state; smp_free frees it. */
#ifndef OPTLAB_SAMPLING_H
#define OPTLAB_SAMPLING_H

#include "meth.h"

#define SMP_MAX_PARTICLES 100000
#define SMP_COV_MAX 64 /* the covariance estimate is n x n: up to this n */

extern const char *const smp_extra[4]; /* meanerr, coverr, accept, NULL */

typedef struct smp {
	int P, n, cloud; /* cloud: svgd's interacting particles (estimates from the cloud) */
	double *X, *G, *U; /* states, gradients of f, potentials U = f (+ g) */
	double *mean, *m2, *gsum; /* pooled estimates (Welford), the summed gradient */
	long count, accepted, proposed;
	double *tmp; /* 3 n scratch for the methods */
} smp;

/* Allocates for P particles at c->x (each displaced by spread N(0, I) when spread > 0,
 * the first too) and evaluates them. METH_FAILED with c->msg on error. */
int smp_init(smp *s, meth_ctx *c, const char *who, int P, double spread, int cloud);
void smp_free(smp *s);
/* U and G of particle k (f's gradient; U adds g where the target is composite). */
void smp_eval(smp *s, meth_ctx *c, int k);
/* U alone at x (f + g), counted. */
double smp_potential(meth_ctx *c, const double *x);
/* After a step: pools the particles (iter > burnin, or the cloud), sets c->x, c->f,
 * c->g, c->gnorm, the extra columns and the probes. */
void smp_report(smp *s, meth_ctx *c, long iter, long burnin);

#endif
