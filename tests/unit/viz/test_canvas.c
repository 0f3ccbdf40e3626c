/* test_canvas: cells, braille, half blocks, lines, text output, diffs, and
 * small scenes drawn to golden text. */
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

static const cmap_rgb red = {255, 0, 0}, blue = {0, 0, 255};

static void test_new_bounds(void **state)
{
	assert_null(canvas_new(0, 5, CANVAS_TRUECOLOR));
	assert_null(canvas_new(5, CANVAS_MAX_DIM + 1, CANVAS_TRUECOLOR));
	canvas *c = canvas_new(3, 2, CANVAS_256);
	assert_non_null(c);
	assert_int_equal(canvas_width(c), 3);
	assert_null(canvas_at(c, 3, 0));
	assert_null(canvas_at(c, 0, -1));
	assert_int_equal(canvas_at(c, 2, 1)->ch, ' ');
	canvas_put(c, 9, 9, 'x', NULL, NULL, 0); /* ignored */
	canvas_free(c);
}

static void test_braille_bits(void **state)
{
	canvas *c = canvas_new(2, 1, CANVAS_TRUECOLOR);
	canvas_dot(c, 0, 0, red, 0);
	assert_int_equal(canvas_at(c, 0, 0)->ch, 0x2801);
	canvas_dot(c, 1, 3, blue, 0); /* dot 8 */
	assert_int_equal(canvas_at(c, 0, 0)->ch, 0x2881);
	assert_memory_equal(&canvas_at(c, 0, 0)->fg, &blue, sizeof blue); /* last colour wins */
	canvas_dot(c, 0, 3, red, 0);  /* dot 7 */
	canvas_dot(c, 1, 1, red, 0);  /* dot 5 */
	assert_int_equal(canvas_at(c, 0, 0)->ch, 0x28D1);
	/* all eight dots of the second cell */
	for (int y = 0; y < 4; y++)
		for (int x = 2; x < 4; x++)
			canvas_dot(c, x, y, red, 0);
	assert_int_equal(canvas_at(c, 1, 0)->ch, 0x28FF);
	canvas_dot(c, 4, 0, red, 0); /* outside: ignored */
	canvas_dot(c, -1, 0, red, 0);
	char u[5];
	assert_int_equal(canvas_cell_utf8(canvas_at(c, 1, 0), u), 3);
	assert_string_equal(u, "\xe2\xa3\xbf");
	canvas_free(c);
}

static void test_half_blocks(void **state)
{
	canvas *c = canvas_new(1, 2, CANVAS_TRUECOLOR);
	canvas_heat_pixel(c, 0, 0, red);
	canvas_heat_pixel(c, 0, 1, blue);
	const canvas_cell *k = canvas_at(c, 0, 0);
	assert_int_equal(k->ch, 0x2580);
	assert_memory_equal(&k->fg, &red, sizeof red);
	assert_memory_equal(&k->bg, &blue, sizeof blue);
	assert_true(k->flags & CANVAS_HEAT);
	canvas_heat_pixel(c, 0, 3, red); /* bottom half of row 1 */
	assert_memory_equal(&canvas_at(c, 0, 1)->bg, &red, sizeof red);
	/* a braille dot over a heat cell keeps the mean as background */
	canvas_dot(c, 0, 0, (cmap_rgb){1, 2, 3}, 0);
	k = canvas_at(c, 0, 0);
	assert_int_equal(k->ch, 0x2801);
	assert_int_equal(k->bg.r, 128);
	assert_int_equal(k->bg.b, 128);
	assert_false(k->flags & CANVAS_HEAT);
	canvas_free(c);
}

static void test_line_clip(void **state)
{
	canvas *c = canvas_new(10, 5, CANVAS_TRUECOLOR);
	/* a horizontal line through row 9 of dots, from far left to far right, clipped
	 * to sub-cells x 4..11 */
	canvas_rect clip = {4, 0, 8, 20};
	canvas_line(c, -100, 9, 100, 9, &clip, red, 0);
	for (int x = 0; x < 10; x++) {
		uint32_t ch = canvas_at(c, x, 2)->ch;
		if (x >= 2 && x <= 5)
			assert_int_equal(ch, 0x2800 | 0x02 | 0x10); /* row 1 of the cell, both columns */
		else
			assert_int_equal(ch, ' ');
	}
	/* a diagonal: one dot per step, ends included */
	canvas *d = canvas_new(4, 2, CANVAS_TRUECOLOR);
	canvas_line(d, 0, 0, 7, 7, NULL, red, 0);
	assert_int_equal(canvas_at(d, 0, 0)->ch, 0x2800 | 0x01 | 0x10);
	assert_int_equal(canvas_at(d, 3, 1)->ch, 0x2800 | 0x04 | 0x80);
	assert_int_equal(canvas_at(d, 1, 0)->ch, 0x2800 | 0x04 | 0x80);
	canvas_line(d, -5, -5, -1, -1, NULL, red, 0); /* fully outside */
	canvas_free(d);
	canvas_free(c);
}

static void test_text_and_frame_plain(void **state)
{
	canvas *c = canvas_new(8, 3, CANVAS_TRUECOLOR);
	canvas_frame(c, (canvas_rect){0, 0, 8, 3}, NULL);
	assert_int_equal(canvas_text(c, 1, 1, "x\xc2\xb2=4", &red, CANVAS_BOLD), 4);
	char *s = canvas_to_text(c, CANVAS_OUT_PLAIN);
	assert_string_equal(s, "┌──────┐\n│x²=4  │\n└──────┘\n");
	free(s);
	canvas *a = canvas_new(8, 3, CANVAS_ASCII);
	canvas_frame(a, (canvas_rect){0, 0, 8, 3}, &red);
	canvas_text(a, 1, 1, "x\xc2\xb2=4", &red, 0);
	s = canvas_to_text(a, CANVAS_OUT_ANSI); /* no colour in ASCII mode */
	assert_string_equal(s, "+------+\n|x^2=4 |\n+------+\n");
	free(s);
	canvas_free(a);
	/* a bound's formula spelled in ASCII, as wide as canvas_text_cells says */
	static const char *const f = "\xe2\x80\x96x\xe2\x82\x80 \xe2\x88\x92 x*\xe2\x80\x96\xc2\xb2 "
				     "\xe2\x89\xa4 \xe2\x88\x9a(\xce\xbct)\xe1\xb5\x8f \xe2\x98\x83";
	a = canvas_new(40, 1, CANVAS_ASCII);
	assert_int_equal(canvas_text(a, 0, 0, f, NULL, 0), canvas_text_cells(a, f));
	s = canvas_to_text(a, CANVAS_OUT_PLAIN);
	assert_string_equal(s, "|x0 - x*|^2 <= sqrt(mut)^k ?\n");
	free(s);
	assert_int_equal(canvas_text_cells(c, f), canvas_text_width(f)); /* one cell each */
	canvas_free(a);
	canvas_free(c);
	assert_int_equal(canvas_text_width("a\xe2\xa0\x80z"), 3);
}

static void test_ansi(void **state)
{
	canvas *c = canvas_new(3, 1, CANVAS_TRUECOLOR);
	canvas_put(c, 0, 0, 'a', &red, NULL, CANVAS_BOLD);
	canvas_put(c, 1, 0, 'b', &red, NULL, CANVAS_BOLD);
	canvas_heat_pixel(c, 2, 0, blue);
	char *s = canvas_to_text(c, CANVAS_OUT_ANSI);
	assert_string_equal(s, "\x1b[0;1;38;2;255;0;0mab\x1b[0;38;2;0;0;255;48;2;0;0;255m\xe2\x96\x80"
			       "\x1b[0m\n");
	free(s);
	canvas *q = canvas_new(1, 1, CANVAS_256);
	canvas_put(q, 0, 0, 'z', &red, &(cmap_rgb){128, 128, 128}, 0);
	s = canvas_to_text(q, CANVAS_OUT_ANSI);
	assert_string_equal(s, "\x1b[0;38;5;196;48;5;244mz\x1b[0m\n");
	free(s);
	canvas_free(q);
	canvas_free(c);
	assert_int_equal(canvas_rgb_to_256((cmap_rgb){0, 0, 0}), 16);
	assert_int_equal(canvas_rgb_to_256((cmap_rgb){255, 255, 255}), 231);
	assert_int_equal(canvas_rgb_to_256((cmap_rgb){0, 95, 135}), 16 + 6 + 2);
	assert_int_equal(canvas_rgb_to_256((cmap_rgb){30, 30, 31}), 234);
}

static void test_diff(void **state)
{
	canvas *a = canvas_new(6, 3, CANVAS_TRUECOLOR), *b = canvas_new(6, 3, CANVAS_TRUECOLOR);
	canvas_run r[8];
	assert_int_equal(canvas_diff(a, b, r, 8), 0);
	canvas_text(b, 1, 0, "ab", NULL, 0);
	canvas_text(b, 5, 0, "c", NULL, 0);
	canvas_dot(b, 0, 8, red, 0);
	assert_int_equal(canvas_diff(a, b, r, 8), 3);
	assert_true(r[0].y == 0 && r[0].x == 1 && r[0].n == 2);
	assert_true(r[1].y == 0 && r[1].x == 5 && r[1].n == 1);
	assert_true(r[2].y == 2 && r[2].x == 0 && r[2].n == 1);
	/* same glyph, other colour: changed */
	canvas_text(a, 1, 0, "ab", &red, 0);
	assert_int_equal(canvas_diff(a, b, r, 1), 3); /* total even when OUT is short */
	/* different sizes: every row */
	canvas *c = canvas_new(4, 2, CANVAS_TRUECOLOR);
	assert_int_equal(canvas_diff(a, c, r, 8), 2);
	assert_true(r[1].y == 1 && r[1].x == 0 && r[1].n == 4);
	canvas_free(a);
	canvas_free(b);
	canvas_free(c);
}

/* A 3 x 3 grid of x + y on [0, 2]^2, a path along the diagonal, a minimizer. */
static const double grid9[9] = {0, 1, 2, 1, 2, 3, 2, 3, 4};
static const double px[3] = {0.2, 1, 1.8}, py[3] = {0.2, 1, 1.8};

static scene_field small_field(void)
{
	static scene_path path;
	static scene_point star = {0.2, 1.8, "min"};
	path = (scene_path){"gd", 0, px, py, 3, true, true, SCENE_TRIAL_NONE};
	return (scene_field){.x0 = 0, .x1 = 2, .y0 = 0, .y1 = 2, .values = grid9, .w = 3, .h = 3,
			     .cmap = CMAP_VIRIDIS, .vmin = NAN, .vmax = NAN, .nlevels = 0,
			     .paths = &path, .npaths = 1, .points = &star, .npoints = 1};
}

static void test_field_ascii_golden(void **state)
{
	scene_field f = small_field();
	canvas *c = canvas_new(24, 8, CANVAS_ASCII);
	canvas_draw_field(c, (canvas_rect){0, 0, 24, 8}, &f);
	char *s = canvas_to_text(c, CANVAS_OUT_PLAIN);
	const char *want = "2+==X+++*****####%%%aA@@\n"
			   " |-====+++++****aaaa#%%%\n"
			   " |-----====++aaaa***####\n"
			   "1+::::---aaaaa=++++*****\n"
			   " |...:aaaa----====+++++*\n"
			   "0+  aa...::::----- a gd\n"
			   " ++----------+---------+\n"
			   "  0          1         2\n";
	assert_string_equal(s, want);
	free(s);
	canvas_free(c);
}

static void test_field_colour(void **state)
{
	scene_field f = small_field();
	f.nlevels = 3;
	canvas *c = canvas_new(40, 12, CANVAS_TRUECOLOR);
	canvas_draw_field(c, (canvas_rect){0, 0, 40, 12}, &f);
	/* the heat cell at the top right is yellow-ish (high), bottom left purple */
	int hx = -1;
	for (int x = 0; x < 40 && hx < 0; x++)
		if (canvas_at(c, x, 9)->flags & CANVAS_HEAT)
			hx = x;
	assert_true(hx > 0);
	const canvas_cell *lo = canvas_at(c, hx, 9);
	assert_true(lo->bg.b > lo->bg.g); /* viridis low end: blue over green */
	/* the end marker is a filled circle in the run's colour, somewhere; the path's
	 * cells are braille in that colour over a dimmed heat (the halo) */
	cmap_rgb rc = canvas_run_color(NULL, 0);
	bool end = false, star = false, braille = false;
	for (int y = 0; y < 12; y++)
		for (int x = 0; x < 40; x++) {
			const canvas_cell *k = canvas_at(c, x, y);
			end |= k->ch == 0x25CF && memcmp(&k->fg, &rc, sizeof rc) == 0;
			star |= k->ch == 0x2605;
			if (k->ch > 0x2800 && k->ch <= 0x28FF && memcmp(&k->fg, &rc, sizeof rc) == 0) {
				braille = true;
				assert_true(k->flags & CANVAS_HALO);
				assert_true(cmap_luminance(k->bg) < 0.05);
			}
		}
	assert_true(end && star && braille);
	canvas_free(c);
}

/* WCAG 2 contrast ratio of two colours, 1 (same luminance) to 21. */
static double contrast(cmap_rgb a, cmap_rgb b)
{
	double la = cmap_luminance(a), lb = cmap_luminance(b);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* Every run colour on the view stands out from every colormap entry under its
 * path (a dimmed halo): a contrast ratio of at least 3 (WCAG's rule for graphics),
 * in true colour and after both are quantized to 256 colours; the default palette
 * and a user's `colors` alike (the named ones, and a list with navy and black). */
static void test_run_colours_contrast(void **state)
{
	(void)state;
	double worst = 100;
	static const char *const palettes[] = {NULL, "tab10", "dark2", "gray",
					       "#000080,#ffff00,#000000,#7f0000"};
	for (size_t q = 0; q < sizeof palettes / sizeof *palettes; q++) {
		scene_style st = {0};
		if (palettes[q])
			st.ncolors = scene_colors_parse(palettes[q], st.colors, SCENE_COLORS_MAX);
		assert_true(!palettes[q] || st.ncolors >= 4);
		for (int i = 0; i < CMAP_PALETTE_SIZE; i++) {
			cmap_rgb rc = canvas_run_color(palettes[q] ? &st : NULL, i);
			cmap_rgb p = palettes[q] ? st.colors[i % st.ncolors] : cmap_palette(i);
			assert_true(cmap_luminance(rc) >= CANVAS_RUN_MIN_LUM - 1e-3);
			if (cmap_luminance(p) >= CANVAS_RUN_MIN_LUM) /* light enough: unchanged */
				assert_memory_equal(&rc, &p, sizeof rc);
			else /* lightened towards white: no channel darker, the hue's order kept */
				assert_true(rc.r >= p.r && rc.g >= p.g && rc.b >= p.b &&
					    (p.r >= p.b) == (rc.r >= rc.b));
			cmap_rgb rq = canvas_256_to_rgb(canvas_rgb_to_256(rc));
			for (int m = 0; m < CMAP_COUNT; m++)
				for (int k = 0; k < CMAP_SIZE; k++) {
					cmap_rgb h = canvas_halo_color(cmap_table((cmap_id)m)[k]);
					cmap_rgb hq = canvas_256_to_rgb(canvas_rgb_to_256(h));
					worst = fmin(worst, fmin(contrast(rc, h), contrast(rq, hq)));
				}
		}
	}
	assert_true(worst >= 3.0);
	/* and without the halo the same colours would not do: the halo is needed */
	double bare = 100;
	for (int k = 0; k < CMAP_SIZE; k++)
		bare = fmin(bare, contrast(canvas_run_color(NULL, 0), cmap_table(CMAP_VIRIDIS)[k]));
	assert_true(bare < 1.5);
}

/* The 256-colour table round-trips on the cube and the grey ramp. */
static void test_256_table(void **state)
{
	(void)state;
	for (int k = 16; k < 256; k++)
		assert_int_equal(canvas_rgb_to_256(canvas_256_to_rgb(k)), k);
	cmap_rgb w = canvas_256_to_rgb(231), g = canvas_256_to_rgb(232);
	assert_true(w.r == 255 && w.g == 255 && w.b == 255);
	assert_true(g.r == 8 && g.g == 8 && g.b == 8);
}

/* A halo dims a cell once, however many lines pass, and not in ASCII. */
static void test_halo(void **state)
{
	(void)state;
	canvas *c = canvas_new(4, 2, CANVAS_TRUECOLOR);
	cmap_rgb y = {240, 220, 40};
	for (int j = 0; j < 4; j++)
		for (int i = 0; i < 4; i++)
			canvas_heat_pixel(c, i, j, y);
	canvas_halo_line(c, 0, 0, 7, 0, NULL);
	canvas_halo_line(c, 0, 1, 7, 1, NULL);
	const canvas_cell *k = canvas_at(c, 2, 0);
	assert_true(k->flags & CANVAS_HALO && k->flags & CANVAS_HEAT);
	cmap_rgb want = canvas_halo_color(y);
	assert_memory_equal(&k->bg, &want, sizeof want);
	assert_memory_equal(&k->fg, &want, sizeof want);
	assert_false(canvas_at(c, 2, 1)->flags & CANVAS_HALO);
	canvas_free(c);
	c = canvas_new(4, 2, CANVAS_ASCII);
	canvas_heat_pixel(c, 0, 0, y);
	canvas_halo_line(c, 0, 0, 7, 0, NULL);
	assert_false(canvas_at(c, 0, 0)->flags & CANVAS_HALO);
	canvas_free(c);
}

/* Which colours the cells of C are drawn in (braille, markers, legend swatches). */
static bool canvas_has_fg(const canvas *c, int w, int h, cmap_rgb col)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const canvas_cell *k = canvas_at(c, x, y);
			if ((k->flags & CANVAS_FG) && memcmp(&k->fg, &col, sizeof col) == 0 &&
			    k->ch != ' ')
				return true;
		}
	return false;
}

/* A user's `colors` reach the terminal: the field's trajectory and markers and the
 * convergence curve and legend take the user's colour (lightened for contrast), not
 * the palette's. */
static void test_style_colours(void **state)
{
	(void)state;
	scene_style st = {0};
	st.ncolors = scene_colors_parse("#000080,#ffd700", st.colors, SCENE_COLORS_MAX);
	assert_int_equal(st.ncolors, 2);
	cmap_rgb navy = canvas_run_color(&st, 0), dflt = canvas_run_color(NULL, 0);
	assert_true(navy.b > navy.r && navy.b > navy.g); /* still blue, lighter */
	assert_true(memcmp(&navy, &dflt, sizeof navy) != 0);
	cmap_rgb gold = canvas_run_color(&st, 1);
	assert_true(gold.r == 255 && gold.g == 215 && gold.b == 0); /* light: kept */
	scene_field f = small_field();
	f.style = st;
	canvas *c = canvas_new(40, 12, CANVAS_TRUECOLOR);
	canvas_draw_field(c, (canvas_rect){0, 0, 40, 12}, &f);
	assert_true(canvas_has_fg(c, 40, 12, navy));
	assert_false(canvas_has_fg(c, 40, 12, dflt));
	canvas_free(c);
	double x[5] = {0, 1, 2, 3, 4}, y[5] = {1, 1e-1, 1e-2, 1e-3, 1e-4};
	scene_series sr[2] = {{"gd", 0, x, y, 5, false, .path = false},
			      {"nag", 1, x, y, 5, true, .path = false}};
	scene_conv cv = {NULL, "iter", "f", true, sr, 2, .xlim = {0, 0}, .style = st};
	c = canvas_new(40, 12, CANVAS_256);
	canvas_draw_convergence(c, (canvas_rect){0, 0, 40, 12}, &cv);
	assert_true(canvas_has_fg(c, 40, 12, navy) && canvas_has_fg(c, 40, 12, gold));
	assert_false(canvas_has_fg(c, 40, 12, dflt));
	/* a 256-colour terminal shows the nearest xterm colour: gold's is yellowish */
	cmap_rgb q = canvas_256_to_rgb(canvas_rgb_to_256(gold));
	assert_true(q.r > 200 && q.g > 150 && q.b < 80);
	canvas_free(c);
}

/* A legend label wider than the plot (a bound's formula) keeps its start and ends in an
 * ellipsis, within the plot, instead of the legend being left out. */
static void test_legend_cut(void **state)
{
	(void)state;
	double x[5] = {0, 1, 2, 3, 4}, y[5] = {1, 1e-1, 1e-2, 1e-3, 1e-4};
	scene_series sr = {"a bound: \xe2\x80\x96x\xe2\x82\x80 \xe2\x88\x92 x*\xe2\x80\x96\xc2\xb2 / "
			   "(2tk) (t = 0.1, L = 10, and more constants)",
			   0, x, y, 5, true, .path = false};
	scene_conv cv = {NULL, "iter", "f", true, &sr, 1, .xlim = {0, 0}};
	canvas *c = canvas_new(40, 12, CANVAS_TRUECOLOR);
	canvas_draw_convergence(c, (canvas_rect){0, 0, 40, 12}, &cv);
	char *s = canvas_to_text(c, CANVAS_OUT_PLAIN);
	const char *at = strstr(s, "a bound: \xe2\x80\x96x\xe2\x82\x80");
	assert_non_null(at);
	const char *eol = strchr(at, '\n'), *ell = strstr(at, "\xe2\x80\xa6");
	assert_true(ell && ell < eol);
	free(s);
	canvas_free(c);
}

static void test_convergence_golden(void **state)
{
	double x[5] = {0, 1, 2, 3, 4}, y[5] = {1, 1e-1, 1e-2, 1e-3, 1e-4};
	scene_series sr = {"gd", 0, x, y, 5, false, .path = false};
	scene_conv cv = {NULL, "iter", "f", true, &sr, 1, .xlim = {0, 0}};
	canvas *c = canvas_new(30, 9, CANVAS_ASCII);
	canvas_draw_convergence(c, (canvas_rect){0, 0, 30, 9}, &cv);
	char *s = canvas_to_text(c, CANVAS_OUT_PLAIN);
	const char *want = "f\n"
			   " 1e0+aaaa               a gd\n"
			   "    |    aaaa\n"
			   "    |        aaaa\n"
			   "1e-2+            aaaa\n"
			   "    |                aaaa\n"
			   "1e-4+                    aaaa\n"
			   "    ++-----------+----------+\n"
			   "     0           2          4\n";
	assert_string_equal(s, want);
	free(s);
	canvas_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_bounds),
		cmocka_unit_test(test_braille_bits),
		cmocka_unit_test(test_half_blocks),
		cmocka_unit_test(test_line_clip),
		cmocka_unit_test(test_text_and_frame_plain),
		cmocka_unit_test(test_ansi),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_field_ascii_golden),
		cmocka_unit_test(test_field_colour),
		cmocka_unit_test(test_convergence_golden),
		cmocka_unit_test(test_run_colours_contrast),
		cmocka_unit_test(test_style_colours),
		cmocka_unit_test(test_legend_cut),
		cmocka_unit_test(test_256_table),
		cmocka_unit_test(test_halo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
