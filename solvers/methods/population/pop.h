/* pop: what the population methods share. The run's iterate is the best point
 * evaluated so far (so the trace's f is the best-so-far value); every point is
 * evaluated through the counting oracle (nf counts them all); a generation is
 * published as probe points with its spread; the search region is the problem's
 * box when it has one, else a box of a given radius about the start. */
#ifndef OPTLAB_POP_H
#define OPTLAB_POP_H

#include "meth.h"

typedef struct pop_region {
	int n;
	int boxed;      /* the region is the problem's own box */
	double *lo, *hi; /* n bounds each (one allocation) */
} pop_region;

/* The region: the problem's box, else x +- radius. When need is set and the problem
 * has no box, fails with "WHO needs a box ..." in c->msg. METH_OK or METH_FAILED. */
int pop_region_init(pop_region *r, meth_ctx *c, double radius, int need, const char *who);
void pop_region_free(pop_region *r);
/* x uniform in the region. */
void pop_uniform(const pop_region *r, rng *g, double *x);
/* Evaluates f at x (counted), first moving x onto the problem's set when it has one
 * (counted as a projection); keeps the best point as the iterate. A NaN value is
 * returned as +inf, so that it ranks last. */
double pop_eval(meth_ctx *c, double *x);
/* Evaluates the start (row 0 of the trace) and makes it the best so far. */
int pop_start(meth_ctx *c);
/* Publishes k points (row-major, n each) as probes; returns their spread, the root
 * mean square distance to their mean. */
double pop_publish(meth_ctx *c, const double *pts, int k);
/* idx[0..k) = 0..k-1 ordered by f ascending, ties by index (a deterministic ranking). */
void pop_rank(const double *f, int k, int *idx);

#endif
