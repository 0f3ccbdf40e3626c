/* linesearch: Armijo and strong Wolfe accept steps that satisfy their conditions,
 * count their calls and record probes; the exact step minimizes a quadratic along d;
 * refusals and failures are reported. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "linesearch.h"
#include "testprob.h"

/* Rosenbrock by hand, so that this test needs no expression compiler. */
static double rb_value(void *ctx, const double *x)
{
	return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
}

static double rb_grad(void *ctx, const double *x, double *g)
{
	double r = x[1] - x[0] * x[0];
	g[0] = -400 * x[0] * r - 2 * (1 - x[0]);
	g[1] = 200 * r;
	return rb_value(ctx, x);
}

static const prob_ops rb_ops = {.value = rb_value, .grad = rb_grad};

typedef struct fixture {
	prob *p;
	oracle o;
	meth_ctx c;
} fixture;

static void fix_init(fixture *fx, prob *p)
{
	memset(fx, 0, sizeof *fx);
	fx->p = p;
	fx->o.p = p;
	fx->c.n = p->n;
	fx->c.o = &fx->o;
}

static void fix_free(fixture *fx)
{
	free(fx->c.probes);
	prob_free(fx->p);
}

static prob *rosen(void)
{
	return prob_new("rb", 2, PROB_VALUE | PROB_GRAD, &rb_ops, NULL);
}

static prob *quad(void)
{
	static const double a[] = {1, 50}, c[] = {0, 0};
	return tp_new("q", 2, a, c, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 1);
}

typedef struct ls_case {
	int rosenbrock; /* else the quadratic */
	double x[2];
	double t0, c1, c2;
	int steepest; /* d = -g, else d = -(g0, 0) */
} ls_case;

static const ls_case cases[] = {
    {1, {-1.2, 1}, 1, 1e-4, 0.9, 1},    /* far too long: backtrack / zoom */
    {1, {-1.2, 1}, 1e-6, 1e-4, 0.9, 1}, /* far too short: Wolfe grows */
    {1, {-1.2, 1}, 1e-3, 1e-4, 0.1, 1}, /* tight curvature, as for CG */
    {1, {0.5, -0.3}, 1, 0.3, 0.4, 1},
    {1, {2, 2}, 0.01, 1e-4, 0.9, 0},
    {0, {1, 1}, 1, 1e-4, 0.9, 1},
    {0, {1, 1}, 0.02, 1e-4, 0.5, 1}, /* the exact minimizer along -g is about 0.0204 */
    {0, {-3, 0.1}, 100, 0.25, 0.3, 0},
};

static void direction(const ls_case *k, const double *g, double *d)
{
	d[0] = -g[0];
	d[1] = k->steepest ? -g[1] : 0;
}

static void test_armijo(void **state)
{
	ls_opts o;
	ls_opts_default(&o);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const ls_case *k = &cases[i];
		fixture fx;
		fix_init(&fx, k->rosenbrock ? rosen() : quad());
		double g[2], d[2], xnew[2];
		double f = fx.p->ops->grad(fx.p->ctx, k->x, g);
		direction(k, g, d);
		o.c1 = k->c1;
		ls_out out;
		assert_int_equal(ls_armijo(&fx.c, k->x, f, g, d, k->t0, &o, xnew, &out), LS_OK);
		double dg = g[0] * d[0] + g[1] * d[1];
		assert_true(out.t > 0 && out.t <= k->t0);
		assert_true(ls_armijo_holds(f, dg, out.t, out.f, k->c1));
		assert_true(xnew[0] == k->x[0] + out.t * d[0] && xnew[1] == k->x[1] + out.t * d[1]);
		assert_true(out.f == fx.p->ops->value(fx.p->ctx, xnew));
		if (out.t < k->t0) { /* the trial before failed the test: t is the largest tried */
			double t = out.t / o.shrink,
			       xt[2] = {k->x[0] + t * d[0], k->x[1] + t * d[1]};
			assert_false(
			    ls_armijo_holds(f, dg, t, fx.p->ops->value(fx.p->ctx, xt), k->c1));
		}
		assert_int_equal(fx.o.nf, out.nevals);
		assert_int_equal(fx.o.ng, 0);
		assert_int_equal(fx.c.nprobe, out.nevals);
		fix_free(&fx);
	}
}

static void test_wolfe(void **state)
{
	ls_opts o;
	ls_opts_default(&o);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const ls_case *k = &cases[i];
		fixture fx;
		fix_init(&fx, k->rosenbrock ? rosen() : quad());
		double g[2], d[2], xnew[2], gnew[2], gchk[2];
		double f = fx.p->ops->grad(fx.p->ctx, k->x, g);
		direction(k, g, d);
		o.c1 = k->c1;
		o.c2 = k->c2;
		ls_out out;
		int st = ls_wolfe(&fx.c, k->x, f, g, d, k->t0, &o, xnew, gnew, &out);
		assert_int_equal(st, LS_OK);
		double dg0 = g[0] * d[0] + g[1] * d[1], dg1 = gnew[0] * d[0] + gnew[1] * d[1];
		assert_true(ls_wolfe_holds(f, dg0, out.t, out.f, dg1, k->c1, k->c2));
		assert_true(out.dg == dg1);
		assert_true(out.f == fx.p->ops->grad(fx.p->ctx, xnew, gchk));
		assert_true(gchk[0] == gnew[0] && gchk[1] == gnew[1]);
		assert_int_equal(fx.o.ng, out.nevals);
		assert_int_equal(fx.c.nprobe, out.nevals);
		assert_true(out.nevals <= o.maxeval);
		fix_free(&fx);
	}
}

static void test_not_descent_and_budget(void **state)
{
	ls_opts o;
	ls_opts_default(&o);
	fixture fx;
	fix_init(&fx, rosen());
	double x[2] = {-1.2, 1}, g[2], d[2], xnew[2], gnew[2];
	double f = rb_grad(NULL, x, g);
	d[0] = g[0];
	d[1] = g[1]; /* uphill */
	ls_out out;
	assert_int_equal(ls_armijo(&fx.c, x, f, g, d, 1, &o, xnew, &out), LS_NOT_DESCENT);
	assert_int_equal(ls_wolfe(&fx.c, x, f, g, d, 1, &o, xnew, gnew, &out), LS_NOT_DESCENT);
	assert_true(out.t == 0 && out.nevals == 0 && fx.o.nf == 0);
	d[0] = -g[0];
	d[1] = -g[1];
	o.maxeval = 3; /* 1, 0.5, 0.25 are all far too long along -g at (-1.2, 1) */
	assert_int_equal(ls_armijo(&fx.c, x, f, g, d, 1, &o, xnew, &out), LS_MAXEVAL);
	assert_true(out.t == 0 && out.nevals == 3);
	assert_string_equal(ls_status_name(LS_MAXEVAL),
	                    "no acceptable step within the evaluation budget");
	fix_free(&fx);
}

/* On f = 1/2 (x^2 + 50 y^2), the exact step makes the new gradient orthogonal to d. */
static void test_exact(void **state)
{
	fixture fx;
	fix_init(&fx, quad());
	double x[2] = {1, 1}, g[2], d[2], hd[2], t;
	fx.p->ops->grad(fx.p->ctx, x, g);
	d[0] = -g[0];
	d[1] = -g[1];
	assert_int_equal(ls_exact(&fx.c, x, g, d, hd, &t), LS_OK);
	assert_true(fabs(t - 2501.0 / 125001.0) < 1e-16); /* g'g / g'Hg = (1+2500)/(1+125000) */
	double xn[2] = {x[0] + t * d[0], x[1] + t * d[1]}, gn[2];
	fx.p->ops->grad(fx.p->ctx, xn, gn);
	assert_true(fabs(gn[0] * d[0] + gn[1] * d[1]) < 1e-12);
	assert_int_equal(fx.o.nh, 1);
	assert_int_equal(ls_exact(&fx.c, x, g, g, hd, &t), LS_NOT_DESCENT);
	assert_true(t == 0);
	fix_free(&fx);
	/* 1/2 (x^2 - y^2) from (1, 1) along -g = (-1, 1): d'Hd = 0 */
	static const double a[] = {1, -1}, c[] = {0, 0};
	fix_init(&fx, tp_new("saddle", 2, a, c, 0, PROB_VALUE | PROB_GRAD | PROB_HESS, 0));
	fx.p->ops->grad(fx.p->ctx, x, g);
	d[0] = -g[0];
	d[1] = -g[1];
	assert_int_equal(ls_exact(&fx.c, x, g, d, hd, &t), LS_NOT_CONVEX);
	fix_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_armijo),
	    cmocka_unit_test(test_wolfe),
	    cmocka_unit_test(test_not_descent_and_budget),
	    cmocka_unit_test(test_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
