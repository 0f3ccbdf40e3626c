/* mirror: the players' simplices (projection, entropic step, exploitability) and the
 * mirror methods on matrix games, on measured traces: mirrorprox reaches the uniform
 * equilibrium of rock-paper-scissors with exploitability below 1e-6; md's average
 * iterate converges while its last iterate cycles; omd's last iterate converges. */
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

static prob *lib(const char *name)
{
	char err[200];
	prob *p = problib_make(problib_find(name), NULL, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

static run *go(const prob *p, const char *mname, double step, const double *x0)
{
	const meth *m = meth_find(mname);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	v[param_find(m->params, m->nparams, "step")] = step;
	char err[256];
	run *r = run_new(p, m, v, x0, NULL, err, sizeof err);
	if (!r)
		fail_msg("%s: %s", mname, err);
	return r;
}

/* Extra column k ("gap", "avggap", "avgdist") at row i. */
static double col(const run *r, long i, int k)
{
	return trace_extra(run_trace(r), i, k);
}

static void test_simplex_tools(void **state)
{
	(void)state;
	double y[4] = {0.9, 0.6, -1, 0.2}, out[4];
	game_simplex_project(y, out, 4); /* tau = 0.25: (0.65, 0.35, 0, 0) */
	assert_true(fabs(out[0] - 0.65) < 1e-15 && fabs(out[1] - 0.35) < 1e-15);
	assert_true(out[2] == 0 && out[3] == 0);
	double in[3] = {0.2, 0.3, 0.5}, p3[3];
	game_simplex_project(in, p3, 3); /* already inside: unchanged */
	for (int i = 0; i < 3; i++)
		assert_true(fabs(p3[i] - in[i]) < 1e-15);

	prob *p = lib("rps");
	assert_true((p->caps & (PROB_GAME | PROB_MIRROR | PROB_PROJ)) ==
	            (PROB_GAME | PROB_MIRROR | PROB_PROJ));
	/* the entropic step: each block proportional to z exp(-t d) */
	double z[6] = {0.5, 0.3, 0.2, 0.2, 0.3, 0.5}, d[6] = {1, 0, -1, 0, 0, 0}, w[6];
	game_entropy_step(p, z, d, 0.5, w);
	double s = 0.5 * exp(-0.5) + 0.3 + 0.2 * exp(0.5);
	assert_true(fabs(w[0] - 0.5 * exp(-0.5) / s) < 1e-15 && fabs(w[3] - 0.2) < 1e-15);
	/* exploitability of a matrix game: max_j (A'x)_j - min_i (Ay)_i */
	oracle o = {.p = p};
	double F[6];
	game_operator(&o, z, F);
	/* Ay = (0.2, -0.3, 0.1), A'x = (0.1, -0.3, 0.2): gap = 0.2 + 0.3 */
	assert_true(fabs(game_gap(p, z, F) - 0.5) < 1e-15);
	char msg[160];
	double bad[6] = {1, 0, 0, 0.5, 0.5, 0};
	assert_int_equal(game_check_interior(p, bad, "md", msg, sizeof msg), -1);
	assert_string_equal(msg, "md needs a start inside the simplex: positive weights summing "
	                         "to 1 (coordinates 1..3 sum to 1)");
	char err[256];
	assert_null(run_new(p, meth_find("mirrorprox"), NULL, bad, NULL, err, sizeof err));
	prob_free(p);
}

static void test_mirrorprox_rps(void **state)
{
	(void)state;
	prob *p = lib("rps");
	run *r = go(p, "mirrorprox", 0.5, NULL);
	run_step(r, 2000, NULL);
	const trace *t = run_trace(r);
	long last = trace_len(t) - 1, k1 = -1;
	assert_true(col(r, 0, 0) > 0.4); /* the start is far from equilibrium */
	for (long k = 0; k <= last && k1 < 0; k++)
		if (col(r, k, 0) < 1e-6)
			k1 = k;
	assert_true(k1 > 0);
	assert_true(col(r, last, 0) < 1e-6);
	assert_true(trace_row_at(t, last)->dist < 1e-6);
	const double *x = trace_x(t, last);
	for (int i = 0; i < 6; i++)
		assert_true(fabs(x[i] - 1.0 / 3) < 1e-6);
	run_free(r);
	prob_free(p);
}

/* md on rps: the average's exploitability falls below 0.05 (a tenth of the start's) while the last iterate's
 * stays above 0.1 over the whole second half (it cycles outwards, never settles). */
static void test_md_average_vs_last(void **state)
{
	(void)state;
	prob *p = lib("rps");
	run *r = go(p, "md", 0.05, NULL);
	long n = 20000;
	run_step(r, n, NULL);
	assert_true(col(r, n, 1) < 0.05 && col(r, n, 1) < col(r, 0, 1) / 10);
	assert_true(col(r, n, 2) < 0.03);
	for (long k = n / 2; k <= n; k++)
		assert_true(col(r, k, 0) > 0.1);
	assert_true(trace_row_at(run_trace(r), n)->dist >= trace_row_at(run_trace(r), 0)->dist);
	run_free(r);
	prob_free(p);
}

/* omd (optimistic MWU) on rps: the last iterate converges too. */
static void test_omd_last_iterate(void **state)
{
	(void)state;
	prob *p = lib("rps");
	run *r = go(p, "omd", 0.3, NULL);
	run_step(r, 3000, NULL);
	assert_true(col(r, 3000, 0) < 1e-6);
	run_free(r);
	prob_free(p);
}

/* A seeded random matrix game: the same seed gives the same game; mirrorprox's
 * exploitability falls below 0.005, a hundredth of the start's (no equilibrium is known, the gap certifies it). */
static void test_matrixgame(void **state)
{
	(void)state;
	const problib_entry *e = problib_find("matrixgame");
	double v[3] = {4, 5, 7};
	char err[200];
	prob *a = problib_make(e, v, err, sizeof err), *b = problib_make(e, v, err, sizeof err);
	assert_non_null(a);
	assert_int_equal(a->n, 9);
	assert_int_equal(a->game->nx, 4);
	double z[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.1, 0.1, 0.2, 0.1};
	assert_true(a->ops->value(a->ctx, z) == b->ops->value(b->ctx, z));
	run *r = go(a, "mirrorprox", 0.5, NULL);
	run_step(r, 5000, NULL);
	assert_true(col(r, 5000, 0) < 0.005 && col(r, 5000, 0) < col(r, 0, 0) / 100);
	run_free(r);
	prob_free(a);
	prob_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simplex_tools),
		cmocka_unit_test(test_mirrorprox_rps),
		cmocka_unit_test(test_md_average_vs_last),
		cmocka_unit_test(test_omd_last_iterate),
		cmocka_unit_test(test_matrixgame),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
