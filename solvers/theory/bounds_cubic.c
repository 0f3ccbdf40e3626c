/* bounds_cubic: the global rate of cubic-regularized Newton on a convex f and the two
 * constants it needs (bounds.h).
 *
 * The rate: with M >= L the model's global minimizer satisfies
 *   f(x_k+1) <= min_y f(y) + (L + M)/6 |y - x_k|^3
 * (Nesterov & Polyak 2006, the upper model's bound), and y = x_k + a (x* - x_k) with
 * f star-convex and |x_k - x*| <= D gives d_k+1 <= d_k - max_a (a d_k - L' D^3 a^3 / 2),
 * L' = (L + M)/3, d_k = f(x_k) - f*. Then d_1 <= L' D^3 / 2 and 1/sqrt(d_k) grows by
 * sqrt(2 / (27 L' D^3)) a step: d_k <= 27 L' D^3 / (2 (k + 3 sqrt 3 - 1)^2), below
 * 9 (L + M) D^3 / (2 (k + 4)^2) (9 L D^3 / (k + 4)^2 for M = L; the paper's Theorem 4
 * states it for L <= M_k <= 2L).
 *
 * Without convexity: the step h solves g + H h + M/2 |h| h = 0 with H + M/2 |h| I >= 0,
 * so |grad f(x + h)| <= (L + M)/2 |h|^2 and f(x) - f(x + h) >= (M/4 - L/6) |h|^3 = c |h|^3
 * (Nesterov & Polyak 2006, section 3, for M >= L: M/12). Summed over k steps:
 * min_{1<=i<=k} |grad f(x_i)| <= (L + M)/2 ((f0 - f*)/(c k))^(2/3), for any M > 2L/3. */
#include "bounds.h"
#include "dense.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RAYS_2D 720   /* rays from x* in the plane: every half degree */
#define RAYS_ND 256   /* pseudo-random rays in higher dimension, besides the axes */
#define RAY_FRACS 6   /* points sampled on each sampled ray for the Hessian */
#define HESS_RAYS 48  /* rays whose points are sampled for the Hessian */
#define ADAPT_M0 0.5  /* cubic's adaptive search starts from M = 1, halved at once */

static const double ray_frac[RAY_FRACS] = {0.2, 0.4, 0.6, 0.8, 0.9, 1.0};

int bound_is_cubic(const meth *m)
{
	return strcmp(m->name, "cubic") == 0;
}

/* The known minimizer nearest x0. */
static const double *nearest_sol(const prob *p, const double *x0)
{
	const double *best = p->xstar;
	double bd = INFINITY;
	for (int s = 0; s < p->nsol; s++) {
		const double *xs = p->xstar + (size_t)s * p->n;
		double d = 0;
		for (int i = 0; i < p->n; i++)
			d += (x0[i] - xs[i]) * (x0[i] - xs[i]);
		if (d < bd)
			bd = d, best = xs;
	}
	return best;
}

/* Ray j's unit direction: evenly spaced angles in the plane; else the axes both ways,
 * the direction of x0, then a fixed pseudo-random sequence. */
static void ray_dir(int n, int j, const double *toward, unsigned long long *seq, double *u)
{
	if (n == 2) {
		double a = 2 * 3.14159265358979323846 * j / RAYS_2D;
		u[0] = cos(a), u[1] = sin(a);
		return;
	}
	memset(u, 0, (size_t)n * sizeof *u);
	if (j < 2 * n) {
		u[j / 2] = j % 2 ? -1 : 1;
		return;
	}
	if (j == 2 * n) {
		memcpy(u, toward, (size_t)n * sizeof *u);
	} else {
		for (int i = 0; i < n; i++) { /* uniform in the cube, then normalized */
			*seq = *seq * 6364136223846793005ULL + 1442695040888963407ULL;
			u[i] = (double)(*seq >> 11) / 9007199254740992.0 - 0.5;
		}
	}
	double s = sqrt(dense_dot(u, u, n));
	for (int i = 0; i < n; i++)
		u[i] = s > 0 ? u[i] / s : (i == 0);
}

/* The largest t with f(xs + t u) <= f0, by doubling then bisection; -1 when f stays
 * below f0 out to tmax (an unbounded level set along u). */
static double ray_reach(const prob *p, const double *xs, const double *u, double f0,
                        double t0, double tmax, double *y)
{
	int n = p->n;
	double lo = 0, hi = t0;
	for (;;) {
		for (int i = 0; i < n; i++)
			y[i] = xs[i] + hi * u[i];
		if (!(p->ops->value(p->ctx, y) <= f0))
			break;
		lo = hi, hi *= 2;
		if (hi > tmax)
			return -1;
	}
	for (int it = 0; it < 80 && hi - lo > 1e-15 * hi; it++) {
		double mid = 0.5 * (lo + hi);
		for (int i = 0; i < n; i++)
			y[i] = xs[i] + mid * u[i];
		if (p->ops->value(p->ctx, y) <= f0)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static double dist(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += (a[i] - b[i]) * (a[i] - b[i]);
	return sqrt(s);
}

/* The spectral norm of the symmetric a (n x n, destroyed). */
static double sym_norm(double *a, int n, double *w)
{
	if (dense_eigsym(a, n, w, NULL) != 0)
		return NAN;
	return fmax(fabs(w[0]), fabs(w[n - 1]));
}

int bound_cubic_consts(const prob *p, const double *x0, double *L, bound_source *src_L,
                       double *D, bound_source *src_D, int *convex, char *err, size_t cap)
{
	int n = p->n;
	*convex = 1;
	if (p->nsol == 0) {
		snprintf(err, cap, "the level set's radius D is measured from x*; '%s' has none known",
		         p->name);
		return -1;
	}
	if (n > BOUND_CUBIC_MAX_N || !(p->caps & PROB_HESS) || !p->ops->hess) {
		if (*src_L == BOUND_GIVEN && *src_D == BOUND_GIVEN)
			return 0; /* nothing sampled: convexity is the user's word */
		snprintf(err, cap, "L and D are estimated for n <= %d with a dense Hessian: give "
		         "L = V (the Hessian's Lipschitz constant) and D = V (max |x - x*| on "
		         "{f <= f(x0)})", BOUND_CUBIC_MAX_N);
		return -1;
	}
	const double *xs = nearest_sol(p, x0);
	int nrays = n == 2 ? RAYS_2D : 2 * n + 1 + RAYS_ND;
	int every = nrays / HESS_RAYS > 0 ? nrays / HESS_RAYS : 1;
	int npts = 2 + (nrays / every + 1) * RAY_FRACS; /* x0, x*, the rays' points */
	size_t nn = (size_t)n * (size_t)n;
	double *u = malloc((size_t)n * sizeof *u), *y = malloc((size_t)n * sizeof *y);
	double *pts = malloc((size_t)npts * (size_t)n * sizeof *pts);
	double *hs = malloc((size_t)npts * nn * sizeof *hs), *a = malloc(nn * sizeof *a);
	double *w = malloc((size_t)n * sizeof *w);
	int rc = -1, k = 0;
	if (!u || !y || !pts || !hs || !a || !w) {
		snprintf(err, cap, "out of memory");
		goto done;
	}
	double f0 = p->ops->value(p->ctx, x0), r0 = 0, reach = 0;
	for (int i = 0; i < n; i++) {
		u[i] = x0[i] - xs[i];
		r0 += u[i] * u[i];
	}
	r0 = sqrt(r0);
	double dir0[BOUND_CUBIC_MAX_N]; /* the direction of x0 from x* */
	for (int i = 0; i < n; i++)
		dir0[i] = r0 > 0 ? u[i] / r0 : (i == 0);
	double t0 = r0 > 0 ? r0 : 1, tmax = 1e6 * (1 + r0);
	memcpy(pts, x0, (size_t)n * sizeof *pts);
	memcpy(pts + n, xs, (size_t)n * sizeof *pts);
	k = 2;
	unsigned long long seq = 0x9E3779B97F4A7C15ULL;
	for (int j = 0; j < nrays; j++) {
		ray_dir(n, j, dir0, &seq, u);
		double t = ray_reach(p, xs, u, f0, t0, tmax, y);
		if (t < 0) {
			snprintf(err, cap, "the level set {f <= f(x0)} is unbounded along a ray from x*: "
			         "the rate needs it bounded");
			goto done;
		}
		reach = fmax(reach, t);
		for (int q = 0; j % every == 0 && q < RAY_FRACS; q++, k++)
			for (int i = 0; i < n; i++)
				pts[(size_t)k * n + i] = xs[i] + ray_frac[q] * t * u[i];
	}
	/* convexity where we looked, then the Hessian's variation between those points */
	double scale = 0;
	for (int i = 0; i < k; i++) {
		p->ops->hess(p->ctx, pts + (size_t)i * n, hs + (size_t)i * nn);
		memcpy(a, hs + (size_t)i * nn, nn * sizeof *a);
		if (dense_eigsym(a, n, w, NULL) != 0) {
			snprintf(err, cap, "the Hessian is not finite on the level set");
			goto done;
		}
		scale = fmax(scale, fabs(w[n - 1]));
		if (*convex && w[0] < -1e-9 * fmax(scale, 1e-300)) {
			char at[64] = "x0";
			if (i == 1)
				snprintf(at, sizeof at, "x*");
			else if (i > 1)
				snprintf(at, sizeof at, "a point %.3g from x*",
				         dist(pts + (size_t)i * n, xs, n));
			snprintf(err, cap, "f is not convex (a Hessian eigenvalue %.4g at %s)", w[0], at);
			*convex = 0;
		}
	}
	if (*src_D != BOUND_GIVEN)
		*D = reach, *src_D = BOUND_ESTIMATED;
	if (*src_L != BOUND_GIVEN) {
		double best = 0;
		for (int i = 0; i < k; i++)
			for (int j = i + 1; j < k; j++) {
				double d = dist(pts + (size_t)i * n, pts + (size_t)j * n, n);
				if (!(d > 1e-9 * fmax(reach, 1e-300)))
					continue;
				for (size_t e = 0; e < nn; e++)
					a[e] = hs[(size_t)i * nn + e] - hs[(size_t)j * nn + e];
				best = fmax(best, sym_norm(a, n, w) / d);
			}
		*L = best, *src_L = BOUND_ESTIMATED;
	}
	rc = 0;
done:
	free(u);
	free(y);
	free(pts);
	free(hs);
	free(a);
	free(w);
	return rc;
}

/* Without convexity: the smallest gradient norm's rate, for a fixed M > 2L/3. */
static int cubic_grad(double M, bound *b, char *err, size_t cap)
{
	double c = M / 4 - b->L / 6;
	if (!(M > 0)) {
		snprintf(err, cap, "where f is not convex the rate of |grad f| needs a fixed M "
		         "(the adaptive M may fall below 2L/3)");
		return -1;
	}
	if (!(c > 0)) {
		snprintf(err, cap, "the rate of |grad f| needs M > 2L/3 = %.6g; the run's M is %.6g",
		         2 * b->L / 3, M);
		return -1;
	}
	b->kind = BOUND_CUBIC_GRAD;
	b->m = M;
	b->t = c;
	snprintf(b->formula, sizeof b->formula,
	         "(L + M)/2 ((f₀ − f*)/(c k))^(2/3), c = M/4 − L/6 (L = %.3g%s, M = %.3g)", b->L,
	         b->src_L == BOUND_ESTIMATED ? " est." : "", M);
	snprintf(b->assumption, sizeof b->assumption,
	         "f ≥ f* everywhere, its Hessian L-Lipschitz where the steps go; the model's exact "
	         "minimizer with a fixed M > 2L/3");
	return 0;
}

int bound_cubic(const prob *p, const meth *m, const double *params, const double *x0,
                double L, bound_source src_L, double D, bound_source src_D, int convex,
                bound *b, char *err, size_t cap)
{
	memset(b, 0, sizeof *b);
	if (!bound_is_cubic(m)) {
		snprintf(err, cap, "the cubic-Newton rate is for cubic, not %s", m->name);
		return -1;
	}
	if (p->nsol == 0 || isnan(p->fstar)) {
		snprintf(err, cap, "the bounds need a known minimizer and f*; problem '%s' has none",
		         p->name);
		return -1;
	}
	if (!(L >= 0) || !isfinite(L) || !(D > 0) || !isfinite(D)) {
		snprintf(err, cap, "needs L >= 0 and D > 0 (L = %g, D = %g)", L, D);
		return -1;
	}
	double M = 0, dense = 0;
	for (int i = 0; i < m->nparams; i++) {
		if (strcmp(m->params[i].name, "M") == 0)
			M = params[i];
		else if (strcmp(m->params[i].name, "dense") == 0)
			dense = params[i];
	}
	if (p->n > dense) {
		snprintf(err, cap, "the rate assumes the model's exact global minimizer: n = %d is "
		         "above dense = %g (a Krylov solution)", p->n, dense);
		return -1;
	}
	b->L = L;
	b->src_L = src_L;
	b->f0gap = p->ops->value(p->ctx, x0) - p->fstar;
	if (!convex)
		return cubic_grad(M, b, err, cap);
	if (M > 0 && M < L) {
		snprintf(err, cap, "the cubic model bounds f only when M >= L = %.6g; the run's M is "
		         "%.6g", L, M);
		return -1;
	}
	/* adaptive: M halves and doubles until the model holds, so M_k <= max(M_1, 2 L) */
	b->kind = BOUND_CUBIC;
	b->m = M > 0 ? M : fmax(ADAPT_M0, 2 * L);
	b->D = D;
	b->src_D = src_D;
	double dist = prob_dist_to_sol(p, x0);
	b->r0sq = dist * dist;
	snprintf(b->formula, sizeof b->formula, "9(L + M)D³ / (2(k + 4)²) (L = %.3g%s, M %s %.3g, "
	         "D = %.3g%s)", L, src_L == BOUND_ESTIMATED ? " est." : "", M > 0 ? "=" : "≤", b->m,
	         D, src_D == BOUND_ESTIMATED ? " est." : "");
	snprintf(b->assumption, sizeof b->assumption,
	         "f convex, its Hessian L-Lipschitz on {f ≤ f(x₀)}, ‖x − x*‖ ≤ D there; the "
	         "model's exact minimizer with %s",
	         M > 0 ? "M ≥ L" : "the search's Mₖ ≤ max(1/2, 2L)");
	return 0;
}
