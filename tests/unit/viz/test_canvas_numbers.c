/* test_canvas_numbers: a surrogate's numbered points in the terminal: each number in
 * the cells right of its point, dark on a light heat cell and light on a dark one,
 * and left out where it would cover another point or number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "canvas.h"

static void test_numbers(void **st)
{
	(void)st;
	canvas *c = canvas_new(20, 10, CANVAS_TRUECOLOR);
	assert_non_null(c);
	canvas_rect pa = {2, 1, 16, 8};
	plot_scale sx, sy;
	/* data [0, 16] x [0, 8]: one cell a unit, y up */
	assert_int_equal(plot_scale_init(&sx, 0, 16, pa.x, pa.x + pa.w, false), 0);
	assert_int_equal(plot_scale_init(&sy, 0, 8, pa.y + pa.h, pa.y, false), 0);
	cmap_rgb white = {255, 255, 255}, dark = {20, 0, 40};
	for (int y = 0; y < 10; y++) /* light heat left of x = 10, dark right of it */
		for (int x = 0; x < 20; x++)
			canvas_put(c, x, y, ' ', NULL, x < 10 ? &white : &dark, 0);
	/* points 1 at (1.5, 6.5), 2 at (12.5, 2.5), 3 one cell right of 1 (its number
	 * would cover point 3: 1 is left out), 4 at (12.5, 2.2) (its number would cover 2's) */
	const double xs[4] = {1.5, 12.5, 2.5, 12.5}, ys[4] = {6.5, 2.5, 6.5, 2.2};
	scene_field f = {.num_x = xs, .num_y = ys, .nnum = 4};
	canvas_field_numbers(c, pa, &sx, &sy, &f);
	/* point 1's cell: x = 2 + 1, y = 1 + (8 - 6.5) -> row 2 */
	assert_int_equal(canvas_at(c, 4, 2)->ch, ' '); /* 1 left out: cell 4 holds point 3 */
	const canvas_cell *three = canvas_at(c, 5, 2);
	assert_int_equal(three->ch, '3');
	assert_true(three->fg.r == 0 && three->fg.g == 0); /* dark on light */
	const canvas_cell *two = canvas_at(c, 15, 6);
	assert_int_equal(two->ch, '2');
	assert_true(two->fg.r == 255); /* light on dark */
	assert_int_equal(canvas_at(c, 15, 6)->ch, '2'); /* 4's number left out */
	int fours = 0;
	for (int y = 0; y < 10; y++)
		for (int x = 0; x < 20; x++)
			fours += canvas_at(c, x, y)->ch == '4';
	assert_int_equal(fours, 0);
	canvas_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
