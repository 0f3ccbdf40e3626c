/* subgradient: x+ = x - a_k s / |s| (or without the normalization) with diminishing
 * a_k = step/sqrt(k+1) or step/(k+1), s a subgradient of F = f + g: grad f (which the
 * expression gives at kinks of abs and max) plus, for composite problems,
 * (x - prox_{eps g}(x))/eps, an element of the subdifferential of g at the nearby point
 * prox_{eps g}(x) (the minimal-norm one as eps -> 0). On a problem with a set, each step
 * is projected. Not a descent method: the best F so far is recorded. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

/* ORDER subgradient_param */
enum { P_STEP, P_RULE, P_NORMALIZE, P_COUNT };

static const char *const rules[] = {"sqrt", "harmonic", NULL};

static const param_def params[] = {
    {"step", 0.1, 1e-15, 1e15, "the scale a of the steps a/sqrt(k+1) or a/(k+1)", NULL, 0},
    {"schedule", 0, 0, 1, "sqrt: a/sqrt(k+1) (O(1/sqrt k) for convex F); harmonic: a/(k+1)",
     rules, 0},
    {"normalize", 1, 0, 1, "1: divide the step by |s|; 0: x - a_k s", NULL, 1},
};

static const char *const extra[] = {"fbest", NULL};

typedef struct sg_state {
	double *s, *u;
	double fbest;
	long k;
} sg_state;

static double objective(meth_ctx *c)
{
	const prob_reg *g = c->o->p->g;
	return c->f + (g ? g->value(g->ctx, c->x, c->n) : 0);
}

static int sg_init(void *state, meth_ctx *c)
{
	sg_state *s = state;
	size_t sz = (size_t)c->n * sizeof(double);
	s->s = malloc(sz);
	s->u = malloc(sz);
	if (!s->s || !s->u) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	s->fbest = objective(c);
	return METH_OK;
}

static int sg_step(void *state, meth_ctx *c)
{
	sg_state *s = state;
	const prob *p = c->o->p;
	int n = c->n;
	memcpy(s->s, c->g, (size_t)n * sizeof(double));
	if (p->g) {
		double xn = 0;
		for (int i = 0; i < n; i++)
			xn = fmax(xn, fabs(c->x[i]));
		double eps = 1e-9 * (1 + xn);
		oracle_prox(c->o, c->x, eps, s->u);
		for (int i = 0; i < n; i++)
			s->s[i] += (c->x[i] - s->u[i]) / eps;
	}
	double sn = 0;
	for (int i = 0; i < n; i++)
		sn += s->s[i] * s->s[i];
	sn = sqrt(sn);
	if (sn == 0) {
		c->step = 0;
		c->extra[0] = s->fbest;
		snprintf(c->msg, sizeof c->msg, "a zero subgradient");
		return METH_CONVERGED;
	}
	double k1 = (double)(s->k + 1);
	double a = c->param[P_STEP] / ((int)c->param[P_RULE] ? k1 : sqrt(k1));
	double t = c->param[P_NORMALIZE] != 0 ? a / sn : a;
	for (int i = 0; i < n; i++)
		c->x[i] -= t * s->s[i];
	if (p->caps & PROB_PROJ) {
		oracle_project(c->o, c->x, s->u);
		memcpy(c->x, s->u, (size_t)n * sizeof(double));
	}
	s->k++;
	c->step = t;
	c->f = oracle_grad(c->o, c->x, c->g);
	s->fbest = fmin(s->fbest, objective(c));
	c->extra[0] = s->fbest;
	return METH_OK;
}

static void sg_free(void *state)
{
	sg_state *s = state;
	free(s->s);
	free(s->u);
}

const meth meth_subgradient = {
    .name = "subgradient",
    .family = "nonsmooth",
    .summary = "subgradient method with diminishing steps (projected on a set)",
    .reference = "Shor, Minimization Methods for Non-Differentiable Functions (1985); Bubeck, "
                 "Convex Optimization: Algorithms and Complexity (2015), sec. 3.1",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(sg_state),
    .init = sg_init,
    .step = sg_step,
    .free = sg_free,
};
