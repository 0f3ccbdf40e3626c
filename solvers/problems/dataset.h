/* dataset: generated data for finite-sum problems. A design matrix of m rows
 * a_i in R^d (dense, row-major) drawn i.i.d. N(0, I/d); labels from a kept
 * ground truth:
 *
 *   DS_LINEAR    b_i = a_i'w + noise * N(0, 1)               (w: d values)
 *   DS_LOGISTIC  b_i = +1 with probability 1/(1 + exp(-a_i'w)), else -1
 *   DS_SOFTMAX   b_i = class c with probability softmax(W a_i)_c, c in 0..k-1
 *                (W: k x d row-major; b_i stored as a double)
 *
 * The ground truth has N(0, scale^2) entries, so that a_i'w is about N(0, scale^2)
 * whatever d. The same seed gives the same data on every machine (rng.h).
 *
 * Ownership: ds_gauss, ds_new and ds_clone return a dataset the caller frees with ds_free. */
#ifndef OPTLAB_DATASET_H
#define OPTLAB_DATASET_H

#include <stdint.h>

enum ds_kind { DS_LINEAR, DS_LOGISTIC, DS_SOFTMAX };

#define DS_MAX_K 64 /* classes of DS_SOFTMAX: their scores live on the stack */

typedef struct ds {
	enum ds_kind kind;
	long m;        /* rows */
	int d;         /* features */
	int k;         /* classes (DS_SOFTMAX), else 1 */
	double *a;     /* m x d, row-major */
	double *b;     /* m labels */
	double *wtrue; /* the ground truth: k x d */
} ds;

/* NULL on bad sizes (m < 1, d < 1, k < 2 for softmax) or without memory. */
ds *ds_gauss(enum ds_kind kind, long m, int d, int k, double scale, double noise,
             uint64_t seed);
/* Room for data from elsewhere (a file): a and b for the caller to fill, wtrue zero (no
 * ground truth). NULL on bad sizes or without memory. */
ds *ds_new(enum ds_kind kind, long m, int d, int k);
/* Sparse coding (DS_LINEAR): a dictionary D (m x d, N(0, 1) entries, columns scaled to
 * unit norm), a k-sparse code w (support drawn without replacement, values
 * +-(1 + U(0, 1))) kept as wtrue, a signal y = D w + noise N(0, 1). Rows and labels are
 * stored times sqrt(m), so that the mean over rows of 1/2 (a_i'x - b_i)^2 is
 * 1/2 |y - D x|^2. NULL on bad sizes (k > d) or without memory. */
ds *ds_sparse_code(long m, int d, int k, double noise, uint64_t seed);
ds *ds_clone(const ds *s);
void ds_free(ds *s);

#endif
