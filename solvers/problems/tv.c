/* tv: smoothed total-variation denoising (tv.h). */
#include "tv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

typedef struct tv_ctx {
	int w, h;
	double lambda, eps;
	double *b;
} tv_ctx;

/* The forward differences at pixel (i, j), zero across the last column and row. */
static void tv_diff(const tv_ctx *t, const double *u, int i, int j, double *dx, double *dy)
{
	size_t k = (size_t)j * t->w + i;
	*dx = i + 1 < t->w ? u[k + 1] - u[k] : 0;
	*dy = j + 1 < t->h ? u[k + t->w] - u[k] : 0;
}

static double tv_value(void *ctx, const double *u)
{
	const tv_ctx *t = ctx;
	double fit = 0, tv = 0;
	for (int j = 0; j < t->h; j++)
		for (int i = 0; i < t->w; i++) {
			size_t k = (size_t)j * t->w + i;
			double dx, dy, r = u[k] - t->b[k];
			tv_diff(t, u, i, j, &dx, &dy);
			fit += r * r;
			tv += sqrt(dx * dx + dy * dy + t->eps * t->eps);
		}
	return 0.5 * fit + t->lambda * tv;
}

static double tv_grad(void *ctx, const double *u, double *g)
{
	const tv_ctx *t = ctx;
	size_t n = (size_t)t->w * t->h;
	double fit = 0, tv = 0;
	for (size_t k = 0; k < n; k++) {
		g[k] = u[k] - t->b[k];
		fit += g[k] * g[k];
	}
	for (int j = 0; j < t->h; j++)
		for (int i = 0; i < t->w; i++) {
			size_t k = (size_t)j * t->w + i;
			double dx, dy;
			tv_diff(t, u, i, j, &dx, &dy);
			double phi = sqrt(dx * dx + dy * dy + t->eps * t->eps), a = t->lambda / phi;
			tv += phi;
			g[k] -= a * (dx + dy);
			if (i + 1 < t->w)
				g[k + 1] += a * dx;
			if (j + 1 < t->h)
				g[k + t->w] += a * dy;
		}
	return 0.5 * fit + t->lambda * tv;
}

static void *tv_clone(const void *ctx)
{
	const tv_ctx *t = ctx;
	tv_ctx *c = malloc(sizeof *c);
	size_t n = (size_t)t->w * t->h;
	if (c && (c->b = malloc(n * sizeof *c->b))) {
		*c = (tv_ctx){t->w, t->h, t->lambda, t->eps, c->b};
		memcpy(c->b, t->b, n * sizeof *c->b);
		return c;
	}
	free(c);
	return NULL;
}

static void tv_free(void *ctx)
{
	tv_ctx *t = ctx;
	if (t)
		free(t->b);
	free(t);
}

static const prob_ops tv_ops = {
    .value = tv_value, .grad = tv_grad, .clone = tv_clone, .free = tv_free};

prob *tv_new(const char *name, const double *b, int w, int h, double lambda, double eps, char *err,
             size_t cap)
{
	if (w < 2 || h < 2 || (double)w * h > TV_MAX_PIXELS) {
		snprintf(err, cap, "tv: an image of %d x %d is outside 2 x 2 .. %d pixels", w, h,
		         TV_MAX_PIXELS);
		return NULL;
	}
	if (!(lambda >= 0) || !isfinite(lambda) || !(eps > 0) || !isfinite(eps)) {
		snprintf(err, cap, "tv: lambda must be >= 0 and eps > 0 (lambda = %g, eps = %g)",
		         lambda, eps);
		return NULL;
	}
	size_t n = (size_t)w * h;
	tv_ctx *t = malloc(sizeof *t);
	double *bb = malloc(n * sizeof *bb);
	if (!t || !bb) {
		free(t);
		free(bb);
		snprintf(err, cap, "tv: out of memory");
		return NULL;
	}
	memcpy(bb, b, n * sizeof *bb);
	*t = (tv_ctx){w, h, lambda, eps, bb};
	prob *p = prob_new(name, (int)n, PROB_VALUE | PROB_GRAD, &tv_ops, t);
	char desc[160];
	snprintf(desc, sizeof desc,
	         "TV denoising of a %d x %d image: 1/2|u - b|^2 + %g sum sqrt(|grad u|^2 + %g^2)",
	         w, h, lambda, eps);
	if (!p || prob_set_desc(p, desc)) {
		prob_free(p);
		snprintf(err, cap, "tv: out of memory");
		return NULL;
	}
	prob_set_start(p, b);
	prob_set_view(p, -0.25, 1.25, -0.25, 1.25);
	return p;
}

int tv_dims(const prob *p, int *w, int *h)
{
	if (!p || p->ops != &tv_ops)
		return -1;
	const tv_ctx *t = p->ctx;
	*w = t->w;
	*h = t->h;
	return 0;
}

/* The pattern's grey level at (x, y) in [0, 1]^2, y up. */
static double tv_pattern(double x, double y)
{
	if ((x - 0.32) * (x - 0.32) + (y - 0.62) * (y - 0.62) < 0.2 * 0.2)
		return 0.85;
	if (x > 0.55 && x < 0.85 && y > 0.45 && y < 0.8)
		return 0.55;
	if (y > 0.12 && y < 0.26 && x > 0.15 && x < 0.85)
		return 0.7;
	return 0.2;
}

void tv_example(int w, int h, double sigma, uint64_t seed, double *clean, double *noisy)
{
	rng r;
	rng_seed(&r, seed);
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++) {
			size_t k = (size_t)j * w + i;
			double v = tv_pattern((i + 0.5) / w, (j + 0.5) / h), z = rng_normal(&r);
			if (clean)
				clean[k] = v;
			if (noisy)
				noisy[k] = v + sigma * z;
		}
}

double tv_rmse(const double *a, const double *b, size_t n)
{
	double s = 0;
	for (size_t k = 0; k < n; k++)
		s += (a[k] - b[k]) * (a[k] - b[k]);
	return n ? sqrt(s / (double)n) : 0;
}
