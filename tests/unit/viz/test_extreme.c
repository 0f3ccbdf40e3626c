/* test_extreme: drawing with huge, infinite and NaN coordinates, the kind a
 * diverged run leaves (fuzz_repl found a diverged gd whose trajectory went to
 * 1e37: its clipped line ends were off by 9e18 and converted to int). Lines are
 * clipped in double precision, non-finite points skipped, in the terminal
 * canvas and in the Cairo figures; convergence panels with 0, negative, inf,
 * NaN, subnormal and near-overflow values still draw their axes. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"
#include "fig.h"
#include "plot.h"

static void assert_in(double v, double lo, double hi)
{
	if (!(v >= lo && v <= hi))
		fail_msg("%.17g not in [%g, %g]", v, lo, hi);
}

static void test_clip_huge(void **state)
{
	(void)state;
	/* far ends on both sides: the clipped ends stay in the rectangle */
	static const double seg[][4] = {
		{1e34, 50, -1e37, 50.5},       {-1.7e308, 10, 1.7e308, 10},
		{-DBL_MAX, -DBL_MAX, DBL_MAX, DBL_MAX}, {1e18, -1e18, -1e18, 1e18},
		{50, 50, 9.3e18, -9.2e18},     {-9.2e18, 49, 9.3e18, 51},
		{4.9e-324, 0, 99, 99},
	};
	for (size_t k = 0; k < sizeof seg / sizeof seg[0]; k++) {
		double x0 = seg[k][0], y0 = seg[k][1], x1 = seg[k][2], y1 = seg[k][3];
		assert_true(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 99, 99));
		assert_in(x0, 0, 99), assert_in(x1, 0, 99);
		assert_in(y0, 0, 99), assert_in(y1, 0, 99);
	}
	double x0 = -1.7e308, y0 = 10, x1 = 1.7e308, y1 = 10;
	assert_true(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 99, 99));
	assert_true(x0 == 0 && x1 == 99 && y0 == 10 && y1 == 10);
	/* misses, and non-finite ends */
	static const double miss[][4] = {
		{DBL_MAX, DBL_MAX, DBL_MAX, -DBL_MAX}, {-1e300, 200, 1e300, 200},
		{NAN, 1, 2, 3}, {1, 2, INFINITY, 3}, {1, -INFINITY, 2, 3}, {1, 2, 3, NAN},
	};
	for (size_t k = 0; k < sizeof miss / sizeof miss[0]; k++) {
		x0 = miss[k][0], y0 = miss[k][1], x1 = miss[k][2], y1 = miss[k][3];
		assert_false(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 99, 99));
	}
}

static int braille_cells(const canvas *c)
{
	int n = 0;
	for (int y = 0; y < canvas_height(c); y++)
		for (int x = 0; x < canvas_width(c); x++)
			n += canvas_at(c, x, y)->ch >= 0x2800 && canvas_at(c, x, y)->ch <= 0x28FF;
	return n;
}

static void test_canvas_line_huge(void **state)
{
	(void)state;
	const cmap_rgb red = {255, 0, 0};
	canvas *c = canvas_new(10, 3, CANVAS_TRUECOLOR);
	/* the fuzzer's segment: inside to 9e18 away */
	canvas_line(c, 5, 5, -9.22e18, 7, NULL, red, 0);
	canvas_line(c, 1e34, 2, -1e37, 2.0001, NULL, red, 0);
	canvas_line(c, -DBL_MAX, 6, DBL_MAX, 6, NULL, red, 0);
	for (int x = 0; x < 10; x++) /* the last two cross every column */
		assert_true(canvas_at(c, x, 0)->ch > 0x2800 && canvas_at(c, x, 1)->ch > 0x2800);
	canvas_clear(c);
	canvas_line(c, NAN, 1, 5, 5, NULL, red, 0);
	canvas_line(c, 1, 1, 5, INFINITY, NULL, red, 0);
	canvas_line(c, -INFINITY, 1, INFINITY, 1, NULL, red, 0);
	canvas_rect clip = {2, 2, 6, 4};
	canvas_line(c, -1e300, -1e300, 1e300, 1e300, &clip, red, 0);
	canvas_line(c, 1e300, 0, 1e300, 1, &clip, red, 0);
	int n = braille_cells(c);
	assert_true(n >= 1 && n <= 3); /* only the diagonal, inside its clip */
	canvas_free(c);
}

/* gd with step 615 on x^2 from (-1, 0): x grows by -1229 a step. */
static double traj_x[16], traj_y[16];

static size_t diverged(void)
{
	double x = -1;
	size_t n = 0;
	for (; n < 13; n++, x *= -1229)
		traj_x[n] = x, traj_y[n] = n % 3 ? 0.25 * x : 0;
	traj_x[n] = NAN, traj_y[n++] = 0;
	traj_x[n] = 1e300, traj_y[n++] = -INFINITY;
	traj_x[n] = -DBL_MAX, traj_y[n++] = DBL_MAX;
	return n;
}

static scene_field field_with(const scene_path *p, int np, const scene_point *pt, int npt)
{
	static const double flat[4] = {1, 2, 3, 4};
	scene_field f = {.x0 = -2, .x1 = 2, .y0 = -2, .y1 = 2, .values = flat, .w = 2, .h = 2,
			 .cmap = CMAP_VIRIDIS, .vmin = NAN, .vmax = NAN, .nlevels = 4,
			 .paths = p, .npaths = np, .points = pt, .npoints = npt};
	return f;
}

static void test_canvas_field_diverged(void **state)
{
	(void)state;
	size_t n = diverged();
	scene_path p = {"gd", 1, traj_x, traj_y, n, true, true, SCENE_TRIAL_NONE};
	scene_path q = {"far", 2, traj_x + 5, traj_y + 5, n - 5, true, true, SCENE_TRIAL_NONE};
	scene_point pts[3] = {{NAN, 0, "nan"}, {1e300, -1e300, "far"}, {0, 0, "x*"}};
	scene_field f = field_with((scene_path[]){p, q}, 2, pts, 3);
	for (int m = 0; m < 2; m++) {
		canvas *c = canvas_new(50, 33, m ? CANVAS_ASCII : CANVAS_TRUECOLOR);
		canvas_draw_field(c, (canvas_rect){0, 0, 50, 33}, &f);
		if (!m)
			assert_true(braille_cells(c) > 10); /* the line out of the view is drawn */
		char *s = canvas_to_text(c, CANVAS_OUT_PLAIN);
		assert_non_null(s);
		free(s);
		canvas_free(c);
	}
}

/* y values a convergence panel must survive; the finite positive ones span
 * 1e-320 .. 1.7e308 on a log axis. */
static const double wild_y[] = {1, 0, -1, INFINITY, NAN, 4.9e-324, 1e-320, 1.7e308, -INFINITY,
				1e-5, DBL_MAX};
static const double wild_x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
#define NWILD (sizeof wild_y / sizeof wild_y[0])

static bool drew_axes(const canvas *c)
{
	int corners = 0;
	for (int y = 0; y < canvas_height(c); y++)
		for (int x = 0; x < canvas_width(c); x++)
			corners += canvas_at(c, x, y)->ch == '+';
	return corners >= 3;
}

static void test_canvas_conv_wild(void **state)
{
	(void)state;
	static const double huge[] = {-1.7e308, 1.7e308, NAN, 0}, same[] = {1e300, 1e300};
	scene_series sr[] = {
		{"wild", 0, wild_x, wild_y, NWILD, false, .path = false},
		{"dash", 1, wild_x, wild_y, NWILD, true, .path = false},
	};
	for (int lg = 0; lg < 2; lg++) {
		scene_conv cv = {"t", "iter", "f", lg, sr, 2, .xlim = {0, 0}};
		canvas *c = canvas_new(60, 20, CANVAS_ASCII);
		canvas_draw_convergence(c, (canvas_rect){0, 0, 60, 20}, &cv);
		assert_true(drew_axes(c));
		canvas_free(c);
	}
	scene_series h[] = {{"huge", 0, wild_x, huge, 4, false, .path = false}, {"d", 1, wild_x, huge, 4, true, .path = false}};
	scene_series k[] = {{"same", 0, wild_x, same, 2, false, .path = false}};
	scene_conv cv = {NULL, NULL, NULL, false, h, 2, .xlim = {0, 0}}, ck = {NULL, NULL, NULL, false, k, 1, .xlim = {0, 0}};
	canvas *c = canvas_new(60, 20, CANVAS_TRUECOLOR);
	canvas_draw_convergence(c, (canvas_rect){0, 0, 60, 20}, &cv);
	canvas_clear(c);
	canvas_draw_convergence(c, (canvas_rect){0, 0, 60, 20}, &ck);
	assert_true(braille_cells(c) > 0); /* a constant 1e300 is a flat line */
	canvas_free(c);
}

static int ink(cairo_surface_t *s, cmap_rgb col)
{
	cairo_surface_flush(s);
	unsigned char *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s), n = 0;
	for (int y = 0; y < cairo_image_surface_get_height(s); y++)
		for (int x = 0; x < cairo_image_surface_get_width(s); x++) {
			uint32_t p;
			memcpy(&p, d + (size_t)y * st + 4 * (size_t)x, 4);
			int r = p >> 16 & 255, g = p >> 8 & 255, b = p & 255;
			n += abs(r - col.r) + abs(g - col.g) + abs(b - col.b) < 30;
		}
	return n;
}

/* fuzz_repl: colour-bar ticks and shades of values far outside the colour
 * range (vmin, vmax) were converted to int before being clamped. */
static void test_canvas_colour_range(void **state)
{
	(void)state;
	static const double v[4] = {-1e300, 1e300, 3, 1.7e308};
	static const double lv[3] = {1e-300, 1, 1e300};
	scene_field f = field_with(NULL, 0, NULL, 0);
	f.values = v, f.vmin = 2, f.vmax = 2 + 1e-13, f.levels = lv, f.nlevels = 3;
	for (int m = 0; m < 2; m++) {
		canvas *c = canvas_new(60, 714 / 20, m ? CANVAS_ASCII : CANVAS_TRUECOLOR);
		canvas_draw_field(c, (canvas_rect){0, 0, 60, 714 / 20}, &f);
		f.log_color = true, f.vmin = 1e-300, f.vmax = 1e-299;
		canvas_draw_field(c, (canvas_rect){0, 0, 60, 714 / 20}, &f);
		canvas_free(c);
	}
}

static void test_fig_diverged(void **state)
{
	(void)state;
	size_t n = diverged();
	/* without markers: only the line can show the run's colour */
	scene_path p = {NULL, 3, traj_x, traj_y, n, false, false, SCENE_TRIAL_NONE};
	scene_path pm = {"gd", 3, traj_x, traj_y, n, true, true, SCENE_TRIAL_NONE};
	scene_point pts[2] = {{NAN, 0, "nan"}, {1e300, -1e300, "far"}};
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
	cairo_t *cr = cairo_create(s);
	scene_field f = field_with(&p, 1, NULL, 0);
	static const double blank[4] = {NAN, NAN, NAN, NAN};
	f.values = blank; /* no colours under the line */
	fig_draw_field(cr, 0, 0, 400, 300, 1, &f);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	assert_true(ink(s, cmap_palette(3)) > 100);
	f = field_with(&pm, 1, pts, 2);
	fig_draw_field(cr, 0, 0, 400, 300, 1, &f);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	/* a viewport too wide for a scale draws nothing */
	f.x0 = -DBL_MAX, f.x1 = DBL_MAX;
	fig_draw_field(cr, 0, 0, 400, 300, 1, &f);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static void test_fig_conv_wild(void **state)
{
	(void)state;
	static const double huge[] = {-1.7e308, 1.7e308, NAN, 0};
	static const double up_x[] = {0, 1, 2}, up_y[] = {1, 1e30, 1};
	scene_series sr[] = {
		{"wild", 0, wild_x, wild_y, NWILD, false, .path = false},
		{"dash", 1, wild_x, wild_y, NWILD, true, .path = false},
		{"huge", 2, wild_x, huge, 4, false, .path = false},
	};
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
	cairo_t *cr = cairo_create(s);
	for (int lg = 0; lg < 2; lg++) {
		scene_conv cv = {"t", "iter", "f", lg, sr, 3, .xlim = {0, 0}};
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		fig_draw_convergence(cr, 0, 0, 400, 300, 1, &cv);
		assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
		if (lg) /* the log panel spans 1e-323 .. 1e308 and draws the series */
			assert_true(ink(s, cmap_palette(0)) > 50);
	}
	/* linear y from 1 to 1e30 and back: the spike leaves the panel, drawn to its edge */
	scene_series spike[] = {{"s", 4, up_x, up_y, 3, false, .path = false}};
	scene_conv cv = {NULL, NULL, NULL, false, spike, 1, .xlim = {0, 0}};
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	fig_draw_convergence(cr, 0, 0, 400, 300, 1, &cv);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	assert_true(ink(s, cmap_palette(4)) > 50);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static int teardown(void **state)
{
	(void)state;
	fig_release_static(); /* fontconfig's caches, for the leak checker */
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clip_huge),
		cmocka_unit_test(test_canvas_line_huge),
		cmocka_unit_test(test_canvas_field_diverged),
		cmocka_unit_test(test_canvas_conv_wild),
		cmocka_unit_test(test_canvas_colour_range),
		cmocka_unit_test(test_fig_diverged),
		cmocka_unit_test(test_fig_conv_wild),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
