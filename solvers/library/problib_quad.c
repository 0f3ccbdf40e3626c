/* problib_quad: f = 1/2 x'Ax with A = Q diag(lambda) Q', lambda_i log-spaced from 1 to
 * cond, Q the identity or a seeded random rotation (Gram-Schmidt on a Gaussian
 * matrix). L = cond, mu = 1, x* = 0, f* = 0. By hand: no tape needed for a matrix. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problib_int.h"
#include "rng.h"

#define QUAD_MAX_DENSE 1000 /* a rotated A is n x n */

const param_def problib_quad_params[4] = {
    {"n", 2, 1, PROBLIB_MAX_N, "dimension (rotated: at most 1000)", NULL, 1},
    {"cond", 10, 1, 1e12, "condition number L/mu (eigenvalues 1 .. cond)", NULL, 0},
    {"seed", 0, 0, 9007199254740992.0, "seed of the rotation", NULL, 1},
    {"rotate", 0, 0, 1, "0: diagonal A; 1: A rotated by a seeded random orthogonal Q", NULL, 1},
};

typedef struct quad {
	int n;
	double *lam; /* eigenvalues */
	double *a;   /* n x n when rotated, else NULL (A = diag(lam)) */
} quad;

/* y = A x */
static void quad_apply(const quad *q, const double *x, double *y)
{
	int n = q->n;
	if (!q->a) {
		for (int i = 0; i < n; i++)
			y[i] = q->lam[i] * x[i];
		return;
	}
	for (int i = 0; i < n; i++) {
		const double *row = q->a + (size_t)i * (size_t)n;
		double s = 0;
		for (int j = 0; j < n; j++)
			s += row[j] * x[j];
		y[i] = s;
	}
}

static double dot(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static double quad_value(void *ctx, const double *x)
{
	const quad *q = ctx;
	if (!q->a) {
		double s = 0;
		for (int i = 0; i < q->n; i++)
			s += q->lam[i] * x[i] * x[i];
		return 0.5 * s;
	}
	double s = 0;
	for (int i = 0; i < q->n; i++)
		s += x[i] * dot(q->a + (size_t)i * (size_t)q->n, x, q->n);
	return 0.5 * s;
}

static double quad_grad(void *ctx, const double *x, double *g)
{
	const quad *q = ctx;
	quad_apply(q, x, g);
	return 0.5 * dot(x, g, q->n);
}

static double quad_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const quad *q = ctx;
	quad_apply(q, v, hv);
	return quad_value(ctx, x);
}

static double quad_hess(void *ctx, const double *x, double *h)
{
	const quad *q = ctx;
	size_t n = (size_t)q->n;
	if (q->a) {
		memcpy(h, q->a, n * n * sizeof *h);
	} else {
		memset(h, 0, n * n * sizeof *h);
		for (size_t i = 0; i < n; i++)
			h[i * n + i] = q->lam[i];
	}
	return quad_value(ctx, x);
}

static void quad_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	prob_batch_each(quad_value, ctx, ((const quad *)ctx)->n, k, cols, strides, out);
}

static void quad_free(void *ctx)
{
	quad *q = ctx;
	if (!q)
		return;
	free(q->lam);
	free(q->a);
	free(q);
}

static quad *quad_alloc(int n, int dense)
{
	quad *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->n = n;
	q->lam = malloc((size_t)n * sizeof *q->lam);
	q->a = dense ? malloc((size_t)n * (size_t)n * sizeof *q->a) : NULL;
	if (!q->lam || (dense && !q->a)) {
		quad_free(q);
		return NULL;
	}
	return q;
}

static void *quad_clone(const void *ctx)
{
	const quad *q = ctx;
	quad *c = quad_alloc(q->n, q->a != NULL);
	if (!c)
		return NULL;
	memcpy(c->lam, q->lam, (size_t)q->n * sizeof *q->lam);
	if (q->a)
		memcpy(c->a, q->a, (size_t)q->n * (size_t)q->n * sizeof *q->a);
	return c;
}

static const prob_ops quad_ops = {
    .value = quad_value,
    .grad = quad_grad,
    .hessvec = quad_hessvec,
    .hess = quad_hess,
    .batch = quad_batch,
    .clone = quad_clone,
    .free = quad_free,
};

/* Rows of qm (n x n) become orthonormal: modified Gram-Schmidt on Gaussian rows,
 * which gives a Haar-distributed rotation (up to signs). -1 when degenerate. */
int problib_rotation(double *qm, int n, uint64_t seed)
{
	rng r;
	rng_seed(&r, seed);
	for (size_t i = 0; i < (size_t)n * (size_t)n; i++)
		qm[i] = rng_normal(&r);
	for (int i = 0; i < n; i++) {
		double *ri = qm + (size_t)i * (size_t)n;
		for (int j = 0; j < i; j++) {
			const double *rj = qm + (size_t)j * (size_t)n;
			double c = dot(ri, rj, n);
			for (int k = 0; k < n; k++)
				ri[k] -= c * rj[k];
		}
		double nr = sqrt(dot(ri, ri, n));
		if (!(nr > 1e-12))
			return -1;
		for (int k = 0; k < n; k++)
			ri[k] /= nr;
	}
	return 0;
}

prob *problib_quadratic(const double *v, char *err, size_t cap)
{
	int n = (int)v[0], rotate = (int)v[3];
	double cond = v[1];
	if (n < 1 || !(cond >= 1)) {
		snprintf(err, cap, "quadratic: needs n >= 1 and cond >= 1");
		return NULL;
	}
	if (rotate && n > QUAD_MAX_DENSE) {
		snprintf(err, cap, "quadratic: a rotated quadratic has n <= %d (n = %d)",
		         QUAD_MAX_DENSE, n);
		return NULL;
	}
	quad *q = quad_alloc(n, rotate);
	double *qm = rotate ? malloc((size_t)n * (size_t)n * sizeof *qm) : NULL;
	if (!q || (rotate && !qm)) {
		quad_free(q);
		free(qm);
		snprintf(err, cap, "quadratic: out of memory");
		return NULL;
	}
	for (int i = 0; i < n; i++)
		q->lam[i] = n > 1 ? pow(cond, (double)i / (n - 1)) : 1;
	if (rotate) {
		if (problib_rotation(qm, n, (uint64_t)v[2])) {
			quad_free(q);
			free(qm);
			snprintf(err, cap, "quadratic: degenerate random rotation");
			return NULL;
		}
		/* A = Q' diag(lam) Q with Q's rows orthonormal: row i of A is the sum over k of
		 * q_ki lam_k (row k of Q), which walks memory in order */
		memset(q->a, 0, (size_t)n * (size_t)n * sizeof *q->a);
		for (int k = 0; k < n; k++) {
			const double *rk = qm + (size_t)k * n;
			for (int i = 0; i < n; i++) {
				double c = rk[i] * q->lam[k], *ai = q->a + (size_t)i * n;
				for (int j = 0; j < n; j++)
					ai[j] += c * rk[j];
			}
		}
		for (int i = 0; i < n; i++) /* exactly symmetric, whatever the rounding */
			for (int j = 0; j < i; j++)
				q->a[(size_t)j * n + i] = q->a[(size_t)i * n + j];
		free(qm);
	}
	prob *p = prob_new("quadratic", n, PROB_VALUE | PROB_GRAD | PROB_HESS, &quad_ops, q);
	if (!p) {
		snprintf(err, cap, "quadratic: out of memory");
		return NULL;
	}
	char desc[160];
	snprintf(desc, sizeof desc, "1/2 x'Ax, n = %d, cond = %g, %s", n, cond,
	         rotate ? "rotated" : "diagonal");
	double *zero = calloc((size_t)n, sizeof *zero);
	for (int i = 0; i < n; i++)
		p->x0[i] = 1;
	if (!zero || prob_set_desc(p, desc)) {
		free(zero);
		prob_free(p);
		snprintf(err, cap, "quadratic: out of memory");
		return NULL;
	}
	prob_set_solutions(p, 1, zero, 0);
	free(zero);
	p->logscale = 1;
	return p;
}
