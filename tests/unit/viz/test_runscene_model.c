/* test_runscene_model: the pictures of what a method learned. The ellipse path of a
 * known 2 x 2 covariance against its closed form; a CMA-ES run's drawn ellipse against
 * the covariance the run holds (sigma^2 C restricted to the pictured coordinates); a bo
 * run's drawn posterior mean interpolating its data, and its numbered points. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmaes.h"
#include "runscene.h"

#define PI 3.14159265358979323846

/* d' A^-1 d for a 2 x 2 symmetric A = {a, b, c} */
static double quad_inv(const double *a, double dx, double dy)
{
	double det = a[0] * a[2] - a[1] * a[1];
	return (a[2] * dx * dx - 2 * a[1] * dx * dy + a[0] * dy * dy) / det;
}

/* cov = R diag(9, 1) R', R a rotation by 30 degrees: semi-axes 3 and 1 along
 * (cos 30, sin 30) and its normal; the k-sigma ellipse has semi-axes 3k and k. */
static void test_ellipse_geometry(void **st)
{
	(void)st;
	double c = cos(PI / 6), s = sin(PI / 6), cov[3] = {9 * c * c + s * s, 8 * c * s, 9 * s * s + c * c};
	double m[2] = {1.5, -2}, x[201], y[201];
	for (double k = 1; k <= 2; k++) {
		assert_int_equal(rscene_ellipse(m, cov, k, 201, x, y), 0);
		double area = 0, amax = 0, bmax = 0, xmax = -INFINITY;
		for (int i = 0; i < 201; i++) {
			double dx = x[i] - m[0], dy = y[i] - m[1];
			assert_true(fabs(quad_inv(cov, dx, dy) - k * k) < 1e-12 * k * k);
			amax = fmax(amax, fabs(c * dx + s * dy)); /* along the major axis */
			bmax = fmax(bmax, fabs(-s * dx + c * dy));
			xmax = fmax(xmax, x[i]);
			if (i > 0)
				area += 0.5 * (x[i - 1] * y[i] - x[i] * y[i - 1]);
		}
		assert_true(x[0] == x[200] && y[0] == y[200]); /* closed */
		/* 200 chords: the extremes within 1 - cos(pi / 200) of 3k, k and k sqrt(cov_xx) */
		double chord = 1 - cos(PI / 200);
		assert_true(amax <= 3 * k + 1e-12 && amax >= 3 * k * (1 - chord));
		assert_true(bmax <= k + 1e-12 && bmax >= k * (1 - chord));
		assert_true(xmax - m[0] <= k * sqrt(cov[0]) + 1e-12 &&
		            xmax - m[0] >= k * sqrt(cov[0]) * (1 - chord));
		/* the inscribed polygon's area: pi a b sin(2 pi / N) N / (2 pi) */
		assert_true(fabs(area - 3 * k * k * 0.5 * 200 * sin(2 * PI / 200)) < 1e-9);
	}
	double bad[3] = {1, 2, 1}; /* indefinite */
	assert_int_equal(rscene_ellipse(m, bad, 1, 201, x, y), -1);
}

/* f = (x - 1)^2 + 4 (y + z)^2 + z^2 in 3-D: CMA-ES's ellipse in coordinates (x, z) after
 * 12 generations is m + {d : d' (sigma^2 C_xz)^-1 d = 1}, C_xz the rows and columns
 * 0 and 2 of C. */
static void test_cmaes_ellipse(void **st)
{
	(void)st;
	expr_error e;
	prob *p = prob_from_expr("q", "(x - 1)^2 + 4*(y + z)^2 + z^2", NULL, &e);
	assert_non_null(p);
	const meth *me = meth_find("cmaes");
	char err[256];
	const double x0[3] = {2, 1, -1};
	run_opts ro;
	run_opts_default(&ro);
	ro.seed = 3;
	run *r = run_new(p, me, NULL, x0, &ro, err, sizeof err);
	assert_non_null(r);
	run_step(r, 12, NULL);
	rscene_run runs[1] = {{r, "c", 2}};
	rscene *rs = rscene_new();
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 2, .view = {-1, 3, -2, 2}, .gw = 8, .gh = 8};
	assert_int_equal(rscene_field(rs, p, runs, 1, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.npaths, 2); /* the trajectory, then the ellipse */
	const scene_path *el = &f.paths[1];
	assert_int_equal(el->color, 2);
	assert_true(el->n > 16 && !el->start_marker && !el->end_marker);
	double cov[9];
	assert_int_equal(cmaes_covariance(run_state(r), cov), 0);
	const trace *t = run_trace(r);
	double sigma = trace_extra(t, trace_len(t) - 1, trace_extra_find(t, "sigma"));
	double c2[3] = {sigma * sigma * cov[0], sigma * sigma * cov[2], sigma * sigma * cov[8]};
	/* the centre: the mean of the points but the closing one (cos and sin sum to 0) */
	double mx = 0, my = 0;
	for (size_t i = 0; i + 1 < el->n; i++)
		mx += el->x[i], my += el->y[i];
	mx /= (double)(el->n - 1), my /= (double)(el->n - 1);
	for (size_t i = 0; i < el->n; i++)
		assert_true(fabs(quad_inv(c2, el->x[i] - mx, el->y[i] - my) - 1) < 1e-9);
	/* a gradient method has no ellipse */
	assert_null(meth_find("gd")->ellipse);
	rscene_free(rs);
	run_free(r);
	prob_free(p);
}

/* bo on Branin over its box: the drawn posterior mean at each sampled point (a grid
 * whose first node is that point) is the observed f to the GP's nugget, and expected
 * improvement there is 0 (sd 0 and mu >= f_best) to the nugget's sd; the points are
 * numbered in order. */
static void test_bo_model(void **st)
{
	(void)st;
	expr_error e;
	prob *p = prob_from_expr("b", "(y - 5.1/(4*pi^2)*x^2 + 5/pi*x - 6)^2 + 10*(1 - 1/(8*pi))*cos(x) + 10",
	                         NULL, &e);
	assert_non_null(p);
	const double lo[2] = {-5, 0}, hi[2] = {10, 15};
	prox_attach_set(p, prox_box_each(2, lo, hi));
	const meth *me = meth_find("bo");
	char err[256];
	const double x0[2] = {0, 5};
	run_opts ro;
	run_opts_default(&ro);
	ro.seed = 2;
	run *r = run_new(p, me, NULL, x0, &ro, err, sizeof err);
	assert_non_null(r);
	run_step(r, 14, NULL);
	rscene_run runs[1] = {{r, "b", 0}};
	assert_ptr_equal(rscene_model_run(runs, 1, p), r);
	rscene *rs = rscene_new();
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-5, 10, 0, 15}, .gw = 12, .gh = 12};
	assert_int_equal(rscene_field(rs, p, runs, 1, &o, &f, err, sizeof err), 0);
	const trace *t = run_trace(r);
	const double *pts;
	int k = trace_probes(t, trace_len(t) - 1, &pts);
	assert_int_equal(k, 15); /* the start and 14 steps */
	assert_int_equal(f.nnum, k);
	double lo_f = INFINITY, hi_f = -INFINITY, fv[15];
	for (int i = 0; i < k; i++) {
		assert_true(f.num_x[i] == pts[2 * i] && f.num_y[i] == pts[2 * i + 1]);
		fv[i] = p->ops->value(p->ctx, pts + 2 * i);
		lo_f = fmin(lo_f, fv[i]), hi_f = fmax(hi_f, fv[i]);
	}
	for (int i = 0; i < k; i++) {
		rscene_opts at = o;
		at.view[0] = pts[2 * i], at.view[1] = pts[2 * i] + 1e-3;
		at.view[2] = pts[2 * i + 1], at.view[3] = pts[2 * i + 1] + 1e-3;
		at.gw = at.gh = 2;
		scene_field g;
		assert_int_equal(rscene_field(rs, p, runs, 1, &at, &g, err, sizeof err), 0);
		assert_int_equal(rscene_model(rs, r, &at, RSCENE_HEAT_MEAN, &g, err, sizeof err), 0);
		/* the nugget 1e-8 s2 of the standardized values: within 1e-5 of the span */
		assert_true(fabs(g.values[0] - fv[i]) < 1e-5 * (hi_f - lo_f));
		assert_false(g.log_color);
		assert_int_equal(rscene_model(rs, r, &at, RSCENE_HEAT_ACQ, &g, err, sizeof err), 0);
		/* at the best point EI = sd / sqrt(2 pi), sd the nugget's: sqrt(1e-8) of the scale */
		assert_true(g.values[0] >= 0 && g.values[0] < 1e-4 * (hi_f - lo_f));
		assert_string_equal(g.title, "acquisition: expected improvement");
	}
	/* away from the data the mean is a model, not f */
	double fgrid[144], dmax = 0;
	assert_int_equal(rscene_field(rs, p, runs, 1, &o, &f, err, sizeof err), 0);
	memcpy(fgrid, f.values, sizeof fgrid);
	assert_int_equal(rscene_model(rs, r, &o, RSCENE_HEAT_MEAN, &f, err, sizeof err), 0);
	for (int i = 0; i < 144; i++)
		dmax = fmax(dmax, fabs(f.values[i] - fgrid[i]));
	assert_true(dmax > 1e-3 * (hi_f - lo_f));
	/* ... and uncertain: EI > 0 somewhere on the grid */
	assert_int_equal(rscene_model(rs, r, &o, RSCENE_HEAT_ACQ, &f, err, sizeof err), 0);
	double emax = 0;
	for (int i = 0; i < o.gw * o.gh; i++)
		emax = fmax(emax, f.values[i]);
	assert_true(emax > 1e-3);
	/* a run without a model is refused, with the reason */
	run_free(r);
	r = run_new(p, meth_find("cmaes"), NULL, x0, &ro, err, sizeof err);
	assert_non_null(r);
	assert_int_equal(rscene_model(rs, r, &o, RSCENE_HEAT_MEAN, &f, err, sizeof err), -1);
	assert_non_null(strstr(err, "no model"));
	rscene_free(rs);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ellipse_geometry),
		cmocka_unit_test(test_cmaes_ellipse),
		cmocka_unit_test(test_bo_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
