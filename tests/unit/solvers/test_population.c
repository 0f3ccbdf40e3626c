/* test_population: de, ga, cbo and randomsearch on problems with known minima (the
 * sphere and Rastrigin, global minimum 0 at the origin), over seeds, within stated
 * budgets of evaluations; pure random search against its closed-form law; boxes
 * required and refused; determinism for a seed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testrun.h"

#define RASTRIGIN5 "sum(i = 1, 5, x[i]^2 - 10*cos(2*pi*x[i]) + 10)"
#define SPHERE5 "sum(i = 1, 5, x[i]^2)"

static prob *boxed(const char *src, double lo, double hi)
{
	expr_var xv = {"x", 5};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	prob *p = prob_from_expr("p", src, strstr(src, "x[") ? &opt : NULL, &e);
	if (!p)
		fail_msg("%s: %s", src, e.msg);
	if (lo < hi)
		prox_attach_set(p, prox_box(lo, hi));
	return p;
}

static run *seeded(const prob *p, const char *mname, const char *args, uint64_t seed)
{
	return tr_seeded(p, mname, args, NULL, seed);
}

/* Steps until f <= target or budget evaluations; the evaluations used, or -1. */
static long reach(run *r, double target, long budget)
{
	const trace *t = run_trace(r);
	for (;;) {
		const trace_row *row = trace_row_at(t, trace_len(t) - 1);
		if (row->f <= target)
			return row->nf;
		if (row->nf >= budget || run_status(r) != RUN_RUNNING)
			return -1;
		run_step(r, 1, NULL);
	}
}

/* Over 10 seeds from the start (3, ..., 3): how many reach f <= target in budget. */
static int successes(const char *mname, const char *args, const char *src, double target,
                     long budget, long *mean)
{
	prob *p = boxed(src, -5.12, 5.12);
	for (int i = 0; i < 5; i++)
		p->x0[i] = 3;
	int ok = 0;
	long sum = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		run *r = seeded(p, mname, args, seed);
		long k = reach(r, target, budget);
		if (k >= 0) {
			ok++;
			sum += k;
		}
		run_free(r);
	}
	prob_free(p);
	*mean = ok ? sum / ok : 0;
	print_message("%s on %s: %d of 10 seeds reach f <= %g within %ld evaluations (mean %ld)\n",
	              mname, !strcmp(src, SPHERE5) ? "sphere 5-D" : "rastrigin 5-D", ok, target, budget,
	              *mean);
	return ok;
}

static void test_de(void **state)
{
	(void)state;
	long mean;
	assert_int_equal(successes("de", "", SPHERE5, 1e-8, 30000, &mean), 10);
	assert_int_equal(successes("de", "", RASTRIGIN5, 1e-8, 100000, &mean), 10);
}

static void test_ga(void **state)
{
	(void)state;
	long mean;
	assert_int_equal(successes("ga", "", SPHERE5, 1e-8, 100000, &mean), 10);
	assert_true(successes("ga", "", RASTRIGIN5, 1e-8, 200000, &mean) >= 8);
}

/* cbo on 2-D Rastrigin: the consensus finds the global basin in most seeds. */
static void test_cbo(void **state)
{
	(void)state;
	prob *p = boxed("x^2 - 10*cos(2*pi*x) + 10 + y^2 - 10*cos(2*pi*y) + 10", -5.12, 5.12);
	p->x0[0] = p->x0[1] = 3;
	int ok = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		run *r = seeded(p, "cbo", "", seed);
		run_step(r, 500, NULL);
		ok += run_f(r) < 1e-2 && fabs(run_x(r)[0]) < 0.1 && fabs(run_x(r)[1]) < 0.1;
		run_free(r);
	}
	print_message("cbo on rastrigin 2-D: %d of 10 seeds in the global basin (f < 1e-2) "
	              "after 500 steps of 50 particles\n",
	              ok);
	assert_true(ok >= 7);
	prob_free(p);
}

/* The best of k uniform draws of f = x on [0, 1] has mean 1/(k + 1). */
static void test_randomsearch_law(void **state)
{
	(void)state;
	prob *p = boxed("x + 0*y", 0, 1);
	p->x0[0] = 1; /* the start (evaluated too) is the worst point */
	double sum = 0;
	int seeds = 400;
	for (int s = 1; s <= seeds; s++) {
		run *r = seeded(p, "randomsearch", "batch=9", (uint64_t)s);
		run_step(r, 1, NULL);
		assert_int_equal(trace_row_at(run_trace(r), 1)->nf, 10);
		sum += run_f(r);
		run_free(r);
	}
	/* sd of the min of 9: sqrt(9 / (100 * 11)) = 0.09; of the mean: 0.0045 */
	assert_true(fabs(sum / seeds - 0.1) < 0.018);
	prob_free(p);
}

static void test_box_required(void **state)
{
	(void)state;
	prob *p = boxed("x^2 + y^2", 0, 0);
	char err[256];
	run *r = tr_try(p, "randomsearch", "", NULL, err, sizeof err);
	assert_null(r);
	assert_non_null(strstr(err, "randomsearch needs a projection"));
	prox_attach_set(p, prox_ball(1)); /* a set, but not a box */
	r = tr_try(p, "randomsearch", "", NULL, err, sizeof err);
	assert_null(r);
	assert_non_null(strstr(err, "randomsearch needs a box"));
	prob_free(p);
}

/* The same seed, the same bits; every evaluated point counted. */
static void test_seeded(void **state)
{
	(void)state;
	prob *p = boxed(RASTRIGIN5, -5.12, 5.12);
	for (int i = 0; i < 5; i++)
		p->x0[i] = 3;
	const char *names[] = {"de", "ga", "cbo", "randomsearch"};
	const long per_step[] = {50, 98, 50, 1}; /* np, pop - elite, particles, batch */
	const long at_init[] = {51, 101, 51, 1};
	for (int k = 0; k < 4; k++) {
		run *a = seeded(p, names[k], "", 4), *b = seeded(p, names[k], "", 4);
		assert_int_equal(run_step(a, 20, NULL), 20);
		assert_int_equal(run_step(b, 20, NULL), 20);
		const trace *ta = run_trace(a), *tb = run_trace(b);
		for (long i = 0; i <= 20; i++)
			assert_memory_equal(trace_x(ta, i), trace_x(tb, i), 5 * sizeof(double));
		assert_int_equal(trace_row_at(ta, 20)->nf, at_init[k] + 20 * per_step[k]);
		run_free(a);
		run_free(b);
	}
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_de),
	    cmocka_unit_test(test_ga),
	    cmocka_unit_test(test_cbo),
	    cmocka_unit_test(test_randomsearch_law),
	    cmocka_unit_test(test_box_required),
	    cmocka_unit_test(test_seeded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
