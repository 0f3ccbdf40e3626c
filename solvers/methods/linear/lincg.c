/* lincg: the conjugate gradient method of Hestenes and Stiefel for A x = b with A
 * symmetric positive definite: minimizes 1/2 x'Ax - b'x over growing Krylov spaces,
 * so it ends in at most n steps in exact arithmetic and contracts the A-norm error by
 * 2 ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^k. A curvature p'Ap <= 0 shows that A is
 * not positive definite: the run fails and says so. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linear.h"

typedef struct lcg_state {
	const linsys *L;
	double *r, *p, *ap, rr;
} lcg_state;

static int lcg_init(void *state, meth_ctx *c)
{
	lcg_state *s = state;
	if (!(s->L = linear_system(c, "lincg", 0, 1)))
		return METH_FAILED;
	s->r = malloc((size_t)c->n * sizeof *s->r);
	s->p = malloc((size_t)c->n * sizeof *s->p);
	s->ap = malloc((size_t)c->n * sizeof *s->ap);
	if (!s->r || !s->p || !s->ap) {
		snprintf(c->msg, sizeof c->msg, "lincg: out of memory");
		return METH_FAILED;
	}
	double rn = linsys_residual(s->L, c->x, s->r);
	s->rr = rn * rn;
	for (int i = 0; i < c->n; i++)
		s->p[i] = s->r[i];
	linear_report(c, 1);
	return METH_OK;
}

static int lcg_step(void *state, meth_ctx *c)
{
	lcg_state *s = state;
	int n = c->n;
	linsys_matvec(s->L, s->p, s->ap);
	double pap = 0;
	for (int i = 0; i < n; i++)
		pap += s->p[i] * s->ap[i];
	if (!(pap > 0)) {
		snprintf(c->msg, sizeof c->msg,
		         "p'Ap = %g <= 0: A is not positive definite (lincg needs it)", pap);
		return METH_FAILED;
	}
	double alpha = s->rr / pap, rr = 0;
	for (int i = 0; i < n; i++) {
		c->x[i] += alpha * s->p[i];
		s->r[i] -= alpha * s->ap[i];
		rr += s->r[i] * s->r[i];
	}
	double beta = rr / s->rr;
	s->rr = rr;
	for (int i = 0; i < n; i++)
		s->p[i] = s->r[i] + beta * s->p[i];
	c->step = alpha;
	return linear_report(c, 1);
}

static void lcg_free(void *state)
{
	lcg_state *s = state;
	free(s->r);
	free(s->p);
	free(s->ap);
}

const meth meth_lincg = {
    .name = "lincg",
    .family = "linear",
    .summary = "conjugate gradients for A x = b, A symmetric positive definite",
    .reference = "M. R. Hestenes, E. Stiefel, Methods of conjugate gradients for solving linear "
                 "systems, J. Res. NBS 49 (1952); Nocedal & Wright, ch. 5",
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = linear_extra,
    .state_size = sizeof(lcg_state),
    .init = lcg_init,
    .step = lcg_step,
    .free = lcg_free,
};
