/* heavyball: Polyak's heavy-ball method, x+ = x - a g(x) + b (x - x-). With a = 4 /
 * (sqrt L + sqrt mu)^2 and b = ((sqrt L - sqrt mu) / (sqrt L + sqrt mu))^2 it
 * converges locally at the accelerated rate on strongly convex quadratics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

enum { P_STEP, P_MOMENTUM, P_COUNT };

static const param_def params[] = {
    {"step", 1e-3, 1e-15, 1e15, "the step a on the gradient", NULL, 0},
    {"momentum", 0.9, 0, 0.999999, "the weight b of the previous move x - x-", NULL, 0},
};

static const char *const extra[] = {"move", NULL};

typedef struct hb_state {
	double *xprev;
} hb_state;

static int hb_init(void *state, meth_ctx *c)
{
	hb_state *s = state;
	s->xprev = malloc((size_t)c->n * sizeof *s->xprev);
	if (!s->xprev) {
		snprintf(c->msg, sizeof c->msg, "heavyball: out of memory");
		return METH_FAILED;
	}
	memcpy(s->xprev, c->x, (size_t)c->n * sizeof *c->x);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

static int hb_step(void *state, meth_ctx *c)
{
	hb_state *s = state;
	double a = c->param[P_STEP], b = c->param[P_MOMENTUM], move = 0;
	for (int i = 0; i < c->n; i++) {
		double xi = c->x[i];
		c->x[i] = xi - a * c->g[i] + b * (xi - s->xprev[i]);
		s->xprev[i] = xi;
		move += (c->x[i] - xi) * (c->x[i] - xi);
	}
	c->step = a;
	c->extra[0] = sqrt(move);
	c->f = oracle_grad(c->o, c->x, c->g);
	return METH_OK;
}

static void hb_free(void *state)
{
	hb_state *s = state;
	free(s->xprev);
}

const meth meth_heavyball = {
    .name = "heavyball",
    .family = "gradient",
    .summary = "Polyak's heavy ball: a gradient step plus momentum on the previous move",
    .reference = "B. T. Polyak, Some methods of speeding up the convergence of iteration "
                 "methods, USSR Comput. Math. Math. Phys. 4(5), 1964; Polyak, Introduction "
                 "to Optimization (1987), sec. 3.2",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(hb_state),
    .init = hb_init,
    .step = hb_step,
    .free = hb_free,
};
