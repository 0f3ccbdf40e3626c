/* so: models and their solvers for the second-order family (so.h). */
#include "so.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

double so_norm(const double *x, int n)
{
	return sqrt(dense_dot(x, x, n));
}

/* |h(lam)| for h_i = -gt_i / (w_i + lam); a term with w_i + lam <= 0 counts as 0 when
 * |gt_i| <= tiny (the hard case), else makes the length infinite. */
static double hlen(const double *w, const double *gt, int n, double lam, double tiny)
{
	double s = 0.0;
	for (int i = 0; i < n; i++) {
		double d = w[i] + lam;
		if (d > 0.0)
			s += gt[i] * gt[i] / (d * d);
		else if (fabs(gt[i]) > tiny)
			return INFINITY;
	}
	return sqrt(s);
}

double so_secular(const double *w, const double *gt, int n, double a, double b, double *h)
{
	double gn = so_norm(gt, n), scale = 0.0;
	for (int i = 0; i < n; i++)
		scale = fmax(scale, fabs(w[i]));
	/* lam > -w_0: not widened by the rounding of |H|, which on a badly scaled H
	 * (Meyer's function) is far above the true lam and made a hard case of a gt_0
	 * that is not small; a gt_0 at rounding level is the hard case (hlen, tiny) */
	double lo = fmax(0.0, -w[0]);
	double tiny = 1e-13 * gn; /* gt this small on the lowest eigenspace: the hard case */
	double lam;
	if (w[0] > 1e-14 * scale && hlen(w, gt, n, 0.0, tiny) <= a) {
		lam = 0.0;
	} else if (!(hlen(w, gt, n, lo, tiny) > a + b * lo)) {
		/* hard case: lam at its bound, the missing length along e_0 */
		for (int i = 0; i < n; i++) {
			double d = w[i] + lo;
			h[i] = d > 0.0 ? -gt[i] / d : 0.0;
		}
		double len = so_norm(h, n), want = a + b * lo;
		h[0] += sqrt(fmax(0.0, want * want - len * len));
		return lo;
	} else {
		double hi = lo + 1e-3 * fmax(1.0, scale);
		while (hlen(w, gt, n, hi, tiny) > a + b * hi && hi < 1e300)
			hi = lo + 4.0 * (hi - lo);
		for (int it = 0; it < 200 && hi - lo > 4e-16 * hi; it++) {
			double mid = 0.5 * (lo + hi);
			if (hlen(w, gt, n, mid, tiny) > a + b * mid)
				lo = mid;
			else
				hi = mid;
		}
		lam = hi;
	}
	for (int i = 0; i < n; i++) {
		double d = w[i] + lam;
		h[i] = d > 0.0 ? -gt[i] / d : 0.0;
	}
	return lam;
}

double so_quad_eig(const double *w, const double *gt, const double *h, int n)
{
	double m = 0.0;
	for (int i = 0; i < n; i++)
		m += gt[i] * h[i] + 0.5 * w[i] * h[i] * h[i];
	return m;
}

void so_rotate(const double *v, int n, const double *x, double *y, int back)
{
	for (int i = 0; i < n; i++) {
		double s = 0.0;
		if (back)
			for (int k = 0; k < n; k++)
				s += v[(size_t)i * n + k] * x[k];
		else
			for (int k = 0; k < n; k++)
				s += v[(size_t)k * n + i] * x[k];
		y[i] = s;
	}
}

int so_hess_eig(meth_ctx *c, const double *x, double *h, double *w, double *v)
{
	oracle_hess(c->o, x, h);
	if (dense_eigsym(h, c->n, w, v) != 0) {
		snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
		return -1;
	}
	return 0;
}

/* tau >= 0 with |p + tau d| = radius */
static double to_boundary(const double *p, const double *d, int n, double radius)
{
	double pd = dense_dot(p, d, n), dd = dense_dot(d, d, n), pp = dense_dot(p, p, n);
	if (dd == 0.0)
		return 0.0;
	double disc = sqrt(fmax(0.0, pd * pd + dd * (radius * radius - pp)));
	return (-pd + disc) / dd;
}

int so_cg(meth_ctx *c, const double *x, double radius, double tol, int maxit, double *p,
          double *w, int *iters)
{
	int n = c->n, tr = isfinite(radius);
	double *r = w, *d = w + n, *hd = w + 2 * n;
	memset(p, 0, (size_t)n * sizeof *p);
	memcpy(r, c->g, (size_t)n * sizeof *r);
	for (int i = 0; i < n; i++)
		d[i] = -r[i];
	double rr = dense_dot(r, r, n);
	*iters = 0;
	if (sqrt(rr) <= tol)
		return 0;
	for (int j = 0; j < maxit; j++) {
		oracle_hessvec(c->o, x, d, hd);
		(*iters)++;
		double dhd = dense_dot(d, hd, n);
		if (!(dhd > 0.0)) {
			if (tr) {
				double t = to_boundary(p, d, n, radius);
				for (int i = 0; i < n; i++)
					p[i] += t * d[i];
			} else if (j == 0) {
				for (int i = 0; i < n; i++)
					p[i] = -c->g[i];
			}
			return 2;
		}
		double alpha = rr / dhd;
		if (tr) {
			double pn = 0.0;
			for (int i = 0; i < n; i++) {
				double q = p[i] + alpha * d[i];
				pn += q * q;
			}
			if (sqrt(pn) >= radius) {
				double t = to_boundary(p, d, n, radius);
				for (int i = 0; i < n; i++)
					p[i] += t * d[i];
				return 1;
			}
		}
		for (int i = 0; i < n; i++) {
			p[i] += alpha * d[i];
			r[i] += alpha * hd[i];
		}
		double rr1 = dense_dot(r, r, n);
		if (sqrt(rr1) <= tol)
			return 0;
		double beta = rr1 / rr;
		rr = rr1;
		for (int i = 0; i < n; i++)
			d[i] = -r[i] + beta * d[i];
	}
	return 0;
}

double so_lanczos_cubic(meth_ctx *c, const double *x, double sigma, int kmax, double *q,
                        double *t, double *h)
{
	int n = c->n, k = 0;
	if (kmax > n)
		kmax = n;
	size_t kk = (size_t)kmax * kmax;
	double *tri = t, *tk = t + kk, *vk = t + 2 * kk, *w = t + 3 * kk;
	double *gt = w + kmax, *yt = gt + kmax, *y = yt + kmax;
	double gn = so_norm(c->g, n), beta = 0.0;
	memset(tri, 0, kk * sizeof *tri);
	for (int i = 0; i < n; i++)
		q[i] = c->g[i] / gn;
	/* h serves as the product buffer while the basis grows */
	while (k < kmax) {
		double *qk = q + (size_t)k * n;
		oracle_hessvec(c->o, x, qk, h);
		double a = dense_dot(qk, h, n);
		tri[(size_t)k * kmax + k] = a;
		for (int i = 0; i < n; i++)
			h[i] -= a * qk[i] + (k ? beta * q[(size_t)(k - 1) * n + i] : 0.0);
		/* full reorthogonalization: k is small and it keeps the basis orthogonal */
		for (int j = 0; j <= k; j++) {
			double s = dense_dot(h, q + (size_t)j * n, n);
			for (int i = 0; i < n; i++)
				h[i] -= s * q[(size_t)j * n + i];
		}
		beta = so_norm(h, n);
		k++;
		if (k == kmax || beta <= 1e-10 * fmax(fabs(a), 1e-300))
			break;
		tri[(size_t)(k - 1) * kmax + k] = tri[(size_t)k * kmax + k - 1] = beta;
		for (int i = 0; i < n; i++)
			q[(size_t)k * n + i] = h[i] / beta;
	}
	/* the k x k problem: its eigenbasis, then the secular equation */
	for (int i = 0; i < k; i++)
		for (int j = 0; j < k; j++)
			tk[i * k + j] = tri[(size_t)i * kmax + j];
	dense_eigsym(tk, k, w, vk);
	for (int i = 0; i < k; i++)
		gt[i] = vk[i] * gn; /* V' (|g| e_1): row 0 of V */
	so_secular(w, gt, k, 0.0, 1.0 / sigma, yt);
	double m = so_quad_eig(w, gt, yt, k);
	so_rotate(vk, k, yt, y, 1);
	memset(h, 0, (size_t)n * sizeof *h);
	for (int j = 0; j < k; j++)
		for (int i = 0; i < n; i++)
			h[i] += y[j] * q[(size_t)j * n + i];
	return m;
}

int so_cub_init(so_cub *s, meth_ctx *c, int dense_max, int kmax)
{
	size_t n = (size_t)c->n;
	s->n = c->n;
	s->dense = c->n <= dense_max;
	s->kmax = kmax < c->n ? kmax : c->n;
	if (s->dense) {
		s->hm = malloc((2 * n * n + 3 * n) * sizeof *s->hm);
		if (s->hm) {
			s->v = s->hm + n * n;
			s->w = s->v + n * n;
			s->gt = s->w + n;
			s->ht = s->gt + n;
		}
	} else if (s->kmax > 0) {
		size_t k = (size_t)s->kmax;
		s->q = malloc(k * n * sizeof *s->q);
		s->t = malloc((3 * k * k + 4 * k) * sizeof *s->t);
	}
	s->gx = malloc(n * sizeof *s->gx);
	if (!s->gx || (s->dense ? !s->hm : s->kmax > 0 && (!s->q || !s->t))) {
		so_cub_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for the cubic model (n = %d)", c->n);
		return METH_FAILED;
	}
	return METH_OK;
}

void so_cub_free(so_cub *s)
{
	free(s->hm);
	free(s->q);
	free(s->t);
	free(s->gx);
	s->hm = s->q = s->t = s->gx = NULL;
}

double so_cub_step(so_cub *s, meth_ctx *c, double sigma, double *h)
{
	int n = c->n;
	double m;
	if (!s->dense) { /* the basis depends on g too: rebuilt for each step */
		m = so_lanczos_cubic(c, c->x, sigma, s->kmax, s->q, s->t, h);
		double r = so_norm(h, n);
		return m + sigma * r * r * r / 3.0;
	}
	if (!s->have) {
		if (so_hess_eig(c, c->x, s->hm, s->w, s->v) != 0)
			return NAN;
		s->have = 1;
	}
	so_rotate(s->v, n, c->g, s->gt, 0);
	so_secular(s->w, s->gt, n, 0.0, 1.0 / sigma, s->ht);
	so_rotate(s->v, n, s->ht, h, 1);
	m = so_quad_eig(s->w, s->gt, s->ht, n);
	double r = so_norm(s->ht, n);
	return so_cauchy_guard(s, c->g, n, sigma, 0.0, m + sigma * r * r * r / 3.0, h);
}

double so_cauchy_guard(const so_cub *e, const double *g, int n, double sigma, double radius,
                       double m, double *h)
{
	double gg = 0.0, ghg = 0.0, t, mc;
	for (int i = 0; i < n; i++)
		gg += e->gt[i] * e->gt[i], ghg += e->w[i] * e->gt[i] * e->gt[i];
	double gn = sqrt(gg);
	if (!(gg > 0.0))
		return m;
	if (sigma > 0.0) { /* argmin over t >= 0 of -t gg + t^2 ghg / 2 + sigma t^3 gn^3 / 3 */
		t = 2.0 * gg / (ghg + sqrt(ghg * ghg + 4.0 * sigma * gg * gg * gn));
		mc = -t * gg + 0.5 * t * t * ghg + sigma * t * t * t * gg * gn / 3.0;
	} else { /* the same quadratic within |t g| <= radius */
		t = ghg > 0.0 ? fmin(radius / gn, gg / ghg) : radius / gn;
		mc = -t * gg + 0.5 * t * t * ghg;
	}
	if (!(m <= mc)) {
		for (int i = 0; i < n; i++)
			h[i] = -t * g[i];
		m = mc;
	}
	return m;
}

int so_at_rounding(const meth_ctx *c, double m)
{
	return -m <= 10 * DBL_EPSILON * fabs(c->f); /* relative: f* = 0 is resolved to its end */
}

/* Whether the unregularized model could decrease f measurably from x: negative
 * curvature along g, or Newton's decrease g'H^-1 g / 2 above f's rounding (dense
 * factors of H at x only; else 0). */
static int newton_measurable(const so_cub *s, const meth_ctx *c)
{
	if (!s->dense || !s->have)
		return 0;
	double dn = 0.0;
	for (int i = 0; i < c->n; i++) {
		if (s->w[i] <= 0.0 && s->gt[i] != 0.0)
			return 1;
		if (s->w[i] > 0.0)
			dn += 0.5 * s->gt[i] * s->gt[i] / s->w[i];
	}
	return !so_at_rounding(c, -dn);
}

int so_rounding_judge(so_cub *s, meth_ctx *c, const double *xt, const double *h)
{
	int n = c->n;
	double ft = oracle_grad(c->o, xt, s->gx);
	if (!(so_norm(s->gx, n) <= 0.5 * so_norm(c->g, n))) {
		c->step = 0.0;
		if (newton_measurable(s, c)) { /* the regularization keeps the step unmeasurable */
			snprintf(c->msg, sizeof c->msg,
			         "the regularized model's decrease is below f's rounding, Newton's is "
			         "not, and the step does not halve |g|");
			return METH_NO_PROGRESS;
		}
		snprintf(c->msg, sizeof c->msg,
		         "stationary to rounding: the model's decrease is below f's rounding and "
		         "the step does not halve |g|");
		return METH_CONVERGED;
	}
	c->step = so_norm(h, n);
	memcpy(c->x, xt, (size_t)n * sizeof *c->x);
	memcpy(c->g, s->gx, (size_t)n * sizeof *c->g);
	c->f = ft;
	return METH_OK;
}

int so_cubic_search(so_cub *s, meth_ctx *c, double *M, int adapt, double *h, double *xt)
{
	int n = c->n;
	if (adapt)
		*M = fmax(*M / 2.0, 1e-12);
	for (int tries = 0;; tries++) {
		double m = so_cub_step(s, c, *M / 2.0, h); /* sigma |h|^3 / 3 = M |h|^3 / 6 */
		if (isnan(m)) {
			snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
			return METH_FAILED;
		}
		for (int i = 0; i < n; i++)
			xt[i] = c->x[i] + h[i];
		double ft = oracle_value(c->o, xt);
		c->extra[1] = -m;
		c->extra[2] = c->f - ft;
		if (m >= 0.0 && (!adapt || ft <= c->f))
			return METH_CONVERGED; /* no model decrease: a second-order point */
		if (so_at_rounding(c, m)) {
			c->extra[0] = *M;
			return so_rounding_judge(s, c, xt, h);
		}
		if (adapt && !(ft <= c->f + m) && tries < 60) {
			meth_probe(c, xt);
			*M *= 2.0;
			continue;
		}
		if (!(ft <= c->f) && adapt) {
			snprintf(c->msg, sizeof c->msg, "no decrease with M = %g", *M);
			return METH_NO_PROGRESS;
		}
		c->extra[0] = *M;
		c->step = so_norm(h, n);
		memcpy(c->x, xt, (size_t)n * sizeof *c->x);
		c->f = oracle_grad(c->o, c->x, c->g);
		return METH_OK;
	}
}

int so_tr_accept(meth_ctx *c, double *radius, double maxradius, double eta, double m,
                 const double *p, const double *xt, int *have)
{
	int n = c->n;
	c->extra[0] = *radius;
	if (!(m < 0.0)) {
		c->extra[1] = NAN;
		c->extra[2] = c->extra[3] = 0.0;
		return METH_CONVERGED; /* no decrease within the region: a second-order point */
	}
	double ft = oracle_value(c->o, xt);
	double rho = (c->f - ft) / -m, pn = so_norm(p, n);
	c->extra[1] = rho;
	c->extra[2] = -m;
	c->extra[3] = c->f - ft;
	if (!(rho >= 0.25))
		*radius = 0.25 * fmin(*radius, pn);
	else if (rho > 0.75 && pn >= 0.999 * *radius)
		*radius = fmin(2.0 * *radius, maxradius);
	if (!(rho > eta)) {
		meth_probe(c, xt);
		c->step = 0.0;
		c->moved = 1; /* the region shrank: progress x does not show */
		if (*radius < 1e-300) {
			snprintf(c->msg, sizeof c->msg, "the trust radius vanished");
			return METH_NO_PROGRESS;
		}
		return METH_OK;
	}
	c->step = pn;
	memcpy(c->x, xt, (size_t)n * sizeof *c->x);
	c->f = oracle_grad(c->o, c->x, c->g);
	*have = 0;
	return METH_OK;
}
