/* Constrained problems with known KKT points:
 *   min (x-2)^2 + (y-1)^2  s.t. x + y <= 1                 x* = (1, 0), l* = 2
 *   ... and also x - y = 0.5                                x* = (0.75, 0.25), l* = 2, m* = 0.5
 * penalty, auglag and primaldual reach x* and the multipliers; pgd over a box and a ball
 * and frankwolfe over the simplex reach the projections of (2, 1) in closed form; the
 * constraint parser's relations and errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testrun.h"

static prob *quad(const char *src, const char *const *cons, int m)
{
	expr_error e;
	prob *p = prob_from_expr("q", src, NULL, &e);
	assert_non_null(p);
	for (int k = 0; k < m; k++)
		if (constr_add(p, cons[k], NULL, 0, &e))
			fail_msg("%s: %d: %s", cons[k], e.col, e.msg);
	return p;
}

static void near(double a, double b, double tol, const char *what, const char *who)
{
	if (!(fabs(a - b) <= tol))
		fail_msg("%s: %s = %.12g, want %.12g (tol %g)", who, what, a, b, tol);
}

static const char *const ineq1[] = {"x + y <= 1"};
static const char *const both[] = {"x + y <= 1", "x - y = 0.5"};

/* The last row's x, and the multipliers as the extra columns name them. */
static void check_kkt(const run *r, const double *xs, const double *ms, int m, double tol)
{
	const trace *t = run_trace(r);
	long last = trace_len(t) - 1;
	const char *name = run_meth(r)->name;
	near(run_x(r)[0], xs[0], tol, "x", name);
	near(run_x(r)[1], xs[1], tol, "y", name);
	int k0 = -1;
	for (int k = 0; k < trace_nextra(t); k++)
		if (strcmp(trace_extra_name(t, k), "mult1") == 0)
			k0 = k;
	assert_true(k0 >= 0);
	assert_string_equal(trace_extra_name(t, 0), "viol");
	assert_true(trace_extra(t, last, 0) <= tol);
	for (int j = 0; j < m; j++)
		near(trace_extra(t, last, k0 + j), ms[j], 10 * tol, "multiplier", name);
}

static void test_lagrangian_methods(void **st)
{
	const double x1[2] = {1, 0}, m1[1] = {2}, x2[2] = {0.75, 0.25}, m2[2] = {2, 0.5};
	const double start[2] = {-1, 3};
	static const struct {
		const char *meth, *args;
		long steps;
		double tol;
	} cases[] = {
	    {"auglag", "sigma=10", 30, 1e-8},
	    {"auglag", "sigma=1 inner=bfgs", 40, 1e-8},
	    {"penalty", "sigma=10 grow=10", 7, 1e-5},
	    {"primaldual", "step=0.1 dualstep=0.1", 3000, 1e-8},
	};
	for (int pb = 0; pb < 2; pb++) {
		prob *p = pb ? quad("(x - 2)^2 + (y - 1)^2", both, 2)
		             : quad("(x - 2)^2 + (y - 1)^2", ineq1, 1);
		for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
			run *r = tr_go(p, cases[k].meth, cases[k].args, start);
			run_step(r, cases[k].steps, NULL);
			assert_true(run_status(r) != RUN_FAILED && run_status(r) != RUN_DIVERGED);
			check_kkt(r, pb ? x2 : x1, pb ? m2 : m1, pb ? 2 : 1, cases[k].tol);
			run_free(r);
		}
		prob_free(p);
	}
}

static void test_sets_pgd_frankwolfe(void **st)
{
	expr_error e;
	prob *p = prob_from_expr("q", "(x - 2)^2 + (y - 1)^2", NULL, &e);
	prox_attach_set(p, prox_box(-1, 0.5));
	run *r = tr_go(p, "pgd", "step=0.5 linesearch=none", NULL);
	run_step(r, 50, NULL);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	near(run_x(r)[0], 0.5, 1e-15, "x", "pgd");
	near(run_x(r)[1], 0.5, 1e-15, "y", "pgd");
	run_free(r);
	prox_attach_set(p, prox_ball(1));
	const double sx = 2 / sqrt(5), sy = 1 / sqrt(5);
	for (int ls = 0; ls < 2; ls++) {
		r = tr_go(p, "pgd", ls ? "step=8 linesearch=backtrack" : "step=0.25 linesearch=none",
		       NULL);
		run_step(r, 500, NULL);
		near(run_x(r)[0], sx, 1e-12, "x", "pgd");
		near(run_x(r)[1], sy, 1e-12, "y", "pgd");
		run_free(r);
	}
	/* the ball's FW: the gap bounds f - f*, the iterates approach x* */
	r = tr_go(p, "frankwolfe", "stepsize=armijo", NULL);
	run_step(r, 2000, NULL);
	near(run_x(r)[0], sx, 1e-6, "x", "frankwolfe");
	near(run_x(r)[1], sy, 1e-6, "y", "frankwolfe");
	run_free(r);
	prob_free(p);

	p = prob_from_expr("s", "(x - 2)^2 + (y - 1)^2 + (z - 0.2)^2", NULL, &e);
	prox_attach_set(p, prox_simplex(1)); /* x* = the projection of (2, 1, 0.2): (1, 0, 0) */
	double x0[3] = {0.2, 0.3, 0.5}, fstar = 1 + 1 + 0.04;
	r = tr_go(p, "frankwolfe", "stepsize=open", x0);
	run_step(r, 400, NULL);
	const trace *t = run_trace(r);
	for (long k = 1; k < trace_len(t); k++) { /* f - f* <= 2 L D^2/(k+2), L = 2, D^2 = 2 */
		double gap = trace_row_at(t, k)->f - fstar;
		assert_true(gap >= -1e-12 && gap <= 8.0 / (k + 2));
		assert_true(trace_extra(t, k, 0) >= gap - 1e-12); /* the FW gap bounds it */
	}
	run_free(r);
	prob_free(p);
}

static void test_constr_parse(void **st)
{
	expr_error e;
	prob *p = prob_from_expr("q", "x^2 + y^2", NULL, &e);
	assert_int_equal(constr_add(p, "x >= 1 + y", NULL, 0, &e), 0);
	assert_int_equal(constr_add(p, "2*x == y", NULL, 0, &e), 0);
	assert_int_equal(p->constr->m_ineq, 1);
	assert_int_equal(p->constr->m_eq, 1);
	assert_true(p->caps & PROB_CONSTR);
	double x[2] = {3, 0.5}, v[2], g[2];
	constr_eval(p->constr, x, v);
	assert_true(v[0] == 1.5 - 3 && v[1] == 6 - 0.5);
	assert_true(constr_grad(p->constr, 0, x, g) == -1.5 && g[0] == -1 && g[1] == 1);
	assert_true(constr_violation(p->constr, x) == 5.5);
	assert_int_equal(constr_add(p, "x + y", NULL, 0, &e), -1);
	assert_string_equal(e.msg, "expected a constraint: LHS <= RHS, LHS >= RHS or LHS = RHS");
	assert_int_equal(constr_add(p, "x <= y <= 1", NULL, 0, &e), -1);
	assert_int_equal(constr_add(p, "x <= w", NULL, 0, &e), -1); /* no new variables */
	assert_int_equal(e.col, 6);
	prob *q = prob_clone(p);
	prob_free(p);
	constr_eval(q->constr, x, v);
	assert_true(v[0] == -1.5);
	prob_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lagrangian_methods),
	    cmocka_unit_test(test_sets_pgd_frankwolfe),
	    cmocka_unit_test(test_constr_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
