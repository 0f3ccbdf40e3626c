/* de: differential evolution, DE/rand/1/bin (Storn & Price 1997). Each member i gets a
 * trial u: the mutant x_r1 + F (x_r2 - x_r3) of three other distinct members, crossed
 * with x_i coordinate-wise with probability CR (one coordinate always from the mutant);
 * u replaces x_i when f(u) <= f(x_i). One step is one generation of NP trials. The
 * population starts uniform in the problem's box, else in the start +- radius. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pop.h"

enum { P_NP, P_F, P_CR, P_RADIUS, P_TOL, P_COUNT };

static const param_def de_params[P_COUNT] = {
	[P_NP] = {"np", 0, 0, 1e5, "population size; 0: 10 n (at least 4)", NULL, 1},
	[P_F] = {"F", 0.8, 0, 2, "differential weight", NULL, 0},
	[P_CR] = {"CR", 0.9, 0, 1, "crossover probability", NULL, 0},
	[P_RADIUS] = {"radius", 1, 1e-12, 1e12,
	              "without a box, the population starts in the start +- radius", NULL, 0},
	[P_TOL] = {"tol", 1e-12, 0, 1,
	           "converged when the population's diameter and f spread fall below tol "
	           "(1 + |x|, 1 + |f|)",
	           NULL, 0},
};

static const char *const de_extra[] = {"spread", "genbest", "fspread", NULL};

typedef struct de_state {
	int n, np;
	double *x, *fx, *u; /* np x n members, their values, one trial */
	double *nx, *nfx;   /* the next generation */
	pop_region reg;
} de_state;

static void de_free(void *state)
{
	de_state *s = state;
	free(s->x);
	s->x = NULL;
	pop_region_free(&s->reg);
}

/* Publishes the generation: probes, spread, best, f spread; 1 when within tol. */
static int de_publish(de_state *s, meth_ctx *c)
{
	double lo = INFINITY, hi = -INFINITY, xs = 0;
	for (int i = 0; i < s->np; i++)
		lo = fmin(lo, s->fx[i]), hi = fmax(hi, s->fx[i]);
	c->extra[0] = pop_publish(c, s->x, s->np);
	c->extra[1] = lo;
	c->extra[2] = hi - lo;
	for (int j = 0; j < s->n; j++)
		xs = fmax(xs, fabs(c->x[j]));
	double tol = c->param[P_TOL];
	return 2 * c->extra[0] <= tol * (1 + xs) && hi - lo <= tol * (1 + fabs(lo));
}

static int de_init(void *state, meth_ctx *c)
{
	de_state *s = state;
	int n = c->n;
	s->n = n;
	s->np = c->param[P_NP] > 0 ? (int)c->param[P_NP] : 10 * n;
	if (s->np < 4)
		s->np = 4;
	pop_start(c);
	if (pop_region_init(&s->reg, c, c->param[P_RADIUS], 0, "de") != METH_OK)
		return METH_FAILED;
	size_t np = (size_t)s->np;
	s->x = malloc((2 * np * n + 2 * np + n) * sizeof *s->x);
	if (!s->x) {
		de_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for a population of %d", s->np);
		return METH_FAILED;
	}
	s->nx = s->x + np * n;
	s->fx = s->nx + np * n;
	s->nfx = s->fx + np;
	s->u = s->nfx + np;
	for (int i = 0; i < s->np; i++) {
		double *xi = s->x + (size_t)i * n;
		pop_uniform(&s->reg, c->rng, xi);
		s->fx[i] = pop_eval(c, xi);
	}
	de_publish(s, c);
	return METH_OK;
}

/* A member index below np other than the ones in not[0..k). */
static int de_pick(rng *g, int np, const int *not, int k)
{
	for (;;) {
		int r = (int)rng_below(g, np), ok = 1;
		for (int i = 0; i < k; i++)
			ok &= r != not[i];
		if (ok)
			return r;
	}
}

static int de_step(void *state, meth_ctx *c)
{
	de_state *s = state;
	int n = s->n, np = s->np;
	double F = c->param[P_F], cr = c->param[P_CR];
	for (int i = 0; i < np; i++) {
		int r[4] = {i};
		for (int k = 1; k < 4; k++)
			r[k] = de_pick(c->rng, np, r, k);
		const double *x1 = s->x + (size_t)r[1] * n, *x2 = s->x + (size_t)r[2] * n,
		             *x3 = s->x + (size_t)r[3] * n, *xi = s->x + (size_t)i * n;
		int jr = (int)rng_below(c->rng, n);
		for (int j = 0; j < n; j++)
			s->u[j] = (j == jr || rng_uniform(c->rng) < cr) ? x1[j] + F * (x2[j] - x3[j])
			                                                 : xi[j];
		double fu = pop_eval(c, s->u);
		int take = fu <= s->fx[i];
		memcpy(s->nx + (size_t)i * n, take ? s->u : xi, (size_t)n * sizeof *xi);
		s->nfx[i] = take ? fu : s->fx[i];
	}
	memcpy(s->x, s->nx, (size_t)np * n * sizeof *s->x);
	memcpy(s->fx, s->nfx, (size_t)np * sizeof *s->fx);
	if (de_publish(s, c)) {
		snprintf(c->msg, sizeof c->msg, "the population collapsed (diameter and f spread "
		                                "below tol)");
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_de = {
	.name = "de",
	.family = "population",
	.summary = "differential evolution DE/rand/1/bin: mutant x_r1 + F (x_r2 - x_r3), "
	           "binomial crossover, greedy selection",
	.reference = "Storn & Price, Differential evolution: a simple and efficient heuristic "
	             "for global optimization over continuous spaces (1997)",
	.params = de_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = de_extra,
	.global = 1,
	.state_size = sizeof(de_state),
	.init = de_init,
	.step = de_step,
	.free = de_free,
};
