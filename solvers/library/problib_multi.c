/* problib_multi: multi-objective test problems (PROB_MULTI, multi.h) with their true
 * Pareto fronts. ZDT1-3 follow Zitzler, Deb & Thiele, "Comparison of multiobjective
 * evolutionary algorithms: empirical results", Evolutionary Computation 8(2), 2000: on
 * [0, 1]^n, f1 = x1, g = 1 + 9 sum_{i>=2} x_i / (n - 1), and the front at g = 1. Schaffer's
 * problem N.1 is from J. D. Schaffer (1985); its Pareto set is [0, 2]. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "multi.h"
#include "problib_int.h"
#include "prox.h"

#define FRONT_PTS 2001    /* samples of a smooth front */
#define ZDT3_SAMPLES 200001 /* samples of ZDT3's f1 before the dominated ones go */

const param_def problib_zdt_params[1] = {
    {"n", 30, 2, 10000, "dimension (30 in the original)", NULL, 1},
};
const param_def problib_quadpair_params[1] = {
    {"n", 2, 1, 10000, "dimension", NULL, 1},
};

/* The problem from k formulas over x[1..n] (or x, y at n = 2 when xy), or NULL. */
static prob *make(const char *name, const char *const *srcs, int k, int n, int xy, char *err,
                  size_t cap)
{
	static const expr_var two[] = {{"x", 0}, {"y", 0}};
	expr_var xv = {"x", n == 1 ? 0 : n};
	expr_options opt = {.vars = xy ? two : &xv, .nvars = xy ? 2 : 1};
	expr_error e;
	int which;
	prob *p = multi_problem(name, srcs, k, &opt, &e, &which);
	if (!p)
		snprintf(err, cap, "%s: %s (col %d)", name, e.msg, e.col);
	return p;
}

/* Finishes p: the front (freed here), ref, ideal and hv*; NULL and err on failure. */
static prob *finish(prob *p, double *front, int nfront, const double *ref, const double *ideal,
                    double hvstar, char *err, size_t cap)
{
	if (p && (!front || multi_set_front(p, ref, ideal, front, nfront, hvstar) != 0)) {
		prob_free(p);
		p = NULL;
		snprintf(err, cap, "out of memory");
	}
	free(front);
	return p;
}

/* ZDT's box, start (0.5, ...) and the f1-f2 front f2 = 1 - h(f1) at g = 1. */
static prob *zdt(const char *name, const char *src, int n, double (*h)(double), double hvstar,
                 char *err, size_t cap)
{
	const char *srcs[2] = {"x[1]", src};
	prob *p = make(name, srcs, 2, n, 0, err, cap);
	if (!p)
		return NULL;
	prob_set *box = prox_box(0, 1);
	if (!box) {
		prob_free(p);
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	prox_attach_set(p, box);
	for (int i = 0; i < n; i++)
		p->x0[i] = 0.5;
	prob_set_view(p, 0, 1, 0, 1);
	double *front = malloc(2 * FRONT_PTS * sizeof *front);
	for (int j = 0; front && j < FRONT_PTS; j++) {
		double f1 = (double)j / (FRONT_PTS - 1);
		front[2 * j] = f1;
		front[2 * j + 1] = 1 - h(f1);
	}
	static const double ref[2] = {1, 1}, ideal[2] = {0, 0};
	return finish(p, front, FRONT_PTS, ref, ideal, hvstar, err, cap);
}

static double h_sqrt(double f1)
{
	return sqrt(f1);
}

static double h_square(double f1)
{
	return f1 * f1;
}

/* g = 1 + 9 sum_{i>=2} x_i / (n - 1), as a formula. */
static void zdt_g(int n, char *g, size_t cap)
{
	snprintf(g, cap, "(1 + 9*sum(i = 2, %d, x[i])/%d)", n, n - 1);
}

/* hv from (1, 1): int_0^1 sqrt(f1) = 2/3 (convex front) */
prob *problib_zdt1(const double *v, char *err, size_t cap)
{
	char g[96], src[320];
	zdt_g((int)v[0], g, sizeof g);
	snprintf(src, sizeof src, "%s*(1 - sqrt(x[1]/%s))", g, g);
	return zdt("zdt1", src, (int)v[0], h_sqrt, 2.0 / 3, err, cap);
}

/* hv from (1, 1): int_0^1 f1^2 = 1/3 (concave front) */
prob *problib_zdt2(const double *v, char *err, size_t cap)
{
	char g[96], src[320];
	zdt_g((int)v[0], g, sizeof g);
	snprintf(src, sizeof src, "%s*(1 - (x[1]/%s)^2)", g, g);
	return zdt("zdt2", src, (int)v[0], h_square, 1.0 / 3, err, cap);
}

/* ZDT3: five disconnected pieces of f2 = 1 - sqrt(f1) - f1 sin(10 pi f1), the samples of
 * g = 1 that no other sample dominates, a row of NANs between pieces; hv* from them. */
prob *problib_zdt3(const double *v, char *err, size_t cap)
{
	char g[96], src[400];
	zdt_g((int)v[0], g, sizeof g);
	snprintf(src, sizeof src, "%s*(1 - sqrt(x[1]/%s) - x[1]/%s*sin(10*pi*x[1]))", g, g, g);
	prob *p = zdt("zdt3", src, (int)v[0], h_sqrt, NAN, err, cap);
	if (!p)
		return NULL;
	double *front = malloc(2 * (ZDT3_SAMPLES + 16) * sizeof *front);
	int m = 0, last = -2;
	double best = INFINITY, lo = INFINITY;
	for (int j = 0; front && j < ZDT3_SAMPLES; j++) { /* by f1: kept iff f2 beats every earlier */
		double f1 = (double)j / (ZDT3_SAMPLES - 1);
		double f2 = 1 - sqrt(f1) - f1 * sin(10 * M_PI * f1);
		if (!(f2 < best))
			continue;
		best = f2;
		lo = fmin(lo, f2);
		if (last >= 0 && j != last + 1 && m < ZDT3_SAMPLES + 14) { /* a gap: a new piece */
			front[2 * m] = front[2 * m + 1] = NAN;
			m++;
		}
		front[2 * m] = f1;
		front[2 * m + 1] = f2;
		m++;
		last = j;
	}
	static const double ref[2] = {1, 1};
	double ideal[2] = {0, lo}, hv = front ? multi_hv(front, m, 2, ref) : NAN;
	return finish(p, front, m, ref, ideal, hv, err, cap);
}

/* Two objectives whose front is (s^2, (D - s)^2), 0 <= s <= D: hv from (D^2, D^2) is
 * int_0^D (D^2 - (D - s)^2) 2s ds = 5 D^4 / 6. */
static double *sq_front(double D)
{
	double *front = malloc(2 * FRONT_PTS * sizeof *front);
	for (int j = 0; front && j < FRONT_PTS; j++) {
		double s = D * j / (FRONT_PTS - 1);
		front[2 * j] = s * s;
		front[2 * j + 1] = (D - s) * (D - s);
	}
	return front;
}

/* Schaffer N.1: f1 = x^2, f2 = (x - 2)^2 on [-10, 10] (the usual [-A, A], A = 10: a box
 * for the population methods); Pareto set [0, 2], D = 2. */
prob *problib_schaffer(const double *v, char *err, size_t cap)
{
	(void)v;
	const char *srcs[2] = {"x^2", "(x - 2)^2"};
	prob *p = make("schaffer", srcs, 2, 1, 0, err, cap);
	if (!p)
		return NULL;
	prob_set *box = prox_box(-10, 10);
	if (!box) {
		prob_free(p);
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	prox_attach_set(p, box);
	p->x0[0] = -1.5;
	prob_set_view(p, -2, 4, -2, 4);
	static const double ref[2] = {4, 4}, ideal[2] = {0, 0};
	return finish(p, sq_front(2), FRONT_PTS, ref, ideal, 5 * 16.0 / 6, err, cap);
}

/* Two isotropic quadratics centred at (1, ..., 1) and (-1, ..., -1): the Pareto set is
 * the segment between the centres, D = 2 sqrt(n). */
prob *problib_quadpair(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	char a[96], b[96];
	if (n == 2) {
		snprintf(a, sizeof a, "(x - 1)^2 + (y - 1)^2");
		snprintf(b, sizeof b, "(x + 1)^2 + (y + 1)^2");
	} else if (n == 1) {
		snprintf(a, sizeof a, "(x - 1)^2");
		snprintf(b, sizeof b, "(x + 1)^2");
	} else {
		snprintf(a, sizeof a, "sum(i = 1, %d, (x[i] - 1)^2)", n);
		snprintf(b, sizeof b, "sum(i = 1, %d, (x[i] + 1)^2)", n);
	}
	const char *srcs[2] = {a, b};
	prob *p = make("quadpair", srcs, 2, n, n == 2, err, cap);
	if (!p)
		return NULL;
	for (int i = 0; i < n; i++)
		p->x0[i] = i % 2 ? -1.0 : 1.5;
	prob_set_view(p, -2, 2, -2, 2);
	double D = 2 * sqrt((double)n), ref[2] = {D * D, D * D};
	static const double ideal[2] = {0, 0};
	return finish(p, sq_front(D), FRONT_PTS, ref, ideal, 5 * D * D * D * D / 6, err, cap);
}
