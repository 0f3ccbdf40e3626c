/* test_direct: DIRECT on the test functions of Jones, Perttunen & Stuckman (1993), whose
 * Table reports the evaluations to reach 0.01% of f*: Goldstein-Price 191 on [-2, 2]^2,
 * six-hump camel 285 on [-3, 3] x [-2, 2], Branin 195 on [-5, 10] x [0, 15]. Here each
 * must come within 1e-4 of f* in the same order of evaluations (at most twice those). */
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

static prob *lib_in_box(const char *name, const double *lo, const double *hi)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	char err[256];
	prob *p = problib_make(e, NULL, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	prox_attach_set(p, prox_box_each(p->n, lo, hi));
	return p;
}

/* Evaluations DIRECT takes to come within tol of f*, or -1 past the budget. */
static long direct_evals(const char *name, const double *lo, const double *hi, double tol,
                         long budget)
{
	prob *p = lib_in_box(name, lo, hi);
	run *r = tr_seeded(p, "direct", "", NULL, 1);
	const trace *t = run_trace(r);
	long k = -1;
	for (;;) {
		const trace_row *row = trace_row_at(t, trace_len(t) - 1);
		if (fabs(row->f - p->fstar) <= tol) {
			k = row->nf;
			break;
		}
		if (row->nf > budget || run_status(r) != RUN_RUNNING)
			break;
		run_step(r, 1, NULL);
	}
	print_message("direct on %s: within %g of f* = %.10g after %ld evaluations "
	              "(%ld iterations)\n",
	              name, tol, p->fstar, k, run_iter(r));
	run_free(r);
	prob_free(p);
	return k;
}

static void test_goldsteinprice(void **state)
{
	(void)state;
	const double lo[] = {-2, -2}, hi[] = {2, 2};
	long k = direct_evals("goldsteinprice", lo, hi, 1e-4, 2000);
	assert_true(k > 0 && k <= 2 * 191);
}

static void test_sixhumpcamel(void **state)
{
	(void)state;
	const double lo[] = {-3, -2}, hi[] = {3, 2};
	long k = direct_evals("sixhumpcamel", lo, hi, 1e-4, 2000);
	assert_true(k > 0 && k <= 2 * 285);
}

static void test_branin(void **state)
{
	(void)state;
	const double lo[] = {-5, 0}, hi[] = {10, 15};
	long k = direct_evals("branin", lo, hi, 1e-4, 2000);
	assert_true(k > 0 && k <= 2 * 195);
}

/* The first iteration of Jones et al.'s example: the centre, then 2n points at a third
 * of the side along every axis (one rectangle divided). */
static void test_first_division(void **state)
{
	(void)state;
	const double lo[] = {-2, -2}, hi[] = {2, 2};
	prob *p = lib_in_box("goldsteinprice", lo, hi);
	run *r = tr_seeded(p, "direct", "", NULL, 1);
	const trace *t = run_trace(r);
	assert_int_equal(trace_row_at(t, 0)->nf, 1);
	assert_true(trace_x(t, 0)[0] == 0 && trace_x(t, 0)[1] == 0);
	run_step(r, 1, NULL);
	assert_int_equal(trace_row_at(t, 1)->nf, 5);
	const double *pts;
	int k = trace_probes(t, 1, &pts);
	assert_int_equal(k, 4);
	for (int i = 0; i < 4; i++) /* (+-4/3, 0) and (0, +-4/3) */
		assert_true(fabs(fabs(pts[2 * i] + pts[2 * i + 1]) - 4.0 / 3) < 1e-15);
	run_free(r);
	prob_free(p);
}

static void test_needs_box(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("branin");
	char err[256];
	prob *p = problib_make(e, NULL, err, sizeof err);
	run *r = tr_try(p, "direct", "", NULL, err, sizeof err);
	assert_null(r);
	assert_non_null(strstr(err, "direct needs"));
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_goldsteinprice),
	    cmocka_unit_test(test_sixhumpcamel),
	    cmocka_unit_test(test_branin),
	    cmocka_unit_test(test_first_division),
	    cmocka_unit_test(test_needs_box),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
