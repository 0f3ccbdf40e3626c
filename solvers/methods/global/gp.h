/* gp: Gaussian-process regression for Bayesian optimization (Rasmussen & Williams 2006):
 * a Matern 5/2 kernel with a length scale per coordinate (ARD),
 *   k(x, x') = s2 (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r),  r^2 = sum ((x_i - x'_i) / l_i)^2,
 * on values standardized to mean 0 and variance 1, with a small fixed nugget. The
 * signal variance s2 has its maximum-likelihood value in closed form for given length
 * scales; the length scales maximize the log marginal likelihood by a pattern search
 * in log l over [0.01, 10] (the points live in the unit cube).
 *
 * Ownership: gp_init allocates for up to cap points, gp_free releases. */
#ifndef OPTLAB_GP_H
#define OPTLAB_GP_H

#include "rng.h"

#define GP_NUGGET 1e-8 /* relative to s2: noise-free values, a jitter for the factor */

typedef struct gp {
	int n, m, cap;
	double *x;     /* m x n inputs */
	double *y;     /* m values as given */
	double ymean, ystd;
	double *ls;    /* n length scales */
	double s2;     /* signal variance of the standardized values */
	double *l;     /* Cholesky factor of K (m x m, lower) */
	double *alpha; /* K^-1 z, z the standardized values */
	double *work;  /* 2 cap scratch */
	double loglik; /* log marginal likelihood of the fit */
} gp;

int gp_init(gp *g, int n, int cap);
void gp_free(gp *g);
/* Appends the point x with value y. 0, or -1 when full. */
int gp_add(gp *g, const double *x, double y);
/* Fits the length scales (from the current ones and a few fixed starts) and factors K.
 * 0, or -1 when no factor exists (coincident points). */
int gp_fit(gp *g);
/* Factors K for the current length scales; returns the log marginal likelihood, or
 * -INFINITY when K is not positive definite. */
double gp_factor(gp *g);
/* Posterior mean and standard deviation at x, in the units of the values given. */
void gp_predict(const gp *g, const double *x, double *mean, double *sd);
/* The kernel's correlation at distance r (in length scales): (1 + sqrt5 r + 5 r^2/3) e^(-sqrt5 r). */
double gp_matern52(double r);

#endif
