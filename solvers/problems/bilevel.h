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
 * Optional lower-level constraints G_k(x, y) <= 0 (coupled with x) restrict y to
 * Y(x) = {y : G(x, y) <= 0}; the lower level is then min over y in Y(x) of g. With them the
 * measure is |d/dx F(x, y*(x))| by central differences plus |y - y*(x)| (y* unique).
 *
 * Ownership: bilevel_problem compiles its own tapes into a problem freed by prob_free. */
#ifndef OPTLAB_BILEVEL_H
#define OPTLAB_BILEVEL_H

#include "prob.h"

#define BILEVEL_MAX_NY 400 /* lower-level variables: the measure factors H_yy densely */
#define BILEVEL_MAX_CON 16 /* lower-level inequality constraints */

typedef struct bilevel {
	int nx, ny;
	expr_tape *upper, *lower; /* over z = (x, y) */
	char *upper_src, *lower_src;
	int mc;                           /* lower-level constraints G_k <= 0 */
	expr_tape *con[BILEVEL_MAX_CON]; /* G_k over z */
	char *con_src[BILEVEL_MAX_CON];  /* as written */
} bilevel;

/* A bilevel problem from two expressions over the declared x variables then the y
 * variables (consts as for any expression), and ncons lower-level inequalities
 * "LHS <= RHS" or "LHS >= RHS" (cons may be NULL when ncons is 0). NULL and *err filled on
 * error (col 0 when the fault is in neither level's expression). */
prob *bilevel_problem(const char *name, const char *upper, const char *lower,
                      const expr_var *xvars, int nx, const expr_var *yvars, int ny,
                      const char *const *cons, int ncons, const expr_options *opt,
                      expr_error *err);
/* The levels of p, or NULL when p is not bilevel. */
const bilevel *bilevel_of(const prob *p);

/* The lower level: g(z), its gradient over all of z (gz may be NULL), and the full
 * Hessian-vector product hv = H(z) v (n values each). Not counted: methods count their
 * calls (methods/bilevel). */
double bilevel_lower(const bilevel *b, const double *z, double *gz);
void bilevel_lower_hessvec(const bilevel *b, const double *z, const double *v, double *hv);

/* Lower-level constraint k: G_k(z), its gradient over z in gz (may be NULL). */
double bilevel_con(const bilevel *b, int k, const double *z, double *gz);
/* Moves z onto {G <= 0} (to 1e-12) by cyclic projections on the constraints' linearizations
 * (exact for one affine constraint, a feasible point near z for several), moving only
 * coordinates from..n-1 (0: all of z, nx: y alone). No-op without constraints. */
void bilevel_project(const bilevel *b, double *z, int from);
/* lam (mc values) = the multipliers of the active lower-level constraints at z: argmin over
 * lam >= 0 of |grad_y g + sum lam_k grad_y G_k| (inactive ones 0); the KKT residual. */
double bilevel_multipliers(const bilevel *b, const double *z, double *lam);

/* The lower level's minimum at x = z[0..nx): Newton from y = z[nx..) with a
 * pseudo-inverse for a singular H_yy (the nearest minimizer for a convex quadratic),
 * backtracking on g (projected gradient with backtracking under constraints). ystar (ny values, may be NULL) gets the minimizer; returns
 * min g, NAN when it fails. */
double bilevel_lower_min(const bilevel *b, const double *z, double *ystar);

/* The kind's measure at z given grad F(z) (n values); hx (nx values, may be NULL) gets
 * the implicit hypergradient grad_x F - H_xy H+ grad_y F. NAN without memory. */
double bilevel_measure(const bilevel *b, const double *z, const double *gF, double *hx);

#endif
