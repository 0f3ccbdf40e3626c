/* test_cmap: colormap tables against published values, the run palette. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "cmap.h"

static void assert_rgb(cmap_rgb c, int r, int g, int b)
{
	assert_int_equal(c.r, r);
	assert_int_equal(c.g, g);
	assert_int_equal(c.b, b);
}

static void test_endpoints(void **state)
{
	/* Published hex values: viridis #440154 .. #FDE725 (middle #21918C),
	 * magma #000004 .. #FCFDBF, cividis #00224E .. #FEE838. */
	assert_rgb(cmap_at(CMAP_VIRIDIS, 0), 0x44, 0x01, 0x54);
	assert_rgb(cmap_at(CMAP_VIRIDIS, 1), 0xFD, 0xE7, 0x25);
	assert_rgb(cmap_table(CMAP_VIRIDIS)[128], 0x21, 0x91, 0x8C);
	assert_rgb(cmap_at(CMAP_MAGMA, 0), 0x00, 0x00, 0x04);
	assert_rgb(cmap_at(CMAP_MAGMA, 1), 0xFC, 0xFD, 0xBF);
	assert_rgb(cmap_at(CMAP_CIVIDIS, 0), 0x00, 0x22, 0x4E);
	assert_rgb(cmap_at(CMAP_CIVIDIS, 1), 0xFE, 0xE8, 0x38);
	/* Clamped outside [0, 1]; NaN is grey. */
	assert_rgb(cmap_at(CMAP_VIRIDIS, -3), 0x44, 0x01, 0x54);
	assert_rgb(cmap_at(CMAP_VIRIDIS, 7), 0xFD, 0xE7, 0x25);
	assert_rgb(cmap_at(CMAP_VIRIDIS, NAN), 128, 128, 128);
	assert_null(cmap_table(CMAP_COUNT));
}

static void test_perceptual_order(void **state)
{
	/* Sequential maps: luminance rises monotonically along the table. */
	for (int id = 0; id < CMAP_COUNT; id++) {
		const cmap_rgb *t = cmap_table(id);
		for (int i = 8; i < CMAP_SIZE; i += 8)
			assert_true(cmap_luminance(t[i]) > cmap_luminance(t[i - 8]));
	}
}

static void test_smooth(void **state)
{
	const cmap_rgb *t = cmap_table(CMAP_VIRIDIS);
	cmap_rgb m = cmap_at_smooth(CMAP_VIRIDIS, 100.5 / 255);
	assert_true(abs(m.r - (t[100].r + t[101].r) / 2) <= 1);
	assert_true(abs(m.g - (t[100].g + t[101].g) / 2) <= 1);
	assert_rgb(cmap_at_smooth(CMAP_VIRIDIS, 1), 0xFD, 0xE7, 0x25);
}

static void test_names(void **state)
{
	assert_int_equal(cmap_from_name("magma"), CMAP_MAGMA);
	assert_int_equal(cmap_from_name("jet"), -1);
	assert_string_equal(cmap_name(CMAP_CIVIDIS), "cividis");
}

static void test_palette(void **state)
{
	assert_rgb(cmap_palette(0), 0x00, 0x72, 0xB2);
	assert_rgb(cmap_palette(1), 0xD5, 0x5E, 0x00);
	assert_rgb(cmap_palette(CMAP_PALETTE_SIZE), 0x00, 0x72, 0xB2);
	assert_rgb(cmap_palette(-1), 0, 0, 0);
	for (int i = 0; i < CMAP_PALETTE_SIZE; i++)
		for (int j = 0; j < i; j++) {
			cmap_rgb a = cmap_palette(i), b = cmap_palette(j);
			assert_true(a.r != b.r || a.g != b.g || a.b != b.b);
		}
	assert_string_equal(cmap_palette_name(2), "bluish green");
	assert_rgb(cmap_mix((cmap_rgb){0, 0, 0}, (cmap_rgb){255, 100, 10}, 0.5), 128, 50, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoints),
		cmocka_unit_test(test_perceptual_order),
		cmocka_unit_test(test_smooth),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_palette),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
