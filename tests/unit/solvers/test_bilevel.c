/* test_bilevel: the bilevel kind and family against closed forms, never against the
 * methods themselves:
 *   bltoy   y*(x) = k x, k = c/mu, x* = (1 + 2k)/(1 + k^2) (mu = 2, c = 1: x* = 1.6, y* = 0.8);
 *   blflat  the optimistic solution x* = 2/3, y* = (1/3, 1/3) of a lower level whose
 *           solutions form a line;
 *   blcon   F = x^2 + (y - 2)^2, g = (y - 2)^2/2 over y <= x: y*(x) = min(x, 2), so
 *           Phi(x) = x^2 + (x - 2)^2 on x <= 2 and x* = 1, y* = 1 (the unconstrained answer
 *           is x* = 0, y* = 2: reaching (1, 1) needs the constraint);
 *   ridge   Phi'(lam) = (Xv w - yv)' Xv dw/dlam / mv, dw/dlam = -e^lam A^-1 w,
 *           A = X'X/m + e^lam I, on data generated here (dense Cholesky). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dense.h"
#include "testrun.h"

static double dist(const run *r)
{
	return prob_dist_to_sol(run_prob(r), run_x(r));
}

static void kind_measure_and_lower(void **unused)
{
	(void)unused;
	prob *p = tr_lib("bltoy", NULL);
	const bilevel *b = bilevel_of(p);
	assert_non_null(b);
	assert_true(b->nx == 1 && b->ny == 1 && fabs(p->xstar[0] - 1.6) < 1e-15);
	double z[2] = {1.6, 0.8}, g[2], ys;
	p->ops->grad(p->ctx, z, g);
	assert_true(bilevel_measure(b, z, g, NULL) < 1e-14);
	z[1] = 3; /* min_y y^2 - x y at x = 1.6: y = 0.8, g = -0.64 */
	assert_true(fabs(bilevel_lower_min(b, z, &ys) + 0.64) < 1e-14 && fabs(ys - 0.8) < 1e-14);
	z[0] = 0; /* Phi'(0) = -1 + k (0 - 2) = -2: the hypergradient at y = y*(0) = 0 */
	z[1] = 0;
	double hx;
	p->ops->grad(p->ctx, z, g);
	assert_true(fabs(bilevel_measure(b, z, g, &hx) - 2) < 1e-14 && fabs(hx + 2) < 1e-14);
	char err[256];
	assert_null(tr_try(p, "gd", NULL, NULL, err, sizeof err)); /* what is typed is solved */
	prob_free(p);
	p = tr_lib("blflat", NULL);
	b = bilevel_of(p);
	double f[3] = {2.0 / 3, 1.0 / 3, 1.0 / 3}, gf[3];
	p->ops->grad(p->ctx, f, gf);
	assert_true(bilevel_measure(b, f, gf, NULL) < 1e-14);
	f[1] = 4.0 / 3; /* another lower-level solution: grad_y F off the range, 4/sqrt(2) */
	f[2] = -2.0 / 3;
	p->ops->grad(p->ctx, f, gf);
	assert_true(fabs(bilevel_measure(b, f, gf, NULL) - 4 / sqrt(2)) < 1e-12);
	prob_free(p);
}

static void every_method_reaches_the_toy(void **unused)
{
	(void)unused;
	prob *p = tr_lib("bltoy", NULL);
	static const struct {
		const char *m, *args;
		long steps;
		double tol;
	} rows[] = {
	    {"aid", NULL, 400, 1e-10},
	    {"itd", NULL, 400, 1e-10},
	    {"bome", NULL, 2000, 1e-8},
	    {"bilevelpenalty", "gamma=1000", 60000, 1e-3}, /* O(1/gamma) */
	    {"lvhba", NULL, 20000, 1e-2},                  /* O(1/c_k), c_k growing */
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		run *r = tr_stepped(p, rows[i].m, rows[i].args, rows[i].steps, 1);
		printf("%-15s %-12s dist %.3g in %ld\n", rows[i].m, rows[i].args ? rows[i].args : "",
		       dist(r), run_iter(r));
		assert_true(dist(r) < rows[i].tol);
		run_free(r);
	}
	prob_free(p);
}

/* Shen & Chen: the penalized problem's solution is O(1/gamma) from the bilevel one. */
static void penalty_error_shrinks(void **unused)
{
	(void)unused;
	prob *p = tr_lib("bltoy", NULL);
	double err[3];
	const char *args[3] = {"gamma=10", "gamma=100", "gamma=1000"};
	for (int k = 0; k < 3; k++) {
		run *r = tr_stepped(p, "bilevelpenalty", args[k], 200000, 1);
		err[k] = dist(r);
		printf("bilevelpenalty %s: |z - z*| = %.4g\n", args[k], err[k]);
		run_free(r);
	}
	assert_true(err[1] < 0.2 * err[0] && err[2] < 0.2 * err[1] && err[0] < 0.1);
	prob_free(p);
}

/* The optimistic solution of the non-singleton lower level: the value-function methods
 * move y along the lower level's solution set; aid's inner steps cannot (its y keeps the
 * start's component along the set, and gnorm says it is not stationary). */
static void optimistic_solution(void **unused)
{
	(void)unused;
	prob *p = tr_lib("blflat", NULL);
	run *b = tr_stepped(p, "bome", NULL, 3000, 1);
	assert_true(dist(b) < 1e-8);
	run *q = tr_stepped(p, "bilevelpenalty", "gamma=1000", 60000, 1);
	assert_true(dist(q) < 2e-3);
	run *l = tr_stepped(p, "lvhba", NULL, 20000, 1);
	assert_true(dist(l) < 1e-2);
	run *a = tr_stepped(p, "aid", NULL, 500, 1);
	assert_true(fabs(run_x(a)[0] - 2.0 / 3) < 1e-8 && dist(a) > 1);
	assert_true(trace_row_at(run_trace(a), trace_len(run_trace(a)) - 1)->gnorm > 2);
	run_free(b);
	run_free(q);
	run_free(l);
	run_free(a);
	prob_free(p);
}

/* A lower-level constraint coupled with x: lvhba (its proximal Lagrangian) and
 * bilevelpenalty (projected, with multipliers in grad v) reach blcon's x* = (1, 1); the
 * methods built on an unconstrained lower level refuse it. */
static void constrained_lower_level(void **unused)
{
	(void)unused;
	prob *p = tr_lib("blcon", NULL);
	const bilevel *b = bilevel_of(p);
	assert_true(b && b->mc == 1);
	double z[2] = {0.5, -3}, ys, lam;
	assert_true(fabs(bilevel_lower_min(b, z, &ys) - 1.125) < 1e-12 && fabs(ys - 0.5) < 1e-10);
	z[0] = 3;
	assert_true(fabs(bilevel_lower_min(b, z, &ys)) < 1e-20 && fabs(ys - 2) < 1e-10);
	/* at (1, 1): y* active, multiplier 2 - x = 1; Phi'(1) = 0 */
	double s[2] = {1, 1}, g[2] = {2, -2}; /* grad F(1, 1) */
	assert_true(fabs(bilevel_multipliers(b, s, &lam)) < 1e-12 && fabs(lam - 1) < 1e-12);
	assert_true(bilevel_measure(b, s, g, NULL) < 1e-8);
	s[0] = 0.5; /* Phi'(0.5) = 4 * 0.5 - 4 = -2, and y = 1 is 0.5 from y* = 0.5 */
	assert_true(fabs(bilevel_measure(b, s, g, NULL) - 2.5) < 1e-6);
	run *l = tr_stepped(p, "lvhba", NULL, 3000, 1);
	printf("blcon: lvhba x = (%.10g, %.10g)\n", run_x(l)[0], run_x(l)[1]);
	assert_true(dist(l) < 1e-6);
	run *q = tr_stepped(p, "bilevelpenalty", NULL, 3000, 1);
	printf("blcon: bilevelpenalty x = (%.10g, %.10g)\n", run_x(q)[0], run_x(q)[1]);
	assert_true(dist(q) < 1e-6);
	const char *const refuse[] = {"aid", "itd", "bome"};
	for (int i = 0; i < 3; i++) {
		char err[256];
		run *r = tr_try(p, refuse[i], NULL, NULL, err, sizeof err);
		assert_null(r);
		assert_non_null(strstr(err, "constrains its lower level"));
	}
	run_free(l);
	run_free(q);
	prob_free(p);
}

#define RM 15
#define RV 25
#define RD 4

/* Phi'(lam) and w*(lam) in closed form. */
static double ridge_dphi(const double *X, const double *y, const double *Xv, const double *yv,
                         double lam, double *w)
{
	double A[RD * RD], dw[RD];
	for (int i = 0; i < RD; i++) {
		w[i] = 0;
		for (int j = 0; j < RD; j++) {
			double s = 0;
			for (int k = 0; k < RM; k++)
				s += X[k * RD + i] * X[k * RD + j];
			A[i * RD + j] = s / RM + (i == j ? exp(lam) : 0);
		}
		for (int k = 0; k < RM; k++)
			w[i] += X[k * RD + i] * y[k] / RM;
	}
	assert_int_equal(dense_cholesky(A, RD), 0);
	dense_cholesky_solve(A, RD, w);
	for (int i = 0; i < RD; i++)
		dw[i] = -exp(lam) * w[i];
	dense_cholesky_solve(A, RD, dw);
	double d = 0;
	for (int k = 0; k < RV; k++) {
		double res = -yv[k], dres = 0;
		for (int i = 0; i < RD; i++) {
			res += Xv[k * RD + i] * w[i];
			dres += Xv[k * RD + i] * dw[i];
		}
		d += res * dres / RV;
	}
	return d;
}

static void aid_hypergradient_is_the_ridge_derivative(void **unused)
{
	(void)unused;
	double X[RM * RD], y[RM], Xv[RV * RD], yv[RV];
	rng g;
	rng_seed(&g, 7);
	for (int k = 0; k < RM * RD; k++)
		X[k] = rng_normal(&g);
	for (int k = 0; k < RV * RD; k++)
		Xv[k] = rng_normal(&g);
	for (int k = 0; k < RM; k++)
		y[k] = X[k * RD] - 2 * X[k * RD + 1] + rng_normal(&g);
	for (int k = 0; k < RV; k++)
		yv[k] = Xv[k * RD] - 2 * Xv[k * RD + 1] + rng_normal(&g);
	const expr_const c[] = {{"X", 0, X, RM * RD}, {"Y", 0, y, RM}, {"XV", 0, Xv, RV * RD},
	                        {"YV", 0, yv, RV}};
	const expr_var xv[] = {{"lam", 0}}, yvar[] = {{"w", RD}};
	expr_options o = {.consts = c, .nconsts = 4};
	expr_error e;
	prob *p = bilevel_problem(
	    "ridge", "sum(i = 1, 25, (sum(j = 1, 4, XV[(i - 1)*4 + j]*w[j]) - YV[i])^2)/50",
	    "sum(i = 1, 15, (sum(j = 1, 4, X[(i - 1)*4 + j]*w[j]) - Y[i])^2)/30 + "
	    "exp(lam)/2*sum(j = 1, 4, w[j]^2)",
	    xv, 1, yvar, 1, NULL, 0, &o, &e);
	assert_non_null(p);
	for (double lam = -3; lam <= 1.5; lam += 1.5) {
		double z[1 + RD];
		z[0] = lam;
		double d = ridge_dphi(X, y, Xv, yv, lam, z + 1);
		/* from (lam, w*(lam)) with no inner step: x moves by -step * hypergradient */
		run *r = tr_go(p, "aid", "inner=0,step=1", z);
		run_step(r, 1, NULL);
		double h = lam - run_x(r)[0];
		printf("lam %g: aid %.17g, closed form %.17g\n", lam, h, d);
		assert_true(fabs(h - d) <= 1e-8 * fmax(fabs(d), 1e-3));
		run_free(r);
	}
	prob_free(p);
	/* the library's ridge: aid reaches lam* of the closed-form derivative's root */
	p = tr_lib("blridge", NULL);
	assert_int_equal(p->nsol, 1);
	run *r = tr_stepped(p, "aid", "step=1", 300, 1);
	assert_true(fabs(run_x(r)[0] - p->xstar[0]) < 1e-8 && dist(r) < 1e-8);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kind_measure_and_lower),
	    cmocka_unit_test(every_method_reaches_the_toy),
	    cmocka_unit_test(penalty_error_shrinks),
	    cmocka_unit_test(optimistic_solution),
	    cmocka_unit_test(constrained_lower_level),
	    cmocka_unit_test(aid_hypergradient_is_the_ridge_derivative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
