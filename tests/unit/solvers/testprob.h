/* testprob: small hand-written problems for the solver tests (header only, static):
 * f = 1/2 sum a_i (x_i - c_i)^2 + f0, with optional caps removed and an optional
 * interrupt raised after a number of gradient calls. */
#ifndef OPTLAB_TESTPROB_H
#define OPTLAB_TESTPROB_H

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "optlab.h"

typedef struct tp_quad {
	int n;
	double a[16], c[16], f0;
	atomic_int *flag; /* set after `after` gradient calls, when not NULL */
	long after, calls;
} tp_quad;

static inline double tp_value(void *ctx, const double *x)
{
	const tp_quad *q = ctx;
	double s = 0;
	for (int i = 0; i < q->n; i++)
		s += 0.5 * q->a[i] * (x[i] - q->c[i]) * (x[i] - q->c[i]);
	return s + q->f0;
}

static inline double tp_grad(void *ctx, const double *x, double *g)
{
	tp_quad *q = ctx;
	for (int i = 0; i < q->n; i++)
		g[i] = q->a[i] * (x[i] - q->c[i]);
	if (q->flag && ++q->calls >= q->after)
		*q->flag = 1;
	return tp_value(ctx, x);
}

static inline double tp_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const tp_quad *q = ctx;
	for (int i = 0; i < q->n; i++)
		hv[i] = q->a[i] * v[i];
	return tp_value(ctx, x);
}

static inline double tp_hess(void *ctx, const double *x, double *h)
{
	const tp_quad *q = ctx;
	memset(h, 0, (size_t)q->n * (size_t)q->n * sizeof *h);
	for (int i = 0; i < q->n; i++)
		h[i * q->n + i] = q->a[i];
	return tp_value(ctx, x);
}

static inline void *tp_clone(const void *ctx)
{
	tp_quad *q = malloc(sizeof *q);
	if (q)
		memcpy(q, ctx, sizeof *q);
	return q;
}

static const prob_ops tp_ops = {
    .value = tp_value,
    .grad = tp_grad,
    .hessvec = tp_hessvec,
    .hess = tp_hess,
    .clone = tp_clone,
    .free = free,
};

/* A problem named name: 1/2 sum a_i (x_i - c_i)^2 + f0 with the given caps; x* = c
 * and f* = f0 are known when known != 0. */
static inline prob *tp_new(const char *name, int n, const double *a, const double *c, double f0,
                           unsigned caps, int known)
{
	tp_quad *q = calloc(1, sizeof *q);
	q->n = n;
	q->f0 = f0;
	for (int i = 0; i < n; i++) {
		q->a[i] = a[i];
		q->c[i] = c[i];
	}
	prob *p = prob_new(name, n, caps, &tp_ops, q);
	if (known)
		prob_set_solutions(p, 1, c, f0);
	return p;
}

/* (x - 1)^2 + (y + 2)^2: the contract's example. */
static inline prob *tp_contract(void)
{
	static const double a[] = {2, 2}, c[] = {1, -2};
	return tp_new("p", 2, a, c, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 1);
}

#endif
