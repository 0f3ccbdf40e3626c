/* prob_sum: least squares, logistic and softmax regression over a dataset. One
 * kernel per row gives the scores z = X a_i (k of them), the loss and dloss/dz; the
 * mean, the components and the Hessian are sums of rows. The data is shared by
 * clones and by the problem's two contexts (oracle and sum) through a count. */
#include "prob_sum.h"

#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "expr.h"
#include "vmath.h"

#define PSUM_MAX_K DS_MAX_K /* classes: scores live on the stack */

typedef struct psum {
	ds *data;
	double lam;
	int n, d, k;
	atomic_int refs;
} psum;

static void *psum_ref(const void *ctx)
{
	psum *s = (psum *)ctx; /* the count is the only field written after construction */
	atomic_fetch_add(&s->refs, 1);
	return s;
}

static void psum_unref(void *ctx)
{
	psum *s = ctx;
	if (s && atomic_fetch_sub(&s->refs, 1) == 1) {
		ds_free(s->data);
		free(s);
	}
}

static double sq(const double *x, int n)
{
	double t = 0;
	for (int j = 0; j < n; j++)
		t += x[j] * x[j];
	return t;
}

/* Row i at x: scores z, dz = dloss/dz (NULL: not wanted); returns the loss, or 0
 * when want_loss is 0 (the gradient alone skips the logarithm). */
static double row_eval(const psum *s, long i, const double *x, double *z, double *dz,
                       int want_loss)
{
	int d = s->d, k = s->k;
	const double *a = s->data->a + (size_t)i * (size_t)d;
	double b = s->data->b[i];
	for (int c = 0; c < k; c++)
		z[c] = dense_dot(x + (size_t)c * (size_t)d, a, d);
	switch (s->data->kind) {
	case DS_LINEAR: {
		double r = z[0] - b;
		if (dz)
			dz[0] = r;
		return 0.5 * r * r;
	}
	case DS_LOGISTIC: {
		double t = -b * z[0]; /* loss log(1 + e^t), computed without overflow */
		if (dz)
			dz[0] = -b / (1 + exp(-t));
		if (!want_loss)
			return 0;
		return t > 0 ? t + log1p(exp(-t)) : log1p(exp(t));
	}
	case DS_SOFTMAX: {
		double zmax = z[0], tot = 0;
		for (int c = 1; c < k; c++)
			zmax = fmax(zmax, z[c]);
		for (int c = 0; c < k; c++)
			tot += exp(z[c] - zmax);
		double lse = zmax + log(tot);
		int bc = (int)b;
		if (dz)
			for (int c = 0; c < k; c++)
				dz[c] = exp(z[c] - lse) - (c == bc);
		return lse - z[bc];
	}
	}
	return NAN;
}

/* The second derivative of row i's loss in z (k x k), from dz of row_eval. */
static void row_curv(const psum *s, long i, const double *dz, double *h)
{
	int k = s->k;
	switch (s->data->kind) {
	case DS_LINEAR:
		h[0] = 1;
		break;
	case DS_LOGISTIC: {
		double sig = -s->data->b[i] * dz[0]; /* sigma(-b z) */
		h[0] = sig * (1 - sig);
		break;
	}
	case DS_SOFTMAX: {
		double p[PSUM_MAX_K];
		int bc = (int)s->data->b[i];
		for (int c = 0; c < k; c++)
			p[c] = dz[c] + (c == bc);
		for (int c = 0; c < k; c++)
			for (int e = 0; e < k; e++)
				h[c * k + e] = (c == e ? p[c] : 0) - p[c] * p[e];
		break;
	}
	}
}

static double psum_value(void *ctx, const double *x)
{
	const psum *s = ctx;
	double z[PSUM_MAX_K], t = 0;
	for (long i = 0; i < s->data->m; i++)
		t += row_eval(s, i, x, z, NULL, 1);
	return t / (double)s->data->m + 0.5 * s->lam * sq(x, s->n);
}

static double psum_grad(void *ctx, const double *x, double *g)
{
	const psum *s = ctx;
	int d = s->d, k = s->k;
	double z[PSUM_MAX_K], dz[PSUM_MAX_K], t = 0;
	memset(g, 0, (size_t)s->n * sizeof *g);
	for (long i = 0; i < s->data->m; i++) {
		t += row_eval(s, i, x, z, dz, 1);
		const double *a = s->data->a + (size_t)i * (size_t)d;
		for (int c = 0; c < k; c++) {
			double *gc = g + (size_t)c * (size_t)d;
			for (int j = 0; j < d; j++)
				gc[j] += dz[c] * a[j];
		}
	}
	double inv = 1 / (double)s->data->m;
	for (int j = 0; j < s->n; j++)
		g[j] = g[j] * inv + s->lam * x[j];
	return t * inv + 0.5 * s->lam * sq(x, s->n);
}

static double psum_comp_value(void *ctx, long i, const double *x)
{
	const psum *s = ctx;
	double z[PSUM_MAX_K];
	return row_eval(s, i, x, z, NULL, 1) + 0.5 * s->lam * sq(x, s->n);
}

/* The stochastic methods' inner loop: no loss value (a log per row) is computed. */
static void psum_comp_grad(void *ctx, long i, const double *x, double *g)
{
	const psum *s = ctx;
	int d = s->d, k = s->k;
	double z[PSUM_MAX_K], dz[PSUM_MAX_K], lam = s->lam;
	row_eval(s, i, x, z, dz, 0);
	const double *a = s->data->a + (size_t)i * (size_t)d;
	for (int c = 0; c < k; c++) {
		const double *xc = x + (size_t)c * (size_t)d;
		double *gc = g + (size_t)c * (size_t)d;
		for (int j = 0; j < d; j++)
			gc[j] = dz[c] * a[j] + lam * xc[j];
	}
}

/* Row i comes from memory at random: start loading it while the current one is used. */
static void psum_prefetch(void *ctx, long i)
{
	const psum *s = ctx;
	const char *a = (const char *)(s->data->a + (size_t)i * (size_t)s->d);
	size_t bytes = (size_t)s->d * sizeof(double);
	for (size_t o = 0; o < bytes; o += 64)
		__builtin_prefetch(a + o);
	__builtin_prefetch(s->data->b + i);
}

static double psum_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const psum *s = ctx;
	int d = s->d, k = s->k;
	double z[PSUM_MAX_K], dz[PSUM_MAX_K], u[PSUM_MAX_K], h[PSUM_MAX_K * PSUM_MAX_K], t = 0;
	memset(hv, 0, (size_t)s->n * sizeof *hv);
	for (long i = 0; i < s->data->m; i++) {
		const double *a = s->data->a + (size_t)i * (size_t)d;
		t += row_eval(s, i, x, z, dz, 1);
		row_curv(s, i, dz, h);
		for (int c = 0; c < k; c++)
			u[c] = dense_dot(v + (size_t)c * (size_t)d, a, d);
		for (int c = 0; c < k; c++) {
			double w = 0;
			for (int e = 0; e < k; e++)
				w += h[c * k + e] * u[e];
			double *hc = hv + (size_t)c * (size_t)d;
			for (int j = 0; j < d; j++)
				hc[j] += w * a[j];
		}
	}
	double inv = 1 / (double)s->data->m;
	for (int j = 0; j < s->n; j++)
		hv[j] = hv[j] * inv + s->lam * v[j];
	return t * inv + 0.5 * s->lam * sq(x, s->n);
}

static double psum_hess(void *ctx, const double *x, double *hm)
{
	const psum *s = ctx;
	int d = s->d, k = s->k;
	size_t n = (size_t)s->n;
	double z[PSUM_MAX_K], dz[PSUM_MAX_K], h[PSUM_MAX_K * PSUM_MAX_K], t = 0;
	memset(hm, 0, n * n * sizeof *hm);
	for (long i = 0; i < s->data->m && !((i & 255) == 255 && expr_interrupted()); i++) {
		const double *a = s->data->a + (size_t)i * (size_t)d;
		t += row_eval(s, i, x, z, dz, 1);
		row_curv(s, i, dz, h);
		for (int c = 0; c < k; c++)
			for (int e = 0; e < k; e++) {
				double w = h[c * k + e];
				for (int j = 0; j < d; j++) {
					double *row = hm + ((size_t)c * d + j) * n + (size_t)e * d;
					for (int l = 0; l < d; l++)
						row[l] += w * a[j] * a[l];
				}
			}
	}
	double inv = 1 / (double)s->data->m;
	for (size_t j = 0; j < n * n; j++)
		hm[j] *= inv;
	for (size_t j = 0; j < n; j++)
		hm[j * n + j] += s->lam;
	return t * inv + 0.5 * s->lam * sq(x, s->n);
}

#define PSUM_BLOCK 64 /* points a pass over the data: their coordinates stay in cache */
#define PSUM_ROWS 256 /* rows whose margins and losses a point takes at once */

/* z_r = a_r'x for NR rows from A: dense_dot's sums (one accumulator below 4 terms). */
static void margins(const double *x, const double *a, int d, int nr, double *z)
{
	if (d == 1)
		for (int r = 0; r < nr; r++)
			z[r] = x[0] * a[r];
	else if (d == 2)
		for (int r = 0; r < nr; r++)
			z[r] = x[0] * a[2 * r] + x[1] * a[2 * r + 1];
	else
		for (int r = 0; r < nr; r++)
			z[r] = dense_dot(x, a + (size_t)r * (size_t)d, d);
}

/* Least squares and logistic loss (one score a row): for each point of the block the
 * margins of a few rows (the block times those rows is one dense product, kept in
 * cache), their losses at once, then summed in psum_value's order. Least squares gives
 * psum_value's bits; the logistic loss goes through vmath_softplus, within a few ulps
 * of libm's exp and log1p, and 2 to 3 times as fast (vector code). */
static void batch_linear(const psum *s, const double *xb, int nb, double *out)
{
	double z[PSUM_ROWS];
	int d = s->d, rows = 32768 / d; /* rows of a pass: 256 KB of data at most */
	rows = rows < 1 ? 1 : rows > PSUM_ROWS ? PSUM_ROWS : rows;
	bool logistic = s->data->kind == DS_LOGISTIC;
	for (long i0 = 0; i0 < s->data->m; i0 += rows) {
		int nr = s->data->m - i0 < rows ? (int)(s->data->m - i0) : rows;
		const double *a = s->data->a + (size_t)i0 * (size_t)d, *b = s->data->b + i0;
		for (int p = 0; p < nb; p++) {
			margins(xb + (size_t)p * (size_t)d, a, d, nr, z);
			if (logistic) {
				for (int r = 0; r < nr; r++)
					z[r] = -b[r] * z[r];
				vmath_softplus(z, z, nr);
			} else {
				for (int r = 0; r < nr; r++)
					z[r] = 0.5 * (z[r] - b[r]) * (z[r] - b[r]);
			}
			double t = out[p];
			for (int r = 0; r < nr; r++)
				t += z[r];
			out[p] = t;
		}
	}
}

/* Values at K points, the data streamed once per block of points instead of once per
 * point (m = 10^5 rows do not fit a cache; a block of points does), in the order of
 * psum_value's sum: softmax and least squares to the bit, logistic to a few ulps. */
static void psum_batch(void *ctx, int k, const double *const *cols, const int *strides,
                       double *out)
{
	const psum *s = ctx;
	int n = s->n;
	double *xb = malloc((size_t)PSUM_BLOCK * (size_t)n * sizeof *xb);
	if (!xb) {
		prob_batch_each(psum_value, ctx, n, k, cols, strides, out);
		return;
	}
	double z[PSUM_MAX_K];
	for (int p0 = 0; p0 < k; p0 += PSUM_BLOCK) {
		int nb = k - p0 < PSUM_BLOCK ? k - p0 : PSUM_BLOCK;
		for (int p = 0; p < nb; p++) {
			for (int j = 0; j < n; j++)
				xb[(size_t)p * n + j] =
				    cols[j][(size_t)(p0 + p) * (size_t)(strides ? strides[j] : 1)];
			out[p0 + p] = 0;
		}
		if (s->data->kind != DS_SOFTMAX)
			batch_linear(s, xb, nb, out + p0);
		else
			for (long i = 0; i < s->data->m; i++)
				for (int p = 0; p < nb; p++)
					out[p0 + p] += row_eval(s, i, xb + (size_t)p * n, z, NULL, 1);
		for (int p = 0; p < nb; p++)
			out[p0 + p] = out[p0 + p] / (double)s->data->m +
			              0.5 * s->lam * sq(xb + (size_t)p * n, n);
	}
	free(xb);
}

static const prob_ops psum_ops = {
    .value = psum_value,
    .grad = psum_grad,
    .hessvec = psum_hessvec,
    .hess = psum_hess,
    .batch = psum_batch,
    .clone = psum_ref,
    .free = psum_unref,
};

/* L_max = max_i |a_i|^2 c + lambda, c the loss's largest curvature in z: least
 * squares 1 and logistic 1/4 (at z = 0) exactly; softmax 1/2 bounds the norm of
 * diag(p) - pp' (Bohning 1992). */
static double psum_lmax(const psum *s)
{
	double c = s->data->kind == DS_LINEAR ? 1 : s->data->kind == DS_LOGISTIC ? 0.25 : 0.5;
	double top = 0;
	for (long i = 0; i < s->data->m; i++)
		top = fmax(top, sq(s->data->a + (size_t)i * (size_t)s->d, s->d));
	return c * top + s->lam;
}

/* Newton from 0 with backtracking until |g| <= 1e-12 (one step for least squares).
 * 0 with x* in x, or -1 (a singular Hessian, no convergence, no memory). */
static int psum_solve(psum *s, double *x)
{
	size_t n = (size_t)s->n;
	double *g = malloc(n * sizeof *g), *h = malloc(n * n * sizeof *h);
	double *xt = malloc(n * sizeof *xt);
	int ok = -1;
	if (!g || !h || !xt)
		goto out;
	memset(x, 0, n * sizeof *x);
	for (int it = 0; it < 100; it++) {
		double f = psum_grad(s, x, g), gn = sqrt(sq(g, (int)n));
		if (gn <= 1e-12) {
			ok = 0;
			break;
		}
		if (expr_interrupted()) /* Ctrl-C during set-up: x* stays unknown */
			break;
		psum_hess(s, x, h);
		if (expr_interrupted() || dense_cholesky(h, (int)n))
			break;
		dense_cholesky_solve(h, (int)n, g); /* g becomes the Newton step */
		double t = 1;
		for (int ls = 0; ls < 50; ls++, t *= 0.5) {
			for (size_t j = 0; j < n; j++)
				xt[j] = x[j] - t * g[j];
			if (psum_value(s, xt) <= f)
				break;
			/* near x* the decrease of f drowns in rounding while |g| still
			 * falls quadratically: accept a full step that halves it */
			if (t == 1) { /* h, factored already, serves as scratch */
				psum_grad(s, xt, h);
				if (sqrt(sq(h, (int)n)) <= 0.5 * gn)
					break;
			}
		}
		if (memcmp(xt, x, n * sizeof *x) == 0) {
			psum_grad(s, x, g); /* rounding stops the descent: accept a small gradient */
			ok = sqrt(sq(g, (int)n)) <= 1e-9 ? 0 : -1;
			break;
		}
		memcpy(x, xt, n * sizeof *x);
	}
out:
	free(g);
	free(h);
	free(xt);
	return ok;
}

/* Linear least squares as residuals: r_i = (a_i'x - b_i) / sqrt(2m), and
 * sqrt(lambda/2) x_j when lambda > 0, so that sum r^2 is f. */
static double psum_lsq(void *ctx, const double *x, double *r, double *jac)
{
	const psum *s = ctx;
	long m = s->data->m;
	int d = s->d;
	double c = 1 / sqrt(2.0 * (double)m), l = sqrt(0.5 * s->lam), f = 0;
	for (long i = 0; i < m; i++) {
		const double *a = s->data->a + (size_t)i * (size_t)d;
		r[i] = c * (dense_dot(x, a, d) - s->data->b[i]);
		f += r[i] * r[i];
		if (jac)
			for (int j = 0; j < d; j++)
				jac[(size_t)i * d + j] = c * a[j];
	}
	for (int j = 0; s->lam > 0 && j < d; j++) {
		r[m + j] = l * x[j];
		f += r[m + j] * r[m + j];
		if (jac)
			for (int k = 0; k < d; k++)
				jac[(size_t)(m + j) * d + k] = j == k ? l : 0;
	}
	return f;
}

static double psum_resid(void *ctx, const double *x, double *r)
{
	return psum_lsq(ctx, x, r, NULL);
}

static const prob_lsq psum_lsq_ops = {.resid = psum_resid, .jac = psum_lsq};

prob *psum_new(const char *name, ds *data, double lambda, int solve, char *err, size_t cap)
{
	if (!data || data->k > PSUM_MAX_K || !(lambda >= 0)) {
		snprintf(err, cap, "%s: bad data or lambda", name);
		ds_free(data);
		return NULL;
	}
	psum *s = calloc(1, sizeof *s);
	prob_sum *sum = calloc(1, sizeof *sum);
	if (!s || !sum) {
		free(s);
		free(sum);
		ds_free(data);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	s->data = data;
	s->lam = lambda;
	s->d = data->d;
	s->k = data->k;
	s->n = data->k * data->d;
	atomic_init(&s->refs, 1);
	prob *p = prob_new(name, s->n, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_SUM, &psum_ops, s);
	if (!p) {
		free(sum);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	sum->m = data->m;
	sum->lmax = psum_lmax(s);
	sum->comp_grad = psum_comp_grad;
	sum->comp_value = psum_comp_value;
	sum->prefetch = psum_prefetch;
	sum->ctx = psum_ref(s);
	sum->free = psum_unref;
	sum->clone = psum_ref;
	p->sum = sum;
	p->caps |= PROB_SUM;
	if (data->kind == DS_LINEAR) {
		p->caps |= PROB_LSQ;
		p->lsq = &psum_lsq_ops;
		p->lsq_m = data->m + (lambda > 0 ? data->d : 0);
	}
	if (solve) {
		double *x = malloc((size_t)s->n * sizeof *x);
		if (x && psum_solve(s, x) == 0) {
			prob_set_solutions(p, 1, x, psum_value(s, x));
			double r = 0;
			for (int j = 0; j < s->n; j++)
				r = fmax(r, fabs(x[j]));
			if (s->n >= 2)
				prob_set_view(p, x[0] - 1.5 * r - 1, x[0] + 1.5 * r + 1,
				              x[1] - 1.5 * r - 1, x[1] + 1.5 * r + 1);
		}
		free(x);
	}
	return p;
}

const ds *psum_data(const prob *p, double *lambda)
{
	const psum *s = p && p->ops == &psum_ops ? p->ctx : NULL;
	if (!s)
		return NULL;
	*lambda = s->lam;
	return s->data;
}
