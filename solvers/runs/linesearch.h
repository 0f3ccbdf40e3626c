/* linesearch: the line searches every method shares. Along a direction d from
 * x, phi(t) = f(x + t d); each search evaluates through the method's oracle
 * (so the run counts the calls) and records every trial point as a probe
 * (meth_probe) for the picture.
 *
 *   ls_armijo  backtracking: t0, t0*shrink, ... until the sufficient decrease
 *              f(x + t d) <= f + c1 t g'd           (N&W alg. 3.1). Value calls only.
 *   ls_wolfe   strong Wolfe: sufficient decrease and |g(x + t d)'d| <= c2 |g'd|,
 *              by bracketing and zoom with cubic interpolation (N&W alg. 3.5/3.6).
 *              Gradient calls (each counts one f and one g).
 *   ls_exact   the exact minimizer along d of a quadratic, t = -g'd / d'Hd, from one
 *              Hessian-vector product (needs PROB_HESS; exact only when f is quadratic).
 *
 * Conventions: d must be a descent direction (g'd < 0), else LS_NOT_DESCENT and
 * nothing is evaluated. The caller's buffers xnew (and gnew) hold the trial points
 * while searching, and on LS_OK the accepted point: xnew = x + t d, out->f = f(xnew)
 * (and gnew = g(xnew) for ls_wolfe). x, g and d are never written, and may not
 * alias xnew or gnew.
 *
 * Ownership: no allocation; everything is the caller's. */
#ifndef OPTLAB_LINESEARCH_H
#define OPTLAB_LINESEARCH_H

#include "meth.h"

/* ORDER ls_status: with ls_status_name. */
enum ls_status {
	LS_OK = 0,      /* t accepted: xnew, out->f (and gnew) hold the new point */
	LS_NOT_DESCENT, /* g'd >= 0 (or not finite): no search done, t = 0 */
	LS_MAXEVAL,     /* no acceptable t within maxeval trials (see ls_out.t) */
	LS_NOT_CONVEX,  /* ls_exact: d'Hd <= 0, the quadratic has no minimum along d */
	LS_TINY         /* the bracket or the step shrank below tmin: rounding dominates */
};
const char *ls_status_name(int status); /* "ok", "not a descent direction", ... */

typedef struct ls_opts {
	double c1;     /* sufficient decrease, 0 < c1 < 1/2 (default 1e-4) */
	double c2;     /* strong Wolfe curvature, c1 < c2 < 1 (default 0.9; CG wants 0.1) */
	double shrink; /* armijo: t <- shrink * t, 0 < shrink < 1 (default 0.5) */
	double grow;   /* wolfe bracketing: t <- grow * t, > 1 (default 2) */
	double tmax;   /* wolfe: largest step tried (default 1e10) */
	double tmin;   /* smallest step or bracket width before LS_TINY (default 1e-16) */
	int maxeval;   /* trial points at most (default 40) */
} ls_opts;

/* The defaults above. */
void ls_opts_default(ls_opts *o);

typedef struct ls_out {
	double t;   /* the accepted step; on LS_MAXEVAL or LS_TINY, t > 0 means xnew, f (and
	               gnew) hold the best point found with sufficient decrease (the caller
	               may take it), t == 0 means none was found and xnew is scratch */
	double f;   /* f(x + t d) */
	double dg;  /* ls_wolfe: g(x + t d)'d at the accepted point; else NAN */
	int nevals; /* trial points evaluated */
} ls_out;

/* Backtracking Armijo from t0 > 0. f = f(x), g = g(x). Returns an ls_status. */
int ls_armijo(meth_ctx *c, const double *x, double f, const double *g, const double *d, double t0,
              const ls_opts *o, double *xnew, ls_out *out);

/* Strong Wolfe from t0 > 0 (1 for Newton-like directions). Fills gnew on LS_OK.
 * Returns an ls_status. */
int ls_wolfe(meth_ctx *c, const double *x, double f, const double *g, const double *d, double t0,
             const ls_opts *o, double *xnew, double *gnew, ls_out *out);

/* Exact step for a quadratic: *t = -g'd / d'H(x)d, one oracle_hessvec call at x; hd
 * (n values, scratch) receives H d. Does not evaluate f at x + t d. Returns LS_OK,
 * LS_NOT_DESCENT or LS_NOT_CONVEX. */
int ls_exact(meth_ctx *c, const double *x, const double *g, const double *d, double *hd, double *t);

/* The tests of the accepted step, for methods and tests: sufficient decrease
 * f1 <= f0 + c1 t dg0, and the strong curvature |dg1| <= c2 |dg0|. */
int ls_armijo_holds(double f0, double dg0, double t, double f1, double c1);
int ls_wolfe_holds(double f0, double dg0, double t, double f1, double dg1, double c1, double c2);

#endif
