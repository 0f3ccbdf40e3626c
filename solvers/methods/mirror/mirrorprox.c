/* mirrorprox: extragradient in the entropy geometry: a look-ahead
 * w = argmin <t F(z), u> + KL(u, z), then z+ from z with F(w). */
#include "game.h"
#include "meth.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t (t <= 1/L in the l1/l-infinity geometry)", NULL, 0},
};

static int mp_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "mirrorprox", 1);
}

static int mp_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	const prob *p = c->o->p;
	double t = c->param[P_STEP];
	game_entropy_step(p, c->x, s->F, t, s->u);
	meth_probe(c, s->u);
	game_operator(c->o, s->u, s->F2);
	game_entropy_step(p, c->x, s->F2, t, c->x);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, s->u); /* the ergodic guarantee is for the look-ahead points */
	return METH_OK;
}

const meth meth_mirrorprox = {
    .name = "mirrorprox",
    .family = "mirror",
    .summary = "Mirror Prox: extragradient with the entropy on the players' simplices",
    .reference = "Nemirovski, Prox-method with rate of convergence O(1/t) for variational "
                 "inequalities, SIAM J. Optim. 15 (2004)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_MIRROR | PROB_GRAD,
    .extra = game_extra_names,
    .state_size = sizeof(game_state),
    .init = mp_init,
    .step = mp_step,
    .free = game_state_free,
};
