/* problib: every library problem's formula at known points, its listed minimizers
 * (gradient ~ 0, f = f*, nothing lower nearby), its derivatives against central
 * differences at random points, batch and clone against the value, the quadratic's
 * spectrum, names, aliases and parameter checks. */
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

static prob *make(const char *name, int n)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	if (n > 0)
		v[param_find(e->params, e->nparams, "n")] = n;
	char err[256] = "";
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

/* Every problem in every dimension the tests visit: the n-dimensional ones at 2 and 5. */
typedef struct visit {
	const char *name;
	int n; /* 0: fixed dimension */
} visit;

static const visit visits[] = {
    {"rosenbrock", 2},     {"rosenbrock", 5},     {"himmelblau", 0},     {"beale", 0},
    {"booth", 0},          {"matyas", 0},         {"threehump", 0},      {"mccormick", 0},
    {"goldsteinprice", 0}, {"rastrigin", 2},      {"rastrigin", 5},      {"ackley", 2},
    {"ackley", 5},         {"styblinskitang", 2}, {"styblinskitang", 5}, {"quadratic", 2},
    {"quadratic", 6},      {"branin", 0},         {"sixhumpcamel", 0},
};

/* Values worked out by hand from the published formulas. */
static const struct {
	const char *name;
	double x, y, f;
} known[] = {
    {"rosenbrock", -1.2, 1, 24.2}, {"himmelblau", 0, 0, 170},
    {"beale", 0, 0, 14.203125},    {"booth", 0, 0, 74},
    {"matyas", 1, 1, 0.04},        {"threehump", 1, 1, 3.1166666666666667},
    {"mccormick", 0, 0, 1},        {"goldsteinprice", 0, 0, 600},
    {"branin", 0, 0, 56 - 10 / (8 * M_PI)}, {"sixhumpcamel", 1, 1, 4 - 2.1 + 1.0 / 3 + 1},
    {"rastrigin", 1, 1, 2},        {"ackley", 1, 1, 3.6253849384403627}, /* 20 - 20 exp(-0.2) */
    {"styblinskitang", 1, 1, -10}, {"quadratic", 1, 1, 5.5},             /* 1/2 (1 + 10) */
};

static void test_known_values(void **state)
{
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		prob *p = make(known[i].name, 0);
		double x[2] = {known[i].x, known[i].y};
		double f = p->ops->value(p->ctx, x);
		if (fabs(f - known[i].f) > 1e-13 * (1 + fabs(known[i].f)))
			fail_msg("%s(%g, %g) = %.17g, expected %.17g", known[i].name, x[0], x[1], f,
			         known[i].f);
		prob_free(p);
	}
}

static void test_minimizers(void **state)
{
	for (size_t v = 0; v < sizeof visits / sizeof *visits; v++) {
		prob *p = make(visits[v].name, visits[v].n);
		int n = p->n;
		assert_true(p->nsol >= 1);
		assert_true(isfinite(p->fstar));
		assert_true(p->caps & PROB_VALUE && p->caps & PROB_GRAD && p->caps & PROB_HESS);
		assert_non_null(p->ops->batch);
		double *g = malloc((size_t)n * sizeof *g), *y = malloc((size_t)n * sizeof *y);
		rng r;
		rng_seed(&r, 5);
		for (int s = 0; s < p->nsol; s++) {
			const double *xs = p->xstar + (size_t)s * n;
			double f = p->ops->grad(p->ctx, xs, g), gn = 0;
			for (int i = 0; i < n; i++)
				gn = fmax(gn, fabs(g[i]));
			if (fabs(f - p->fstar) > 1e-12 * (1 + fabs(p->fstar)) || gn > 1e-9)
				fail_msg("%s n=%d minimizer %d: f - f* = %g, |g| = %g",
				         visits[v].name, n, s, f - p->fstar, gn);
			assert_true(fabs(p->ops->value(p->ctx, xs) - f) <= 1e-14 * (1 + fabs(f)));
			assert_true(prob_dist_to_sol(p, xs) == 0);
			/* a local minimum: nothing lower at random points a little way off */
			for (int k = 0; k < 20; k++) {
				for (int i = 0; i < n; i++)
					y[i] = xs[i] + 1e-3 * rng_normal(&r);
				assert_true(p->ops->value(p->ctx, y) > p->fstar);
			}
		}
		free(g);
		free(y);
		prob_free(p);
	}
}

/* Gradient by central differences, Hessian-vector product by differences of the
 * gradient, the dense Hessian against H e_j, batch and a clone against the value. */
static void test_derivatives(void **state)
{
	for (size_t v = 0; v < sizeof visits / sizeof *visits; v++) {
		prob *p = make(visits[v].name, visits[v].n);
		prob *q = prob_clone(p);
		assert_non_null(q);
		int n = p->n;
		size_t sz = (size_t)n * sizeof(double);
		double *x = malloc(sz), *g = malloc(sz), *xp = malloc(sz), *gp = malloc(sz),
		       *gm = malloc(sz), *u = malloc(sz), *hv = malloc(sz), *h = malloc(sz * n);
		rng r;
		rng_seed(&r, 17 + v);
		for (int k = 0; k < 5; k++) {
			/* a random point in the viewport, away from Ackley's kink */
			for (int i = 0; i < n; i++)
				x[i] = p->view[i % 2 ? 2 : 0] +
				       (p->view[i % 2 ? 3 : 1] - p->view[i % 2 ? 2 : 0]) *
				           rng_uniform(&r);
			double f = p->ops->grad(p->ctx, x, g), scale = 1 + fabs(f);
			for (int i = 0; i < n; i++) {
				double e = 1e-6 * (1 + fabs(x[i]));
				memcpy(xp, x, sz);
				xp[i] = x[i] + e;
				double fp = p->ops->value(p->ctx, xp);
				xp[i] = x[i] - e;
				double fm = p->ops->value(p->ctx, xp), fd = (fp - fm) / (2 * e);
				if (fabs(fd - g[i]) > 1e-6 * (scale + fabs(g[i])))
					fail_msg("%s n=%d: df/dx%d = %.10g, differences %.10g",
					         visits[v].name, n, i, g[i], fd);
			}
			for (int i = 0; i < n; i++)
				u[i] = rng_normal(&r);
			p->ops->hessvec(p->ctx, x, u, hv);
			for (int i = 0; i < n; i++) {
				xp[i] = x[i] + 1e-5 * u[i];
				x[i] -= 1e-5 * u[i];
			}
			p->ops->grad(p->ctx, xp, gp);
			p->ops->grad(p->ctx, x, gm);
			for (int i = 0; i < n; i++)
				x[i] += 1e-5 * u[i];
			double hnorm = 0;
			for (int i = 0; i < n; i++)
				hnorm = fmax(hnorm, fabs(hv[i]));
			for (int i = 0; i < n; i++) {
				double fd = (gp[i] - gm[i]) / 2e-5;
				if (fabs(fd - hv[i]) > 1e-4 * (1 + hnorm))
					fail_msg("%s n=%d: (Hu)_%d = %.10g, differences %.10g",
					         visits[v].name, n, i, hv[i], fd);
			}
			p->ops->hess(p->ctx, x, h);
			for (int i = 0; i < n; i++) {
				double s = 0;
				for (int j = 0; j < n; j++) {
					s += h[(size_t)i * n + j] * u[j];
					assert_true(
					    fabs(h[(size_t)i * n + j] - h[(size_t)j * n + i]) <=
					    1e-9 * (1 + hnorm));
				}
				assert_true(fabs(s - hv[i]) <= 1e-9 * (1 + hnorm));
			}
			/* batch: 3 points, coordinate j of point i at cols[j][i] */
			double pts[3][8], *cols[8], out[3];
			for (int j = 0; j < n; j++) {
				for (int i = 0; i < 3; i++)
					pts[i][j] = x[j] + 0.1 * i;
				cols[j] = malloc(3 * sizeof(double));
				for (int i = 0; i < 3; i++)
					cols[j][i] = pts[i][j];
			}
			p->ops->batch(p->ctx, 3, (const double *const *)cols, NULL, out);
			for (int i = 0; i < 3; i++) {
				double fi = p->ops->value(p->ctx, pts[i]);
				assert_true(fabs(out[i] - fi) <= 1e-12 * (1 + fabs(fi)));
				assert_true(q->ops->value(q->ctx, pts[i]) == fi);
			}
			for (int j = 0; j < n; j++)
				free(cols[j]);
		}
		free(x);
		free(g);
		free(xp);
		free(gp);
		free(gm);
		free(u);
		free(hv);
		free(h);
		prob_free(q);
		prob_free(p);
	}
}

/* Rotated: A symmetric with trace = sum of the eigenvalues, Rayleigh quotients in
 * [1, cond], and a different seed gives a different matrix. */
static void test_quadratic_spectrum(void **state)
{
	const problib_entry *e = problib_find("quadratic");
	double v[4] = {8, 100, 3, 1};
	char err[200];
	prob *p = problib_make(e, v, err, sizeof err), *p2;
	assert_non_null(p);
	v[2] = 4;
	p2 = problib_make(e, v, err, sizeof err);
	double h[64], h2[64], x[8] = {0}, tr = 0, sum = 0;
	p->ops->hess(p->ctx, x, h);
	p2->ops->hess(p2->ctx, x, h2);
	for (int i = 0; i < 8; i++) {
		tr += h[i * 8 + i];
		sum += pow(100, i / 7.0);
	}
	assert_true(fabs(tr - sum) < 1e-10 * sum);
	assert_true(memcmp(h, h2, sizeof h) != 0);
	rng r;
	rng_seed(&r, 1);
	for (int k = 0; k < 100; k++) {
		double u[8], hu[8], uu = 0, uhu = 0;
		for (int i = 0; i < 8; i++)
			u[i] = rng_normal(&r);
		p->ops->hessvec(p->ctx, x, u, hu);
		for (int i = 0; i < 8; i++) {
			uu += u[i] * u[i];
			uhu += u[i] * hu[i];
		}
		assert_true(uhu >= uu * (1 - 1e-12) && uhu <= 100 * uu * (1 + 1e-12));
	}
	assert_true(p->fstar == 0 && p->nsol == 1);
	prob_free(p);
	prob_free(p2);
	v[0] = 5000; /* a rotation is dense: refused with the limit named */
	assert_null(problib_make(e, v, err, sizeof err));
	assert_string_equal(err, "quadratic: a rotated quadratic has n <= 1000 (n = 5000)");
}

static void test_names_and_checks(void **state)
{
	int count;
	const problib_entry *cat = problib_catalog(&count);
	const char *names[] = {"rosenbrock", "himmelblau", "beale",          "booth",
	                       "matyas",     "threehump",  "mccormick",      "goldsteinprice",
	                       "branin",     "sixhumpcamel",
	                       "rastrigin",  "ackley",     "styblinskitang", "quadratic",
	                       "bilinear",   "ccquad",     "negcomon",       "rps",
	                       "matrixgame", "preference", "ot",             "bltoy",
	                       "blflat",     "blcon",      "blridge",    "gaussian",
	                       "banana",     "mixture",    "laplace",        "bandit",
	                       "ctxbandit",
	                       "klbandit",   "chain",      "cliff",          "randmdp",
	                       "cmdp",       "lqr",        "poisson",
	                       "randspd",    "diagdom",    "zdt1",           "zdt2",
	                       "zdt3",       "schaffer",   "quadpair",       "leastsq",
	                       "logreg",     "softmax",    "fedquad",        "lasso",
	                       "sparsecoding"};
	int nn = (int)(sizeof names / sizeof *names);
	assert_int_equal(count, nn + 35); /* then mgh1 .. mgh35 */
	for (int i = 0; i < count; i++) {
		char mgh[16];
		snprintf(mgh, sizeof mgh, "mgh%d", i - nn + 1);
		const char *name = i < nn ? names[i] : mgh;
		assert_string_equal(cat[i].name, name);
		assert_ptr_equal(problib_find(name), &cat[i]);
	}
	assert_ptr_equal(problib_find("goldstein-price"), problib_find("goldsteinprice"));
	assert_ptr_equal(problib_find("three-hump"), problib_find("threehump"));
	assert_null(problib_find("nosuch"));
	char buf[32];
	prob *p = make("himmelblau", 0);
	prob_coord_name(p, 1, buf, sizeof buf);
	assert_string_equal(buf, "y");
	assert_int_equal(p->nsol, 4);
	prob_free(p);
	p = make("rosenbrock", 4);
	prob_coord_name(p, 3, buf, sizeof buf);
	assert_string_equal(buf, "x[4]");
	assert_true(p->x0[0] == -1.2 && p->x0[1] == 1 && p->x0[2] == -1.2 && p->x0[3] == 1);
	prob_free(p);
	double v[1] = {1};
	char err[200];
	assert_null(problib_make(problib_find("rosenbrock"), v, err, sizeof err));
	assert_string_equal(err, "rosenbrock: n = 1 is out of range [2, 1e+07]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_known_values),     cmocka_unit_test(test_minimizers),
	    cmocka_unit_test(test_derivatives),      cmocka_unit_test(test_quadratic_spectrum),
	    cmocka_unit_test(test_names_and_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
