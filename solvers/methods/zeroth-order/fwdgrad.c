/* fwdgrad: descent along forward gradients (Baydin, Pearlmutter, Syme, Wood & Torr
 * 2022): with v ~ N(0, I), the directional derivative grad f(x) . v by one forward-mode
 * sweep (no reverse sweep, no tape of adjoints), and g = (grad f . v) v, an unbiased
 * estimate of grad f (E v v' = I); x+ = x - step g. The sweep at the new point also
 * gives its f, so a step costs one tangent sweep per direction. Needs forward-mode
 * derivatives (expression problems have them). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

enum { P_STEP, P_DIRS, P_COUNT };

static const param_def fg_params[P_COUNT] = {
	[P_STEP] = {"step", 1e-3, 1e-15, 1e15, "the step along the forward gradient", NULL, 0},
	[P_DIRS] = {"directions", 1, 1, 1e4, "forward gradients averaged in one step", NULL, 1},
};

static const char *const fg_extra[] = {"ghat", NULL};

typedef struct fg_state {
	double *g, *v; /* the estimate at x, a direction */
} fg_state;

static void fg_free(void *state)
{
	fg_state *s = state;
	free(s->g);
	s->g = NULL;
}

/* g = mean of (grad f(x) . v) v over k directions; returns f(x). */
static double fg_estimate(fg_state *s, meth_ctx *c, int k)
{
	int n = c->n;
	double f = NAN;
	memset(s->g, 0, (size_t)n * sizeof *s->g);
	for (int d = 0; d < k; d++) {
		double df;
		for (int i = 0; i < n; i++)
			s->v[i] = rng_normal(c->rng);
		f = oracle_dirderiv(c->o, c->x, s->v, &df);
		for (int i = 0; i < n; i++)
			s->g[i] += df * s->v[i] / k;
	}
	return f;
}

static int fg_init(void *state, meth_ctx *c)
{
	fg_state *s = state;
	if (!c->o->p->ops->dirderiv) {
		snprintf(c->msg, sizeof c->msg,
		         "fwdgrad needs forward-mode derivatives, which problem '%s' lacks (an "
		         "expression problem has them)",
		         c->o->p->name);
		return METH_FAILED;
	}
	s->g = malloc(2 * (size_t)c->n * sizeof *s->g);
	if (!s->g) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->v = s->g + c->n;
	c->g_valid = 0;
	c->f = fg_estimate(s, c, (int)c->param[P_DIRS]);
	c->extra[0] = NAN;
	return METH_OK;
}

static int fg_step(void *state, meth_ctx *c)
{
	fg_state *s = state;
	double gn = 0, t = c->param[P_STEP];
	for (int i = 0; i < c->n; i++) {
		c->x[i] -= t * s->g[i];
		gn += s->g[i] * s->g[i];
	}
	c->extra[0] = sqrt(gn);
	c->step = t * sqrt(gn);
	c->f = fg_estimate(s, c, (int)c->param[P_DIRS]); /* for the next step, and f(x+) */
	return METH_OK;
}

const meth meth_fwdgrad = {
	.name = "fwdgrad",
	.family = "zeroth-order",
	.summary = "forward gradient descent: (grad f . v) v by one forward-mode sweep, "
	           "v ~ N(0, I); unbiased, no backpropagation",
	.reference = "Baydin, Pearlmutter, Syme, Wood & Torr, Gradients without "
	             "backpropagation (2022)",
	.params = fg_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = fg_extra,
	.state_size = sizeof(fg_state),
	.init = fg_init,
	.step = fg_step,
	.free = fg_free,
};
