/* hmc: Hamiltonian Monte Carlo for exp(-U): a Gaussian momentum, `leapfrog` steps of
 * the leapfrog integrator of H = U(x) + |p|^2/2 with step h, then a Metropolis test on
 * the change of H, which the integrator keeps small and which makes the chain exact
 * (Duane, Kennedy, Pendleton & Roweth 1987; Neal, MCMC using Hamiltonian dynamics). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sampling.h"

enum { P_STEP, P_LEAP, P_CHAINS, P_BURNIN, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the leapfrog step h", NULL, 0},
    {"leapfrog", 10, 1, 10000, "leapfrog steps a proposal", NULL, 1},
    {"chains", 1, 1, SMP_MAX_PARTICLES, "independent chains from the start", NULL, 1},
    {"burnin", 0, 0, 1e12, "steps left out of the estimates (meanerr, coverr)", NULL, 1},
};

typedef struct hmc_state {
	smp s;
	long iter;
	double *q, *p, *g; /* the trajectory's position, momentum and gradient */
} hmc_state;

static int hmc_init(void *state, meth_ctx *c)
{
	hmc_state *st = state;
	int n = c->n;
	st->q = malloc((size_t)n * sizeof *st->q);
	st->p = malloc((size_t)n * sizeof *st->p);
	st->g = malloc((size_t)n * sizeof *st->g);
	if (!st->q || !st->p || !st->g) {
		snprintf(c->msg, sizeof c->msg, "hmc: out of memory");
		return METH_FAILED;
	}
	return smp_init(&st->s, c, "hmc", (int)c->param[P_CHAINS], 0, 0);
}

static int hmc_step(void *state, meth_ctx *c)
{
	hmc_state *st = state;
	smp *s = &st->s;
	int n = s->n, L = (int)c->param[P_LEAP];
	double h = c->param[P_STEP];
	const prob *pb = c->o->p;
	for (int k = 0; k < s->P; k++) {
		double *x = s->X + (size_t)k * n, *gx = s->G + (size_t)k * n, k0 = 0, k1 = 0;
		memcpy(st->q, x, (size_t)n * sizeof *x);
		memcpy(st->g, gx, (size_t)n * sizeof *gx);
		for (int i = 0; i < n; i++) {
			st->p[i] = rng_normal(c->rng);
			k0 += st->p[i] * st->p[i];
		}
		double u = 0;
		for (int l = 0; l < L; l++) { /* half kick, drift, half kick */
			for (int i = 0; i < n; i++) {
				st->p[i] -= 0.5 * h * st->g[i];
				st->q[i] += h * st->p[i];
			}
			u = oracle_grad(c->o, st->q, st->g);
			for (int i = 0; i < n; i++)
				st->p[i] -= 0.5 * h * st->g[i];
		}
		if (pb->g)
			u += pb->g->value(pb->g->ctx, st->q, n);
		for (int i = 0; i < n; i++)
			k1 += st->p[i] * st->p[i];
		s->proposed++;
		if (log(rng_uniform(c->rng)) < s->U[k] + k0 / 2 - u - k1 / 2) { /* NaN rejects */
			s->accepted++;
			memcpy(x, st->q, (size_t)n * sizeof *x);
			memcpy(gx, st->g, (size_t)n * sizeof *gx);
			s->U[k] = u;
		}
	}
	c->step = h;
	smp_report(s, c, ++st->iter, (long)c->param[P_BURNIN]);
	return METH_OK;
}

static void hmc_free(void *state)
{
	hmc_state *st = state;
	smp_free(&st->s);
	free(st->q);
	free(st->p);
	free(st->g);
}

const meth meth_hmc = {
    .name = "hmc",
    .family = "sampling",
    .summary = "Hamiltonian Monte Carlo: leapfrog trajectories with a Metropolis test",
    .reference = "S. Duane, A. D. Kennedy, B. J. Pendleton, D. Roweth, Hybrid Monte Carlo, "
                 "Phys. Lett. B 195 (1987); R. M. Neal, MCMC using Hamiltonian dynamics (2011)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_DENSITY | PROB_GRAD,
    .extra = smp_extra,
    .state_size = sizeof(hmc_state),
    .init = hmc_init,
    .step = hmc_step,
    .free = hmc_free,
};
