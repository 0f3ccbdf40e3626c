/* lqr: J(K) and its policy gradient by Lyapunov equations (doubling), K* by Riccati. */
#include "lqr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

typedef struct lqr {
	int n, m;
	double *A, *B, *Q, *R; /* n n, n m, n n, m m */
} lqr;

/* C = op(X) op(Y) for r x k times k x c, op the transpose where tx / ty. */
static void mul(const double *X, int tx, const double *Y, int ty, double *C, int r, int k,
                int c)
{
	for (int i = 0; i < r; i++)
		for (int j = 0; j < c; j++) {
			double s = 0;
			for (int t = 0; t < k; t++)
				s += (tx ? X[(size_t)t * r + i] : X[(size_t)i * k + t]) *
				     (ty ? Y[(size_t)j * k + t] : Y[(size_t)t * c + j]);
			C[(size_t)i * c + j] = s;
		}
}

/* P = sum_t M'^t W M^t (transpose: M^t W M'^t) by doubling; -1 when M is unstable. */
static int lyapunov(const double *M, const double *W, int n, int transpose, double *P,
                    double *work)
{
	double *Mk = work, *T = work + n * n, *U = work + 2 * n * n;
	memcpy(P, W, (size_t)n * n * sizeof *P);
	memcpy(Mk, M, (size_t)n * n * sizeof *Mk);
	for (int it = 0; it < 64; it++) {
		double norm = 0;
		for (int i = 0; i < n * n; i++)
			norm += Mk[i] * Mk[i];
		if (!(norm < 1e30))
			return -1;
		if (norm < 1e-40)
			return 0;
		if (transpose) { /* P += Mk P Mk' */
			mul(Mk, 0, P, 0, T, n, n, n);
			mul(T, 0, Mk, 1, U, n, n, n);
		} else { /* P += Mk' P Mk */
			mul(Mk, 1, P, 0, T, n, n, n);
			mul(T, 0, Mk, 0, U, n, n, n);
		}
		for (int i = 0; i < n * n; i++)
			P[i] += U[i];
		mul(Mk, 0, Mk, 0, T, n, n, n);
		memcpy(Mk, T, (size_t)n * n * sizeof *Mk);
	}
	return -1; /* 2^64 steps without decay: unstable or at its edge */
}

/* J(K) and, where g is given, its gradient (m x n). */
static double lqr_eval(const lqr *q, const double *K, double *g)
{
	int n = q->n, m = q->m;
	size_t nn = (size_t)n * n;
	double *buf = malloc((8 * nn + 4 * (size_t)m * n + 2 * (size_t)m * m) * sizeof *buf);
	if (!buf)
		return NAN;
	double *M = buf, *W = M + nn, *P = W + nn, *work = P + nn; /* work: 3 nn */
	double *S = work + 3 * nn, *BK = S + nn, *KR = BK + nn, *E = KR + (size_t)m * n;
	double *BP = E + (size_t)m * n, *H = BP + (size_t)m * n, *T = H + (size_t)m * m;
	mul(q->B, 0, K, 0, BK, n, m, n);
	for (size_t i = 0; i < nn; i++)
		M[i] = q->A[i] - BK[i];
	mul(q->R, 0, K, 0, KR, m, m, n); /* R K */
	mul(K, 1, KR, 0, W, n, m, n);    /* K'RK */
	for (size_t i = 0; i < nn; i++)
		W[i] += q->Q[i];
	double J = INFINITY;
	if (lyapunov(M, W, n, 0, P, work) == 0) {
		J = 0;
		for (int i = 0; i < n; i++)
			J += P[(size_t)i * n + i];
	}
	if (g) {
		for (int i = 0; i < m * n; i++)
			g[i] = NAN;
		double *I = W; /* Sigma_K = sum M^t M'^t */
		memset(I, 0, nn * sizeof *I);
		for (int i = 0; i < n; i++)
			I[(size_t)i * n + i] = 1;
		if (isfinite(J) && lyapunov(M, I, n, 1, S, work) == 0) {
			mul(q->B, 1, P, 0, BP, m, n, n); /* B'P */
			mul(BP, 0, q->B, 0, H, m, n, m); /* B'PB */
			for (int i = 0; i < m * m; i++)
				H[i] += q->R[i];
			mul(H, 0, K, 0, E, m, m, n);     /* (R + B'PB) K */
			mul(BP, 0, q->A, 0, T, m, n, n); /* B'PA: T has room (m n <= m m + ...) */
			for (int i = 0; i < m * n; i++)
				E[i] -= T[i];
			mul(E, 0, S, 0, g, m, n, n);
			for (int i = 0; i < m * n; i++)
				g[i] *= 2;
		}
	}
	free(buf);
	return J;
}

static double op_value(void *ctx, const double *x) { return lqr_eval(ctx, x, NULL); }
static double op_grad(void *ctx, const double *x, double *g) { return lqr_eval(ctx, x, g); }

static void op_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	const lqr *q = ctx;
	prob_batch_each(op_value, ctx, q->n * q->m, k, cols, strides, out);
}

static void op_free(void *ctx)
{
	lqr *q = ctx;
	if (q) {
		free(q->A);
		free(q->B);
		free(q->Q);
		free(q->R);
		free(q);
	}
}

static lqr *copy(int n, int m, const double *A, const double *B, const double *Q,
                 const double *R)
{
	lqr *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->n = n;
	q->m = m;
	q->A = malloc((size_t)n * n * sizeof *q->A);
	q->B = malloc((size_t)n * m * sizeof *q->B);
	q->Q = malloc((size_t)n * n * sizeof *q->Q);
	q->R = malloc((size_t)m * m * sizeof *q->R);
	if (!q->A || !q->B || !q->Q || !q->R) {
		op_free(q);
		return NULL;
	}
	memcpy(q->A, A, (size_t)n * n * sizeof *A);
	memcpy(q->B, B, (size_t)n * m * sizeof *B);
	memcpy(q->Q, Q, (size_t)n * n * sizeof *Q);
	memcpy(q->R, R, (size_t)m * m * sizeof *R);
	return q;
}

static void *op_clone(const void *ctx)
{
	const lqr *q = ctx;
	return copy(q->n, q->m, q->A, q->B, q->Q, q->R);
}

static const prob_ops lqr_ops = {
    .value = op_value,
    .grad = op_grad,
    .batch = op_batch,
    .clone = op_clone,
    .free = op_free,
};

/* K* = (R + B'PB)^-1 B'PA with P the Riccati fixed point (value iteration on P from Q);
 * -1 when it does not settle. */
static int riccati(const lqr *q, double *K)
{
	int n = q->n, m = q->m, rc = -1;
	size_t nn = (size_t)n * n;
	double *buf = malloc((4 * nn + 3 * (size_t)m * n + 2 * (size_t)m * m) * sizeof *buf);
	if (!buf)
		return -1;
	double *P = buf, *Pn = P + nn, *T = Pn + nn, *U = T + nn, *BP = U + nn;
	double *BPA = BP + (size_t)m * n, *X = BPA + (size_t)m * n, *H = X + (size_t)m * n;
	double *H2 = H + (size_t)m * m;
	memcpy(P, q->Q, nn * sizeof *P);
	for (int it = 0; it < 100000; it++) {
		mul(q->B, 1, P, 0, BP, m, n, n);
		mul(BP, 0, q->A, 0, BPA, m, n, n);
		mul(BP, 0, q->B, 0, H, m, n, m);
		for (int i = 0; i < m * m; i++)
			H[i] += q->R[i];
		for (int j = 0; j < n; j++) { /* X = H^-1 B'PA, column by column */
			double col[LQR_MAX];
			for (int i = 0; i < m; i++)
				col[i] = BPA[(size_t)i * n + j];
			memcpy(H2, H, (size_t)m * m * sizeof *H2);
			if (dense_solve(H2, m, col))
				goto out;
			for (int i = 0; i < m; i++)
				X[(size_t)i * n + j] = col[i];
		}
		mul(q->A, 1, P, 0, T, n, n, n); /* A'PA - (B'PA)' X + Q */
		mul(T, 0, q->A, 0, Pn, n, n, n);
		mul(BPA, 1, X, 0, U, n, m, n);
		double change = 0, size = 0;
		for (size_t i = 0; i < nn; i++) {
			Pn[i] += q->Q[i] - U[i];
			change = fmax(change, fabs(Pn[i] - P[i]));
			size = fmax(size, fabs(Pn[i]));
		}
		memcpy(P, Pn, nn * sizeof *P);
		memcpy(K, X, (size_t)m * n * sizeof *K);
		if (change <= 1e-15 * size) {
			rc = 0;
			break;
		}
	}
out:
	free(buf);
	return rc;
}

prob *lqr_problem(const char *name, int n, int m, const double *A, const double *B,
                  const double *Q, const double *R, char *err, size_t cap)
{
	if (n < 1 || m < 1 || n > LQR_MAX || m > LQR_MAX) {
		snprintf(err, cap, "%s: 1 .. %d states and inputs", name, LQR_MAX);
		return NULL;
	}
	lqr *q = copy(n, m, A, B, Q, R);
	double *K = calloc((size_t)n * m, sizeof *K);
	if (!q || !K) {
		op_free(q);
		free(K);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	if (riccati(q, K) || !isfinite(lqr_eval(q, K, NULL))) {
		op_free(q);
		free(K);
		snprintf(err, cap, "%s: the Riccati equation has no stabilizing solution", name);
		return NULL;
	}
	double Jstar = lqr_eval(q, K, NULL);
	prob *p = prob_new(name, n * m, PROB_VALUE | PROB_GRAD | PROB_POLICY, &lqr_ops, q);
	if (p)
		prob_set_solutions(p, 1, K, Jstar);
	else
		snprintf(err, cap, "%s: out of memory", name);
	free(K);
	return p;
}

int lqr_is(const prob *p)
{
	return p && p->ops == &lqr_ops;
}
