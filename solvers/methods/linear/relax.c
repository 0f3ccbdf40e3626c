/* relax: the stationary relaxation methods for A x = b, one sweep over the unknowns a
 * step (Saad, Iterative Methods for Sparse Linear Systems, ch. 4). With A = D - E - F
 * (diagonal, strictly lower, strictly upper parts):
 *   jacobi       x+ = x + w D^-1 (b - A x)               (w = 1: Jacobi; w < 1: damped)
 *   gaussseidel  x_i from the newest values of the others, in order
 *   sor          x_i = (1 - w) x_i + w (Gauss-Seidel value)
 *   ssor         a forward SOR sweep, then a backward one (symmetric for symmetric A)
 * On the Poisson matrix Jacobi contracts by rho_J = cos(pi h), Gauss-Seidel by rho_J^2,
 * and SOR by w - 1 for w >= w* = 2 / (1 + sqrt(1 - rho_J^2)), its optimum. */
#include <stdio.h>
#include <stdlib.h>

#include "linear.h"

enum { P_W, P_COUNT };

static const param_def jacobi_params[] = {
    {"weight", 1, 1e-6, 2, "the weight w of the correction (1: Jacobi, 2/3: a smoother)", NULL,
     0},
};
static const param_def sor_params[] = {
    {"omega", 1.5, 1e-6, 1.999999, "the relaxation factor w (1: Gauss-Seidel; 0 < w < 2)", NULL,
     0},
};
static const param_def ssor_params[] = {
    {"omega", 1, 1e-6, 1.999999, "the relaxation factor w of both sweeps (0 < w < 2)", NULL, 0},
};

typedef struct relax_state {
	const linsys *L;
	double *r; /* Jacobi's residual */
} relax_state;

static int relax_setup(void *state, meth_ctx *c, const char *who, int jacobi)
{
	relax_state *s = state;
	if (!(s->L = linear_system(c, who, 1, 0)))
		return METH_FAILED;
	if (jacobi && !(s->r = malloc((size_t)c->n * sizeof *s->r))) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	linear_report(c, 0);
	return METH_OK;
}

static int jacobi_init(void *state, meth_ctx *c) { return relax_setup(state, c, "jacobi", 1); }
static int gs_init(void *state, meth_ctx *c) { return relax_setup(state, c, "gaussseidel", 0); }
static int sor_init(void *state, meth_ctx *c) { return relax_setup(state, c, "sor", 0); }
static int ssor_init(void *state, meth_ctx *c) { return relax_setup(state, c, "ssor", 0); }

/* x_i = (1 - w) x_i + w (b_i - sum_{j != i} a_ij x_j) / a_ii with the current x. */
static void sor_update(const linsys *L, double *x, int i, double w)
{
	double s = L->b[i];
	for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
		if (L->col[k] != i)
			s -= L->val[k] * x[L->col[k]];
	x[i] = (1 - w) * x[i] + w * s / L->diag[i];
}

static void sweep(const linsys *L, double *x, double w, int backward)
{
	if (backward)
		for (int i = L->n - 1; i >= 0; i--)
			sor_update(L, x, i, w);
	else
		for (int i = 0; i < L->n; i++)
			sor_update(L, x, i, w);
}

static int jacobi_step(void *state, meth_ctx *c)
{
	relax_state *s = state;
	double w = c->param[P_W];
	linsys_residual(s->L, c->x, s->r);
	for (int i = 0; i < c->n; i++)
		c->x[i] += w * s->r[i] / s->L->diag[i];
	c->step = w;
	return linear_report(c, 1);
}

static int gs_step(void *state, meth_ctx *c)
{
	relax_state *s = state;
	sweep(s->L, c->x, 1, 0);
	c->step = 1;
	return linear_report(c, 1);
}

static int sor_step(void *state, meth_ctx *c)
{
	relax_state *s = state;
	sweep(s->L, c->x, c->param[P_W], 0);
	c->step = c->param[P_W];
	return linear_report(c, 1);
}

static int ssor_step(void *state, meth_ctx *c)
{
	relax_state *s = state;
	sweep(s->L, c->x, c->param[P_W], 0);
	sweep(s->L, c->x, c->param[P_W], 1);
	c->step = c->param[P_W];
	return linear_report(c, 2);
}

static void relax_free(void *state)
{
	relax_state *s = state;
	free(s->r);
}

#define RELAX_REF "Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., SIAM 2003, ch. 4"

const meth meth_jacobi = {
    .name = "jacobi",
    .family = "linear",
    .summary = "Jacobi relaxation for A x = b: x+ = x + w D^-1 (b - A x), w = 1 by default",
    .reference = RELAX_REF,
    .params = jacobi_params,
    .nparams = 1,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = linear_extra,
    .state_size = sizeof(relax_state),
    .init = jacobi_init,
    .step = jacobi_step,
    .free = relax_free,
};

const meth meth_gaussseidel = {
    .name = "gaussseidel",
    .family = "linear",
    .summary = "Gauss-Seidel for A x = b: each unknown from the newest values, in order",
    .reference = RELAX_REF,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = linear_extra,
    .state_size = sizeof(relax_state),
    .init = gs_init,
    .step = gs_step,
    .free = relax_free,
};

const meth meth_sor = {
    .name = "sor",
    .family = "linear",
    .summary = "successive over-relaxation: Gauss-Seidel values extrapolated by omega",
    .reference = "D. M. Young, Iterative methods for solving partial difference equations of "
                 "elliptic type, Trans. AMS 76 (1954); " RELAX_REF,
    .params = sor_params,
    .nparams = 1,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = linear_extra,
    .state_size = sizeof(relax_state),
    .init = sor_init,
    .step = sor_step,
    .free = relax_free,
};

const meth meth_ssor = {
    .name = "ssor",
    .family = "linear",
    .summary = "symmetric SOR: a forward and a backward SOR sweep a step",
    .reference = RELAX_REF,
    .params = ssor_params,
    .nparams = 1,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = linear_extra,
    .state_size = sizeof(relax_state),
    .init = ssor_init,
    .step = ssor_step,
    .free = relax_free,
};
