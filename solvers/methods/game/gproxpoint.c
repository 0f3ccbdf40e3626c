/* gproxpoint: the proximal point method for games, the implicit step
 * z+ = P(z - t F(z+)) (the resolvent of the operator). The implicit equation is solved
 * by an inner loop to a tolerance: the fixed-point iteration w <- P(z - t F(w)), a
 * contraction when t L < 1, or extragradient on the 1-strongly monotone operator
 * G(w) = w - z + t F(w), which converges for any t. Every inner F is an oracle call.
 * On the bilinear game x*y the step shrinks |z| by exactly 1/sqrt(1 + t^2). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "game.h"
#include "meth.h"

/* ORDER gpp_param */
enum { P_STEP, P_INNER, P_TOL, P_MAXINNER, P_ISTEP, P_COUNT };
enum { INNER_FIXED, INNER_EG };

static const char *const inners[] = {"fixedpoint", "extragradient", NULL};

static const param_def params[] = {
    {"step", 0.5, 1e-12, 1e6, "the proximal step t (fixedpoint needs t L < 1)", NULL, 0},
    {"inner", 0, 0, 1, "the inner solver of w = P(z - t F(w))", inners, 0},
    {"tol", 1e-10, 0, 1, "inner stop: |w+ - w| <= tol (1 + |z|)", NULL, 0},
    {"maxinner", 1000, 1, 1e6, "inner iterations at most", NULL, 1},
    {"istep", 0.2, 1e-12, 1e6, "extragradient's inner step s (s (1 + t L) < 1)", NULL, 0},
};

static const char *const extra_names[5] = {"gap", "avggap", "avgdist", "inner", NULL};

static int gpp_init(void *state, meth_ctx *c)
{
	int rc = game_state_init(state, c, "gproxpoint", 0);
	c->extra[3] = 0;
	return rc;
}

/* G(w) = w - z + t F(w) in out; F(w) is left in F2. */
static void resolvent_op(game_state *s, meth_ctx *c, const double *w, double t, double *out)
{
	game_operator(c->o, w, s->F2);
	for (int i = 0; i < c->n; i++)
		out[i] = w[i] - c->x[i] + t * s->F2[i];
}

static double norm(const double *v, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] * v[i];
	return sqrt(s);
}

/* One inner iteration from w (in u) to w+ (in u); returns |w+ - w|. v is scratch. */
static double inner_step(game_state *s, meth_ctx *c, double t)
{
	const prob *p = c->o->p;
	int n = c->n;
	double d = 0;
	if ((int)c->param[P_INNER] == INNER_FIXED) {
		game_operator(c->o, s->u, s->F2);
		for (int i = 0; i < n; i++)
			s->v[i] = c->x[i] - t * s->F2[i];
	} else {
		double a = c->param[P_ISTEP];
		resolvent_op(s, c, s->u, t, s->v);
		for (int i = 0; i < n; i++)
			s->v[i] = s->u[i] - a * s->v[i];
		game_project(p, s->v, s->v);
		resolvent_op(s, c, s->v, t, s->v); /* G at the look-ahead, in place */
		for (int i = 0; i < n; i++)
			s->v[i] = s->u[i] - a * s->v[i];
	}
	game_project(p, s->v, s->v);
	for (int i = 0; i < n; i++) {
		d += (s->v[i] - s->u[i]) * (s->v[i] - s->u[i]);
		s->u[i] = s->v[i];
	}
	return sqrt(d);
}

static int gpp_step(void *state, meth_ctx *c)
{
	game_state *s = state;
	int n = c->n;
	double t = c->param[P_STEP], tol = c->param[P_TOL] * (1 + norm(c->x, n));
	long maxin = (long)c->param[P_MAXINNER], j = 0;
	/* The explicit step is the first guess: already within O(t^2) of the answer. */
	for (int i = 0; i < n; i++)
		s->u[i] = c->x[i] - t * s->F[i];
	game_project(c->o->p, s->u, s->u);
	double d;
	do
		d = inner_step(s, c, t);
	while (++j < maxin && !(d <= tol) && isfinite(d));
	if (!(d <= tol)) {
		snprintf(c->msg, sizeof c->msg,
		         "gproxpoint: the inner loop missed tol in %ld iterations (|w+ - w| = %.3g): "
		         "lower the step or use inner = extragradient",
		         j, d);
		return METH_FAILED;
	}
	memcpy(c->x, s->u, (size_t)n * sizeof *c->x);
	c->f = game_operator(c->o, c->x, s->F);
	c->step = t;
	game_report(s, c, NULL);
	c->extra[3] = (double)j;
	return METH_OK;
}

const meth meth_gproxpoint = {
    .name = "gproxpoint",
    .family = "game",
    .summary = "proximal point for games: the implicit step z+ = z - t F(z+) by an inner loop",
    .reference = "Rockafellar, Monotone operators and the proximal point algorithm, SIAM J. "
                 "Control Optim. 14 (1976); Mokhtari, Ozdaglar & Pattathil, AISTATS 2020",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_GAME | PROB_GRAD,
    .extra = extra_names, .extra_applies = game_extra_applies,
    .state_size = sizeof(game_state),
    .init = gpp_init,
    .step = gpp_step,
    .free = game_state_free,
};
