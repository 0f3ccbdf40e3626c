/* problib_ackley: Ackley's function (a = 20, b = 0.2, c = 2 pi; Jamil & Yang 2013 no. 1,
 * Surjanovic & Bingham), f = -20 exp(-0.2 r) - exp(C) + 20 + e with r = |x| / sqrt(n),
 * C = sum cos(2 pi x_i) / n. The r term is a cone at the origin, where automatic
 * differentiation of sqrt gives NaN: value, gradient and Hessian are by hand and take
 * the subgradient 0 there (the minimal one). The tape serves grids and names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "problib_int.h"

#define TWO_PI 6.283185307179586
#define EULER_E 2.718281828459045

typedef struct ackley {
	int n;
	expr_tape *t;
} ackley;

/* f, and the pieces of the derivatives: a = (df/dr) / (n r) and C. */
static double parts(const ackley *k, const double *x, double *a, double *dadr_nr, double *ec)
{
	int n = k->n;
	double s = 0, c = 0;
	for (int i = 0; i < n; i++) {
		s += x[i] * x[i];
		c += cos(TWO_PI * x[i]);
	}
	double r = sqrt(s / n), er = exp(-0.2 * r);
	*ec = exp(c / n);
	if (r > 0) {
		*a = 4 * er / (n * r);
		*dadr_nr = (4.0 / n) * er * (-0.2 / r - 1 / (r * r)) / (n * r);
	} else {
		*a = *dadr_nr = 0; /* the kink: subgradient 0 */
	}
	return -20 * er - *ec + 20 + EULER_E;
}

static double ak_value(void *ctx, const double *x)
{
	double a, b, ec;
	return parts(ctx, x, &a, &b, &ec);
}

static double ak_grad(void *ctx, const double *x, double *g)
{
	const ackley *k = ctx;
	double a, b, ec, f = parts(k, x, &a, &b, &ec);
	for (int i = 0; i < k->n; i++)
		g[i] = a * x[i] + ec * (TWO_PI / k->n) * sin(TWO_PI * x[i]);
	return f;
}

/* H = a I + b x x' + ec (4 pi^2 / n) diag(cos 2 pi x) - ec (2 pi / n)^2 s s', s = sin 2 pi x */
static double ak_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const ackley *k = ctx;
	int n = k->n;
	double a, b, ec, f = parts(k, x, &a, &b, &ec), xv = 0, sv = 0;
	for (int i = 0; i < n; i++) {
		xv += x[i] * v[i];
		sv += sin(TWO_PI * x[i]) * v[i];
	}
	double w = TWO_PI / n;
	for (int i = 0; i < n; i++)
		hv[i] = a * v[i] + b * xv * x[i] + ec * w * TWO_PI * cos(TWO_PI * x[i]) * v[i] -
		        ec * w * w * sv * sin(TWO_PI * x[i]);
	return f;
}

static double ak_hess(void *ctx, const double *x, double *h)
{
	const ackley *k = ctx;
	int n = k->n;
	double a, b, ec, f = parts(k, x, &a, &b, &ec), w = TWO_PI / n;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++) {
			double si = sin(TWO_PI * x[i]), sj = sin(TWO_PI * x[j]);
			double d = i == j ? a + ec * w * TWO_PI * cos(TWO_PI * x[i]) : 0;
			h[(size_t)i * n + j] = d + b * x[i] * x[j] - ec * w * w * si * sj;
		}
	return f;
}

static void ak_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	const ackley *a = ctx;
	expr_value_batch(a->t, k, cols, strides, out);
}

static void ak_free(void *ctx)
{
	ackley *k = ctx;
	if (!k)
		return;
	expr_free(k->t);
	free(k);
}

static void *ak_clone(const void *ctx)
{
	const ackley *k = ctx;
	ackley *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	c->n = k->n;
	c->t = expr_clone(k->t);
	if (!c->t) {
		free(c);
		return NULL;
	}
	return c;
}

static const prob_ops ackley_ops = {
    .value = ak_value,
    .grad = ak_grad,
    .hessvec = ak_hessvec,
    .hess = ak_hess,
    .batch = ak_batch,
    .clone = ak_clone,
    .free = ak_free,
};

prob *problib_ackley(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	if (n < 1 || n > PROBLIB_MAX_N) {
		snprintf(err, cap, "ackley: n = %d is out of range", n);
		return NULL;
	}
	char src[256];
	snprintf(src, sizeof src,
	         "-20*exp(-0.2*sqrt(sum(i = 1, %d, x[i]^2)/%d)) - exp(sum(i = 1, %d, "
	         "cos(2*pi*x[i]))/%d) + 20 + e",
	         n, n, n, n);
	expr_var xv = {"x", n};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	ackley *k = malloc(sizeof *k);
	if (!k) {
		snprintf(err, cap, "ackley: out of memory");
		return NULL;
	}
	k->n = n;
	k->t = expr_compile(src, &opt, &e);
	if (!k->t) {
		snprintf(err, cap, "ackley: %s (col %d)", e.msg, e.col);
		free(k);
		return NULL;
	}
	prob *p = prob_new("ackley", n, PROB_VALUE | PROB_GRAD | PROB_HESS, &ackley_ops, k);
	double *xs = calloc((size_t)n, sizeof *xs);
	if (!p || !xs || prob_set_desc(p, src)) {
		prob_free(p);
		free(xs);
		snprintf(err, cap, "ackley: out of memory");
		return NULL;
	}
	p->tape = expr_clone(k->t); /* the problem's own, for names: ctx keeps its tape */
	if (!p->tape) {
		prob_free(p);
		free(xs);
		snprintf(err, cap, "ackley: out of memory");
		return NULL;
	}
	for (int i = 0; i < n; i++)
		p->x0[i] = i % 2 ? -1.5 : 2.5;
	prob_set_view(p, -5, 5, -5, 5);
	prob_set_solutions(p, 1, xs, 0);
	free(xs);
	return p;
}
