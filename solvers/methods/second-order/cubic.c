/* cubic: Newton's method with cubic regularization (Nesterov & Polyak 2006). Each
 * step minimizes the upper model f + g'h + h'Hh/2 + M |h|^3 / 6 globally, so the
 * method moves off saddle points along negative curvature. M = 0 estimates the
 * Hessian's Lipschitz constant as the paper's adaptive variant does: halved before
 * each step, doubled until f(x + h) lies below the model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "so.h"

enum { P_M, P_DENSE, P_KRYLOV, P_COUNT };

static const param_def cubic_params[P_COUNT] = {
	[P_M] = {"M", 0, 0, 1e12,
	         "Lipschitz constant of the Hessian; 0: estimated (halved each step, doubled "
	         "until the model bounds f)", NULL, 0},
	[P_DENSE] = {"dense", 200, 1, 2000,
	             "largest n solved exactly by an eigen-decomposition of the Hessian", NULL, 1},
	[P_KRYLOV] = {"krylov", 30, 2, 200, "Lanczos vectors for the model when n > dense",
	              NULL, 1},
};

static const char *const cubic_extra[] = {"M", "pred", "ared", NULL};

typedef struct cubic_state {
	so_cub cub;
	double *h, *xt;
	double M;
} cubic_state;

static void cubic_free(void *state)
{
	cubic_state *s = state;
	so_cub_free(&s->cub);
	free(s->h);
	s->h = NULL;
}

static int cubic_init(void *state, meth_ctx *c)
{
	cubic_state *s = state;
	int st = so_cub_init(&s->cub, c, (int)c->param[P_DENSE], (int)c->param[P_KRYLOV]);
	if (st != METH_OK)
		return st;
	s->h = malloc(2 * (size_t)c->n * sizeof *s->h);
	if (!s->h) {
		cubic_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->xt = s->h + c->n;
	s->M = c->param[P_M] > 0 ? c->param[P_M] : 1.0;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->M;
	c->extra[1] = c->extra[2] = NAN;
	return METH_OK;
}

static int cubic_step(void *state, meth_ctx *c)
{
	cubic_state *s = state;
	s->cub.have = 0; /* a new Hessian at a new x */
	return so_cubic_search(&s->cub, c, &s->M, !(c->param[P_M] > 0), s->h, s->xt);
}

const meth meth_cubic = {
	.name = "cubic",
	.family = "second-order",
	.summary = "cubic-regularized Newton: the global minimizer of the cubic upper model, "
	           "escapes saddle points; M estimated when not given",
	.reference = "Nesterov & Polyak, Cubic regularization of Newton method and its global "
	             "performance, Math. Program. 108 (2006)",
	.params = cubic_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = cubic_extra,
	.state_size = sizeof(cubic_state),
	.init = cubic_init,
	.step = cubic_step,
	.free = cubic_free,
};
