/* problib_density: target densities exp(-U) whose moments are known in closed form,
 * for the sampling family: a Gaussian (the quadratic's A as precision, so its
 * covariance is A^-1), Haario's banana (a Gaussian twisted along a parabola), a mixture
 * of two unit Gaussians at +-m, and the Laplace (l1) target as a composite problem
 * (U = g = |x|_1 / b, smooth part 0) for proximal Langevin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "problib_int.h"
#include "prox.h"

#define GAUSS_MAX 1000 /* the covariance is stored, n x n */

const param_def problib_banana_params[2] = {
    {"b", 0.25, 0, 10, "the twist: y | x ~ N(b (x^2 - s^2), 1)", NULL, 0},
    {"s", 2, 1e-3, 1e3, "the standard deviation of x", NULL, 0},
};
const param_def problib_mixture_params[1] = {
    {"sep", 4, 0, 100, "the distance between the two components' means (on the x axis)", NULL,
     0},
};
const param_def problib_laplace_params[2] = {
    {"n", 2, 1, 1000, "dimension", NULL, 1},
    {"scale", 1, 1e-6, 1e6, "the scale b: density exp(-|x|_1 / b), variance 2 b^2", NULL, 0},
};

static prob *from_formula(const char *name, const char *src, char *err, size_t cap)
{
	static const expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options opt = {.vars = xy, .nvars = 2};
	expr_error e;
	prob *p = prob_from_expr(name, src, &opt, &e);
	if (!p)
		snprintf(err, cap, "%s: %s (col %d)", name, e.msg, e.col);
	return p;
}

static prob *with_moments(prob *p, const double *mean, const double *cov, char *err,
                          size_t cap)
{
	if (p && prob_set_density(p, mean, cov)) {
		snprintf(err, cap, "%s: out of memory", p->name);
		prob_free(p);
		return NULL;
	}
	return p;
}

prob *problib_gaussian(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	if (n > GAUSS_MAX) {
		snprintf(err, cap, "gaussian: n <= %d (its covariance is stored)", GAUSS_MAX);
		return NULL;
	}
	prob *p = problib_quadratic(v, err, cap);
	if (!p)
		return NULL;
	double *a = malloc((size_t)n * (size_t)n * sizeof *a);
	double *cov = malloc((size_t)n * (size_t)n * sizeof *cov);
	double *mean = calloc((size_t)n, sizeof *mean);
	if (!a || !cov || !mean) {
		snprintf(err, cap, "gaussian: out of memory");
		goto fail;
	}
	p->ops->hess(p->ctx, mean, a); /* the precision A */
	if (dense_cholesky(a, n)) {
		snprintf(err, cap, "gaussian: the precision is not positive definite");
		goto fail;
	}
	for (int j = 0; j < n; j++) { /* column j of A^-1 */
		double *e = cov + (size_t)j * n;
		memset(e, 0, (size_t)n * sizeof *e);
		e[j] = 1;
		dense_cholesky_solve(a, n, e);
	}
	free(p->name);
	p->name = strdup("gaussian");
	char desc[160];
	snprintf(desc, sizeof desc, "U = 1/2 x'Ax (N(0, A^-1)), eigenvalues of A 1 .. %g, %s", v[1],
	         v[3] ? "rotated" : "diagonal");
	if (!p->name || prob_set_desc(p, desc)) {
		snprintf(err, cap, "gaussian: out of memory");
		goto fail;
	}
	for (int i = 0; i < n; i++)
		p->x0[i] = 0;
	prob_set_view(p, -3, 3, -3, 3);
	p->logscale = 0;
	p = with_moments(p, mean, cov, err, cap);
	free(a);
	free(cov);
	free(mean);
	return p;
fail:
	free(a);
	free(cov);
	free(mean);
	prob_free(p);
	return NULL;
}

prob *problib_banana(const double *v, char *err, size_t cap)
{
	double b = v[0], s = v[1];
	char src[200];
	snprintf(src, sizeof src, "x^2/(2*%.17g) + (y - %.17g*(x^2 - %.17g))^2/2", s * s, b, s * s);
	prob *p = from_formula("banana", src, err, cap);
	if (!p)
		return NULL;
	/* x ~ N(0, s^2), y = b (x^2 - s^2) + N(0, 1): E y = 0, Cov(x, y) = b E[x^3] = 0,
	 * Var y = 1 + b^2 Var(x^2) = 1 + 2 b^2 s^4 */
	double mean[2] = {0, 0}, cov[4] = {s * s, 0, 0, 1 + 2 * b * b * s * s * s * s};
	prob_set_view(p, -3 * s, 3 * s, -3 - b * s * s, 3 + 4 * b * s * s);
	return with_moments(p, mean, cov, err, cap);
}

prob *problib_mixture(const double *v, char *err, size_t cap)
{
	double m = v[0] / 2;
	char src[240];
	/* -log(1/2 N(x; (m, 0), I) + 1/2 N(x; (-m, 0), I)) up to a constant */
	snprintf(src, sizeof src, "-logsumexp(-((x - %.17g)^2 + y^2)/2, -((x + %.17g)^2 + y^2)/2)",
	         m, m);
	prob *p = from_formula("mixture", src, err, cap);
	if (!p)
		return NULL;
	double mean[2] = {0, 0}, cov[4] = {1 + m * m, 0, 0, 1};
	prob_set_view(p, -m - 3, m + 3, -3, 3);
	return with_moments(p, mean, cov, err, cap);
}

prob *problib_laplace(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	double b = v[1];
	char src[64];
	expr_var xv = {"x", n};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	snprintf(src, sizeof src, "0*x[1]"); /* the smooth part is 0: U is all in g */
	prob *p = prob_from_expr("laplace", src, &opt, &e);
	if (!p) {
		snprintf(err, cap, "laplace: %s", e.msg);
		return NULL;
	}
	double *mean = calloc((size_t)n, sizeof *mean);
	double *cov = calloc((size_t)n * (size_t)n, sizeof *cov);
	char desc[96];
	snprintf(desc, sizeof desc, "U = |x|_1 / %g (Laplace: variance %g a coordinate)", b,
	         2 * b * b);
	prob_reg *g = prox_norm1(1 / b);
	if (g)
		prox_attach_reg(p, g);
	if (!mean || !cov || !g || prob_set_desc(p, desc)) {
		free(mean);
		free(cov);
		prob_free(p);
		snprintf(err, cap, "laplace: out of memory");
		return NULL;
	}
	for (int i = 0; i < n; i++)
		cov[(size_t)i * n + i] = 2 * b * b;
	prob_set_view(p, -4 * b, 4 * b, -4 * b, 4 * b);
	p = with_moments(p, mean, cov, err, cap);
	free(mean);
	free(cov);
	return p;
}
