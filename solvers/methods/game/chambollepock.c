/* chambollepock: the primal-dual hybrid gradient for min_x max_y <Kx, y> + g(x) - h*(y),
 * with g and h* the indicators of the players' sets (prox = projection; none on an
 * unconstrained game): x+ = P(x - tau grad_x f(x, y)), xbar = x+ + theta (x+ - x),
 * y+ = P(y + sigma grad_y f(xbar, y)). With a bilinear coupling grad_x f = K'y and
 * grad_y f = Kx, so this is Chambolle-Pock exactly (converges for tau sigma |K|^2 < 1);
 * on a smooth convex-concave f it is the linearized variant. */
#include "game.h"
#include "meth.h"

/* ORDER cp_param */
enum { P_TAU, P_SIGMA, P_THETA, P_COUNT };

static const param_def params[] = {
    {"tau", 0.5, 1e-12, 1e6, "the primal step (tau sigma |K|^2 < 1)", NULL, 0},
    {"sigma", 0.5, 1e-12, 1e6, "the dual step", NULL, 0},
    {"theta", 1, 0, 1, "the extrapolation xbar = x+ + theta (x+ - x)", NULL, 0},
};

static int cp_init(void *state, meth_ctx *c)
{
	return game_state_init(state, c, "chambollepock", 0);
}

static int cp_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	const prob *p = c->o->p;
	int n = c->n, nx = game_nx(p);
	double tau = c->param[P_TAU], sigma = c->param[P_SIGMA], theta = c->param[P_THETA];
	/* u = (x+, y): the primal step with F(x, y), kept current in s->F */
	for (int i = 0; i < n; i++)
		s->u[i] = i < nx ? c->x[i] - tau * s->F[i] : c->x[i];
	game_project(p, s->u, s->u);
	/* v = (xbar, y); x+ stays in u for the step */
	for (int i = 0; i < n; i++)
		s->v[i] = i < nx ? s->u[i] + theta * (s->u[i] - c->x[i]) : c->x[i];
	meth_probe(c, s->v);
	game_operator(c->o, s->v, s->F2); /* F's y block is -grad_y f at (xbar, y) */
	for (int i = nx; i < n; i++)
		s->u[i] = c->x[i] - sigma * s->F2[i];
	game_project(p, s->u, c->x);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = tau;
	game_report(s, c, NULL);
	return METH_OK;
}

const meth meth_chambollepock = {
    .name = "chambollepock",
    .family = "game",
    .summary = "Chambolle-Pock primal-dual hybrid gradient for bilinearly coupled games",
    .reference = "Chambolle & Pock, A first-order primal-dual algorithm for convex problems "
                 "with applications to imaging, J. Math. Imaging Vis. 40 (2011)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = game_extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = cp_init,
    .step = cp_step,
    .free = game_state_free,
};
