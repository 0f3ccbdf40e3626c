/* md: mirror descent with the entropy on the simplex (multiplicative weights),
 * z+ proportional to z exp(-t F(z)); on a game both players at once (mirror
 * descent-ascent). On a bilinear game the average iterate converges while the last
 * iterate cycles outwards. */
#include <math.h>

#include "game.h"
#include "meth.h"

enum { P_STEP, P_DECAY, P_COUNT };

static const char *const decays[] = {"constant", "sqrt", NULL};

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t", NULL, 0},
    {"decay", 0, 0, 1, "constant: t; sqrt: t / sqrt(k + 1)", decays, 0},
};

static int md_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "md", 1);
}

static int md_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	double t = c->param[P_STEP];
	if ((int)c->param[P_DECAY] == 1)
		t /= sqrt((double)(s->k + 1));
	game_entropy_step(c->o->p, c->x, s->F, t, c->x);
	s->k++;
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
	return METH_OK;
}

const meth meth_md = {
    .name = "md",
    .family = "mirror",
    .summary = "mirror descent with the entropy on the simplex (multiplicative weights)",
    .reference = "Nemirovski & Yudin, Problem Complexity and Method Efficiency in "
                 "Optimization (1983); Beck & Teboulle, Oper. Res. Lett. 31 (2003)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_MIRROR | PROB_GRAD,
    .extra = game_extra_names,
    .state_size = sizeof(game_state),
    .init = md_init,
    .step = md_step,
    .free = game_state_free,
};
