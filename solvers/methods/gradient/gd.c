/* gd: gradient descent x+ = x - t g with a fixed step, a line search (Armijo,
 * strong Wolfe, exact for quadratics) or the Polyak step t = (f - f*) / |g|^2.
 * Armijo and Wolfe try t = 1 first (Nocedal & Wright, sec. 3.5), then each step from
 * twice the last accepted step, so that the step can grow as well as shrink. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linesearch.h"
#include "meth.h"

/* ORDER gd_param */
enum { P_STEP, P_LS, P_C1, P_SHRINK, P_C2, P_MAXEVAL, P_COUNT };
enum { LS_NONE, LS_ARMIJO, LS_WOLFE, LS_EXACT, LS_POLYAK };

static const char *const rules[] = {"none", "armijo", "wolfe", "exact", "polyak", NULL};

static const param_def params[] = {
    {"step", 1e-3, 1e-15, 1e15,
     "the fixed step (armijo and wolfe try 1 first, then twice the last step)", NULL, 0},
    {"linesearch", 0, 0, 4,
     "none: fixed step; armijo; wolfe (strong); exact (quadratics, needs the Hessian); "
     "polyak: t = (f - f*)/|g|^2 (needs f*)",
     rules, 0},
    {"c1", 1e-4, 1e-12, 0.49, "sufficient decrease constant of armijo and wolfe", NULL, 0},
    {"shrink", 0.5, 0.01, 0.99, "armijo backtracking factor", NULL, 0},
    {"c2", 0.9, 1e-6, 0.999999, "strong Wolfe curvature constant (c1 < c2 < 1)", NULL, 0},
    {"maxeval", 40, 1, 1000, "line-search trials per step at most", NULL, 1},
};

static const char *const extra[] = {"lsevals", NULL};

typedef struct gd_state {
	double *d, *xnew, *gnew; /* direction and line-search scratch */
	double tlast;            /* the last accepted line-search step, 0 before the first */
	ls_opts ls;
} gd_state;

static int gd_init(void *state, meth_ctx *c)
{
	gd_state *s = state;
	const prob *p = c->o->p;
	int rule = (int)c->param[P_LS];
	if (rule == LS_EXACT && !(p->caps & PROB_HESS)) {
		snprintf(
		    c->msg, sizeof c->msg,
		    "gd(linesearch = exact) needs the Hessian, which problem '%s' does not offer",
		    p->name);
		return METH_FAILED;
	}
	if (rule == LS_POLYAK && !isfinite(p->fstar)) {
		snprintf(c->msg, sizeof c->msg,
		         "gd(linesearch = polyak) needs the optimal value f*, which problem '%s' "
		         "does not know",
		         p->name);
		return METH_FAILED;
	}
	if (rule == LS_WOLFE && !(c->param[P_C1] < c->param[P_C2])) {
		snprintf(c->msg, sizeof c->msg, "gd: wolfe needs c1 < c2");
		return METH_FAILED;
	}
	size_t sz = (size_t)c->n * sizeof(double);
	s->d = malloc(sz);
	s->xnew = malloc(sz);
	s->gnew = malloc(sz);
	if (!s->d || !s->xnew || !s->gnew) {
		snprintf(c->msg, sizeof c->msg, "gd: out of memory");
		return METH_FAILED;
	}
	ls_opts_default(&s->ls);
	s->ls.c1 = c->param[P_C1];
	s->ls.c2 = c->param[P_C2];
	s->ls.shrink = c->param[P_SHRINK];
	s->ls.maxeval = (int)c->param[P_MAXEVAL];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

/* The step length along d = -g by the chosen rule; <= 0 when there is none. */
static int choose(gd_state *s, meth_ctx *c, double *t)
{
	int n = c->n, rule = (int)c->param[P_LS];
	double gg = 0;
	for (int i = 0; i < n; i++)
		gg += c->g[i] * c->g[i];
	switch (rule) {
	case LS_EXACT: {
		int st = ls_exact(c, c->x, c->g, s->d, s->gnew, t);
		if (st != LS_OK)
			snprintf(c->msg, sizeof c->msg, "exact line search: %s",
			         ls_status_name(st));
		return st;
	}
	case LS_POLYAK:
		*t = gg > 0 ? fmax(c->f - c->o->p->fstar, 0) / gg : 0;
		return LS_OK;
	default:
		*t = c->param[P_STEP];
		return LS_OK;
	}
}

static int gd_step(void *state, meth_ctx *c)
{
	gd_state *s = state;
	int n = c->n, rule = (int)c->param[P_LS];
	for (int i = 0; i < n; i++)
		s->d[i] = -c->g[i];
	c->extra[0] = 0;
	if (rule == LS_ARMIJO || rule == LS_WOLFE) {
		ls_out out;
		double t0 = s->tlast > 0 ? 2 * s->tlast : 1;
		int st = rule == LS_ARMIJO
		             ? ls_armijo(c, c->x, c->f, c->g, s->d, t0, &s->ls, s->xnew, &out)
		             : ls_wolfe(c, c->x, c->f, c->g, s->d, t0, &s->ls, s->xnew, s->gnew, &out);
		c->extra[0] = out.nevals;
		if (!(out.t > 0)) {
			double gg = 0;
			for (int i = 0; i < n; i++)
				gg += c->g[i] * c->g[i];
			c->step = 0;
			/* the decrease the last step's scale predicts is below f's rounding: x is
			 * stationary as far as f can tell (as Newton's test) */
			if (s->tlast * gg <= 1e4 * DBL_EPSILON * (1 + fabs(c->f))) {
				snprintf(c->msg, sizeof c->msg,
				         "stationary to rounding: t |g|^2 = %g is below f's rounding",
				         s->tlast * gg);
				return METH_CONVERGED;
			}
			snprintf(c->msg, sizeof c->msg, "%s line search: %s", rules[rule],
			         ls_status_name(st));
			c->step = 0;
			return METH_NO_PROGRESS;
		}
		memcpy(c->x, s->xnew, (size_t)n * sizeof *c->x);
		c->step = s->tlast = out.t;
		if (rule == LS_WOLFE) { /* the search ends with f and g at the new point */
			c->f = out.f;
			memcpy(c->g, s->gnew, (size_t)n * sizeof *c->g);
			return METH_OK;
		}
	} else {
		double t;
		if (choose(s, c, &t) != LS_OK) {
			c->step = 0;
			return METH_NO_PROGRESS;
		}
		for (int i = 0; i < n; i++)
			c->x[i] += t * s->d[i];
		c->step = t;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	return METH_OK;
}

static void gd_free(void *state)
{
	gd_state *s = state;
	free(s->d);
	free(s->xnew);
	free(s->gnew);
}

const meth meth_gd = {
    .name = "gd",
    .family = "gradient",
    .summary = "gradient descent: fixed step, Armijo, strong Wolfe, exact or Polyak step",
    .reference = "Nocedal & Wright, Numerical Optimization (2nd ed., 2006), ch. 3; "
                 "Polyak, Introduction to Optimization (1987), sec. 5.3 (Polyak step)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(gd_state),
    .init = gd_init,
    .step = gd_step,
    .free = gd_free,
};
