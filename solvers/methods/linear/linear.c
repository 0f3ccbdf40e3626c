/* linear: the shared checks and reporting of the linear-system methods (linear.h). */
#include "linear.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

const char *const linear_extra[2] = {"passes", NULL};

const linsys *linear_system(meth_ctx *c, const char *who, int need_diag, int need_sym)
{
	const linsys *L = linsys_of(c->o->p);
	if (!L) {
		snprintf(c->msg, sizeof c->msg,
		         "%s needs a linear system A x = b (poisson, randspd, diagdom)", who);
		return NULL;
	}
	if (need_sym && !L->symmetric) {
		snprintf(c->msg, sizeof c->msg, "%s needs a symmetric A (this A is not)", who);
		return NULL;
	}
	for (int i = 0; need_diag && i < L->n; i++)
		if (L->diag[i] == 0) {
			snprintf(c->msg, sizeof c->msg, "%s needs a nonzero diagonal (a_%d%d = 0)", who,
			         i + 1, i + 1);
			return NULL;
		}
	return L;
}

/* The normwise backward error |b - A x| / (|A|_F |x| + |b|): below a few units of
 * rounding, x solves a system within rounding of A x = b, and no method can do better. */
static double backward_error(const linsys *L, const double *x, double res)
{
	double xx = 0, bb = 0;
	for (int i = 0; i < L->n; i++) {
		xx += x[i] * x[i];
		bb += L->b[i] * L->b[i];
	}
	double scale = sqrt(L->fro2) * sqrt(xx) + sqrt(bb);
	return scale > 0 ? res / scale : 0;
}

int linear_report(meth_ctx *c, double passes)
{
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->gnorm = c->f;
	c->extra[0] += passes;
	double eta = backward_error(linsys_of(c->o->p), c->x, c->f);
	if (eta <= 16 * DBL_EPSILON) {
		snprintf(c->msg, sizeof c->msg,
		         "backward error |b - A x| / (|A| |x| + |b|) = %.2g: solved to rounding", eta);
		return METH_CONVERGED;
	}
	return METH_OK;
}
