/* dcheck: the Taylor-remainder slope is 2 for a right gradient and 1 for a corrupted
 * one, whose coordinate is named; no false alarm on a badly scaled problem in 10^4
 * variables; the Hessian's slope is 3 when right, 2 when wrong. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dcheck.h"
#include "optlab.h"

/* An extended Rosenbrock in scaled variables u_i = x_i / b_i, each term weighted by
 * a_i (scales spread over 10^-4 .. 10^4 and 10^-3 .. 10^3), plus sum exp(u_i) / 10;
 * bad >= 0 corrupts that coordinate of the gradient, hbad that entry of H v. */
typedef struct sc {
	int n, bad, hbad;
	double *a, *b;
} sc;

static double sc_value(void *ctx, const double *x)
{
	const sc *q = ctx;
	double f = 0;
	for (int i = 0; i < q->n; i++) {
		double u = x[i] / q->b[i];
		f += q->a[i] * (1 - u) * (1 - u) + 0.1 * exp(u);
		if (i + 1 < q->n) {
			double w = x[i + 1] / q->b[i + 1] - u * u;
			f += q->a[i] * 10 * w * w;
		}
	}
	return f;
}

static double sc_grad(void *ctx, const double *x, double *g)
{
	const sc *q = ctx;
	for (int i = 0; i < q->n; i++) {
		double u = x[i] / q->b[i];
		g[i] = (-2 * q->a[i] * (1 - u) + 0.1 * exp(u)) / q->b[i];
	}
	for (int i = 0; i + 1 < q->n; i++) {
		double u = x[i] / q->b[i], w = x[i + 1] / q->b[i + 1] - u * u;
		g[i] += q->a[i] * 20 * w * (-2 * u) / q->b[i];
		g[i + 1] += q->a[i] * 20 * w / q->b[i + 1];
	}
	if (q->bad >= 0)
		g[q->bad] = g[q->bad] * 1.01 + 0.5;
	return sc_value(ctx, x);
}

/* H v, with the Hessian of each term written out. */
static double sc_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	const sc *q = ctx;
	for (int i = 0; i < q->n; i++) {
		double u = x[i] / q->b[i];
		hv[i] = (2 * q->a[i] + 0.1 * exp(u)) / (q->b[i] * q->b[i]) * v[i];
	}
	for (int i = 0; i + 1 < q->n; i++) {
		double u = x[i] / q->b[i], w = x[i + 1] / q->b[i + 1] - u * u, k = 20 * q->a[i];
		double bi = q->b[i], bj = q->b[i + 1];
		double hii = k * (4 * u * u - 2 * w) / (bi * bi), hij = k * (-2 * u) / (bi * bj),
		       hjj = k / (bj * bj);
		hv[i] += hii * v[i] + hij * v[i + 1];
		hv[i + 1] += hij * v[i] + hjj * v[i + 1];
	}
	if (q->hbad >= 0)
		hv[q->hbad] *= 1.05;
	return sc_value(ctx, x);
}

static void sc_free(void *ctx)
{
	sc *q = ctx;
	free(q->a);
	free(q->b);
	free(q);
}

static const prob_ops sc_ops = {.value = sc_value, .grad = sc_grad, .hessvec = sc_hessvec,
                                .free = sc_free};

/* The problem and a point, with scales spread as `spread` decades (0: all 1). */
static prob *sc_make(int n, double spread, int bad, int hbad, double **x)
{
	sc *q = malloc(sizeof *q);
	assert_non_null(q);
	q->n = n, q->bad = bad, q->hbad = hbad;
	q->a = malloc((size_t)n * sizeof *q->a);
	q->b = malloc((size_t)n * sizeof *q->b);
	*x = malloc((size_t)n * sizeof **x);
	assert_true(q->a && q->b && *x);
	rng r;
	rng_seed(&r, 7);
	for (int i = 0; i < n; i++) {
		q->a[i] = pow(10, spread * (2 * rng_uniform(&r) - 1));
		q->b[i] = pow(10, 0.75 * spread * (2 * rng_uniform(&r) - 1));
		(*x)[i] = q->b[i] * (2 * rng_uniform(&r) - 1);
	}
	prob *p = prob_new("scaled", n, PROB_VALUE | PROB_GRAD | PROB_HESS, &sc_ops, q);
	assert_non_null(p);
	return p;
}

static void run_check(prob *p, const double *x, int hessian, dcheck_result *r)
{
	dcheck_opts o = {.seed = 1, .hessian = hessian, .maxcoords = 20000};
	char err[128];
	assert_int_equal(dcheck_run(p, x, &o, r, NULL, err, sizeof err), 0);
}

static void test_right_and_wrong(void **state)
{
	dcheck_result r;
	double *x;
	prob *p = sc_make(12, 0, -1, -1, &x);
	run_check(p, x, 1, &r);
	assert_true(fabs(r.grad.slope - 2) < 0.1);
	assert_true(dcheck_slope_ok(&r.grad, 2));
	assert_true(r.grad.relerr < 1e-8);
	assert_true(r.worst_rel < 1e-6 && r.worst_score <= 1);
	assert_true(dcheck_grad_ok(&r));
	assert_true(fabs(r.hess.slope - 3) < 0.1);
	assert_true(r.hess.relerr < 1e-6 && dcheck_hess_ok(&r));
	prob_free(p);
	free(x);

	p = sc_make(12, 0, 5, -1, &x);
	run_check(p, x, 0, &r);
	assert_true(fabs(r.grad.slope - 1) < 0.1);
	assert_false(dcheck_slope_ok(&r.grad, 2));
	assert_int_equal(r.worst, 5);
	assert_true(r.has_coord && fabs(r.coord.slope - 1) < 0.1);
	assert_true(r.worst_rel > 1e-3 && r.worst_score > 1);
	assert_false(dcheck_grad_ok(&r));
	prob_free(p);
	free(x);

	p = sc_make(12, 0, -1, 4, &x);
	run_check(p, x, 1, &r);
	assert_true(fabs(r.grad.slope - 2) < 0.1);
	assert_true(fabs(r.hess.slope - 2) < 0.1);
	assert_false(dcheck_slope_ok(&r.hess, 3));
	assert_false(dcheck_hess_ok(&r));
	assert_true(dcheck_grad_ok(&r));
	assert_int_equal(r.hworst, 4);
	prob_free(p);
	free(x);
}

/* 10^4 variables, weights over eight decades and coordinates over six: no false alarm,
 * and a single corrupted coordinate among them is found. */
static void test_badly_scaled(void **state)
{
	dcheck_result r;
	double *x;
	prob *p = sc_make(10000, 4, -1, -1, &x);
	run_check(p, x, 1, &r);
	assert_true(dcheck_grad_ok(&r));
	assert_true(fabs(r.grad.slope - 2) < 0.2);
	assert_int_equal(r.ncoords, 10000);
	assert_true(dcheck_hess_ok(&r));
	prob_free(p);
	free(x);

	p = sc_make(10000, 4, 1234, -1, &x);
	run_check(p, x, 0, &r);
	assert_int_equal(r.worst, 1234);
	assert_true(r.worst_rel > 1e-3);
	assert_false(dcheck_grad_ok(&r));
	assert_true(r.has_coord && fabs(r.coord.slope - 1) < 0.1);
	prob_free(p);
	free(x);
}

static void test_refusals(void **state)
{
	expr_error e;
	prob *p = prob_from_expr("p", "x^2 + y", NULL, &e);
	dcheck_result r;
	dcheck_opts o = {.seed = 1};
	char err[128];
	double x[2] = {1, 2};
	/* linear along y, quadratic along x: a clean slope 2 */
	assert_int_equal(dcheck_run(p, x, &o, &r, NULL, err, sizeof err), 0);
	assert_true(fabs(r.grad.slope - 2) < 0.05);
	prob_free(p);
	p = prob_from_expr("p", "3*x - y", NULL, &e);
	assert_int_equal(dcheck_run(p, x, &o, &r, NULL, err, sizeof err), 0);
	assert_true(r.grad.exact && dcheck_slope_ok(&r.grad, 2)); /* linear: no remainder */
	p->caps &= ~(unsigned)PROB_GRAD;
	assert_int_equal(dcheck_run(p, x, &o, &r, NULL, err, sizeof err), -1);
	assert_string_equal(err, "the problem has no gradient to check");
	prob_free(p);
	p = prob_from_expr("p", "log(x)", NULL, &e);
	x[0] = -1;
	assert_int_equal(dcheck_run(p, x, &o, &r, NULL, err, sizeof err), -1);
	assert_string_equal(err, "the value or the gradient is not finite at the point");
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_right_and_wrong),
		cmocka_unit_test(test_badly_scaled),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
