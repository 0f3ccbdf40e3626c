/* The feasible-region layer and F = f + g in pictures: rscene_field fills one grid per
 * constraint with c(x) at the nodes (a set by its distance outside, negative inside),
 * equalities last; a composite problem's grid is f + g; a figure with the layer is
 * greyer than without it where a constraint is violated, and the same where none is;
 * the convergence metrics viol and mult are the methods' columns. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cmocka.h>

#include "fig.h"
#include "runscene.h"

static prob *expr_prob(const char *src)
{
	expr_error e;
	prob *p = prob_from_expr("p", src, NULL, &e);
	if (!p)
		fail_msg("%s: %d: %s", src, e.col, e.msg);
	return p;
}

static double node_x(const rscene_opts *o, int i)
{
	return o->view[0] + i * (o->view[1] - o->view[0]) / (o->gw - 1);
}

static double node_y(const rscene_opts *o, int j)
{
	return o->view[2] + j * (o->view[3] - o->view[2]) / (o->gh - 1);
}

static void test_region_grids(void **st)
{
	(void)st;
	prob *p = expr_prob("(x - 2)^2 + (y - 1)^2");
	expr_error e;
	assert_int_equal(constr_add(p, "x^2 + y^2 <= 2", NULL, 0, &e), 0);
	assert_int_equal(constr_add(p, "x - y = 0.5", NULL, 0, &e), 0);
	assert_int_equal(constr_add(p, "y >= -1", NULL, 0, &e), 0);
	rscene *rs = rscene_new();
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-2, 2, -1.5, 2.5}, .gw = 9, .gh = 7};
	scene_field f;
	char err[200];
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.nregion, 3);
	assert_int_equal(f.nregion_eq, 1);
	size_t cells = (size_t)o.gw * o.gh;
	for (int j = 0; j < o.gh; j++)
		for (int i = 0; i < o.gw; i++) {
			double x = node_x(&o, i), y = node_y(&o, j);
			size_t k = (size_t)j * o.gw + i;
			assert_true(fabs(f.region[k] - (x * x + y * y - 2)) < 1e-12);
			assert_true(fabs(f.region[cells + k] - (-1 - y)) < 1e-12); /* y >= -1 */
			assert_true(fabs(f.region[2 * cells + k] - (x - y - 0.5)) < 1e-12);
			assert_true(fabs(f.values[k] - ((x - 2) * (x - 2) + (y - 1) * (y - 1))) <
			            1e-12);
		}
	prob_free(p);

	/* a set: the distance outside, negative inside; a composite problem shows f + g */
	p = expr_prob("(x - 1)^2 + 2*(y + 0.5)^2");
	prox_attach_set(p, prox_ball(1));
	prox_attach_reg(p, prox_norm1(0.8));
	rscene_invalidate(rs);
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_int_equal(f.nregion, 1);
	assert_int_equal(f.nregion_eq, 0);
	for (int j = 0; j < o.gh; j++)
		for (int i = 0; i < o.gw; i++) {
			double x = node_x(&o, i), y = node_y(&o, j), r = hypot(x, y);
			size_t k = (size_t)j * o.gw + i;
			if (r > 1 + 1e-9)
				assert_true(fabs(f.region[k] - (r - 1)) < 1e-12);
			else if (r < 1 - 1e-9)
				assert_true(f.region[k] < 0);
			double F = (x - 1) * (x - 1) + 2 * (y + 0.5) * (y + 0.5) +
			           0.8 * (fabs(x) + fabs(y));
			assert_true(fabs(f.values[k] - F) < 1e-12);
		}
	rscene_free(rs);
	prob_free(p);
}

static uint32_t pixel(const unsigned char *d, int stride, int x, int y)
{
	return *(const uint32_t *)(d + (size_t)y * stride + 4 * (size_t)x) & 0xFFFFFFu;
}

/* max - min of the channels: the shading is grey, so it lowers this */
static int chroma(uint32_t px)
{
	int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
	int hi = r > g ? (r > b ? r : b) : (g > b ? g : b),
	    lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
	return hi - lo;
}

/* Pixels of a 200 x 200 figure of a field over [-1, 1]^2 with x + y <= 0. */
static void draw(const scene_field *s, cairo_surface_t *img)
{
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	fig_draw_field(cr, 0, 0, 400, 400, 1, s);
	cairo_destroy(cr);
	cairo_surface_flush(img);
}

static void test_region_figure(void **st)
{
	(void)st;
	enum { G = 41 };
	static double v[G * G], c[G * G];
	for (int j = 0; j < G; j++)
		for (int i = 0; i < G; i++) {
			double x = -1 + 2.0 * i / (G - 1), y = -1 + 2.0 * j / (G - 1);
			v[j * G + i] = x * x + y * y;
			c[j * G + i] = x + y;
		}
	scene_field s = {.x0 = -1,
	                 .x1 = 1,
	                 .y0 = -1,
	                 .y1 = 1,
	                 .values = v,
	                 .w = G,
	                 .h = G,
	                 .cmap = CMAP_VIRIDIS,
	                 .vmin = NAN,
	                 .vmax = NAN};
	cairo_surface_t *a = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 400);
	cairo_surface_t *b = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 400);
	draw(&s, a);
	s.region = c;
	s.nregion = 1;
	draw(&s, b);
	const unsigned char *da = cairo_image_surface_get_data(a),
	                    *db = cairo_image_surface_get_data(b);
	int stride = cairo_image_surface_get_stride(a);
	/* find the plot area's centre by scanning: the figure keeps equal aspect; sample
	 * well inside each half-plane along the anti-diagonal through the centre */
	int greyer = 0, same = 0;
	for (int k = 60; k <= 140; k += 20) {
		int xi = 200 + k / 2, yi = 200 - k / 2; /* up and right: x + y > 0 */
		int xf = 200 - k / 2, yf = 200 + k / 2; /* down and left: feasible */
		uint32_t pa = pixel(da, stride, xi, yi), pb = pixel(db, stride, xi, yi);
		greyer += chroma(pb) < chroma(pa) - 20;
		same += pixel(db, stride, xf, yf) == pixel(da, stride, xf, yf);
	}
	assert_int_equal(greyer, 5);
	assert_int_equal(same, 5);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
}

/* The convergence panel's viol and mult metrics read the methods' columns. */
static void test_viol_mult_series(void **st)
{
	(void)st;
	prob *p = expr_prob("(x - 2)^2 + (y - 1)^2");
	expr_error e;
	assert_int_equal(constr_add(p, "x + y <= 1", NULL, 0, &e), 0);
	char err[200];
	const double x0[2] = {1.5, 2};
	run *a = run_new(p, meth_find("auglag"), NULL, x0, NULL, err, sizeof err);
	run *g = run_new(p, meth_find("gd"), NULL, x0, NULL, err, sizeof err);
	assert_non_null(a);
	assert_non_null(g);
	run_step(a, 30, NULL);
	run_step(g, 5, NULL);
	rscene *rs = rscene_new();
	rscene_run runs[2] = {{a, "a", 0}, {g, "g", 1}};
	scene_conv c;
	rscene_metric used;
	assert_int_equal(rscene_conv(rs, runs, 2, RSCENE_VIOL, RSCENE_XITER, &c, &used), 0);
	assert_int_equal(used, RSCENE_VIOL);
	assert_true(c.ylog);
	assert_string_equal(c.ylabel, "violation");
	const trace *t = run_trace(a);
	assert_int_equal(c.series[0].n, trace_len(t));
	for (long i = 0; i < trace_len(t); i++) {
		double v = trace_row_at(t, i)->iter == i ? trace_extra(t, i, 0) : NAN;
		assert_true(c.series[0].y[i] == v); /* the viol column itself */
		assert_true(v == constr_violation(p->constr, trace_x(t, i)));
	}
	for (size_t i = 0; i < c.series[1].n; i++)
		assert_true(isnan(c.series[1].y[i])); /* gd has no such column */
	assert_int_equal(rscene_conv(rs, runs, 1, RSCENE_MULT, RSCENE_XITER, &c, &used), 0);
	assert_false(c.ylog);
	assert_true(fabs(c.series[0].y[c.series[0].n - 1] - 2) < 1e-6); /* l* = 2 */
	rscene_free(rs);
	run_free(a);
	run_free(g);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_region_grids),
	    cmocka_unit_test(test_region_figure),
	    cmocka_unit_test(test_viol_mult_series),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fig_release_static(); /* fontconfig's caches, for the leak checker */
	return rc;
}
