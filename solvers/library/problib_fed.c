/* problib_fed: heterogeneous quadratics for federated and decentralized methods: K
 * clients, client k's objective f_k(x) = 1/2 (x - c_k)' diag(a_k) (x - c_k) with
 * curvatures a_k uniform in [1, 10] and centres c_k = h N(0, I) (seeded), as a finite
 * sum of K components (f = mean of the f_k). The minimizer is the curvature-weighted
 * mean of the centres, x*_j = sum_k a_kj c_kj / sum_k a_kj; local steps drift each
 * client towards its own c_k, which makes FedAvg's fixed point differ from x*. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problib_int.h"
#include "rng.h"

#define FED_MAX_CLIENTS 100000

const param_def problib_fedquad_params[4] = {
    {"clients", 10, 1, FED_MAX_CLIENTS, "clients K (components of the sum)", NULL, 1},
    {"d", 2, 1, 10000, "dimension", NULL, 1},
    {"h", 1, 0, 1e6, "heterogeneity: the spread of the clients' centres c_k", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of curvatures and centres", NULL, 1},
};

typedef struct fq {
	int K, d;
	double *a, *c; /* K x d each */
} fq;

static double fq_comp_value(void *ctx, long k, const double *x)
{
	const fq *q = ctx;
	const double *a = q->a + (size_t)k * q->d, *c = q->c + (size_t)k * q->d;
	double s = 0;
	for (int j = 0; j < q->d; j++)
		s += a[j] * (x[j] - c[j]) * (x[j] - c[j]);
	return 0.5 * s;
}

static void fq_comp_grad(void *ctx, long k, const double *x, double *g)
{
	const fq *q = ctx;
	const double *a = q->a + (size_t)k * q->d, *c = q->c + (size_t)k * q->d;
	for (int j = 0; j < q->d; j++)
		g[j] = a[j] * (x[j] - c[j]);
}

static double fq_value(void *ctx, const double *x)
{
	const fq *q = ctx;
	double s = 0;
	for (int k = 0; k < q->K; k++)
		s += fq_comp_value(ctx, k, x);
	return s / q->K;
}

static double fq_grad(void *ctx, const double *x, double *g)
{
	const fq *q = ctx;
	memset(g, 0, (size_t)q->d * sizeof *g);
	for (int k = 0; k < q->K; k++) {
		const double *a = q->a + (size_t)k * q->d, *c = q->c + (size_t)k * q->d;
		for (int j = 0; j < q->d; j++)
			g[j] += a[j] * (x[j] - c[j]) / q->K;
	}
	return fq_value(ctx, x);
}

static double fq_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const fq *q = ctx;
	memset(hv, 0, (size_t)q->d * sizeof *hv);
	for (int k = 0; k < q->K; k++)
		for (int j = 0; j < q->d; j++)
			hv[j] += q->a[(size_t)k * q->d + j] * v[j] / q->K;
	return fq_value(ctx, x);
}

static double fq_hess(void *ctx, const double *x, double *h)
{
	const fq *q = ctx;
	memset(h, 0, (size_t)q->d * (size_t)q->d * sizeof *h);
	for (int k = 0; k < q->K; k++)
		for (int j = 0; j < q->d; j++)
			h[(size_t)j * q->d + j] += q->a[(size_t)k * q->d + j] / q->K;
	return fq_value(ctx, x);
}

static void fq_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	prob_batch_each(fq_value, ctx, ((fq *)ctx)->d, k, cols, strides, out);
}

static void fq_free(void *ctx)
{
	fq *q = ctx;
	if (q) {
		free(q->a);
		free(q->c);
		free(q);
	}
}

static fq *fq_alloc(int K, int d)
{
	fq *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->K = K;
	q->d = d;
	q->a = malloc((size_t)K * (size_t)d * sizeof *q->a);
	q->c = malloc((size_t)K * (size_t)d * sizeof *q->c);
	if (!q->a || !q->c) {
		fq_free(q);
		return NULL;
	}
	return q;
}

static void *fq_clone(const void *ctx)
{
	const fq *q = ctx;
	fq *c = fq_alloc(q->K, q->d);
	if (c) {
		memcpy(c->a, q->a, (size_t)q->K * (size_t)q->d * sizeof *c->a);
		memcpy(c->c, q->c, (size_t)q->K * (size_t)q->d * sizeof *c->c);
	}
	return c;
}

static const prob_ops fq_ops = {
    .value = fq_value,
    .grad = fq_grad,
    .hessvec = fq_hessvec,
    .hess = fq_hess,
    .batch = fq_batch,
    .clone = fq_clone,
    .free = fq_free,
};

prob *problib_fedquad(const double *v, char *err, size_t cap)
{
	int K = (int)v[0], d = (int)v[1];
	double h = v[2];
	fq *q = fq_alloc(K, d);
	double *xs = calloc((size_t)d, sizeof *xs), *as = calloc((size_t)d, sizeof *as);
	prob_sum *sum = calloc(1, sizeof *sum);
	prob *p = NULL;
	if (!q || !xs || !as || !sum) {
		fq_free(q);
		goto out;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[3]);
	for (size_t i = 0; i < (size_t)K * d; i++) {
		q->a[i] = 1 + 9 * rng_uniform(&r);
		q->c[i] = h * rng_normal(&r);
	}
	for (int k = 0; k < K; k++)
		for (int j = 0; j < d; j++) {
			xs[j] += q->a[(size_t)k * d + j] * q->c[(size_t)k * d + j];
			as[j] += q->a[(size_t)k * d + j];
		}
	for (int j = 0; j < d; j++)
		xs[j] /= as[j];
	*sum = (prob_sum){.m = K, .comp_grad = fq_comp_grad, .comp_value = fq_comp_value,
	                  .free = fq_free, .clone = fq_clone};
	if (!(sum->ctx = fq_clone(q))) { /* the components' own copy, as clones need */
		fq_free(q);
		goto out;
	}
	if (!(p = prob_new("fedquad", d, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_SUM, &fq_ops, q))) {
		fq_free(sum->ctx);
		goto out;
	}
	p->sum = sum;
	sum = NULL;
	prob_set_solutions(p, 1, xs, fq_value(p->ctx, xs));
	char desc[160];
	snprintf(desc, sizeof desc,
	         "1/K sum_k 1/2 (x - c_k)' diag(a_k) (x - c_k), K = %d clients, spread h = %g", K, h);
	if (prob_set_desc(p, desc)) {
		prob_free(p);
		p = NULL;
		goto out;
	}
	for (int j = 0; j < d; j++)
		p->x0[j] = 3 * (h > 0 ? h : 1);
	prob_set_view(p, -3 * (h > 0 ? h : 1), 4 * (h > 0 ? h : 1), -3 * (h > 0 ? h : 1),
	              4 * (h > 0 ? h : 1));
out:
	if (!p)
		snprintf(err, cap, "fedquad: out of memory");
	free(sum);
	free(xs);
	free(as);
	return p;
}
