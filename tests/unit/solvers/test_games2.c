/* games2: proximal point for games, Chambolle-Pock, the preference game and entropic
 * optimal transport (Sinkhorn), checked against known answers: the resolvent of x*y
 * shrinks |z| by exactly 1/sqrt(1 + t^2); Chambolle-Pock reaches the saddle of x*y and
 * rps's uniform equilibrium; a cyclic 3x3 preference game's equilibrium is the kernel of
 * the skew matrix P - 1/2; Sinkhorn's marginals hold to 1e-9 and its cost tends to the
 * exact transport cost, computed by brute force over permutations (uniform weights,
 * m = k: the assignment problem) and by the north-west corner rule (exact for a convex
 * cost on a line with sorted supports; checked against the permutations). */
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
#include "ot.h"

/* A library problem with "name=value" parameters (choices by name). */
static prob *lib(const char *name, const char *args)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	char buf[200], err[200], *save = NULL;
	snprintf(buf, sizeof buf, "%s", args ? args : "");
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		*eq = 0;
		int k = param_find(e->params, e->nparams, tok);
		assert_true(k >= 0);
		int c = param_choice(&e->params[k], eq + 1);
		v[k] = c >= 0 ? c : atof(eq + 1);
	}
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

/* A run of method m with "step=0.1 inner=extragradient" (choices by name). */
static run *go(const prob *p, const char *mname, const char *args)
{
	const meth *m = meth_find(mname);
	assert_non_null(m);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	char buf[200], err[256], *save = NULL;
	snprintf(buf, sizeof buf, "%s", args ? args : "");
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		*eq = 0;
		int k = param_find(m->params, m->nparams, tok);
		assert_true(k >= 0);
		int c = param_choice(&m->params[k], eq + 1);
		v[k] = c >= 0 ? c : atof(eq + 1);
	}
	run_opts o;
	run_opts_default(&o);
	o.stall = 1000000; /* converged runs keep their last row */
	run *r = run_new(p, m, v, NULL, &o, err, sizeof err);
	if (!r)
		fail_msg("%s(%s): %s", mname, args, err);
	return r;
}

static double dist_at(const run *r, long k)
{
	return trace_row_at(run_trace(r), k)->dist;
}

static double col(const run *r, long k, int j)
{
	return trace_extra(run_trace(r), k, j);
}

/* The extra column called name at row k. */
static double col_named(const run *r, long k, const char *name)
{
	int j = trace_extra_find(run_trace(r), name);
	assert_true(j >= 0);
	return trace_extra(run_trace(r), k, j);
}

/* ---- gproxpoint ---- */

/* On x*y the resolvent is (I + tJ)^-1: |z_k| = (1 + t^2)^(-k/2) |z_0|, for the
 * fixed-point inner loop (t = 0.5 < 1/L) and for extragradient's (t = 2). */
static void test_gproxpoint_bilinear(void **state)
{
	(void)state;
	prob *p = lib("bilinear", NULL);
	const char *args[] = {"step=0.5 tol=1e-13", "step=2 inner=extragradient tol=1e-13"};
	double ts[] = {0.5, 2};
	for (int c = 0; c < 2; c++) {
		run *r = go(p, "gproxpoint", args[c]);
		assert_int_equal(run_step(r, 20, NULL), 20);
		double d0 = dist_at(r, 0), q = 1 / sqrt(1 + ts[c] * ts[c]);
		for (long k = 1; k <= 20; k++) {
			double want = d0 * pow(q, (double)k);
			assert_true(fabs(dist_at(r, k) - want) <= 1e-9 * d0);
			assert_true(col_named(r, k, "inner") >= 2); /* inner iterations, each counted */
		}
		assert_true(trace_row_at(run_trace(r), 20)->ng > 40);
		run_free(r);
	}
	/* the fixed-point loop diverges when t L > 1: a failure that says so */
	run *r = go(p, "gproxpoint", "step=2");
	run_step(r, 5, NULL);
	assert_int_equal(run_status(r), RUN_FAILED);
	assert_non_null(strstr(run_message(r), "inner = extragradient"));
	run_free(r);
	prob_free(p);
}

/* ---- chambollepock ---- */

/* x*y (K = 1, tau sigma = 0.25): the last iterate reaches the saddle, |z| < 1e-10 by
 * step 300; rps (|K|^2 = 3, tau sigma = 0.25): exploitability below 1e-12 by 200. */
static void test_chambollepock(void **state)
{
	(void)state;
	prob *p = lib("bilinear", NULL);
	run *r = go(p, "chambollepock", NULL);
	run_step(r, 300, NULL);
	assert_true(dist_at(r, 0) > 1);
	assert_true(dist_at(r, run_iter(r)) < 1e-10);
	run_free(r);
	prob_free(p);
	p = lib("rps", NULL);
	r = go(p, "chambollepock", NULL);
	run_step(r, 200, NULL);
	assert_true(col(r, 0, 0) > 0.2);
	assert_true(col(r, run_iter(r), 0) < 1e-12); /* may stop early at an exact zero */
	assert_true(dist_at(r, run_iter(r)) < 1e-9);
	run_free(r);
	prob_free(p);
}

/* ---- preference ---- */

/* P + P' = 1 (A = P', f(e_i, e_j) = P_ji), and on the cyclic 3x3 (seed 7) the
 * equilibrium is the kernel (M23, M31, M12) of the skew M = P - 1/2, for both players:
 * mirrorprox and chambollepock reach it, exploitability below 1e-9, value 1/2. */
static void test_preference(void **state)
{
	(void)state;
	prob *p = lib("preference", NULL);
	assert_int_equal(p->n, 6);
	double P[3][3];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++) {
			double z[6] = {0};
			z[j] = 1;     /* x = pi' plays j */
			z[3 + i] = 1; /* y = pi plays i */
			P[i][j] = p->ops->value(p->ctx, z);
		}
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			assert_true(fabs(P[i][j] + P[j][i] - 1) < 1e-15);
	double w[3] = {P[1][2] - 0.5, P[2][0] - 0.5, P[0][1] - 0.5}, s = w[0] + w[1] + w[2];
	for (int i = 0; i < 3; i++)
		assert_true(w[i] / s > 0.05); /* cyclic: an interior equilibrium */
	const char *ms[] = {"mirrorprox", "chambollepock"};
	for (int c = 0; c < 2; c++) {
		run *r = go(p, ms[c], c ? NULL : "step=0.5");
		long n = c ? 2000 : 20000;
		run_step(r, n, NULL);
		assert_true(col(r, run_iter(r), 0) < 1e-9);
		assert_true(fabs(run_f(r) - 0.5) < 1e-9);
		const double *x = run_x(r);
		for (int i = 0; i < 3; i++) {
			assert_true(fabs(x[i] - w[i] / s) < 1e-6);
			assert_true(fabs(x[3 + i] - w[i] / s) < 1e-6);
		}
		run_free(r);
	}
	prob_free(p);
}

/* ---- sinkhorn ---- */

/* The exact cost of 1-D transport with sorted supports and a convex cost: the monotone
 * (north-west corner) coupling. */
static double nw_corner(const ot_data *d)
{
	double ra[OT_MAX], rb[OT_MAX], cost = 0;
	memcpy(ra, d->a, (size_t)d->m * sizeof *ra);
	memcpy(rb, d->b, (size_t)d->k * sizeof *rb);
	for (int i = 0, j = 0; i < d->m && j < d->k;) {
		double q = fmin(ra[i], rb[j]);
		cost += q * d->C[(size_t)i * (size_t)d->k + (size_t)j];
		ra[i] -= q;
		rb[j] -= q;
		if (ra[i] <= rb[j])
			i++;
		else
			j++;
	}
	return cost;
}

/* Uniform weights 1/m, m = k: the cheapest permutation (Birkhoff), all m! of them. */
static void perms(const ot_data *d, int *sig, int k, double acc, double *best)
{
	if (k == d->m) {
		*best = fmin(*best, acc / d->m);
		return;
	}
	for (int i = k; i < d->m; i++) {
		int t = sig[k];
		sig[k] = sig[i];
		sig[i] = t;
		perms(d, sig, k + 1, acc + d->C[(size_t)k * (size_t)d->k + (size_t)sig[k]], best);
		sig[i] = sig[k];
		sig[k] = t;
	}
}

/* Sinkhorn to its fixed point: both marginals within 1e-9 (L1), in both variants. */
static void test_sinkhorn_marginals(void **state)
{
	(void)state;
	prob *p = lib("ot", "m=5 k=7 seed=3 reg=0.02");
	const ot_data *d = ot_of(p);
	assert_non_null(d);
	for (int lg = 0; lg < 2; lg++) {
		run *r = go(p, "sinkhorn", lg ? "logdomain=yes" : "logdomain=no");
		run_step(r, 2000, NULL);
		const double *z = run_x(r);
		double P[5 * 7], ea = 0, eb = 0;
		ot_plan(d, z, P);
		for (int i = 0; i < 5; i++) {
			double s = 0;
			for (int j = 0; j < 7; j++)
				s += P[i * 7 + j];
			ea += fabs(s - d->a[i]);
		}
		for (int j = 0; j < 7; j++) {
			double s = 0;
			for (int i = 0; i < 5; i++)
				s += P[i * 7 + j];
			eb += fabs(s - d->b[j]);
		}
		assert_true(ea < 1e-9 && eb < 1e-9);
		assert_true(col(r, run_iter(r), 1) < 1e-9);
		run_free(r);
	}
	prob_free(p);
}

/* The regularized cost tends to the exact cost as reg shrinks (log domain): the gap
 * falls at every stage and stays within reg log(m k) (the entropic bias bound). Uniform
 * 5 x 5 (degenerate: Sinkhorn slows down, so reg stops at 0.003) against the 120
 * permutations, which the north-west corner matches; random weights 6 x 4 against the
 * north-west corner down to reg = 0.0003, where the gap is below 1e-4 of the cost. */
static void test_sinkhorn_cost(void **state)
{
	(void)state;
	const char *cases[] = {"m=5 k=5 seed=1 weights=uniform", "m=6 k=4 seed=5"};
	const double regs[] = {0.1, 0.03, 0.01, 0.003, 0.001, 0.0003};
	const int nregs[] = {4, 6};
	for (int c = 0; c < 2; c++) {
		double exact = NAN, prev = INFINITY;
		for (int s = 0; s < nregs[c]; s++) {
			char args[120];
			snprintf(args, sizeof args, "%s reg=%g", cases[c], regs[s]);
			prob *p = lib("ot", args);
			const ot_data *d = ot_of(p);
			if (s == 0) {
				exact = nw_corner(d);
				if (c == 0) {
					int sig[5] = {0, 1, 2, 3, 4};
					double best = INFINITY;
					perms(d, sig, 0, 0, &best);
					assert_true(fabs(best - exact) < 1e-15);
				}
				assert_true(exact > 1e-3);
			}
			run *r = go(p, "sinkhorn", "logdomain=yes");
			run_step(r, 20000, NULL);
			double cost = col(r, run_iter(r), 0), gap = fabs(cost - exact);
			assert_true(col(r, run_iter(r), 1) < 1e-9);
			assert_true(gap < prev);
			assert_true(gap <= regs[s] * log(d->m * d->k));
			prev = gap;
			run_free(r);
			prob_free(p);
		}
		if (c == 1)
			assert_true(prev < 1e-4 * exact);
	}
}

/* The standard variant's kernel underflows at reg = 1e-5 (a failure that names the
 * remedy); the log-domain variant's marginals still close. */
static void test_sinkhorn_underflow(void **state)
{
	(void)state;
	prob *p = lib("ot", "reg=1e-5");
	run *r = go(p, "sinkhorn", NULL);
	run_step(r, 10, NULL);
	assert_int_equal(run_status(r), RUN_FAILED);
	assert_non_null(strstr(run_message(r), "logdomain = yes"));
	run_free(r);
	r = go(p, "sinkhorn", "logdomain=yes");
	run_step(r, 20000, NULL);
	assert_true(col(r, run_iter(r), 1) < 1e-9);
	run_free(r);
	/* not an OT problem: refused with a message */
	prob *q = lib("rps", NULL);
	char err[256];
	assert_null(run_new(q, meth_find("sinkhorn"), NULL, NULL, NULL, err, sizeof err));
	assert_non_null(strstr(err, "an optimal-transport structure"));
	prob_free(q);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gproxpoint_bilinear), cmocka_unit_test(test_chambollepock),
		cmocka_unit_test(test_preference),          cmocka_unit_test(test_sinkhorn_marginals),
		cmocka_unit_test(test_sinkhorn_cost),       cmocka_unit_test(test_sinkhorn_underflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
