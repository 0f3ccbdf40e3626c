/* oracle: a problem seen through counters. Methods call the problem only
 * through these functions, so that every run counts its oracle calls. */
#ifndef OPTLAB_ORACLE_H
#define OPTLAB_ORACLE_H

#include "prob.h"

typedef struct oracle {
	const prob *p;
	long nf, ng, nh, nprox; /* value, gradient, Hessian (or H v), prox/projection calls */
} oracle;

double oracle_value(oracle *o, const double *x);
double oracle_grad(oracle *o, const double *x, double *g); /* counts one f and one g */
/* grad f(x) . v by forward mode (the problem's dirderiv); counts one f and one g: a
 * tangent sweep costs about what a reverse gradient does. Returns f. */
double oracle_dirderiv(oracle *o, const double *x, const double *v, double *df);
double oracle_hessvec(oracle *o, const double *x, const double *v, double *hv);
double oracle_hess(oracle *o, const double *x, double *h);
/* Least squares (PROB_LSQ): the residuals count one value; with the Jacobian, one
 * gradient too. Both return f = |r|^2. */
double oracle_resid(oracle *o, const double *x, double *r);
double oracle_jac(oracle *o, const double *x, double *r, double *jac);
void oracle_prox(oracle *o, const double *x, double t, double *out);
void oracle_project(oracle *o, const double *x, double *out);

#endif
