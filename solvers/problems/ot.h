/* ot: entropic optimal transport between two histograms a (m bins) and b (k bins) with a
 * cost matrix C, as a problem whose iterate is the pair of dual potentials z = (f, g)
 * (m + k values). The plan of the potentials is P_ij = exp((f_i + g_j - C_ij) / eps);
 * the problem's value is the negated entropic dual
 *   phi(f, g) = eps sum_ij P_ij - <a, f> - <b, g>,
 * convex, with the gradient (P 1 - a, P'1 - b): its norm is the marginal violation, and
 * its minimizers are the optimal potentials (defined up to f + c, g - c). Sinkhorn is
 * exact block minimization of phi; any gradient method runs on it too.
 *
 * Ownership: ot_problem copies its inputs into a problem freed by prob_free. */
#ifndef OPTLAB_OT_H
#define OPTLAB_OT_H

#include <stddef.h>

#include "prob.h"

#define OT_MAX 1000 /* bins of one histogram */

typedef struct ot_data {
	int m, k;
	double eps;     /* the entropic regularization */
	double *a, *b;  /* the histograms, positive, each summing to 1 */
	double *C;      /* m x k row-major */
} ot_data;

/* A new OT problem (copies a, b, C); NULL and a message in err on failure. */
prob *ot_problem(const char *name, int m, int k, const double *a, const double *b,
                 const double *C, double eps, char *err, size_t cap);
/* The OT data of p, or NULL when p is not an OT problem. */
const ot_data *ot_of(const prob *p);
/* Fills P (m x k, may be NULL) with the plan of the potentials z; returns <C, P>. */
double ot_plan(const ot_data *d, const double *z, double *P);
/* |P 1 - a|_1 + |P'1 - b|_1 for the plan of z. */
double ot_marginal_error(const ot_data *d, const double *z);

#endif
