/* prox: nonsmooth terms with exact proximal operators (prob_reg) and simple
 * feasible sets with projections and linear minimization oracles (prob_set).
 *
 *   terms g(x):   lambda*norm1, lambda*norm2, lambda*sum_G |x_G|_2 (consecutive groups
 *                 of k), (lambda/2)|x|^2, SCAD(lambda, a) (Fan & Li 2001) and
 *                 MCP(lambda, gamma) (Zhang 2010), both summed over coordinates.
 *   sets:         box [lo, hi]^n (or bounds per coordinate), the nonnegative orthant, the l2 ball of radius r
 *                 about 0, the simplex {x >= 0, sum x = r} (sort-based projection).
 *
 * A term's prox(x, t) is argmin_u g(u) + |u - x|^2 / (2t); x and out may alias.
 * SCAD and MCP are nonconvex: their prox is the exact global minimizer of the
 * separable one-dimensional problem for every t (the closed form when t < a - 1,
 * resp. t < gamma; otherwise the best of the pieces' candidates).
 *
 * Ownership: every constructor returns a heap prob_reg or prob_set with its own ctx;
 * prox_attach_* hands it to a problem (prob_free frees it), prox_reg_free and
 * prox_set_free free one that was never attached. NULL without memory or for
 * parameters out of range; prox_term_new and prox_set_new tell the two apart. */
#ifndef OPTLAB_PROX_H
#define OPTLAB_PROX_H

#include <stddef.h>

#include "prob.h"

prob_reg *prox_norm1(double lambda);             /* lambda > 0 */
prob_reg *prox_norm2(double lambda);             /* lambda |x|_2 */
prob_reg *prox_group(double lambda, int k);      /* groups x[0..k), x[k..2k), ... */
prob_reg *prox_sqnorm(double lambda);            /* (lambda/2) |x|^2 */
prob_reg *prox_scad(double lambda, double a);    /* a > 2 (3.7 in Fan & Li) */
prob_reg *prox_mcp(double lambda, double gamma); /* gamma > 1 */
void prox_reg_free(prob_reg *g);
/* A term by name: norm1, norm2, sqnorm, group (arg: the size), scad (arg: a, NAN: 3.7),
 * mcp (arg: gamma, NAN: 3); arg NAN where there is none. NULL with the reason in err:
 * what is out of range, or exactly "out of memory". */
prob_reg *prox_term_new(const char *name, double lambda, double arg, char *err, size_t cap);

prob_set *prox_box(double lo, double hi); /* lo <= hi, both finite */
/* A box with bounds per coordinate: lo[i] <= hi[i], all finite, n >= 1. */
prob_set *prox_box_each(int n, const double *lo, const double *hi);
/* The bounds of a box set (made here) for n coordinates: 0, or -1 when s is not a box. */
int prox_box_bounds(const prob_set *s, int n, double *lo, double *hi);
prob_set *prox_nonneg(void);              /* no LMO: the orthant is unbounded */
prob_set *prox_ball(double r);            /* r > 0 */
prob_set *prox_simplex(double r);         /* r > 0 */
void prox_set_free(prob_set *s);
/* A set by name: box (a, b: LO, HI), nonneg, ball and simplex (a: R, NAN: 1); NAN for
 * an absent parameter. NULL with the reason in err, or exactly "out of memory". */
prob_set *prox_set_new(const char *name, double a, double b, char *err, size_t cap);

/* Hands g (or s) to p: p->g is set and PROB_PROX added (PROB_PROJ, and PROB_LMO
 * when the set has one). A term or set already there is freed. */
void prox_attach_reg(prob *p, prob_reg *g);
void prox_attach_set(prob *p, prob_set *s);

/* The pieces, for methods and tests. */
double prox_soft(double x, double t); /* sign(x) max(|x| - t, 0) */
/* out = the Euclidean projection of x onto {u >= 0, sum u = r}; x and out may alias. */
void prox_project_simplex(const double *x, double r, double *out, int n);
/* The penalties of one coordinate, for tests and pictures. */
double prox_scad_value(double x, double lambda, double a);
double prox_mcp_value(double x, double lambda, double gamma);

#endif
