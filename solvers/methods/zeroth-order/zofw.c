/* zofw: zeroth-order Frank-Wolfe (Sahu, Zaheer & Kar 2019): a two-point Gaussian
 * gradient estimate g_t (zoest.h), averaged d_t = (1 - rho_t) d_{t-1} + rho_t g_t with
 * rho_t = 4 / (t + 8)^(2/3), the linear minimization oracle v_t = argmin_{v in C}
 * <d_t, v> and x+ = x + gamma_t (v_t - x), gamma_t = 2 / (t + 8): projection-free and
 * gradient-free, over a set with an LMO. The iterates stay in C from a feasible start
 * (an infeasible one is projected first). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zoest.h"

enum { P_MU, P_DIRS, P_COUNT };

static const param_def zf_params[P_COUNT] = {
	[P_MU] = {"mu", 1e-6, 1e-15, 1e6, "smoothing radius of the differences", NULL, 0},
	[P_DIRS] = {"directions", 1, 1, 1e4, "random directions averaged in one estimate", NULL,
	            1},
};

static const char *const zf_extra[] = {"ghat", "fwgap", NULL};

typedef struct zf_state {
	double *d, *g, *v, *tmp;
	long t;
} zf_state;

static void zf_free(void *state)
{
	zf_state *s = state;
	free(s->d);
	s->d = NULL;
}

static int zf_init(void *state, meth_ctx *c)
{
	zf_state *s = state;
	int n = c->n;
	const prob_set *set = c->o->p->set;
	s->d = calloc(5 * (size_t)n, sizeof *s->d);
	if (!s->d) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->g = s->d + n;
	s->v = s->g + n;
	s->tmp = s->v + n;
	if (!set->contains(set->ctx, c->x, n, 1e-12) && (c->o->p->caps & PROB_PROJ))
		oracle_project(c->o, c->x, c->x);
	c->g_valid = 0;
	c->f = oracle_value(c->o, c->x);
	c->extra[0] = c->extra[1] = NAN;
	return METH_OK;
}

static int zf_step(void *state, meth_ctx *c)
{
	zf_state *s = state;
	int n = c->n;
	const prob_set *set = c->o->p->set;
	double t = (double)s->t;
	c->extra[0] = zoest_gauss(c, c->x, c->f, c->param[P_MU], (int)c->param[P_DIRS], 0, s->g,
	                          s->tmp);
	double rho = 4 / pow(t + 8, 2.0 / 3), gamma = 2 / (t + 8), gap = 0;
	for (int i = 0; i < n; i++)
		s->d[i] = (1 - rho) * s->d[i] + rho * s->g[i];
	c->o->nprox++; /* an LMO call counts with the projections */
	set->lmo(set->ctx, s->d, s->v, n);
	meth_probe(c, s->v);
	for (int i = 0; i < n; i++) {
		gap += s->d[i] * (c->x[i] - s->v[i]);
		c->x[i] += gamma * (s->v[i] - c->x[i]);
	}
	s->t++;
	c->extra[1] = gap; /* the Frank-Wolfe gap of the averaged estimate */
	c->step = gamma;
	c->f = oracle_value(c->o, c->x);
	return METH_OK;
}

const meth meth_zofw = {
	.name = "zofw",
	.family = "zeroth-order",
	.summary = "zeroth-order Frank-Wolfe: averaged random-direction gradient estimates and "
	           "LMO steps over a set",
	.reference = "Sahu, Zaheer & Kar, Towards gradient free and projection free stochastic "
	             "optimization, AISTATS 2019",
	.params = zf_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_LMO,
	.extra = zf_extra,
	.state_size = sizeof(zf_state),
	.init = zf_init,
	.step = zf_step,
	.free = zf_free,
};
