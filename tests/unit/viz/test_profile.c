/* test_profile: performance and data profiles of a hand-made table against fractions
 * worked out by hand (Dolan & More 2002; More & Wild 2009). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "profile.h"

#define INF INFINITY

/* Costs of solvers A, B, C on four problems of n = 1 .. 4 (INF: not met). By hand:
 * ratios p1 (1, 2, -), p2 (2, 1, 4), p3 (-, 4, 1), p4 (1, -, -); costs / (n + 1):
 * A 5, 10, -, 10; B 10, 5, 10, -; C -, 20, 2.5, -. */
static const double cost[4 * 3] = {
    10, 20, INF, /* n = 1 */
    30, 15, 60,  /* n = 2 */
    INF, 40, 10, /* n = 3 */
    50, INF, INF /* n = 4 */
};
static const int dims[4] = {1, 2, 3, 4};
static const prof_table table = {3, 4, cost, dims};

static void test_performance(void **st)
{
	(void)st;
	double r[12];
	prof_ratios(&table, r);
	static const double want_r[12] = {1, 2, INF, 2, 1, 4, INF, 4, 1, 1, INF, INF};
	for (int i = 0; i < 12; i++)
		assert_true(r[i] == want_r[i]);
	/* rho_s(tau) at tau = 1, 2, 3.99, 4, 1000 */
	static const double taus[5] = {1, 2, 3.99, 4, 1000};
	static const double want[3][5] = {{0.5, 0.75, 0.75, 0.75, 0.75},
	                                  {0.25, 0.5, 0.5, 0.75, 0.75},
	                                  {0.25, 0.25, 0.25, 0.5, 0.5}};
	for (int s = 0; s < 3; s++)
		for (int k = 0; k < 5; k++)
			assert_true(prof_perf(&table, r, s, taus[k]) == want[s][k]);
	double v[4];
	assert_int_equal(prof_steps(&table, r, 1, 0, v), 3); /* B: 1, 2, 4 */
	assert_true(v[0] == 1 && v[1] == 2 && v[2] == 4);
}

static void test_data(void **st)
{
	(void)st;
	static const double alphas[5] = {2.4, 2.5, 5, 10, 20};
	static const double want[3][5] = {{0, 0, 0.25, 0.75, 0.75},
	                                  {0, 0, 0.25, 0.75, 0.75},
	                                  {0, 0.25, 0.25, 0.25, 0.5}};
	for (int s = 0; s < 3; s++)
		for (int k = 0; k < 5; k++)
			assert_true(prof_data(&table, s, alphas[k]) == want[s][k]);
	double v[4];
	assert_int_equal(prof_steps(&table, NULL, 2, 1, v), 2); /* C: 2.5, 20 */
	assert_true(v[0] == 2.5 && v[1] == 20);
	double med;
	assert_int_equal(prof_solved(&table, 0, &med), 3);
	assert_true(med == 30);
	assert_int_equal(prof_solved(&table, 2, &med), 2);
	assert_true(med == 35);
}

/* A problem no solver met counts against every solver; a zero cost is the best. */
static void test_edges(void **st)
{
	(void)st;
	static const double c[2 * 2] = {INF, INF, 0, 3};
	static const int n[2] = {2, 2};
	prof_table t = {2, 2, c, n};
	double r[4];
	prof_ratios(&t, r);
	assert_true(prof_perf(&t, r, 0, 1) == 0.5);
	assert_true(prof_perf(&t, r, 1, 1e9) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_performance),
	    cmocka_unit_test(test_data),
	    cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
