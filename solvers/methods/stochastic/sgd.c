/* sgd, clipsgd: stochastic gradient descent on minibatches (stoch.h), with heavy-ball
 * or Nesterov momentum and a step schedule; clipsgd first scales the estimate down to
 * norm at most `clip`, which makes it robust to heavy-tailed noise (it estimates the
 * median gradient rather than the mean). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stoch.h"

enum { P_STEP, P_MOMENTUM, P_NESTEROV, P_CLIP, P_COUNT };

static const param_def sgd_params[] = {
    {"step", 0.01, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"momentum", 0, 0, 0.999999, "momentum b: v = b v + g", NULL, 0},
    {"nesterov", 0, 0, 1, "1: Nesterov's form, x -= a (g + b v); 0: x -= a v", NULL, 1},
    {"clip", 0, 0, 1e15, "largest norm of the estimate (0: no clipping)", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const param_def clip_params[] = {
    {"step", 0.01, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"momentum", 0, 0, 0.999999, "momentum b: v = b v + g", NULL, 0},
    {"nesterov", 0, 0, 1, "1: Nesterov's form, x -= a (g + b v); 0: x -= a v", NULL, 1},
    {"clip", 1, 1e-15, 1e15, "largest norm of the estimate: g min(1, clip/|g|)", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", "clipped", NULL};

typedef struct sgd_state {
	stoch s;
	double *g, *v;
	long nclipped;
} sgd_state;

static int sgd_init(void *state, meth_ctx *c)
{
	sgd_state *s = state;
	s->g = malloc((size_t)c->n * sizeof *s->g);
	s->v = calloc((size_t)c->n, sizeof *s->v);
	if (!s->g || !s->v) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	c->extra[1] = 0;
	return stoch_init(&s->s, c, P_COUNT);
}

static int sgd_step(void *state, meth_ctx *c)
{
	sgd_state *s = state;
	int n = c->n;
	double a = c->param[P_STEP] * stoch_rate(&s->s), b = c->param[P_MOMENTUM];
	double clip = c->param[P_CLIP], *g = s->g, *v = s->v, *x = c->x;
	stoch_grad(&s->s, c, x, g);
	if (clip > 0) {
		double r = 0;
		for (int j = 0; j < n; j++)
			r += g[j] * g[j];
		r = sqrt(r);
		if (r > clip) {
			for (int j = 0; j < n; j++)
				g[j] *= clip / r;
			s->nclipped++;
		}
	}
	if (b == 0) {
		for (int j = 0; j < n; j++)
			x[j] -= a * g[j];
	} else if (c->param[P_NESTEROV] != 0) {
		for (int j = 0; j < n; j++) {
			v[j] = b * v[j] + g[j];
			x[j] -= a * (g[j] + b * v[j]);
		}
	} else {
		for (int j = 0; j < n; j++) {
			v[j] = b * v[j] + g[j];
			x[j] -= a * v[j];
		}
	}
	c->step = a;
	int st = stoch_end(&s->s, c);
	c->extra[1] = (double)s->nclipped / (double)s->s.k; /* the fraction of clipped steps */
	return st;
}

static void sgd_free(void *state)
{
	sgd_state *s = state;
	stoch_free(&s->s);
	free(s->g);
	free(s->v);
}

#define SGD_REF                                                                             \
	"Robbins & Monro, A stochastic approximation method, Ann. Math. Stat. 22, 1951; "  \
	"Garrigos & Gower, Handbook of Convergence Theorems for (Stochastic) Gradient Methods, " \
	"2023"

const meth meth_sgd = {
    .name = "sgd",
    .family = "stochastic",
    .summary = "stochastic gradient descent: minibatches, momentum, step schedules",
    .reference = SGD_REF,
    .params = sgd_params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(sgd_state),
    .init = sgd_init,
    .step = sgd_step,
    .free = sgd_free,
};

const meth meth_clipsgd = {
    .name = "clipsgd",
    .family = "stochastic",
    .summary = "sgd on the estimate clipped to norm clip: robust to heavy-tailed noise",
    .reference = "Schaipp, Garrigos, Simsekli & Gower, SGD with Clipping is Secretly "
                 "Estimating the Median Gradient, 2024",
    .params = clip_params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(sgd_state),
    .init = sgd_init,
    .step = sgd_step,
    .free = sgd_free,
};
