/* linsys: A x = b in CSR form behind the problem interface (linsys.h). */
#include "linsys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void linsys_matvec(const linsys *L, const double *x, double *y)
{
	for (int i = 0; i < L->n; i++) {
		double s = 0;
		for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
			s += L->val[k] * x[L->col[k]];
		y[i] = s;
	}
}

double linsys_residual(const linsys *L, const double *x, double *r)
{
	double s2 = 0;
	for (int i = 0; i < L->n; i++) {
		double s = L->b[i];
		for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
			s -= L->val[k] * x[L->col[k]];
		if (r)
			r[i] = s;
		s2 += s * s;
	}
	return sqrt(s2);
}

void linsys_gershgorin(const linsys *L, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int i = 0; i < L->n; i++) {
		double off = 0;
		for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
			if (L->col[k] != i)
				off += fabs(L->val[k]);
		*lo = fmin(*lo, L->diag[i] - off);
		*hi = fmax(*hi, L->diag[i] + off);
	}
}

static double ls_value(void *ctx, const double *x)
{
	return linsys_residual(ctx, x, NULL);
}

/* g = A'(A x - b) / |A x - b|, 0 at a solution (the subgradient of least norm). */
static double ls_grad(void *ctx, const double *x, double *g)
{
	const linsys *L = ctx;
	double *r = malloc((size_t)L->n * sizeof *r);
	if (!r) {
		for (int i = 0; i < L->n; i++)
			g[i] = NAN;
		return NAN;
	}
	double f = linsys_residual(L, x, r);
	memset(g, 0, (size_t)L->n * sizeof *g);
	if (f > 0)
		for (int i = 0; i < L->n; i++)
			for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
				g[L->col[k]] -= L->val[k] * r[i] / f;
	free(r);
	return f;
}

static void ls_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	prob_batch_each(ls_value, ctx, ((linsys *)ctx)->n, k, cols, strides, out);
}

static void ls_free(void *ctx)
{
	linsys *L = ctx;
	if (!L)
		return;
	free(L->rowptr);
	free(L->col);
	free(L->val);
	free(L->b);
	free(L->diag);
	free(L->row2);
	free(L);
}

/* A copy of L's arrays (everything derived included); NULL without memory. */
static linsys *ls_copy(int n, const long *rowptr, const int *col, const double *val,
                       const double *b)
{
	long nnz = rowptr[n];
	linsys *L = calloc(1, sizeof *L);
	if (!L)
		return NULL;
	L->n = n;
	L->rowptr = malloc((size_t)(n + 1) * sizeof *L->rowptr);
	L->col = malloc((size_t)(nnz ? nnz : 1) * sizeof *L->col);
	L->val = malloc((size_t)(nnz ? nnz : 1) * sizeof *L->val);
	L->b = malloc((size_t)n * sizeof *L->b);
	L->diag = calloc((size_t)n, sizeof *L->diag);
	L->row2 = calloc((size_t)n, sizeof *L->row2);
	if (!L->rowptr || !L->col || !L->val || !L->b || !L->diag || !L->row2) {
		ls_free(L);
		return NULL;
	}
	memcpy(L->rowptr, rowptr, (size_t)(n + 1) * sizeof *rowptr);
	memcpy(L->col, col, (size_t)nnz * sizeof *col);
	memcpy(L->val, val, (size_t)nnz * sizeof *val);
	memcpy(L->b, b, (size_t)n * sizeof *b);
	L->lmin = L->lmax = NAN;
	for (int i = 0; i < n; i++)
		for (long k = rowptr[i]; k < rowptr[i + 1]; k++) {
			if (col[k] == i)
				L->diag[i] = val[k];
			L->row2[i] += val[k] * val[k];
		}
	for (int i = 0; i < n; i++)
		L->fro2 += L->row2[i];
	return L;
}

/* A = A' exactly: every (i, j, v) has its (j, i, v); rows are sorted by column. */
static int ls_symmetric(const linsys *L)
{
	for (int i = 0; i < L->n; i++)
		for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++) {
			int j = L->col[k];
			long lo = L->rowptr[j], hi = L->rowptr[j + 1];
			while (lo < hi) { /* binary search for column i in row j */
				long mid = lo + (hi - lo) / 2;
				if (L->col[mid] < i)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == L->rowptr[j + 1] || L->col[lo] != i || L->val[lo] != L->val[k])
				return 0;
		}
	return 1;
}

static void *ls_clone(const void *ctx)
{
	const linsys *L = ctx;
	linsys *c = ls_copy(L->n, L->rowptr, L->col, L->val, L->b);
	if (c) {
		c->symmetric = L->symmetric;
		c->lmin = L->lmin;
		c->lmax = L->lmax;
	}
	return c;
}

static const prob_ops linsys_ops = {
    .value = ls_value,
    .grad = ls_grad,
    .batch = ls_batch,
    .clone = ls_clone,
    .free = ls_free,
};

prob *linsys_problem(const char *name, int n, const long *rowptr, const int *col,
                     const double *val, const double *b, const double *xstar, char *err,
                     size_t cap)
{
	if (n < 1 || rowptr[0] != 0 || rowptr[n] > LINSYS_MAX_NNZ) {
		snprintf(err, cap, "%s: a system needs n >= 1 rows and at most %ld stored entries",
		         name, LINSYS_MAX_NNZ);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		for (long k = rowptr[i]; k < rowptr[i + 1]; k++)
			if (col[k] < 0 || col[k] >= n || (k > rowptr[i] && col[k] <= col[k - 1]) ||
			    !isfinite(val[k])) {
				snprintf(err, cap, "%s: row %d of A is malformed", name, i + 1);
				return NULL;
			}
	linsys *L = ls_copy(n, rowptr, col, val, b);
	if (!L) {
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	L->symmetric = ls_symmetric(L);
	prob *p = prob_new(name, n, PROB_VALUE | PROB_GRAD | PROB_LINSYS, &linsys_ops, L);
	if (!p) {
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	if (xstar)
		prob_set_solutions(p, 1, xstar, 0);
	p->logscale = 1;
	return p;
}

const linsys *linsys_of(const prob *p)
{
	return p && p->ops == &linsys_ops ? p->ctx : NULL;
}

void linsys_set_spectrum(prob *p, double lmin, double lmax)
{
	if (p && p->ops == &linsys_ops) {
		linsys *L = p->ctx;
		L->lmin = lmin;
		L->lmax = lmax;
	}
}
