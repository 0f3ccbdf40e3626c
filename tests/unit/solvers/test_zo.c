/* test_zo: the random-direction methods against closed forms. On the quadratic
 * f = 1/2 sum a_i (x_i - c_i)^2 one step from x0 reveals the estimate g = (x0 - x1)/step:
 * zo's two-point Gaussian estimate has mean grad f and, as mu -> 0, second moment
 * (n + 2) |grad f|^2 (Nesterov & Spokoiny 2017, Lemma 3 and Theorem 3); fwdgrad's
 * (grad f . v) v has mean grad f and the same second moment. zo's iterates obey the
 * Nesterov-Spokoiny bound; zorank sees ranks only; zofw stays in its set. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testprob.h"
#include "testrun.h"

enum { NQ = 5 };
static const double QA[NQ] = {1, 2, 3, 4, 5}, QC[NQ] = {1, -1, 0.5, 2, 0};
static const double QX0[NQ] = {0, 0, 0, 0, 1};

/* The estimate of one step of method m (step t) from QX0, averaged over seeds: mean
 * (n values) and mean |g|^2. */
static void moments(const prob *p, const char *mname, const char *args, double t, int seeds,
                    double *mean, double *sq)
{
	memset(mean, 0, NQ * sizeof *mean);
	*sq = 0;
	for (int s = 1; s <= seeds; s++) {
		run *r = tr_seeded(p, mname, args, QX0, (uint64_t)s);
		run_step(r, 1, NULL);
		const double *x1 = run_x(r);
		double q = 0;
		for (int i = 0; i < NQ; i++) {
			double g = (QX0[i] - x1[i]) / t;
			mean[i] += g / seeds;
			q += g * g;
		}
		*sq += q / seeds;
		run_free(r);
	}
}

static double grad_sq(double *g)
{
	double q = 0;
	for (int i = 0; i < NQ; i++) {
		g[i] = QA[i] * (QX0[i] - QC[i]);
		q += g[i] * g[i];
	}
	return q;
}

/* 4 10^4 seeds: the relative standard error of the second moment is about
 * sqrt(5 / 4e4) ~ 1.1%, of each mean coordinate about |g| / 200. */
static void check_moments(const char *mname, const char *args)
{
	prob *p = tp_new("q", NQ, QA, QC, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 1);
	double mean[NQ], sq, g[NQ], g2 = grad_sq(g);
	moments(p, mname, args, 1e-3, 40000, mean, &sq);
	print_message("%s: E|g|^2 / |grad f|^2 = %.4f (closed form n + 2 = %d)\n", mname, sq / g2,
	              NQ + 2);
	assert_true(fabs(sq / g2 - (NQ + 2)) < 0.05 * (NQ + 2));
	for (int i = 0; i < NQ; i++)
		assert_true(fabs(mean[i] - g[i]) < 5 * sqrt(g2 * (NQ + 2) / 40000.0));
	prob_free(p);
}

static void test_zo_moments(void **state)
{
	(void)state;
	check_moments("zo", "step=1e-3, mu=1e-7");
}

/* Nesterov & Spokoiny, Theorem 8: with h = 1/(4 (n + 4) L), the mean over k <= N of
 * E f(x_k) - f* is at most 4 (n + 4) L R^2 / (N + 1) + 9 mu^2 (n + 4)^2 L / 25. */
static void test_zo_bound(void **state)
{
	(void)state;
	prob *p = tp_new("q", NQ, QA, QC, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 1);
	double L = 5, mu = 1e-4, h = 1 / (4.0 * (NQ + 4) * L), r2 = 0;
	for (int i = 0; i < NQ; i++)
		r2 += (QX0[i] - QC[i]) * (QX0[i] - QC[i]);
	char args[96];
	snprintf(args, sizeof args, "step=%.17g, mu=%g", h, mu);
	for (int big = 0; big < 2; big++) {
		long N = big ? 2000 : 200;
		double avg = 0;
		int seeds = 50;
		for (int s = 1; s <= seeds; s++) {
			run *r = tr_seeded(p, "zo", args, QX0, (uint64_t)s);
			run_step(r, N, NULL);
			for (long k = 0; k <= N; k++)
				avg += trace_row_at(run_trace(r), k)->f / (N + 1) / seeds;
			run_free(r);
		}
		double bound = 4 * (NQ + 4) * L * r2 / (N + 1) + 9 * mu * mu * (NQ + 4) * (NQ + 4) * L / 25;
		print_message("zo: mean f - f* over %ld steps %.4g, Nesterov-Spokoiny bound %.4g\n", N,
		              avg, bound);
		assert_true(avg <= bound);
	}
	prob_free(p);
}

/* forward gradients are unbiased with the same second moment as zo's estimate */
static void test_fwdgrad_moments(void **state)
{
	(void)state;
	/* fwdgrad needs forward mode: the quadratic as an expression */
	const char *src = "0.5*(1*(x[1]-1)^2 + 2*(x[2]+1)^2 + 3*(x[3]-0.5)^2 + 4*(x[4]-2)^2 + "
	                  "5*x[5]^2)";
	expr_var xv = {"x", NQ};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	prob *p = prob_from_expr("q", src, &opt, &e);
	assert_non_null(p);
	double mean[NQ], sq, g[NQ], g2 = grad_sq(g);
	moments(p, "fwdgrad", "step=1e-3", 1e-3, 40000, mean, &sq);
	print_message("fwdgrad: E|g|^2 / |grad f|^2 = %.4f (n + 2 = %d)\n", sq / g2, NQ + 2);
	assert_true(fabs(sq / g2 - (NQ + 2)) < 0.05 * (NQ + 2));
	for (int i = 0; i < NQ; i++)
		assert_true(fabs(mean[i] - g[i]) < 5 * sqrt(g2 * (NQ + 2) / 40000.0));
	/* one tangent sweep a step, counted as a value and a gradient */
	run *r = tr_seeded(p, "fwdgrad", "", QX0, 1);
	run_step(r, 10, NULL);
	assert_int_equal(trace_row_at(run_trace(r), 10)->nf, 11);
	assert_int_equal(trace_row_at(run_trace(r), 10)->ng, 11);
	run_free(r);
	prob_free(p);
	/* a problem without forward mode is refused */
	prob *q = tp_new("q", NQ, QA, QC, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 1);
	char err[256];
	assert_null(tr_try(q, "fwdgrad", "", QX0, err, sizeof err));
	assert_non_null(strstr(err, "forward-mode"));
	prob_free(q);
}

/* zorank uses only the order of its queries: the same iterates on f and exp(f), and
 * it reaches the minimizer of a convex quadratic. */
static void test_zorank(void **state)
{
	(void)state;
	const char *f = "(x - 1)^2 + 2*(y + 0.5)^2 + x*y/2";
	char g[128];
	snprintf(g, sizeof g, "exp(%s)", f);
	expr_error e;
	prob *p = prob_from_expr("p", f, NULL, &e), *q = prob_from_expr("q", g, NULL, &e);
	const double x0[2] = {3, 2};
	run *a = tr_seeded(p, "zorank", "", x0, 9), *b = tr_seeded(q, "zorank", "", x0, 9);
	run_step(a, 50, NULL);
	run_step(b, 50, NULL);
	for (long k = 0; k <= 50; k++)
		assert_memory_equal(trace_x(run_trace(a), k), trace_x(run_trace(b), k),
		                    2 * sizeof(double));
	run_free(b);
	run_step(a, 4000, NULL);
	/* the minimizer of f: grad = (2(x-1) + y/2, 4(y+0.5) + x/2) = 0 */
	double xs = (2 + 0.25) / (2 - 1.0 / 16), ys = -0.5 - xs / 8;
	print_message("zorank: |x - x*| = %.3g after 4000 steps\n",
	              hypot(run_x(a)[0] - xs, run_x(a)[1] - ys));
	assert_true(hypot(run_x(a)[0] - xs, run_x(a)[1] - ys) < 0.05);
	assert_int_equal(trace_row_at(run_trace(a), 4050)->nf, 5 * 4050);
	run_free(a);
	prob_free(p);
	prob_free(q);
}

/* zofw over the box [0, 1]^2 for (x - 2)^2 + (y - 0.3)^2: x* = (1, 0.3), f* = 1; every
 * iterate stays in the box (convex combinations of vertices). */
static void test_zofw(void **state)
{
	(void)state;
	expr_error e;
	prob *p = prob_from_expr("p", "(x - 2)^2 + (y - 0.3)^2", NULL, &e);
	prox_attach_set(p, prox_box(0, 1));
	const double x0[2] = {0, 1};
	run *r = tr_seeded(p, "zofw", "", x0, 2);
	run_step(r, 3000, NULL);
	const trace *t = run_trace(r);
	for (long k = 0; k < trace_len(t); k++) {
		const double *x = trace_x(t, k);
		assert_true(x[0] >= 0 && x[0] <= 1 && x[1] >= 0 && x[1] <= 1);
	}
	print_message("zofw: f - f* = %.3g after 3000 steps\n", run_f(r) - 1);
	assert_true(run_f(r) - 1 < 1e-2);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_zo_moments),  cmocka_unit_test(test_zo_bound),
	    cmocka_unit_test(test_fwdgrad_moments), cmocka_unit_test(test_zorank),
	    cmocka_unit_test(test_zofw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
