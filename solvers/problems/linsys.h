/* linsys: a linear system A x = b as a problem, for the relaxation and Krylov methods
 * (methods/linear/). A is stored by rows (CSR). The problem's value is the residual norm
 * f(x) = |A x - b|, so f* = 0 and the convergence picture is the residual; its gradient
 * A'(A x - b) / |A x - b| serves any other method of the catalogue. The stationarity
 * measure of the kind is the residual norm itself.
 *
 * Ownership: linsys_problem copies its inputs into a problem freed by prob_free. */
#ifndef OPTLAB_LINSYS_H
#define OPTLAB_LINSYS_H

#include <stddef.h>

#include "prob.h"

#define LINSYS_MAX_NNZ 50000000L /* stored entries of A */

typedef struct linsys {
	int n;
	long *rowptr;   /* n + 1 offsets into col and val */
	int *col;       /* column of each entry, increasing within a row */
	double *val;
	double *b;
	double *diag;   /* a_ii (0 where absent) */
	double *row2;   /* |a_i|^2 of each row, for Kaczmarz */
	double fro2;    /* |A|_F^2 */
	int symmetric;  /* A = A' exactly */
	double lmin, lmax; /* bounds on the spectrum of a symmetric positive definite A, or NAN */
} linsys;

/* A new problem A x = b from n rows in CSR form (copied). xstar (n values, may be NULL)
 * is the known solution. NULL and a message in err on failure (a zero or missing
 * diagonal is allowed: the methods that need one say so). */
prob *linsys_problem(const char *name, int n, const long *rowptr, const int *col,
                     const double *val, const double *b, const double *xstar, char *err,
                     size_t cap);
/* The system of p, or NULL when p is not a linear-system problem. */
const linsys *linsys_of(const prob *p);
/* Records known spectrum bounds of a symmetric positive definite A (Chebyshev, bounds). */
void linsys_set_spectrum(prob *p, double lmin, double lmax);
/* y = A x. */
void linsys_matvec(const linsys *L, const double *x, double *y);
/* r = b - A x (r may be NULL); returns |r|. */
double linsys_residual(const linsys *L, const double *x, double *r);
/* Gershgorin's bounds on the eigenvalues of a symmetric A: [*lo, *hi]. */
void linsys_gershgorin(const linsys *L, double *lo, double *hi);

#endif
