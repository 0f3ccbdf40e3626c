/* Gradients against central differences and closed forms; Hessians and
 * Hessian-vector products against differences of the gradient; the lane
 * interpreter against the reference one. */
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

/* Every function, reductions, indexed variables, nested and hoisted shapes. */
static const char *const srcs[] = {
	"x",
	"x + y",
	"x - y * z",
	"x * y * z",
	"x / y",
	"y / x / z",
	"-x^2",
	"x^3 + y^2",
	"x^2.5",
	"z^-1.5",
	"2^x",
	"e^y",
	"x^y",
	"z^(x*y)",
	"pow(z, y)",
	"sin(x)",
	"cos(x * y)",
	"tan(x)",
	"asin(x)",
	"acos(x)",
	"atan(y)",
	"atan2(y, x)",
	"atan2(x, y)",
	"sinh(y)",
	"cosh(x)",
	"tanh(y)",
	"exp(x + y)",
	"log(z)",
	"log2(z * x)",
	"log10(z)",
	"sqrt(z)",
	"cbrt(y)",
	"abs(y)",
	"sign(y) * x",
	"min(x, y)",
	"max(x, y, z)",
	"min(z, x, 3)",
	"hypot(x, y)",
	"sigmoid(y)",
	"softplus(x)",
	"softplus(-30 * x)",
	"logsumexp(x, y, z)",
	"logsumexp(x, 2 * y)",
	"(1 - x)^2 + 100 * (y - x^2)^2",
	"x * exp(-x^2 - y^2)",
	"sin(x) * cos(y) + sin(z)",
	"1 / (1 + x^2 + y^2)",
	"sqrt(1 + x^2 + y^2 + z^2)",
	"w[1] * w[2] + w[5]^2",
	"sum(i = 1, 5, w[i]^2)",
	"sum(i = 1, 5, i * w[i]^3)",
	"sum(i = 1, 4, 100*(w[i+1]-w[i]^2)^2 + (1-w[i])^2)",
	"sum(i = 2, 5, (w[i] - w[i-1])^2)",
	"sum(i = 1, 5, w[6 - i] * i)",
	"sum(i = 1, 5, sin(w[i]) * x)",
	"sum(i = 1, 5, (w[i] - y)^2) + z",
	"log(sum(i = 1, 5, w[i]^2))",
	"sqrt(sum(i = 1, 5, w[i]^2)) * x",
	"sum(i = 1, 5, w[i]) * sum(j = 1, 5, w[j]^2)",
	"prod(i = 1, 5, w[i])",
	"prod(i = 1, 3, w[i] + x)",
	"logsumexp(i = 1, 5, w[i])",
	"logsumexp(i = 1, 5, w[i] * x)",
	"sum(i = 1, 5, sum(j = 1, 5, w[i] * w[j] / (i + j)))",
	"sum(i = 1, 4, sum(j = i, 5, w[i] * w[j]))",
	"sum(i = 1, 3, prod(j = 1, 2, w[i] + w[j + 3]))",
	"sum(i = 1, 5, exp(w[i] * y) * w[i])",
	"sum(i = 1, 5, x * w[i] + y)",
	"sum(i = 1, 5, sigmoid(w[i]) + softplus(w[i]) + tanh(w[i]))",
	"sum(i = 1, 5, abs(w[i]) + max(w[i], 0))",
	"sum(i = 1, 5, logsumexp(w[i], x))",
	"sum(i = 1, 5, w[i]) + w[3] * sum(i = 1, 5, w[i])",
};
#define NSRC ((int)(sizeof srcs / sizeof srcs[0]))

static expr_tape *compile(const char *src)
{
	expr_error err;
	expr_tape *t = expr_compile(src, &opts, &err);
	if (!t)
		fail_msg("%s: %d:%d: %s", src, err.line, err.col, err.msg);
	return t;
}

static int close_to(double a, double b, double rel, double abs_)
{
	return fabs(a - b) <= abs_ + rel * fmax(fabs(a), fabs(b));
}

/* Gradient against central differences (step h, error O(h^2)). */
static void test_grad_fd(void **state)
{
	(void)state;
	assert_true(NSRC >= 60);
	for (int s = 0; s < NSRC; s++) {
		expr_tape *t = compile(srcs[s]);
		double g[N], gr[N], p[N];
		double f = expr_gradient(t, P0, g);
		double fr = expr_scalar_grad(t, P0, gr);
		assert_true(close_to(f, expr_value(t, P0), 1e-14, 0));
		for (int j = 0; j < N; j++) {
			memcpy(p, P0, sizeof p);
			double h = 1e-6 * fmax(1, fabs(P0[j]));
			p[j] = P0[j] + h;
			double fp = expr_value(t, p);
			p[j] = P0[j] - h;
			double fm = expr_value(t, p);
			double fd = (fp - fm) / (2 * h);
			if (!close_to(g[j], fd, 1e-6, 1e-7 * (1 + fabs(f))))
				fail_msg("%s: d/dx%d = %.12g, differences %.12g", srcs[s], j, g[j], fd);
			if (!close_to(g[j], gr[j], 1e-13, 1e-14))
				fail_msg("%s: lane %.17g, reference %.17g", srcs[s], g[j], gr[j]);
		}
		assert_true(close_to(f, fr, 1e-14, 0));
		expr_free(t);
	}
}

/* Hessian against differences of the gradient; H v against H times v. */
static void test_hessian_fd(void **state)
{
	(void)state;
	const double v[N] = {0.3, -0.2, 0.5, 1.0, -0.7, 0.1, 0.4, -0.9};
	for (int s = 0; s < NSRC; s++) {
		expr_tape *t = compile(srcs[s]);
		double H[N * N], hv[N], g[N], gp[N], gm[N], p[N];
		double f = expr_hessian(t, P0, H);
		assert_true(close_to(f, expr_value(t, P0), 1e-14, 0));
		for (int j = 0; j < N; j++) {
			memcpy(p, P0, sizeof p);
			double h = 1e-5 * fmax(1, fabs(P0[j]));
			p[j] = P0[j] + h;
			expr_gradient(t, p, gp);
			p[j] = P0[j] - h;
			expr_gradient(t, p, gm);
			for (int i = 0; i < N; i++) {
				double fd = (gp[i] - gm[i]) / (2 * h);
				if (!close_to(H[i * N + j], fd, 1e-5, 1e-5))
					fail_msg("%s: H[%d][%d] = %.12g, differences %.12g", srcs[s], i,
					         j, H[i * N + j], fd);
				assert_true(close_to(H[i * N + j], H[j * N + i], 1e-12, 1e-12));
			}
		}
		double fv = expr_hessvec(t, P0, v, g, hv);
		assert_true(close_to(fv, f, 1e-14, 0));
		double g0[N];
		expr_gradient(t, P0, g0);
		for (int i = 0; i < N; i++) {
			double want = 0;
			for (int j = 0; j < N; j++)
				want += H[i * N + j] * v[j];
			assert_true(close_to(hv[i], want, 1e-12, 1e-12));
			assert_true(close_to(g[i], g0[i], 1e-13, 1e-14));
		}
		/* g may be NULL */
		expr_hessvec(t, P0, v, NULL, hv);
		expr_free(t);
	}
}

/* Closed forms: gradient and Hessian of Rosenbrock, a quadratic, a product. */
static void test_closed_forms(void **state)
{
	(void)state;
	expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options o = {.vars = xy, .nvars = 2, .consts = NULL, .nconsts = 0};
	expr_tape *t = expr_compile("(1 - x)^2 + 100*(y - x^2)^2", &o, NULL);
	assert_non_null(t);
	double p[2] = {-1.2, 1}, g[2], H[4];
	double f = expr_gradient(t, p, g);
	double x = p[0], y = p[1];
	assert_true(close_to(f, (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x), 1e-15, 0));
	assert_true(close_to(g[0], -2 * (1 - x) - 400 * x * (y - x * x), 1e-15, 0));
	assert_true(close_to(g[1], 200 * (y - x * x), 1e-15, 0));
	expr_hessian(t, p, H);
	assert_true(close_to(H[0], 2 - 400 * y + 1200 * x * x, 1e-15, 0));
	assert_true(close_to(H[1], -400 * x, 1e-15, 0));
	assert_true(close_to(H[2], -400 * x, 1e-15, 0));
	assert_true(close_to(H[3], 200, 1e-15, 0));
	p[0] = 1;
	p[1] = 1;
	assert_true(expr_gradient(t, p, g) == 0 && g[0] == 0 && g[1] == 0);
	expr_free(t);

	/* sum of i * w[i]^2 over 1000 coordinates: g = 2 i w[i], H diagonal 2 i */
	enum { M = 1000 };
	expr_var wv = {"w", M};
	expr_options ow = {.vars = &wv, .nvars = 1, .consts = NULL, .nconsts = 0};
	t = expr_compile("sum(i = 1, 1000, i * w[i]^2) + w[1] * w[1000]", &ow, NULL);
	assert_non_null(t);
	static double w[M], gw[M], hv[M], v[M];
	for (int i = 0; i < M; i++) {
		w[i] = sin(i + 1.0);
		v[i] = cos(i * 0.5);
	}
	expr_gradient(t, w, gw);
	expr_hessvec(t, w, v, NULL, hv);
	for (int i = 1; i < M - 1; i++) {
		assert_true(close_to(gw[i], 2.0 * (i + 1) * w[i], 1e-15, 0));
		assert_true(close_to(hv[i], 2.0 * (i + 1) * v[i], 1e-15, 0));
	}
	assert_true(close_to(gw[0], 2.0 * w[0] + w[M - 1], 1e-15, 0));
	assert_true(close_to(hv[0], 2.0 * v[0] + v[M - 1], 1e-15, 0));
	assert_true(close_to(hv[M - 1], 2.0 * M * v[M - 1] + v[0], 1e-15, 0));
	expr_free(t);

	/* a product with a zero factor: only that factor has a nonzero derivative */
	t = compile("prod(i = 1, 5, w[i])");
	double q[N] = {0, 0, 0, 2, 0, 3, 4, 5}, gq[N], Hq[N * N];
	assert_true(expr_gradient(t, q, gq) == 0);
	assert_true(gq[4] == 2 * 3 * 4 * 5 && gq[3] == 0 && gq[5] == 0);
	expr_hessian(t, q, Hq);
	assert_true(Hq[4 * N + 3] == 3 * 4 * 5 && Hq[4 * N + 4] == 0 && Hq[3 * N + 5] == 0);
	expr_free(t);
}

/* The documented subgradients at kinks. */
static void test_kinks(void **state)
{
	(void)state;
	expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options o = {.vars = xy, .nvars = 2, .consts = NULL, .nconsts = 0};
	struct {
		const char *src;
		double x, y, gx, gy;
	} rows[] = {
		{"abs(x)", 0, 0, 0, 0},       {"abs(x)", -2, 0, -1, 0},
		{"min(x, y)", 1, 1, 1, 0},    {"max(x, y)", 1, 1, 1, 0},
		{"max(y, x)", 1, 1, 0, 1},    {"sign(x)", 0, 0, 0, 0},
		{"hypot(x, y)", 0, 0, 0, 0},  {"min(x, y)", 1, 2, 1, 0},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		expr_tape *t = expr_compile(rows[k].src, &o, NULL);
		double p[2] = {rows[k].x, rows[k].y}, g[2];
		assert_non_null(t);
		expr_gradient(t, p, g);
		if (g[0] != rows[k].gx || g[1] != rows[k].gy)
			fail_msg("%s at (%g, %g): (%g, %g)", rows[k].src, p[0], p[1], g[0], g[1]);
		expr_free(t);
	}
}

/* Domain errors are values, not traps; the caller sees them. */
static void test_domain(void **state)
{
	(void)state;
	expr_var xv[] = {{"x", 0}};
	expr_options o = {.vars = xv, .nvars = 1, .consts = NULL, .nconsts = 0};
	const char *srcs2[] = {"log(x)", "sqrt(x)", "1 / (x + 1)", "x^0.5", "asin(x - 1)"};
	for (size_t k = 0; k < sizeof srcs2 / sizeof srcs2[0]; k++) {
		expr_tape *t = expr_compile(srcs2[k], &o, NULL);
		double p = -1, g, h, hv, v = 1;
		assert_non_null(t);
		assert_false(isfinite(expr_gradient(t, &p, &g)) && isfinite(g));
		expr_hessian(t, &p, &h);
		expr_hessvec(t, &p, &v, NULL, &hv);
		expr_free(t);
	}
}

/* Forward mode: one tangent sweep gives grad f . v, the reverse gradient dotted with v,
 * to 1e-12, along seeded random directions; f from the same sweep. */
static void test_dirderiv(void **state)
{
	(void)state;
	uint64_t seed = 12345;
	for (int s = 0; s < NSRC; s++) {
		expr_tape *t = compile(srcs[s]);
		for (int rep = 0; rep < 3; rep++) {
			double v[N], g[N], df, dot = 0, scale = 0;
			for (int j = 0; j < N; j++) { /* a splitmix-style direction in (-1, 1) */
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				v[j] = (double)(seed >> 11) / 9007199254740992.0 * 2 - 1;
			}
			double f = expr_gradient(t, P0, g);
			double fd = expr_dirderiv(t, P0, v, &df);
			for (int j = 0; j < N; j++) {
				dot += g[j] * v[j];
				scale += fabs(g[j] * v[j]);
			}
			if (!close_to(fd, f, 1e-15, 0))
				fail_msg("%s: f %.17g forward, %.17g reverse", srcs[s], fd, f);
			if (!(fabs(df - dot) <= 1e-12 * (1 + scale)))
				fail_msg("%s: forward %.17g, reverse . v %.17g", srcs[s], df, dot);
		}
		expr_free(t);
	}
	/* where f is NaN the directional derivative is too */
	expr_tape *t = compile("log(x - 5) + y");
	double v[N] = {1, 1}, df;
	assert_true(isnan(expr_dirderiv(t, P0, v, &df)) && isnan(df));
	expr_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grad_fd),      cmocka_unit_test(test_hessian_fd),
		cmocka_unit_test(test_closed_forms), cmocka_unit_test(test_kinks),
		cmocka_unit_test(test_domain),       cmocka_unit_test(test_dirderiv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
