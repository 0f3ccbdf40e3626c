/* lazynewton: cubic Newton with lazy Hessians (Doikov, Chayti & Jaggi 2023, alg. 1).
 * The Hessian (and its eigen-decomposition) is computed at iterations 0, every,
 * 2 every, ... and reused in between, while the gradient is fresh at each step:
 * x+ = argmin g'h + h'H(z)h/2 + M |h|^3 / 6, z the last snapshot. every = 0 takes n,
 * the paper's choice, which saves a factor sqrt(n) of arithmetic. M as in cubic: given,
 * or estimated (halved each step, doubled until f(x + h) lies below the model). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "so.h"

#define LAZY_MAX_N 2000

enum { P_EVERY, P_M, P_COUNT };

static const param_def lazy_params[P_COUNT] = {
	[P_EVERY] = {"every", 0, 0, 1e9, "iterations between Hessians; 0: n", NULL, 1},
	[P_M] = {"M", 0, 0, 1e12,
	         "cubic regularization weight; 0: estimated (halved each step, doubled until "
	         "the model bounds f)", NULL, 0},
};

static const char *const lazy_extra[] = {"M", "pred", "ared", NULL};

typedef struct lazy_state {
	so_cub cub;
	double *h, *xt;
	double M;
	long iter, every;
} lazy_state;

static void lazy_free(void *state)
{
	lazy_state *s = state;
	so_cub_free(&s->cub);
	free(s->h);
	s->h = NULL;
}

static int lazy_init(void *state, meth_ctx *c)
{
	lazy_state *s = state;
	if (c->n > LAZY_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "lazynewton keeps a dense Hessian's eigenvectors, limited to n <= %d",
		         LAZY_MAX_N);
		return METH_FAILED;
	}
	int st = so_cub_init(&s->cub, c, LAZY_MAX_N, 2);
	if (st != METH_OK)
		return st;
	s->h = malloc(2 * (size_t)c->n * sizeof *s->h);
	if (!s->h) {
		lazy_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->xt = s->h + c->n;
	s->M = c->param[P_M] > 0 ? c->param[P_M] : 1.0;
	s->every = c->param[P_EVERY] > 0 ? (long)c->param[P_EVERY] : c->n;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->M;
	c->extra[1] = c->extra[2] = NAN;
	return METH_OK;
}

static int lazy_step(void *state, meth_ctx *c)
{
	lazy_state *s = state;
	int fresh = s->iter++ % s->every == 0;
	if (fresh)
		s->cub.have = 0; /* a snapshot: the Hessian at this x */
	int st = so_cubic_search(&s->cub, c, &s->M, !(c->param[P_M] > 0), s->h, s->xt);
	if (st == METH_CONVERGED && !fresh) { /* judged with an old Hessian: a snapshot here */
		s->cub.have = 0;
		s->iter = 1;
		st = so_cubic_search(&s->cub, c, &s->M, !(c->param[P_M] > 0), s->h, s->xt);
	}
	return st;
}

const meth meth_lazynewton = {
	.name = "lazynewton",
	.family = "second-order",
	.summary = "cubic Newton with lazy Hessians: one Hessian (and factorization) every "
	           "`every` steps, fresh gradients",
	.reference = "Doikov, Chayti & Jaggi, Second-order optimization with lazy Hessians, "
	             "ICML (2023), alg. 1",
	.params = lazy_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = lazy_extra,
	.state_size = sizeof(lazy_state),
	.init = lazy_init,
	.step = lazy_step,
	.free = lazy_free,
};
