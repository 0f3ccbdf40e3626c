/* lsq: what gaussnewton and lm share: the residuals r and Jacobian J at the iterate
 * (f = |r|^2, grad f = 2 J'r), and J's QR factors for the Gauss-Newton step. */
#ifndef OPTLAB_LSQ_H
#define OPTLAB_LSQ_H

#include "meth.h"

typedef struct lsq_work {
	long m;
	int n;
	double *jac, *r;  /* m x n and m at c->x */
	double *qr, *qtr; /* J's Householder QR (R on top) and Q'r (m values) */
	double *tau, *rt; /* n reflector scales; m residuals at a trial point */
} lsq_work;

/* Allocates for the problem's m x n (refused past 10^8 entries). 0, or METH_FAILED
 * with c->msg. */
int lsq_alloc(lsq_work *w, meth_ctx *c);
void lsq_free(lsq_work *w);
/* r and J at c->x; sets c->f = |r|^2 and c->g = 2 J'r. */
void lsq_eval(lsq_work *w, meth_ctx *c);
/* The QR of J (w->qr, w->qtr), then the Gauss-Newton step p = -R^-1 Q'r; -1 (p
 * unchanged) when R has a zero on its diagonal at this rank's rounding. */
int lsq_gn(lsq_work *w, double *p);
/* Whether the n x n triangle R (row stride n) has a diagonal entry below 1e-14 of its
 * largest: J is rank deficient to rounding. */
int lsq_singular(const double *r, int n);

#endif
