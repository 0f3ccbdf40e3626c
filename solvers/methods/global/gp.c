/* gp: Gaussian-process regression with a Matern 5/2 kernel (gp.h). */
#include "gp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

#define LS_MIN 0.01
#define LS_MAX 10.0

double gp_matern52(double r)
{
	double s = sqrt(5.0) * r;
	return (1 + s + s * s / 3) * exp(-s);
}

int gp_init(gp *g, int n, int cap)
{
	memset(g, 0, sizeof *g);
	g->n = n;
	g->cap = cap;
	g->x = malloc((size_t)cap * n * sizeof *g->x);
	g->y = malloc((size_t)cap * sizeof *g->y);
	g->ls = malloc((size_t)n * sizeof *g->ls);
	g->l = malloc((size_t)cap * cap * sizeof *g->l);
	g->alpha = malloc((size_t)cap * sizeof *g->alpha);
	g->work = malloc(2 * (size_t)cap * sizeof *g->work);
	if (!g->x || !g->y || !g->ls || !g->l || !g->alpha || !g->work) {
		gp_free(g);
		return -1;
	}
	for (int i = 0; i < n; i++)
		g->ls[i] = 0.2;
	g->s2 = 1;
	g->ystd = 1;
	return 0;
}

void gp_free(gp *g)
{
	free(g->x);
	free(g->y);
	free(g->ls);
	free(g->l);
	free(g->alpha);
	free(g->work);
	memset(g, 0, sizeof *g);
}

int gp_add(gp *g, const double *x, double y)
{
	if (g->m >= g->cap)
		return -1;
	memcpy(g->x + (size_t)g->m * g->n, x, (size_t)g->n * sizeof *x);
	g->y[g->m++] = y;
	return 0;
}

/* Correlation of two inputs under the current length scales. */
static double corr(const gp *g, const double *a, const double *b)
{
	double r2 = 0;
	for (int i = 0; i < g->n; i++) {
		double d = (a[i] - b[i]) / g->ls[i];
		r2 += d * d;
	}
	return gp_matern52(sqrt(r2));
}

double gp_factor(gp *g)
{
	int m = g->m;
	double mean = 0, var = 0;
	for (int i = 0; i < m; i++)
		mean += g->y[i];
	mean /= m;
	for (int i = 0; i < m; i++)
		var += (g->y[i] - mean) * (g->y[i] - mean);
	var = m > 1 ? var / (m - 1) : 0;
	g->ymean = mean;
	g->ystd = var > 0 && isfinite(var) ? sqrt(var) : 1;
	/* R + nugget I; s2 scales it out: K = s2 (R + nugget I) */
	for (int i = 0; i < m; i++)
		for (int j = 0; j <= i; j++) {
			double v = corr(g, g->x + (size_t)i * g->n, g->x + (size_t)j * g->n);
			g->l[(size_t)i * m + j] = v + (i == j ? GP_NUGGET : 0);
		}
	if (dense_cholesky(g->l, m))
		return -INFINITY;
	double *z = g->alpha, logdet = 0;
	for (int i = 0; i < m; i++) {
		z[i] = (g->y[i] - mean) / g->ystd;
		logdet += 2 * log(g->l[(size_t)i * m + i]);
	}
	double *zc = g->work;
	memcpy(zc, z, (size_t)m * sizeof *zc);
	dense_cholesky_solve(g->l, m, z); /* z = R^-1 z */
	double q = 0;
	for (int i = 0; i < m; i++)
		q += zc[i] * z[i];
	g->s2 = q > 0 ? q / m : 1e-300;
	for (int i = 0; i < m; i++) /* alpha = K^-1 z = R^-1 z / s2 */
		z[i] /= g->s2;
	/* log p(z) = -m/2 log s2 - 1/2 log |R| - m/2 (1 + log 2 pi) at the best s2 */
	g->loglik = -0.5 * m * log(g->s2) - 0.5 * logdet - 0.5 * m * (1 + log(2 * M_PI));
	return g->loglik;
}

/* Pattern search in log length scale from the current scales: steps along each
 * coordinate, halved when none improves. */
static double fit_from(gp *g, double best)
{
	double step = 1.0;
	while (step > 0.02) {
		int improved = 0;
		for (int i = 0; i < g->n; i++)
			for (int sgn = -1; sgn <= 1; sgn += 2) {
				double old = g->ls[i], t = old * exp(sgn * step);
				if (t < LS_MIN || t > LS_MAX)
					continue;
				g->ls[i] = t;
				double v = gp_factor(g);
				if (v > best + 1e-10) {
					best = v;
					improved = 1;
				} else {
					g->ls[i] = old;
				}
			}
		if (!improved)
			step /= 2;
	}
	return best;
}

int gp_fit(gp *g)
{
	int n = g->n;
	double *keep = malloc((size_t)n * sizeof *keep);
	if (!keep)
		return gp_factor(g) > -INFINITY ? 0 : -1;
	static const double starts[] = {0, 0.05, 0.2, 1.0}; /* 0: the current scales */
	double best = -INFINITY;
	for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
		if (starts[k] > 0)
			for (int i = 0; i < n; i++)
				g->ls[i] = starts[k];
		double v = fit_from(g, gp_factor(g));
		if (v > best || k == 0) {
			best = v;
			memcpy(keep, g->ls, (size_t)n * sizeof *keep);
		}
	}
	memcpy(g->ls, keep, (size_t)n * sizeof *keep);
	free(keep);
	return gp_factor(g) > -INFINITY ? 0 : -1;
}

void gp_predict(const gp *g, const double *x, double *mean, double *sd)
{
	int m = g->m;
	double *k = g->work + g->cap, mu = 0;
	for (int i = 0; i < m; i++) {
		k[i] = corr(g, x, g->x + (size_t)i * g->n);
		mu += g->s2 * k[i] * g->alpha[i];
	}
	/* var = s2 (1 - k' R^-1 k): solve L v = k */
	double q = 0;
	for (int i = 0; i < m; i++) {
		const double *li = g->l + (size_t)i * m;
		double s = k[i];
		for (int j = 0; j < i; j++)
			s -= li[j] * k[j];
		k[i] = s / li[i];
		q += k[i] * k[i];
	}
	double var = g->s2 * fmax(1 - q, 0);
	*mean = g->ymean + g->ystd * mu;
	*sd = g->ystd * sqrt(var);
}
