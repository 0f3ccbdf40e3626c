/* bilevel: min over x of F(x, y) with y in argmin over y' of g(x, y') (optimistic: the
 * best y of the lower level's solution set). The iterate is z = (x, y), x the first nx
 * coordinates; the problem's value and gradient are the upper level F's, the lower level
 * g has its own value, gradient and Hessian-vector products, both typed expressions over
 * the same variables with exact derivatives.
 *
 * The stationarity measure of the kind (gnorm), at z = (x, y), with H the lower level's
 * Hessian, H+ the pseudo-inverse of its yy block:
 *   |grad_x F - H_xy H+ grad_y F|    the implicit hypergradient
 *   + |(I - H_yy H+) grad_y F|       the part of grad_y F no lower-level move absorbs
 *                                    (0 for a strongly convex lower level)
 *   + |grad_y g|                     lower-level stationarity.
 * It is zero exactly at the stationary points of the bilevel problem when the lower
 * level is convex and locally quadratic (all the library's cases).
 *
 * Ownership: bilevel_problem compiles its own tapes into a problem freed by prob_free. */
#ifndef OPTLAB_BILEVEL_H
#define OPTLAB_BILEVEL_H

#include "prob.h"

#define BILEVEL_MAX_NY 400 /* lower-level variables: the measure factors H_yy densely */

typedef struct bilevel {
	int nx, ny;
	expr_tape *upper, *lower; /* over z = (x, y) */
	char *upper_src, *lower_src;
} bilevel;

/* A bilevel problem from two expressions over the declared x variables then the y
 * variables (consts as for any expression). NULL and *err filled on error (col 0 when
 * the fault is in neither expression). */
prob *bilevel_problem(const char *name, const char *upper, const char *lower,
                      const expr_var *xvars, int nx, const expr_var *yvars, int ny,
                      const expr_options *opt, expr_error *err);
/* The levels of p, or NULL when p is not bilevel. */
const bilevel *bilevel_of(const prob *p);

/* The lower level: g(z), its gradient over all of z (gz may be NULL), and the full
 * Hessian-vector product hv = H(z) v (n values each). Not counted: methods count their
 * calls (methods/bilevel). */
double bilevel_lower(const bilevel *b, const double *z, double *gz);
void bilevel_lower_hessvec(const bilevel *b, const double *z, const double *v, double *hv);

/* The lower level's minimum at x = z[0..nx): Newton from y = z[nx..) with a
 * pseudo-inverse for a singular H_yy (the nearest minimizer for a convex quadratic),
 * backtracking on g. ystar (ny values, may be NULL) gets the minimizer; returns
 * min g, NAN when it fails. */
double bilevel_lower_min(const bilevel *b, const double *z, double *ystar);

/* The kind's measure at z given grad F(z) (n values); hx (nx values, may be NULL) gets
 * the implicit hypergradient grad_x F - H_xy H+ grad_y F. NAN without memory. */
double bilevel_measure(const bilevel *b, const double *z, const double *gF, double *hx);

#endif
