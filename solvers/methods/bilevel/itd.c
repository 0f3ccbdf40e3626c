/* itd: iterative differentiation. Each step runs K gradient steps on the lower level from
 * the last y (warm start, treated as independent of x) and differentiates F(x, y_K(x))
 * exactly by a reverse sweep through them: with v = grad_y F(x, y_K), for k = K-1 .. 0,
 * h -= beta H_xy(x, y_k) v and v -= beta H_yy(x, y_k) v; then x -= alpha h. */
#include <math.h>
#include <string.h>

#include "bl.h"

/* ORDER itd_param */
enum { P_STEP, P_INNER, P_BETA, P_COUNT };

static const param_def itd_params[] = {
    {"step", 0.1, 1e-12, 1e6, "the outer step alpha on x", NULL, 0},
    {"inner", 20, 1, 10000, "K: lower-level gradient steps differentiated through", NULL, 1},
    {"beta", 0, 0, 1e6, "the inner step (0: 1/L, L = |H_yy| by power iteration)", NULL, 0},
};

static int itd_init(void *state, meth_ctx *c)
{
	return bl_init(state, c, (int)c->param[P_INNER], 0);
}

static int itd_step(void *state, meth_ctx *c)
{
	bl_state *s = state;
	int nx = s->nx, ny = s->ny, K = (int)c->param[P_INNER];
	s->inner = 0;
	double beta = bl_beta(s, c->o, c->x, c->param[P_BETA]);
	bl_inner(s, c->o, c->x, c->x + nx, K, beta);
	memcpy(c->x + nx, s->zh + nx, (size_t)ny * sizeof *c->x);
	oracle_grad(c->o, c->x, c->g);
	double *h = s->zh, *v = s->v; /* h: x-part, v: y-part of the adjoint */
	memcpy(h, c->g, (size_t)nx * sizeof *h);
	memcpy(v, c->g + nx, (size_t)ny * sizeof *v);
	for (int k = K - 1; k >= 0; k--) {
		memcpy(s->gg, c->x, (size_t)nx * sizeof *s->gg); /* (x, y_k) */
		memcpy(s->gg + nx, s->traj + (size_t)k * ny, (size_t)ny * sizeof *s->gg);
		bl_lower_hv(s, c->o, s->gg, v, s->hv);
		for (int i = 0; i < nx; i++)
			h[i] -= beta * s->hv[i];
		for (int i = 0; i < ny; i++)
			v[i] -= beta * s->hv[nx + i];
	}
	double a = c->param[P_STEP], h2 = 0;
	for (int i = 0; i < nx; i++) {
		h2 += h[i] * h[i];
		c->x[i] -= a * h[i];
	}
	s->hg = sqrt(h2);
	c->step = a;
	bl_report(s, c);
	return METH_OK;
}

const meth meth_itd = {
    .name = "itd",
    .family = "bilevel",
    .summary = "iterative differentiation: the hypergradient by reverse mode through K inner "
               "gradient steps",
    .reference = "Franceschi, Donini, Frasconi & Pontil, Forward and reverse gradient-based "
                 "hyperparameter optimization, ICML 2017; Ji, Yang & Liang, ICML 2021 (ITD-BiO)",
    .params = itd_params,
    .nparams = P_COUNT,
    .needs = PROB_BILEVEL | PROB_GRAD,
    .extra = bl_extra_names,
    .state_size = sizeof(bl_state),
    .init = itd_init,
    .step = itd_step,
    .free = bl_free,
};
