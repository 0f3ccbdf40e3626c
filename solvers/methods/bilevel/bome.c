/* bome: Bilevel Optimization Made Easy. With q(x, y) = g(x, y) - g(x, y-hat), y-hat from T
 * gradient steps on g(x, .) from y, each step moves z along -(grad F + lambda grad q), the
 * dynamic barrier's multiplier lambda = max((phi - grad F . grad q) / |grad q|^2, 0) with
 * phi = eta |grad q|^2: the least change of -grad F that still decreases q at that rate.
 * Where grad q falls to rounding's level (z on the lower level's solutions), its direction
 * is noise: the step takes the limit of lambda grad q along the last reliable normal n,
 * -(grad F . n) n, instead (BOME's direction as grad q -> 0 along n). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl.h"

/* ORDER bome_param */
enum { P_STEP, P_ETA, P_INNER, P_BETA, P_COUNT };

static const param_def bome_params[] = {
    {"step", 0.05, 1e-12, 1e6, "the step xi on z = (x, y)", NULL, 0},
    {"eta", 0.5, 0, 1e6, "phi = eta |grad q|^2: how fast q must decrease", NULL, 0},
    {"inner", 10, 1, 100000, "T: gradient steps on g(x, .) for y-hat per step", NULL, 1},
    {"beta", 0, 0, 1e6, "the inner step (0: 1/L, L = |H_yy| by power iteration)", NULL, 0},
};

#define BOME_NOISE 1e-13 /* |grad q| below this times its terms' size: rounding's level */

typedef struct bome_state {
	bl_state bl;  /* first: bl_free frees it */
	double *nq;   /* n: the last reliable unit normal grad q / |grad q| */
	int have;     /* nq is set */
} bome_state;

static int bome_init(void *state, meth_ctx *c)
{
	bome_state *s = state;
	int st = bl_init(&s->bl, c, 0, 0);
	if (st == METH_OK && !(s->nq = malloc((size_t)c->n * sizeof *s->nq))) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	return st;
}

static void bome_free(void *state)
{
	bome_state *s = state;
	free(s->nq);
	bl_free(&s->bl);
}

static int bome_step(void *state, meth_ctx *c)
{
	bome_state *bs = state;
	bl_state *s = &bs->bl;
	int nx = s->nx, n = c->n;
	s->inner = 0;
	double beta = bl_beta(s, c->o, c->x, c->param[P_BETA]);
	bl_inner(s, c->o, c->x, c->x + nx, (int)c->param[P_INNER], beta);
	bl_lower_grad(c->o, s->b, s->zh, s->u); /* grad_x g(x, y-hat) */
	bl_lower_grad(c->o, s->b, c->x, s->gg);
	double qq = 0, fq = 0, size = 0;
	for (int i = 0; i < n; i++) {
		s->v[i] = s->gg[i] - (i < nx ? s->u[i] : 0); /* grad q */
		qq += s->v[i] * s->v[i];
		fq += c->g[i] * s->v[i];
		size += s->gg[i] * s->gg[i] + (i < nx ? s->u[i] * s->u[i] : 0);
	}
	double lam = qq > 0 ? fmax((c->param[P_ETA] * qq - fq) / qq, 0) : 0;
	if (sqrt(qq) > BOME_NOISE * sqrt(size)) { /* a reliable normal: keep it */
		for (int i = 0; i < n; i++)
			bs->nq[i] = s->v[i] / sqrt(qq);
		bs->have = 1;
	} else if (bs->have) { /* rounding's level: the limit along the last normal */
		double fn = 0;
		for (int i = 0; i < n; i++)
			fn += c->g[i] * bs->nq[i];
		lam = fn < 0 ? 1 : 0; /* lambda grad q -> max(-grad F . n, 0) n */
		for (int i = 0; i < n; i++)
			s->v[i] = -fn * bs->nq[i];
	}
	double a = c->param[P_STEP], h2 = 0;
	for (int i = 0; i < n; i++) {
		double d = c->g[i] + lam * s->v[i];
		if (i < nx)
			h2 += d * d;
		c->x[i] -= a * d;
	}
	s->hg = sqrt(h2);
	c->step = a;
	bl_report(s, c);
	return METH_OK;
}

const meth meth_bome = {
    .name = "bome",
    .family = "bilevel",
    .summary = "first-order value-function method: descent on F under a dynamic barrier on "
               "q = g - g(x, y-hat)",
    .reference = "Liu, Ye, Wright, Stone & Liu, BOME! Bilevel optimization made easy: a simple "
                 "first-order approach, NeurIPS 2022",
    .params = bome_params,
    .nparams = P_COUNT,
    .needs = PROB_BILEVEL | PROB_GRAD,
    .extra = bl_extra_names,
    .state_size = sizeof(bome_state),
    .init = bome_init,
    .step = bome_step,
    .free = bome_free,
};
