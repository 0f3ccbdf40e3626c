/* frankwolfe: conditional gradient over a set with a linear minimization oracle:
 * s = argmin_{s in C} <grad f(x), s>, x+ = x + gamma (s - x), gamma = 2/(k+2) or by
 * backtracking on [0, 1]. The Frank-Wolfe gap <grad f(x), x - s> bounds f - f* for
 * convex f and is recorded. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linesearch.h"
#include "meth.h"

/* ORDER frankwolfe_param */
enum { P_RULE, P_C1, P_SHRINK, P_COUNT };

static const char *const rules[] = {"open", "armijo", NULL};

static const param_def params[] = {
    {"stepsize", 0, 0, 1,
     "open: gamma = 2/(k+2); armijo: backtracking from gamma = 1 along s - x", rules, 0},
    {"c1", 1e-4, 1e-12, 0.49, "sufficient decrease constant of armijo", NULL, 0},
    {"shrink", 0.5, 0.01, 0.99, "armijo backtracking factor", NULL, 0},
};

static const char *const extra[] = {"fwgap", NULL};

typedef struct fw_state {
	double *s, *d, *xnew;
	long k;
	ls_opts ls;
} fw_state;

static int fw_init(void *state, meth_ctx *c)
{
	fw_state *s = state;
	const prob_set *set = c->o->p->set;
	size_t sz = (size_t)c->n * sizeof(double);
	s->s = malloc(sz);
	s->d = malloc(sz);
	s->xnew = malloc(sz);
	if (!s->s || !s->d || !s->xnew) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	if (!set->contains(set->ctx, c->x, c->n, 1e-12) && (c->o->p->caps & PROB_PROJ)) {
		oracle_project(c->o, c->x, s->s); /* the iterates stay feasible from a feasible start */
		memcpy(c->x, s->s, sz);
	}
	ls_opts_default(&s->ls);
	s->ls.c1 = c->param[P_C1];
	s->ls.shrink = c->param[P_SHRINK];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

static int fw_step(void *state, meth_ctx *c)
{
	fw_state *s = state;
	const prob_set *set = c->o->p->set;
	int n = c->n;
	c->o->nprox++; /* an LMO call counts with the projections */
	set->lmo(set->ctx, c->g, s->s, n);
	meth_probe(c, s->s);
	double gap = 0;
	for (int i = 0; i < n; i++) {
		s->d[i] = s->s[i] - c->x[i];
		gap -= c->g[i] * s->d[i];
	}
	c->extra[0] = gap;
	if (!(gap > 0)) {
		c->step = 0;
		snprintf(c->msg, sizeof c->msg, "Frank-Wolfe gap %g <= 0", gap);
		return METH_CONVERGED;
	}
	double gamma = 2.0 / (double)(s->k + 2);
	if ((int)c->param[P_RULE] == 1) {
		ls_out out;
		ls_armijo(c, c->x, c->f, c->g, s->d, 1, &s->ls, s->xnew, &out);
		if (!(out.t > 0)) {
			c->step = 0;
			snprintf(c->msg, sizeof c->msg, "no decrease along s - x");
			return METH_NO_PROGRESS;
		}
		gamma = out.t;
	}
	for (int i = 0; i < n; i++)
		c->x[i] += gamma * s->d[i];
	s->k++;
	c->step = gamma;
	c->f = oracle_grad(c->o, c->x, c->g);
	return METH_OK;
}

static void fw_free(void *state)
{
	fw_state *s = state;
	free(s->s);
	free(s->d);
	free(s->xnew);
}

const meth meth_frankwolfe = {
    .name = "frankwolfe",
    .family = "constrained",
    .summary = "Frank-Wolfe (conditional gradient): LMO steps, 2/(k+2) or backtracking",
    .reference = "Frank & Wolfe, An algorithm for quadratic programming, Naval Res. Logist. Q. "
                 "3 (1956); Jaggi, Revisiting Frank-Wolfe, ICML 2013",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD | PROB_LMO,
    .extra = extra,
    .state_size = sizeof(fw_state),
    .init = fw_init,
    .step = fw_step,
    .free = fw_free,
};
