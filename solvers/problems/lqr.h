/* lqr: the linear-quadratic regulator as a problem over a linear policy's gain: the
 * system x+ = A x + B u with u = -K x from x0 ~ N(0, I), the cost
 *   J(K) = E sum_t x'Qx + u'Ru = tr(P_K),  P_K = Q + K'RK + (A - BK)' P_K (A - BK),
 * infinite where A - BK is unstable, with the policy gradient of Fazel, Ge, Kakade &
 * Mesbahi (2018): grad J = 2 ((R + B'P_K B) K - B'P_K A) Sigma_K, Sigma_K the state
 * covariance sum_t (A - BK)^t (A - BK)'^t. The iterate is K (m x n, row-major); the
 * optimum is the Riccati gain K*, x*, with f* = J(K*).
 *
 * Ownership: lqr_problem copies A, B, Q and R into a problem freed by prob_free. */
#ifndef OPTLAB_LQR_H
#define OPTLAB_LQR_H

#include <stddef.h>

#include "prob.h"

#define LQR_MAX 50 /* states and inputs */

/* NULL and a message in err on failure (no stabilizing Riccati solution). */
prob *lqr_problem(const char *name, int n, int m, const double *A, const double *B,
                  const double *Q, const double *R, char *err, size_t cap);
/* 1 when p is an LQR problem. */
int lqr_is(const prob *p);

#endif
