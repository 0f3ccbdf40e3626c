/* dampednewton: the affine-invariant cubic Newton step (AICN) of Hanzely, Kamzolov,
 * Pasechnyuk, Gasnikov, Richtarik & Takac: x+ = x - alpha H^-1 g with
 * alpha = (-1 + sqrt(1 + 2 L G)) / (L G), G = sqrt(g'H^-1 g) the Newton decrement, L the
 * semi-strong self-concordance constant. A damped Newton method whose step size is a
 * closed form, not a line search: global O(1/k^2) on convex problems, quadratic near
 * x*, and iterates that commute with any affine change of variables (as plain Newton's,
 * unlike those of cubic regularization or Levenberg-Marquardt). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "so.h"

#define DN_MAX_N 2000

enum { P_L, P_COUNT };

static const param_def dn_params[P_COUNT] = {
	[P_L] = {"L", 1, 1e-12, 1e12,
	         "semi-strong self-concordance constant (2 for standard self-concordance)", NULL,
	         0},
};

static const char *const dn_extra[] = {"decrement", NULL};

typedef struct dn_state {
	double *hm, *d;
} dn_state;

static void dn_free(void *state)
{
	dn_state *s = state;
	free(s->hm);
	free(s->d);
	s->hm = s->d = NULL;
}

static int dn_init(void *state, meth_ctx *c)
{
	dn_state *s = state;
	size_t n = (size_t)c->n;
	if (c->n > DN_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "dampednewton keeps a dense Hessian, limited to n <= %d: use newtoncg",
		         DN_MAX_N);
		return METH_FAILED;
	}
	s->hm = malloc(n * n * sizeof *s->hm);
	s->d = malloc(n * sizeof *s->d);
	if (!s->hm || !s->d) {
		dn_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for the %dx%d Hessian", c->n, c->n);
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = NAN;
	return METH_OK;
}

static int dn_step(void *state, meth_ctx *c)
{
	dn_state *s = state;
	int n = c->n;
	if (so_norm(c->g, n) == 0.0)
		return METH_CONVERGED;
	oracle_hess(c->o, c->x, s->hm);
	if (dense_cholesky(s->hm, n) != 0) {
		snprintf(c->msg, sizeof c->msg,
		         "the Hessian is not positive definite: the method is for convex problems");
		return METH_FAILED;
	}
	memcpy(s->d, c->g, (size_t)n * sizeof *s->d);
	dense_cholesky_solve(s->hm, n, s->d); /* H^-1 g */
	double G = sqrt(fmax(0.0, dense_dot(c->g, s->d, n))), L = c->param[P_L];
	double lg = L * G;
	/* (-1 + sqrt(1 + 2 lg)) / lg without cancellation: 2 / (1 + sqrt(1 + 2 lg)) */
	double alpha = 2.0 / (1.0 + sqrt(1.0 + 2.0 * lg));
	for (int i = 0; i < n; i++)
		c->x[i] -= alpha * s->d[i];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = alpha;
	c->extra[0] = G;
	return METH_OK;
}

const meth meth_dampednewton = {
	.name = "dampednewton",
	.family = "second-order",
	.summary = "affine-invariant damped Newton (AICN): step size (-1 + sqrt(1 + 2 L G)) / "
	           "(L G) from the Newton decrement G, no line search",
	.reference = "Hanzely, Kamzolov, Pasechnyuk, Gasnikov, Richtarik & Takac, A damped Newton "
	             "method achieves global O(1/k^2) and local quadratic convergence rate, "
	             "NeurIPS (2022)",
	.params = dn_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = dn_extra,
	.state_size = sizeof(dn_state),
	.init = dn_init,
	.step = dn_step,
	.free = dn_free,
};
