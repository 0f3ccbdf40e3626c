/* test_multi: the multi-objective problem kind (multi.h) against known answers: the
 * hypervolume of hand-drawn point sets and, in 3-D, inclusion-exclusion over the boxes;
 * the min-norm element of a hull computed by hand; the library's fronts against their
 * closed-form hypervolumes (ZDT1 2/3, ZDT2 1/3, Schaffer 40/3); the objectives' exact
 * gradients against central differences; Pareto stationarity on and off the Pareto set. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

static void hv_2d(void **state)
{
	(void)state;
	/* a staircase: 3 + 2 + 1; a dominated point and one outside the box add nothing */
	const double pts[] = {1, 3, 2, 2, 3, 1, 3, 3, 5, 0};
	const double ref[] = {4, 4};
	assert_true(fabs(multi_hv(pts, 5, 2, ref) - 6) < 1e-15);
	assert_true(multi_hv(pts, 0, 2, ref) == 0);
	const double nanref[] = {4, NAN};
	assert_true(isnan(multi_hv(pts, 3, 2, nanref)));
}

/* The volume of the union of boxes [p_i, ref] by inclusion-exclusion (each intersection
 * is the box from the componentwise max). */
static double hv_incl_excl(const double *pts, int m, const double *ref)
{
	double v = 0;
	for (unsigned S = 1; S < 1u << m; S++) {
		double lo[3] = {-INFINITY, -INFINITY, -INFINITY}, vol = 1;
		int bits = 0;
		for (int i = 0; i < m; i++)
			if (S & 1u << i) {
				bits++;
				for (int d = 0; d < 3; d++)
					lo[d] = fmax(lo[d], pts[3 * i + d]);
			}
		for (int d = 0; d < 3; d++)
			vol *= fmax(ref[d] - lo[d], 0);
		v += bits % 2 ? vol : -vol;
	}
	return v;
}

static void hv_3d(void **state)
{
	(void)state;
	const double one[] = {0, 0, 0}, ref1[] = {1, 2, 3};
	assert_true(fabs(multi_hv(one, 1, 3, ref1) - 6) < 1e-15);
	const double two[] = {0, 0, 1, 1, 1, 0}, ref2[] = {2, 2, 2};
	assert_true(fabs(multi_hv(two, 2, 3, ref2) - 5) < 1e-15); /* 4 + 2 - 1 */
	rng r;
	rng_seed(&r, 7);
	for (int trial = 0; trial < 20; trial++) {
		double pts[3 * 8];
		for (int i = 0; i < 3 * 8; i++)
			pts[i] = rng_uniform(&r);
		const double ref[] = {1, 1, 1};
		assert_true(fabs(multi_hv(pts, 8, 3, ref) - hv_incl_excl(pts, 8, ref)) < 1e-12);
	}
}

static void minnorm_by_hand(void **state)
{
	(void)state;
	double work[64], lam[2], d[2];
	/* |l (2, 0) + (1 - l)(0, 1)|^2 = 4 l^2 + (1 - l)^2 is least at l = 1/5: d = -(0.4, 0.8) */
	const double B[] = {2, 0, 0, 1};
	multi_descent(NULL, B, 2, 2, 1, NULL, NULL, NULL, 0, lam, d, work);
	assert_true(fabs(lam[0] - 0.2) < 1e-14 && fabs(d[0] + 0.4) < 1e-14 &&
	            fabs(d[1] + 0.8) < 1e-14);
	/* three gradients around the origin: 0 is in their hull */
	const double C[] = {1, 0, -1, 1, -1, -1};
	double l3[3];
	multi_descent(NULL, C, 3, 2, 1, NULL, NULL, NULL, 0, l3, d, work);
	assert_true(fabs(d[0]) < 1e-14 && fabs(d[1]) < 1e-14);
	/* with offsets (the Tchebycheff step): a = (0.5, 0), b = e1, e2, t = 1 gives
	 * l1 = 3/4 and d = -(3/4, 1/4), where both pieces 0.5 + d1 and d2 equal -1/4 */
	const double a[] = {0.5, 0}, E[] = {1, 0, 0, 1};
	multi_descent(a, E, 2, 2, 1, NULL, NULL, NULL, 0, lam, d, work);
	assert_true(fabs(lam[0] - 0.75) < 1e-14 && fabs(d[0] + 0.75) < 1e-14 &&
	            fabs(d[1] + 0.25) < 1e-14);
}

/* The hypervolume of the sampled front against the closed form. */
static void front_hv(const char *name, double hv, double tol)
{
	prob *p = tr_lib(name, NULL);
	multi *m = multi_of(p);
	assert_non_null(m);
	assert_true(fabs(m->hvstar - hv) < 1e-15 * hv);
	double got = multi_hv(m->front, m->nfront, 2, m->ref);
	if (!(fabs(got - hv) < tol))
		fail_msg("%s: sampled front hv %.10g, closed form %.10g", name, got, hv);
	prob_free(p);
}

static void library_fronts(void **state)
{
	(void)state;
	front_hv("zdt1", 2.0 / 3, 1e-3);
	front_hv("zdt2", 1.0 / 3, 1e-3);
	front_hv("schaffer", 40.0 / 3, 1e-2);
	front_hv("quadpair", 5.0 * 64 / 6, 1e-1); /* D = 2 sqrt(2): 5 D^4 / 6 */
	/* ZDT1's Pareto set is x1 in [0, 1], the rest 0: there f2 = 1 - sqrt(f1) */
	prob *p = tr_lib("zdt1", NULL);
	multi *m = multi_of(p);
	double x[30] = {0.36}, fv[2];
	multi_values(m, x, fv);
	assert_true(fabs(fv[0] - 0.36) < 1e-15 && fabs(fv[1] - 0.4) < 1e-15);
	assert_int_equal(p->n, 30);
	assert_true(p->set && (p->caps & PROB_PROJ) && (p->caps & PROB_MULTI));
	prob_free(p);
	/* ZDT3's front: five pieces (four NAN breaks); hv* is the samples' own */
	p = tr_lib("zdt3", NULL);
	m = multi_of(p);
	int breaks = 0;
	for (int j = 0; j < m->nfront; j++)
		breaks += isnan(m->front[2 * j]);
	assert_int_equal(breaks, 4);
	assert_true(m->hvstar > 0 && fabs(multi_hv(m->front, m->nfront, 2, m->ref) - m->hvstar) < 1e-12);
	prob_free(p);
}

static void gradients_exact(void **state)
{
	(void)state;
	const char *names[] = {"zdt1", "zdt2", "zdt3", "schaffer", "quadpair"};
	for (int w = 0; w < 5; w++) {
		prob *p = tr_lib(names[w], "");
		multi *m = multi_of(p);
		int n = p->n;
		double *x = malloc((size_t)n * sizeof *x), *G = malloc(2 * (size_t)n * sizeof *G);
		double fv[2], fp[2], fm[2];
		for (int i = 0; i < n; i++)
			x[i] = 0.2 + 0.6 * (i % 7) / 7.0;
		multi_grads(m, x, fv, G);
		for (int i = 0; i < n; i++) {
			double h = 1e-6, xi = x[i];
			x[i] = xi + h;
			multi_values(m, x, fp);
			x[i] = xi - h;
			multi_values(m, x, fm);
			x[i] = xi;
			for (int o = 0; o < 2; o++) {
				double fd = (fp[o] - fm[o]) / (2 * h);
				if (!(fabs(fd - G[o * n + i]) < 1e-7 * (1 + fabs(fd))))
					fail_msg("%s: df%d/dx%d = %.12g, central difference %.12g", names[w],
					         o + 1, i + 1, G[o * n + i], fd);
			}
		}
		/* the problem's own value is the objectives' mean */
		assert_true(fabs(p->ops->value(p->ctx, x) - (fv[0] + fv[1]) / 2) < 1e-12);
		free(x);
		free(G);
		prob_free(p);
	}
}

static double pareto_at(const prob *p, const double *x)
{
	multi *m = multi_of(p);
	size_t n = (size_t)p->n;
	double *G = malloc(m->k * n * sizeof *G), fv[MULTI_MAX];
	double *work = malloc((multi_descent_work(m->k, p->n) + n) * sizeof *work);
	multi_grads(m, x, fv, G);
	double v = multi_pareto_measure(p, x, G, NULL, work);
	free(G);
	free(work);
	return v;
}

static void pareto_stationarity(void **state)
{
	(void)state;
	prob *p = tr_lib("schaffer", NULL);
	assert_int_equal(station_kind_of(p), STATION_PARETO);
	const double in[] = {1}, left[] = {-1}, right[] = {3};
	assert_true(pareto_at(p, in) < 1e-14);              /* gradients 2 and -2 */
	assert_true(fabs(pareto_at(p, left) - 2) < 1e-14);  /* -2 and -6: the shorter */
	assert_true(fabs(pareto_at(p, right) - 2) < 1e-14); /* 6 and 2 */
	prob_free(p);
	/* on the box: ZDT1's Pareto set is critical (the combination points out of the box) */
	p = tr_lib("zdt1", NULL);
	double x[30] = {0.25};
	assert_true(pareto_at(p, x) < 1e-9);
	x[5] = 0.5; /* off it: a common descent direction exists */
	assert_true(pareto_at(p, x) > 0.1);
	prob_free(p);
}

static void typed_problems(void **state)
{
	(void)state;
	const char *srcs[] = {"x^2 + y^2", "(x - 1)^2 + z", "y"};
	expr_error e;
	int which;
	prob *p = multi_problem("m", srcs, 3, NULL, &e, &which);
	assert_non_null(p);
	assert_int_equal(p->n, 3); /* x, y, z in order of first appearance over the formulas */
	char name[16];
	prob_coord_name(p, 2, name, sizeof name);
	assert_string_equal(name, "z");
	prob *q = prob_clone(p);
	double x[] = {1, 2, 3}, a[3], b[3];
	multi_values(multi_of(p), x, a);
	multi_values(multi_of(q), x, b);
	assert_true(a[0] == 5 && a[1] == 3 && a[2] == 2 && b[0] == 5 && b[1] == 3 && b[2] == 2);
	prob_free(q);
	prob_free(p);
	const char *bad[] = {"x^2", "(x - 1)^2 +"};
	assert_null(multi_problem("m", bad, 2, NULL, &e, &which));
	assert_int_equal(which, 1);
	assert_null(multi_problem("m", bad, 1, NULL, &e, &which));
	assert_int_equal(which, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hv_2d),           cmocka_unit_test(hv_3d),
	    cmocka_unit_test(minnorm_by_hand), cmocka_unit_test(library_fronts),
	    cmocka_unit_test(gradients_exact), cmocka_unit_test(pareto_stationarity),
	    cmocka_unit_test(typed_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
