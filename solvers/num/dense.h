/* dense: small dense linear algebra for the second-order methods (Cholesky,
 * the shifted Cholesky that fixes indefinite Hessians, triangular solves).
 * Matrices are n x n, row-major; nothing here allocates. */
#ifndef OPTLAB_DENSE_H
#define OPTLAB_DENSE_H

/* Factors the symmetric a = L L' in place: L in the lower triangle (the
 * upper triangle is left as it was). 0, or -1 when a is not positive
 * definite (a is then partly overwritten). */
int dense_cholesky(double *a, int n);

/* Solves L L' x = b in place (b becomes x) with the factor from
 * dense_cholesky. */
void dense_cholesky_solve(const double *l, int n, double *b);

/* Cholesky of h + tau I with the smallest tau of the sequence 0 (when h's
 * diagonal is positive), beta, 2 beta, 4 beta, ... that succeeds, where
 * beta = 1e-3 max(1, |h|_F) (Nocedal & Wright, alg. 3.3). h is kept; the
 * factor goes to l. Returns tau, or -1 when 60 doublings do not suffice
 * (a non-finite h). */
double dense_cholesky_shifted(const double *h, int n, double *l);

/* Solves a x = b in place (b becomes x) by Gaussian elimination with partial
 * pivoting; a is overwritten. 0, or -1 when a is singular to working precision. */
int dense_solve(double *a, int n, double *b);

/* x'y with four partial sums (rounding differs from a plain loop, and the
 * loop runs about twice as fast). */
double dense_dot(const double *x, const double *y, int n);

/* Eigen-decomposition of the symmetric a = V diag(w) V' by cyclic Jacobi rotations
 * (dense_eig.c): a is overwritten, w gets the eigenvalues in increasing order and v
 * (n x n, may be NULL) the eigenvectors as columns, v[i*n + k] coordinate i of vector
 * k. 0, or -1 when a is not finite. */
int dense_eigsym(double *a, int n, double *w, double *v);

/* Householder QR of the m x n (m >= n) row-major a in place: R in the upper triangle
 * of the first n rows, the reflectors below; b (m values, may be NULL) becomes Q'b.
 * tau gets n reflector scales. */
void dense_qr(double *a, int m, int n, double *tau, double *b);

/* Solves R x = b (trans = 0) or R' x = b (trans = 1) in place, R the n x n upper
 * triangle of the row-major r with row stride ld. -1 when a diagonal entry is 0. */
int dense_trisolve(const double *r, int ld, int n, int trans, double *b);

#endif
