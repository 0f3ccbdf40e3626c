/* zo: random gradient-free descent (Nesterov & Spokoiny 2017, method RS_mu):
 * x+ = x - step g, g the two-point Gaussian-smoothing estimate of the gradient from
 * `directions` random directions (zoest.h). Their step for an L-smooth convex f is
 * 1/(4 (n + 4) L), with E f(x_k) - f* averaged over k <= 4 (n + 4) L R^2 / (N + 1) +
 * 9 mu^2 (n + 4)^2 L / 25. One step costs `directions` values (twice that central)
 * plus f at the new point. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "zoest.h"

enum { P_STEP, P_MU, P_DIRS, P_EST, P_COUNT };

static const char *const zo_estimators[] = {"forward", "central", NULL};

static const param_def zo_params[P_COUNT] = {
	[P_STEP] = {"step", 1e-3, 1e-15, 1e15,
	            "the step along the estimate (1/(4 (n + 4) L) in Nesterov & Spokoiny)", NULL,
	            0},
	[P_MU] = {"mu", 1e-6, 1e-15, 1e6, "smoothing radius of the differences", NULL, 0},
	[P_DIRS] = {"directions", 1, 1, 1e4, "random directions averaged in one estimate", NULL,
	            1},
	[P_EST] = {"estimator", 0, 0, 1,
	           "forward: (f(x + mu u) - f(x))/mu u; central: (f(x + mu u) - f(x - mu u))/(2 mu) u",
	           zo_estimators, 0},
};

static const char *const zo_extra[] = {"ghat", NULL};

typedef struct zo_state {
	double *g, *tmp;
} zo_state;

static void zo_free(void *state)
{
	zo_state *s = state;
	free(s->g);
	s->g = NULL;
}

static int zo_init(void *state, meth_ctx *c)
{
	zo_state *s = state;
	s->g = malloc(3 * (size_t)c->n * sizeof *s->g);
	if (!s->g) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->tmp = s->g + c->n;
	c->g_valid = 0;
	c->f = oracle_value(c->o, c->x);
	c->extra[0] = NAN;
	return METH_OK;
}

static int zo_step(void *state, meth_ctx *c)
{
	zo_state *s = state;
	const double *par = c->param;
	double gn = zoest_gauss(c, c->x, c->f, par[P_MU], (int)par[P_DIRS], par[P_EST] == 1, s->g,
	                        s->tmp);
	for (int i = 0; i < c->n; i++)
		c->x[i] -= par[P_STEP] * s->g[i];
	c->f = oracle_value(c->o, c->x);
	c->extra[0] = gn;
	c->step = par[P_STEP] * gn;
	return METH_OK;
}

const meth meth_zo = {
	.name = "zo",
	.family = "zeroth-order",
	.summary = "random gradient-free descent: two-point Gaussian-smoothing gradient "
	           "estimates from values",
	.reference = "Nesterov & Spokoiny, Random gradient-free minimization of convex "
	             "functions, Found. Comput. Math. 17 (2017)",
	.params = zo_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = zo_extra,
	.state_size = sizeof(zo_state),
	.init = zo_init,
	.step = zo_step,
	.free = zo_free,
};
