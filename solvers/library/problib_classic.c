/* problib_classic: the classic test functions through the expression compiler (exact
 * gradients, Hessians and batch grids for free). Formulas and minimizers follow
 * Jamil & Yang, "A literature survey of benchmark functions for global optimisation
 * problems" (2013), and Surjanovic & Bingham, Virtual Library of Simulation
 * Experiments (sfu.ca/~ssurjano); minimizers were refined by Newton's method and are
 * checked in tests/unit/solvers/test_problib.c (gradient ~ 0, f = f*). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "problib_int.h"

typedef struct classic {
	const char *name;
	double view[4];
	int logscale;
	double fstar; /* of the 2-D ones; maken takes its own */
} classic;

/* A 2-D problem in x and y, with its start and its nsol global minimizers. */
static prob *make2(const classic *c, const char *src, double x0, double y0, int nsol,
                   const double *xstar, char *err, size_t cap)
{
	static const expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options opt = {.vars = xy, .nvars = 2};
	expr_error e;
	prob *p = prob_from_expr(c->name, src, &opt, &e);
	if (!p) {
		snprintf(err, cap, "%s: %s (col %d)", c->name, e.msg, e.col);
		return NULL;
	}
	p->x0[0] = x0;
	p->x0[1] = y0;
	prob_set_view(p, c->view[0], c->view[1], c->view[2], c->view[3]);
	prob_set_solutions(p, nsol, xstar, c->fstar);
	p->logscale = c->logscale;
	return p;
}

/* An n-dimensional problem in x[1..n]: fmt has one %d, the sum's upper bound top
 * (reductions take constant integer bounds). start(i) gives x0; the minimizer is
 * (xs, ..., xs) with value fstar. At n = 2 the formula in x and y, fmt2, is used
 * instead, so that pictures and traces name the plane's coordinates x and y. */
static prob *maken(const classic *c, const char *fmt, const char *fmt2, int n, int top,
                   double (*start)(int), double xs, double fstar, char *err, size_t cap)
{
	if (n == 2) {
		classic c2 = *c;
		double xstar[2] = {xs, xs};
		c2.fstar = fstar;
		return make2(&c2, fmt2, start(0), start(1), 1, xstar, err, cap);
	}
	if (n < 1 || top < 1 || n > PROBLIB_MAX_N) {
		snprintf(err, cap, "%s: n = %d is out of range", c->name, n);
		return NULL;
	}
	char src[512];
	snprintf(src, sizeof src, fmt, top);
	expr_var xv = {"x", n};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	prob *p = prob_from_expr(c->name, src, &opt, &e);
	if (!p) {
		snprintf(err, cap, "%s: %s (col %d)", c->name, e.msg, e.col);
		return NULL;
	}
	double *xstar = malloc((size_t)n * sizeof *xstar);
	if (!xstar) {
		prob_free(p);
		snprintf(err, cap, "%s: out of memory", c->name);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		p->x0[i] = start(i);
		xstar[i] = xs;
	}
	prob_set_view(p, c->view[0], c->view[1], c->view[2], c->view[3]);
	prob_set_solutions(p, 1, xstar, fstar);
	free(xstar);
	p->logscale = c->logscale;
	return p;
}

static double rosen_start(int i)
{
	return i % 2 ? 1.0 : -1.2;
}

prob *problib_rosenbrock(const double *v, char *err, size_t cap)
{
	static const classic c = {"rosenbrock", {-2, 2, -1, 3}, 1, 0};
	int n = (int)v[0];
	return maken(&c, "sum(i = 1, %d, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)",
	             "100*(y - x^2)^2 + (1 - x)^2", n, n - 1, rosen_start, 1, 0, err, cap);
}

prob *problib_himmelblau(const double *v, char *err, size_t cap)
{
	static const classic c = {"himmelblau", {-5, 5, -5, 5}, 1, 0};
	static const double xs[] = {
	    3,
	    2,
	    -2.805118086952745,
	    3.131312518250573,
	    -3.779310253377747,
	    -3.2831859912861696,
	    3.5844283403304917,
	    -1.8481265269644034,
	};
	return make2(&c, "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 0, 0, 4, xs, err, cap);
}

prob *problib_beale(const double *v, char *err, size_t cap)
{
	static const classic c = {"beale", {-4.5, 4.5, -4.5, 4.5}, 1, 0};
	static const double xs[] = {3, 0.5};
	return make2(&c, "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", 1, 1,
	             1, xs, err, cap);
}

prob *problib_booth(const double *v, char *err, size_t cap)
{
	static const classic c = {"booth", {-10, 10, -10, 10}, 1, 0};
	static const double xs[] = {1, 3};
	return make2(&c, "(x + 2*y - 7)^2 + (2*x + y - 5)^2", 0, 0, 1, xs, err, cap);
}

prob *problib_matyas(const double *v, char *err, size_t cap)
{
	static const classic c = {"matyas", {-10, 10, -10, 10}, 1, 0};
	static const double xs[] = {0, 0};
	return make2(&c, "0.26*(x^2 + y^2) - 0.48*x*y", -8, 6, 1, xs, err, cap);
}

prob *problib_threehump(const double *v, char *err, size_t cap)
{
	static const classic c = {"threehump", {-2, 2, -2, 2}, 1, 0};
	static const double xs[] = {0, 0};
	return make2(&c, "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", 1.5, 1.5, 1, xs, err, cap);
}

/* The minimum on [-1.5, 4] x [-3, 4] is at x - y = 1, x + y = -2 pi/3:
 * x = 1/2 - pi/3, y = -1/2 - pi/3, f* = -sqrt(3)/2 - pi/3. */
prob *problib_mccormick(const double *v, char *err, size_t cap)
{
	static const classic c = {"mccormick", {-1.5, 4, -3, 4}, 0, -1.9132229549810362};
	static const double xs[] = {-0.5471975511965976, -1.5471975511965976};
	return make2(&c, "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1", 0, 0, 1, xs, err, cap);
}

/* Branin (Branin 1972; Dixon & Szego 1978) on its usual domain [-5, 10] x [0, 15]: the
 * minima are exactly where cos x = -1 and y = b x^2 - c x + 6, x = -pi, pi, 3 pi, with
 * f* = 10 / (8 pi). */
prob *problib_branin(const double *v, char *err, size_t cap)
{
	static const classic c = {"branin", {-5, 10, 0, 15}, 1, 0.39788735772973816};
	static const double xs[] = {-M_PI, 12.275, M_PI, 2.275, 3 * M_PI, 2.475};
	return make2(&c,
	             "(y - 5.1/(4*pi^2)*x^2 + 5/pi*x - 6)^2 + 10*(1 - 1/(8*pi))*cos(x) + 10", 0,
	             7.5, 3, xs, err, cap);
}

/* Six-hump camel on its usual domain [-3, 3] x [-2, 2]: two global minima (symmetric
 * about the origin, refined by Newton) and four local ones. */
prob *problib_sixhumpcamel(const double *v, char *err, size_t cap)
{
	static const classic c = {"sixhumpcamel", {-3, 3, -2, 2}, 1, -1.0316284534898774};
	static const double xs[] = {0.08984201310031807, -0.7126564030207396,
	                            -0.08984201310031807, 0.7126564030207396};
	return make2(&c, "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", -1.5, 1.5, 2, xs,
	             err, cap);
}

prob *problib_goldsteinprice(const double *v, char *err, size_t cap)
{
	static const classic c = {"goldsteinprice", {-2, 2, -2, 2}, 1, 3};
	static const double xs[] = {0, -1};
	return make2(&c,
	             "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
	             "*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
	             0.5, 0.5, 1, xs, err, cap);
}

static double rastrigin_start(int i)
{
	return i % 2 ? -1.5 : 2.5;
}

prob *problib_rastrigin(const double *v, char *err, size_t cap)
{
	static const classic c = {"rastrigin", {-5.12, 5.12, -5.12, 5.12}, 0, 0};
	int n = (int)v[0];
	return maken(&c, "sum(i = 1, %d, x[i]^2 - 10*cos(2*pi*x[i]) + 10)",
	             "x^2 - 10*cos(2*pi*x) + 10 + y^2 - 10*cos(2*pi*y) + 10", n, n, rastrigin_start,
	             0, 0, err, cap);
}

static double zero_start(int i)
{
	return 0;
}

/* Per coordinate, 4 x^3 - 32 x + 5 = 0 at x = -2.903534...; f* = -39.166165... n. */
prob *problib_styblinskitang(const double *v, char *err, size_t cap)
{
	static const classic c = {"styblinskitang", {-5, 5, -5, 5}, 0, NAN};
	int n = (int)v[0];
	return maken(&c, "sum(i = 1, %d, x[i]^4 - 16*x[i]^2 + 5*x[i]) / 2",
	             "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y) / 2", n, n, zero_start,
	             -2.903534027771177, -39.16616570377141 * n, err, cap);
}
