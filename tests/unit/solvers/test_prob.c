/* prob and oracle: expression problems (caps, names, values, errors), copies that
 * share nothing, known answers and distances, capability names, counted calls. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testprob.h"

/* Least squares read from the expression: written-out squares with constant factors
 * (residuals sqrt(c) e), a sum(...) of squares, and shapes that are not sums of squares
 * (a fourth power, a subtracted square) offering none. Residuals and Jacobian rows
 * against their closed forms at (2, 3). */
static void test_lsq_shapes(void **state)
{
	(void)state;
	static const struct {
		const char *f;
		long m;
		double r[3], jac[6]; /* at (x, y) = (2, 3) */
	} cases[] = {
	    {"(1 - x)^2 + 100*(y - x^2)^2", 2, {-1, -10}, {-1, 0, -40, 10}},
	    {"(x)^2/4 + ((y - 1)^2 + 0.25*(x*y)^2)", 3, {1, 2, 3}, {0.5, 0, 0, 1, 1.5, 1}},
	    {"sum(i = 1, 3, (x - i*y)^2)", 3, {-1, -4, -7}, {1, -1, 1, -2, 1, -3}},
	    {"x^4 + y^2", 0, {0}, {0}},
	    {"(x - 1)^2 - (y)^2", 0, {0}, {0}},
	    {"-1*(x)^2 + (y)^2", 0, {0}, {0}},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		expr_error e;
		prob *p = prob_from_expr("p", cases[k].f, NULL, &e);
		assert_non_null(p);
		long m = cases[k].m;
		assert_int_equal(!!(p->caps & PROB_LSQ), m > 0);
		if (m > 0) {
			assert_int_equal(p->lsq_m, m);
			double x[2] = {2, 3}, r[3], jac[6];
			double f = p->lsq->jac(p->ctx, x, r, jac), s = 0;
			for (long i = 0; i < m; i++) {
				assert_true(fabs(r[i] - cases[k].r[i]) <= 1e-14);
				for (int j = 0; j < 2; j++)
					assert_true(fabs(jac[i * 2 + j] - cases[k].jac[i * 2 + j]) <= 1e-14);
				s += r[i] * r[i];
			}
			assert_true(fabs(f - s) <= 1e-12 * s);
			assert_true(fabs(p->ops->value(p->ctx, x) - s) <= 1e-12 * s);
		}
		prob_free(p);
	}
}

static void test_from_expr(void **state)
{
	expr_error e;
	prob *p = prob_from_expr("p", "(x - 1)^2 + (y + 2)^2", NULL, &e);
	assert_non_null(p);
	assert_int_equal(p->n, 2);
	/* a sum of squares written out offers its residuals x - 1, y + 2 */
	assert_int_equal(p->caps, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_LSQ);
	assert_int_equal(p->lsq_m, 2);
	double xr[2] = {3, 5}, r[2], jac[4];
	assert_true(p->lsq->resid(p->ctx, xr, r) == 2 * 2 + 7 * 7);
	assert_true(r[0] == 2 && r[1] == 7);
	p->lsq->jac(p->ctx, xr, r, jac);
	assert_true(jac[0] == 1 && jac[1] == 0 && jac[2] == 0 && jac[3] == 1);
	assert_string_equal(p->name, "p");
	assert_string_equal(p->desc, "(x - 1)^2 + (y + 2)^2");
	assert_true(p->x0[0] == 0 && p->x0[1] == 0);
	assert_true(p->view[0] == -2 && p->view[1] == 2 && p->view[2] == -2 && p->view[3] == 2);
	assert_true(isnan(p->fstar) && p->nsol == 0);
	char buf[16];
	prob_coord_name(p, 0, buf, sizeof buf);
	assert_string_equal(buf, "x");
	prob_coord_name(p, 1, buf, sizeof buf);
	assert_string_equal(buf, "y");
	double x[2] = {0, 0}, g[2], v[2] = {1, -1}, hv[2], h[4];
	assert_true(p->ops->value(p->ctx, x) == 5);
	assert_true(p->ops->grad(p->ctx, x, g) == 5);
	assert_true(g[0] == -2 && g[1] == 4);
	p->ops->hessvec(p->ctx, x, v, hv);
	assert_true(hv[0] == 2 && hv[1] == -2);
	p->ops->hess(p->ctx, x, h);
	assert_true(h[0] == 2 && h[1] == 0 && h[2] == 0 && h[3] == 2);
	/* a grid row: y broadcast by stride 0 */
	double xs[3] = {0, 1, 2}, ys = -2, out[3];
	const double *cols[2] = {xs, &ys};
	int strides[2] = {1, 0};
	p->ops->batch(p->ctx, 3, cols, strides, out);
	assert_true(out[0] == 1 && out[1] == 0 && out[2] == 1);
	assert_true(isnan(prob_dist_to_sol(p, x)));
	prob_free(p);
}

static void test_from_expr_errors(void **state)
{
	expr_error e = {0};
	assert_null(prob_from_expr("bad", "x +* y", NULL, &e));
	assert_true(e.line == 1 && e.col >= 1 && e.msg[0]);
	expr_options none = {.vars = NULL, .nvars = 0};
	static const expr_var v[] = {{"x", 0}};
	none.vars = v; /* declared x only: y is an unknown name */
	none.nvars = 1;
	assert_null(prob_from_expr("bad", "x + y", &none, &e));
	assert_true(e.msg[0] != 0);
	assert_null(prob_from_expr("const", "1 + 2", NULL, &e));
	assert_string_equal(e.msg, "the expression has no variables to minimize over");
}

static void test_indexed_names(void **state)
{
	static const expr_var v[] = {{"a", 0}, {"x", 3}};
	expr_options opt = {.vars = v, .nvars = 2};
	expr_error e;
	prob *p = prob_from_expr("ix", "a^2 + sum(i = 1, 3, (x[i] - i)^2)", &opt, &e);
	if (!p)
		fail_msg("%s", e.msg);
	assert_int_equal(p->n, 4);
	char buf[16];
	prob_coord_name(p, 0, buf, sizeof buf);
	assert_string_equal(buf, "a");
	prob_coord_name(p, 3, buf, sizeof buf);
	assert_string_equal(buf, "x[3]");
	double xs[4] = {0, 1, 2, 3};
	prob_set_solutions(p, 1, xs, 0);
	double x[4] = {0, 1, 2, 7};
	assert_true(prob_dist_to_sol(p, x) == 4);
	assert_true(p->ops->value(p->ctx, xs) == 0);
	prob_free(p);
}

/* A clone has its own tape and copies of every array: freeing the original first
 * leaves it whole (ASan checks the rest). */
static void test_clone(void **state)
{
	expr_error e;
	prob *p = prob_from_expr("p", "x^2 + 3*y", NULL, &e);
	static const double xs[4] = {0, 0, 1, 1};
	prob_set_solutions(p, 2, xs, -1);
	p->x0[0] = 4;
	prob *q = prob_clone(p);
	assert_non_null(q);
	assert_ptr_not_equal(q->ctx, p->ctx);
	assert_ptr_equal(q->tape, q->ctx);
	assert_ptr_not_equal(q->xstar, p->xstar);
	prob_free(p);
	double x[2] = {2, 1};
	assert_true(q->ops->value(q->ctx, x) == 7);
	assert_true(q->x0[0] == 4 && q->nsol == 2 && q->fstar == -1);
	assert_string_equal(q->name, "p");
	assert_true(prob_dist_to_sol(q, x) == 1); /* nearest of the two: (1, 1) */
	char buf[8];
	prob_coord_name(q, 1, buf, sizeof buf);
	assert_string_equal(buf, "y");
	prob_free(q);
}

static void test_hand_written(void **state)
{
	static const double a[] = {1, 1, 1}, c[] = {1, 2, 3};
	prob *p = tp_new("hw", 3, a, c, 0, PROB_VALUE | PROB_GRAD, 1);
	char buf[8];
	prob_coord_name(p, 2, buf, sizeof buf);
	assert_string_equal(buf, "x3");
	assert_true(prob_dist_to_sol(p, c) == 0);
	prob *q = prob_clone(p);
	assert_non_null(q);
	prob_free(p);
	assert_true(q->ops->value(q->ctx, c) == 0);
	prob_free(q);
}

/* Own names override the default; a NULL entry keeps it; copies own their names. */
static void test_coord_names(void **state)
{
	(void)state;
	static const double a[] = {1, 1, 1}, c[] = {1, 2, 3};
	prob *p = tp_new("hw", 3, a, c, 0, PROB_VALUE | PROB_GRAD, 1);
	const char *names[3] = {"age", NULL, "income"};
	assert_int_equal(prob_set_coord_names(p, names), 0);
	prob *q = prob_clone(p);
	assert_non_null(q);
	assert_ptr_not_equal(q->names, p->names);
	prob_free(p);
	char buf[8];
	const char *want[3] = {"age", "x2", "income"};
	for (int i = 0; i < 3; i++) {
		prob_coord_name(q, i, buf, sizeof buf);
		assert_string_equal(buf, want[i]);
	}
	prob_coord_name(q, 3, buf, sizeof buf); /* out of range: the default */
	assert_string_equal(buf, "x4");
	const char *renamed[3] = {NULL, "b", NULL}; /* a second call replaces the first */
	assert_int_equal(prob_set_coord_names(q, renamed), 0);
	prob_coord_name(q, 0, buf, sizeof buf);
	assert_string_equal(buf, "x1");
	prob_coord_name(q, 1, buf, sizeof buf);
	assert_string_equal(buf, "b");
	prob_free(q);
	/* without a clone function, a problem with a ctx cannot be copied */
	static const prob_ops noclone = {.value = tp_value, .free = free};
	p = prob_new("nc", 1, PROB_VALUE, &noclone, calloc(1, sizeof(tp_quad)));
	assert_null(prob_clone(p));
	prob_free(p);
}

static void test_cap_names(void **state)
{
	assert_string_equal(prob_cap_name(PROB_GRAD), "gradient");
	assert_string_equal(prob_cap_name(PROB_HESS), "hessian");
	assert_string_equal(prob_cap_name(PROB_PROX), "prox");
	assert_string_equal(prob_cap_name(PROB_BILEVEL), "bilevel");
	assert_string_equal(prob_cap_name(3), "?");
}

static void test_oracle_counts(void **state)
{
	prob *p = tp_contract();
	oracle o = {.p = p};
	double x[2] = {0, 0}, g[2], h[4], v[2] = {1, 0};
	assert_true(oracle_value(&o, x) == 5);
	assert_true(oracle_grad(&o, x, g) == 5);
	oracle_hessvec(&o, x, v, g);
	oracle_hess(&o, x, h);
	assert_int_equal(o.nf, 2);
	assert_int_equal(o.ng, 1);
	assert_int_equal(o.nh, 2);
	assert_int_equal(o.nprox, 0);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_from_expr), cmocka_unit_test(test_lsq_shapes),
	    cmocka_unit_test(test_from_expr_errors),
	    cmocka_unit_test(test_indexed_names), cmocka_unit_test(test_clone),
	    cmocka_unit_test(test_hand_written),  cmocka_unit_test(test_cap_names),
	    cmocka_unit_test(test_oracle_counts), cmocka_unit_test(test_coord_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
