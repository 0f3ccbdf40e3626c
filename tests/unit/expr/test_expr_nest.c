/* Reductions hoisted out of enclosing ones (their body uses none of the
 * enclosing indices), empty ranges, unused indices, nested reductions over
 * constants: values against closed forms (an empty sum is 0, an empty prod 1),
 * gradients and Hessians against finite differences, the lane interpreter
 * against the reference one. The first row is a fuzzer find: the hoisted inner
 * sum left its block open in place of the outer one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "expr_int.h" /* the reference interpreter, to check the fast one */

enum { N = 8 };
static const expr_var vars[] = {{"x", 0}, {"y", 0}, {"z", 0}, {"w", 5}};
static const expr_options opts = {.vars = vars, .nvars = 4, .consts = NULL, .nconsts = 0};
static const double P0[N] = {0.7, -1.3, 2.1, 0.5, -1.0, 2.0, 0.25, 3.0};
#define X P0[0]
#define Y P0[1]
#define Z P0[2]
#define W(i) P0[2 + (i)]

typedef struct nrow {
	const char *src;
	double want;
} nrow;

static expr_tape *compile(const char *src, const expr_options *o)
{
	expr_error err;
	expr_tape *t = expr_compile(src, o, &err);
	if (!t)
		fail_msg("%s: %d:%d: %s", src, err.line, err.col, err.msg);
	return t;
}

static int close_to(double a, double b, double rel, double abs_)
{
	return a == b || fabs(a - b) <= abs_ + rel * fmax(fabs(a), fabs(b));
}

static const char *const found[] = {
	/* fuzz_expr, minimized: heap-buffer-overflow in count_uses */
	"(-sum(i2=2, 3, sum(jj= 5, 3,m)))",
	"sum(i2=2, 3, sum(jj= 5, 3,m)) + m",
	"sum(i=2, 3, sum(j=1, 3, m))",
	"sum(i=1, 2, sum(j=1, 2, sum(k=1, 2, m * q)))",
};

/* The fuzzer's input with free names: m (and q) at 1.5 (and -0.5). */
static void test_found(void **state)
{
	(void)state;
	const double want[] = {0, 1.5, 6 * 1.5, 8 * 1.5 * -0.5};
	for (size_t s = 0; s < sizeof found / sizeof found[0]; s++) {
		expr_tape *t = compile(found[s], NULL);
		double x[2] = {1.5, -0.5}, g[2] = {7, 7}, gr[2] = {7, 7};
		int n = expr_dim(t);
		double f = expr_gradient(t, x, g);
		if (!close_to(f, want[s], 1e-14, 0))
			fail_msg("%s = %.17g, want %.17g", found[s], f, want[s]);
		assert_true(close_to(expr_scalar_grad(t, x, gr), f, 1e-14, 0));
		for (int j = 0; j < n; j++) {
			double h = 1e-6, xp[2] = {x[0], x[1]}, xm[2] = {x[0], x[1]};
			xp[j] += h;
			xm[j] -= h;
			double fd = (expr_value(t, xp) - expr_value(t, xm)) / (2 * h);
			if (!close_to(g[j], fd, 1e-6, 1e-8))
				fail_msg("%s: d/dx%d = %.12g, differences %.12g", found[s], j, g[j], fd);
			assert_true(close_to(g[j], gr[j], 1e-13, 1e-14));
		}
		expr_free(t);
	}
}

static void test_values(void **state)
{
	(void)state;
	double sw = 0, sw13 = 0;
	for (int i = 1; i <= 5; i++)
		sw += W(i);
	for (int i = 1; i <= 3; i++)
		sw13 += W(i);
	const nrow rows[] = {
		{"-sum(i = 2, 3, sum(j = 5, 3, x))", 0},
		{"sum(i = 2, 3, sum(j = 5, 3, x)) + x", X},
		{"sum(i = 5, 3, x)", 0},
		{"prod(i = 5, 3, x)", 1},
		{"sum(i = 5, 3, w[i])", 0},
		{"prod(i = 5, 3, w[i])", 1},
		{"sum(i = 2, 3, prod(j = 5, 3, x))", 2},
		{"prod(i = 2, 3, prod(j = 5, 3, x) + x)", (1 + X) * (1 + X)},
		{"prod(i = 1, 2, sum(j = 4, 3, x) + y)", Y * Y},
		{"sum(i = 1, 3, x)", 3 * X},
		{"prod(i = 1, 3, y)", Y * Y * Y},
		{"sum(i = 1, 3, sum(j = 1, 2, x))", 6 * X},
		{"sum(i = 1, 3, sum(j = 1, 4, y * x))", 12 * X * Y},
		{"prod(i = 1, 3, sum(j = 1, 2, x))", 8 * X * X * X},
		{"sum(i = 1, 2, sum(j = 1, 3, 2))", 12},
		{"sum(i = 1, 2, prod(j = 1, 3, 2))", 16},
		{"prod(i = 1, 2, sum(j = 1, 3, 2))", 36},
		{"sum(i = 1, 2, sum(j = 1, 3, sum(k = 1, 4, x)))", 24 * X},
		{"sum(i = 1, 5, w[i] + sum(j = 1, 2, x))", sw + 10 * X},
		{"sum(i = 1, 3, sum(j = 1, 2, w[i] * sum(k = 1, 4, y)))", 2 * sw13 * 4 * Y},
		{"sum(i = 1, 3, sum(j = 1, 2, w[i] * sum(k = 4, 1, y)))", 0},
		{"sum(i = 1, 3, sum(j = i, 3, sum(k = 7, 2, x) + w[j]))",
		 W(1) + 2 * W(2) + 3 * W(3)},
		{"sum(i = 1, 3, sum(j = i + 2, 3, x))", X},
		{"sum(i = 1, 2, sum(j = 1, 3, sum(k = 1, 2, z) * w[j]))", 2 * 2 * Z * sw13},
		{"sum(i = 1, 2, logsumexp(j = 1, 3, x))", 2 * (X + log(3))},
		{"sum(i = 1, 2, z * sum(j = 3, 2, y) + sum(j = 1, 2, y))", 4 * Y},
		{"sum(i = 1, 2, x) * sum(i = 1, 3, sum(j = 9, 1, y))", 0},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		expr_tape *t = compile(rows[k].src, &opts);
		double f = expr_value(t, P0), fr = expr_scalar_value(t, P0);
		if (!close_to(f, rows[k].want, 1e-13, 0))
			fail_msg("%s = %.17g, want %.17g", rows[k].src, f, rows[k].want);
		if (!close_to(fr, rows[k].want, 1e-13, 0))
			fail_msg("%s: reference %.17g, want %.17g", rows[k].src, fr, rows[k].want);
		/* batch values at two points, the second P0 with x doubled */
		double xs[2] = {X, 2 * X}, out[2];
		const double *cols[N];
		int strides[N];
		for (int j = 0; j < N; j++) {
			cols[j] = j ? &P0[j] : xs;
			strides[j] = j ? 0 : 1;
		}
		expr_value_batch(t, 2, cols, strides, out);
		double p[N];
		memcpy(p, P0, sizeof p);
		p[0] = 2 * X;
		assert_true(close_to(out[0], f, 1e-14, 0));
		assert_true(close_to(out[1], expr_value(t, p), 1e-14, 0));
		expr_free(t);
	}
}

/* Gradients and Hessians of the same shapes against differences. */
static const char *const grads[] = {
	"-sum(i = 2, 3, sum(j = 5, 3, x))",
	"sum(i = 2, 3, sum(j = 5, 3, x^2)) + x * y",
	"sum(i = 1, 3, x^2 * y)",
	"prod(i = 1, 3, sum(j = 1, 2, x))",
	"sum(i = 1, 3, sum(j = 1, 4, y * x))",
	"sum(i = 1, 2, sum(j = 1, 3, sum(k = 1, 4, x * z)))",
	"sum(i = 1, 5, w[i]^2 + sum(j = 1, 2, x * y))",
	"sum(i = 1, 3, sum(j = 1, 2, w[i] * sum(k = 1, 4, y^2)))",
	"sum(i = 1, 3, sum(j = i, 3, sum(k = 7, 2, x) + w[j]^2))",
	"sum(i = 1, 2, sum(j = 1, 3, sum(k = 1, 2, z) * w[j]))",
	"sum(i = 1, 2, logsumexp(j = 1, 3, x * w[j]))",
	"prod(i = 1, 2, sum(j = 4, 3, x) + y)",
	"sum(i = 1, 2, z * sum(j = 3, 2, y) + sum(j = 1, 2, y * z))",
};

static void test_derivatives(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof grads / sizeof grads[0]; s++) {
		expr_tape *t = compile(grads[s], &opts);
		double g[N], gr[N], p[N], h2[N * N], gp[N], gm[N];
		double f = expr_gradient(t, P0, g);
		assert_true(close_to(expr_scalar_grad(t, P0, gr), f, 1e-14, 0));
		assert_true(close_to(expr_hessian(t, P0, h2), f, 1e-14, 0));
		for (int j = 0; j < N; j++) {
			double h = 1e-6 * fmax(1, fabs(P0[j]));
			memcpy(p, P0, sizeof p);
			p[j] = P0[j] + h;
			double fp = expr_value(t, p);
			expr_gradient(t, p, gp);
			p[j] = P0[j] - h;
			double fm = expr_value(t, p);
			expr_gradient(t, p, gm);
			double fd = (fp - fm) / (2 * h);
			if (!close_to(g[j], fd, 1e-6, 1e-7 * (1 + fabs(f))))
				fail_msg("%s: d/dx%d = %.12g, differences %.12g", grads[s], j, g[j], fd);
			if (!close_to(g[j], gr[j], 1e-13, 1e-14))
				fail_msg("%s: lane %.17g, reference %.17g", grads[s], g[j], gr[j]);
			for (int i = 0; i < N; i++) {
				double hd = (gp[i] - gm[i]) / (2 * h);
				if (!close_to(h2[i * N + j], hd, 1e-5, 1e-6 * (1 + fabs(f))))
					fail_msg("%s: H[%d][%d] = %.12g, differences %.12g", grads[s], i, j,
					         h2[i * N + j], hd);
			}
		}
		expr_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_derivatives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
