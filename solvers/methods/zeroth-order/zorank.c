/* zorank: descent from a ranking oracle (ZO-RankSGD, Tang, Rybin & Chang 2024): the
 * oracle sees m points x + mu u_i (u_i ~ N(0, I)) and says only their order. The
 * estimate sums u_worse - u_better over the m (m - 1) / 2 ordered pairs,
 *   g = sum_i (2 r_i - (m - 1)) u_i / (m (m - 1) / 2),   r_i the rank (0: best),
 * whose mean points along grad f, and x+ = x - step_k g with step_k = step or
 * step / sqrt(k + 1). Only ranks are used: the iterates on f and on any increasing
 * function of f are the same. f at the iterate is for the trace only (not counted,
 * never seen by the method). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"
#include "pop.h"

enum { P_STEP, P_MU, P_POINTS, P_DECAY, P_COUNT };

static const char *const zr_decays[] = {"invsqrt", "constant", NULL};

static const param_def zr_params[P_COUNT] = {
	[P_STEP] = {"step", 0.1, 1e-15, 1e15, "the step along the estimate", NULL, 0},
	[P_MU] = {"mu", 0.01, 1e-15, 1e6, "radius of the perturbations ranked", NULL, 0},
	[P_POINTS] = {"points", 5, 2, 1000, "points ranked by one query (m)", NULL, 1},
	[P_DECAY] = {"decay", 0, 0, 1, "invsqrt: step / sqrt(k + 1); constant", zr_decays, 0},
};

static const char *const zr_extra[] = {"ghat", NULL};

typedef struct zr_state {
	double *u, *fu, *g, *y;
	int *idx;
	long k;
} zr_state;

static void zr_free(void *state)
{
	zr_state *s = state;
	free(s->u);
	free(s->idx);
	s->u = NULL;
	s->idx = NULL;
}

/* f for the trace: not a query of the ranking oracle, not counted. */
static double zr_trace_f(meth_ctx *c)
{
	const prob *p = c->o->p;
	return p->ops->value(p->ctx, c->x);
}

static int zr_init(void *state, meth_ctx *c)
{
	zr_state *s = state;
	int n = c->n, m = (int)c->param[P_POINTS];
	s->u = malloc(((size_t)m * n + m + 2 * (size_t)n) * sizeof *s->u);
	s->idx = malloc((size_t)m * sizeof *s->idx);
	if (!s->u || !s->idx) {
		zr_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->fu = s->u + (size_t)m * n;
	s->g = s->fu + m;
	s->y = s->g + n;
	c->g_valid = 0;
	c->f = zr_trace_f(c);
	c->extra[0] = NAN;
	return METH_OK;
}

static int zr_step(void *state, meth_ctx *c)
{
	zr_state *s = state;
	int n = c->n, m = (int)c->param[P_POINTS];
	double mu = c->param[P_MU];
	for (int i = 0; i < m; i++) {
		double *ui = s->u + (size_t)i * n;
		for (int j = 0; j < n; j++) {
			ui[j] = rng_normal(c->rng);
			s->y[j] = c->x[j] + mu * ui[j];
		}
		s->fu[i] = oracle_value(c->o, s->y); /* the oracle ranks these values */
		meth_probe(c, s->y);
	}
	pop_rank(s->fu, m, s->idx);
	memset(s->g, 0, (size_t)n * sizeof *s->g);
	double pairs = m * (m - 1) / 2.0, gn = 0;
	for (int r = 0; r < m; r++) {
		const double *ui = s->u + (size_t)s->idx[r] * n;
		double w = (2.0 * r - (m - 1)) / pairs;
		for (int j = 0; j < n; j++)
			s->g[j] += w * ui[j];
	}
	double t = c->param[P_DECAY] == 0 ? c->param[P_STEP] / sqrt(s->k + 1.0) : c->param[P_STEP];
	for (int j = 0; j < n; j++) {
		c->x[j] -= t * s->g[j];
		gn += s->g[j] * s->g[j];
	}
	s->k++;
	c->f = zr_trace_f(c);
	c->extra[0] = sqrt(gn);
	c->step = t * sqrt(gn);
	return METH_OK;
}

const meth meth_zorank = {
	.name = "zorank",
	.family = "zeroth-order",
	.summary = "descent from a ranking oracle: only the order of m perturbed points is "
	           "seen (ZO-RankSGD)",
	.reference = "Tang, Rybin & Chang, Zeroth-order optimization meets human feedback: "
	             "provable learning via ranking oracles, ICLR 2024",
	.params = zr_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = zr_extra,
	.state_size = sizeof(zr_state),
	.init = zr_init,
	.step = zr_step,
	.free = zr_free,
};
