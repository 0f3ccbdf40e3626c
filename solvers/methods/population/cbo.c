/* cbo: consensus-based optimization (Pinnau, Totzeck, Tse & Martin 2017; the
 * anisotropic noise of Carrillo, Jin, Li & Zhu 2021). N particles drift towards the
 * consensus point v = sum_i x_i w_i / sum_i w_i, w_i = exp(-alpha f(x_i)) (a soft
 * argmin: by the Laplace principle v tends to the best particle as alpha grows), with
 * noise proportional to their distance from it, by Euler-Maruyama with step dt:
 *   x_i += -lambda dt (x_i - v) + sigma sqrt(dt) D_i xi_i,
 * D_i = |x_i - v| (isotropic) or diag(x_i - v) (anisotropic). One step moves every
 * particle once. The particles start uniform in the problem's box, else in the start
 * +- radius. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pop.h"

enum { P_N, P_ALPHA, P_LAMBDA, P_SIGMA, P_DT, P_NOISE, P_RADIUS, P_COUNT };

static const char *const cbo_noises[] = {"anisotropic", "isotropic", NULL};

static const param_def cbo_params[P_COUNT] = {
	[P_N] = {"particles", 50, 2, 1e5, "number of particles", NULL, 1},
	[P_ALPHA] = {"alpha", 50, 0, 1e12, "weight exp(-alpha f): larger, closer to the argmin",
	             NULL, 0},
	[P_LAMBDA] = {"lambda", 1, 0, 1e6, "drift towards the consensus point", NULL, 0},
	[P_SIGMA] = {"sigma", 0.8, 0, 1e6, "noise strength", NULL, 0},
	[P_DT] = {"dt", 0.05, 1e-9, 1, "time step", NULL, 0},
	[P_NOISE] = {"noise", 0, 0, 1, "anisotropic (per coordinate) or isotropic", cbo_noises, 0},
	[P_RADIUS] = {"radius", 3, 1e-12, 1e12,
	              "without a box, the particles start in the start +- radius (it should "
	              "hold the minimizer: the swarm contracts)", NULL, 0},
};

static const char *const cbo_extra[] = {"spread", "genbest", "vdist", NULL};

typedef struct cbo_state {
	int n, np;
	double *x, *fx, *v, *w;
	pop_region reg;
} cbo_state;

static void cbo_free(void *state)
{
	cbo_state *s = state;
	free(s->x);
	s->x = NULL;
	pop_region_free(&s->reg);
}

/* The consensus point, weights shifted by the smallest f so that exp cannot underflow
 * to 0 everywhere. */
static void cbo_consensus(cbo_state *s, double alpha)
{
	int n = s->n;
	double lo = INFINITY, sw = 0;
	for (int i = 0; i < s->np; i++)
		lo = fmin(lo, s->fx[i]);
	for (int j = 0; j < n; j++)
		s->v[j] = 0;
	for (int i = 0; i < s->np; i++) {
		s->w[i] = isfinite(s->fx[i]) ? exp(-alpha * (s->fx[i] - lo)) : 0;
		sw += s->w[i];
		for (int j = 0; j < n; j++)
			s->v[j] += s->w[i] * s->x[(size_t)i * n + j];
	}
	for (int j = 0; j < n; j++)
		s->v[j] /= sw;
}

static void cbo_publish(cbo_state *s, meth_ctx *c)
{
	double best = INFINITY, d = 0;
	for (int i = 0; i < s->np; i++)
		best = fmin(best, s->fx[i]);
	for (int j = 0; j < s->n; j++)
		d += (s->v[j] - c->x[j]) * (s->v[j] - c->x[j]);
	c->extra[0] = pop_publish(c, s->x, s->np);
	c->extra[1] = best;
	c->extra[2] = sqrt(d); /* consensus point to the best point seen */
}

static int cbo_init(void *state, meth_ctx *c)
{
	cbo_state *s = state;
	int n = c->n;
	s->n = n;
	s->np = (int)c->param[P_N];
	pop_start(c);
	if (pop_region_init(&s->reg, c, c->param[P_RADIUS], 0, "cbo") != METH_OK)
		return METH_FAILED;
	size_t np = (size_t)s->np;
	s->x = malloc((np * n + 2 * np + n) * sizeof *s->x);
	if (!s->x) {
		cbo_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for %d particles", s->np);
		return METH_FAILED;
	}
	s->fx = s->x + np * n;
	s->w = s->fx + np;
	s->v = s->w + np;
	for (int i = 0; i < s->np; i++) {
		pop_uniform(&s->reg, c->rng, s->x + (size_t)i * n);
		s->fx[i] = pop_eval(c, s->x + (size_t)i * n);
	}
	cbo_consensus(s, c->param[P_ALPHA]);
	cbo_publish(s, c);
	return METH_OK;
}

static int cbo_step(void *state, meth_ctx *c)
{
	cbo_state *s = state;
	int n = s->n, iso = c->param[P_NOISE] == 1;
	double lam = c->param[P_LAMBDA], dt = c->param[P_DT];
	double sd = c->param[P_SIGMA] * sqrt(dt);
	for (int i = 0; i < s->np; i++) {
		double *xi = s->x + (size_t)i * n, r = 0;
		for (int j = 0; j < n; j++)
			r += (xi[j] - s->v[j]) * (xi[j] - s->v[j]);
		r = sqrt(r);
		for (int j = 0; j < n; j++) {
			double d = xi[j] - s->v[j];
			xi[j] += -lam * dt * d + sd * (iso ? r : fabs(d)) * rng_normal(c->rng);
		}
		s->fx[i] = pop_eval(c, xi);
	}
	cbo_consensus(s, c->param[P_ALPHA]);
	cbo_publish(s, c);
	return METH_OK;
}

const meth meth_cbo = {
	.name = "cbo",
	.family = "population",
	.summary = "consensus-based optimization: particles drift to a Gibbs-weighted "
	           "consensus point with distance-scaled noise",
	.reference = "Pinnau, Totzeck, Tse & Martin, A consensus-based model for global "
	             "optimization and its mean-field limit (2017); Carrillo, Jin, Li & Zhu, "
	             "A consensus-based global optimization method for high dimensional "
	             "machine learning problems (2021)",
	.params = cbo_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = cbo_extra,
	.global = 1,
	.state_size = sizeof(cbo_state),
	.init = cbo_init,
	.step = cbo_step,
	.free = cbo_free,
};
