/* cg: nonlinear conjugate gradient (Nocedal & Wright, ch. 5.2), Fletcher-
 * Reeves or Polak-Ribiere+, with the shared strong Wolfe line search (c2 =
 * 0.1 by default: FR needs c2 < 1/2 for descent). The direction restarts as
 * -g every `restart` steps (0: every n) and whenever it is not a descent
 * direction. The first trial step is N&W's eq. 3.60, the previous step's
 * first-order change t0 = t_prev g_prev'd_prev / g'd, capped at 10 times the
 * minimizer of the quadratic model along d with the curvature s'y / s's of
 * the previous step: 3.60 alone blows up when |g| collapses in one step, and
 * sends the search far out (onto McCormick's unbounded slope, for one). */

#define CG_CAP 10.0 /* how far beyond the model's step a first trial may go */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "linesearch.h"
#include "meth.h"

enum { P_VARIANT, P_RESTART, P_C1, P_C2, P_COUNT };
enum { CG_FR, CG_PRPLUS };

static const char *const cg_variants[] = {"fr", "pr+", NULL};

static const param_def cg_params[P_COUNT] = {
	[P_VARIANT] = {"variant", CG_PRPLUS, 0, 1,
	               "beta: fr (Fletcher-Reeves) or pr+ (Polak-Ribiere, clipped at 0)",
	               cg_variants, 1},
	[P_RESTART] = {"restart", 0, 0, 1e9, "restart as -g every this many steps; 0: every n",
	               NULL, 1},
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Wolfe sufficient-decrease constant", NULL, 0},
	[P_C2] = {"c2", 0.1, 0.01, 0.999, "strong Wolfe curvature constant", NULL, 0},
};

/* beta of the step; 1 when the direction restarted as -g */
static const char *const cg_extra[] = {"beta", "restart", NULL};

typedef struct cg_state {
	long since;     /* steps since the last restart */
	double kappa;   /* s'y / s's of the previous step, or 0 before the first */
	double change;  /* t g'd of the previous step: its first-order change */
	double *d, *xnew, *gnew;
	ls_opts lo;
} cg_state;

static void cg_free(void *state)
{
	cg_state *st = state;
	free(st->d);
	st->d = NULL;
}

static int cg_init(void *state, meth_ctx *c)
{
	cg_state *st = state;
	size_t n = (size_t)c->n;
	st->d = malloc(3 * n * sizeof *st->d);
	if (!st->d) {
		strcpy(c->msg, "out of memory");
		return METH_FAILED;
	}
	st->xnew = st->d + n;
	st->gnew = st->xnew + n;
	ls_opts_default(&st->lo);
	st->lo.c1 = c->param[P_C1];
	st->lo.c2 = c->param[P_C2];
	if (!(c->param[P_C1] < c->param[P_C2])) {
		snprintf(c->msg, sizeof c->msg, "cg: the Wolfe constants need c1 < c2");
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	for (size_t i = 0; i < n; i++)
		st->d[i] = -c->g[i];
	st->since = 0;
	st->kappa = 0.0;
	c->step = 0.0;
	c->extra[0] = c->extra[1] = 0.0;
	return METH_OK;
}

static int cg_step(void *state, meth_ctx *c)
{
	cg_state *st = state;
	int n = c->n;
	ls_out out;
	double gg = dense_dot(c->g, c->g, n);
	if (gg == 0.0)
		return METH_CONVERGED;
	double gd = dense_dot(c->g, st->d, n);
	c->extra[1] = 0.0;
	if (st->since == 0 || !(gd < 0.0)) {
		for (int i = 0; i < n; i++)
			st->d[i] = -c->g[i];
		gd = -gg;
		st->since = 0;
		c->extra[1] = 1.0;
	}
	/* Before any curvature is known, a step of unit length. */
	double dd = dense_dot(st->d, st->d, n), t0 = 1.0 / sqrt(dd);
	if (st->kappa > 0.0)
		t0 = fmin(st->change / gd, CG_CAP * -gd / (st->kappa * dd));
	if (!(t0 > 0.0) || !isfinite(t0))
		t0 = 1.0 / sqrt(gg);
	int status = ls_wolfe(c, c->x, c->f, c->g, st->d, t0, &st->lo, st->xnew, st->gnew, &out);
	if (status != LS_OK && !((status == LS_MAXEVAL || status == LS_TINY) && out.t > 0.0)) {
		if (st->since > 0) {
			st->since = 0; /* retry from -g on the next step */
			c->step = 0.0;
			return METH_OK;
		}
		snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(status));
		c->step = 0.0;
		return METH_NO_PROGRESS;
	}
	/* beta from the old and new gradients; the curvature along the step. */
	double gngn = 0.0, gng = 0.0, sy = 0.0, ss = 0.0;
	for (int i = 0; i < n; i++) {
		double si = st->xnew[i] - c->x[i];
		gngn += st->gnew[i] * st->gnew[i];
		gng += st->gnew[i] * c->g[i];
		sy += si * (st->gnew[i] - c->g[i]);
		ss += si * si;
	}
	st->change = out.t * gd;
	st->kappa = ss > 0.0 && sy > 0.0 && isfinite(sy) ? sy / ss : 0.0;
	double beta = c->param[P_VARIANT] == CG_FR ? gngn / gg : fmax(0.0, (gngn - gng) / gg);
	long every = c->param[P_RESTART] > 0 ? (long)c->param[P_RESTART] : n;
	st->since++;
	if (st->since >= every)
		st->since = 0;
	for (int i = 0; i < n; i++)
		st->d[i] = -st->gnew[i] + beta * st->d[i];
	memcpy(c->x, st->xnew, (size_t)n * sizeof *c->x);
	memcpy(c->g, st->gnew, (size_t)n * sizeof *c->g);
	c->f = out.f;
	c->step = out.t;
	c->extra[0] = beta;
	return METH_OK;
}

const meth meth_cg = {
	.name = "cg",
	.family = "conjugate-gradient",
	.summary = "nonlinear conjugate gradient: Fletcher-Reeves or Polak-Ribiere+, strong "
	           "Wolfe line search, periodic restarts",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), ch. 5.2; "
	             "Fletcher & Reeves (1964); Polak & Ribiere (1969)",
	.params = cg_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD,
	.extra = cg_extra,
	.state_size = sizeof(cg_state),
	.init = cg_init,
	.step = cg_step,
	.free = cg_free,
};
