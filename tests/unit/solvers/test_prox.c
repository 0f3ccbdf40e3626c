/* prox: every term's prox against its closed form, and on random points against its
 * optimality condition (the prox value is no worse than any perturbation, and for convex
 * terms (x - u)/t is a subgradient); SCAD and MCP against Fan & Li's and Zhang's
 * formulas and against a fine grid; sets: projections idempotent and optimal, the
 * simplex projection against brute force over supports in small dimension, LMOs
 * against vertices. */
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

#define N 7

/* |a - b| <= tol, with the values in the failure message */
#define assert_double_equal(a, b, tol) near((a), (b), (tol), __LINE__)
static void near(double a, double b, double tol, int line)
{
	if (!(fabs(a - b) <= tol))
		fail_msg("line %d: %.17g != %.17g (tol %g)", line, a, b, tol);
}

static double dot(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static double dist2(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += (a[i] - b[i]) * (a[i] - b[i]);
	return s;
}

/* g(u) + |u - x|^2/(2t) */
static double prox_obj(const prob_reg *g, const double *u, const double *x, double t, int n)
{
	return g->value(g->ctx, u, n) + dist2(u, x, n) / (2 * t);
}

static void random_point(rng *r, double *x, int n, double scale)
{
	for (int i = 0; i < n; i++)
		x[i] = scale * rng_normal(r);
}

/* The prox's objective at u is no larger than at 200 random perturbations of u. */
static void check_prox_minimal(const prob_reg *g, const double *x, double t, int n, rng *r)
{
	double u[N], v[N];
	g->prox(g->ctx, x, t, u, n);
	double fu = prox_obj(g, u, x, t, n);
	for (int k = 0; k < 200; k++) {
		double scale = k < 100 ? 1e-3 : 0.3;
		for (int i = 0; i < n; i++)
			v[i] = u[i] + scale * rng_normal(r) * (k % 3 == 0 && i % 2 ? 0 : 1);
		if (k % 5 == 0)
			v[k % n] = 0; /* sparse competitors, where nonsmooth terms have kinks */
		assert_true(prox_obj(g, v, x, t, n) >= fu - 1e-12 * (1 + fabs(fu)));
	}
}

static void test_norm1_closed_form(void **st)
{
	prob_reg *g = prox_norm1(0.5);
	double x[4] = {2, -0.3, 0.5, -1.25}, u[4];
	g->prox(g->ctx, x, 2, u, 4); /* threshold 1 */
	double want[4] = {1, 0, 0, -0.25};
	for (int i = 0; i < 4; i++)
		assert_double_equal(u[i], want[i], 1e-15);
	assert_double_equal(g->value(g->ctx, x, 4), 0.5 * 4.05, 1e-15);
	g->prox(g->ctx, x, 2, x, 4); /* in place */
	assert_memory_equal(x, u, sizeof u);
	prox_reg_free(g);
}

static void test_norm2_group_sqnorm(void **st)
{
	double x[4] = {3, 4, 0.3, 0.4}, u[4];
	prob_reg *g = prox_norm2(1);
	g->prox(g->ctx, x, 1, u, 4); /* |x| = sqrt(25.25): shrink by 1 in norm */
	double nx = sqrt(25.25);
	for (int i = 0; i < 4; i++)
		assert_double_equal(u[i], x[i] * (1 - 1 / nx), 1e-14);
	prox_reg_free(g);

	g = prox_group(1, 2); /* groups {3,4} (norm 5) and {0.3,0.4} (norm 0.5 < 1: zero) */
	g->prox(g->ctx, x, 1, u, 4);
	assert_double_equal(u[0], 3 * 0.8, 1e-15);
	assert_double_equal(u[1], 4 * 0.8, 1e-15);
	assert_true(u[2] == 0 && u[3] == 0);
	assert_double_equal(g->value(g->ctx, x, 4), 5.5, 1e-14);
	prox_reg_free(g);

	g = prox_sqnorm(2);
	g->prox(g->ctx, x, 0.5, u, 4); /* x / (1 + t lambda) */
	for (int i = 0; i < 4; i++)
		assert_double_equal(u[i], x[i] / 2, 1e-15);
	assert_double_equal(g->value(g->ctx, x, 4), 25.25, 1e-13);
	prox_reg_free(g);
	assert_null(prox_norm1(-1));
	assert_null(prox_group(1, 0));
	assert_null(prox_scad(1, 2));
	assert_null(prox_mcp(1, 1));
}

/* Fan & Li (2001), eq. (2.8), with step t < a - 1. */
static double scad_closed(double z, double lam, double a, double t)
{
	double az = fabs(z), s = z < 0 ? -1 : 1;
	if (az <= lam * (1 + t))
		return s * fmax(az - t * lam, 0);
	if (az <= a * lam)
		return s * ((a - 1) * az - t * a * lam) / (a - 1 - t);
	return z;
}

/* Zhang (2010): firm thresholding, step t < gamma. */
static double mcp_closed(double z, double lam, double gam, double t)
{
	double az = fabs(z), s = z < 0 ? -1 : 1;
	if (az <= t * lam)
		return 0;
	if (az <= gam * lam)
		return s * (az - t * lam) / (1 - t / gam);
	return z;
}

static void test_scad_mcp_closed_forms(void **st)
{
	prob_reg *sc = prox_scad(1, 3.7), *mc = prox_mcp(1, 3);
	for (int tk = 0; tk < 3; tk++) {
		double t = tk == 0 ? 1 : tk == 1 ? 0.5 : 2;
		for (double z = -6; z <= 6; z += 0.0625) {
			double u;
			sc->prox(sc->ctx, &z, t, &u, 1);
			assert_double_equal(u, scad_closed(z, 1, 3.7, t), 1e-12);
			mc->prox(mc->ctx, &z, t, &u, 1);
			assert_double_equal(u, mcp_closed(z, 1, 3, t), 1e-12);
		}
	}
	/* the penalties: continuous at the knots, flat beyond */
	assert_double_equal(prox_scad_value(1, 1, 3.7), 1, 1e-15);
	assert_double_equal(prox_scad_value(3.7, 1, 3.7), 4.7 / 2, 1e-14);
	assert_double_equal(prox_scad_value(-9, 1, 3.7), 4.7 / 2, 1e-15);
	assert_double_equal(prox_mcp_value(3, 1, 3), 1.5, 1e-15);
	assert_double_equal(prox_mcp_value(-8, 1, 3), 1.5, 1e-15);
	prox_reg_free(sc);
	prox_reg_free(mc);
}

/* With a step beyond the closed form's range, the prox is still the global minimizer:
 * no point of a fine grid does better. */
static void test_scad_mcp_large_step_grid(void **st)
{
	prob_reg *gs[2] = {prox_scad(1, 2.5), prox_mcp(0.7, 1.5)};
	for (int k = 0; k < 2; k++) {
		const prob_reg *g = gs[k];
		for (double z = -5; z <= 5; z += 0.37) {
			double t = 3, u;
			g->prox(g->ctx, &z, t, &u, 1);
			double fu = prox_obj(g, &u, &z, t, 1);
			for (double v = -6; v <= 6; v += 1e-3)
				assert_true(prox_obj(g, &v, &z, t, 1) >= fu - 1e-12);
		}
		prox_reg_free(gs[k]);
	}
}

/* Random points: the prox minimizes its objective locally and globally against random
 * competitors; for the convex terms, (x - u)/t satisfies the subgradient inequality
 * g(v) >= g(u) + <(x - u)/t, v - u> at random v. */
static void test_prox_optimality_random(void **st)
{
	rng r;
	rng_seed(&r, 7);
	prob_reg *gs[6] = {prox_norm1(0.3), prox_norm2(0.8), prox_group(0.5, 3),
	                   prox_sqnorm(1.5), prox_scad(0.6, 3.7), prox_mcp(0.6, 2.5)};
	for (int k = 0; k < 6; k++) {
		for (int trial = 0; trial < 50; trial++) {
			double x[N], u[N], v[N], s[N], t = 0.1 + 2 * rng_uniform(&r);
			random_point(&r, x, N, trial % 2 ? 0.5 : 2);
			check_prox_minimal(gs[k], x, t, N, &r);
			if (k >= 4)
				continue;
			gs[k]->prox(gs[k]->ctx, x, t, u, N);
			for (int i = 0; i < N; i++)
				s[i] = (x[i] - u[i]) / t;
			double gu = gs[k]->value(gs[k]->ctx, u, N);
			for (int j = 0; j < 20; j++) {
				random_point(&r, v, N, 2);
				double vu[N];
				for (int i = 0; i < N; i++)
					vu[i] = v[i] - u[i];
				assert_true(gs[k]->value(gs[k]->ctx, v, N) >=
				            gu + dot(s, vu, N) - 1e-12 * (1 + fabs(gu)));
			}
		}
		prox_reg_free(gs[k]);
	}
}

/* Brute force: the projection onto the simplex is, for the right support S, x_S - theta
 * with theta = (sum x_S - r)/|S|; try every support, keep the feasible nearest one. */
static void simplex_brute(const double *x, double r, double *out, int n)
{
	double best = INFINITY;
	for (unsigned mask = 1; mask < 1u << n; mask++) {
		double sum = 0, cand[8];
		int k = 0;
		for (int i = 0; i < n; i++)
			if (mask >> i & 1)
				sum += x[i], k++;
		double theta = (sum - r) / k;
		int ok = 1;
		for (int i = 0; i < n; i++) {
			cand[i] = mask >> i & 1 ? x[i] - theta : 0;
			if (cand[i] < 0)
				ok = 0;
		}
		double d = dist2(cand, x, n);
		if (ok && d < best) {
			best = d;
			memcpy(out, cand, (size_t)n * sizeof *out);
		}
	}
}

static void test_simplex_brute_force(void **st)
{
	rng r;
	rng_seed(&r, 11);
	for (int trial = 0; trial < 400; trial++) {
		int n = 1 + trial % 6;
		double x[8], p[8], b[8], rad = trial % 3 ? 1 : 2.5;
		random_point(&r, x, n, trial % 4 ? 1 : 5);
		prox_project_simplex(x, rad, p, n);
		simplex_brute(x, rad, b, n);
		double sum = 0;
		for (int i = 0; i < n; i++) {
			assert_double_equal(p[i], b[i], 1e-12);
			assert_true(p[i] >= 0);
			sum += p[i];
		}
		assert_double_equal(sum, rad, 1e-12);
	}
}

/* Every projection: in the set, idempotent, and <x - P x, v - P x> <= 0 for v in the set
 * (the variational inequality that characterizes it). The LMO returns a point of the set
 * no worse than any other. */
static void test_sets(void **st)
{
	rng r;
	rng_seed(&r, 3);
	prob_set *ss[4] = {prox_box(-1, 0.5), prox_nonneg(), prox_ball(1.5), prox_simplex(2)};
	for (int k = 0; k < 4; k++) {
		const prob_set *s = ss[k];
		for (int trial = 0; trial < 100; trial++) {
			double x[N], p[N], pp[N], v[N], w[N], d[N];
			random_point(&r, x, N, 2);
			s->project(s->ctx, x, p, N);
			assert_true(s->contains(s->ctx, p, N, 1e-12));
			s->project(s->ctx, p, pp, N);
			for (int i = 0; i < N; i++)
				assert_double_equal(pp[i], p[i], 1e-12);
			for (int j = 0; j < 20; j++) {
				random_point(&r, w, N, 3);
				s->project(s->ctx, w, v, N);
				for (int i = 0; i < N; i++)
					d[i] = v[i] - p[i], w[i] = x[i] - p[i];
				assert_true(dot(w, d, N) <= 1e-10);
				if (s->lmo) {
					double l[N];
					s->lmo(s->ctx, x, l, N); /* x as the linear objective */
					assert_true(s->contains(s->ctx, l, N, 1e-12));
					assert_true(dot(x, l, N) <= dot(x, v, N) + 1e-12);
				}
			}
		}
		prox_set_free(ss[k]);
	}
	prob_set *b = prox_box(0, 1);
	double in[2] = {0.5, 1}, out[2] = {0.5, 1.01};
	assert_true(b->contains(b->ctx, in, 2, 0));
	assert_false(b->contains(b->ctx, out, 2, 1e-6));
	prox_set_free(b);
	assert_null(prox_box(1, 0));
	assert_null(prox_ball(0));
	assert_null(prox_simplex(-1));
	prob_set *o = prox_nonneg();
	assert_null(o->lmo); /* unbounded: no linear minimizer */
	prox_set_free(o);
}

/* Attached to a problem: the caps follow, clones are independent, prob_free frees. */
static void test_attach_and_clone(void **st)
{
	expr_error e;
	prob *p = prob_from_expr("p", "(x - 1)^2 + y^2", NULL, &e);
	assert_non_null(p);
	prox_attach_reg(p, prox_norm1(0.25));
	prox_attach_set(p, prox_ball(1));
	assert_true(p->caps & PROB_PROX);
	assert_true((p->caps & (PROB_PROJ | PROB_LMO)) == (PROB_PROJ | PROB_LMO));
	prox_attach_set(p, prox_nonneg());
	assert_true(p->caps & PROB_PROJ);
	assert_false(p->caps & PROB_LMO);
	prob *q = prob_clone(p);
	assert_non_null(q);
	assert_ptr_not_equal(q->g->ctx, p->g->ctx);
	prob_free(p);
	double x[2] = {2, -1}, u[2];
	q->g->prox(q->g->ctx, x, 2, u, 2);
	assert_double_equal(u[0], 1.5, 1e-15);
	q->set->project(q->set->ctx, x, u, 2);
	assert_true(u[0] == 2 && u[1] == 0);
	prob_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_norm1_closed_form),
	    cmocka_unit_test(test_norm2_group_sqnorm),
	    cmocka_unit_test(test_scad_mcp_closed_forms),
	    cmocka_unit_test(test_scad_mcp_large_step_grid),
	    cmocka_unit_test(test_prox_optimality_random),
	    cmocka_unit_test(test_simplex_brute_force),
	    cmocka_unit_test(test_sets),
	    cmocka_unit_test(test_attach_and_clone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
