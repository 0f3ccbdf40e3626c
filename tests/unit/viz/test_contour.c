/* test_contour: levels, marching squares on known fields, saddles, NaN, tracing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "contour.h"

enum { W = 81, H = 61 };
/* Grid of x^2 + y^2 over [-2, 2] x [-1.5, 1.5], step 0.05 both ways. */
static double *circle_grid(void)
{
	double *v = malloc(W * H * sizeof *v);
	for (int j = 0; j < H; j++)
		for (int i = 0; i < W; i++) {
			double x = -2 + 0.05 * i, y = -1.5 + 0.05 * j;
			v[j * W + i] = x * x + y * y;
		}
	return v;
}

typedef struct {
	size_t n;
	double maxerr;
} radius_check;

static void check_radius(void *ctx, double x0, double y0, double x1, double y1)
{
	radius_check *rc = ctx;
	double xs[2] = {x0, x1}, ys[2] = {y0, y1};
	for (int k = 0; k < 2; k++) {
		double x = -2 + 0.05 * xs[k], y = -1.5 + 0.05 * ys[k];
		double err = fabs(sqrt(x * x + y * y) - 1);
		if (err > rc->maxerr)
			rc->maxerr = err;
	}
	rc->n++;
}

static void test_circle_segments(void **state)
{
	double *v = circle_grid();
	radius_check rc = {0, 0};
	size_t n = contour_segments(v, W, H, 1.0, check_radius, &rc);
	assert_int_equal(n, rc.n);
	/* circumference 2 pi / cell 0.05: about 4 * 20 * sqrt(2)..4 * 40 segments */
	assert_true(n > 100 && n < 200);
	/* linear interpolation of r^2 along an edge: error well under a cell */
	assert_true(rc.maxerr < 0.002);
	free(v);
}

static void test_circle_trace(void **state)
{
	double *v = circle_grid();
	double levels[] = {0.25, 1.0, 9.0};
	contour_lines cl;
	assert_int_equal(contour_trace(v, W, H, levels, 3, &cl), 0);
	/* r = 0.5 and r = 1 are closed loops; r = 3 is outside the grid */
	assert_int_equal(cl.nlines, 2);
	for (size_t k = 0; k < cl.nlines; k++) {
		assert_true(cl.closed[k]);
		size_t a = cl.start[k], b = cl.start[k + 1] - 1;
		assert_true(cl.x[a] == cl.x[b] && cl.y[a] == cl.y[b]);
		double r = cl.level[k] == 0 ? 0.5 : 1.0;
		for (size_t i = a; i <= b; i++) {
			double x = -2 + 0.05 * cl.x[i], y = -1.5 + 0.05 * cl.y[i];
			assert_true(fabs(sqrt(x * x + y * y) - r) < 0.01);
		}
		/* consecutive points are neighbours: never further than a cell diagonal */
		for (size_t i = a + 1; i <= b; i++)
			assert_true(hypot(cl.x[i] - cl.x[i - 1], cl.y[i] - cl.y[i - 1]) < 1.5);
	}
	contour_lines_free(&cl);
	free(v);
}

static void count_seg(void *ctx, double x0, double y0, double x1, double y1)
{
	(*(int *)ctx)++;
}

static void test_saddle(void **state)
{
	/* One cell, corners 00 and 11 high: the centre decides. */
	double hi_centre[] = {1, 0, 0.9, 1}; /* rows: (1 0) bottom, (0.9 1) top => a=1 b=0 d=0.9 c=1 */
	double v[4] = {1, 0, 0, 1};          /* a=1, b=0, d=0, c=1: mean 0.5 */
	int n = 0;
	assert_int_equal(contour_segments(v, 2, 2, 0.4, count_seg, &n), 2);
	contour_lines cl;
	double lev = 0.4;
	assert_int_equal(contour_trace(v, 2, 2, &lev, 1, &cl), 0);
	assert_int_equal(cl.nlines, 2);
	/* centre 0.5 >= 0.4: the high corners connect, so each line cuts off a low
	 * corner: one line touches the bottom and right edges (around (1, 0)). */
	bool around_10 = false;
	for (size_t k = 0; k < cl.nlines; k++) {
		size_t a = cl.start[k];
		double xa = cl.x[a], ya = cl.y[a], xb = cl.x[a + 1], yb = cl.y[a + 1];
		bool bottom_right = (ya == 0 && xb == 1) || (yb == 0 && xa == 1);
		around_10 |= bottom_right;
	}
	assert_true(around_10);
	contour_lines_free(&cl);
	lev = 0.6; /* centre 0.5 < 0.6: the high corners are isolated */
	assert_int_equal(contour_trace(v, 2, 2, &lev, 1, &cl), 0);
	assert_int_equal(cl.nlines, 2);
	bool around_00 = false;
	for (size_t k = 0; k < cl.nlines; k++) {
		size_t a = cl.start[k];
		double xa = cl.x[a], ya = cl.y[a], xb = cl.x[a + 1], yb = cl.y[a + 1];
		around_00 |= (ya == 0 && xb == 0) || (yb == 0 && xa == 0);
	}
	assert_true(around_00);
	contour_lines_free(&cl);
	(void)hi_centre;
}

static void test_nan_cells(void **state)
{
	double *v = circle_grid();
	int full = 0, holed = 0;
	contour_segments(v, W, H, 1.0, count_seg, &full);
	v[30 * W + 60] = NAN; /* x = 1, y = 0: on the circle */
	contour_segments(v, W, H, 1.0, count_seg, &holed);
	assert_true(holed < full && holed >= full - 4);
	contour_lines cl;
	double lev = 1.0;
	assert_int_equal(contour_trace(v, W, H, &lev, 1, &cl), 0);
	assert_int_equal(cl.nlines, 1); /* the loop is now open at the hole */
	assert_false(cl.closed[0]);
	contour_lines_free(&cl);
	free(v);
}

static void test_levels(void **state)
{
	double lv[CONTOUR_MAX_LEVELS];
	int n = contour_levels(0, 10, 5, false, lv, CONTOUR_MAX_LEVELS);
	assert_int_equal(n, 4);
	assert_true(lv[0] == 2 && lv[3] == 8);
	/* Rosenbrock over [-2, 2] x [-1, 3]: 0 .. 2509, log-spaced */
	n = contour_levels(1e-3, 2509, 20, true, lv, CONTOUR_MAX_LEVELS);
	assert_int_equal(n, 19); /* 1, 2, 5 x 10^k from 2e-3 to 2000 */
	assert_true(fabs(lv[0] - 2e-3) < 1e-15 && fabs(lv[n - 1] - 2000) < 1e-9);
	for (int i = 1; i < n; i++)
		assert_true(lv[i] > lv[i - 1]);
	n = contour_levels(0, 2509, 10, true, lv, CONTOUR_MAX_LEVELS);
	assert_true(n >= 5 && n <= 12);
	assert_true(lv[0] > 2509e-6);
	/* Wide ranges: whole decades, every k-th. */
	n = contour_levels(1e-20, 1e20, 8, true, lv, CONTOUR_MAX_LEVELS);
	assert_true(n >= 6 && n <= 9);
	assert_int_equal(contour_levels(1, NAN, 5, false, lv, 8), 0);
	assert_int_equal(contour_levels(-2, -1, 5, true, lv, 8), 0);
	assert_int_equal(contour_levels(1, 1, 5, false, lv, 8), 0);
	assert_int_equal(contour_levels(0, 10, 50, false, lv, 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_circle_segments),
		cmocka_unit_test(test_circle_trace),
		cmocka_unit_test(test_saddle),
		cmocka_unit_test(test_nan_cells),
		cmocka_unit_test(test_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
