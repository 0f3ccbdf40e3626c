/* bilevelpenalty: V-PBGD, gradient descent on the penalized problem
 * F(x, y) + gamma (g(x, y) - v(x)), v(x) = min_y g(x, y). grad v(x) = grad_x g(x, y-hat)
 * with y-hat from T warm-started gradient steps on g(x, .); the step is 1/L of the
 * penalized function, L = L_F + gamma L_g by power iteration on the full Hessians at the
 * start. Its solutions are within O(1/gamma) of the bilevel problem's (Shen & Chen).
 * With lower-level constraints G(x, y) <= 0, v(x) is the minimum over Y(x): the inner steps
 * are projected onto Y(x), grad v(x) = grad_x g + lam' grad_x G at y-hat with lam the active
 * constraints' multipliers (the envelope theorem), and (x, y) is projected back onto
 * {G <= 0} after each step: projected gradient on the penalized problem. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl.h"

/* ORDER penalty_param */
enum { P_GAMMA, P_STEP, P_INNER, P_BETA, P_COUNT };

static const param_def penalty_params[] = {
    {"gamma", 100, 1e-6, 1e12, "the penalty on the lower-level gap g - v", NULL, 0},
    {"step", 0, 0, 1e6, "the step (0: 1/(L_F + gamma L_g) from the start's curvature)", NULL,
     0},
    {"inner", 10, 1, 100000, "T: gradient steps on g(x, .) for y-hat per step", NULL, 1},
    {"beta", 0, 0, 1e6, "the inner step (0: 1/L, L = |H_yy| by power iteration)", NULL, 0},
};

typedef struct penalty_state {
	bl_state bl; /* first: bl_free frees it */
	double *yh;  /* ny: y-hat, warm */
	double *lam; /* mc: the lower level's multipliers at y-hat */
	double step;
} penalty_state;

static int penalty_init(void *state, meth_ctx *c)
{
	penalty_state *s = state;
	int st = bl_init(&s->bl, c, 0, 1);
	if (st != METH_OK)
		return st;
	s->lam = calloc((size_t)s->bl.b->mc + 1, sizeof *s->lam);
	if (!(s->yh = malloc((size_t)s->bl.ny * sizeof *s->yh)) || !s->lam) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	memcpy(s->yh, c->x + s->bl.nx, (size_t)s->bl.ny * sizeof *s->yh);
	s->step = c->param[P_STEP];
	if (!(s->step > 0)) {
		double L = bl_smooth_full(&s->bl, c, 1, c->param[P_GAMMA]);
		s->step = L > 0 ? 1 / L : 1e-3;
	}
	return METH_OK;
}

static void penalty_free(void *state)
{
	penalty_state *s = state;
	free(s->yh);
	free(s->lam);
	bl_free(&s->bl);
}

static int penalty_step(void *state, meth_ctx *c)
{
	penalty_state *s = state;
	bl_state *b = &s->bl;
	int nx = b->nx, ny = b->ny, n = c->n;
	double gamma = c->param[P_GAMMA];
	b->inner = 0;
	double beta = bl_beta(b, c->o, c->x, c->param[P_BETA]);
	bl_inner(b, c->o, c->x, s->yh, (int)c->param[P_INNER], beta);
	memcpy(s->yh, b->zh + nx, (size_t)ny * sizeof *s->yh);
	bl_lower_grad(c->o, b->b, b->zh, b->u); /* grad_x g(x, y-hat) = grad v(x) */
	if (b->b->mc && s->lam) { /* + lam' grad_x G(x, y-hat) */
		c->o->ng++;
		bilevel_multipliers(b->b, b->zh, s->lam);
		for (int k = 0; k < b->b->mc; k++) {
			bl_con_grad(c->o, b->b, k, b->zh, b->v);
			for (int i = 0; i < nx; i++)
				b->u[i] += s->lam[k] * b->v[i];
		}
	}
	bl_lower_grad(c->o, b->b, c->x, b->gg);  /* grad g(x, y) */
	double a = c->param[P_STEP] > 0 ? c->param[P_STEP] : s->step, h2 = 0;
	for (int i = 0; i < n; i++) {
		double d = c->g[i] + gamma * (b->gg[i] - (i < nx ? b->u[i] : 0));
		if (i < nx)
			h2 += d * d;
		c->x[i] -= a * d;
	}
	bilevel_project(b->b, c->x, 0);
	b->hg = sqrt(h2);
	c->step = a;
	bl_report(b, c);
	return METH_OK;
}

const meth meth_bilevelpenalty = {
    .name = "bilevelpenalty",
    .family = "bilevel",
    .summary = "penalty on the lower-level gap: gradient descent on F + gamma (g - v) (V-PBGD)",
    .reference = "Shen & Chen, On penalty-based bilevel gradient descent method, ICML 2023",
    .params = penalty_params,
    .nparams = P_COUNT,
    .needs = PROB_BILEVEL | PROB_GRAD,
    .extra = bl_extra_names,
    .state_size = sizeof(penalty_state),
    .init = penalty_init,
    .step = penalty_step,
    .free = penalty_free,
};
