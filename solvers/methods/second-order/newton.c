/* newton: Newton's method with a dense Hessian, solved by Cholesky. An
 * indefinite Hessian is fixed by adding tau I until Cholesky succeeds
 * (Nocedal & Wright, alg. 3.3), so that the step is a descent direction.
 * damped = 1 backtracks from the full step (Armijo; near x*, where f cannot resolve
 * the decrease, a full step that halves |g|); damped = 0 always takes the full step,
 * which solves a strictly convex quadratic in one step. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "linesearch.h"
#include "meth.h"

#define NEWTON_MAX_N 2000 /* two n x n matrices: 64 MB at the limit */

enum { P_DAMPED, P_C1, P_COUNT };

static const param_def newton_params[P_COUNT] = {
	[P_DAMPED] = {"damped", 1, 0, 1,
	              "1: Armijo backtracking from the full step; 0: always the full step",
	              NULL, 1},
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Armijo sufficient-decrease constant", NULL, 0},
};

static const char *const newton_extra[] = {"shift", NULL};

typedef struct newton_state {
	double *h, *l;       /* Hessian and the Cholesky factor of its shifted copy */
	double *d, *xt, *gt; /* direction, trial point and its gradient */
} newton_state;

static void newton_free(void *state)
{
	newton_state *s = state;
	free(s->h);
	free(s->d);
	s->h = s->d = NULL;
}

static int newton_init(void *state, meth_ctx *c)
{
	newton_state *s = state;
	size_t n = (size_t)c->n;
	if (c->n > NEWTON_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "newton keeps a dense Hessian, limited to n <= %d (this problem has "
		         "n = %d): use lbfgs or cg",
		         NEWTON_MAX_N, c->n);
		return METH_FAILED;
	}
	s->h = malloc(2 * n * n * sizeof *s->h);
	s->d = malloc(3 * n * sizeof *s->d);
	if (!s->h || !s->d) {
		newton_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for the %dx%d Hessian", c->n, c->n);
		return METH_FAILED;
	}
	s->l = s->h + n * n;
	s->xt = s->d + n;
	s->gt = s->d + 2 * n;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->step = 0.0;
	c->extra[0] = NAN;
	return METH_OK;
}

/* The Newton decrease -g'd (d = -H^{-1} g, H made positive definite) is below the
 * rounding of f: x is stationary as far as f can tell, the scale-free test. */
static int at_rounding(const newton_state *s, const meth_ctx *c)
{
	double dg = 0.0;
	for (int i = 0; i < c->n; i++)
		dg += c->g[i] * s->d[i];
	return -dg <= 1e4 * DBL_EPSILON * (1.0 + fabs(c->f));
}

/* Near x* the decrease the model predicts, -g'd/2, falls below the rounding of f and
 * Armijo cannot tell a good step from a bad one: there the full step is kept when it
 * halves |g| (convergence is quadratic). 1 when it was taken. */
static int full_step_near_solution(newton_state *s, meth_ctx *c, double gnorm)
{
	int n = c->n;
	double gt = 0.0;
	if (!at_rounding(s, c))
		return 0;
	for (int i = 0; i < n; i++)
		s->xt[i] = c->x[i] + s->d[i];
	meth_probe(c, s->xt);
	double ft = oracle_grad(c->o, s->xt, s->gt);
	for (int i = 0; i < n; i++)
		gt += s->gt[i] * s->gt[i];
	if (!(sqrt(gt) <= 0.5 * gnorm) || !isfinite(ft))
		return 0;
	memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
	memcpy(c->g, s->gt, (size_t)n * sizeof *c->g);
	c->f = ft;
	c->step = 1.0;
	return 1;
}

static int newton_step(void *state, meth_ctx *c)
{
	newton_state *s = state;
	int n = c->n;
	double gg = 0.0;
	for (int i = 0; i < n; i++)
		gg += c->g[i] * c->g[i];
	if (gg == 0.0)
		return METH_CONVERGED; /* a stationary point: the direction would be zero */

	oracle_hess(c->o, c->x, s->h);
	double tau = dense_cholesky_shifted(s->h, n, s->l);
	if (tau < 0.0) {
		snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
		return METH_FAILED;
	}
	c->extra[0] = tau;
	for (int i = 0; i < n; i++)
		s->d[i] = -c->g[i];
	dense_cholesky_solve(s->l, n, s->d);

	if (c->param[P_DAMPED] == 0.0) {
		for (int i = 0; i < n; i++)
			c->x[i] += s->d[i];
		c->f = oracle_grad(c->o, c->x, c->g);
		c->step = 1.0;
		return METH_OK;
	}

	if (full_step_near_solution(s, c, sqrt(gg)))
		return METH_OK;
	ls_opts lo;
	ls_out out;
	ls_opts_default(&lo);
	lo.c1 = c->param[P_C1];
	int st = ls_armijo(c, c->x, c->f, c->g, s->d, 1.0, &lo, s->xt, &out);
	if (st != LS_OK && !((st == LS_MAXEVAL || st == LS_TINY) && out.t > 0.0)) {
		if (at_rounding(s, c)) {
			snprintf(c->msg, sizeof c->msg,
			         "stationary to rounding: the Newton decrease is below f's rounding");
			c->step = 0.0;
			return METH_CONVERGED;
		}
		snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(st));
		c->step = 0.0;
		return METH_NO_PROGRESS;
	}
	memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = out.t;
	return METH_OK;
}

const meth meth_newton = {
	.name = "newton",
	.family = "second-order",
	.summary = "Newton's method: dense Hessian, Cholesky with a shift for indefinite "
	           "Hessians, optional Armijo damping",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), sec. 3.3-3.4",
	.params = newton_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = newton_extra,
	.state_size = sizeof(newton_state),
	.init = newton_init,
	.step = newton_step,
	.free = newton_free,
};
