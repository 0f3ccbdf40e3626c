/* problib_bilevel: bilevel problems (bilevel.h) with closed-form answers.
 *   bltoy     F = (x - 1)^2/2 + (y - 2)^2/2, g = mu/2 y^2 - c x y: y*(x) = k x with
 *             k = c/mu, so Phi(x) = (x - 1)^2/2 + (k x - 2)^2/2 and x* = (1 + 2k)/(1 + k^2).
 *   blflat    F = x^2 + (y1 - 1)^2 + (y2 - 1)^2, g = (y1 + y2 - x)^2/2: the lower level's
 *             solutions are the line y1 + y2 = x; the optimistic choice is
 *             y1 = y2 = x/2, Phi(x) = x^2 + (x - 2)^2/2, x* = 2/3, y* = (1/3, 1/3), F* = 4/3.
 *   blcon     F = x^2 + (y - 2)^2, g = (y - 2)^2/2 over y <= x (coupled): y*(x) = min(x, 2).
 *             For x <= 2, Phi(x) = x^2 + (x - 2)^2, Phi' = 4x - 4 = 0 at x = 1; for x > 2,
 *             Phi(x) = x^2 > 4 > Phi(1) = 2. So x* = 1, y* = 1 (the constraint active, its
 *             multiplier 1), F* = 2; unconstrained, y = 2 and x* = 0.
 *   blridge   ridge regression's weight tuned on validation data: F = 1/(2 mv) |Xv w - yv|^2,
 *             g = 1/(2 m) |X w - y|^2 + exp(lam)/2 |w|^2 on seeded Gaussian data;
 *             w*(lam) = (X'X/m + e^lam I)^-1 X'y/m and lam* by a 1-D search on the
 *             closed-form derivative. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bilevel.h"
#include "dense.h"
#include "problib_int.h"

const param_def problib_bltoy_params[2] = {
    {"mu", 2, 1e-3, 1e3, "the lower level's curvature in y", NULL, 0},
    {"c", 1, -1e3, 1e3, "the coupling: y*(x) = c x / mu", NULL, 0},
};

const param_def problib_blridge_params[5] = {
    {"m", 20, 2, 2000, "training points", NULL, 1},
    {"mval", 40, 2, 2000, "validation points", NULL, 1},
    {"d", 10, 1, BILEVEL_MAX_NY, "features (lower-level variables)", NULL, 1},
    {"noise", 1, 0, 100, "standard deviation of the labels' noise", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of the data", NULL, 1},
};

/* A bilevel problem from its two formulas over (x...) and (y...). */
static prob *make(const char *name, const char *upper, const char *lower, const expr_var *xv,
                  int nx, const expr_var *yv, int ny, const char *const *cons, int ncons,
                  const expr_const *consts, int nconsts, char *err, size_t cap)
{
	expr_options o = {.consts = consts, .nconsts = nconsts};
	expr_error e;
	prob *p = bilevel_problem(name, upper, lower, xv, nx, yv, ny, cons, ncons, &o, &e);
	if (!p)
		snprintf(err, cap, "%s: %s", name, e.msg);
	return p;
}

prob *problib_bltoy(const double *v, char *err, size_t cap)
{
	double mu = v[0], c = v[1], k = c / mu;
	char lower[128];
	snprintf(lower, sizeof lower, "%.17g/2*y^2 - %.17g*x*y", mu, c);
	const expr_var xv[] = {{"x", 0}}, yv[] = {{"y", 0}};
	prob *p = make("bltoy", "(x - 1)^2/2 + (y - 2)^2/2", lower, xv, 1, yv, 1, NULL, 0, NULL, 0, err,
	               cap);
	if (!p)
		return NULL;
	double xs = (1 + 2 * k) / (1 + k * k), z[2] = {xs, k * xs}, z0[2] = {-1, 0};
	prob_set_solutions(p, 1, z, (xs - 1) * (xs - 1) / 2 + (k * xs - 2) * (k * xs - 2) / 2);
	prob_set_start(p, z0);
	prob_set_view(p, -1.5, 3, -1, 3);
	return p;
}

prob *problib_blflat(const double *v, char *err, size_t cap)
{
	(void)v;
	const expr_var xv[] = {{"x", 0}}, yv[] = {{"y1", 0}, {"y2", 0}};
	prob *p = make("blflat", "x^2 + (y1 - 1)^2 + (y2 - 1)^2", "(y1 + y2 - x)^2/2", xv, 1, yv, 2,
	               NULL, 0, NULL, 0, err, cap);
	if (!p)
		return NULL;
	const double z[3] = {2.0 / 3, 1.0 / 3, 1.0 / 3}, z0[3] = {2, 1, -1};
	prob_set_solutions(p, 1, z, 4.0 / 3);
	prob_set_start(p, z0);
	prob_set_view(p, -1, 3, -1.5, 2.5);
	return p;
}

prob *problib_blcon(const double *v, char *err, size_t cap)
{
	(void)v;
	const expr_var xv[] = {{"x", 0}}, yv[] = {{"y", 0}};
	const char *const cons[] = {"y <= x"};
	prob *p = make("blcon", "x^2 + (y - 2)^2", "(y - 2)^2/2", xv, 1, yv, 1, cons, 1, NULL, 0,
	               err, cap);
	if (!p)
		return NULL;
	const double z[2] = {1, 1}, z0[2] = {-1, -2};
	prob_set_solutions(p, 1, z, 2);
	prob_set_start(p, z0);
	prob_set_view(p, -1.5, 3, -2.5, 3);
	return p;
}

/* ---- ridge tuning ---- */

typedef struct ridge {
	int m, mv, d;
	double *X, *y, *Xv, *yv; /* m x d, m, mv x d, mv */
} ridge;

/* w = (X'X/m + e^lam I)^-1 X'y/m and, with dw != NULL, dw/dlam = -e^lam (.)^-1 w; -1 when
 * the factorization fails. Phi(lam) and Phi'(lam) to *phi, *dphi. */
static int ridge_solve(const ridge *r, double lam, double *w, double *dphi, double *phi)
{
	int d = r->d;
	double *a = malloc((size_t)d * (size_t)d * sizeof *a), *dw = malloc((size_t)d * sizeof *dw);
	if (!a || !dw) {
		free(a);
		free(dw);
		return -1;
	}
	for (int i = 0; i < d; i++) {
		for (int j = 0; j < d; j++) {
			double s = 0;
			for (int k = 0; k < r->m; k++)
				s += r->X[k * d + i] * r->X[k * d + j];
			a[i * d + j] = s / r->m + (i == j ? exp(lam) : 0);
		}
		double s = 0;
		for (int k = 0; k < r->m; k++)
			s += r->X[k * d + i] * r->y[k];
		w[i] = s / r->m;
	}
	int rc = dense_cholesky(a, d);
	if (rc == 0) {
		dense_cholesky_solve(a, d, w);
		for (int i = 0; i < d; i++)
			dw[i] = -exp(lam) * w[i];
		dense_cholesky_solve(a, d, dw);
		double f = 0, df = 0;
		for (int k = 0; k < r->mv; k++) {
			double res = -r->yv[k], dres = 0;
			for (int i = 0; i < d; i++) {
				res += r->Xv[k * d + i] * w[i];
				dres += r->Xv[k * d + i] * dw[i];
			}
			f += res * res;
			df += res * dres;
		}
		*phi = f / (2.0 * r->mv);
		*dphi = df / r->mv;
	}
	free(a);
	free(dw);
	return rc;
}

/* lam* on [-12, 6]: the grid's best point, then bisection on Phi' around it; NAN when the
 * best point is at an end of the grid (no interior minimum) or a solve fails. */
static double ridge_lambda(const ridge *r, double *w)
{
	double best = INFINITY, lbest = NAN, phi, dphi;
	for (double lam = -12; lam <= 6 + 1e-9; lam += 0.05) {
		if (ridge_solve(r, lam, w, &dphi, &phi))
			return NAN;
		if (phi < best) {
			best = phi;
			lbest = lam;
		}
	}
	if (!(lbest > -12 + 1e-9 && lbest < 6 - 1e-9))
		return NAN;
	double lo = lbest - 0.05, hi = lbest + 0.05; /* Phi'(lo) <= 0 <= Phi'(hi) */
	for (int it = 0; it < 200 && hi - lo > 1e-15 * (1 + fabs(lo)); it++) {
		double mid = 0.5 * (lo + hi);
		if (ridge_solve(r, mid, w, &dphi, &phi))
			return NAN;
		if (dphi > 0)
			hi = mid;
		else
			lo = mid;
	}
	double lam = 0.5 * (lo + hi);
	return ridge_solve(r, lam, w, &dphi, &phi) ? NAN : lam;
}

/* Seeded data (the tapes keep their own copies), lam* and w*(lam*) where interior. */
prob *problib_blridge(const double *v, char *err, size_t cap)
{
	ridge r = {.m = (int)v[0], .mv = (int)v[1], .d = (int)v[2]};
	int d = r.d;
	double noise = v[3];
	rng g;
	rng_seed(&g, (uint64_t)v[4]);
	r.X = malloc((size_t)r.m * (size_t)d * sizeof *r.X);
	r.y = malloc((size_t)r.m * sizeof *r.y);
	r.Xv = malloc((size_t)r.mv * (size_t)d * sizeof *r.Xv);
	r.yv = malloc((size_t)r.mv * sizeof *r.yv);
	double *wt = malloc((size_t)d * sizeof *wt), *z = malloc((size_t)(d + 1) * sizeof *z);
	prob *p = NULL;
	if (!r.X || !r.y || !r.Xv || !r.yv || !wt || !z) {
		snprintf(err, cap, "blridge: out of memory");
		goto out;
	}
	for (int i = 0; i < d; i++)
		wt[i] = rng_normal(&g);
	for (int set = 0; set < 2; set++) {
		int m = set ? r.mv : r.m;
		double *X = set ? r.Xv : r.X, *y = set ? r.yv : r.y;
		for (int k = 0; k < m; k++) {
			double s = 0;
			for (int i = 0; i < d; i++) {
				X[k * d + i] = rng_normal(&g);
				s += X[k * d + i] * wt[i];
			}
			y[k] = s + noise * rng_normal(&g);
		}
	}
	const expr_const consts[] = {
	    {"X", 0, r.X, r.m * d}, {"Y", 0, r.y, r.m}, {"XV", 0, r.Xv, r.mv * d}, {"YV", 0, r.yv, r.mv}};
	char upper[256], lower[256];
	snprintf(upper, sizeof upper,
	         "sum(i = 1, %d, (sum(j = 1, %d, XV[(i - 1)*%d + j]*w[j]) - YV[i])^2)/%d", r.mv, d, d,
	         2 * r.mv);
	snprintf(lower, sizeof lower,
	         "sum(i = 1, %d, (sum(j = 1, %d, X[(i - 1)*%d + j]*w[j]) - Y[i])^2)/%d + "
	         "exp(lam)/2*sum(j = 1, %d, w[j]^2)",
	         r.m, d, d, 2 * r.m, d);
	const expr_var xv[] = {{"lam", 0}}, yv[] = {{"w", d}};
	if (!(p = make("blridge", upper, lower, xv, 1, yv, 1, NULL, 0, consts, 4, err, cap)))
		goto out;
	double lam = ridge_lambda(&r, z + 1), phi, dphi;
	if (isfinite(lam)) { /* else no interior optimum on [-12, 6]: x* stays unknown */
		z[0] = lam;
		ridge_solve(&r, lam, z + 1, &dphi, &phi);
		prob_set_solutions(p, 1, z, phi);
	}
	prob_set_view(p, -6, 4, -2, 2);
out:
	free(r.X);
	free(r.y);
	free(r.Xv);
	free(r.yv);
	free(wt);
	free(z);
	return p;
}
