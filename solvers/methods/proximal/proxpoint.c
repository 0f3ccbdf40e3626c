/* proxpoint: the proximal point method on F = f + g (Martinet 1970, Rockafellar 1976):
 *   x+ = prox_{t F}(x) = argmin_u f(u) + g(u) + |u - x|^2 / (2t).
 * The inner problem is (1/t)-strongly convex for convex f and g; it is solved by
 * proximal-gradient steps on the smooth part f(u) + |u - x|^2/(2t) with g's prox (the
 * set's projection when the problem has a set and no g; neither: gradient steps),
 * backtracking on the smooth part's quadratic upper bound, warm-started at x, until
 * the gradient mapping |u+ - u| / s falls below itol. Every inner call goes through
 * the run's oracle, so the counts show what one outer step costs. Columns: the inner
 * steps of the last outer step, and the outer residual |x+ - x| / t (zero exactly at
 * a minimizer of F).
 * On a game (min over x, max over y), the proximal point of the monotone operator
 * F = (grad_x f, -grad_y f) is meant instead: the game version, gproxpoint, takes the
 * steps under this entry's t, itol and imax, with an extragradient inner loop. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

/* ORDER proxpoint_param */
enum { P_T, P_GROW, P_ITOL, P_IMAX, P_TOL, P_COUNT };

static const param_def params[] = {
    {"t", 1, 1e-12, 1e12, "the proximal parameter (larger: longer outer steps)", NULL, 0},
    {"grow", 1, 1, 1e3, "t's factor after each outer step (1: fixed t)", NULL, 0},
    {"itol", 1e-10, 0, 1, "the inner gradient-mapping tolerance", NULL, 0},
    {"imax", 500, 1, 1e6, "inner proximal-gradient steps of one outer step at most", NULL, 1},
    {"tol", 1e-10, 0, 1, "converged when |x+ - x| / t is below this", NULL, 0},
};

static const char *const extra[] = {"inner", "resid", "t", NULL};

extern const meth meth_gproxpoint;

typedef struct pp_state {
	double *u, *gu, *v, *w;
	double t, s; /* the proximal parameter and the inner step (kept across steps) */
	void *game;  /* gproxpoint's state on a game, else NULL */
	double gparam[PARAM_MAX];
} pp_state;

static void pp_free(void *state)
{
	pp_state *s = state;
	if (s->game) {
		meth_gproxpoint.free(s->game);
		free(s->game);
		s->game = NULL;
	}
	free(s->u);
	s->u = NULL;
}

/* Runs one of gproxpoint's functions with its own parameters in place of ours. */
static int game_call(pp_state *s, meth_ctx *c, int (*fn)(void *, meth_ctx *))
{
	const double *ours = c->param;
	c->param = s->gparam;
	int rc = fn(s->game, c);
	c->param = ours;
	return rc;
}

static int game_init(pp_state *s, meth_ctx *c)
{
	const meth *g = &meth_gproxpoint;
	s->game = calloc(1, g->state_size);
	if (!s->game) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	param_defaults(g->params, g->nparams, s->gparam);
	s->gparam[param_find(g->params, g->nparams, "step")] = c->param[P_T];
	s->gparam[param_find(g->params, g->nparams, "tol")] = c->param[P_ITOL];
	s->gparam[param_find(g->params, g->nparams, "maxinner")] = c->param[P_IMAX];
	s->gparam[param_find(g->params, g->nparams, "inner")] =
	    param_choice(&g->params[param_find(g->params, g->nparams, "inner")], "extragradient");
	return game_call(s, c, g->init);
}

/* gproxpoint's step, reported in this entry's columns: inner steps, residual, t. */
static int game_step(pp_state *s, meth_ctx *c)
{
	memcpy(s->u, c->x, (size_t)c->n * sizeof *s->u);
	int rc = game_call(s, c, meth_gproxpoint.step);
	double inner = c->extra[3], res = 0;
	for (int i = 0; i < c->n; i++)
		res += (c->x[i] - s->u[i]) * (c->x[i] - s->u[i]);
	c->extra[0] = inner;
	c->extra[1] = sqrt(res) / s->t;
	c->extra[2] = s->t;
	c->extra[3] = 0;
	return rc;
}

/* out = prox_{s g}(v), or the projection, or v itself. */
static void nonsmooth_op(meth_ctx *c, const double *v, double s, double *out)
{
	if (c->o->p->g)
		oracle_prox(c->o, v, s, out);
	else if (c->o->p->set)
		oracle_project(c->o, v, out);
	else if (out != v)
		memcpy(out, v, (size_t)c->n * sizeof *out);
}

static int pp_init(void *state, meth_ctx *c)
{
	pp_state *s = state;
	s->u = malloc(4 * (size_t)c->n * sizeof *s->u);
	if (!s->u) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->gu = s->u + c->n;
	s->v = s->gu + c->n;
	s->w = s->v + c->n;
	s->t = c->param[P_T];
	s->s = s->t;
	if (c->o->p->caps & PROB_GAME)
		return game_init(s, c);
	if (!c->o->p->g && c->o->p->set) { /* start feasible */
		nonsmooth_op(c, c->x, 1, s->u);
		memcpy(c->x, s->u, (size_t)c->n * sizeof *s->u);
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

/* The smooth part of the inner problem at u: f(u) + |u - x|^2/(2t); its gradient to gu. */
static double inner_grad(pp_state *s, meth_ctx *c, const double *u, double *gu)
{
	double f = oracle_grad(c->o, u, gu), q = 0;
	for (int i = 0; i < c->n; i++) {
		double d = u[i] - c->x[i];
		gu[i] += d / s->t;
		q += d * d;
	}
	return f + q / (2 * s->t);
}

static double inner_value(pp_state *s, meth_ctx *c, const double *u)
{
	double q = 0;
	for (int i = 0; i < c->n; i++)
		q += (u[i] - c->x[i]) * (u[i] - c->x[i]);
	return oracle_value(c->o, u) + q / (2 * s->t);
}

static int pp_step(void *state, meth_ctx *c)
{
	pp_state *s = state;
	if (s->game)
		return game_step(s, c);
	int n = c->n, imax = (int)c->param[P_IMAX], k;
	size_t sz = (size_t)n * sizeof(double);
	memcpy(s->u, c->x, sz);
	/* the inner curvature is at least 1/t: a step beyond t is never needed */
	s->s = fmin(s->s * 2, s->t);
	double phi = inner_grad(s, c, s->u, s->gu), gm = INFINITY;
	for (k = 0; k < imax && gm > c->param[P_ITOL]; k++) {
		double pw;
		for (int tries = 0;; tries++) {
			for (int i = 0; i < n; i++)
				s->v[i] = s->u[i] - s->s * s->gu[i];
			nonsmooth_op(c, s->v, s->s, s->w);
			pw = inner_value(s, c, s->w);
			double lin = 0, sq = 0;
			for (int i = 0; i < n; i++) {
				double d = s->w[i] - s->u[i];
				lin += s->gu[i] * d;
				sq += d * d;
			}
			if (pw <= phi + lin + sq / (2 * s->s) + 1e-15 * fabs(phi))
				break;
			if (tries >= 60) {
				snprintf(c->msg, sizeof c->msg, "inner backtracking found no step");
				return METH_NO_PROGRESS;
			}
			s->s *= 0.5;
		}
		gm = 0;
		for (int i = 0; i < n; i++)
			gm += (s->w[i] - s->u[i]) * (s->w[i] - s->u[i]);
		gm = sqrt(gm) / s->s;
		memcpy(s->u, s->w, sz);
		phi = inner_grad(s, c, s->u, s->gu);
	}
	double res = 0;
	for (int i = 0; i < n; i++)
		res += (s->u[i] - c->x[i]) * (s->u[i] - c->x[i]);
	res = sqrt(res) / s->t;
	int same = memcmp(s->u, c->x, sz) == 0;
	memcpy(c->x, s->u, sz);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = s->t;
	c->extra[0] = k;
	c->extra[1] = res;
	c->extra[2] = s->t;
	s->t = fmin(s->t * c->param[P_GROW], 1e12);
	if (same || res <= c->param[P_TOL]) {
		snprintf(c->msg, sizeof c->msg, "|x+ - x| / t = %g <= tol", res);
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_proxpoint = {
    .name = "proxpoint",
    .family = "proximal",
    .summary = "proximal point on f + g, each step prox_{tF}(x) by an inner loop; on a game, "
               "the resolvent of its operator",
    .reference = "Martinet, Regularisation d'inequations variationnelles par approximations "
                 "successives, RIRO 4 (1970); Rockafellar, Monotone operators and the proximal "
                 "point algorithm, SIAM J. Control Optim. 14 (1976); Parikh & Boyd, Proximal "
                 "Algorithms (2014), sec. 4.1",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(pp_state),
    .init = pp_init,
    .step = pp_step,
    .free = pp_free,
};
