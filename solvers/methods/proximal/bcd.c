/* bcd: block coordinate descent with proximal regularization (the block prox-linear
 * update of Tseng & Yun 2009, Xu & Yin 2013) on F = f + g with g separable:
 *   x_B+ = argmin_y <grad_B f(x), y - x_B> + g_B(y) + |y - x_B|^2 / (2 t_B)
 *        = prox_{t_B g}(x_B - t_B grad_B f(x))
 * over consecutive blocks of `block` coordinates (the last may be shorter). t_B is
 * per block: it doubles before each update of its block and halves until
 * <grad_B f(x+) - grad_B f(x), d> <= |d|^2 / t_B (an estimate of 1/L_B; the curvature
 * form of the descent lemma, the same test on a quadratic, and free of f(x+) - f(x)'s
 * cancellation near a solution). One step is one
 * sweep of as many block updates as there are blocks, cyclic or drawn uniformly with
 * replacement from the run's seeded generator. g must act coordinate by coordinate
 * (norm1, sqnorm, scad, mcp; or a box or the orthant as the set); each update costs one
 * gradient call of the whole f, since the oracle gives whole gradients. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

/* ORDER bcd_param */
enum { P_BLOCK, P_ORDER, P_STEP, P_TOL, P_COUNT };

static const char *const orders[] = {"cyclic", "random", NULL};

static const param_def params[] = {
    {"block", 1, 1, 1e7, "coordinates in one block", NULL, 1},
    {"order", 0, 0, 1, "block order: cyclic, or random (seeded, with replacement)", orders, 0},
    {"step", 1, 1e-12, 1e12, "the first step t_B of every block (then adaptive)", NULL, 0},
    {"tol", 1e-12, 0, 1, "converged when a cyclic sweep moves x by less than this", NULL, 0},
};

static const char *const extra[] = {"move", "blocks", NULL};

typedef struct bcd_state {
	int nb, bs;
	double *t, *v, *w, *xt, *gt;
} bcd_state;

static void bcd_free(void *state)
{
	bcd_state *s = state;
	free(s->t);
	s->t = NULL;
}

static int separable(const prob *p)
{
	static const char *const ok_g[] = {"norm1", "sqnorm", "scad", "mcp", NULL};
	static const char *const ok_set[] = {"box", "nonneg", NULL};
	const char *const *ok = p->g ? ok_g : ok_set;
	const char *d = p->g ? p->g->desc : p->set ? p->set->desc : NULL;
	if (!d)
		return 1;
	for (int k = 0; ok[k]; k++)
		if (strcmp(d, ok[k]) == 0)
			return 1;
	return 0;
}

static int bcd_init(void *state, meth_ctx *c)
{
	bcd_state *s = state;
	const prob *p = c->o->p;
	if (!separable(p)) {
		snprintf(
		    c->msg, sizeof c->msg,
		    "bcd needs g acting coordinate by coordinate (norm1, sqnorm, scad, mcp) or a "
		    "box or nonneg set, not %s",
		    p->g ? p->g->desc : p->set->desc);
		return METH_FAILED;
	}
	s->bs = (int)fmin(c->param[P_BLOCK], c->n);
	s->nb = (c->n + s->bs - 1) / s->bs;
	s->t = malloc(((size_t)s->nb + 4 * (size_t)c->n) * sizeof *s->t);
	if (!s->t) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->v = s->t + s->nb;
	s->w = s->v + c->n;
	s->xt = s->w + c->n;
	s->gt = s->xt + c->n;
	for (int b = 0; b < s->nb; b++)
		s->t[b] = c->param[P_STEP];
	if (!p->g && p->set) { /* start feasible */
		oracle_project(c->o, c->x, s->v);
		memcpy(c->x, s->v, (size_t)c->n * sizeof *s->v);
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

/* out[0..len) = g's prox (or the set's projection) on a block; counted as one call. */
static void block_op(meth_ctx *c, const double *v, double t, double *out, int len)
{
	const prob *p = c->o->p;
	if (p->g) {
		c->o->nprox++;
		p->g->prox(p->g->ctx, v, t, out, len);
	} else if (p->set) {
		c->o->nprox++;
		p->set->project(p->set->ctx, v, out, len);
	} else
		memcpy(out, v, (size_t)len * sizeof *out);
}

/* Updates block b of c->x (c->f and c->g current on entry and on return). Returns the
 * squared move. */
static double block_update(bcd_state *s, meth_ctx *c, int b)
{
	int lo = b * s->bs, len = (int)fmin(s->bs, c->n - lo);
	size_t sz = (size_t)c->n * sizeof(double);
	double t = fmin(2 * s->t[b], 1e12);
	memcpy(s->xt, c->x, sz);
	for (int k = 0; k < 60; k++, t *= 0.5) {
		for (int i = 0; i < len; i++)
			s->v[i] = c->x[lo + i] - t * c->g[lo + i];
		block_op(c, s->v, t, s->w, len);
		double sq = 0;
		for (int i = 0; i < len; i++) {
			double d = s->w[i] - c->x[lo + i];
			sq += d * d;
			s->xt[lo + i] = s->w[i];
		}
		if (sq == 0)
			return 0;
		/* the curvature along d, <grad(x+) - grad(x), d> <= |d|^2 / t: the same bound as
		 * f's quadratic one, without the cancellation of f(x+) - f(x) near the end */
		double ft = oracle_grad(c->o, s->xt, s->gt), curv = 0;
		for (int i = 0; i < len; i++)
			curv += (s->gt[lo + i] - c->g[lo + i]) * (s->w[i] - c->x[lo + i]);
		if (curv <= sq / t) {
			s->t[b] = t;
			memcpy(c->x, s->xt, sz);
			memcpy(c->g, s->gt, sz);
			c->f = ft;
			return sq;
		}
	}
	return 0; /* no step passed: the block stays */
}

static int bcd_step(void *state, meth_ctx *c)
{
	bcd_state *s = state;
	int cyc = (int)c->param[P_ORDER] == 0;
	double move = 0;
	for (int k = 0; k < s->nb; k++) {
		int b = cyc ? k : (int)rng_below(c->rng, s->nb);
		move += block_update(s, c, b);
		if (s->nb > 1 && s->nb <= 64 && k < s->nb - 1)
			meth_probe(c, c->x); /* the inner points of the sweep, for the picture */
	}
	move = sqrt(move);
	c->extra[0] = move;
	c->extra[1] = s->nb;
	c->step = move;
	if (cyc && move <= c->param[P_TOL]) {
		snprintf(c->msg, sizeof c->msg, "a cyclic sweep moved x by %g <= tol", move);
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_bcd = {
    .name = "bcd",
    .family = "proximal",
    .summary = "block coordinate descent, block prox-linear steps, cyclic or random blocks",
    .reference = "Tseng & Yun, A coordinate gradient descent method for nonsmooth separable "
                 "minimization, Math. Program. 117 (2009); Xu & Yin, SIAM J. Imaging Sci. 6 "
                 "(2013); Beck & Tetruashvili, SIAM J. Optim. 23 (2013)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(bcd_state),
    .init = bcd_init,
    .step = bcd_step,
    .free = bcd_free,
};
