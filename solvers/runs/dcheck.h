/* dcheck: derivative checks by Taylor remainders, as Manopt's checkgradient.
 *
 * Along a seeded random direction d the remainder E(t) = |f(x + t d) - f(x) -
 * t <g, d>| falls as t^2 when g is the gradient and only as t when it is not; the
 * slope of log E against log t over a range of steps, fitted where E stands
 * clear of rounding and nearest the limit t -> 0, says which. The relative error
 * of the central difference at its best step and a per-coordinate comparison
 * (naming the worst coordinate) complete it. With the Hessian, the second-order
 * remainder |f(x + t d) - f(x) - t <g, d> - t^2 <d, H d> / 2| falls as t^3.
 *
 * Ownership: everything is borrowed; a result holds no pointers. */
#ifndef OPTLAB_DCHECK_H
#define OPTLAB_DCHECK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "prob.h"

#define DCHECK_NPTS 57 /* steps t = 10^-12 .. 10^2, four a decade */

/* One Taylor-remainder test: its points and the fitted slope. */
typedef struct dcheck_slope {
	double t[DCHECK_NPTS], err[DCHECK_NPTS]; /* the steps and remainders */
	double slope;     /* fitted over [lo, hi]; NAN when no window stands clear */
	int lo, hi;       /* the window's indices into t */
	int exact;        /* the remainder is at rounding level at every step */
	double relerr;    /* relative error of the directional derivative at its best step */
	double relerr_t;  /* that step */
} dcheck_slope;

typedef struct dcheck_result {
	dcheck_slope grad;
	int worst;                /* the worst coordinate, or -1 when none was compared */
	double worst_g, worst_fd; /* its derivative as given and by differences */
	double worst_rel;         /* their relative difference */
	/* their difference over what differences resolve there (rounding, truncation)
	 * plus 1e-6 |g_i|: above 1, the partial derivative is wrong */
	double worst_score;
	int has_coord;            /* the worst disagrees: coord was filled */
	dcheck_slope coord;        /* the remainder along that coordinate alone */
	int ncoords;              /* coordinates compared (all, or a seeded sample when n is large) */
	int hessian;              /* the rest was filled */
	dcheck_slope hess;
	int hworst;               /* the worst entry of H d against differences of gradients */
	double hworst_hv, hworst_fd, hworst_rel;
} dcheck_result;

typedef struct dcheck_opts {
	uint64_t seed;   /* the direction (and the sample of coordinates) */
	int hessian;     /* check Hessian-vector products too */
	long maxcoords;  /* coordinates compared one by one (0: every one) */
} dcheck_opts;

/* Checks p's gradient (and Hessian-vector products) at x. 0, or -1 with a
 * message (no gradient, out of memory, non-finite values at x, interrupted). */
int dcheck_run(const prob *p, const double *x, const dcheck_opts *o, dcheck_result *r,
              atomic_int *interrupt, char *err, size_t cap);

/* Verdicts: 1 when the slope or (when the remainder is at rounding level) the
 * agreement with differences says the derivative is right. */
int dcheck_slope_ok(const dcheck_slope *s, double expected);
/* 1 when the gradient passes: its slope, and its worst coordinate. */
int dcheck_grad_ok(const dcheck_result *r);
/* 1 when H d agrees with differences of the gradient (its slope is shown). */
int dcheck_hess_ok(const dcheck_result *r);

#endif
