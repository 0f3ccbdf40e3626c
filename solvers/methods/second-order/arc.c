/* arc: adaptive regularization with cubics (Cartis, Gould & Toint 2011, alg. 2.1).
 * Each step minimizes m(s) = f + g's + s'Hs/2 + sigma |s|^3 / 3 globally and compares
 * the actual decrease with the model's: rho = (f(x) - f(x + s)) / (f(x) - m(s)). The
 * step is taken when rho >= eta1; sigma shrinks when rho > eta2 and grows by gamma when
 * the step is refused (then x stays and the same Hessian serves the next trial). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "so.h"

enum { P_SIGMA0, P_ETA1, P_ETA2, P_GAMMA, P_DENSE, P_KRYLOV, P_COUNT };

static const param_def arc_params[P_COUNT] = {
	[P_SIGMA0] = {"sigma0", 1, 1e-12, 1e12, "initial regularization weight sigma", NULL, 0},
	[P_ETA1] = {"eta1", 0.1, 1e-6, 0.5, "accept the step when rho >= eta1", NULL, 0},
	[P_ETA2] = {"eta2", 0.9, 0.5, 1, "very successful: sigma shrinks when rho > eta2",
	            NULL, 0},
	[P_GAMMA] = {"gamma", 2, 1.01, 100, "factor by which sigma grows or shrinks", NULL, 0},
	[P_DENSE] = {"dense", 200, 1, 2000,
	             "largest n solved exactly by an eigen-decomposition of the Hessian", NULL, 1},
	[P_KRYLOV] = {"krylov", 30, 2, 200, "Lanczos vectors for the model when n > dense",
	              NULL, 1},
};

static const char *const arc_extra[] = {"sigma", "rho", "pred", "ared", NULL};

typedef struct arc_state {
	so_cub cub;
	double *h, *xt;
	double sigma;
} arc_state;

static void arc_free(void *state)
{
	arc_state *s = state;
	so_cub_free(&s->cub);
	free(s->h);
	s->h = NULL;
}

static int arc_init(void *state, meth_ctx *c)
{
	arc_state *s = state;
	int st = so_cub_init(&s->cub, c, (int)c->param[P_DENSE], (int)c->param[P_KRYLOV]);
	if (st != METH_OK)
		return st;
	s->h = malloc(2 * (size_t)c->n * sizeof *s->h);
	if (!s->h) {
		arc_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->xt = s->h + c->n;
	s->sigma = c->param[P_SIGMA0];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->sigma;
	c->extra[1] = c->extra[2] = c->extra[3] = NAN;
	return METH_OK;
}

static int arc_step(void *state, meth_ctx *c)
{
	arc_state *s = state;
	int n = c->n;
	double m = so_cub_step(&s->cub, c, s->sigma, s->h);
	if (isnan(m)) {
		snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
		return METH_FAILED;
	}
	c->extra[0] = s->sigma;
	if (!(m < 0.0)) {
		c->extra[1] = NAN;
		c->extra[2] = c->extra[3] = 0.0;
		return METH_CONVERGED; /* the model cannot decrease: a second-order point */
	}
	for (int i = 0; i < n; i++)
		s->xt[i] = c->x[i] + s->h[i];
	double ft = oracle_value(c->o, s->xt);
	double rho = (c->f - ft) / -m;
	c->extra[1] = rho;
	c->extra[2] = -m;
	c->extra[3] = c->f - ft;
	if (rho > c->param[P_ETA2])
		s->sigma = fmax(s->sigma / c->param[P_GAMMA], 1e-12);
	else if (!(rho >= c->param[P_ETA1]))
		s->sigma *= c->param[P_GAMMA];
	if (!(rho >= c->param[P_ETA1])) {
		meth_probe(c, s->xt);
		c->step = 0.0;
		if (so_at_rounding(c, m)) { /* rho is rounding noise */
			int st = so_rounding_judge(&s->cub, c, s->xt, s->h);
			if (st == METH_OK)
				s->cub.have = 0; /* x moved: a new Hessian */
			return st;
		}
		c->moved = 1; /* a refused trial changed sigma: progress x does not show */
		return METH_OK;
	}
	c->step = so_norm(s->h, n);
	memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
	c->f = oracle_grad(c->o, c->x, c->g);
	s->cub.have = 0;
	return METH_OK;
}

const meth meth_arc = {
	.name = "arc",
	.family = "second-order",
	.summary = "adaptive regularization by cubics: the cubic model's global minimizer, "
	           "sigma adapted by the ratio rho of actual to predicted decrease",
	.reference = "Cartis, Gould & Toint, Adaptive cubic regularisation methods for "
	             "unconstrained optimization, Part I, Math. Program. 127 (2011), alg. 2.1",
	.params = arc_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = arc_extra,
	.state_size = sizeof(arc_state),
	.init = arc_init,
	.step = arc_step,
	.free = arc_free,
};
