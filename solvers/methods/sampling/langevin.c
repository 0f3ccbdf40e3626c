/* langevin: Langevin samplers for exp(-U), each chain a discretized diffusion
 * dX = -grad U dt + sqrt(2) dW with step h:
 *   ula           x+ = x - h grad U(x) + sqrt(2h) xi: biased (on N(0, 1) its stationary
 *                 variance is 1 / (1 - h/2)), no rejections (Roberts & Tweedie 1996)
 *   mala          the same as a proposal, accepted by Metropolis-Hastings: exact target
 *   proxlangevin  MYULA for U = f + g with g nonsmooth: g's Moreau-Yosida envelope of
 *                 parameter lambda replaces g, x+ = x - h grad f - (h/lambda)(x -
 *                 prox_{lambda g}(x)) + sqrt(2h) xi (Durmus, Moulines & Pereyra 2018) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sampling.h"

enum { P_STEP, P_CHAINS, P_BURNIN, P_LAMBDA, P_COUNT };

#define CHAIN_PARAMS(step)                                                                 \
	{"step", step, 1e-12, 1e6, "the step h of the discretized diffusion", NULL, 0},          \
	    {"chains", 1, 1, SMP_MAX_PARTICLES, "independent chains from the start", NULL, 1},   \
	    {"burnin", 0, 0, 1e12, "steps left out of the estimates (meanerr, coverr)", NULL, 1}

static const param_def ula_params[] = {CHAIN_PARAMS(0.05)};
static const param_def prox_params[] = {
    CHAIN_PARAMS(0.02),
    {"lambda", 0.1, 1e-12, 1e6, "the Moreau-Yosida parameter of g (h <= lambda / 2 is stable)",
     NULL, 0},
};

typedef struct lv_state {
	smp s;
	long iter;
} lv_state;

static int lv_setup(void *state, meth_ctx *c, const char *who)
{
	lv_state *st = state;
	return smp_init(&st->s, c, who, (int)c->param[P_CHAINS], 0, 0);
}

static int ula_init(void *state, meth_ctx *c)
{
	if (c->o->p->g) {
		snprintf(c->msg, sizeof c->msg,
		         "ula would ignore the target's nonsmooth part: use proxlangevin or mala");
		return METH_FAILED;
	}
	return lv_setup(state, c, "ula");
}
static int mala_init(void *state, meth_ctx *c) { return lv_setup(state, c, "mala"); }
static int prox_init(void *state, meth_ctx *c) { return lv_setup(state, c, "proxlangevin"); }

/* out = x - h (grad f + (x - prox_{lambda g} x) / lambda) + sqrt(2h) xi (xi: NULL, none). */
static void drift(const meth_ctx *c, const double *x, const double *g, double h, double lambda,
                  double *out, int noise)
{
	const prob *p = c->o->p;
	int n = c->n;
	for (int i = 0; i < n; i++)
		out[i] = x[i] - h * g[i];
	if (p->g && lambda > 0) {
		double *px = out + n; /* scratch: tmp has 3 n */
		p->g->prox(p->g->ctx, x, lambda, px, n);
		for (int i = 0; i < n; i++)
			out[i] -= h / lambda * (x[i] - px[i]);
	}
	if (noise)
		for (int i = 0; i < n; i++)
			out[i] += sqrt(2 * h) * rng_normal(c->rng);
}

static int ula_like(lv_state *st, meth_ctx *c, double lambda)
{
	smp *s = &st->s;
	double h = c->param[P_STEP];
	for (int k = 0; k < s->P; k++) {
		double *x = s->X + (size_t)k * s->n;
		drift(c, x, s->G + (size_t)k * s->n, h, lambda, s->tmp, 1);
		memcpy(x, s->tmp, (size_t)s->n * sizeof *x);
		smp_eval(s, c, k);
	}
	c->step = h;
	smp_report(s, c, ++st->iter, (long)c->param[P_BURNIN]);
	return METH_OK;
}

static int ula_step(void *state, meth_ctx *c) { return ula_like(state, c, 0); }
static int prox_step(void *state, meth_ctx *c)
{
	return ula_like(state, c, c->param[P_LAMBDA]);
}

/* log q(to | from) up to a constant: -|to - from + h grad U(from)|^2 / (4h). */
static double log_q(const double *to, const double *from, const double *gfrom, double h, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++) {
		double d = to[i] - from[i] + h * gfrom[i];
		s += d * d;
	}
	return -s / (4 * h);
}

static int mala_step(void *state, meth_ctx *c)
{
	lv_state *st = state;
	smp *s = &st->s;
	int n = s->n;
	double h = c->param[P_STEP];
	double *y = s->tmp, *gy = s->tmp + n;
	for (int k = 0; k < s->P; k++) {
		double *x = s->X + (size_t)k * n, *gx = s->G + (size_t)k * n;
		drift(c, x, gx, h, 0, y, 1);
		double uy = oracle_grad(c->o, y, gy);
		double la = -uy + s->U[k] + log_q(x, y, gy, h, n) - log_q(y, x, gx, h, n);
		s->proposed++;
		if (log(rng_uniform(c->rng)) < la) { /* NaN is rejected */
			s->accepted++;
			memcpy(x, y, (size_t)n * sizeof *x);
			memcpy(gx, gy, (size_t)n * sizeof *gx);
			s->U[k] = uy;
		}
	}
	c->step = h;
	smp_report(s, c, ++st->iter, (long)c->param[P_BURNIN]);
	return METH_OK;
}

static void lv_free(void *state)
{
	lv_state *st = state;
	smp_free(&st->s);
}

const meth meth_ula = {
    .name = "ula",
    .family = "sampling",
    .summary = "unadjusted Langevin: x+ = x - h grad U + sqrt(2h) xi (biased by O(h))",
    .reference = "G. O. Roberts, R. L. Tweedie, Exponential convergence of Langevin "
                 "distributions and their discrete approximations, Bernoulli 2 (1996)",
    .params = ula_params,
    .nparams = 3,
    .needs = PROB_DENSITY | PROB_GRAD,
    .extra = smp_extra,
    .state_size = sizeof(lv_state),
    .init = ula_init,
    .step = ula_step,
    .free = lv_free,
};

const meth meth_mala = {
    .name = "mala",
    .family = "sampling",
    .summary = "Metropolis-adjusted Langevin: ula's move as a proposal, accepted by MH",
    .reference = "G. O. Roberts, R. L. Tweedie, Bernoulli 2 (1996); Besag (1994)",
    .params = ula_params,
    .nparams = 3,
    .needs = PROB_DENSITY | PROB_GRAD,
    .extra = smp_extra,
    .state_size = sizeof(lv_state),
    .init = mala_init,
    .step = mala_step,
    .free = lv_free,
};

const meth meth_proxlangevin = {
    .name = "proxlangevin",
    .family = "sampling",
    .summary = "MYULA: Langevin on f + the Moreau-Yosida envelope of a nonsmooth g (its prox)",
    .reference = "A. Durmus, E. Moulines, M. Pereyra, Efficient Bayesian computation by "
                 "proximal MCMC, SIAM J. Imaging Sci. 11 (2018)",
    .params = prox_params,
    .nparams = 4,
    .needs = PROB_DENSITY | PROB_GRAD,
    .extra = smp_extra,
    .state_size = sizeof(lv_state),
    .init = prox_init,
    .step = prox_step,
    .free = lv_free,
};
