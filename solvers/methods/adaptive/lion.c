/* lion: the sign of an interpolation of momentum and gradient, found by program
 * search. u = sign(b1 m + (1 - b1) g); x -= a (u + wd x); m = b2 m + (1 - b2) g.
 * Every coordinate moves by a (the update has the norm of a sign vector), so the
 * step must be smaller than Adam's; with weight decay it solves the problem
 * constrained to the box |x|_inf <= 1/wd. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "stoch.h"

enum { P_STEP, P_B1, P_B2, P_WD, P_COUNT };

static const param_def params[] = {
    {"step", 1e-4, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"beta1", 0.9, 0, 1, "interpolation of momentum and gradient in the sign", NULL, 0},
    {"beta2", 0.99, 0, 1, "decay of the momentum", NULL, 0},
    {"wd", 0, 0, 1e6, "decoupled weight decay", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", NULL};

typedef struct lion_state {
	stoch s;
	double *g, *m;
} lion_state;

static int lion_init(void *state, meth_ctx *c)
{
	lion_state *s = state;
	s->g = malloc((size_t)c->n * sizeof *s->g);
	s->m = calloc((size_t)c->n, sizeof *s->m);
	if (!s->g || !s->m) {
		snprintf(c->msg, sizeof c->msg, "lion: out of memory");
		return METH_FAILED;
	}
	return stoch_init(&s->s, c, P_COUNT);
}

static int lion_step(void *state, meth_ctx *c)
{
	lion_state *s = state;
	const double *p = c->param;
	double a = p[P_STEP] * stoch_rate(&s->s), b1 = p[P_B1], b2 = p[P_B2], wd = p[P_WD];
	stoch_grad(&s->s, c, c->x, s->g);
	for (int j = 0; j < c->n; j++) {
		double u = b1 * s->m[j] + (1 - b1) * s->g[j];
		double sg = u > 0 ? 1 : u < 0 ? -1 : 0;
		c->x[j] -= a * (sg + wd * c->x[j]);
		s->m[j] = b2 * s->m[j] + (1 - b2) * s->g[j];
	}
	c->step = a;
	return stoch_end(&s->s, c);
}

static void lion_free(void *state)
{
	lion_state *s = state;
	stoch_free(&s->s);
	free(s->g);
	free(s->m);
}

const meth meth_lion = {
    .name = "lion",
    .family = "adaptive",
    .summary = "the sign of interpolated momentum: every coordinate moves by the step",
    .reference = "Chen et al., Symbolic Discovery of Optimization Algorithms, NeurIPS 2023; "
                 "Chen, Liang, Liu & Liu, Lion Secretly Solves Constrained Optimization: As "
                 "Lyapunov Predicts, ICLR 2024",
    .params = params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(lion_state),
    .init = lion_init,
    .step = lion_step,
    .free = lion_free,
};
