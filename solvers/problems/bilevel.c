/* bilevel: two tapes over z = (x, y) behind the problem interface (bilevel.h). The
 * problem's oracle is the upper level's; the lower level, its minimum and the kind's
 * stationarity measure are computed here from dense small factorizations of H_yy. */
#include "bilevel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "constr.h"
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
	for (int k = 0; k < b->mc; k++) {
		expr_free(b->con[k]);
		free(b->con_src[k]);
	}
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
	int ok = 1;
	for (int k = 0; k < b->mc; k++, c->mc++)
		ok &= (c->con[k] = expr_clone(b->con[k])) != NULL &&
		      (c->con_src[k] = strdup(b->con_src[k])) != NULL;
	if (!ok || !c->upper || !c->lower || !c->upper_src || !c->lower_src) {
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
                      const char *const *cons, int ncons, const expr_options *opt,
                      expr_error *err)
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
	if (ncons > BILEVEL_MAX_CON) {
		err->col = 0;
		snprintf(err->msg, sizeof err->msg, "at most %d lower-level constraints", BILEVEL_MAX_CON);
		bl_free(b);
		return NULL;
	}
	for (int k = 0; k < ncons; k++) {
		int eq = 0;
		const char *why = NULL;
		b->con[k] = constr_compile(cons[k], &o, &eq, err);
		if (b->con[k]) {
			b->mc++; /* bl_free frees it from here */
			why = eq ? "lower-level constraints are inequalities"
			    : !(b->con_src[k] = strdup(cons[k])) ? "out of memory" : NULL;
		}
		if (why)
			snprintf(err->msg, sizeof err->msg, "%s", why);
		if (!b->con[k] || why) {
			char msg[sizeof err->msg];
			memcpy(msg, err->msg, sizeof msg);
			snprintf(err->msg, sizeof err->msg, "lower-level constraint %d: %.*s", k + 1,
			         (int)sizeof err->msg - 40, msg);
			err->col = 0;
			bl_free(b);
			return NULL;
		}
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
	for (int k = 0; k < ncons; k++)
		dlen += strlen(cons[k]) + 2;
	char *desc = malloc(dlen);
	prob *p = b->upper_src && b->lower_src && desc
	              ? prob_new(name, n, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_BILEVEL,
	                         &bilevel_ops, b)
	              : (bl_free(b), NULL);
	if (p) {
		int len = snprintf(desc, dlen, "min %s  s.t. y in argmin %s", upper, lower);
		for (int k = 0; k < ncons; k++)
			len += snprintf(desc + len, dlen - (size_t)len, "%s%s", k ? ", " : " s.t. ",
			                cons[k]);
	}
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

double bilevel_con(const bilevel *b, int k, const double *z, double *gz)
{
	return gz ? expr_gradient(b->con[k], z, gz) : expr_value(b->con[k], z);
}

void bilevel_project(const bilevel *b, double *z, int from)
{
	int n = b->nx + b->ny;
	double *g = b->mc ? malloc((size_t)n * sizeof *g) : NULL;
	for (int sweep = 0; g && sweep < 200; sweep++) {
		double worst = 0;
		for (int k = 0; k < b->mc; k++) {
			double c = expr_gradient(b->con[k], z, g), gg = 0;
			worst = fmax(worst, c);
			for (int i = from; i < n; i++)
				gg += g[i] * g[i];
			if (c > 0 && gg > 0) /* onto the linearization's half-space */
				for (int i = from; i < n; i++)
					z[i] -= c / gg * g[i];
		}
		if (worst <= 1e-12)
			break;
	}
	free(g);
}

double bilevel_multipliers(const bilevel *b, const double *z, double *lam)
{
	int nx = b->nx, ny = b->ny, n = nx + ny, m = b->mc;
	double *J = malloc((size_t)(m + 1) * (size_t)n * sizeof *J), *r = malloc((size_t)n * sizeof *r);
	if (!J || !r) {
		free(J);
		free(r);
		return NAN;
	}
	double *gy = J + (size_t)m * n, fro = 0;
	expr_gradient(b->lower, z, gy);
	for (int k = 0; k < m; k++) {
		lam[k] = 0;
		double c = expr_gradient(b->con[k], z, J + (size_t)k * n);
		int active = c >= -1e-8;
		for (int i = 0; i < n; i++) {
			J[(size_t)k * n + i] *= active; /* an inactive constraint has no multiplier */
			fro += i >= nx ? J[(size_t)k * n + i] * J[(size_t)k * n + i] : 0;
		}
	}
	double res = 0;
	/* projected gradient on lam >= 0 of |gy + J_y' lam|^2 / 2, step 1 / |J_y|_F^2 */
	for (int it = 0; it < 500; it++) {
		res = 0;
		for (int i = nx; i < n; i++) {
			r[i] = gy[i];
			for (int k = 0; k < m; k++)
				r[i] += lam[k] * J[(size_t)k * n + i];
			res += r[i] * r[i];
		}
		if (!(fro > 0))
			break;
		for (int k = 0; k < m; k++) {
			double d = 0;
			for (int i = nx; i < n; i++)
				d += J[(size_t)k * n + i] * r[i];
			lam[k] = fmax(0, lam[k] - d / fro);
		}
	}
	free(J);
	free(r);
	return sqrt(res);
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

/* Projected gradient with backtracking on g over Y(x): the constrained lower minimum. */
static double lower_min_constrained(const bilevel *b, const double *z, double *ystar)
{
	int nx = b->nx, ny = b->ny, n = nx + ny;
	double *w = malloc((size_t)(3 * n) * sizeof *w);
	if (!w)
		return NAN;
	double *u = w, *gz = w + n, *t = w + 2 * n, s = 1, g = NAN;
	memcpy(u, z, (size_t)n * sizeof *u);
	bilevel_project(b, u, nx);
	for (int it = 0; it < 5000; it++) {
		g = expr_gradient(b->lower, u, gz);
		double gt = NAN, moved = 0;
		for (s *= 4; s > 1e-16; s *= 0.5) {
			memcpy(t, u, (size_t)n * sizeof *t);
			for (int i = nx; i < n; i++)
				t[i] -= s * gz[i];
			bilevel_project(b, t, nx);
			double dec = 0;
			for (int i = nx; i < n; i++)
				dec += gz[i] * (u[i] - t[i]);
			gt = expr_value(b->lower, t);
			if (gt <= g - 1e-4 * dec) /* sufficient decrease along the projected arc */
				break;
		}
		if (!(gt < g))
			break;
		for (int i = nx; i < n; i++)
			moved = fmax(moved, fabs(t[i] - u[i]));
		memcpy(u, t, (size_t)n * sizeof *u);
		g = gt;
		if (moved <= 1e-15 * (1 + norm(u + nx, ny)))
			break;
	}
	if (ystar)
		memcpy(ystar, u + nx, (size_t)ny * sizeof *ystar);
	free(w);
	return g;
}

double bilevel_lower_min(const bilevel *b, const double *z, double *ystar)
{
	if (b->mc)
		return lower_min_constrained(b, z, ystar);
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

/* With constraints: |dPhi/dx| by central differences, Phi(x) = F(x, y*(x)), plus the
 * distance of y to y*(x). */
static double measure_constrained(const bilevel *b, const double *z, double *hx)
{
	int nx = b->nx, ny = b->ny, n = nx + ny;
	double *u = malloc((size_t)n * sizeof *u);
	if (!u)
		return NAN;
	double s = 0, dy = 0;
	for (int i = 0; i < nx; i++) {
		double h = 1e-5 * (1 + fabs(z[i])), f[2];
		for (int side = 0; side < 2; side++) {
			memcpy(u, z, (size_t)n * sizeof *u);
			u[i] += side ? h : -h;
			bilevel_lower_min(b, u, u + nx);
			f[side] = expr_value(b->upper, u);
		}
		double d = (f[1] - f[0]) / (2 * h);
		if (hx)
			hx[i] = d;
		s += d * d;
	}
	memcpy(u, z, (size_t)n * sizeof *u);
	bilevel_lower_min(b, u, u + nx);
	for (int i = nx; i < n; i++)
		dy += (u[i] - z[i]) * (u[i] - z[i]);
	free(u);
	return sqrt(s) + sqrt(dy);
}

double bilevel_measure(const bilevel *b, const double *z, const double *gF, double *hx)
{
	if (b->mc)
		return measure_constrained(b, z, hx);
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
