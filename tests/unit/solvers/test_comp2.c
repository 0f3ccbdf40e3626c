/* barrier, admm, bcd and proxpoint against known answers:
 *   barrier on min (x-2)^2 + (y-1)^2 s.t. x + y <= 1: x* = (1, 0), l* = 2 (and with
 *   x - y <= 0.5 as well: x* = (0.75, 0.25), l* = (2, 0.5)); its refusals;
 *   admm and bcd on a lasso with a seeded Gaussian design: both meet the lasso's
 *   optimality conditions |A'(Ax - b)_i + lambda sign x_i| = 0 (x_i != 0), <= lambda
 *   (x_i = 0), and agree with fista;
 *   proxpoint on sum w_i (x_i - c_i)^2 / 2 + lambda |x|_1 (x*_i = soft(c_i, lambda/w_i))
 *   and on a projection onto a ball;
 *   the library's lasso(m, d, k, seed, lambda, noise): its x* meets the optimality
 *   conditions, admm and bcd reach it. */
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

static int extra_col(const trace *t, const char *name)
{
	for (int k = 0; k < trace_nextra(t); k++)
		if (strcmp(trace_extra_name(t, k), name) == 0)
			return k;
	fail_msg("no column %s", name);
	return -1;
}

static const char *const ineq1[] = {"x + y <= 1"};
static const char *const ineq2[] = {"x + y <= 1", "x - y <= 0.5"};

static void test_barrier_kkt(void **st)
{
	(void)st;
	static const struct {
		const char *args;
		long steps;
		double tol, mtol; /* x's and the multipliers' (mu/(-c) loses digits as -c -> 0) */
	} cases[] = {
	    {"mu=1 shrink=0.1", 20, 1e-8, 1e-6},
	    {"mu=10 shrink=0.2 inner=newton", 30, 1e-8, 1e-6},
	    /* gradient centring: the barrier's curvature grows like l^2/mu near the boundary,
	     * so x gets there but mu/(-c) does not carry two digits: multipliers unchecked */
	    {"mu=1 shrink=0.3 inner=gd itol=1e-10 imax=50000", 25, 1e-5, 0},
	};
	const double x1[2] = {1, 0}, m1[2] = {2, 0}, x2[2] = {0.75, 0.25}, m2[2] = {2, 0.5};
	const double start[2] = {-1, 0}; /* strictly inside both */
	for (int pb = 0; pb < 2; pb++) {
		prob *p = quad("(x - 2)^2 + (y - 1)^2", pb ? ineq2 : ineq1, pb + 1);
		const double *xs = pb ? x2 : x1, *ms = pb ? m2 : m1;
		for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
			run *r = tr_go(p, "barrier", cases[k].args, start);
			run_step(r, cases[k].steps, NULL);
			const trace *t = run_trace(r);
			long last = trace_len(t) - 1;
			double tol = cases[k].tol;
			if (cases[k].tol < 1e-6)
				assert_int_equal(run_status(r), RUN_CONVERGED);
			near(run_x(r)[0], xs[0], tol, "x", cases[k].args);
			near(run_x(r)[1], xs[1], tol, "y", cases[k].args);
			for (int j = 0; j <= pb && cases[k].mtol > 0; j++)
				near(trace_extra(t, last, extra_col(t, "mult1") + j), ms[j],
				     cases[k].mtol, "multiplier", cases[k].args);
			for (long i = 0; i <= last; i++) /* strictly feasible all the way */
				assert_true(trace_extra(t, i, extra_col(t, "viol")) == 0);
			assert_true(run_x(r)[0] + run_x(r)[1] < 1);
			run_free(r);
		}
		prob_free(p);
	}
}

static void test_barrier_refusals(void **st)
{
	(void)st;
	char err[256];
	prob *p = quad("(x - 2)^2 + (y - 1)^2", ineq1, 1);
	const double on[2] = {0.5, 0.5}, out[2] = {1, 1};
	assert_null(tr_try(p, "barrier", "", on, err, sizeof err));
	assert_non_null(strstr(err, "strictly feasible start"));
	assert_null(tr_try(p, "barrier", "", out, err, sizeof err));
	assert_non_null(strstr(err, "constraint 1 (x + y <= 1) is 1,"));
	prob_free(p);
	static const char *const eq[] = {"x - y = 0.5"};
	p = quad("(x - 2)^2 + (y - 1)^2", eq, 1);
	assert_null(tr_try(p, "barrier", "", NULL, err, sizeof err));
	assert_non_null(strstr(err, "inequalities"));
	prob_free(p);
}

/* ---- lasso on a seeded Gaussian design ---- */

#define LM 12
#define LN 6
#define LAMBDA 0.4

typedef struct lasso {
	prob *p;
	double A[LM][LN], b[LM];
} lasso;

static void make_lasso(lasso *ls)
{
	rng r;
	rng_seed(&r, 11);
	const double w[LN] = {1.5, 0, -2, 0, 0, 0.7}; /* sparse ground truth */
	for (int j = 0; j < LM; j++) {
		ls->b[j] = 0.05 * rng_normal(&r);
		for (int i = 0; i < LN; i++) {
			ls->A[j][i] = rng_normal(&r);
			ls->b[j] += ls->A[j][i] * w[i];
		}
	}
	char src[8192];
	int len = snprintf(src, sizeof src, "0.5*(");
	for (int j = 0; j < LM; j++) {
		len += snprintf(src + len, sizeof src - (size_t)len, "%s(", j ? " + " : "");
		for (int i = 0; i < LN; i++)
			len += snprintf(src + len, sizeof src - (size_t)len, "%+.17g*x%d",
			                ls->A[j][i], i);
		len += snprintf(src + len, sizeof src - (size_t)len, " - %.17g)^2", ls->b[j]);
	}
	snprintf(src + len, sizeof src - (size_t)len, ")");
	expr_error e;
	ls->p = prob_from_expr("lasso", src, NULL, &e);
	if (!ls->p)
		fail_msg("%d: %s", e.col, e.msg);
	prox_attach_reg(ls->p, prox_norm1(LAMBDA));
}

/* The lasso's optimality conditions at x, to tol. */
static void check_lasso(const lasso *ls, const double *x, double tol, const char *who)
{
	int nz = 0;
	for (int i = 0; i < LN; i++) {
		double gi = 0;
		for (int j = 0; j < LM; j++) {
			double rj = -ls->b[j];
			for (int k = 0; k < LN; k++)
				rj += ls->A[j][k] * x[k];
			gi += ls->A[j][i] * rj;
		}
		if (x[i] != 0) {
			near(gi + LAMBDA * (x[i] > 0 ? 1 : -1), 0, tol, "subgradient", who);
			nz++;
		} else if (!(fabs(gi) <= LAMBDA + tol))
			fail_msg("%s: |grad_%d| = %g > lambda at a zero coordinate", who, i,
			         fabs(gi));
	}
	assert_true(nz >= 2 && nz < LN); /* the test means something: sparse, not empty */
}

static void test_admm_bcd_lasso(void **st)
{
	(void)st;
	lasso ls;
	make_lasso(&ls);
	/* a fixed step 1/|A|_F^2 <= 1/L: backtracking's rounding-level failures shrink t
	 * until fista stops short of 1e-9 */
	double fro = 0;
	for (int j = 0; j < LM; j++)
		for (int i = 0; i < LN; i++)
			fro += ls.A[j][i] * ls.A[j][i];
	char args[80];
	snprintf(args, sizeof args, "step=%.17g linesearch=none restart=function", 1 / fro);
	run *rf = tr_go(ls.p, "fista", args, NULL);
	run_step(rf, 20000, NULL);
	const double *xf = run_x(rf);
	check_lasso(&ls, xf, 1e-9, "fista");
	static const struct {
		const char *meth, *args;
		long steps;
	} cases[] = {
	    {"admm", "rho=1", 2000},  {"admm", "rho=2 xsolve=gd isteps=100", 3000},
	    {"bcd", "block=1", 3000}, {"bcd", "block=2 order=random", 3000},
	    {"bcd", "block=4", 3000},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		run *r = tr_go(ls.p, cases[k].meth, cases[k].args, NULL);
		run_step(r, cases[k].steps, NULL);
		assert_true(run_status(r) != RUN_FAILED && run_status(r) != RUN_DIVERGED);
		check_lasso(&ls, run_x(r), 1e-7, cases[k].args);
		for (int i = 0; i < LN; i++) /* agrees with fista to 1e-8 */
			near(run_x(r)[i], xf[i], 1e-8, "x_i vs fista", cases[k].args);
		run_free(r);
	}
	run_free(rf);
	/* bcd refuses a term that couples coordinates */
	prox_attach_reg(ls.p, prox_norm2(LAMBDA));
	char err[256];
	assert_null(tr_try(ls.p, "bcd", "", NULL, err, sizeof err));
	assert_non_null(strstr(err, "coordinate by coordinate"));
	prob_free(ls.p);
}

static void test_proxpoint(void **st)
{
	(void)st;
	const double w[4] = {1, 4, 0.25, 2}, c[4] = {3, -0.2, 1, -2}, lambda = 0.5;
	expr_error e;
	prob *p = prob_from_expr(
	    "sep", "0.5*(1*(a - 3)^2 + 4*(b + 0.2)^2 + 0.25*(c - 1)^2 + 2*(d + 2)^2)", NULL, &e);
	assert_non_null(p);
	prox_attach_reg(p, prox_norm1(lambda));
	for (int k = 0; k < 2; k++) {
		run *r = tr_go(p, "proxpoint", k ? "t=0.5 grow=2" : "t=1", NULL);
		run_step(r, 200, NULL);
		assert_int_equal(run_status(r), RUN_CONVERGED);
		for (int i = 0; i < 4; i++) {
			double thr = lambda / w[i];
			double xs = c[i] > thr ? c[i] - thr : c[i] < -thr ? c[i] + thr : 0;
			near(run_x(r)[i], xs, 1e-9, "x_i", "proxpoint");
		}
		/* F decreases along the path (each step minimizes F + |u - x|^2/(2t)) */
		const trace *t = run_trace(r);
		for (long i = 1; i < trace_len(t); i++)
			assert_true(trace_row_at(t, i)->f <= trace_row_at(t, i - 1)->f + 1e-12);
		run_free(r);
	}
	prob_free(p);
	p = prob_from_expr("q", "(x - 2)^2 + (y - 1)^2", NULL, &e);
	prox_attach_set(p, prox_ball(1));
	run *r = tr_go(p, "proxpoint", "t=1", NULL);
	run_step(r, 100, NULL);
	near(run_x(r)[0], 2 / sqrt(5), 1e-9, "x", "proxpoint on a ball");
	near(run_x(r)[1], 1 / sqrt(5), 1e-9, "y", "proxpoint on a ball");
	run_free(r);
	prob_free(p);
}

/* The library's lasso: its x* (computed by fista) meets the optimality conditions, and
 * admm and bcd reach it (dist works). */
static void test_library_lasso(void **st)
{
	(void)st;
	const problib_entry *e = problib_find("lasso");
	assert_non_null(e);
	const double v[6] = {60, 12, 3, 4, 0.05, 0.01}; /* m d k seed lambda noise */
	char err[256];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	assert_int_equal(p->n, 12);
	assert_int_equal(p->nsol, 1);
	double g[12];
	p->ops->grad(p->ctx, p->xstar, g);
	int nz = 0;
	for (int i = 0; i < 12; i++) {
		double x = p->xstar[i];
		if (x != 0) {
			near(g[i] + 0.05 * (x > 0 ? 1 : -1), 0, 1e-10, "subgradient", "lasso x*");
			nz++;
		} else
			assert_true(fabs(g[i]) <= 0.05 + 1e-10);
	}
	assert_true(nz >= 3 && nz < 12); /* the 3-sparse truth, up to a few small extras */
	double F = p->ops->value(p->ctx, p->xstar) + p->g->value(p->g->ctx, p->xstar, 12);
	near(p->fstar, F, 1e-15, "F*", "lasso");
	static const char *const meths[][2] = {{"admm", "rho=0.5"}, {"bcd", "block=3"}};
	for (int k = 0; k < 2; k++) {
		run *r = tr_go(p, meths[k][0], meths[k][1], NULL);
		run_step(r, 3000, NULL);
		assert_true(prob_dist_to_sol(p, run_x(r)) <= 1e-8);
		assert_true(run_f(r) - p->fstar <= 1e-12);
		run_free(r);
	}
	assert_null(problib_make(e, (const double[6]){10, 4, 5, 1, 0.1, 0}, err, sizeof err));
	assert_string_equal(err, "lasso: k = 5 nonzeros exceed d = 4");
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_barrier_kkt),    cmocka_unit_test(test_barrier_refusals),
	    cmocka_unit_test(test_admm_bcd_lasso), cmocka_unit_test(test_proxpoint),
	    cmocka_unit_test(test_library_lasso),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
