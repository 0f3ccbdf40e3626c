/* aid: approximate implicit differentiation. Each step runs K gradient steps on the lower
 * level from the last y (warm start), solves H_yy v = grad_y F by conjugate gradients and
 * moves x along the hypergradient grad_x F - H_xy v, the implicit function theorem's
 * d F(x, y*(x)) / dx evaluated at the inner iterate. */
#include <math.h>
#include <string.h>

#include "bl.h"

/* ORDER aid_param */
enum { P_STEP, P_INNER, P_BETA, P_CG, P_CGTOL, P_COUNT };

static const param_def aid_params[] = {
    {"step", 0.1, 1e-12, 1e6, "the outer step alpha on x", NULL, 0},
    {"inner", 10, 0, 100000, "K: lower-level gradient steps per outer step", NULL, 1},
    {"beta", 0, 0, 1e6, "the inner step (0: 1/L, L = |H_yy| by power iteration)", NULL, 0},
    {"cg", 50, 1, 100000, "conjugate-gradient iterations at most per linear solve", NULL, 1},
    {"cgtol", 1e-12, 0, 1, "CG's relative residual tolerance", NULL, 0},
};

static int aid_init(void *state, meth_ctx *c)
{
	return bl_init(state, c, 0, 0);
}

static int aid_step(void *state, meth_ctx *c)
{
	bl_state *s = state;
	int nx = s->nx;
	s->inner = 0;
	double beta = bl_beta(s, c->o, c->x, c->param[P_BETA]);
	bl_inner(s, c->o, c->x, c->x + nx, (int)c->param[P_INNER], beta);
	memcpy(c->x + nx, s->zh + nx, (size_t)s->ny * sizeof *c->x);
	oracle_grad(c->o, c->x, c->g);
	bl_cg(s, c->o, c->x, c->g + nx, s->v, (int)c->param[P_CG], c->param[P_CGTOL]);
	bl_lower_hv(s, c->o, c->x, s->v, s->hv); /* H_xy v in hv[0..nx) */
	double a = c->param[P_STEP], h2 = 0;
	for (int i = 0; i < nx; i++) {
		double h = c->g[i] - s->hv[i];
		h2 += h * h;
		c->x[i] -= a * h;
	}
	s->hg = sqrt(h2);
	c->step = a;
	bl_report(s, c);
	return METH_OK;
}

const meth meth_aid = {
    .name = "aid",
    .family = "bilevel",
    .summary = "approximate implicit differentiation: K inner steps, then the hypergradient "
               "by a CG solve with H_yy",
    .reference = "Pedregosa, Hyperparameter optimization with approximate gradient, ICML 2016; "
                 "Ji, Yang & Liang, Bilevel optimization: convergence analysis and enhanced "
                 "design, ICML 2021 (AID-BiO)",
    .params = aid_params,
    .nparams = P_COUNT,
    .needs = PROB_BILEVEL | PROB_GRAD,
    .extra = bl_extra_names,
    .state_size = sizeof(bl_state),
    .init = aid_init,
    .step = aid_step,
    .free = bl_free,
};
