/* ga: a real-coded genetic algorithm (Deb & Agrawal 1995; Deb 2001, ch. 4): binary
 * tournament selection, simulated binary crossover (SBX, index eta_c) with probability
 * pc, polynomial mutation (index eta_m) of each coordinate with probability pm, scaled
 * by the region's width, and elitism: the `elite` best members pass unchanged. One
 * step is one generation. The population starts uniform in the problem's box (the
 * children are kept in it), else in the start +- radius. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pop.h"

enum { P_POP, P_PC, P_ETAC, P_PM, P_ETAM, P_ELITE, P_RADIUS, P_COUNT };

static const param_def ga_params[P_COUNT] = {
	[P_POP] = {"pop", 100, 4, 1e5, "population size (even)", NULL, 1},
	[P_PC] = {"pc", 0.9, 0, 1, "crossover probability of a pair", NULL, 0},
	[P_ETAC] = {"etac", 20, 0, 1e3, "SBX distribution index (large: children near parents)",
	            NULL, 0},
	[P_PM] = {"pm", 0, 0, 1, "mutation probability of a coordinate; 0: 1/n", NULL, 0},
	[P_ETAM] = {"etam", 20, 0, 1e3, "polynomial mutation index", NULL, 0},
	[P_ELITE] = {"elite", 2, 0, 1e5, "best members kept unchanged (below pop)", NULL, 1},
	[P_RADIUS] = {"radius", 1, 1e-12, 1e12,
	              "without a box, the population starts in the start +- radius (also the "
	              "mutation's scale)",
	              NULL, 0},
};

static const char *const ga_extra[] = {"spread", "genbest", "fmean", NULL};

typedef struct ga_state {
	int n, np;
	double *x, *fx, *nx, *nfx; /* members and values, the next generation */
	int *idx;
	pop_region reg;
} ga_state;

static void ga_free(void *state)
{
	ga_state *s = state;
	free(s->x);
	free(s->idx);
	s->x = NULL;
	s->idx = NULL;
	pop_region_free(&s->reg);
}

static void ga_publish(ga_state *s, meth_ctx *c)
{
	double mean = 0;
	for (int i = 0; i < s->np; i++)
		mean += s->fx[i];
	c->extra[0] = pop_publish(c, s->x, s->np);
	c->extra[1] = s->fx[s->idx[0]];
	c->extra[2] = mean / s->np;
}

static int ga_init(void *state, meth_ctx *c)
{
	ga_state *s = state;
	int n = c->n;
	s->n = n;
	s->np = ((int)c->param[P_POP] + 1) / 2 * 2;
	if (c->param[P_ELITE] >= s->np) {
		snprintf(c->msg, sizeof c->msg, "elite = %g must be below pop = %d", c->param[P_ELITE],
		         s->np);
		return METH_FAILED;
	}
	pop_start(c);
	if (pop_region_init(&s->reg, c, c->param[P_RADIUS], 0, "ga") != METH_OK)
		return METH_FAILED;
	size_t np = (size_t)s->np;
	s->x = malloc((2 * np * n + 2 * np) * sizeof *s->x);
	s->idx = malloc(np * sizeof *s->idx);
	if (!s->x || !s->idx) {
		ga_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for a population of %d", s->np);
		return METH_FAILED;
	}
	s->nx = s->x + np * n;
	s->fx = s->nx + np * n;
	s->nfx = s->fx + np;
	for (int i = 0; i < s->np; i++) {
		pop_uniform(&s->reg, c->rng, s->x + (size_t)i * n);
		s->fx[i] = pop_eval(c, s->x + (size_t)i * n);
	}
	pop_rank(s->fx, s->np, s->idx);
	ga_publish(s, c);
	return METH_OK;
}

/* The better of two members drawn at random (binary tournament). */
static int ga_tournament(ga_state *s, rng *g)
{
	int a = (int)rng_below(g, s->np), b = (int)rng_below(g, s->np);
	return s->fx[b] < s->fx[a] ? b : a;
}

/* SBX on coordinate j of children c1, c2 (Deb & Agrawal 1995): the spread factor beta
 * with density (eta+1)/2 beta^eta below 1 and (eta+1)/2 / beta^(eta+2) above. */
static void ga_sbx(double *c1, double *c2, int n, double eta, rng *g)
{
	for (int j = 0; j < n; j++) {
		if (rng_uniform(g) >= 0.5)
			continue; /* each coordinate crosses with probability 1/2 */
		double u = rng_uniform(g);
		double beta = u <= 0.5 ? pow(2 * u, 1 / (eta + 1)) : pow(1 / (2 * (1 - u)), 1 / (eta + 1));
		double a = c1[j], b = c2[j];
		c1[j] = 0.5 * ((1 + beta) * a + (1 - beta) * b);
		c2[j] = 0.5 * ((1 - beta) * a + (1 + beta) * b);
	}
}

/* Polynomial mutation (Deb & Goyal 1996): x_j += delta (hi_j - lo_j), delta in (-1, 1)
 * with density (eta+1)/2 (1 - |delta|)^eta. */
static void ga_mutate(const ga_state *s, double *x, double pm, double eta, rng *g)
{
	for (int j = 0; j < s->n; j++) {
		if (rng_uniform(g) >= pm)
			continue;
		double u = rng_uniform(g);
		double d = u < 0.5 ? pow(2 * u, 1 / (eta + 1)) - 1 : 1 - pow(2 * (1 - u), 1 / (eta + 1));
		x[j] += d * (s->reg.hi[j] - s->reg.lo[j]);
	}
}

static int ga_step(void *state, meth_ctx *c)
{
	ga_state *s = state;
	int n = s->n, np = s->np, elite = (int)c->param[P_ELITE];
	double pm = c->param[P_PM] > 0 ? c->param[P_PM] : 1.0 / n;
	for (int k = 0; k < elite; k++) {
		memcpy(s->nx + (size_t)k * n, s->x + (size_t)s->idx[k] * n, (size_t)n * sizeof *s->x);
		s->nfx[k] = s->fx[s->idx[k]];
	}
	for (int k = elite; k < np; k += 2) {
		double *c1 = s->nx + (size_t)k * n, *c2 = c1 + n;
		int two = k + 1 < np; /* with an odd elite the last child has no sibling */
		memcpy(c1, s->x + (size_t)ga_tournament(s, c->rng) * n, (size_t)n * sizeof *c1);
		int p2 = ga_tournament(s, c->rng);
		if (two) {
			memcpy(c2, s->x + (size_t)p2 * n, (size_t)n * sizeof *c2);
			if (rng_uniform(c->rng) < c->param[P_PC])
				ga_sbx(c1, c2, n, c->param[P_ETAC], c->rng);
		}
		ga_mutate(s, c1, pm, c->param[P_ETAM], c->rng);
		s->nfx[k] = pop_eval(c, c1);
		if (two) {
			ga_mutate(s, c2, pm, c->param[P_ETAM], c->rng);
			s->nfx[k + 1] = pop_eval(c, c2);
		}
	}
	memcpy(s->x, s->nx, (size_t)np * n * sizeof *s->x);
	memcpy(s->fx, s->nfx, (size_t)np * sizeof *s->fx);
	pop_rank(s->fx, np, s->idx);
	ga_publish(s, c);
	return METH_OK;
}

const meth meth_ga = {
	.name = "ga",
	.family = "population",
	.summary = "real-coded genetic algorithm: tournament selection, SBX crossover, "
	           "polynomial mutation, elitism",
	.reference = "Deb & Agrawal, Simulated binary crossover for continuous search space "
	             "(1995); Deb, Multi-objective optimization using evolutionary algorithms "
	             "(2001), ch. 4",
	.params = ga_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = ga_extra,
	.global = 1,
	.state_size = sizeof(ga_state),
	.init = ga_init,
	.step = ga_step,
	.free = ga_free,
};
