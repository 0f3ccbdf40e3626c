/* newtoncg: truncated (line-search) Newton-CG, Nocedal & Wright alg. 7.1. CG on
 * H d = -g with Hessian-vector products only, stopped at |H d + g| <= eta |g|,
 * eta = min(1/2, sqrt|g|) (superlinear near x*), or at the first direction of
 * curvature <= 0; then Armijo backtracking from t = 1. Eight vectors of memory, so
 * n = 10^6 fits where a Hessian would not. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "linesearch.h"
#include "so.h"

enum { P_MAXCG, P_C1, P_COUNT };

static const param_def ncg_params[P_COUNT] = {
	[P_MAXCG] = {"maxcg", 0, 0, 1e9, "CG iterations per step at most; 0: n", NULL, 1},
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Armijo sufficient-decrease constant", NULL, 0},
};

static const char *const ncg_extra[] = {"cgiters", NULL};

typedef struct ncg_state {
	double *d, *w, *xt, *gt; /* direction, CG scratch (3n), trial point, its gradient */
} ncg_state;

static void ncg_free(void *state)
{
	ncg_state *s = state;
	free(s->d);
	s->d = NULL;
}

static int ncg_init(void *state, meth_ctx *c)
{
	ncg_state *s = state;
	size_t n = (size_t)c->n;
	s->d = malloc(6 * n * sizeof *s->d);
	if (!s->d) {
		snprintf(c->msg, sizeof c->msg, "out of memory for 6 vectors of n = %d", c->n);
		return METH_FAILED;
	}
	s->w = s->d + n;
	s->xt = s->w + 3 * n;
	s->gt = s->xt + n;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = NAN;
	return METH_OK;
}

static int ncg_step(void *state, meth_ctx *c)
{
	ncg_state *s = state;
	int n = c->n, it;
	double gn = so_norm(c->g, n);
	if (gn == 0.0)
		return METH_CONVERGED;
	int maxit = c->param[P_MAXCG] > 0 ? (int)fmin(c->param[P_MAXCG], 1e9) : n;
	so_cg(c, c->x, INFINITY, fmin(0.5, sqrt(gn)) * gn, maxit, s->d, s->w, &it);
	c->extra[0] = it;
	if (!(dense_dot(s->d, c->g, n) < 0.0)) /* CG stopped before a descent direction */
		for (int i = 0; i < n; i++)
			s->d[i] = -c->g[i];
	ls_opts lo;
	ls_out out;
	ls_opts_default(&lo);
	lo.c1 = c->param[P_C1];
	int st = ls_armijo(c, c->x, c->f, c->g, s->d, 1.0, &lo, s->xt, &out);
	if (st == LS_OK || ((st == LS_MAXEVAL || st == LS_TINY) && out.t > 0.0)) {
		memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
		c->f = oracle_grad(c->o, c->x, c->g);
		c->step = out.t;
		return METH_OK;
	}
	/* near x* f cannot resolve the decrease: keep a full step that halves |g| */
	for (int i = 0; i < n; i++)
		s->xt[i] = c->x[i] + s->d[i];
	double ft = oracle_grad(c->o, s->xt, s->gt);
	if (isfinite(ft) && so_norm(s->gt, n) <= 0.5 * gn) {
		memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
		memcpy(c->g, s->gt, (size_t)n * sizeof *c->g);
		c->f = ft;
		c->step = 1.0;
		return METH_OK;
	}
	snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(st));
	c->step = 0.0;
	return METH_NO_PROGRESS;
}

const meth meth_newtoncg = {
	.name = "newtoncg",
	.family = "second-order",
	.summary = "truncated Newton-CG: Hessian-vector products, CG to a forcing tolerance, "
	           "Armijo; memory of a few vectors (n up to 10^6 and beyond)",
	.reference = "Dembo & Steihaug, Truncated-Newton algorithms for large-scale "
	             "unconstrained optimization, Math. Program. 26 (1983); Nocedal & Wright "
	             "(2006), alg. 7.1",
	.params = ncg_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = ncg_extra,
	.state_size = sizeof(ncg_state),
	.init = ncg_init,
	.step = ncg_step,
	.free = ncg_free,
};
