/* direct: DIRECT (DIviding RECTangles, Jones, Perttunen & Stuckman 1993), Lipschitzian
 * global optimization without the Lipschitz constant, over a box. The box, scaled to
 * the unit cube, is split into hyperrectangles sampled at their centres. An iteration
 * divides every potentially optimal rectangle: one with the lowest f among those of
 * its size d (centre-to-vertex distance) for which some K > 0 makes f_j - K d_j the
 * smallest of all rectangles and at most f_min - eps |f_min|. Division samples
 * c +- delta e_i along the longest sides, delta a third of the side, and trisects in
 * the order of w_i = min f(c +- delta e_i), so that the best points get the largest
 * rectangles. The start is not used: DIRECT begins at the centre of the box. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pop.h"

enum { P_EPS, P_COUNT };

static const param_def dr_params[P_COUNT] = {
	[P_EPS] = {"eps", 1e-4, 0, 1,
	           "a rectangle must promise f_min - eps |f_min|: larger, more global", NULL, 0},
};

static const char *const dr_extra[] = {"rects", "divided", "dmin", NULL};

typedef struct dr_state {
	int n;
	long nr, cap;    /* rectangles */
	double *c;       /* nr x n centres in the unit cube */
	int *lev;        /* nr x n: side i is 3^-lev[i] */
	double *f, *d;   /* value at the centre, size */
	long *order;     /* scratch: rectangle indices, nr */
	double *x, *pts; /* a point in the box; the points sampled in a step (2n x ...) */
	long npts, ptscap;
	double *w;       /* n */
	int *dims, *ord; /* n each */
	pop_region reg;
} dr_state;

static void dr_free(void *state)
{
	dr_state *s = state;
	free(s->c);
	free(s->lev);
	free(s->f);
	free(s->d);
	free(s->order);
	free(s->x);
	free(s->pts);
	free(s->dims);
	free(s->w);
	s->c = s->f = s->d = s->x = s->pts = s->w = NULL;
	s->lev = s->dims = s->ord = NULL;
	s->order = NULL;
	pop_region_free(&s->reg);
}

static int dr_grow(dr_state *s, long need)
{
	if (need <= s->cap)
		return 0;
	long cap = s->cap ? 2 * s->cap : 64;
	while (cap < need)
		cap *= 2;
	size_t n = (size_t)s->n;
	double *c = realloc(s->c, (size_t)cap * n * sizeof *c);
	if (c)
		s->c = c;
	int *lev = realloc(s->lev, (size_t)cap * n * sizeof *lev);
	if (lev)
		s->lev = lev;
	double *f = realloc(s->f, (size_t)cap * sizeof *f);
	if (f)
		s->f = f;
	double *d = realloc(s->d, (size_t)cap * sizeof *d);
	if (d)
		s->d = d;
	long *o = realloc(s->order, (size_t)cap * sizeof *o);
	if (o)
		s->order = o;
	if (!c || !lev || !f || !d || !o)
		return -1;
	s->cap = cap;
	return 0;
}

/* f at unit-cube point u (counted); the point is kept as a probe. */
static double dr_eval(dr_state *s, meth_ctx *c, const double *u)
{
	for (int i = 0; i < s->n; i++)
		s->x[i] = s->reg.lo[i] + u[i] * (s->reg.hi[i] - s->reg.lo[i]);
	if (s->npts == s->ptscap) { /* without memory the picture misses points */
		double *q = realloc(s->pts, 2 * (size_t)s->ptscap * s->n * sizeof *q);
		if (q) {
			s->pts = q;
			s->ptscap *= 2;
		}
	}
	double f = pop_eval(c, s->x);
	if (s->npts < s->ptscap)
		memcpy(s->pts + (size_t)s->npts++ * s->n, s->x, (size_t)s->n * sizeof *s->x);
	return f;
}

static double dr_size(const int *lev, int n)
{
	double q = 0;
	for (int i = 0; i < n; i++)
		q += pow(9.0, -lev[i]);
	return 0.5 * sqrt(q);
}

/* Appends a rectangle; its index. */
static long dr_add(dr_state *s, const double *c, const int *lev, double f)
{
	long k = s->nr++;
	memcpy(s->c + (size_t)k * s->n, c, (size_t)s->n * sizeof *c);
	memcpy(s->lev + (size_t)k * s->n, lev, (size_t)s->n * sizeof *lev);
	s->f[k] = f;
	s->d[k] = dr_size(lev, s->n);
	return k;
}

static int dr_init(void *state, meth_ctx *c)
{
	dr_state *s = state;
	int n = c->n;
	s->n = n;
	c->g_valid = 0;
	if (pop_region_init(&s->reg, c, 0, 1, "direct") != METH_OK)
		return METH_FAILED;
	s->ptscap = 2 * (long)n + 2;
	s->x = malloc((size_t)n * sizeof *s->x);
	s->pts = malloc((size_t)s->ptscap * n * sizeof *s->pts);
	s->w = malloc((size_t)n * sizeof *s->w);
	s->dims = malloc(2 * (size_t)n * sizeof *s->dims);
	if (!s->x || !s->pts || !s->w || !s->dims || dr_grow(s, 1 + 2 * (long)n)) {
		dr_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->ord = s->dims + n;
	/* the first rectangle: the whole cube, sampled at its centre */
	double *u = s->w;
	int *lev = s->dims;
	for (int i = 0; i < n; i++) {
		u[i] = 0.5;
		lev[i] = 0;
	}
	c->f = NAN;
	dr_add(s, u, lev, dr_eval(s, c, u));
	c->step = 0;
	c->extra[0] = 1;
	c->extra[1] = 0;
	c->extra[2] = s->d[0];
	return METH_OK;
}

/* Marks the potentially optimal rectangles: out[0..k) their indices; returns k. */
static long dr_select(dr_state *s, double eps, long *out)
{
	long nr = s->nr;
	/* the best rectangle of each size: sizes are few, so a list of (d, index) */
	long ng = 0;
	double fbest = INFINITY;
	for (long k = 0; k < nr; k++)
		fbest = fmin(fbest, s->f[k]);
	for (long k = 0; k < nr; k++) {
		long g;
		for (g = 0; g < ng; g++)
			if (fabs(s->d[s->order[g]] - s->d[k]) <= 1e-12 * s->d[k])
				break;
		if (g == ng)
			s->order[ng++] = k;
		else if (s->f[k] < s->f[s->order[g]])
			s->order[g] = k;
	}
	long m = 0;
	for (long j = 0; j < ng; j++) {
		long a = s->order[j];
		double klo = -INFINITY, kup = INFINITY;
		for (long i = 0; i < ng; i++) {
			long b = s->order[i];
			if (s->d[b] < s->d[a])
				klo = fmax(klo, (s->f[a] - s->f[b]) / (s->d[a] - s->d[b]));
			else if (s->d[b] > s->d[a])
				kup = fmin(kup, (s->f[b] - s->f[a]) / (s->d[b] - s->d[a]));
		}
		if (!(kup > 0) || klo > kup)
			continue;
		if (isfinite(kup) && s->f[a] - kup * s->d[a] > fbest - eps * fabs(fbest))
			continue;
		out[m++] = a;
	}
	return m;
}

/* Divides rectangle r (Jones et al., the division procedure). 0, or -1 without memory. */
static int dr_divide(dr_state *s, meth_ctx *c, long r)
{
	int n = s->n, ni = 0, lmin = s->lev[(size_t)r * n];
	for (int i = 1; i < n; i++)
		if (s->lev[(size_t)r * n + i] < lmin)
			lmin = s->lev[(size_t)r * n + i];
	for (int i = 0; i < n; i++)
		if (s->lev[(size_t)r * n + i] == lmin)
			s->dims[ni++] = i;
	if (dr_grow(s, s->nr + 2 * ni))
		return -1;
	double delta = pow(3.0, -(lmin + 1));
	long first = s->nr;
	double cu[64], *cc = n <= 64 ? cu : malloc((size_t)n * sizeof *cc);
	if (!cc)
		return -1;
	for (int k = 0; k < ni; k++) {
		int i = s->dims[k];
		for (int side = 0; side < 2; side++) {
			memcpy(cc, s->c + (size_t)r * n, (size_t)n * sizeof *cc);
			cc[i] += side ? delta : -delta;
			double f = dr_eval(s, c, cc);
			dr_add(s, cc, s->lev + (size_t)r * n, f);
		}
		s->w[k] = fmin(s->f[first + 2 * k], s->f[first + 2 * k + 1]);
	}
	if (cc != cu)
		free(cc);
	/* order the dimensions by w (ties: the lower dimension first) */
	int *ord = s->ord;
	for (int k = 0; k < ni; k++) {
		int j = k;
		while (j > 0 && s->w[ord[j - 1]] > s->w[k])
			j--;
		memmove(ord + j + 1, ord + j, (size_t)(k - j) * sizeof *ord);
		ord[j] = k;
	}
	/* the k-th dimension in that order is cut in the parent and in the children of it
	 * and of every dimension after it */
	for (int q = 0; q < ni; q++) {
		int k = ord[q], i = s->dims[k];
		s->lev[(size_t)r * n + i]++;
		for (int p = q; p < ni; p++) {
			long ch = first + 2 * ord[p];
			s->lev[(size_t)ch * n + i]++;
			s->lev[(size_t)(ch + 1) * n + i]++;
		}
	}
	s->d[r] = dr_size(s->lev + (size_t)r * n, n);
	for (long ch = first; ch < s->nr; ch++)
		s->d[ch] = dr_size(s->lev + (size_t)ch * n, n);
	return 0;
}

static int dr_step(void *state, meth_ctx *c)
{
	dr_state *s = state;
	long *sel = malloc((size_t)s->nr * sizeof *sel);
	if (!sel) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	long m = dr_select(s, c->param[P_EPS], sel);
	s->npts = 0;
	for (long k = 0; k < m; k++)
		if (dr_divide(s, c, sel[k])) {
			free(sel);
			snprintf(c->msg, sizeof c->msg, "out of memory at %ld rectangles", s->nr);
			return METH_FAILED;
		}
	free(sel);
	double dmin = INFINITY;
	for (long k = 0; k < s->nr; k++)
		dmin = fmin(dmin, s->d[k]);
	pop_publish(c, s->pts, (int)s->npts);
	c->extra[0] = (double)s->nr;
	c->extra[1] = (double)m;
	c->extra[2] = dmin;
	c->step = dmin;
	if (dmin < 1e-15) {
		snprintf(c->msg, sizeof c->msg, "rectangles below 1e-15 of the box");
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_direct = {
	.name = "direct",
	.family = "global",
	.summary = "DIRECT: divides potentially optimal rectangles of the box, values only "
	           "(needs a box)",
	.reference = "Jones, Perttunen & Stuckman, Lipschitzian optimization without the "
	             "Lipschitz constant, J. Optim. Theory Appl. 79 (1993)",
	.params = dr_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_PROJ, /* a box: init refuses other sets */
	.extra = dr_extra,
	.global = 1,
	.state_size = sizeof(dr_state),
	.init = dr_init,
	.step = dr_step,
	.free = dr_free,
};
