/* bounds: the upper bounds textbooks prove for f(x_k) - f* of a method, under
 * stated assumptions, from the smoothness constant L and the strong convexity
 * constant mu of the smooth part. L and mu are exact for quadratics (the
 * eigenvalues of the constant Hessian), given by the user, or estimated
 * (power iteration on Hessian-vector products at a point: a local value,
 * which the bound then says).
 *
 * Ownership: nothing here allocates what it returns; a bound is a plain
 * value with its formula text inside. */
#ifndef OPTLAB_BOUNDS_H
#define OPTLAB_BOUNDS_H

#include <stddef.h>

#include "meth.h"
#include "prob.h"
#include "stoch.h"

#define BOUND_MAX_DENSE 200 /* dimension up to which Jacobi finds L and mu exactly */

/* Where a constant came from. ORDER bound_source: with bound_source_name. */
typedef enum bound_source { BOUND_EXACT, BOUND_GIVEN, BOUND_ESTIMATED } bound_source;
const char *bound_source_name(bound_source s); /* "exact", "given", "estimated" */

/* ORDER bound_kind: with the formula table in bounds.c. */
typedef enum bound_kind {
	BOUND_GD_CONVEX,       /* gd, fixed t <= 1/L, convex: |x0 - x*|^2 / (2 t k) */
	BOUND_GD_STRONG,       /* gd, fixed t <= 1/L, mu > 0: (1 - mu t)^k (f0 - f*) */
	BOUND_NESTEROV,        /* convex schedule, s <= 1/L: 2 |x0 - x*|^2 / (s (k+1)^2) */
	BOUND_NESTEROV_STRONG, /* strong schedule with m <= mu, s <= 1/L:
	                          (1 - sqrt(m s))^k (f0 - f* + m/2 |x0 - x*|^2) */
	BOUND_ISTA,            /* t_min = min(t, shrink/L) (backtracking): |x0 - x*|^2 / (2 t k) */
	BOUND_FISTA,           /* 2 |x0 - x*|^2 / (t (k+1)^2) */
	BOUND_HEAVYBALL,       /* quadratics, (1-r)^2 <= a mu, a L <= (1+r)^2, r = sqrt(b):
	                          (1 + k (1 + r))^2 r^(2k) (f0 - f*) */
	BOUND_SGD,             /* sgd on a finite sum, with replacement, t_k <= 1/(2 Lmax):
	                          L/2 r_k, r_k+1 = (1 - t_k mu) r_k + 2 t_k^2 s2, r_0 = |x0 - x*|^2
	                          (Gower et al. 2019, Thm 3.1; a bound on E f(x_k) - f*) */
	BOUND_CUBIC,           /* cubic Newton, convex f, H L-Lipschitz, M >= L (bounds_cubic.c):
	                          9 (L + M) D^3 / (2 (k + 4)^2) */
	BOUND_CUBIC_GRAD       /* cubic Newton, any f, fixed M > 2L/3: a bound on
	                          min_{1<=i<=k} |grad f(x_i)|: (L + M)/2 ((f0 - f*)/(c k))^(2/3),
	                          c = M/4 - L/6 (in t) */
} bound_kind;

typedef struct bound {
	bound_kind kind;
	double L, mu;          /* the constants used */
	bound_source src_L, src_mu;
	double t;              /* the step the bound is proved for */
	double m;              /* nesterov strong: the method's mu; heavy ball: r */
	double r0sq, f0gap;    /* |x0 - x*|^2 and f(x0) - f* */
	/* sgd: Lmax, s2 = sigma*^2/b (+ the added noise's variance / 2b), the schedule of
	   the run's steps t_k = t stoch_rate (only the schedule's fields of sched are set) */
	double lmax, s2;
	bound_source src_lmax;
	stoch sched;
	double D;              /* cubic: the radius of {f <= f(x0)} about x* */
	bound_source src_D;
	char formula[256];     /* the legend: the formula and its constants */
	char assumption[288];  /* what the theorem assumes */
} bound;

/* Eigenvalues of the symmetric n x n matrix a (row-major; destroyed) by
 * cyclic Jacobi rotations, in ascending order. 0, or -1 when the sweeps did
 * not converge (a non-finite matrix). */
int bound_jacobi(double *a, int n, double *eig);

/* L and mu of a problem whose Hessian is constant (a quadratic), exactly from
 * its eigenvalues: the Hessian is compared at x and at two other points. 0, or
 * -1 with a message (no dense Hessian, n > BOUND_MAX_DENSE, not constant). */
int bound_quad_consts(const prob *p, const double *x, double *L, double *mu, char *err,
                      size_t cap);

/* The largest (L) and smallest (mu) Hessian eigenvalues at x, estimated by power
 * iteration on Hessian-vector products, then on L I - H. mu < 0: not convex there;
 * L <= 0: no positive curvature. 0, or -1 with a message (no Hessian-vector
 * product, a Hessian that is not finite). */
int bound_estimate(const prob *p, const double *x, double *L, double *mu, char *err,
                   size_t cap);

/* The textbook bound for a run of METHOD(PARAMS) on P from X0 with the
 * constants L (> 0) and MU (>= 0); LMAX (sgd: a smoothness constant of every
 * component) > 0 is given, 0 takes the problem's own (prob_sum's lmax). Needs the
 * problem's known x* and f*. 0, or -1 with a message that says which assumption
 * fails. */
int bound_for(const prob *p, const meth *m, const double *params, const double *x0, double L,
              bound_source src_L, double mu, bound_source src_mu, double lmax, bound *b,
              char *err, size_t cap);

/* bounds_cubic.c: cubic-regularized Newton's global rate on a convex f (Nesterov &
 * Polyak 2006). L is the Lipschitz constant of the Hessian on the level set
 * {f <= f(x0)}, D its radius about x*: |x - x*| <= D there. */
#define BOUND_CUBIC_MAX_N 10 /* dimension up to which L and D are estimated by sampling */

/* Whether METHOD's bound is bound_cubic's (its constants are L of the Hessian and D). */
int bound_is_cubic(const meth *m);
/* Checks the level set {f <= f(x0)} for what the theorem assumes and fills the
 * constants not given (*src_L, *src_D != BOUND_GIVEN): D as the farthest point of the
 * level set on rays from x* (bisection on each ray), L as the largest
 * |H(x) - H(y)| / |x - y| over points sampled on those rays; both lower estimates,
 * marked BOUND_ESTIMATED. Refuses (-1 with the reason) a level set unbounded along a
 * ray. Negative curvature at a sampled point sets *convex = 0 with the reason in err
 * (else 1). */
int bound_cubic_consts(const prob *p, const double *x0, double *L, bound_source *src_L,
                       double *D, bound_source *src_D, int *convex, char *err, size_t cap);
/* The bound for a run of cubic(PARAMS) from X0 with those constants: the rate of
 * f - f* where f is CONVEX, else the rate of the smallest gradient norm (fixed M only).
 * 0, or -1 with the assumption that fails (M < L, or M <= 2L/3 and an adaptive M where
 * f is not convex, a model solved in a Krylov space, no known x* or f*). */
int bound_cubic(const prob *p, const meth *m, const double *params, const double *x0,
                double L, bound_source src_L, double D, bound_source src_D, int convex,
                bound *b, char *err, size_t cap);

/* The bound on f(x_k) - f* after k steps (k = 0: the start's gap or +inf).
 * BOUND_SGD iterates its recursion: O(k). */
double bound_value(const bound *b, long k);
/* out[i] = bound_value(b, ks[i]) for ascending integral ks, in one pass. */
void bound_values(const bound *b, const double *ks, size_t n, double *out);
/* BOUND_SGD: the bound on E |x_k - x*|^2 (r_k of the recursion); else NAN. */
double bound_sgd_dist2(const bound *b, long k);

#endif
