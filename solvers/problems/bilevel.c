/* bilevel: two tapes over z = (x, y) behind the problem interface (bilevel.h). The
 * problem's oracle is the upper level's; the lower level, its minimum and the kind's
 * stationarity measure are computed here from dense small factorizations of H_yy. */
#include "bilevel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

#define LOWER_NEWTON_MAX 100 /* Newton steps of bilevel_lower_min */

static double bl_value(void *ctx, const double *z)
{
	return expr_value(((bilevel *)ctx)->upper, z);
}

static double bl_grad(void *ctx, const double *z, double *g)
{
	return expr_gradient(((bilevel *)ctx)->upper, z, g);
}

static double bl_hessvec(void *ctx, const double *z, const double *v, double *hv)
{
	return expr_hessvec(((bilevel *)ctx)->upper, z, v, NULL, hv);
}

static double bl_hess(void *ctx, const double *z, double *h)
{
	return expr_hessian(((bilevel *)ctx)->upper, z, h);
}

static double bl_dirderiv(void *ctx, const double *z, const double *v, double *df)
{
	return expr_dirderiv(((bilevel *)ctx)->upper, z, v, df);
}

static void bl_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	expr_value_batch(((bilevel *)ctx)->upper, k, cols, strides, out);
}

static void bl_free(void *ctx)
{
	bilevel *b = ctx;
	if (!b)
		return;
	expr_free(b->upper);
	expr_free(b->lower);
	free(b->upper_src);
	free(b->lower_src);
	free(b);
}

static void *bl_clone(const void *ctx)
{
	const bilevel *b = ctx;
	bilevel *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->nx = b->nx;
	c->ny = b->ny;
	c->upper = expr_clone(b->upper);
	c->lower = expr_clone(b->lower);
	c->upper_src = strdup(b->upper_src);
	c->lower_src = strdup(b->lower_src);
	if (!c->upper || !c->lower || !c->upper_src || !c->lower_src) {
		bl_free(c);
		return NULL;
	}
	return c;
}

static const prob_ops bilevel_ops = {
    .value = bl_value,
    .grad = bl_grad,
    .hessvec = bl_hessvec,
    .hess = bl_hess,
    .dirderiv = bl_dirderiv,
    .batch = bl_batch,
    .clone = bl_clone,
    .free = bl_free,
};

const bilevel *bilevel_of(const prob *p)
{
	return p && (p->caps & PROB_BILEVEL) && p->ops == &bilevel_ops ? p->ctx : NULL;
}

static expr_tape *compile_level(const char *src, const expr_options *opt, const char *which,
                                expr_error *err)
{
	expr_tape *t = expr_compile(src, opt, err);
	if (!t) {
		char msg[sizeof err->msg];
		memcpy(msg, err->msg, sizeof msg);
		int len = snprintf(err->msg, sizeof err->msg, "%s level: ", which);
		snprintf(err->msg + len, sizeof err->msg - (size_t)len, "%.*s",
		         (int)(sizeof err->msg - (size_t)len - 1), msg);
	}
	return t;
}

prob *bilevel_problem(const char *name, const char *upper, const char *lower,
                      const expr_var *xvars, int nx, const expr_var *yvars, int ny,
                      const expr_options *opt, expr_error *err)
{
	expr_var vars[128];
	err->line = 1;
	err->col = 0;
	if (nx < 1 || ny < 1 || nx + ny > 128) {
		snprintf(err->msg, sizeof err->msg,
		         "a bilevel problem declares 1 to 127 upper and lower variables");
		return NULL;
	}
	memcpy(vars, xvars, (size_t)nx * sizeof *vars);
	memcpy(vars + nx, yvars, (size_t)ny * sizeof *vars);
	expr_options o = opt ? *opt : (expr_options){0};
	o.vars = vars;
	o.nvars = nx + ny;
	bilevel *b = calloc(1, sizeof *b);
	if (!b) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return NULL;
	}
	b->upper = compile_level(upper, &o, "upper", err);
	if (b->upper && !(b->lower = compile_level(lower, &o, "lower", err)))
		err->col = -err->col; /* negative: a column of the lower expression */
	if (!b->upper || !b->lower) {
		bl_free(b);
		return NULL;
	}
	int n = expr_dim(b->upper);
	int sx = 0;
	for (int i = 0; i < nx; i++)
		sx += xvars[i].size ? xvars[i].size : 1;
	b->nx = sx;
	b->ny = n - sx;
	if (b->ny > BILEVEL_MAX_NY) {
		err->col = 0;
		snprintf(err->msg, sizeof err->msg, "%d lower-level variables: at most %d", b->ny,
		         BILEVEL_MAX_NY);
		bl_free(b);
		return NULL;
	}
	b->upper_src = strdup(upper);
	b->lower_src = strdup(lower);
	size_t dlen = strlen(upper) + strlen(lower) + 64;
	char *desc = malloc(dlen);
	prob *p = b->upper_src && b->lower_src && desc
	              ? prob_new(name, n, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_BILEVEL,
	                         &bilevel_ops, b)
	              : (bl_free(b), NULL);
	if (p)
		snprintf(desc, dlen, "min %s  s.t. y in argmin %s", upper, lower);
	if (!p || prob_set_desc(p, desc)) {
		prob_free(p);
		free(desc);
		err->col = 0;
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return NULL;
	}
	free(desc);
	char buf[64];
	char **names = calloc((size_t)n, sizeof *names);
	for (int i = 0; names && i < n; i++) {
		expr_coord_name(b->upper, i, buf, sizeof buf);
		names[i] = strdup(buf);
	}
	if (names)
		prob_set_coord_names(p, (const char *const *)names); /* else the defaults x1.. */
	for (int i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	return p;
}

double bilevel_lower(const bilevel *b, const double *z, double *gz)
{
	return gz ? expr_gradient(b->lower, z, gz) : expr_value(b->lower, z);
}

void bilevel_lower_hessvec(const bilevel *b, const double *z, const double *v, double *hv)
{
	expr_hessvec(b->lower, z, v, NULL, hv);
}

/* ---- the dense pseudo-inverse of H_yy ---- */

typedef struct pinv {
	int n, ny, nx;
	double *h;    /* n x n, the lower Hessian */
	double *w, *v; /* eigenvalues, eigenvectors (columns) of H_yy */
	double cut;   /* eigenvalues of at most cut in size count as zero */
} pinv;

static void pinv_free(pinv *q)
{
	free(q->h);
	free(q->w);
	free(q->v);
}

/* Factors H_yy at z; -1 without memory or for a non-finite Hessian. */
static int pinv_at(pinv *q, const bilevel *b, const double *z)
{
	int nx = b->nx, ny = b->ny, n = nx + ny;
	q->n = n;
	q->nx = nx;
	q->ny = ny;
	q->h = malloc((size_t)n * (size_t)n * sizeof *q->h);
	q->w = malloc((size_t)ny * sizeof *q->w);
	q->v = malloc((size_t)ny * (size_t)ny * sizeof *q->v);
	double *a = malloc((size_t)ny * (size_t)ny * sizeof *a);
	if (!q->h || !q->w || !q->v || !a) {
		free(a);
		return -1;
	}
	expr_hessian(b->lower, z, q->h);
	for (int i = 0; i < ny; i++)
		for (int j = 0; j < ny; j++)
			a[i * ny + j] = q->h[(size_t)(nx + i) * n + nx + j];
	int rc = dense_eigsym(a, ny, q->w, q->v);
	free(a);
	double big = 0;
	for (int i = 0; i < ny; i++)
		big = fmax(big, fabs(q->w[i]));
	q->cut = 1e-10 * big;
	return rc;
}

/* out = H+ r; *null (may be NULL) = |r - H H+ r|, the part of r off the range. */
static void pinv_apply(const pinv *q, const double *r, double *out, double *null)
{
	int ny = q->ny;
	double off = 0;
	for (int i = 0; i < ny; i++)
		out[i] = 0;
	for (int k = 0; k < ny; k++) {
		double c = 0;
		for (int i = 0; i < ny; i++)
			c += q->v[i * ny + k] * r[i];
		if (fabs(q->w[k]) > q->cut) {
			for (int i = 0; i < ny; i++)
				out[i] += q->v[i * ny + k] * c / q->w[k];
		} else {
			off += c * c;
		}
	}
	if (null)
		*null = sqrt(off);
}

static double norm(const double *v, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] * v[i];
	return sqrt(s);
}

double bilevel_lower_min(const bilevel *b, const double *z, double *ystar)
{
	int nx = b->nx, ny = b->ny, n = nx + ny;
	double *w = malloc((size_t)(3 * n + ny) * sizeof *w);
	if (!w)
		return NAN;
	double *u = w, *gz = w + n, *t = w + 2 * n, *d = w + 3 * n;
	memcpy(u, z, (size_t)n * sizeof *u);
	double g = NAN;
	for (int it = 0; it < LOWER_NEWTON_MAX; it++) {
		g = expr_gradient(b->lower, u, gz);
		double gn = norm(gz + nx, ny);
		if (!isfinite(g) || gn <= 1e-14 * (1 + fabs(g)))
			break;
		pinv q = {0};
		int ok = pinv_at(&q, b, u) == 0;
		if (ok)
			pinv_apply(&q, gz + nx, d, NULL);
		pinv_free(&q);
		double slope = 0;
		for (int i = 0; ok && i < ny; i++)
			slope -= d[i] * gz[nx + i];
		if (!ok || !(slope < 0)) /* not a descent direction: the gradient's */
			for (int i = 0; i < ny; i++)
				d[i] = gz[nx + i] / (1 + gn);
		slope = 0;
		for (int i = 0; i < ny; i++)
			slope -= d[i] * gz[nx + i];
		double s = 1, gt = NAN;
		for (int k = 0; k < 60; k++, s *= 0.5) {
			memcpy(t, u, (size_t)n * sizeof *t);
			for (int i = 0; i < ny; i++)
				t[nx + i] -= s * d[i];
			gt = expr_value(b->lower, t);
			if (gt <= g + 1e-4 * s * slope)
				break;
		}
		if (!(gt <= g)) /* no decrease at rounding's level: u is the minimizer */
			break;
		memcpy(u, t, (size_t)n * sizeof *u);
		g = gt;
	}
	if (ystar)
		memcpy(ystar, u + nx, (size_t)ny * sizeof *ystar);
	free(w);
	return g;
}

double bilevel_measure(const bilevel *b, const double *z, const double *gF, double *hx)
{
	int nx = b->nx, ny = b->ny, n = nx + ny;
	double *w = malloc((size_t)(3 * n) * sizeof *w);
	pinv q = {0};
	if (!w || pinv_at(&q, b, z) != 0) {
		free(w);
		pinv_free(&q);
		return NAN;
	}
	double *u = w, *hv = w + n, *gz = w + 2 * n, off;
	memset(u, 0, (size_t)nx * sizeof *u);
	pinv_apply(&q, gF + nx, u + nx, &off);
	pinv_free(&q);
	bilevel_lower_hessvec(b, z, u, hv); /* H_xy H+ grad_y F in hv[0..nx) */
	expr_gradient(b->lower, z, gz);
	double s = 0;
	for (int i = 0; i < nx; i++) {
		double h = gF[i] - hv[i];
		if (hx)
			hx[i] = h;
		s += h * h;
	}
	double m = sqrt(s) + off + norm(gz + nx, ny);
	free(w);
	return m;
}
