/* svrg, saga: variance-reduced stochastic gradients. Both correct a component's
 * gradient by a stored one so that the estimate's variance vanishes at x*, which
 * gives linear convergence with a constant step on strongly convex sums.
 *   svrg: v = grad_i(x) - grad_i(xs) + grad f(xs), a snapshot xs every `inner` steps
 *   saga: v = grad_i(x) - G_i + mean(G), then G_i = grad_i(x); G is an m x n table */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stoch.h"

#define SAGA_MAX_TABLE 5e7 /* doubles in saga's table (400 MB) */

enum { P_STEP, P_INNER, P_COUNT };

static const param_def svrg_params[] = {
    {"step", 0.05, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"inner", 0, 0, 1e12, "steps between snapshots (0: 2m / batch)", NULL, 1},
    STOCH_PARAM_DEFS,
};

static const param_def saga_params[] = {
    {"step", 0.05, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", NULL};

typedef struct vr_state {
	stoch s;
	double *v, *g1, *g2;
	double *xs, *mu; /* svrg: the snapshot and its full gradient */
	double *tab;     /* saga: the m x n table */
	long left;       /* svrg: steps before the next snapshot */
	long *idx;       /* saga: a minibatch's components */
	double *gb;      /* saga: their gradients, batch x n */
} vr_state;

static int vr_alloc(vr_state *s, meth_ctx *c, int base)
{
	size_t n = (size_t)c->n;
	s->v = malloc(n * sizeof *s->v);
	s->g1 = malloc(n * sizeof *s->g1);
	s->g2 = malloc(n * sizeof *s->g2);
	if (!s->v || !s->g1 || !s->g2) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	return stoch_init(&s->s, c, base);
}

static int svrg_init(void *state, meth_ctx *c)
{
	vr_state *s = state;
	s->xs = malloc((size_t)c->n * sizeof *s->xs);
	s->mu = malloc((size_t)c->n * sizeof *s->mu);
	if (!s->xs || !s->mu) {
		snprintf(c->msg, sizeof c->msg, "svrg: out of memory");
		return METH_FAILED;
	}
	return vr_alloc(s, c, P_COUNT);
}

static int svrg_step(void *state, meth_ctx *c)
{
	vr_state *s = state;
	int n = c->n, b = s->s.batch;
	if (s->left <= 0) {
		memcpy(s->xs, c->x, (size_t)n * sizeof *c->x);
		stoch_full_grad(&s->s, c, s->xs, s->mu);
		long inner = (long)c->param[P_INNER];
		s->left = inner > 0 ? inner : (2 * s->s.m + b - 1) / b;
	}
	memcpy(s->v, s->mu, (size_t)n * sizeof *s->v);
	for (int t = 0; t < b; t++) {
		long i = stoch_draw(&s->s, c);
		stoch_comp_grad(&s->s, c, i, c->x, s->g1);
		stoch_comp_grad(&s->s, c, i, s->xs, s->g2);
		stoch_add_noise(&s->s, c, s->g1);
		for (int j = 0; j < n; j++)
			s->v[j] += (s->g1[j] - s->g2[j]) / b;
	}
	double a = c->param[P_STEP] * stoch_rate(&s->s);
	for (int j = 0; j < n; j++)
		c->x[j] -= a * s->v[j];
	s->left--;
	c->step = a;
	return stoch_end(&s->s, c);
}

static int saga_init(void *state, meth_ctx *c)
{
	vr_state *s = state;
	const prob *p = c->o->p;
	long m = (p->caps & PROB_SUM) ? p->sum->m : 1;
	if ((double)m * c->n > SAGA_MAX_TABLE) {
		snprintf(c->msg, sizeof c->msg, "saga: a table of m n = %g gradients exceeds %g",
		         (double)m * c->n, SAGA_MAX_TABLE);
		return METH_FAILED;
	}
	s->tab = malloc((size_t)m * (size_t)c->n * sizeof *s->tab);
	s->mu = calloc((size_t)c->n, sizeof *s->mu);
	if (!s->tab || !s->mu) {
		snprintf(c->msg, sizeof c->msg, "saga: out of memory");
		return METH_FAILED;
	}
	int st = vr_alloc(s, c, 1);
	if (st != METH_OK)
		return st;
	s->idx = malloc((size_t)s->s.batch * sizeof *s->idx);
	s->gb = malloc((size_t)s->s.batch * (size_t)c->n * sizeof *s->gb);
	if (!s->idx || !s->gb) {
		snprintf(c->msg, sizeof c->msg, "saga: out of memory");
		return METH_FAILED;
	}
	for (long i = 0; i < m; i++) { /* the table at the start: one epoch */
		double *gi = s->tab + (size_t)i * (size_t)c->n;
		stoch_comp_grad(&s->s, c, i, c->x, gi);
		for (int j = 0; j < c->n; j++)
			s->mu[j] += gi[j] / (double)m;
	}
	return METH_OK;
}

static int saga_step(void *state, meth_ctx *c)
{
	vr_state *s = state;
	int n = c->n, b = s->s.batch;
	double m = (double)s->s.m;
	memcpy(s->v, s->mu, (size_t)n * sizeof *s->v);
	for (int t = 0; t < b; t++) { /* the estimate from the old table */
		long i = s->idx[t] = stoch_draw(&s->s, c);
		const double *gi = s->tab + (size_t)i * (size_t)n;
		double *gt = s->gb + (size_t)t * (size_t)n;
		stoch_comp_grad(&s->s, c, i, c->x, gt);
		memcpy(s->g1, gt, (size_t)n * sizeof *gt);
		stoch_add_noise(&s->s, c, s->g1); /* the estimate is noisy, the table is not */
		for (int j = 0; j < n; j++)
			s->v[j] += (s->g1[j] - gi[j]) / b;
	}
	for (int t = 0; t < b; t++) { /* then the table and its mean */
		double *gi = s->tab + (size_t)s->idx[t] * (size_t)n;
		const double *gt = s->gb + (size_t)t * (size_t)n;
		for (int j = 0; j < n; j++) {
			s->mu[j] += (gt[j] - gi[j]) / m;
			gi[j] = gt[j];
		}
	}
	double a = c->param[P_STEP] * stoch_rate(&s->s);
	for (int j = 0; j < n; j++)
		c->x[j] -= a * s->v[j];
	c->step = a;
	return stoch_end(&s->s, c);
}

static void vr_free(void *state)
{
	vr_state *s = state;
	stoch_free(&s->s);
	free(s->v);
	free(s->g1);
	free(s->g2);
	free(s->xs);
	free(s->mu);
	free(s->tab);
	free(s->idx);
	free(s->gb);
}

const meth meth_svrg = {
    .name = "svrg",
    .family = "stochastic",
    .summary = "stochastic variance-reduced gradient: a full gradient at snapshots",
    .reference = "Johnson & Zhang, Accelerating Stochastic Gradient Descent using Predictive "
                 "Variance Reduction, NeurIPS 2013",
    .params = svrg_params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(vr_state),
    .init = svrg_init,
    .step = svrg_step,
    .free = vr_free,
};

const meth meth_saga = {
    .name = "saga",
    .family = "stochastic",
    .summary = "SAGA: a table of the last gradient of every component",
    .reference = "Defazio, Bach & Lacoste-Julien, SAGA: A Fast Incremental Gradient Method "
                 "With Support for Non-Strongly Convex Composite Objectives, NeurIPS 2014",
    .params = saga_params,
    .nparams = 1 + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(vr_state),
    .init = saga_init,
    .step = saga_step,
    .free = vr_free,
};
