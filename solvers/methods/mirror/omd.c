/* omd: optimistic online mirror descent with the entropy (optimistic multiplicative
 * weights): z+ proportional to z exp(-t (2 F(z) - F(z-))), one operator call a step;
 * its last iterate converges on matrix games with a unique equilibrium. */
#include <string.h>

#include "game.h"
#include "meth.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t", NULL, 0},
};

static int omd_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "omd", 1);
}

static int omd_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	int n = c->n;
	double t = c->param[P_STEP];
	for (int i = 0; i < n; i++)
		s->u[i] = 2 * s->F[i] - s->F2[i];
	game_entropy_step(c->o->p, c->x, s->u, t, c->x);
	memcpy(s->F2, s->F, (size_t)n * sizeof *s->F);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
	return METH_OK;
}

const meth meth_omd = {
    .name = "omd",
    .family = "mirror",
    .summary = "optimistic online mirror descent with the entropy (optimistic MWU)",
    .reference = "Rakhlin & Sridharan, Optimization, learning, and games with predictable "
                 "sequences, NeurIPS 2013; Daskalakis & Panageas, ITCS 2019",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_MIRROR | PROB_GRAD,
    .extra = game_extra_names,
    .state_size = sizeof(game_state),
    .init = omd_init,
    .step = omd_step,
    .free = game_state_free,
};
