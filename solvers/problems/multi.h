/* multi: a vector-valued problem F(x) = (f_1(x), ..., f_k(x)) over one set of variables
 * (PROB_MULTI), for the multi-objective methods (methods/multiobjective/). Each objective
 * is an expression tape with exact gradients. The problem's scalar value is the mean of
 * the objectives (an equal-weight scalarization), so every other method of the catalogue
 * and the heatmap see something; the kind's stationarity measure is Pareto
 * stationarity: the norm of the steepest common descent step (multi_descent with a = 0,
 * t = 1), which without a feasible set is the norm of the min-norm element of the convex
 * hull of the gradients (Desideri's MGDA) and 0 exactly at Pareto-critical points.
 *
 * Hypervolume (multi_hv) is the Lebesgue measure of the region a point set dominates,
 * bounded by a reference point: exact for any k by slicing along the last objective
 * (Fonseca et al.'s HSO), a sort and a sweep when k = 2.
 *
 * Ownership: multi_problem copies its inputs into a problem freed by prob_free; the
 * front and reference points set later are copied too. */
#ifndef OPTLAB_MULTI_H
#define OPTLAB_MULTI_H

#include <stddef.h>

#include "prob.h"

#define MULTI_MAX 8          /* objectives */
#define MULTI_MAX_FRONT 100000 /* points of a known front */

typedef struct multi {
	int k, n;
	expr_tape *mean;  /* (f_1 + ... + f_k) / k: the problem's scalar value */
	expr_tape **obj;  /* k tapes over the same variables */
	char **src;       /* k formulas as written */
	double ref[MULTI_MAX];   /* the hypervolume's reference point, NAN where unset */
	double ideal[MULTI_MAX]; /* min of each objective over the feasible set, NAN unknown */
	double *front;    /* nfront points (k values each) of the true Pareto front, in order
	                     along it; a row of NANs breaks a disconnected front; or NULL */
	int nfront;
	double hvstar;    /* the front's hypervolume from ref, or NAN */
	double *scratch;  /* n values for the gradients */
} multi;

/* A problem from k formulas (k = 2 .. MULTI_MAX) over the variables declared in opt, or
 * else the free names of all formulas in order of first appearance. NULL with the fault
 * in *err and the formula's index in *which (-1: none) on failure; err->col counts in
 * that formula. */
prob *multi_problem(const char *name, const char *const *srcs, int k, const expr_options *opt,
                    expr_error *err, int *which);
/* The objectives of p, or NULL when p is not a multi-objective problem. */
multi *multi_of(const prob *p);
/* fv = F(x) (k values). */
void multi_values(multi *m, const double *x, double *fv);
/* fv = F(x) and G = the k gradients, row i = grad f_i (k x n, row-major). */
void multi_grads(multi *m, const double *x, double *fv, double *G);
/* Sets the reference point, the ideal point (either may be NULL: unchanged) and the
 * known front (nfront x k values copied; NULL: none) with its hypervolume hvstar. 0, or
 * -1 without memory. */
int multi_set_front(prob *p, const double *ref, const double *ideal, const double *front,
                    int nfront, double hvstar);

/* The hypervolume of npts points (k values each, row-major) from ref: points not
 * strictly better than ref in every objective add nothing. NAN when ref has a NAN. */
double multi_hv(const double *pts, int npts, int k, const double *ref);
/* a dominates b: no worse in every objective, better in one. */
int multi_dominates(const double *a, const double *b, int k);

/* The steepest common descent step for max_i (a_i + b_i . d) + |d|^2 / (2 t): B holds
 * the k rows b_i (n values each), a the k offsets (NULL: zeros). Without a set (proj
 * NULL) d = -t sum_i lambda_i b_i with lambda the exact solution on the simplex of
 * min (t/2) |sum lambda_i b_i|^2 - sum lambda_i a_i (a search over supports); with a set,
 * d = P(x - t sum lambda_i b_i) - x with lambda maximizing the concave dual: for k = 2 by
 * bisection on its derivative (to rounding), beyond by accelerated projected ascent
 * (iters steps at most; inexact). Each dual evaluation is one projection. lambda gets k weights (may be NULL), d n values.
 * Returns the projections used. */
typedef void (*multi_proj)(const void *ctx, const double *x, double *out, int n);
int multi_descent(const double *a, const double *B, int k, int n, double t, multi_proj proj,
                  const void *pctx, const double *x, int iters, double *lambda, double *d,
                  double *work);
/* The work multi_descent needs: doubles. */
size_t multi_descent_work(int k, int n);
/* Pareto stationarity at x from the k gradients G: |d| of the common descent step
 * (a = 0, t = 1) on p's set, or the min-norm of the gradients' hull without one. work:
 * multi_descent_work(k, n) + n doubles. */
double multi_pareto_measure(const prob *p, const double *x, const double *G, double *lambda,
                            double *work);

#endif
