/* problib_linsys: linear systems A x = b with a known solution: x* is drawn (seeded,
 * uniform in [-1, 1]) and b = A x*. The 2-D Poisson matrix (5-point Laplacian on an
 * m x m grid, Dirichlet boundary: the classic model problem of relaxation methods, with
 * its spectrum in closed form), a random SPD matrix of chosen condition, and a sparse
 * strictly diagonally dominant nonsymmetric matrix. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linsys.h"
#include "problib_int.h"
#include "rng.h"

#define RANDSPD_MAX 1000 /* a random SPD matrix is dense */
#define DIAGDOM_OFF 4    /* off-diagonal entries per row of diagdom */

const param_def problib_poisson_params[2] = {
    {"m", 16, 1, 2000, "grid side: n = m^2 unknowns", NULL, 1},
    {"seed", 1, 0, 9007199254740992.0, "seed of the solution x*", NULL, 1},
};
const param_def problib_randspd_params[3] = {
    {"n", 50, 1, RANDSPD_MAX, "dimension (dense)", NULL, 1},
    {"cond", 100, 1, 1e12, "condition number (eigenvalues log-spaced from 1 to cond)", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of the rotation and of x*", NULL, 1},
};
const param_def problib_diagdom_params[3] = {
    {"n", 100, 2, 1e6, "dimension (4 off-diagonal entries a row)", NULL, 1},
    {"margin", 0.5, 1e-6, 1e6, "a_ii = (1 + margin) sum_j |a_ij|", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of the entries and of x*", NULL, 1},
};

/* The CSR arrays being built, and x*. */
typedef struct build {
	int n;
	long *rowptr;
	int *col;
	double *val, *b, *xs;
} build;

static int build_alloc(build *B, int n, long nnz, char *err, size_t cap, const char *who)
{
	B->n = n;
	B->rowptr = malloc((size_t)(n + 1) * sizeof *B->rowptr);
	B->col = malloc((size_t)nnz * sizeof *B->col);
	B->val = malloc((size_t)nnz * sizeof *B->val);
	B->b = malloc((size_t)n * sizeof *B->b);
	B->xs = malloc((size_t)n * sizeof *B->xs);
	if (B->rowptr && B->col && B->val && B->b && B->xs)
		return 0;
	snprintf(err, cap, "%s: out of memory", who);
	return -1;
}

static void build_free(build *B)
{
	free(B->rowptr);
	free(B->col);
	free(B->val);
	free(B->b);
	free(B->xs);
}

/* x* from r, b = A x*, then the problem with its description. */
static prob *build_finish(build *B, rng *r, const char *name, const char *desc, char *err,
                          size_t cap)
{
	for (int i = 0; i < B->n; i++)
		B->xs[i] = 2 * rng_uniform(r) - 1;
	for (int i = 0; i < B->n; i++) {
		double s = 0;
		for (long k = B->rowptr[i]; k < B->rowptr[i + 1]; k++)
			s += B->val[k] * B->xs[B->col[k]];
		B->b[i] = s;
	}
	prob *p = linsys_problem(name, B->n, B->rowptr, B->col, B->val, B->b, B->xs, err, cap);
	if (p && prob_set_desc(p, desc)) {
		prob_free(p);
		p = NULL;
		snprintf(err, cap, "%s: out of memory", name);
	}
	return p;
}

prob *problib_poisson(const double *v, char *err, size_t cap)
{
	int m = (int)v[0], n = m * m;
	build B = {0};
	prob *p = NULL;
	if (build_alloc(&B, n, 5L * n, err, cap, "poisson"))
		goto out;
	long k = 0;
	for (int i = 0; i < m; i++)
		for (int j = 0; j < m; j++) { /* unknown (i, j) is row i m + j; columns increase */
			B.rowptr[i * m + j] = k;
			if (i > 0)
				B.col[k] = (i - 1) * m + j, B.val[k++] = -1;
			if (j > 0)
				B.col[k] = i * m + j - 1, B.val[k++] = -1;
			B.col[k] = i * m + j, B.val[k++] = 4;
			if (j < m - 1)
				B.col[k] = i * m + j + 1, B.val[k++] = -1;
			if (i < m - 1)
				B.col[k] = (i + 1) * m + j, B.val[k++] = -1;
		}
	B.rowptr[n] = k;
	rng r;
	rng_seed(&r, (uint64_t)v[1]);
	char desc[160];
	snprintf(desc, sizeof desc, "A x = b, A the 5-point Laplacian on a %d x %d grid (n = %d)",
	         m, m, n);
	if ((p = build_finish(&B, &r, "poisson", desc, err, cap))) {
		double c = cos(M_PI / (m + 1)); /* eigenvalues 4 - 2 cos(i h) - 2 cos(j h) */
		linsys_set_spectrum(p, 4 - 4 * c, 4 + 4 * c);
	}
out:
	build_free(&B);
	return p;
}

prob *problib_randspd(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	double cond = v[1];
	build B = {0};
	prob *p = NULL;
	double *qm = malloc((size_t)n * (size_t)n * sizeof *qm);
	double *lam = malloc((size_t)n * sizeof *lam);
	if (!qm || !lam) {
		snprintf(err, cap, "randspd: out of memory");
		goto out;
	}
	if (build_alloc(&B, n, (long)n * n, err, cap, "randspd"))
		goto out;
	if (problib_rotation(qm, n, (uint64_t)v[2])) {
		snprintf(err, cap, "randspd: degenerate random rotation");
		goto out;
	}
	for (int i = 0; i < n; i++)
		lam[i] = n > 1 ? pow(cond, (double)i / (n - 1)) : 1;
	memset(B.val, 0, (size_t)n * (size_t)n * sizeof *B.val);
	for (int k = 0; k < n; k++) { /* A = Q' diag(lam) Q, Q's rows orthonormal */
		const double *rk = qm + (size_t)k * n;
		for (int i = 0; i < n; i++)
			for (int j = 0; j <= i; j++)
				B.val[(size_t)i * n + j] += rk[i] * lam[k] * rk[j];
	}
	for (int i = 0; i < n; i++) {
		B.rowptr[i] = (long)i * n;
		for (int j = 0; j < n; j++)
			B.col[(size_t)i * n + j] = j;
		for (int j = i + 1; j < n; j++) /* exactly symmetric */
			B.val[(size_t)i * n + j] = B.val[(size_t)j * n + i];
	}
	B.rowptr[n] = (long)n * n;
	rng r;
	rng_seed(&r, (uint64_t)v[2] ^ 0x5bd1e995u); /* x* apart from the rotation's draws */
	char desc[160];
	snprintf(desc, sizeof desc, "A x = b, A = Q' diag(1 .. %g) Q dense SPD (n = %d)", cond, n);
	if ((p = build_finish(&B, &r, "randspd", desc, err, cap)))
		linsys_set_spectrum(p, 1, cond);
out:
	free(qm);
	free(lam);
	build_free(&B);
	return p;
}

prob *problib_diagdom(const double *v, char *err, size_t cap)
{
	int n = (int)v[0], off = n - 1 < DIAGDOM_OFF ? n - 1 : DIAGDOM_OFF;
	double margin = v[1];
	build B = {0};
	prob *p = NULL;
	if (build_alloc(&B, n, (long)n * (off + 1), err, cap, "diagdom"))
		goto out;
	rng r;
	rng_seed(&r, (uint64_t)v[2]);
	long k = 0;
	int cols[DIAGDOM_OFF + 1];
	for (int i = 0; i < n; i++) {
		int c = 0;
		while (c < off) { /* distinct off-diagonal columns */
			int j = (int)rng_below(&r, n), dup = j == i;
			for (int t = 0; t < c; t++)
				dup |= cols[t] == j;
			if (!dup)
				cols[c++] = j;
		}
		cols[c++] = i;
		for (int a = 1; a < c; a++) /* sort the row's columns */
			for (int t = a; t > 0 && cols[t - 1] > cols[t]; t--) {
				int s = cols[t];
				cols[t] = cols[t - 1];
				cols[t - 1] = s;
			}
		B.rowptr[i] = k;
		double sum = 0;
		long kd = 0;
		for (int t = 0; t < c; t++) {
			B.col[k] = cols[t];
			if (cols[t] == i)
				kd = k;
			else
				sum += fabs(B.val[k] = 2 * rng_uniform(&r) - 1);
			k++;
		}
		B.val[kd] = (1 + margin) * (sum > 0 ? sum : 1);
	}
	B.rowptr[n] = k;
	char desc[160];
	snprintf(desc, sizeof desc,
	         "A x = b, A sparse nonsymmetric, a_ii = %g sum |a_ij| (n = %d)", 1 + margin, n);
	p = build_finish(&B, &r, "diagdom", desc, err, cap);
out:
	build_free(&B);
	return p;
}
