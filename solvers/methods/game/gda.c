/* gda, ttgda: gradient descent-ascent x+ = P(x - t grad_x f), y+ = P(y + s grad_y f),
 * simultaneous (both from (x, y)) or alternating (y from (x+, y)); ttgda takes the two
 * timescales s = ratio * t. P projects onto the players' simplices where there are. */
#include <string.h>

#include "game.h"
#include "meth.h"

/* ORDER gda_param */
enum { P_STEP, P_MODE, P_RATIO, P_COUNT };
enum { MODE_SIM, MODE_ALT };

static const char *const modes[] = {"simultaneous", "alternating", NULL};

static const param_def gda_params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step of both players", NULL, 0},
    {"mode", 0, 0, 1, "simultaneous: both from (x, y); alternating: y from (x+, y)", modes, 0},
};

static const param_def ttgda_params[] = {
    {"step", 0.01, 1e-12, 1e6, "the min player's step t", NULL, 0},
    {"mode", 0, 0, 1, "simultaneous: both from (x, y); alternating: y from (x+, y)", modes, 0},
    {"ratio", 10, 1e-6, 1e6, "the max player's step is ratio * t (ratio > 1: y is faster)", NULL,
     0},
};

static int gda_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "gda", 0);
}

static int ttgda_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "ttgda", 0);
}

/* The two players' steps t and s. */
static void move(game_state *s, meth_ctx *c, double t, double ty)
{
	const prob *p = c->o->p;
	int n = c->n, nx = game_nx(p);
	for (int i = 0; i < n; i++)
		s->u[i] = c->x[i] - (i < nx ? t : ty) * s->F[i];
	if ((int)c->param[P_MODE] == MODE_ALT) {
		memcpy(s->v, c->x, (size_t)n * sizeof *s->v);
		game_project(p, s->u, s->u);
		memcpy(s->v, s->u, (size_t)nx * sizeof *s->v); /* (x+, y) */
		game_operator(c->o, s->v, s->F2);
		for (int i = nx; i < n; i++)
			s->u[i] = c->x[i] - ty * s->F2[i];
	}
	game_project(p, s->u, c->x);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
}

static int gda_step(void *state, meth_ctx *c)
{
	move(state, c, c->param[P_STEP], c->param[P_STEP]);
	return METH_OK;
}

static int ttgda_step(void *state, meth_ctx *c)
{
	move(state, c, c->param[P_STEP], c->param[P_RATIO] * c->param[P_STEP]);
	return METH_OK;
}

const meth meth_gda = {
    .name = "gda",
    .family = "game",
    .summary = "gradient descent-ascent, simultaneous or alternating (cycles on bilinear games)",
    .reference = "Arrow, Hurwicz & Uzawa, Studies in Linear and Non-linear Programming (1958); "
                 "Gidel et al., Negative momentum for improved game dynamics, AISTATS 2019",
    .params = gda_params,
    .nparams = 2,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = gda_init,
    .step = gda_step,
    .free = game_state_free,
};

const meth meth_ttgda = {
    .name = "ttgda",
    .family = "game",
    .summary = "two-timescale gradient descent-ascent: the max player steps ratio times faster",
    .reference = "Lin, Jin & Jordan, On gradient descent ascent for nonconvex-concave minimax "
                 "problems, ICML 2020",
    .params = ttgda_params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = ttgda_init,
    .step = ttgda_step,
    .free = game_state_free,
};
