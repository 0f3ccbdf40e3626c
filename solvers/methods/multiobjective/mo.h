/* mo: what the multi-objective methods share. A method sees the objectives through
 * counted calls (one call returns all k values, or all k gradients: nf, and ng with
 * them, count one each); the run's f is the problem's own, the objectives' mean, kept
 * with its gradient (the mean of the rows) so that the trace needs no extra call; the
 * trace's columns f1 .. fk come from the driver, and each method adds hv, the
 * hypervolume of what it holds (its point, or its population) from the problem's
 * reference point (NAN without one). */
#ifndef OPTLAB_MO_H
#define OPTLAB_MO_H

#include "meth.h"
#include "multi.h"

typedef struct mo {
	multi *m;
	int k, n;
	double *fv, *G;     /* F(x) and the k gradients at the iterate (k x n) */
	double *fn, *Gn;    /* the same at a trial point */
	double *xn, *d;     /* a trial point, a direction */
	double *lambda;     /* k weights of the last common descent step */
	double *work;       /* multi_descent_work(k, n) + n */
	double w[MULTI_MAX]; /* the scalarizations' weights */
} mo;

/* Sets s up for the run's problem (who names the method in messages) and evaluates the
 * objectives' gradients at c->x: c->f, c->g. METH_OK or METH_FAILED. */
int mo_init(mo *s, meth_ctx *c, const char *who);
void mo_free(mo *s);
/* Counted: fv = F(x); and G, the gradients. */
void mo_values(meth_ctx *c, mo *s, const double *x, double *fv);
void mo_grads(meth_ctx *c, mo *s, const double *x, double *fv, double *G);
/* Takes the trial point (xn, fn, Gn) as the iterate: x, fv, G, c->f and c->g. */
void mo_accept(meth_ctx *c, mo *s);
/* The weights of a scalarization from w in [0, 1]: w on f1, (1 - w)/(k - 1) on each other. */
void mo_weights(mo *s, double w);
/* x moved onto the problem's set, where it has one (counted). */
void mo_project(meth_ctx *c, double *x);
/* The common descent step of np <= k pieces (a_i, b_i) (multi_descent) on the problem's
 * set; the projections it makes are counted. */
void mo_descent(meth_ctx *c, mo *s, int np, const double *a, const double *B, double t,
                double *d);
/* The hypervolume of one point from the problem's reference point. */
double mo_hv_point(const mo *s, const double *fv);
/* Pareto stationarity at the iterate from s->G (the kind's gnorm, multi.h). */
double mo_pareto(meth_ctx *c, mo *s);

#endif
