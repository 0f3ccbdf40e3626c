/* ot: the entropic optimal-transport problem on dual potentials (see ot.h). */
#include "ot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void ot_free(void *ctx)
{
	ot_data *d = ctx;
	if (d) {
		free(d->a);
		free(d->b);
		free(d->C);
	}
	free(d);
}

static ot_data *ot_new(int m, int k, const double *a, const double *b, const double *C,
                       double eps)
{
	ot_data *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->m = m;
	d->k = k;
	d->eps = eps;
	d->a = malloc((size_t)m * sizeof *d->a);
	d->b = malloc((size_t)k * sizeof *d->b);
	d->C = malloc((size_t)m * (size_t)k * sizeof *d->C);
	if (!d->a || !d->b || !d->C) {
		ot_free(d);
		return NULL;
	}
	memcpy(d->a, a, (size_t)m * sizeof *a);
	memcpy(d->b, b, (size_t)k * sizeof *b);
	memcpy(d->C, C, (size_t)m * (size_t)k * sizeof *C);
	return d;
}

static void *ot_clone(const void *ctx)
{
	const ot_data *d = ctx;
	return ot_new(d->m, d->k, d->a, d->b, d->C, d->eps);
}

/* phi and, when g is not NULL, its gradient (the marginal residuals). */
static double ot_eval(const ot_data *d, const double *z, double *g)
{
	const double *f = z, *h = z + d->m;
	double mass = 0, lin = 0;
	if (g)
		memset(g, 0, (size_t)(d->m + d->k) * sizeof *g);
	for (int i = 0; i < d->m; i++) {
		const double *row = d->C + (size_t)i * (size_t)d->k;
		double ri = 0;
		for (int j = 0; j < d->k; j++) {
			double pij = exp((f[i] + h[j] - row[j]) / d->eps);
			ri += pij;
			if (g)
				g[d->m + j] += pij;
		}
		mass += ri;
		if (g)
			g[i] = ri - d->a[i];
		lin += d->a[i] * f[i];
	}
	for (int j = 0; j < d->k; j++) {
		lin += d->b[j] * h[j];
		if (g)
			g[d->m + j] -= d->b[j];
	}
	return d->eps * mass - lin;
}

static double ot_value(void *ctx, const double *z)
{
	return ot_eval(ctx, z, NULL);
}

static double ot_grad(void *ctx, const double *z, double *g)
{
	return ot_eval(ctx, z, g);
}

static const prob_ops ot_ops = {
    .value = ot_value,
    .grad = ot_grad,
    .clone = ot_clone,
    .free = ot_free,
};

prob *ot_problem(const char *name, int m, int k, const double *a, const double *b,
                 const double *C, double eps, char *err, size_t cap)
{
	if (m < 1 || k < 1 || m > OT_MAX || k > OT_MAX || !(eps > 0)) {
		snprintf(err, cap, "%s: needs 1..%d bins a side and reg > 0", name, OT_MAX);
		return NULL;
	}
	ot_data *d = ot_new(m, k, a, b, C, eps);
	prob *p = d ? prob_new(name, m + k, PROB_VALUE | PROB_GRAD | PROB_TRANSPORT, &ot_ops, d) : NULL;
	if (!p) {
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	prob_set_view(p, -1, 1, -1, 1);
	return p;
}

const ot_data *ot_of(const prob *p)
{
	return p && p->ops == &ot_ops ? p->ctx : NULL;
}

double ot_plan(const ot_data *d, const double *z, double *P)
{
	double cost = 0;
	for (int i = 0; i < d->m; i++)
		for (int j = 0; j < d->k; j++) {
			size_t ij = (size_t)i * (size_t)d->k + (size_t)j;
			double pij = exp((z[i] + z[d->m + j] - d->C[ij]) / d->eps);
			if (P)
				P[ij] = pij;
			cost += pij * d->C[ij];
		}
	return cost;
}

double ot_marginal_error(const ot_data *d, const double *z)
{
	double *g = malloc((size_t)(d->m + d->k) * sizeof *g), e = 0;
	if (!g)
		return NAN;
	ot_eval(d, z, g);
	for (int i = 0; i < d->m + d->k; i++)
		e += fabs(g[i]);
	free(g);
	return e;
}
