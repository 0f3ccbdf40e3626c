/* chebyshev: the Chebyshev semi-iteration for A x = b with the spectrum of a symmetric
 * positive definite A inside [lmin, lmax] (Saad, Iterative Methods for Sparse Linear
 * Systems, alg. 12.1): the residual polynomial of step k is the scaled Chebyshev
 * polynomial, optimal on the interval, so the error contracts like
 * ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^k with kappa = lmax / lmin, without inner
 * products. The bounds default to those the problem knows (poisson, randspd), else
 * Gershgorin's discs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linear.h"

enum { P_LMIN, P_LMAX, P_COUNT };

static const param_def params[] = {
    {"lmin", 0, 0, 1e300, "a lower bound on A's eigenvalues (0: the problem's, else Gershgorin)",
     NULL, 0},
    {"lmax", 0, 0, 1e300, "an upper bound on A's eigenvalues (0: the problem's, else Gershgorin)",
     NULL, 0},
};

static const char *const extra[] = {"passes", "rho", NULL};

typedef struct cheb_state {
	const linsys *L;
	double *r, *d, *ad;
	double theta, delta, sigma, rho;
} cheb_state;

static int cheb_init(void *state, meth_ctx *c)
{
	cheb_state *s = state;
	if (!(s->L = linear_system(c, "chebyshev", 0, 1)))
		return METH_FAILED;
	double lo, hi;
	linsys_gershgorin(s->L, &lo, &hi);
	if (isfinite(s->L->lmin)) {
		lo = s->L->lmin;
		hi = s->L->lmax;
	}
	if (c->param[P_LMIN] > 0)
		lo = c->param[P_LMIN];
	if (c->param[P_LMAX] > 0)
		hi = c->param[P_LMAX];
	if (!(lo > 0) || !(hi >= lo)) {
		snprintf(c->msg, sizeof c->msg,
		         "chebyshev needs 0 < lmin <= lmax (have %g, %g): give lmin and lmax", lo, hi);
		return METH_FAILED;
	}
	s->r = malloc((size_t)c->n * sizeof *s->r);
	s->d = malloc((size_t)c->n * sizeof *s->d);
	s->ad = malloc((size_t)c->n * sizeof *s->ad);
	if (!s->r || !s->d || !s->ad) {
		snprintf(c->msg, sizeof c->msg, "chebyshev: out of memory");
		return METH_FAILED;
	}
	s->theta = (hi + lo) / 2;
	s->delta = (hi - lo) / 2;
	s->sigma = s->theta / s->delta; /* infinite when lmin = lmax */
	s->rho = 1 / s->sigma;
	linsys_residual(s->L, c->x, s->r);
	for (int i = 0; i < c->n; i++)
		s->d[i] = s->r[i] / s->theta;
	linear_report(c, 1);
	c->extra[1] = s->rho;
	return METH_OK;
}

static int cheb_step(void *state, meth_ctx *c)
{
	cheb_state *s = state;
	int n = c->n;
	for (int i = 0; i < n; i++)
		c->x[i] += s->d[i];
	linsys_matvec(s->L, s->d, s->ad);
	for (int i = 0; i < n; i++)
		s->r[i] -= s->ad[i];
	/* lmin = lmax: the recurrence's limit is Richardson's d = r / theta */
	double rho = s->delta > 0 ? 1 / (2 * s->sigma - s->rho) : 0;
	double a = rho * s->rho, b = s->delta > 0 ? 2 * rho / s->delta : 1 / s->theta;
	for (int i = 0; i < n; i++)
		s->d[i] = a * s->d[i] + b * s->r[i];
	s->rho = rho;
	c->step = b;
	c->extra[1] = rho;
	return linear_report(c, 1);
}

static void cheb_free(void *state)
{
	cheb_state *s = state;
	free(s->r);
	free(s->d);
	free(s->ad);
}

const meth meth_chebyshev = {
    .name = "chebyshev",
    .family = "linear",
    .summary = "Chebyshev semi-iteration for SPD A x = b from bounds on the spectrum",
    .reference = "G. H. Golub, R. S. Varga, Chebyshev semi-iterative methods, Numer. Math. 3 "
                 "(1961); Y. Saad, Iterative Methods for Sparse Linear Systems, alg. 12.1",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(cheb_state),
    .init = cheb_init,
    .step = cheb_step,
    .free = cheb_free,
};
