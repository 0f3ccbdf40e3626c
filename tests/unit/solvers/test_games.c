/* games: the operator F = (grad_x f, -grad_y f), the library's games and the game
 * methods on them, checked on measured traces: on the bilinear game x*y gda's distance
 * to the saddle point grows by sqrt(1 + t^2) a step while extragradient's shrinks by
 * sqrt(1 - t^2 + t^4); halpern's residual obeys its O(1/k) bound; the same on the
 * strongly monotone quadratic; extragradient beyond monotonicity on the
 * negative-comonotone one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "game.h"
#include "optlab.h"
#include "testrun.h"

static prob *lib(const char *name)
{
	char err[200];
	prob *p = problib_make(problib_find(name), NULL, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

static double dist_at(const run *r, long k)
{
	return trace_row_at(run_trace(r), k)->dist;
}

static void test_operator(void **state)
{
	(void)state;
	prob *p = lib("bilinear");
	assert_true(p->caps & PROB_GAME);
	assert_int_equal(game_nx(p), 1);
	oracle o = {.p = p};
	double z[2] = {2, 3}, F[2];
	double f = game_operator(&o, z, F);
	assert_true(f == 6 && F[0] == 3 && F[1] == -2); /* (y, -x) */
	assert_int_equal(o.ng, 1);
	prob_free(p);
}

/* gda on x*y: |z+|^2 = (1 + t^2)|z|^2 exactly; the trace's gnorm is |F| = |z|. */
static void test_gda_grows_on_bilinear(void **state)
{
	(void)state;
	prob *p = lib("bilinear");
	double t = 0.2;
	run *r = tr_go(p, "gda", "step=0.2", NULL);
	assert_int_equal(run_step(r, 100, NULL), 100);
	for (long k = 1; k <= 100; k++) {
		double ratio = dist_at(r, k) / dist_at(r, k - 1);
		assert_true(fabs(ratio - sqrt(1 + t * t)) < 1e-12);
		assert_true(fabs(trace_row_at(run_trace(r), k)->gnorm - dist_at(r, k)) < 1e-9);
	}
	assert_true(dist_at(r, 100) > 5 * dist_at(r, 0));
	run_free(r);
	prob_free(p);
}

/* extragradient on x*y: z+ = ((1 - t^2) I - t J) z, a contraction by
 * sqrt(1 - t^2 + t^4) = 0.901 at t = 0.5; below 1e-8 within 200 steps. */
static void test_extragradient_shrinks_on_bilinear(void **state)
{
	(void)state;
	prob *p = lib("bilinear");
	double t = 0.5, rho = sqrt(1 - t * t + t * t * t * t);
	run *r = tr_go(p, "extragradient", "step=0.5", NULL);
	assert_int_equal(run_step(r, 200, NULL), 200);
	for (long k = 1; k <= 200; k++)
		assert_true(dist_at(r, k) <= dist_at(r, 0) * pow(rho, (double)k) * (1 + 1e-9));
	assert_true(dist_at(r, 200) < 1e-8);
	/* two operator calls a step, the look-ahead recorded as a probe */
	assert_int_equal(trace_row_at(run_trace(r), 200)->ng, 401);
	const double *pr;
	assert_int_equal(trace_probes(run_trace(r), 1, &pr), 1);
	assert_true(fabs(pr[0] - 0.5) < 1e-15 && fabs(pr[1] - 1.5) < 1e-15); /* (1,1) - t(1,-1) */
	run_free(r);
	prob_free(p);
}

/* halpern (EAG-C, t = 1/(8L), L = 1 on x*y): Yoon & Ryu's bound
 * |F(z_k)| <= 2 sqrt(1 + tL + t^2L^2) |z0 - z*| / (t (k + 1)) on every row, and the
 * residual falls tenfold from k = 100 to k = 1000, as O(1/k) and not O(1/sqrt(k)). */
static void test_halpern_rate(void **state)
{
	(void)state;
	const char *names[] = {"bilinear", "ccquad"};
	for (int q = 0; q < 2; q++) {
		prob *p = lib(names[q]);
		double t = 0.125, L = q ? sqrt(0.25 + 1) : 1;
		char args[64];
		snprintf(args, sizeof args, "step=%.17g", t / L);
		run *r = tr_go(p, "halpern", args, NULL);
		assert_int_equal(run_step(r, 1000, NULL), 1000);
		const trace *tr = run_trace(r);
		double c = 2 * sqrt(1 + 0.125 + 0.125 * 0.125) * dist_at(r, 0) / (t / L);
		for (long k = 0; k <= 1000; k++)
			assert_true(trace_row_at(tr, k)->gnorm <= c / (double)(k + 1));
		double g100 = trace_row_at(tr, 100)->gnorm, g1000 = trace_row_at(tr, 1000)->gnorm;
		assert_true(g1000 < g100 / 5);
		if (q == 0) /* on x*y the residual is not faster than O(1/k): the anchor holds it */
			assert_true(g1000 * 1001 > 0.1 * g100 * 101);
		run_free(r);
		prob_free(p);
	}
}

/* Alternating gda on x*y stays on a bounded orbit (it neither spirals out like the
 * simultaneous one nor converges); ogda converges. */
static void test_alternating_and_optimistic(void **state)
{
	(void)state;
	prob *p = lib("bilinear");
	run *a = tr_go(p, "gda", "step=0.2 mode=alternating", NULL);
	run *o = tr_go(p, "ogda", "step=0.2", NULL);
	run_step(a, 2000, NULL);
	run_step(o, 2000, NULL);
	for (long k = 0; k <= 2000; k++) {
		assert_true(dist_at(a, k) < 2 * dist_at(a, 0));
		assert_true(dist_at(a, k) > 0.5 * dist_at(a, 0));
	}
	assert_true(dist_at(o, 2000) < 1e-6);
	run_free(a);
	run_free(o);
	prob_free(p);
}

/* ttgda on the strongly convex-concave quadratic reaches the saddle point; on the
 * negative-comonotone one gda spirals out while extragradient converges. */
static void test_ccquad_and_negcomon(void **state)
{
	(void)state;
	prob *cc = lib("ccquad");
	run *r = tr_go(cc, "ttgda", "step=0.05 ratio=4", NULL);
	run_step(r, 3000, NULL);
	assert_true(dist_at(r, trace_len(run_trace(r)) - 1) < 1e-8);
	run_free(r);
	prob_free(cc);

	prob *nc = lib("negcomon");
	run *g = tr_go(nc, "gda", "step=0.1", NULL);
	run *e = tr_go(nc, "extragradient", "step=0.5", NULL);
	run_step(g, 300, NULL);
	run_step(e, 800, NULL);
	assert_true(dist_at(g, 300) > 2 * dist_at(g, 0));
	/* z+ = (I - tM + t^2 M^2) z, M = aI + bJ: a contraction by |1 - t l + t^2 l^2| with
	 * l = a + ib = -0.1 + i, 0.973 at t = 0.5 */
	for (long k = 1; k <= 800; k++)
		assert_true(dist_at(e, k) <= dist_at(e, 0) * pow(0.973, (double)k));
	assert_true(dist_at(e, 800) < 1e-8);
	run_free(g);
	run_free(e);
	prob_free(nc);
}

/* A method for games is refused, with a message, on a problem without players. */
static void test_refusal(void **state)
{
	(void)state;
	prob *p = lib("booth");
	char err[256];
	assert_null(run_new(p, meth_find("extragradient"), NULL, NULL, NULL, err, sizeof err));
	assert_string_equal(err, "extragradient needs a split into players, which problem "
	                         "'booth' does not offer");
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operator),
		cmocka_unit_test(test_gda_grows_on_bilinear),
		cmocka_unit_test(test_extragradient_shrinks_on_bilinear),
		cmocka_unit_test(test_halpern_rate),
		cmocka_unit_test(test_alternating_and_optimistic),
		cmocka_unit_test(test_ccquad_and_negcomon),
		cmocka_unit_test(test_refusal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
