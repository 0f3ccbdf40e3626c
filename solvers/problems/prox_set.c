/* prox_set: simple feasible sets, their projections and linear minimization oracles. */
#include "prox.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_BOX, S_NONNEG, S_BALL, S_SIMPLEX };

typedef struct set {
	int kind;
	double lo, hi; /* box; r in hi for the ball and the simplex */
	int nb;        /* a box with bounds per coordinate: b[0..nb) lower, b[nb..2nb) upper */
	double b[];
} set;

/* The bounds of coordinate i of a box. */
static double box_lo(const set *s, int i)
{
	return i < s->nb ? s->b[i] : s->lo;
}

static double box_hi(const set *s, int i)
{
	return i < s->nb ? s->b[s->nb + i] : s->hi;
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

/* The threshold theta of the simplex projection, max(x - theta, 0), by bisection on
 * the monotone sum(max(x - theta, 0)) = r: used only when the sort has no memory. */
static double simplex_theta_bisect(const double *x, double r, int n)
{
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < n; i++)
		lo = fmin(lo, x[i]), hi = fmax(hi, x[i]);
	lo -= r; /* there every term is >= r, so the sum is >= r; at hi it is 0 */
	for (int it = 0; it < 200 && lo < hi; it++) {
		double mid = 0.5 * (lo + hi), s = 0;
		for (int i = 0; i < n; i++)
			s += fmax(x[i] - mid, 0);
		if (s > r)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

/* Sort-based (Held, Wolfe & Crowder 1974; Duchi et al. 2008): with u sorted
 * descending, rho = the last j with u_j - (sum_{i<=j} u_i - r)/j > 0. */
void prox_project_simplex(const double *x, double r, double *out, int n)
{
	double *u = malloc((size_t)n * sizeof *u), theta;
	if (u) {
		memcpy(u, x, (size_t)n * sizeof *u);
		qsort(u, (size_t)n, sizeof *u, cmp_desc);
		double sum = 0;
		theta = u[0] - r;
		for (int j = 0; j < n; j++) {
			sum += u[j];
			double tj = (sum - r) / (j + 1);
			if (u[j] - tj > 0)
				theta = tj;
		}
		free(u);
	} else {
		theta = simplex_theta_bisect(x, r, n);
	}
	for (int i = 0; i < n; i++)
		out[i] = fmax(x[i] - theta, 0);
}

static void set_project(const void *ctx, const double *x, double *out, int n)
{
	const set *s = ctx;
	switch (s->kind) {
	case S_BOX:
		for (int i = 0; i < n; i++)
			out[i] = fmin(fmax(x[i], box_lo(s, i)), box_hi(s, i));
		return;
	case S_NONNEG:
		for (int i = 0; i < n; i++)
			out[i] = fmax(x[i], 0);
		return;
	case S_BALL: {
		double q = 0;
		for (int i = 0; i < n; i++)
			q += x[i] * x[i];
		q = sqrt(q);
		double scale = q > s->hi ? s->hi / q : 1;
		for (int i = 0; i < n; i++)
			out[i] = scale * x[i];
		return;
	}
	default:
		prox_project_simplex(x, s->hi, out, n);
	}
}

/* argmin over the set of <g, s>: a vertex for the box and the simplex, -r g/|g| for
 * the ball. Ties (g_i = 0) go to the lower bound, so the answer is deterministic. */
static void set_lmo(const void *ctx, const double *g, double *out, int n)
{
	const set *s = ctx;
	switch (s->kind) {
	case S_BOX:
		for (int i = 0; i < n; i++)
			out[i] = g[i] < 0 ? box_hi(s, i) : box_lo(s, i);
		return;
	case S_BALL: {
		double q = 0;
		for (int i = 0; i < n; i++)
			q += g[i] * g[i];
		q = sqrt(q);
		for (int i = 0; i < n; i++)
			out[i] = q > 0 ? -s->hi * g[i] / q : 0;
		return;
	}
	default: {
		int best = 0;
		for (int i = 1; i < n; i++)
			if (g[i] < g[best])
				best = i;
		for (int i = 0; i < n; i++)
			out[i] = i == best ? s->hi : 0;
	}
	}
}

static int set_contains(const void *ctx, const double *x, int n, double tol)
{
	const set *s = ctx;
	double q = 0;
	switch (s->kind) {
	case S_BOX:
		for (int i = 0; i < n; i++)
			if (!(x[i] >= box_lo(s, i) - tol && x[i] <= box_hi(s, i) + tol))
				return 0;
		return 1;
	case S_NONNEG:
		for (int i = 0; i < n; i++)
			if (!(x[i] >= -tol))
				return 0;
		return 1;
	case S_BALL:
		for (int i = 0; i < n; i++)
			q += x[i] * x[i];
		return sqrt(q) <= s->hi + tol;
	default:
		for (int i = 0; i < n; i++) {
			if (!(x[i] >= -tol))
				return 0;
			q += x[i];
		}
		return fabs(q - s->hi) <= tol * (1 + n);
	}
}

static size_t set_size(int nb)
{
	return sizeof(set) + 2 * (size_t)nb * sizeof(double);
}

static void *set_clone(const void *ctx)
{
	const set *from = ctx;
	set *c = malloc(set_size(from->nb));
	if (c)
		memcpy(c, ctx, set_size(from->nb));
	return c;
}

/* A set; for a box with bounds per coordinate, nb > 0 and lo, hi hold nb values each. */
static prob_set *set_make(int kind, const char *desc, double lo, double hi, int nb,
                          const double *vlo, const double *vhi)
{
	prob_set *p = calloc(1, sizeof *p);
	set *s = malloc(set_size(nb));
	if (!p || !s) {
		free(p);
		free(s);
		return NULL;
	}
	s->kind = kind;
	s->lo = lo;
	s->hi = hi;
	s->nb = nb;
	for (int i = 0; i < nb; i++) {
		s->b[i] = vlo[i];
		s->b[nb + i] = vhi[i];
	}
	p->desc = desc;
	p->project = set_project;
	p->lmo = kind == S_NONNEG ? NULL : set_lmo;
	p->contains = set_contains;
	p->ctx = s;
	p->free = free;
	p->clone = set_clone;
	return p;
}

static prob_set *set_new(int kind, const char *desc, double lo, double hi)
{
	return set_make(kind, desc, lo, hi, 0, NULL, NULL);
}

prob_set *prox_box(double lo, double hi)
{
	if (!(lo <= hi) || !isfinite(lo) || !isfinite(hi))
		return NULL;
	return set_new(S_BOX, "box", lo, hi);
}

prob_set *prox_box_each(int n, const double *lo, const double *hi)
{
	double a = INFINITY, b = -INFINITY;
	for (int i = 0; i < n; i++) {
		if (!(lo[i] <= hi[i]) || !isfinite(lo[i]) || !isfinite(hi[i]))
			return NULL;
		a = fmin(a, lo[i]);
		b = fmax(b, hi[i]);
	}
	return n > 0 ? set_make(S_BOX, "box", a, b, n, lo, hi) : NULL;
}

int prox_box_bounds(const prob_set *s, int n, double *lo, double *hi)
{
	if (!s || s->project != set_project)
		return -1;
	const set *b = s->ctx;
	if (b->kind != S_BOX)
		return -1;
	for (int i = 0; i < n; i++) {
		lo[i] = box_lo(b, i);
		hi[i] = box_hi(b, i);
	}
	return 0;
}

prob_set *prox_nonneg(void)
{
	return set_new(S_NONNEG, "nonneg", 0, INFINITY);
}

prob_set *prox_ball(double r)
{
	return r > 0 && isfinite(r) ? set_new(S_BALL, "ball", 0, r) : NULL;
}

prob_set *prox_simplex(double r)
{
	return r > 0 && isfinite(r) ? set_new(S_SIMPLEX, "simplex", 0, r) : NULL;
}

prob_set *prox_set_new(const char *name, double a, double b, char *err, size_t cap)
{
	const char *why = NULL;
	int kind = !strcmp(name, "box")      ? S_BOX
	           : !strcmp(name, "nonneg")  ? S_NONNEG
	           : !strcmp(name, "ball")    ? S_BALL
	           : !strcmp(name, "simplex") ? S_SIMPLEX
	                                      : -1;
	if (kind < 0)
		why = "unknown set (box(LO, HI), nonneg, ball(R), simplex(R))";
	else if (kind == S_BOX && (isnan(b) || !(a <= b) || !isfinite(a) || !isfinite(b)))
		why = "box(LO, HI) needs finite LO <= HI";
	else if (kind == S_NONNEG && (!isnan(a) || !isnan(b)))
		why = "nonneg takes no parameter";
	else if (kind != S_BOX && kind != S_NONNEG &&
	         (!isnan(b) || !(isnan(a) || (a > 0 && isfinite(a)))))
		why = kind == S_BALL ? "ball(R) needs one radius R > 0" : "simplex(R) needs one R > 0";
	if (why) {
		snprintf(err, cap, "%s", why);
		return NULL;
	}
	double r = isnan(a) ? 1 : a;
	prob_set *s = kind == S_BOX      ? prox_box(a, b)
	              : kind == S_NONNEG ? prox_nonneg()
	              : kind == S_BALL   ? prox_ball(r)
	                                 : prox_simplex(r);
	if (!s) /* the parameters were checked above */
		snprintf(err, cap, "out of memory");
	return s;
}

void prox_set_free(prob_set *s)
{
	if (!s)
		return;
	if (s->free && s->ctx)
		s->free(s->ctx);
	free(s);
}

void prox_attach_set(prob *p, prob_set *s)
{
	prox_set_free(p->set);
	p->set = s;
	p->caps &= ~(unsigned)(PROB_PROJ | PROB_LMO);
	if (s)
		p->caps |= PROB_PROJ | (s->lmo ? PROB_LMO : 0u);
}
