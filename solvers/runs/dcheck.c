/* dcheck: Taylor-remainder slopes and finite differences against a problem's
 * gradient and Hessian-vector products. */
#include "dcheck.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define DCHECK_WIN 5        /* points in a fitted window: one decade */
#define DCHECK_CLEAR 1e3    /* a remainder counts when it is this far above rounding */
#define DCHECK_BENT 0.15    /* largest misfit of a straight window, in decades */
#define DCHECK_REFINE 8     /* worst coordinates compared again over a ladder of steps */

/* The work of one check: the point, the direction and scratch. */
typedef struct chk {
	const prob *p;
	int n;
	const double *x;
	double *d, *y, *g0, *g1, *g2, *hd;
	double f0, gd, dhd;
	double dhd_abs; /* sum |d_i (H d)_i|: the scale of dhd's rounding */
	double xnoise; /* rounding of f from rounding x + t d: eps sum |g_i| |x_i| */
	double gd_abs; /* sum |g_i d_i|: the scale of gd's rounding, a false t term */
	atomic_int *interrupt;
} chk;

static double val(const chk *c, const double *x)
{
	return c->p->ops->value(c->p->ctx, x);
}

/* y = x + t d */
static void along(chk *c, double t)
{
	for (int i = 0; i < c->n; i++)
		c->y[i] = c->x[i] + t * c->d[i];
}

static int stopped(const chk *c)
{
	return c->interrupt && atomic_load(c->interrupt);
}

/* Least-squares slope of log E against log t over [lo, hi], and the largest misfit. */
static double fit(const dcheck_slope *s, int lo, int hi, double *misfit)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	int m = hi - lo + 1;
	for (int k = lo; k <= hi; k++) {
		double u = log10(s->t[k]), v = log10(s->err[k]);
		sx += u, sy += v, sxx += u * u, sxy += u * v;
	}
	double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
	double icpt = (sy - slope * sx) / m;
	*misfit = 0;
	for (int k = lo; k <= hi; k++)
		*misfit = fmax(*misfit, fabs(log10(s->err[k]) - icpt - slope * log10(s->t[k])));
	return slope;
}

/* The slope nearest t -> 0 over a straight window clear of rounding; clear[k]
 * says point k stands DCHECK_CLEAR above it, above[k] that it is above it at all. */
static void pick_window(dcheck_slope *s, const int *clear, const int *above)
{
	s->slope = NAN;
	s->lo = s->hi = -1;
	s->exact = 1;
	for (int k = 0; k < DCHECK_NPTS; k++)
		if (clear[k])
			s->exact = 0;
	double best = INFINITY;
	for (int pass = 0; pass < 2 && isnan(s->slope); pass++) {
		for (int lo = 0; lo + DCHECK_WIN <= DCHECK_NPTS; lo++) {
			int ok = 1;
			for (int k = lo; k < lo + DCHECK_WIN; k++)
				ok &= pass == 0 ? clear[k] : above[k];
			if (!ok)
				continue;
			double mis, sl = fit(s, lo, lo + DCHECK_WIN - 1, &mis);
			/* first pass: the first straight window; second: the straightest one */
			if (pass == 0 ? mis <= DCHECK_BENT : mis < best) {
				best = mis;
				s->slope = sl, s->lo = lo, s->hi = lo + DCHECK_WIN - 1;
				if (pass == 0)
					break;
			}
		}
	}
}

int dcheck_slope_ok(const dcheck_slope *s, double expected)
{
	if (s->exact)
		return s->relerr <= 1e-6;
	return isfinite(s->slope) && s->slope >= expected - 0.2;
}

/* The direction: Gaussian, each coordinate scaled as x's (badly scaled problems get
 * relative steps), of length max(1, rms x). */
static void direction(chk *c, uint64_t seed)
{
	rng r;
	rng_seed(&r, seed);
	double norm = 0, rms = 0;
	for (int i = 0; i < c->n; i++) {
		c->d[i] = rng_normal(&r) * fmax(fabs(c->x[i]), 1.0);
		norm += c->d[i] * c->d[i];
		rms += c->x[i] * c->x[i];
	}
	double len = fmax(1.0, sqrt(rms / c->n)) / sqrt(norm);
	for (int i = 0; i < c->n; i++)
		c->d[i] *= len;
}

/* Which remainders stand clear of rounding: the model's estimate of it (noise), or
 * a tenth of the largest remainder at the four smallest steps, where any true
 * remainder is negligible (a sum of 10^4 terms rounds well above eps |f|). */
static void classify(dcheck_slope *s, const double *noise)
{
	int clear[DCHECK_NPTS], above[DCHECK_NPTS];
	double floor_ = 0;
	for (int k = 0; k < 4; k++)
		if (isfinite(s->err[k]))
			floor_ = fmax(floor_, 0.1 * s->err[k]);
	for (int k = 0; k < DCHECK_NPTS; k++) {
		double nk = fmax(noise[k], floor_);
		clear[k] = isfinite(s->err[k]) && s->err[k] > DCHECK_CLEAR * nk;
		above[k] = isfinite(s->err[k]) && s->err[k] > nk;
	}
	pick_window(s, clear, above);
}

/* <g, d> and its rounding scale, for the direction now in d. */
static void aim(chk *c)
{
	c->gd = c->gd_abs = 0;
	for (int i = 0; i < c->n; i++) {
		c->gd += c->g0[i] * c->d[i];
		c->gd_abs += fabs(c->g0[i] * c->d[i]);
	}
}

/* The first- and, with the Hessian, second-order remainders at every step. */
static int remainders(chk *c, dcheck_slope *s, dcheck_slope *h)
{
	const double eps = DBL_EPSILON;
	double noise[DCHECK_NPTS], hnoise[DCHECK_NPTS];
	s->relerr = INFINITY;
	s->relerr_t = NAN;
	double tiny = eps * (fabs(c->gd) + 1e-300);
	for (int k = 0; k < DCHECK_NPTS; k++) {
		if (stopped(c))
			return -1;
		double t = pow(10.0, -12.0 + 0.25 * k);
		along(c, t);
		double fp = val(c, c->y);
		along(c, -t);
		double fm = val(c, c->y);
		s->t[k] = t;
		s->err[k] = fabs(fp - c->f0 - t * c->gd);
		noise[k] = eps * (fabs(c->f0) + fabs(fp) + t * c->gd_abs) + c->xnoise;
		double dc = (fp - fm) / (2 * t);
		double rel = fabs(dc - c->gd) / fmax(fabs(c->gd), tiny);
		if (rel < s->relerr)
			s->relerr = rel, s->relerr_t = t;
		if (h) {
			double q = 0.5 * t * t * c->dhd;
			h->t[k] = t;
			h->err[k] = fabs(fp - c->f0 - t * c->gd - q);
			/* dhd's own rounding, cancellation included, is a false t^2 term */
			hnoise[k] = noise[k] + eps * 0.5 * t * t * c->dhd_abs;
		}
	}
	classify(s, noise);
	if (h)
		classify(h, hnoise);
	return 0;
}

/* H d against central differences of the gradient, a decade apart: the best step's
 * relative error (in norm) and its worst entry. */
static int hess_diffs(chk *c, dcheck_result *r)
{
	double hnorm = 0;
	for (int i = 0; i < c->n; i++)
		hnorm += c->hd[i] * c->hd[i];
	hnorm = sqrt(hnorm);
	double gnorm = 0;
	for (int i = 0; i < c->n; i++)
		gnorm += c->g0[i] * c->g0[i];
	double floor_ = DBL_EPSILON * (sqrt(gnorm) + hnorm) + 1e-300;
	r->hess.relerr = INFINITY;
	r->hess.relerr_t = NAN;
	for (int k = 0; k < DCHECK_NPTS; k += 4) {
		if (stopped(c))
			return -1;
		double t = r->hess.t[k];
		along(c, t);
		c->p->ops->grad(c->p->ctx, c->y, c->g1);
		along(c, -t);
		c->p->ops->grad(c->p->ctx, c->y, c->g2);
		double num = 0, worst = -1;
		int wi = 0;
		for (int i = 0; i < c->n; i++) {
			double fd = (c->g1[i] - c->g2[i]) / (2 * t), e = fabs(fd - c->hd[i]);
			num += e * e;
			double rel = e / fmax(fmax(fabs(c->hd[i]), fabs(fd)), floor_ / sqrt(c->n));
			if (rel > worst)
				worst = rel, wi = i;
		}
		double rel = sqrt(num) / fmax(hnorm, floor_);
		if (rel < r->hess.relerr) {
			r->hess.relerr = rel, r->hess.relerr_t = t;
			r->hworst = wi, r->hworst_rel = worst, r->hworst_hv = c->hd[wi];
			r->hworst_fd = (c->g1[wi] - c->g2[wi]) / (2 * t);
		}
	}
	return 0;
}

/* The central difference along coordinate i with step h times its scale, and its
 * rounding error. */
static double coord_fd(chk *c, int i, double h, double *noise)
{
	double xi = c->x[i], sc = fmax(fabs(xi), 1.0);
	c->y[i] = xi + h * sc;
	double xp = c->y[i], fp = val(c, c->y);
	c->y[i] = xi - h * sc;
	double xm = c->y[i], fm = val(c, c->y);
	c->y[i] = xi;
	*noise = DBL_EPSILON * (fabs(fp) + fabs(fm) + c->xnoise) / (xp - xm);
	return (fp - fm) / (xp - xm);
}

/* How far g_i is from the difference fd, in units of what differences can resolve
 * (acc: their rounding and truncation error) plus a relative 1e-6: above 1, the
 * partial derivative is wrong. */
static double coord_score(const chk *c, int i, double fd, double acc)
{
	double e = fabs(fd - c->g0[i]) / (1e-6 * fabs(c->g0[i]) + acc + 1e-300);
	return isfinite(e) ? e : INFINITY;
}

/* Coordinate i again over a ladder of steps, at the step whose error estimate (the
 * change to the next, 100 times more accurate in truncation, and rounding) is least. */
static void coord_refine(chk *c, int i, double *fd_best, double *score)
{
	double fd[10], noise[10], best = INFINITY;
	for (int k = 0; k < 10; k++)
		fd[k] = coord_fd(c, i, pow(10.0, -1.0 - k), &noise[k]);
	*fd_best = NAN;
	*score = INFINITY;
	for (int k = 0; k + 1 < 10; k++) {
		double acc = 2 * fabs(fd[k] - fd[k + 1]) + 10 * (noise[k] + noise[k + 1]);
		if (acc < best) {
			best = acc;
			*fd_best = fd[k];
			*score = coord_score(c, i, fd[k], acc);
		}
	}
}

/* Every coordinate (or a seeded sample) at two steps, then the worst few again over
 * a ladder of steps: a bad step must not look like a bad gradient. */
static int coords(chk *c, const dcheck_opts *o, dcheck_result *r)
{
	int n = c->n, m = n;
	if (o->maxcoords > 0 && o->maxcoords < n)
		m = (int)o->maxcoords;
	memcpy(c->y, c->x, (size_t)n * sizeof *c->y);
	rng rg;
	rng_seed(&rg, o->seed + 1);
	int top[DCHECK_REFINE];
	double tope[DCHECK_REFINE];
	int ntop = 0;
	for (int k = 0; k < m; k++) {
		if (stopped(c))
			return -1;
		int i = m == n ? k : (int)rng_below(&rg, n);
		/* two steps: their change estimates the truncation error */
		double n1, n2, fd1 = coord_fd(c, i, 1e-4, &n1), fd2 = coord_fd(c, i, 1e-5, &n2);
		double e = coord_score(c, i, fd2, 2 * fabs(fd1 - fd2) + 10 * (n1 + n2));
		/* keep the DCHECK_REFINE largest, largest first */
		int j = ntop < DCHECK_REFINE ? ntop++ : DCHECK_REFINE;
		if (j == DCHECK_REFINE && !(e > tope[DCHECK_REFINE - 1]))
			continue;
		if (j == DCHECK_REFINE)
			j--;
		while (j > 0 && tope[j - 1] < e) {
			top[j] = top[j - 1], tope[j] = tope[j - 1];
			j--;
		}
		top[j] = i, tope[j] = e;
	}
	r->ncoords = m;
	r->worst = -1;
	r->worst_score = -1;
	for (int k = 0; k < ntop; k++) {
		int i = top[k];
		double fd, score;
		coord_refine(c, i, &fd, &score);
		if (score > r->worst_score) {
			r->worst = i, r->worst_score = score, r->worst_g = c->g0[i], r->worst_fd = fd;
			r->worst_rel = fabs(fd - c->g0[i]) / fmax(fmax(fabs(fd), fabs(c->g0[i])), 1e-300);
		}
	}
	return 0;
}

/* The remainder along the worst coordinate alone, when it disagrees: one wrong
 * partial derivative among many hides from a random direction. */
static int along_coord(chk *c, dcheck_result *r)
{
	memset(c->d, 0, (size_t)c->n * sizeof *c->d);
	c->d[r->worst] = fmax(fabs(c->x[r->worst]), 1.0);
	aim(c);
	r->has_coord = 1;
	return remainders(c, &r->coord, NULL);
}

static int fail(char *err, size_t cap, const char *msg)
{
	snprintf(err, cap, "%s", msg);
	return -1;
}

int dcheck_run(const prob *p, const double *x, const dcheck_opts *o, dcheck_result *r,
              atomic_int *interrupt, char *err, size_t cap)
{
	memset(r, 0, sizeof *r);
	r->worst = r->hworst = -1;
	if (!(p->caps & PROB_GRAD) || !p->ops->grad)
		return fail(err, cap, "the problem has no gradient to check");
	if (o->hessian && (!(p->caps & PROB_HESS) || !p->ops->hessvec))
		return fail(err, cap, "the problem has no Hessian-vector products to check");
	int n = p->n;
	chk c = {.p = p, .n = n, .x = x, .interrupt = interrupt};
	double *buf = malloc(6 * (size_t)n * sizeof *buf);
	if (!buf)
		return fail(err, cap, "out of memory");
	c.d = buf, c.y = buf + n, c.g0 = buf + 2 * (size_t)n, c.g1 = buf + 3 * (size_t)n;
	c.g2 = buf + 4 * (size_t)n, c.hd = buf + 5 * (size_t)n;
	r->hessian = o->hessian;
	direction(&c, o->seed);
	c.f0 = p->ops->grad(p->ctx, x, c.g0);
	for (int i = 0; i < n; i++)
		c.xnoise += fabs(c.g0[i]) * fabs(x[i]);
	c.xnoise *= DBL_EPSILON;
	aim(&c);
	int rc = -1;
	if (!isfinite(c.f0) || !isfinite(c.gd)) {
		fail(err, cap, "the value or the gradient is not finite at the point");
		goto out;
	}
	if (o->hessian) {
		p->ops->hessvec(p->ctx, x, c.d, c.hd);
		c.dhd = 0;
		for (int i = 0; i < n; i++) {
			c.dhd += c.d[i] * c.hd[i];
			c.dhd_abs += fabs(c.d[i] * c.hd[i]);
		}
		if (!isfinite(c.dhd)) {
			fail(err, cap, "the Hessian-vector product is not finite at the point");
			goto out;
		}
	}
	if (remainders(&c, &r->grad, o->hessian ? &r->hess : NULL) != 0 ||
	    (o->hessian && hess_diffs(&c, r) != 0) || coords(&c, o, r) != 0 ||
	    (r->worst_score > 1 && along_coord(&c, r) != 0)) {
		fail(err, cap, "interrupted");
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

int dcheck_grad_ok(const dcheck_result *r)
{
	return dcheck_slope_ok(&r->grad, 2) && r->worst_score <= 1;
}

/* H d against gradient differences decides: the third-order remainder often has too
 * short a straight stretch between rounding and the fourth-order terms. */
int dcheck_hess_ok(const dcheck_result *r)
{
	return r->hess.relerr <= 1e-5;
}
