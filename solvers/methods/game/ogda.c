/* ogda: optimistic gradient descent-ascent z+ = P(z - t (2 F(z) - F(z-))), one operator
 * call a step: the previous call stands in for extragradient's look-ahead. */
#include <string.h>

#include "game.h"
#include "meth.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t (t < 1/(2L) for monotone F)", NULL, 0},
};

static int ogda_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "ogda", 0); /* F2 = F(z0): the first step is gda's */
}

static int ogda_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	int n = c->n;
	double t = c->param[P_STEP];
	for (int i = 0; i < n; i++)
		c->x[i] -= t * (2 * s->F[i] - s->F2[i]);
	game_project(c->o->p, c->x, c->x);
	memcpy(s->F2, s->F, (size_t)n * sizeof *s->F);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
	return METH_OK;
}

const meth meth_ogda = {
    .name = "ogda",
    .family = "game",
    .summary = "optimistic gradient descent-ascent (Popov's past extragradient)",
    .reference = "Popov, A modification of the Arrow-Hurwicz method for search of saddle "
                 "points, Math. Notes 28 (1980); Daskalakis et al., Training GANs with "
                 "optimism, ICLR 2018",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = ogda_init,
    .step = ogda_step,
    .free = game_state_free,
};
