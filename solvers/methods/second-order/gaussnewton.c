/* gaussnewton: damped Gauss-Newton on a least-squares problem f = |r(x)|^2: the step
 * minimizes the linear model |J p + r| (by Householder QR of J, never forming J'J),
 * then Armijo backtracking on f from the full step. Fails on a rank-deficient J, where
 * lm is the method to use. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linesearch.h"
#include "lsq.h"

enum { P_C1, P_COUNT };

static const param_def gn_params[P_COUNT] = {
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Armijo sufficient-decrease constant", NULL, 0},
};

typedef struct gn_state {
	lsq_work w;
	double *p, *xt;
} gn_state;

static void gn_free(void *state)
{
	gn_state *s = state;
	lsq_free(&s->w);
	free(s->p);
	s->p = NULL;
}

static int gn_init(void *state, meth_ctx *c)
{
	gn_state *s = state;
	int st = lsq_alloc(&s->w, c);
	if (st != METH_OK)
		return st;
	s->p = malloc(2 * (size_t)c->n * sizeof *s->p);
	if (!s->p) {
		gn_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->xt = s->p + c->n;
	lsq_eval(&s->w, c);
	return METH_OK;
}

static int gn_step(void *state, meth_ctx *c)
{
	gn_state *s = state;
	int n = c->n;
	if (lsq_gn(&s->w, s->p) != 0) {
		snprintf(c->msg, sizeof c->msg, "the Jacobian is rank deficient: use lm");
		return METH_NO_PROGRESS;
	}
	double gp = 0.0;
	for (int i = 0; i < n; i++)
		gp += c->g[i] * s->p[i];
	if (!(gp < 0.0))
		return METH_CONVERGED; /* J'r = 0 to rounding: a stationary point */
	ls_opts lo;
	ls_out out;
	ls_opts_default(&lo);
	lo.c1 = c->param[P_C1];
	int st = ls_armijo(c, c->x, c->f, c->g, s->p, 1.0, &lo, s->xt, &out);
	if (st != LS_OK && !((st == LS_MAXEVAL || st == LS_TINY) && out.t > 0.0)) {
		/* f cannot resolve the decrease: the full step where it does not grow f */
		for (int i = 0; i < n; i++)
			s->xt[i] = c->x[i] + s->p[i];
		if (!(oracle_value(c->o, s->xt) <= c->f)) {
			snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(st));
			c->step = 0.0;
			return METH_NO_PROGRESS;
		}
		out.t = 1.0;
	}
	memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
	lsq_eval(&s->w, c);
	c->step = out.t;
	return METH_OK;
}

const meth meth_gaussnewton = {
	.name = "gaussnewton",
	.family = "second-order",
	.summary = "damped Gauss-Newton for least squares (sumsq, leastsq): the QR step of the "
	           "linearized residuals, Armijo on |r|^2",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), sec. 10.3",
	.params = gn_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_LSQ,
	.extra = NULL,
	.state_size = sizeof(gn_state),
	.init = gn_init,
	.step = gn_step,
	.free = gn_free,
};
