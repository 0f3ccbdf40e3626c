/* Figure options read back from the files the real binary writes: an animated
 * GIF decoded by giflib (frame count, loop, same bytes twice), xrange and yrange
 * honoured (the curve's pixel rows), the legend moved off a curve under the
 * default corner, a run's label in the trace CSV, `colors` in the curves' pixels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>
#include <gif_lib.h>
#include <png.h>

#include "../testdir.h"
#include "../testpng.h"
#include "fig.h"

static const unsigned char *px(const image *m, int x, int y)
{
	return m->px + ((size_t)y * m->im.width + (size_t)x) * 3;
}

static const char *const two_runs =
	"problem rosen = rosenbrock\n"
	"run gd = gd(step = 1e-3, linesearch = none) on rosen from (-1.2, 1)\n"
	"run bfgs = bfgs on rosen from (-1.2, 1) label \"BFGS (Wolfe)\"\n"
	"until gnorm < 1e-9 max 200\n";

static void test_gif(void **state)
{
	(void)state;
	char script[1024];
	snprintf(script, sizeof script,
	         "%sexport \"a.gif\" frames 12 fps 5 size 400x300\n"
	         "export \"b.gif\" frames 12 fps 5 size 400x300\n",
	         two_runs);
	assert_int_equal(run_script(script), 0);
	size_t na, nb;
	unsigned char *a = slurp("a.gif", &na), *b = slurp("b.gif", &nb);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na); /* the same script, the same bytes */
	free(a);
	free(b);
	int err = 0;
	GifFileType *g = DGifOpenFileName("a.gif", &err);
	assert_non_null(g);
	assert_int_equal(DGifSlurp(g), GIF_OK);
	assert_int_equal(g->SWidth, 400);
	assert_int_equal(g->SHeight, 300);
	assert_int_equal(g->ImageCount, 12);
	bool loop = false;
	for (int i = 0; i < g->ImageCount; i++) {
		GraphicsControlBlock gcb;
		assert_int_equal(DGifSavedExtensionToGCB(g, i, &gcb), GIF_OK);
		assert_int_equal(gcb.DelayTime, i < 11 ? 20 : 200); /* 5 fps, the last held 2 s */
		const SavedImage *im = &g->SavedImages[i];
		for (int e = 0; e < im->ExtensionBlockCount; e++)
			if (im->ExtensionBlocks[e].Function == APPLICATION_EXT_FUNC_CODE &&
			    im->ExtensionBlocks[e].ByteCount == 11 &&
			    memcmp(im->ExtensionBlocks[e].Bytes, "NETSCAPE2.0", 11) == 0)
				loop = true;
	}
	assert_true(loop);
	/* the first frame is whole; later ones are the rectangles that changed */
	assert_int_equal(g->SavedImages[0].ImageDesc.Width, 400);
	assert_true(g->SavedImages[5].ImageDesc.Width * g->SavedImages[5].ImageDesc.Height <
	            400 * 300);
	DGifCloseFile(g, &err);
}

/* Pixels that are ink of a kind: 0 the axes' near black, 1 the first run's blue
 * (antialiased: any pixel clearly bluer than it is red), 2 the legend's grey border. */
static bool is_kind(const unsigned char *p, int kind)
{
	switch (kind) {
	case 0: return p[0] < 60 && p[1] < 60 && p[2] < 60;
	case 1: return p[2] - p[0] > 30;
	default: return p[0] >= 200 && p[0] <= 210 && p[0] == p[1] && p[1] == p[2];
	}
}

/* The bounding box of the rows (columns) holding more than MIN pixels of KIND, and
 * the KIND-weighted mean row. -1 when there are none. */
static int find_kind(const image *m, int kind, int min, int *x0, int *x1, int *y0, int *y1,
                     double *ymean)
{
	int w = (int)m->im.width, h = (int)m->im.height;
	*x0 = *y0 = 1 << 30, *x1 = *y1 = -1;
	double sy = 0, sn = 0;
	for (int y = 0; y < h; y++) {
		int n = 0;
		for (int x = 0; x < w; x++)
			n += is_kind(px(m, x, y), kind);
		if (n > min) {
			*y0 = y < *y0 ? y : *y0, *y1 = y > *y1 ? y : *y1;
			sy += (double)n * y, sn += n;
		}
	}
	for (int x = 0; x < w; x++) {
		int n = 0;
		for (int y = 0; y < h; y++)
			n += is_kind(px(m, x, y), kind);
		if (n > (kind == 0 ? min : 0))
			*x0 = x < *x0 ? x : *x0, *x1 = x > *x1 ? x : *x1;
	}
	if (ymean)
		*ymean = sn > 0 ? sy / sn : NAN;
	return *x1 >= 0 && *y1 >= 0 ? 0 : -1;
}

/* The plot area: the rows and columns of its frame (long runs of near black). */
static void find_frame(const image *m, int *x0, int *x1, int *y0, int *y1)
{
	assert_int_equal(find_kind(m, 0, (int)m->im.width / 2, x0, x1, y0, y1, NULL), 0);
	int a, b, c, d;
	assert_int_equal(find_kind(m, 0, (int)m->im.height / 2, &a, &b, &c, &d, NULL), 0);
	/* columns of the frame: those with more than half the height in ink */
	int w = (int)m->im.width, h = (int)m->im.height;
	*x0 = 1 << 30, *x1 = -1;
	for (int x = 0; x < w; x++) {
		int n = 0;
		for (int y = 0; y < h; y++)
			n += is_kind(px(m, x, y), 0);
		if (n > (*y1 - *y0) / 2)
			*x0 = x < *x0 ? x : *x0, *x1 = x > *x1 ? x : *x1;
	}
}

static void test_ranges(void **state)
{
	(void)state;
	/* f = 1e5 (to display precision) for 200 steps: on yrange 0:4e5 the line is a
	 * quarter of the way up, and xrange 0:100 cuts it at the right edge */
	assert_int_equal(run_script("problem q = 1e5 + 1e-6*x + 0*y\n"
	                            "run a = gd(step = 1, linesearch = none) on q from (1, 1) "
	                            "gtol 0 xtol 0 ftol 0\n"
	                            "step a 200\n"
	                            "export \"r.png\" convergence metric f size 400x300 legend none "
	                            "grid off xrange 0:100 yrange 0:4e5\n"),
	                 0);
	image m;
	assert_int_equal(image_load(&m, "r.png"), 0);
	int fx0, fx1, fy0, fy1, lx0, lx1, ly0, ly1;
	double ly;
	find_frame(&m, &fx0, &fx1, &fy0, &fy1);
	assert_int_equal(find_kind(&m, 1, 0, &lx0, &lx1, &ly0, &ly1, &ly), 0);
	double want = fy1 - (fy1 - fy0) * 0.25;
	print_message("frame %d..%d x %d..%d, line rows %d..%d mean %.2f (want %.1f), cols %d..%d\n",
	              fx0, fx1, fy0, fy1, ly0, ly1, ly, want, lx0, lx1);
	assert_true(fabs(ly - want) < 1.5);
	assert_true(lx0 <= fx0 + 2 && lx1 >= fx1 - 2); /* clipped at both ends of 0:100 */
	free(m.px);
}

static void test_legend_avoids(void **state)
{
	(void)state;
	/* a flat curve along the top of the plot: the top corners are taken, so the
	 * legend goes to a bottom corner, and the curve stays visible at the top right */
	assert_int_equal(run_script("problem q = 1 + 1e-9*x + 0*y\n"
	                            "run a = gd(step = 1, linesearch = none) on q from (1, 1) "
	                            "gtol 0 xtol 0 ftol 0 label \"a long label here\"\n"
	                            "step a 50\n"
	                            "export \"l.png\" convergence metric f size 400x300 grid off "
	                            "yrange 0:1.05\n"),
	                 0);
	image m;
	assert_int_equal(image_load(&m, "l.png"), 0);
	int fx0, fx1, fy0, fy1, bx0, bx1, by0, by1;
	find_frame(&m, &fx0, &fx1, &fy0, &fy1);
	assert_int_equal(find_kind(&m, 2, 30, &bx0, &bx1, &by0, &by1, NULL), 0);
	print_message("legend box rows %d..%d in frame rows %d..%d\n", by0, by1, fy0, fy1);
	assert_true(by0 > (fy0 + fy1) / 2);
	bool seen = false; /* the curve at the top right, where the legend was not put */
	for (int y = fy0; y < (fy0 + fy1) / 2; y++)
		seen = seen || is_kind(px(&m, fx1 - 3, y), 1);
	assert_true(seen);
	free(m.px);
}

static void test_label_csv(void **state)
{
	(void)state;
	assert_int_equal(run_script("problem q = x^2 + y^2\n"
	                            "run a = gd on q from (1, 1) label \"heavy \\\"ball\\\", μ\"\n"
	                            "step a 2\n"
	                            "export \"t.csv\" a\n"),
	                 0);
	size_t n;
	char *csv = (char *)slurp("t.csv", &n);
	assert_non_null(csv);
	char *nl = strchr(csv, '\n');
	assert_non_null(nl);
	*nl = 0;
	size_t hl = strlen(csv);
	assert_true(hl > 6 && strcmp(csv + hl - 6, ",label") == 0);
	assert_non_null(strstr(nl + 1, ",\"heavy \"\"ball\"\", μ\"\n")); /* RFC 4180 quoting */
	free(csv);
}

static void test_one_dimension(void **state)
{
	(void)state;
	/* f(x) beside the convergence plot: the curve in black on the left half, Newton's
	 * iterates on it in the first run colour */
	assert_int_equal(run_script("problem f = x^4 - 3*x^2 + x + 3\n"
	                            "run n = newton on f from (2.2)\n"
	                            "step 6\n"
	                            "export \"one.png\" size 600x300\n"),
	                 0);
	image m;
	assert_int_equal(image_load(&m, "one.png"), 0);
	int x0, x1, y0, y1;
	assert_int_equal(find_kind(&m, 1, 0, &x0, &x1, &y0, &y1, NULL), 0);
	assert_true(x0 < 300); /* the run's blue is on the left panel too */
	free(m.px);
}

/* Pixels of exactly colour (r, g, b). */
static size_t count_rgb(const image *m, int r, int g, int b)
{
	size_t n = 0;
	for (int y = 0; y < (int)m->im.height; y++)
		for (int x = 0; x < (int)m->im.width; x++) {
			const unsigned char *p = px(m, x, y);
			n += p[0] == r && p[1] == g && p[2] == b;
		}
	return n;
}

static void test_colors(void **state)
{
	(void)state;
	char script[1024];
	snprintf(script, sizeof script,
	         "%sexport \"c.png\" convergence size 400x300 legend none linewidth 3 colors \"#ff00ff, #00c000\"\n"
	         "export \"d.png\" convergence size 400x300 legend none linewidth 3 colors tab10\n"
	         "export \"e.png\" convergence size 400x300 legend none linewidth 3\n",
	         two_runs);
	assert_int_equal(run_script(script), 0);
	image c, d, e;
	assert_int_equal(image_load(&c, "c.png"), 0);
	assert_int_equal(image_load(&d, "d.png"), 0);
	assert_int_equal(image_load(&e, "e.png"), 0);
	cmap_rgb blue = cmap_palette(0); /* the default first run colour */
	size_t magenta = count_rgb(&c, 255, 0, 255), green = count_rgb(&c, 0, 192, 0);
	size_t tab_blue = count_rgb(&d, 0x1f, 0x77, 0xb4), tab_orange = count_rgb(&d, 0xff, 0x7f, 0x0e);
	print_message("list: %zu magenta, %zu green; tab10: %zu blue, %zu orange; default: %zu/%zu\n",
	              magenta, green, tab_blue, tab_orange, count_rgb(&e, blue.r, blue.g, blue.b),
	              count_rgb(&c, blue.r, blue.g, blue.b));
	assert_true(magenta > 50 && green > 10); /* gd's long curve, bfgs's short one */
	assert_true(tab_blue > 50 && tab_orange > 10);
	assert_true(count_rgb(&e, blue.r, blue.g, blue.b) > 50);
	assert_int_equal(count_rgb(&c, blue.r, blue.g, blue.b), 0);
	assert_int_equal(count_rgb(&e, 255, 0, 255), 0);
	free(c.px), free(d.px), free(e.px);
	/* malformed lists and unknown names are refused */
	snprintf(script, sizeof script, "%sexport \"f.png\" colors \"#ff00\"\n", two_runs);
	assert_int_not_equal(run_script(script), 0);
	snprintf(script, sizeof script, "%sexport \"f.png\" colors rainbow\n", two_runs);
	assert_int_not_equal(run_script(script), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gif),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_legend_avoids),
		cmocka_unit_test(test_label_csv),
		cmocka_unit_test(test_one_dimension),
		cmocka_unit_test(test_colors),
	};
	return cmocka_run_group_tests(tests, testdir_setup, testdir_teardown);
}
