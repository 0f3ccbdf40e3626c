/* regnewton: gradient-regularized Newton (Mishchenko 2023; Doikov & Nesterov 2023):
 * x+ = x - (H + lambda I)^-1 g with lambda = sqrt(L |g|), L the Hessian's Lipschitz
 * constant: a Levenberg-Marquardt shift that vanishes as g does, with the global
 * O(1/k^2) rate of cubic Newton on convex problems at the price of one linear solve.
 * L = 0 estimates it by the line search of Mishchenko's AdaN+: halved before each
 * step, doubled until |g(x+)| <= 2 lambda |x+ - x| and f(x+) <= f(x) -
 * 2/3 lambda |x+ - x|^2. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "so.h"

#define REGN_MAX_N 2000

enum { P_L, P_COUNT };

static const param_def regn_params[P_COUNT] = {
	[P_L] = {"L", 0, 0, 1e12,
	         "Lipschitz constant of the Hessian; 0: estimated by the line search", NULL, 0},
};

static const char *const regn_extra[] = {"L", "lambda", NULL};

typedef struct regn_state {
	double *hm, *a, *l, *d, *xt, *gt; /* H, H + lam I, its factor, step, trial */
	double L;
} regn_state;

static void regn_free(void *state)
{
	regn_state *s = state;
	free(s->hm);
	free(s->d);
	s->hm = s->d = NULL;
}

static int regn_init(void *state, meth_ctx *c)
{
	regn_state *s = state;
	size_t n = (size_t)c->n;
	if (c->n > REGN_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "regnewton keeps a dense Hessian, limited to n <= %d: use newtoncg",
		         REGN_MAX_N);
		return METH_FAILED;
	}
	s->hm = malloc(3 * n * n * sizeof *s->hm);
	s->d = malloc(3 * n * sizeof *s->d);
	if (!s->hm || !s->d) {
		regn_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for the %dx%d Hessian", c->n, c->n);
		return METH_FAILED;
	}
	s->a = s->hm + n * n;
	s->l = s->a + n * n;
	s->xt = s->d + n;
	s->gt = s->xt + n;
	s->L = c->param[P_L] > 0 ? c->param[P_L] : 1.0;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->L;
	c->extra[1] = NAN;
	return METH_OK;
}

/* d = -(H + lam I)^-1 g; a nonconvex H gets the further shift that Cholesky needs. */
static int regn_solve(regn_state *s, meth_ctx *c, double lam)
{
	int n = c->n;
	memcpy(s->a, s->hm, (size_t)n * n * sizeof *s->a);
	for (int i = 0; i < n; i++)
		s->a[(size_t)i * n + i] += lam;
	if (dense_cholesky_shifted(s->a, n, s->l) < 0.0)
		return -1;
	for (int i = 0; i < n; i++)
		s->d[i] = -c->g[i];
	dense_cholesky_solve(s->l, n, s->d);
	return 0;
}

static int regn_step(void *state, meth_ctx *c)
{
	regn_state *s = state;
	int n = c->n, adapt = !(c->param[P_L] > 0);
	double gn = so_norm(c->g, n);
	if (gn == 0.0)
		return METH_CONVERGED;
	oracle_hess(c->o, c->x, s->hm);
	if (adapt)
		s->L = fmax(s->L / 2.0, 1e-12);
	for (int tries = 0;; tries++) {
		double lam = sqrt(s->L * gn);
		if (regn_solve(s, c, lam) != 0) {
			snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
			return METH_FAILED;
		}
		for (int i = 0; i < n; i++)
			s->xt[i] = c->x[i] + s->d[i];
		double ft = oracle_grad(c->o, s->xt, s->gt), r = so_norm(s->d, n);
		int ok = !adapt || (so_norm(s->gt, n) <= 2.0 * lam * r &&
		                    ft <= c->f - 2.0 / 3.0 * lam * r * r);
		if (ok || tries >= 80) {
			if (!(ft <= c->f)) {
				snprintf(c->msg, sizeof c->msg, "no decrease with L = %g", s->L);
				return METH_NO_PROGRESS;
			}
			c->extra[0] = s->L;
			c->extra[1] = lam;
			c->step = r;
			memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
			memcpy(c->g, s->gt, (size_t)n * sizeof *c->g);
			c->f = ft;
			return METH_OK;
		}
		meth_probe(c, s->xt);
		s->L *= 2.0;
	}
}

const meth meth_regnewton = {
	.name = "regnewton",
	.family = "second-order",
	.summary = "gradient-regularized Newton: (H + sqrt(L |g|) I)^-1 g, global O(1/k^2) on "
	           "convex problems; L estimated by a line search when not given",
	.reference = "Mishchenko, Regularized Newton method with global O(1/k^2) convergence, "
	             "SIAM J. Optim. 33 (2023); Doikov & Nesterov, Math. Program. (2023)",
	.params = regn_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = regn_extra,
	.state_size = sizeof(regn_state),
	.init = regn_init,
	.step = regn_step,
	.free = regn_free,
};
