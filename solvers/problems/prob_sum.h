/* prob_sum: finite-sum problems over a dataset, f = (1/m) sum_i f_i with
 *
 *   psum_leastsq  f_i(x) = 1/2 (a_i'x - b_i)^2 + lambda/2 |x|^2
 *   psum_logreg   f_i(x) = log(1 + exp(-b_i a_i'x)) + lambda/2 |x|^2     (b_i = +-1)
 *   psum_softmax  f_i(X) = logsumexp(X a_i) - (X a_i)_{b_i} + lambda/2 |X|^2
 *                 (X: k x d row-major, n = k d; b_i a class index)
 *
 * Each offers the value, gradient, Hessian-vector products and the dense Hessian of
 * the mean, a batch of values (grids), and PROB_SUM with per-component values and
 * gradients. With lambda > 0 the minimizer is unique; when solve is set it is
 * computed (least squares: the normal equations by Cholesky; logistic and softmax:
 * Newton from 0 until |grad| <= 1e-12) and kept as the known solution.
 *
 * Ownership: the problem takes the dataset (freed with the problem, also on failure);
 * clones share it (read-only, reference counted). */
#ifndef OPTLAB_PROB_SUM_H
#define OPTLAB_PROB_SUM_H

#include <stddef.h>

#include "dataset.h"
#include "prob.h"

/* NULL and a message in err on failure. The dataset's kind picks the loss. */
prob *psum_new(const char *name, ds *data, double lambda, int solve, char *err, size_t cap);
/* The dataset behind a problem made by psum_new (shared, read-only) and its lambda in
 * *lambda; NULL for other problems. */
const ds *psum_data(const prob *p, double *lambda);

#endif
