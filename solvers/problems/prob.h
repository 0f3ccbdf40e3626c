/* prob: a problem is an oracle behind one interface, so that every method
 * sees the same thing. What a problem offers is a set of capability bits;
 * a method states the bits it needs and is refused on a problem that lacks
 * one.
 *
 * Ownership: every constructor returns a problem the caller frees with
 * prob_free, which frees everything the problem points to. Fields are
 * read-only outside the constructors. */
#ifndef OPTLAB_PROB_H
#define OPTLAB_PROB_H

#include <stddef.h>

#include "expr.h"

/* ORDER prob_cap: with prob_cap_name. */
enum prob_cap {
	PROB_VALUE = 1u << 0,   /* f(x) */
	PROB_GRAD = 1u << 1,    /* its gradient */
	PROB_HESS = 1u << 2,    /* Hessian-vector products and the dense Hessian */
	PROB_PROX = 1u << 3,    /* a nonsmooth part g with its proximal operator: F = f + g */
	PROB_PROJ = 1u << 4,    /* a feasible set with its projection */
	PROB_LMO = 1u << 5,     /* ... and its linear minimization oracle */
	PROB_CONSTR = 1u << 6,  /* explicit constraints c(x) <= 0, h(x) = 0 */
	PROB_SUM = 1u << 7,     /* a finite sum of m components, with a sampler */
	PROB_GAME = 1u << 8,    /* players: min over the first block, max over the rest */
	PROB_MIRROR = 1u << 9,  /* a mirror map (e.g. the entropy on the simplex) */
	PROB_BILEVEL = 1u << 10, /* upper and lower levels */
	PROB_TRANSPORT = 1u << 11, /* optimal transport: marginals and a cost matrix (ot.h) */
	PROB_LINSYS = 1u << 12,   /* a linear system A x = b (linsys.h) */
	PROB_DENSITY = 1u << 13,  /* a target density exp(-f) to sample, its moments where known */
	PROB_POLICY = 1u << 14,   /* a policy to optimize: an MDP or bandit (mdp.h), an LQR (lqr.h) */
	PROB_LSQ = 1u << 15,      /* least squares: f = sum of lsq_m squared residuals */
	PROB_MULTI = 1u << 16,    /* objectives f_1 .. f_k (multi.h); f is their mean */
	PROB_CAP_LAST = PROB_MULTI
};
const char *prob_cap_name(unsigned cap); /* "gradient", "hessian", "prox", ... */

/* The smooth part's oracle, implemented by each kind of problem. Any entry
 * may be NULL where the capability bit is absent. ctx is the problem's. */
typedef struct prob_ops {
	double (*value)(void *ctx, const double *x);
	double (*grad)(void *ctx, const double *x, double *g); /* fills g, returns f */
	/* fills hv = H(x) v, returns f */
	double (*hessvec)(void *ctx, const double *x, const double *v, double *hv);
	double (*hess)(void *ctx, const double *x, double *h); /* n x n row-major, returns f */
	/* forward mode: *df = grad f(x) . v, returns f (NULL: the problem has none) */
	double (*dirderiv)(void *ctx, const double *x, const double *v, double *df);
	/* values at k points; coordinate j of point i is cols[j][i * strides[j]] */
	void (*batch)(void *ctx, int k, const double *const *cols, const int *strides,
	              double *out);
	void *(*clone)(const void *ctx); /* a copy for another thread */
	void (*free)(void *ctx);
} prob_ops;

/* The nonsmooth part g of a composite problem F = f + g. */
typedef struct prob_reg {
	const char *desc; /* "0.1*norm1" */
	double (*value)(const void *ctx, const double *x, int n);
	/* out = prox_{t g}(x) = argmin_u g(u) + |u - x|^2 / (2t) */
	void (*prox)(const void *ctx, const double *x, double t, double *out, int n);
	void *ctx;
	void (*free)(void *ctx);
	void *(*clone)(const void *ctx); /* a copy for prob_clone; NULL: ctx is immutable, shared */
} prob_reg;

/* A feasible set (box, ball, simplex, ...). */
typedef struct prob_set {
	const char *desc;
	void (*project)(const void *ctx, const double *x, double *out, int n);
	/* out = argmin_{s in set} <g, s> */
	void (*lmo)(const void *ctx, const double *g, double *out, int n);
	int (*contains)(const void *ctx, const double *x, int n, double tol);
	void *ctx;
	void (*free)(void *ctx);
	void *(*clone)(const void *ctx); /* a copy for prob_clone; NULL: ctx is immutable, shared */
} prob_set;

/* Explicit constraints: c_i(x) <= 0 (i < m_ineq), h_j(x) = 0 (j < m_eq). */
typedef struct prob_constr {
	int m_ineq, m_eq;
	expr_tape **ineq; /* m_ineq tapes over the problem's variables */
	expr_tape **eq;   /* m_eq tapes */
	char **ineq_src, **eq_src;
	/* as written: constraint w (0-based, of m_ineq + m_eq) is an equality */
	unsigned char eq_at[128];
} prob_constr;

/* A finite sum f = (1/m) sum_i f_i: per-component values and gradients. */
typedef struct prob_sum {
	long m;
	void (*comp_grad)(void *ctx, long i, const double *x, double *g); /* g = grad f_i */
	double (*comp_value)(void *ctx, long i, const double *x);
	void (*prefetch)(void *ctx, long i); /* a hint: component i is next (may be NULL) */
	void *ctx;
	void (*free)(void *ctx);
	void *(*clone)(const void *ctx); /* a copy for prob_clone; NULL: ctx is immutable, shared */
	double lmax; /* a smoothness constant of every f_i (L_max) known from the data, or 0 */
} prob_sum;

/* A target density exp(-f) (f and g the potential, composite where g is present). */
typedef struct prob_density {
	double *mean; /* n values, or NULL where unknown */
	double *cov;  /* n x n row-major, or NULL where unknown */
} prob_density;

/* Least squares f(x) = sum_k r_k(x)^2, k < lsq_m, computed from the problem's own ctx
 * (so a clone has them too). */
typedef struct prob_lsq {
	double (*resid)(void *ctx, const double *x, double *r); /* fills r, returns f */
	/* fills r and the Jacobian (lsq_m x n, row-major), returns f */
	double (*jac)(void *ctx, const double *x, double *r, double *jac);
} prob_lsq;

/* Players of a game: min over x[0..nx), max over x[nx..n). */
typedef struct prob_game {
	int nx;
} prob_game;

typedef struct prob {
	char *name;  /* the workspace or library name */
	char *desc;  /* the formula, for `show` */
	int n;       /* dimension */
	unsigned caps;
	const prob_ops *ops;
	void *ctx;
	expr_tape *tape; /* the expression behind the problem, or NULL; when it is not ctx
	                    itself, the problem owns it (prob_free frees it) */
	char **names;    /* n coordinate names (a NULL entry: the default), or NULL; owned */

	/* Known answers, where known. */
	int nsol;      /* known minimizers (all of them where there are several) */
	double *xstar; /* nsol x n */
	double fstar;  /* f* or NAN */
	double *x0;    /* default start (never NULL: zeros when none is known) */
	double view[4];/* default viewport of the first two coordinates: x0 x1 y0 y1 */
	int logscale;  /* values span decades: colour on a log scale */

	/* Optional structure (NULL where absent; caps says which). */
	prob_reg *g;
	prob_set *set;
	prob_constr *constr;
	prob_sum *sum;
	prob_game *game;
	prob_density *density;
	const prob_lsq *lsq; /* static, with PROB_LSQ */
	long lsq_m;          /* residuals */
} prob;

/* A problem from an expression: declared or free variables, constants.
 * NULL and *err filled on error. */
prob *prob_from_expr(const char *name, const char *src, const expr_options *opt,
                     expr_error *err);
/* A new problem with n coordinates and the given oracle; the caller fills
 * the optional fields. ctx is owned by the problem from here on. */
prob *prob_new(const char *name, int n, unsigned caps, const prob_ops *ops, void *ctx);
/* A batch of values through a value oracle, one point at a time (for problems whose
 * value has no faster batch); NaN everywhere without memory. The batch's arguments
 * as in prob_ops.batch; n coordinates. */
void prob_batch_each(double (*value)(void *ctx, const double *x), void *ctx, int n, int k,
                     const double *const *cols, const int *strides, double *out);
/* An independent copy for another thread (shares nothing mutable). */
prob *prob_clone(const prob *p);
void prob_free(prob *p);

/* The name of coordinate i: its own (prob_set_coord_names), the expression's ("y",
 * "x[3]"), else "x1".. */
void prob_coord_name(const prob *p, int i, char *buf, size_t cap);
/* Names the coordinates: n names copied, a NULL entry keeps coordinate i's default.
 * 0, or -1 without memory (the names are then unchanged). */
int prob_set_coord_names(prob *p, const char *const *names);
/* Sets the known minimizers (copies nsol x n values) and f*. */
void prob_set_solutions(prob *p, int nsol, const double *xstar, double fstar);
/* The distance from x to the nearest known minimizer, or NAN. */
double prob_dist_to_sol(const prob *p, const double *x);
/* Sets the default start (n values), the viewport (x0 x1 y0 y1) and the formula
 * shown by `show` (copied; 0, or -1 without memory). */
void prob_set_start(prob *p, const double *x0);
/* prob_start.c: a typed problem's default start (a problem over a set keeps its own). 0
 * stays unless f is not finite there or its gradient vanishes (x*y's saddle, x - log x's domain); then the first of ones, 1/2,
 * 2, -1 and seeded draws in [-1, 1]^n where f is finite with a gradient not 0 (else the
 * first where f is finite). WHY: why the start moved, empty when 0 stayed. */
void prob_default_start(prob *p, char *why, size_t cap);
void prob_set_view(prob *p, double x0, double x1, double y0, double y1);
int prob_set_desc(prob *p, const char *desc);
/* Marks p as a target density exp(-f) with its known mean and covariance (each copied;
 * NULL: unknown). 0, or -1 without memory (p is then unchanged). */
int prob_set_density(prob *p, const double *mean, const double *cov);

#endif
