/* randomsearch: pure random search (Brooks 1958): points drawn uniformly in the
 * problem's box, the best kept. The baseline every global method must beat; its best
 * value after k points is the minimum of k independent draws. One step draws `batch`
 * points. Needs a box. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pop.h"

enum { P_BATCH, P_COUNT };

static const param_def rs_params[P_COUNT] = {
	[P_BATCH] = {"batch", 1, 1, 1e5, "points drawn in one step", NULL, 1},
};

static const char *const rs_extra[] = {"spread", "genbest", NULL};

typedef struct rs_state {
	double *pts;
	pop_region reg;
} rs_state;

static void rs_free(void *state)
{
	rs_state *s = state;
	free(s->pts);
	s->pts = NULL;
	pop_region_free(&s->reg);
}

static int rs_init(void *state, meth_ctx *c)
{
	rs_state *s = state;
	pop_start(c);
	if (pop_region_init(&s->reg, c, 0, 1, "randomsearch") != METH_OK)
		return METH_FAILED;
	s->pts = malloc((size_t)c->param[P_BATCH] * c->n * sizeof *s->pts);
	if (!s->pts) {
		rs_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for a batch of %g", c->param[P_BATCH]);
		return METH_FAILED;
	}
	c->extra[0] = c->extra[1] = NAN;
	return METH_OK;
}

static int rs_step(void *state, meth_ctx *c)
{
	rs_state *s = state;
	int k = (int)c->param[P_BATCH];
	double best = INFINITY;
	for (int i = 0; i < k; i++) {
		double *p = s->pts + (size_t)i * c->n;
		pop_uniform(&s->reg, c->rng, p);
		best = fmin(best, pop_eval(c, p));
	}
	c->extra[0] = pop_publish(c, s->pts, k);
	c->extra[1] = best;
	return METH_OK;
}

const meth meth_randomsearch = {
	.name = "randomsearch",
	.family = "population",
	.summary = "pure random search: uniform points in the box, the best kept (needs a box)",
	.reference = "Brooks, A discussion of random methods for seeking maxima (1958); "
	             "Zabinsky, Stochastic adaptive search for global optimization (2003), ch. 2",
	.params = rs_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_PROJ, /* a box: init refuses other sets */
	.extra = rs_extra,
	.global = 1,
	.state_size = sizeof(rs_state),
	.init = rs_init,
	.step = rs_step,
	.free = rs_free,
};
