/* test_stoch2: dog (parameter-free) and adam8bit (block-wise 8-bit moments). The
 * dynamic codes against their closed form and the quantization error of a block
 * within the code's resolution; dog's first step in closed form and its neighbourhood
 * of x* on a logistic regression and a quadratic with no step given; adam8bit's
 * trajectory within a stated distance of adam's from the same seed. Seeds, budgets
 * and tolerances are stated in each test; every check reads a measured trace. */
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
#include "stoch_fixture.h"
#include "quant8.h"


/* ---- the quantizer ---- */

/* The codes in closed form: 256 sorted values; 0 and 1; in (0.1, 1] the midpoints
 * 0.1 + 0.9 (i + 1/2) / 64 (signed) or / 128 (unsigned), then 1; the smallest
 * magnitudes 0.55e-6 (signed: 0.1 + 0.45) and 0.325e-6 (unsigned: 0.1 + 0.225). */
static void test_codes(void **state)
{
	(void)state;
	double c[Q8_CODES];
	for (int sg = 0; sg <= 1; sg++) {
		q8_code(sg, c);
		int items = sg ? 64 : 128, zero = -1, in_top = 0;
		for (int i = 1; i < Q8_CODES; i++)
			assert_true(c[i] > c[i - 1]);
		for (int i = 0; i < Q8_CODES; i++) {
			if (c[i] == 0)
				zero = i;
			if (c[i] > 0.1 && c[i] < 1) {
				double want = 0.1 + 0.9 * (in_top + 0.5) / items;
				assert_true(fabs(c[i] - want) < 1e-15);
				in_top++;
			}
		}
		assert_int_equal(in_top, items);
		assert_true(c[Q8_CODES - 1] == 1);
		assert_int_equal(zero, sg ? 127 : 0);
		assert_true(fabs(c[zero + 1] - (sg ? 0.55e-6 : 0.325e-6)) < 1e-21);
		if (sg) /* the signed code has no -1: its extreme is the top midpoint */
			assert_true(fabs(c[0] + (1 - 0.45 / 64)) < 1e-15);
	}
}

/* The error bound in closed form: a value v in the decade (10^(e-7), 10^(e-6)] of the
 * block's scale lies within half a gap of a code, half = 10^(e-6) 0.45 / 2^e (signed;
 * 0.225 / 2^e unsigned), the gaps across a decade's boundary being smaller; below
 * 1e-7 the nearest code is 0 or the smallest. */
static double half_gap(int sg, double v)
{
	double a = fabs(v), top = sg ? 0.45 : 0.225;
	if (a <= 1e-7)
		return sg ? 0.55e-6 : 0.325e-6;
	int e = (int)ceil(log10(a) + 6 - 1e-12);
	e = e < 0 ? 0 : e > 6 ? 6 : e;
	return pow(10, e - 6) * top / (1 << e);
}

/* 600 values over nine decades in three blocks (256, 256, 88): each block's scale is
 * its absmax, each byte the brute-force nearest code, each error within the bound. */
static void test_block_error(void **state)
{
	(void)state;
	enum { N = 600, B = 256 };
	double x[N], y[N], c[Q8_CODES];
	uint8_t q[N];
	float sc[3];
	for (int sg = 0; sg <= 1; sg++) {
		q8_code(sg, c);
		for (int i = 0; i < N; i++) {
			double mag = pow(10, -8 * (double)(i % B) / B) * (1 + i / B);
			x[i] = sg && i % 3 == 1 ? -mag * fabs(sin(i + 1.0)) : mag * fabs(sin(i + 1.0));
		}
		q8_quantize(c, x, N, B, q, sc);
		q8_dequantize(c, q, sc, N, B, y);
		for (int b = 0; b < 3; b++) {
			double amax = 0;
			for (int i = b * B; i < N && i < (b + 1) * B; i++)
				amax = fmax(amax, fabs(x[i]));
			assert_true(sc[b] == (float)amax);
		}
		double worst = 0;
		for (int i = 0; i < N; i++) {
			double s = sc[i / B], v = x[i] / s;
			int best = 0;
			for (int k = 1; k < Q8_CODES; k++)
				if (fabs(c[k] - v) < fabs(c[best] - v))
					best = k;
			assert_true(fabs(c[q[i]] - v) <= fabs(c[best] - v) + 1e-18);
			double err = fabs(y[i] - x[i]), bound = s * half_gap(sg, v) + 1e-7 * fabs(x[i]);
			if (err > bound)
				print_error("sg %d i %d v %g err %g bound %g\n", sg, i, v, err, bound);
			assert_true(err <= bound);
			worst = fmax(worst, err / s);
		}
		assert_true(worst <= (sg ? 0.45 : 0.225) / 64 + 1e-7);
	}
}

/* ---- dog ---- */

/* The first step in closed form: eta_0 = reps (1 + |x0|) / |g(x0)|, x1 = x0 - eta_0 g. */
static void test_dog_first_step(void **state)
{
	(void)state;
	prob *p = mkprob("rosenbrock", "n=2");
	double x0[2] = {-1.2, 1}, g[2];
	p->ops->grad(p->ctx, x0, g);
	double gn = hypot(g[0], g[1]), eta = 1e-3 * (1 + hypot(-1.2, 1)) / gn;
	run *r = mkrun("dog", "reps=1e-3", p, x0, 1, 1);
	const trace *t = run_trace(r);
	assert_true(fabs(trace_row_at(t, 1)->step - eta) <= 1e-15 * eta);
	for (int j = 0; j < 2; j++)
		assert_true(fabs(run_x(r)[j] - (x0[j] - eta * g[j])) < 1e-15);
	run_free(r);
	prob_free(p);
}

/* Logistic regression (m = 1000, d = 2, lambda = 0.1, x* by Newton), dog with its
 * defaults from 0, seed 3: 40 epochs of single samples end with a mean distance below
 * 0.08 over the last 10 epochs; minibatches of 100 (4000 epochs) end within 0.01. */
static void test_dog_logreg(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", "m=1000,d=2,seed=1,lambda=0.1");
	double x0[2] = {0, 0};
	run *r = mkrun("dog", "", p, x0, 40000, 3);
	double md = mean_dist(r, 30000), d0 = prob_dist_to_sol(p, x0);
	print_message("dog logreg batch 1: mean dist %.3g (start %.3g)\n", md, d0);
	assert_true(md < 0.08);
	run_free(r);
	r = mkrun("dog", "batch=100", p, x0, 40000, 3);
	double dl = prob_dist_to_sol(p, run_x(r));
	print_message("dog logreg batch 100: dist %.3g\n", dl);
	assert_true(dl < 0.01);
	run_free(r);
	prob_free(p);
}

/* A quadratic in 10 variables with condition 100 (x* = 0): exact gradients, 20000
 * steps from the library's start end within 1e-6; noise 0.1 (seed 5) keeps the mean
 * distance over the last 5000 of 20000 steps below 0.05. */
static void test_dog_quadratic(void **state)
{
	(void)state;
	prob *p = mkprob("quadratic", "n=10,cond=100");
	run *r = mkrun("dog", "", p, NULL, 20000, 5);
	double d = prob_dist_to_sol(p, run_x(r)), d0 = prob_dist_to_sol(p, p->x0);
	print_message("dog quadratic: dist %.3g (start %.3g)\n", d, d0);
	assert_true(d < 1e-6);
	run_free(r);
	r = mkrun("dog", "noise=0.1", p, NULL, 20000, 5);
	double md = mean_dist(r, 15000);
	print_message("dog noisy quadratic: mean dist %.3g\n", md);
	assert_true(md < 0.05);
	run_free(r);
	prob_free(p);
}

/* ---- adam8bit against adam ---- */

/* The largest distance between the two runs' iterates over their traces. */
static double max_gap(const run *a, const run *b)
{
	const trace *ta = run_trace(a), *tb = run_trace(b);
	long len = trace_len(ta);
	int n = trace_nx(ta);
	assert_int_equal(len, trace_len(tb));
	double worst = 0;
	for (long i = 0; i < len; i++) {
		const double *xa = trace_x(ta, i), *xb = trace_x(tb, i);
		double s = 0;
		for (int j = 0; j < n; j++)
			s += (xa[j] - xb[j]) * (xa[j] - xb[j]);
		worst = fmax(worst, sqrt(s));
	}
	return worst;
}

/* Rosenbrock from (-1.2, 1), step 0.01, 6000 exact steps: the 8-bit run stays within
 * 0.05 of adam's all along, and ends within 1e-6 of (1, 1). */
static void test_adam8bit_rosenbrock(void **state)
{
	(void)state;
	prob *p = mkprob("rosenbrock", "n=2");
	run *a = mkrun("adam", "step=0.01", p, NULL, 6000, 1);
	run *b = mkrun("adam8bit", "step=0.01", p, NULL, 6000, 1);
	double gap = max_gap(a, b);
	print_message("adam8bit rosenbrock: max gap %.3g, dist %.3g vs %.3g\n", gap,
	              prob_dist_to_sol(p, run_x(b)), prob_dist_to_sol(p, run_x(a)));
	assert_true(gap < 0.05);
	assert_true(prob_dist_to_sol(p, run_x(b)) < 1e-6);
	run_free(a);
	run_free(b);
	prob_free(p);
}

/* Logistic regression in 12 features (lambda 0.1), single samples, seed 2, step 0.01,
 * blocks of 5 (three blocks, the last short): over 5000 steps the 8-bit run stays
 * within 0.05 of adam's, and ends within 0.3 of
 * the start's distance to x* (adam's noise ball at this step is about 0.17 / 0.78). */
static void test_adam8bit_logreg(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", "m=1000,d=12,seed=4,lambda=0.1");
	double x0[12] = {0};
	run *a = mkrun("adam", "step=0.01", p, x0, 5000, 2);
	run *b = mkrun("adam8bit", "step=0.01,block=5", p, x0, 5000, 2);
	double gap = max_gap(a, b), d0 = prob_dist_to_sol(p, x0);
	print_message("adam8bit logreg: max gap %.3g, start dist %.3g, dist %.3g vs %.3g\n",
	              gap, d0, prob_dist_to_sol(p, run_x(b)), prob_dist_to_sol(p, run_x(a)));
	assert_true(gap < 0.05);
	assert_true(prob_dist_to_sol(p, run_x(b)) < 0.3 * d0);
	run_free(a);
	run_free(b);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_block_error),
		cmocka_unit_test(test_dog_first_step),
		cmocka_unit_test(test_dog_logreg),
		cmocka_unit_test(test_dog_quadratic),
		cmocka_unit_test(test_adam8bit_rosenbrock),
		cmocka_unit_test(test_adam8bit_logreg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
