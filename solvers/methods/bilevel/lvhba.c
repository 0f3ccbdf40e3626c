/* lvhba: the Hessian-free single-loop method on the proximal Lagrangian value function.
 * Without lower-level constraints the value function is the Moreau envelope
 * v(x, y) = min_t g(x, t) + |t - y|^2 / (2 gamma), with grad_x v = grad_x g(x, theta*) and
 * grad_y v = (y - theta*) / gamma. Each step takes one gradient step of theta towards
 * theta*, then moves z along d = grad F / c_k + grad g(x, y) - grad v(x, y; theta), the
 * penalized problem's gradient scaled by 1 / c_k, with c_k = c (k + 1)^p growing so that
 * the iterates reach the bilevel solution, not a penalized one (Yao et al.).
 * With lower-level constraints G(x, y) <= 0 the value function is the proximal Lagrangian's
 * v(x, y, z) = min_t max_{lam >= 0} g(x, t) + lam'G(x, t) + |t - y|^2/(2 gamma)
 *              - |lam - z|^2/(2 gamma)
 * (one gamma for both proximal terms): theta takes a projected-free gradient step down,
 * lam a projected gradient step up (step eta both), grad_x v gains lam' grad_x G(x, theta),
 * grad_z v = (lam - z)/gamma, and (x, y) is projected back onto {G <= 0} after each step,
 * z onto z >= 0 (Algorithm 1 of the paper). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl.h"

/* ORDER lvhba_param */
enum { P_STEP, P_ETA, P_GAMMA, P_C, P_P, P_COUNT };

static const param_def lvhba_params[] = {
    {"step", 0, 0, 1e6, "alpha, the step on z (0: 1/(L_F / c_k + 2 L_g + 1/gamma), L at the start)",
     NULL, 0},
    {"eta", 0, 0, 1e6, "the step on theta (0: 1/(L_g + 1/gamma))", NULL, 0},
    {"gamma", 10, 1e-6, 1e6, "the Moreau envelope's parameter", NULL, 0},
    {"c", 1, 1e-9, 1e9, "c_k = c (k + 1)^p, the penalty's growth", NULL, 0},
    {"p", 0.49, 0, 0.5, "the growth exponent p in (0, 1/2): near 1/2, the fastest allowed", NULL,
     0},
};

typedef struct lvhba_state {
	bl_state bl; /* first: bl_free frees it */
	double *theta; /* ny */
	double *lam, *zm; /* mc: the multipliers and their proximal centre z */
	long k;
	double lf, lg; /* |H_F|, |H_g| over z at the start (power iteration) */
} lvhba_state;

static int lvhba_init(void *state, meth_ctx *c)
{
	lvhba_state *s = state;
	int st = bl_init(&s->bl, c, 0, 1);
	if (st != METH_OK)
		return st;
	int mc = s->bl.b->mc;
	s->lam = calloc((size_t)mc + 1, sizeof *s->lam);
	s->zm = calloc((size_t)mc + 1, sizeof *s->zm);
	if (!(s->theta = malloc((size_t)s->bl.ny * sizeof *s->theta)) || !s->lam || !s->zm) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	memcpy(s->theta, c->x + s->bl.nx, (size_t)s->bl.ny * sizeof *s->theta);
	s->lf = bl_smooth_full(&s->bl, c, 1, 0);
	s->lg = bl_smooth_full(&s->bl, c, 0, 1);
	return METH_OK;
}

static void lvhba_free(void *state)
{
	lvhba_state *s = state;
	free(s->theta);
	free(s->lam);
	free(s->zm);
	bl_free(&s->bl);
}

static int lvhba_step(void *state, meth_ctx *c)
{
	lvhba_state *s = state;
	bl_state *b = &s->bl;
	int nx = b->nx, ny = b->ny, n = c->n, mc = b->b->mc;
	double gamma = c->param[P_GAMMA], ck = c->param[P_C] * pow((double)(s->k + 1), c->param[P_P]);
	b->inner = 1;
	double eta = c->param[P_ETA] > 0 ? c->param[P_ETA] : 1 / (s->lg + 1 / gamma);
	double a = c->param[P_STEP] > 0 ? c->param[P_STEP] : 1 / (s->lf / ck + 2 * s->lg + 1 / gamma);
	/* theta += -eta (grad_y g(x, theta) + (theta - y) / gamma) */
	memcpy(b->zh, c->x, (size_t)nx * sizeof *b->zh);
	memcpy(b->zh + nx, s->theta, (size_t)ny * sizeof *b->zh);
	bl_lower_grad(c->o, b->b, b->zh, b->gg);
	for (int k = 0; k < mc; k++) { /* + lam' grad_y G(x, theta) */
		bl_con_grad(c->o, b->b, k, b->zh, b->v);
		for (int i = 0; i < ny; i++)
			b->gg[nx + i] += s->lam[k] * b->v[nx + i];
	}
	for (int i = 0; i < ny; i++) {
		s->theta[i] -= eta * (b->gg[nx + i] + (s->theta[i] - c->x[nx + i]) / gamma);
		b->zh[nx + i] = s->theta[i];
	}
	bl_lower_grad(c->o, b->b, b->zh, b->u); /* grad_x g(x, theta) */
	for (int k = 0; k < mc; k++) { /* lam += eta (G(x, theta) - (lam - z)/gamma), >= 0 */
		double gk = bl_con_grad(c->o, b->b, k, b->zh, b->v);
		s->lam[k] = fmax(0, s->lam[k] + eta * (gk - (s->lam[k] - s->zm[k]) / gamma));
		for (int i = 0; i < nx; i++)
			b->u[i] += s->lam[k] * b->v[i];
	}
	bl_lower_grad(c->o, b->b, c->x, b->gg);  /* grad g(x, y) */
	double h2 = 0;
	for (int i = 0; i < n; i++) {
		double dv = i < nx ? b->u[i] : (c->x[i] - s->theta[i - nx]) / gamma;
		double d = c->g[i] / ck + b->gg[i] - dv;
		if (i < nx)
			h2 += d * d;
		c->x[i] -= a * d;
	}
	for (int k = 0; k < mc; k++) /* d_z = (z - lam)/gamma, z >= 0 */
		s->zm[k] = fmax(0, s->zm[k] - a * (s->zm[k] - s->lam[k]) / gamma);
	bilevel_project(b->b, c->x, 0);
	b->hg = ck * sqrt(h2); /* in F's scale: the penalized gradient times c_k */
	c->step = a;
	s->k++;
	bl_report(b, c);
	return METH_OK;
}

const meth meth_lvhba = {
    .name = "lvhba",
    .family = "bilevel",
    .summary = "Hessian-free single loop on the (proximal Lagrangian) value function, a growing "
               "penalty c_k",
    .reference = "Yao, Xu, Li, Zeng & Zhang, Constrained bi-level optimization: proximal "
                 "Lagrangian value function approach and Hessian-free algorithm, ICLR 2024 "
                 "(LV-HBA)",
    .params = lvhba_params,
    .nparams = P_COUNT,
    .needs = PROB_BILEVEL | PROB_GRAD,
    .extra = bl_extra_names,
    .state_size = sizeof(lvhba_state),
    .init = lvhba_init,
    .step = lvhba_step,
    .free = lvhba_free,
};
