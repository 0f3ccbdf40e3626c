/* extragradient: a look-ahead z' = P(z - t F(z)), then the step from z with the
 * operator at the look-ahead, z+ = P(z - t F(z')). Converges on monotone games with
 * t < 1/L where gradient descent-ascent cycles or diverges. */
#include "game.h"
#include "meth.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t (t < 1/L for monotone F)", NULL, 0},
};

static int eg_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "extragradient", 0);
}

static int eg_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	const prob *p = c->o->p;
	int n = c->n;
	double t = c->param[P_STEP];
	for (int i = 0; i < n; i++)
		s->u[i] = c->x[i] - t * s->F[i];
	game_project(p, s->u, s->u);
	meth_probe(c, s->u); /* the extrapolated point, for the picture */
	game_operator(c->o, s->u, s->F2);
	for (int i = 0; i < n; i++)
		c->x[i] -= t * s->F2[i];
	game_project(p, c->x, c->x);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, s->u); /* the ergodic guarantee is for the look-ahead points */
	return METH_OK;
}

const meth meth_extragradient = {
    .name = "extragradient",
    .family = "game",
    .summary = "extragradient: step with the operator at a look-ahead point",
    .reference = "Korpelevich, The extragradient method for finding saddle points and other "
                 "problems, Ekonomika i Matematicheskie Metody 12 (1976)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = eg_init,
    .step = eg_step,
    .free = game_state_free,
};
