/* linesearch: Armijo backtracking, strong Wolfe (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., alg. 3.5 and 3.6 with the cubic interpolation of eq. 3.59)
 * and the exact step for quadratics. Every trial is a probe and an oracle call. */
#include "linesearch.h"

#include <math.h>
#include <string.h>

/* ORDER ls_status */
static const char *const status_names[] = {
    "ok",
    "not a descent direction",
    "no acceptable step within the evaluation budget",
    "not convex along the direction",
    "step below rounding",
};

const char *ls_status_name(int status)
{
	if (status < 0 || status >= (int)(sizeof status_names / sizeof *status_names))
		return "?";
	return status_names[status];
}

void ls_opts_default(ls_opts *o)
{
	o->c1 = 1e-4;
	o->c2 = 0.9;
	o->shrink = 0.5;
	o->grow = 2;
	o->tmax = 1e10;
	o->tmin = 1e-16;
	o->maxeval = 40;
}

int ls_armijo_holds(double f0, double dg0, double t, double f1, double c1)
{
	return f1 <= f0 + c1 * t * dg0;
}

int ls_wolfe_holds(double f0, double dg0, double t, double f1, double dg1, double c1, double c2)
{
	return ls_armijo_holds(f0, dg0, t, f1, c1) && fabs(dg1) <= c2 * fabs(dg0);
}

static double dot(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

/* xnew = x + t d; 0 when the point does not move (t d below rounding). */
static int place(const double *x, const double *d, double t, double *xnew, int n)
{
	int moved = 0;
	for (int i = 0; i < n; i++) {
		xnew[i] = x[i] + t * d[i];
		moved |= xnew[i] != x[i];
	}
	return moved;
}

static int start(const double *g, const double *d, int n, ls_out *out, double *dg0)
{
	out->t = 0;
	out->f = NAN;
	out->dg = NAN;
	out->nevals = 0;
	*dg0 = dot(g, d, n);
	return *dg0 < 0 ? LS_OK : LS_NOT_DESCENT; /* NaN is not a descent */
}

int ls_armijo(meth_ctx *c, const double *x, double f, const double *g, const double *d, double t0,
              const ls_opts *o, double *xnew, ls_out *out)
{
	int n = c->n;
	double dg0;
	if (start(g, d, n, out, &dg0) != LS_OK)
		return LS_NOT_DESCENT;
	double t = t0;
	while (out->nevals < o->maxeval) {
		if (t < o->tmin || !place(x, d, t, xnew, n))
			return LS_TINY;
		meth_probe(c, xnew);
		double f1 = oracle_value(c->o, xnew);
		out->nevals++;
		if (ls_armijo_holds(f, dg0, t, f1, o->c1)) {
			out->t = t;
			out->f = f1;
			return LS_OK;
		}
		t *= o->shrink;
	}
	return LS_MAXEVAL;
}

/* One trial of the Wolfe search: phi(t) and phi'(t), xnew and gnew filled. */
static double trial(meth_ctx *c, const double *x, const double *d, double t, double *xnew,
                    double *gnew, double *dphi, ls_out *out)
{
	place(x, d, t, xnew, c->n);
	meth_probe(c, xnew);
	double phi = oracle_grad(c->o, xnew, gnew);
	*dphi = dot(gnew, d, c->n);
	out->nevals++;
	return phi;
}

/* The minimizer of the cubic through (a, fa, da), (b, fb, db) (N&W eq. 3.59), else of
 * the quadratic through fa, da, fb; kept inside the middle 80% of the interval, else
 * the midpoint, so that the bracket always shrinks. */
static double interpolate(double a, double fa, double da, double b, double fb, double db)
{
	double lo = fmin(a, b), hi = fmax(a, b), w = hi - lo, t = NAN;
	if (isfinite(fb) && isfinite(db)) {
		double d1 = da + db - 3 * (fa - fb) / (a - b);
		double disc = d1 * d1 - da * db;
		if (disc >= 0) {
			double d2 = copysign(sqrt(disc), b - a);
			t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
		}
	}
	if (!(t >= lo + 0.1 * w && t <= hi - 0.1 * w) && isfinite(fb)) {
		double den = 2 * (fb - fa - da * (b - a));
		if (den > 0)
			t = a - da * (b - a) * (b - a) / den;
	}
	if (!(t >= lo + 0.1 * w && t <= hi - 0.1 * w))
		t = 0.5 * (a + b);
	return t;
}

typedef struct ls_point {
	double t, phi, dphi;
} ls_point;

/* Re-evaluates at the best point with sufficient decrease after a failure, so that the
 * caller may still take it (the re-evaluation is counted like any trial). */
static int settle(meth_ctx *c, const double *x, const double *d, ls_point best, double *xnew,
                  double *gnew, ls_out *out, int status)
{
	if (best.t > 0) {
		double dphi;
		out->f = trial(c, x, d, best.t, xnew, gnew, &dphi, out);
		out->dg = dphi;
		out->t = best.t;
	}
	return status;
}

/* N&W alg. 3.6: lo satisfies sufficient decrease and has the lowest phi so far;
 * the bracket [lo, hi] (either order) contains points meeting the strong Wolfe test. */
static int zoom(meth_ctx *c, const double *x, const double *d, double phi0, double dphi0,
                ls_point lo, ls_point hi, const ls_opts *o, double *xnew, double *gnew, ls_out *out)
{
	while (out->nevals < o->maxeval) {
		if (fabs(hi.t - lo.t) < o->tmin)
			return settle(c, x, d, lo, xnew, gnew, out, LS_TINY);
		double t = interpolate(lo.t, lo.phi, lo.dphi, hi.t, hi.phi, hi.dphi);
		double dphi, phi = trial(c, x, d, t, xnew, gnew, &dphi, out);
		ls_point p = {t, phi, dphi};
		if (!ls_armijo_holds(phi0, dphi0, t, phi, o->c1) || phi >= lo.phi) {
			hi = p;
		} else {
			if (fabs(dphi) <= -o->c2 * dphi0) {
				out->t = t;
				out->f = phi;
				out->dg = dphi;
				return LS_OK;
			}
			if (dphi * (hi.t - lo.t) >= 0)
				hi = lo;
			lo = p;
		}
	}
	return settle(c, x, d, lo, xnew, gnew, out, LS_MAXEVAL);
}

/* N&W alg. 3.5: grow the step until the interval brackets an acceptable one. */
int ls_wolfe(meth_ctx *c, const double *x, double f, const double *g, const double *d, double t0,
             const ls_opts *o, double *xnew, double *gnew, ls_out *out)
{
	double dphi0;
	if (start(g, d, c->n, out, &dphi0) != LS_OK)
		return LS_NOT_DESCENT;
	ls_point prev = {0, f, dphi0};
	double t = fmin(t0, o->tmax);
	for (int i = 0; out->nevals < o->maxeval; i++) {
		if (!(t > 0))
			return LS_TINY;
		double dphi, phi = trial(c, x, d, t, xnew, gnew, &dphi, out);
		ls_point p = {t, phi, dphi};
		if (!ls_armijo_holds(f, dphi0, t, phi, o->c1) || (i > 0 && phi >= prev.phi))
			return zoom(c, x, d, f, dphi0, prev, p, o, xnew, gnew, out);
		if (fabs(dphi) <= -o->c2 * dphi0) {
			out->t = t;
			out->f = phi;
			out->dg = dphi;
			return LS_OK;
		}
		if (dphi >= 0)
			return zoom(c, x, d, f, dphi0, p, prev, o, xnew, gnew, out);
		prev = p;
		if (t >= o->tmax)
			break;
		t = fmin(o->grow * t, o->tmax);
	}
	/* prev satisfies sufficient decrease: the caller may take it */
	return settle(c, x, d, prev, xnew, gnew, out, LS_MAXEVAL);
}

int ls_exact(meth_ctx *c, const double *x, const double *g, const double *d, double *hd, double *t)
{
	*t = 0;
	double dg = dot(g, d, c->n);
	if (!(dg < 0))
		return LS_NOT_DESCENT;
	oracle_hessvec(c->o, x, d, hd);
	double dhd = dot(d, hd, c->n);
	if (!(dhd > 0))
		return LS_NOT_CONVEX;
	*t = -dg / dhd;
	return LS_OK;
}
