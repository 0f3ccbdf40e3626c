/* expr: typed-in expressions compiled to a tape, with exact derivatives.
 *
 * Source text -> syntax tree -> tape (a flat instruction list). From a tape:
 * the value, the gradient (reverse sweep), Hessian-vector products, the dense
 * Hessian, and the value at K points in one pass (grids).
 *
 * Ownership: expr_compile and expr_clone return a tape the caller frees with
 * expr_free; every other function borrows. A tape owns scratch memory, so one
 * tape serves one thread at a time: give each thread its own expr_clone. */
#ifndef OPTLAB_EXPR_H
#define OPTLAB_EXPR_H

#include <stdatomic.h>

#include <stddef.h>

#define EXPR_MAX_TEXT  (1 << 20) /* bytes of source text */
#define EXPR_MAX_DEPTH 200       /* nesting of parentheses, calls and operators */
#define EXPR_MAX_DIM   100000000 /* total scalar unknowns */
#define EXPR_MAX_WORK  2000000000L /* operations of reduction terms in one evaluation */

typedef struct expr_tape expr_tape;

typedef struct expr_error {
	int line, col; /* 1-based position of the fault in the source text */
	char msg[256];
} expr_error;

typedef struct expr_var {
	const char *name;
	int size; /* 0: a scalar; N >= 1: indexed, x[1] .. x[N] */
} expr_var;

/* A named constant, or with vec != NULL a data vector of len values: NAME[i]
 * (1-based) and len(NAME) in expressions; a tape keeps its own copy. */
typedef struct expr_const {
	const char *name;
	double value;
	const double *vec;
	int len;
} expr_const;

typedef struct expr_options {
	/* Declared variables in order. vars == NULL: the free names, in order of
	 * first appearance, become scalar variables. vars != NULL, nvars == 0: a
	 * constant expression (every free name is an error). */
	const expr_var *vars;
	int nvars;
	/* Named constants besides pi and e (they shadow nothing: a clash with a
	 * variable is an error). */
	const expr_const *consts;
	int nconsts;
	/* Lower limits than the built-in ones (0: EXPR_MAX_DEPTH, EXPR_MAX_DIM); larger
	 * values are held to those. Errors name them depthlimit and dimlimit. */
	int max_depth;
	long max_dim;
} expr_options;

/* The operations one evaluation may spend in reduction terms, nested ones included,
 * counted on the forward sweep (EXPR_MAX_WORK by default, a few seconds): nested
 * reductions could otherwise ask for 10^16 terms; past it f and its derivatives are
 * NaN. Process-wide, read as each evaluation starts; ops < 1 restores the default. */
void expr_set_work_limit(long ops);
long expr_work_limit(void);
/* Process-wide as the budget: once *flag is non-zero, evaluations under way stop
 * and give NaN (a picture's grid stopped by Ctrl-C); NULL: nothing stops them.
 * Set only around work whose NaNs are thrown away, never around a run's steps. */
void expr_set_interrupt(const atomic_int *flag);
int expr_interrupted(void);

/* NULL opt: free names become variables, no extra constants. Returns NULL and
 * fills *err on any error. */
expr_tape *expr_compile(const char *src, const expr_options *opt, expr_error *err);
expr_tape *expr_clone(const expr_tape *t);
void expr_free(expr_tape *t);

/* Layout of x: the variables in order, an indexed one taking size slots. */
int expr_dim(const expr_tape *t);
int expr_nvars(const expr_tape *t);
const char *expr_var_name(const expr_tape *t, int k);
int expr_var_size(const expr_tape *t, int k);
int expr_var_offset(const expr_tape *t, int k);
/* The name of coordinate i (0-based) of x: "y" or "x[3]". */
void expr_coord_name(const expr_tape *t, int i, char *buf, size_t cap);

/* Domain errors give NaN or Inf, never a trap. */
double expr_value(expr_tape *t, const double *x);
/* Fills g[0..n) and returns f. */
double expr_gradient(expr_tape *t, const double *x, double *g);
/* Forward mode: one tangent sweep gives *df = grad f(x) . v, the directional
 * derivative (a Jacobian-vector product), at the cost of about one value; returns f.
 * Both NaN where f is. */
double expr_dirderiv(expr_tape *t, const double *x, const double *v, double *df);
/* Fills hv = H(x) v (and g when g != NULL) and returns f. */
double expr_hessvec(expr_tape *t, const double *x, const double *v, double *g, double *hv);
/* Fills the dense n x n Hessian, row-major, and returns f. */
double expr_hessian(expr_tape *t, const double *x, double *h);
/* Values at K points: coordinate j of point k is cols[j][k * stride[j]]
 * (stride 0 broadcasts one value; strides == NULL means all 1). */
void expr_value_batch(expr_tape *t, int k, const double *const *cols, const int *strides,
                      double *out);

/* Least squares: an expression that is one sumsq(i = A, B, BODY), with constant
 * bounds, has m = B - A + 1 residuals r_k = BODY at i = A + k (k = 0..m-1), f = sum r_k^2.
 * expr_lsq_terms gives m, or 0 for any other expression. expr_residual returns r_k at x
 * and, when grad is not NULL, fills its gradient (row k of the Jacobian: one reverse
 * sweep over that term alone). */
long expr_lsq_terms(const expr_tape *t);
double expr_residual(expr_tape *t, const double *x, long k, double *grad);

/* The known names, for help and completion. */
int expr_nfuncs(void);
const char *expr_func_name(int i);
const char *expr_func_help(int i);

/* The candidate nearest NAME (LEN bytes) by edit distance, or NULL when none is
 * near enough to be a typo (1 edit for names of up to 3 letters, else 2). */
const char *expr_suggest(const char *name, int len, const char *const *cands, int n);

#endif
