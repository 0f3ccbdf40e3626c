/* test_bo: Bayesian optimization on Branin over its usual box [-5, 10] x [0, 15] (the
 * global minimum 10 / (8 pi) = 0.397887 at three points), the GP that interpolates its
 * data, and the box it needs. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gp.h"
#include "optlab.h"
#include "testrun.h"

static prob *branin_box(void)
{
	const problib_entry *e = problib_find("branin");
	assert_non_null(e);
	char err[256];
	prob *p = problib_make(e, NULL, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	const double lo[] = {-5, 0}, hi[] = {10, 15};
	prox_attach_set(p, prox_box_each(2, lo, hi));
	return p;
}

/* Within 1e-2 of f* in 40 evaluations (the start and 4 design points among them), in
 * most of 10 seeds. */
static void test_branin(void **state)
{
	(void)state;
	prob *p = branin_box();
	int ok = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		run *r = tr_seeded(p, "bo", "", NULL, seed);
		const trace *t = run_trace(r);
		while (trace_row_at(t, trace_len(t) - 1)->nf < 40 && run_status(r) == RUN_RUNNING)
			run_step(r, 1, NULL);
		assert_int_equal(trace_row_at(t, trace_len(t) - 1)->nf, 40);
		double gap = run_f(r) - p->fstar;
		ok += gap <= 1e-2;
		print_message("bo seed %2d: best %.6f after 40 evaluations (f* = %.6f)\n", (int)seed,
		              run_f(r), p->fstar);
		run_free(r);
	}
	print_message("bo on branin: %d of 10 seeds within 1e-2 of f* in 40 evaluations\n", ok);
	assert_true(ok >= 6);
	prob_free(p);
}

/* ucb finds the basin too (a looser test: it explores more). */
static void test_branin_ucb(void **state)
{
	(void)state;
	prob *p = branin_box();
	run *r = tr_seeded(p, "bo", "acq=ucb", NULL, 3);
	run_step(r, 59, NULL);
	assert_int_equal(trace_row_at(run_trace(r), 59)->nf, 60);
	assert_true(run_f(r) - p->fstar < 0.05);
	run_free(r);
	prob_free(p);
}

/* With a nugget of 1e-8 the posterior mean passes through the data and its standard
 * deviation vanishes there; far from the data it returns to the prior. */
static void test_gp_interpolates(void **state)
{
	(void)state;
	gp g;
	assert_int_equal(gp_init(&g, 2, 20), 0);
	rng r;
	rng_seed(&r, 5);
	for (int i = 0; i < 12; i++) {
		double x[2] = {rng_uniform(&r), rng_uniform(&r)};
		assert_int_equal(gp_add(&g, x, sin(6 * x[0]) + x[1] * x[1] + 3), 0);
	}
	assert_int_equal(gp_fit(&g), 0);
	for (int i = 0; i < 12; i++) {
		double mu, sd;
		gp_predict(&g, g.x + 2 * i, &mu, &sd);
		assert_true(fabs(mu - g.y[i]) < 1e-5 * g.ystd);
		assert_true(sd < 1e-3 * g.ystd);
	}
	double far[2] = {40, 40}, mu, sd;
	gp_predict(&g, far, &mu, &sd);
	assert_true(fabs(mu - g.ymean) < 1e-6 * g.ystd);
	assert_true(fabs(sd - g.ystd * sqrt(g.s2)) < 1e-6 * g.ystd);
	/* the kernel's closed form at one length scale */
	assert_true(fabs(gp_matern52(1) - (1 + sqrt(5) + 5.0 / 3) * exp(-sqrt(5))) < 1e-15);
	gp_free(&g);
}

static void test_needs_box(void **state)
{
	(void)state;
	prob *p = branin_box();
	prox_attach_set(p, prox_ball(3));
	char err[256];
	assert_null(tr_try(p, "bo", "", NULL, err, sizeof err));
	assert_non_null(strstr(err, "bo needs a box"));
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_branin),
	    cmocka_unit_test(test_branin_ucb),
	    cmocka_unit_test(test_gp_interpolates),
	    cmocka_unit_test(test_needs_box),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
