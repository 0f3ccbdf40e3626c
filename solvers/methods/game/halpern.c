/* halpern: Halpern's anchoring in an extragradient step (EAG-C): with beta = 1/(k+2),
 * z' = P(z + beta (z0 - z) - t F(z)), z+ = P(z + beta (z0 - z) - t F(z')). The pull
 * towards the start z0 gives |F(z_k)| = O(1/k) on monotone problems, where plain
 * extragradient's last iterate only has O(1/sqrt(k)). */
#include "game.h"
#include "meth.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step t (the O(1/k) bound holds for t <= 1/(8L))", NULL, 0},
};

static int halpern_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "halpern", 0);
}

static int halpern_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	const prob *p = c->o->p;
	int n = c->n;
	double t = c->param[P_STEP], beta = 1.0 / (double)(s->k + 2);
	for (int i = 0; i < n; i++)
		s->u[i] = c->x[i] + beta * (s->z0[i] - c->x[i]) - t * s->F[i];
	game_project(p, s->u, s->u);
	meth_probe(c, s->u);
	game_operator(c->o, s->u, s->F2);
	for (int i = 0; i < n; i++)
		c->x[i] += beta * (s->z0[i] - c->x[i]) - t * s->F2[i];
	game_project(p, c->x, c->x);
	s->k++;
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
	return METH_OK;
}

const meth meth_halpern = {
    .name = "halpern",
    .family = "game",
    .summary = "Halpern-anchored extragradient (EAG-C): O(1/k) operator residual",
    .reference = "Yoon & Ryu, Accelerated algorithms for smooth convex-concave minimax "
                 "problems with O(1/k^2) rate on squared gradient norm, ICML 2021; "
                 "Halpern, Fixed points of nonexpanding maps, Bull. AMS 73 (1967)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = halpern_init,
    .step = halpern_step,
    .free = game_state_free,
};
