/* gd, heavyball, nesterov: they reach known minimizers from two starts within a stated
 * budget; gd's rate on a strongly convex quadratic; Nesterov's O(1/k^2) bound and its
 * advantage at kappa = 1000; the line searches' conditions on every accepted step;
 * probes and extra columns. */
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

/* A library problem with its parameters as "n=10 cond=100 rotate=1". */
static prob *lib(const char *name, const char *args)
{
	const problib_entry *e = problib_find(name);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	char buf[200], *save = NULL;
	snprintf(buf, sizeof buf, "%s", args ? args : "");
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		*eq = 0;
		v[param_find(e->params, e->nparams, tok)] = atof(eq + 1);
	}
	char err[200];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

/* Steps until dist <= tol; the steps taken, or -1 when the budget runs out first. */
static long steps_to(run *r, double tol, long budget)
{
	for (long k = 0; k <= budget; k++) {
		const trace *t = run_trace(r);
		if (trace_row_at(t, trace_len(t) - 1)->dist <= tol)
			return k;
		if (run_step(r, 1, NULL) != 1)
			return run_status(r) == RUN_CONVERGED ? k + 1 : -1;
	}
	return -1;
}

static const struct {
	const char *meth, *args, *prob, *pargs;
	double x0[2][2]; /* two starts (first two coordinates; the rest 0.5) */
	long budget;
	double tol;
} reach[] = {
    {"gd", "step=0.1", "quadratic", "cond=10 rotate=1", {{1, 1}, {-2, 1.5}}, 300, 1e-8},
    {"gd", "step=1 linesearch=armijo", "rosenbrock", NULL, {{-1.2, 1}, {1.5, -0.5}}, 40000, 1e-4},
    {"gd", "step=1 linesearch=wolfe", "himmelblau", NULL, {{0, 0}, {-1, -1}}, 200, 1e-8},
    {"gd",
     "linesearch=exact",
     "quadratic",
     "n=10 cond=100 rotate=1",
     {{1, 1}, {-3, 2}},
     3000,
     1e-8},
    {"gd", "linesearch=polyak", "booth", NULL, {{0, 0}, {-8, 9}}, 2000, 1e-6},
    {"gd", "step=0.05", "booth", NULL, {{0, 0}, {-8, 9}}, 500, 1e-8},
    {"heavyball",
     "step=0.0330578512 momentum=0.6694214876",
     "quadratic",
     "n=10 cond=100 rotate=1",
     {{1, 1}, {-3, 2}},
     400,
     1e-8},
    {"heavyball", "step=0.125 momentum=0.25", "booth", NULL, {{0, 0}, {-8, 9}}, 100, 1e-8},
    {"heavyball", "step=0.001 momentum=0.9", "rosenbrock", NULL, {{-1.2, 1}, {0, 0}}, 20000, 1e-4},
    {"nesterov", "step=0.01", "quadratic", "n=10 cond=100 rotate=1", {{1, 1}, {-3, 2}}, 3000, 1e-8},
    {"nesterov",
     "step=0.0555555556 schedule=strong mu=2",
     "booth",
     NULL,
     {{0, 0}, {-8, 9}},
     200,
     1e-8},
    {"nesterov", "step=0.001", "rosenbrock", NULL, {{-1.2, 1}, {0, 0}}, 20000, 1e-4},
};

static void test_reach_minimizers(void **state)
{
	for (size_t i = 0; i < sizeof reach / sizeof *reach; i++) {
		prob *p = lib(reach[i].prob, reach[i].pargs);
		for (int s = 0; s < 2; s++) {
			double *x0 = malloc((size_t)p->n * sizeof *x0);
			for (int j = 0; j < p->n; j++)
				x0[j] = j < 2 ? reach[i].x0[s][j] : 0.5;
			run *r = tr_go(p, reach[i].meth, reach[i].args, x0);
			long k = steps_to(r, reach[i].tol, reach[i].budget);
			if (k < 0)
				fail_msg("%s(%s) on %s from start %d: dist %g after %ld steps (%s)",
				         reach[i].meth, reach[i].args, reach[i].prob, s,
				         prob_dist_to_sol(p, run_x(r)), run_iter(r),
				         run_stop_name(run_status(r)));
			run_free(r);
			free(x0);
		}
		prob_free(p);
	}
}

/* gd with step 1/L: f_{k+1} - f* <= (1 - mu/L)(f_k - f*) on every row (Nesterov,
 * Lectures on Convex Optimization, thm. 2.1.15; here L = cond, mu = 1). */
static void test_gd_rate(void **state)
{
	prob *p = lib("quadratic", "n=20 cond=50 rotate=1 seed=9");
	run *r = tr_go(p, "gd", "step=0.02", NULL);
	run_step(r, 2000, NULL);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), 2001);
	for (long k = 1; k < trace_len(t); k++) {
		double e0 = trace_row_at(t, k - 1)->f, e1 = trace_row_at(t, k)->f;
		if (e0 < 1e-250)
			break;
		if (!(e1 <= (1 - 1.0 / 50) * e0))
			fail_msg("row %ld: f - f* went from %g to %g", k, e0, e1);
	}
	/* late, the slowest eigendirection dominates: the ratio tends to (1 - mu/L)^2, so the
	 * bound is nearly tight */
	double ratio = trace_row_at(t, 2000)->f / trace_row_at(t, 1999)->f;
	assert_true(ratio >= (1 - 1.0 / 50) * (1 - 1.0 / 50) - 1e-4 && ratio <= 1 - 1.0 / 50);
	run_free(r);
	prob_free(p);
}

/* nesterov, convex schedule, step 1/L: f(x_k) - f* <= 2 L |x_0 - x*|^2 / (k + 1)^2
 * (Beck, First-Order Methods in Optimization, thm. 10.34) on every row. */
static void test_nesterov_bound(void **state)
{
	prob *p = lib("quadratic", "n=30 cond=1000 rotate=1 seed=2");
	run *r = tr_go(p, "nesterov", "step=0.001", NULL);
	run_step(r, 2000, NULL);
	const trace *t = run_trace(r);
	double d0 = trace_row_at(t, 0)->dist;
	for (long k = 0; k < trace_len(t); k++) {
		double bound = 2 * 1000 * d0 * d0 / ((k + 1.0) * (k + 1.0));
		if (!(trace_row_at(t, k)->f <= bound))
			fail_msg("row %ld: f - f* = %g above the bound %g", k,
			         trace_row_at(t, k)->f, bound);
	}
	/* y_k is recorded as a probe on each step's row, and beta as an extra column */
	const double *pts;
	assert_int_equal(trace_probes(t, 5, &pts), 1);
	assert_string_equal(trace_extra_name(t, 0), "beta");
	assert_true(trace_extra(t, 1, 0) == 0 && trace_extra(t, 2, 0) > 0.2);
	run_free(r);
	prob_free(p);
}

static long iters_to(const prob *p, const char *mname, const char *args, double frac)
{
	run *r = tr_go(p, mname, args, NULL);
	double f0 = run_f(r);
	long k = 0;
	while (run_f(r) > frac * f0 && k < 200000 && run_step(r, 1, NULL) == 1)
		k++;
	run_free(r);
	return k;
}

static void test_nesterov_faster(void **state)
{
	prob *p = lib("quadratic", "n=50 cond=1000 rotate=1 seed=4");
	long kgd = iters_to(p, "gd", "step=0.001", 1e-8);
	long knag = iters_to(p, "nesterov", "step=0.001", 1e-8);
	long kstrong = iters_to(p, "nesterov", "step=0.001 schedule=strong mu=1", 1e-8);
	long khb = iters_to(p, "heavyball", "step=0.0037456 momentum=0.9386", 1e-8);
	/* gd needs thousands of steps (at most kappa ln(1e8) / 2 ~ 9200); the accelerated
	 * ones a few hundred (sqrt(kappa) ln(1e8) ~ 580 for the strong schedule) */
	assert_true(kgd > 3000 && kgd < 200000);
	assert_true(knag < kgd / 4);
	assert_true(kstrong < kgd / 10);
	assert_true(khb < kgd / 10);
	prob_free(p);
}

/* Armijo: f_k <= f_{k-1} - c1 t_k |g_{k-1}|^2 on every accepted step (d = -g), each
 * search from 1, then from twice the last step (the step can grow). */
static void test_armijo_rows(void **state)
{
	prob *p = lib("rosenbrock", NULL);
	run *r = tr_go(p, "gd", "step=1 linesearch=armijo c1=0.1 shrink=0.3", NULL);
	run_step(r, 300, NULL);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), 301);
	for (long k = 1; k < trace_len(t); k++) {
		const trace_row *a = trace_row_at(t, k - 1), *b = trace_row_at(t, k);
		assert_true(b->f <= a->f - 0.1 * b->step * a->gnorm * a->gnorm);
		double lsevals = trace_extra(t, k, 0);
		const double *pts;
		assert_int_equal(trace_probes(t, k, &pts), (int)lsevals);
		/* the accepted step is the last trial, t0 shrink^(evals - 1), t0 = 1 at the first
		 * step, then twice the last step */
		double t0 = k == 1 ? 1 : 2 * a->step;
		assert_true(fabs(b->step - t0 * pow(0.3, lsevals - 1)) <= 1e-15 * t0);
	}
	run_free(r);
	prob_free(p);
}

/* Strong Wolfe: both conditions on every accepted step, from gradients recomputed at
 * the trace's iterates. */
static void test_wolfe_rows(void **state)
{
	prob *p = lib("rosenbrock", NULL);
	run *r = tr_go(p, "gd", "step=1 linesearch=wolfe c1=0.001 c2=0.4", NULL);
	run_step(r, 300, NULL);
	const trace *t = run_trace(r);
	for (long k = 1; k < trace_len(t); k++) {
		double g0[2], g1[2];
		double f0 = p->ops->grad(p->ctx, trace_x(t, k - 1), g0);
		double f1 = p->ops->grad(p->ctx, trace_x(t, k), g1);
		double dg0 = -(g0[0] * g0[0] + g0[1] * g0[1]),
		       dg1 = -(g1[0] * g0[0] + g1[1] * g0[1]);
		assert_true(f0 == trace_row_at(t, k - 1)->f && f1 == trace_row_at(t, k)->f);
		assert_true(f1 <= f0 + 0.001 * trace_row_at(t, k)->step * dg0);
		assert_true(fabs(dg1) <= 0.4 * fabs(dg0));
	}
	run_free(r);
	prob_free(p);
}

/* Exact line search on a quadratic: each new gradient is orthogonal to the last. */
static void test_exact_rows(void **state)
{
	prob *p = lib("quadratic", "n=5 cond=30 rotate=1");
	run *r = tr_go(p, "gd", "linesearch=exact", NULL);
	run_step(r, 30, NULL);
	const trace *t = run_trace(r);
	for (long k = 1; k < trace_len(t); k++) {
		double g0[5], g1[5], dot = 0, n0 = 0, n1 = 0;
		p->ops->grad(p->ctx, trace_x(t, k - 1), g0);
		p->ops->grad(p->ctx, trace_x(t, k), g1);
		for (int i = 0; i < 5; i++) {
			dot += g0[i] * g1[i];
			n0 += g0[i] * g0[i];
			n1 += g1[i] * g1[i];
		}
		assert_true(fabs(dot) <= 1e-10 * sqrt(n0 * n1));
		assert_true(trace_row_at(t, k)->f < trace_row_at(t, k - 1)->f);
	}
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reach_minimizers), cmocka_unit_test(test_gd_rate),
	    cmocka_unit_test(test_nesterov_bound),   cmocka_unit_test(test_nesterov_faster),
	    cmocka_unit_test(test_armijo_rows),      cmocka_unit_test(test_wolfe_rows),
	    cmocka_unit_test(test_exact_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
