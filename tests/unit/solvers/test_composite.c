/* Composite problems F = f + g: ista and fista on a lasso with an orthogonal design
 * A = H diag(s) (H a Householder reflection), whose solution is soft-thresholding in
 * closed form, x*_i = soft(c_i, lambda/s_i^2) with c = diag(s)^-2 A'b. Both converge;
 * fista's F - F* stays below the bound 2 L |x0 - x*|^2/(k+1)^2 and below ista's; the
 * trace's f is F; subgradient on the same problem approaches F*. */
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

#define N 6
#define LAMBDA 0.3

typedef struct lasso {
	prob *p;
	double xstar[N], fstar, L;
} lasso;

static double soft(double x, double t)
{
	return x > t ? x - t : x < -t ? x + t : 0;
}

/* A = H diag(s), b = A c; the expression 0.5 * sum_j (A_j x - b_j)^2 + lambda*norm1. */
static void make_lasso(lasso *ls, double smin)
{
	rng r;
	rng_seed(&r, 5);
	double v[N], vv = 0, s[N], A[N][N], b[N], c[N];
	for (int i = 0; i < N; i++) {
		v[i] = rng_normal(&r);
		vv += v[i] * v[i];
		s[i] = smin + (1 - smin) * i / (N - 1.0);
		/* the unconstrained minimizer c: beyond the threshold lambda/s_i^2 but for the
		 * last coordinate, so that the slow (small s_i) coordinates stay nonzero */
		double thr = LAMBDA / (s[i] * s[i]);
		c[i] = (i % 2 ? -1 : 1) * (i < N - 1 ? thr + 1 + rng_uniform(&r) : 0.5 * thr);
	}
	for (int j = 0; j < N; j++)
		for (int i = 0; i < N; i++)
			A[j][i] = ((i == j) - 2 * v[j] * v[i] / vv) * s[i];
	for (int j = 0; j < N; j++) { /* b = A c */
		b[j] = 0;
		for (int i = 0; i < N; i++)
			b[j] += A[j][i] * c[i];
	}
	char src[4096];
	int len = snprintf(src, sizeof src, "0.5*(");
	for (int j = 0; j < N; j++) {
		len += snprintf(src + len, sizeof src - (size_t)len, "%s(", j ? " + " : "");
		for (int i = 0; i < N; i++)
			len += snprintf(src + len, sizeof src - (size_t)len, "%+.17g*x%d", A[j][i], i);
		len += snprintf(src + len, sizeof src - (size_t)len, " - %.17g)^2", b[j]);
	}
	snprintf(src + len, sizeof src - (size_t)len, ")");
	expr_error e;
	ls->p = prob_from_expr("lasso", src, NULL, &e);
	if (!ls->p)
		fail_msg("%d: %s", e.col, e.msg);
	prox_attach_reg(ls->p, prox_norm1(LAMBDA));
	for (int i = 0; i < N; i++) {
		double atb = 0;
		for (int j = 0; j < N; j++)
			atb += A[j][i] * b[j];
		ls->xstar[i] = soft(atb / (s[i] * s[i]), LAMBDA / (s[i] * s[i]));
	}
	double g[N];
	ls->fstar = expr_gradient(ls->p->tape, ls->xstar, g);
	double nz = 0;
	for (int i = 0; i < N; i++) {
		nz += ls->xstar[i] != 0;
		ls->fstar += LAMBDA * fabs(ls->xstar[i]);
	}
	assert_true(nz >= 2 && nz <= N - 1); /* the threshold is active somewhere, not everywhere */
	ls->L = 1; /* the largest s_i^2 */
	prob_set_solutions(ls->p, 1, ls->xstar, ls->fstar);
}

static double last_f(const run *r)
{
	const trace *t = run_trace(r);
	return trace_row_at(t, trace_len(t) - 1)->f;
}

static double dist_star(const lasso *ls, const double *x)
{
	double d = 0;
	for (int i = 0; i < N; i++)
		d += (x[i] - ls->xstar[i]) * (x[i] - ls->xstar[i]);
	return sqrt(d);
}

static void test_ista_fista_converge(void **st)
{
	lasso ls;
	make_lasso(&ls, 0.3);
	const char *cases[][2] = {{"ista", "step=1 linesearch=none"},
	                          {"ista", "step=10 linesearch=backtrack"},
	                          {"fista", "step=1 linesearch=none"},
	                          {"fista", "step=5 linesearch=backtrack restart=gradient"},
	                          {"fista", "step=1 linesearch=none restart=function"}};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		run *r = tr_go(ls.p, cases[k][0], cases[k][1], NULL);
		run_step(r, 3000, NULL);
		if (!(dist_star(&ls, run_x(r)) < 1e-9))
			fail_msg("%s(%s): |x - x*| = %g after %ld steps (%s)", cases[k][0],
			         cases[k][1], dist_star(&ls, run_x(r)), run_iter(r),
			         run_stop_name(run_status(r)));
		assert_true(fabs(last_f(r) - ls.fstar) < 1e-12 * (1 + fabs(ls.fstar)));
		assert_true(trace_row_at(run_trace(r), trace_len(run_trace(r)) - 1)->nprox > 0);
		run_free(r);
	}
	prob_free(ls.p);
}

/* F - F* <= 2 L |x0 - x*|^2 / (k+1)^2 at every k (Beck & Teboulle, thm 4.4), and fista
 * ahead of ista at k = 30, 60, 100 on an ill-conditioned design (s from 0.05 to 1). */
static void test_fista_rate(void **st)
{
	lasso ls;
	make_lasso(&ls, 0.05);
	run *fi = tr_go(ls.p, "fista", "step=1 linesearch=none", NULL);
	run *is = tr_go(ls.p, "ista", "step=1 linesearch=none", NULL);
	double r0 = dist_star(&ls, run_x(fi));
	run_step(fi, 100, NULL);
	run_step(is, 100, NULL);
	const trace *tf = run_trace(fi), *ti = run_trace(is);
	assert_int_equal(trace_len(tf), 101);
	for (long k = 1; k <= 100; k++) {
		double gap = trace_row_at(tf, k)->f - ls.fstar;
		double bound = 2 * ls.L * r0 * r0 / ((k + 1.0) * (k + 1.0));
		if (!(gap >= -1e-12 && gap <= bound))
			fail_msg("k = %ld: F - F* = %g, bound %g", k, gap, bound);
	}
	for (long k = 30; k <= 100; k += 35) {
		double gf = trace_row_at(tf, k)->f - ls.fstar, gi = trace_row_at(ti, k)->f - ls.fstar;
		if (!(gf < gi))
			fail_msg("k = %ld: fista %g, ista %g", k, gf, gi);
	}
	/* ista is monotone in F (a descent method with step 1/L) */
	for (long k = 1; k <= 100; k++)
		assert_true(trace_row_at(ti, k)->f <= trace_row_at(ti, k - 1)->f + 1e-15);
	run_free(fi);
	run_free(is);
	prob_free(ls.p);
}

/* The trace's f is F = f + lambda |x|_1, not the smooth part alone. */
static void test_trace_is_F(void **st)
{
	lasso ls;
	make_lasso(&ls, 0.3);
	run *r = tr_go(ls.p, "ista", "step=1 linesearch=none", NULL);
	run_step(r, 3, NULL);
	const trace *t = run_trace(r);
	for (long k = 0; k < trace_len(t); k++) {
		const double *x = trace_x(t, k);
		double g1 = 0;
		for (int i = 0; i < N; i++)
			g1 += fabs(x[i]);
		assert_true(fabs(trace_row_at(t, k)->f - (expr_value(ls.p->tape, x) + LAMBDA * g1)) <
		            1e-12);
	}
	run_free(r);
	/* gd ignores g but its trace still shows F */
	r = tr_go(ls.p, "gd", "step=0.5", NULL);
	run_step(r, 2, NULL);
	t = run_trace(r);
	const double *x = trace_x(t, 2);
	double g1 = 0;
	for (int i = 0; i < N; i++)
		g1 += fabs(x[i]);
	assert_true(fabs(run_f(r) - (expr_value(ls.p->tape, x) + LAMBDA * g1)) < 1e-12);
	run_free(r);
	prob_free(ls.p);
}

static void test_subgradient(void **st)
{
	lasso ls;
	make_lasso(&ls, 0.3);
	run *r = tr_go(ls.p, "subgradient", "step=1 schedule=sqrt", NULL);
	run_step(r, 20000, NULL);
	const trace *t = run_trace(r);
	double fbest = trace_extra(t, trace_len(t) - 1, 0);
	assert_true(fbest - ls.fstar < 1e-3);
	assert_true(fbest - ls.fstar >= -1e-12);
	run_free(r);
	/* without a nonsmooth part, and refused for ista */
	expr_error e;
	prob *q = prob_from_expr("q", "(x - 1)^2 + 2*(y + 1)^2", NULL, &e);
	char err[256];
	assert_null(run_new(q, meth_find("ista"), NULL, NULL, NULL, err, sizeof err));
	assert_string_equal(err, "ista needs a proximal operator (a nonsmooth part), which "
	                         "problem 'q' does not offer");
	prob_free(q);
	prob_free(ls.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ista_fista_converge),
	    cmocka_unit_test(test_fista_rate),
	    cmocka_unit_test(test_trace_is_F),
	    cmocka_unit_test(test_subgradient),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
