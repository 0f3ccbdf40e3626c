/* test_fig: figures written and read back: PNG size, text chunks, pixels of a
 * trajectory and of the colour bar, determinism; SVG and PDF structure; atomic
 * writes that leave nothing behind on error. */
#include <dirent.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../testpng.h"
#include "fig.h"

static char dir[64];

static const char *tmp(const char *name)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void image_read(image *m, const char *path)
{
	assert_int_equal(image_load(m, path), 0);
}

static cmap_rgb image_at(const image *m, int x, int y)
{
	const unsigned char *p = m->px + ((size_t)y * m->im.width + x) * 3;
	return (cmap_rgb){p[0], p[1], p[2]};
}

static int rgb_dist(cmap_rgb a, cmap_rgb b)
{
	return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b);
}

/* Constant field on [0, 1]^2 and a path (0.2, 0.3) -> (0.8, 0.3) -> (0.8, 0.7). */
static const double flat[4] = {5, 5, 5, 5};
static const double pxs[3] = {0.2, 0.8, 0.8}, pys[3] = {0.3, 0.3, 0.7};
static scene_path run_path = {"run", 1, pxs, pys, 3, false, false, SCENE_TRIAL_NONE};

static scene_field flat_field(void)
{
	return (scene_field){.title = "flat", .xlabel = "x", .ylabel = "y", .x0 = 0, .x1 = 1,
			     .y0 = 0, .y1 = 1, .values = flat, .w = 2, .h = 2, .cmap = CMAP_VIRIDIS,
			     .vmin = NAN, .vmax = NAN, .nlevels = 5, .paths = &run_path, .npaths = 1};
}

static void test_png_roundtrip(void **state)
{
	scene_field f = flat_field();
	/* a long script with UTF-8, so that the compressed iTXt matters */
	size_t n = 20000;
	char *src = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		src[i] = "problem p = x^2 + y^2 # \xc2\xb2\n"[i % 28];
	src[n] = 0;
	fig_opts o = {800, 600, "optlab 0.1.0", src};
	char err[256] = "";
	const char *p = tmp("a.png");
	assert_int_equal(fig_write(p, FIG_PNG, &o, &f, NULL, err, sizeof err), 0);
	image m;
	image_read(&m, p);
	assert_int_equal(m.im.width, 800);
	assert_int_equal(m.im.height, 600);
	char *back = fig_png_read_source(p, err, sizeof err);
	assert_non_null(back);
	assert_string_equal(back, src);
	free(back);
	/* the Software chunk, read with libpng's own API */
	FILE *fp = fopen(p, "rb");
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_init_io(png, fp);
	png_read_info(png, info);
	png_textp text;
	int nt = png_get_text(png, info, &text, NULL);
	bool soft = false;
	for (int i = 0; i < nt; i++)
		soft |= strcmp(text[i].key, "Software") == 0 &&
			strcmp(text[i].text, "optlab 0.1.0") == 0;
	assert_true(soft);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);
	free(src);
	free(m.px);
}

static void test_png_pixels(void **state)
{
	scene_field f = flat_field();
	f.nlevels = 0; /* no level marks across the colour bar */
	fig_opts o = {800, 600, NULL, NULL};
	const char *p = tmp("b.png");
	assert_int_equal(fig_write(p, FIG_PNG, &o, &f, NULL, NULL, 0), 0);
	image m;
	image_read(&m, p);
	/* the plot area: the bounding box of the field's colour (viridis at 0.5) */
	cmap_rgb mid = cmap_at_smooth(CMAP_VIRIDIS, 0.5);
	int x0 = 10000, y0 = 10000, x1 = -1, y1 = -1;
	for (int y = 0; y < 600; y++)
		for (int x = 0; x < 800; x++)
			if (rgb_dist(image_at(&m, x, y), mid) == 0) {
				x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
			}
	assert_true(x1 - x0 > 300 && y1 - y0 > 300);
	assert_true(abs((x1 - x0) - (y1 - y0)) <= 3); /* equal aspect */
	double w = x1 - x0 + 1, h = y1 - y0 + 1;
	cmap_rgb run = cmap_palette(1);
	/* near (x, y) in data: the run's colour within a pixel or two */
	struct {
		double x, y;
		bool on;
	} probe[] = {{0.5, 0.3, true}, {0.8, 0.5, true}, {0.2, 0.6, false}, {0.5, 0.7, false}};
	for (size_t k = 0; k < sizeof probe / sizeof *probe; k++) {
		int cx = (int)(x0 + probe[k].x * w), cy = (int)(y0 + (1 - probe[k].y) * h);
		int best = 1000;
		for (int dy = -2; dy <= 2; dy++)
			for (int dx = -2; dx <= 2; dx++) {
				int d = rgb_dist(image_at(&m, cx + dx, cy + dy), run);
				best = d < best ? d : best;
			}
		if (probe[k].on)
			assert_true(best < 30);
		else
			assert_true(best > 200);
	}
	/* the colour bar, right of the plot: yellow at the top, purple at the bottom */
	int bx = -1, ym = (y0 + y1) / 2;
	for (int x = x1 + 4; x < 800 && bx < 0; x++) {
		cmap_rgb c = image_at(&m, x, ym);
		if (abs(c.r - c.g) > 20 || abs(c.g - c.b) > 20)
			bx = x + 3;
	}
	assert_true(bx > 0);
	assert_true(rgb_dist(image_at(&m, bx, y0 + 3), cmap_at(CMAP_VIRIDIS, 1)) < 15);
	assert_true(rgb_dist(image_at(&m, bx, y1 - 3), cmap_at(CMAP_VIRIDIS, 0)) < 15);
	double last = 2;
	for (int y = y0 + 3; y < y1 - 3; y += 7) {
		double l = cmap_luminance(image_at(&m, bx, y));
		assert_true(l <= last + 1e-9);
		last = l;
	}
	free(m.px);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	*n = (size_t)ftell(fp);
	rewind(fp);
	unsigned char *b = malloc(*n + 1);
	assert_int_equal(fread(b, 1, *n, fp), *n);
	b[*n] = 0;
	fclose(fp);
	return b;
}

static void test_png_deterministic(void **state)
{
	double x[200], y[200];
	for (int i = 0; i < 200; i++)
		x[i] = i, y[i] = exp(-0.1 * i);
	scene_series s = {"gd", 0, x, y, 200, false, .path = false};
	scene_conv cv = {"c", "iteration", "f - f*", true, &s, 1, .xlim = {0, 0}};
	scene_field f = flat_field();
	fig_opts o = {900, 450, "optlab", "s"};
	assert_int_equal(fig_write(tmp("d1.png"), FIG_PNG, &o, &f, &cv, NULL, 0), 0);
	assert_int_equal(fig_write(tmp("d2.png"), FIG_PNG, &o, &f, &cv, NULL, 0), 0);
	size_t n1, n2;
	unsigned char *a = slurp(tmp("d1.png"), &n1), *b = slurp(tmp("d2.png"), &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
}

/* Occurrences of NEEDLE in the first N bytes of HAY (binary safe). */
static int count_n(const char *hay, size_t n, const char *needle)
{
	int k = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		k += memcmp(hay + i, needle, m) == 0;
	return k;
}

static int count(const char *hay, const char *needle)
{
	return count_n(hay, strlen(hay), needle);
}

static void test_svg_pdf(void **state)
{
	double x[50], y[3][50];
	for (int i = 0; i < 50; i++) {
		x[i] = i;
		for (int k = 0; k < 3; k++)
			y[k][i] = pow(0.5, i) * (1 - 0.1 * k); /* one y range for all */
	}
	/* same glyphs in every label, so that a series adds paths and no glyphs */
	scene_series s[3] = {{"ab", 0, x, y[0], 50, false, .path = false},
			     {"ba", 1, x, y[1], 50, false, .path = false},
			     {"aab", 2, x, y[2], 50, true, .path = false}};
	scene_conv cv = {NULL, "it", "f", true, s, 2, .xlim = {0, 0}};
	fig_opts o = {640, 480, "optlab", NULL};
	size_t n;
	assert_int_equal(fig_write(tmp("c2.svg"), FIG_SVG, &o, NULL, &cv, NULL, 0), 0);
	cv.nseries = 3;
	assert_int_equal(fig_write(tmp("c3.svg"), FIG_SVG, &o, NULL, &cv, NULL, 0), 0);
	char *a = (char *)slurp(tmp("c2.svg"), &n), *b = (char *)slurp(tmp("c3.svg"), &n);
	assert_true(strncmp(a, "<?xml", 5) == 0);
	/* the third series adds two stroked paths: its curve and its legend swatch */
	assert_int_equal(count(b, "<path style=\"fill:none") - count(a, "<path style=\"fill:none"), 2);
	free(a);
	free(b);
	if (access("/usr/bin/xmllint", X_OK) == 0) {
		char cmd[256];
		snprintf(cmd, sizeof cmd, "xmllint --noout %s", tmp("c3.svg"));
		assert_int_equal(system(cmd), 0);
	}
	scene_field f = flat_field();
	assert_int_equal(fig_write(tmp("f.pdf"), FIG_PDF, &o, &f, &cv, NULL, 0), 0);
	char *pdf = (char *)slurp(tmp("f.pdf"), &n);
	assert_true(n > 1000 && memcmp(pdf, "%PDF", 4) == 0);
	assert_int_equal(count_n(pdf, n, "/Type /Page") - count_n(pdf, n, "/Type /Pages"), 1);
	free(pdf);
	/* SOURCE_DATE_EPOCH fixes the creation date: the same figure, the same bytes */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	size_t n1, n2;
	assert_int_equal(fig_write(tmp("d1.pdf"), FIG_PDF, &o, &f, &cv, NULL, 0), 0);
	sleep(1);
	assert_int_equal(fig_write(tmp("d2.pdf"), FIG_PDF, &o, &f, &cv, NULL, 0), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	char *d1 = (char *)slurp(tmp("d1.pdf"), &n1), *d2 = (char *)slurp(tmp("d2.pdf"), &n2);
	assert_true(n1 == n2 && memcmp(d1, d2, n1) == 0);
	assert_int_equal(count_n(d1, n1, "20231114221320"), 1); /* 2023-11-14 22:13:20 UTC */
	free(d1);
	free(d2);
}

static int leftovers(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	return n;
}

/* A legend wider than its plot (a long bound formula) is set smaller to fit inside: no
 * text runs into the plot's right spine (where the plot's clip would cut it). */
static void test_legend_fits(void **state)
{
	double x[20], y[20];
	for (int i = 0; i < 20; i++)
		x[i] = i, y[i] = pow(0.5, i);
	scene_series s = {"a bound: 2\xe2\x80\x96x\xe2\x82\x80 \xe2\x88\x92 x*\xe2\x80\x96\xc2\xb2 / "
			  "(t(k+1)\xc2\xb2) (t = 0.1, L = 10, a long tail of constants, and more of "
			  "them, and more, and yet more)",
			  0, x, y, 20, true, .path = false};
	scene_conv cv = {NULL, "iteration", "f", true, &s, 1, .xlim = {0, 0}};
	cv.style.legend = SCENE_LEGEND_SW; /* from the left edge: it would run off the right */
	fig_opts o = {800, 600, NULL, NULL};
	assert_int_equal(fig_write(tmp("leg.png"), FIG_PNG, &o, NULL, &cv, NULL, 0), 0);
	image m;
	image_read(&m, tmp("leg.png"));
	int spine = -1, most = 0; /* the right spine: the darkest column of the right half */
	for (int xx = 400; xx < 800; xx++) {
		int k = 0;
		for (int yy = 0; yy < 600; yy++)
			k += cmap_luminance(image_at(&m, xx, yy)) < 0.1;
		if (k > most)
			most = k, spine = xx;
	}
	assert_true(most > 300);
	int top = 0, bottom = 599; /* the spine's extent: the plot's rows */
	while (top < 599 && cmap_luminance(image_at(&m, spine, top)) >= 0.1)
		top++;
	while (bottom > 0 && cmap_luminance(image_at(&m, spine, bottom)) >= 0.1)
		bottom--;
	assert_true(bottom - top > 300);
	int dark = 0; /* grey text, not the blue curve */
	for (int xx = spine - 8; xx <= spine - 2; xx++)
		for (int yy = top + 2; yy <= bottom - 2; yy++) {
			cmap_rgb c = image_at(&m, xx, yy);
			dark += cmap_luminance(c) < 0.3 && abs(c.r - c.b) < 30 && abs(c.g - c.b) < 30;
		}
	assert_int_equal(dark, 0);
	free(m.px);
}

/* Dark pixels of a PNG: what was drawn on the white page. */
static long drawn(const char *path)
{
	image m;
	image_read(&m, path);
	long n = 0;
	for (unsigned yy = 0; yy < m.im.height; yy++)
		for (unsigned xx = 0; xx < m.im.width; xx++)
			n += cmap_luminance(image_at(&m, (int)xx, (int)yy)) < 0.3;
	free(m.px);
	return n;
}

/* Pages that once came out blank: a series that is 0 throughout on a log axis (a feasible
 * run's violation) gets empty axes and its legend; a title with a byte that is not
 * UTF-8 (a Latin-1 letter) is drawn with U+FFFD, and the rest of the page with it. */
static void test_no_blank_pages(void **state)
{
	double x[10], zero[10] = {0}, y[10];
	for (int i = 0; i < 10; i++)
		x[i] = i, y[i] = pow(0.5, i);
	scene_series s = {"feasible", 0, x, zero, 10, false, .path = false};
	scene_conv cv = {NULL, "iteration", "violation", true, &s, 1, .xlim = {0, 0}};
	fig_opts o = {400, 300, NULL, NULL};
	assert_int_equal(fig_write(tmp("z.png"), FIG_PNG, &o, NULL, &cv, NULL, 0), 0);
	assert_true(drawn(tmp("z.png")) > 1000); /* the frame, ticks and labels */
	scene_series t = {"gd", 0, x, y, 10, false, .path = false};
	scene_conv ok = {"caf\xe9", "iteration", "f", true, &t, 1, .xlim = {0, 0}};
	assert_int_equal(fig_write(tmp("t.png"), FIG_PNG, &o, NULL, &ok, NULL, 0), 0);
	ok.title = "cafe";
	assert_int_equal(fig_write(tmp("u.png"), FIG_PNG, &o, NULL, &ok, NULL, 0), 0);
	long bad = drawn(tmp("t.png")), good = drawn(tmp("u.png"));
	assert_true(good > 1000 && labs(bad - good) < good / 20);
}

static void test_errors(void **state)
{
	scene_field f = flat_field();
	fig_opts o = {800, 600, NULL, NULL};
	char err[256] = "";
	assert_int_equal(fig_write(tmp("no/such/dir/x.png"), FIG_PNG, &o, &f, NULL, err, sizeof err),
			 -1);
	assert_non_null(strstr(err, "No such file"));
	o.width = 50;
	assert_int_equal(fig_write(tmp("small.png"), FIG_PNG, &o, &f, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "out of range"));
	o.width = 800;
	assert_int_equal(fig_write(tmp("x.png"), FIG_PNG, &o, NULL, NULL, err, sizeof err), -1);
	/* a failure after the temporary exists: nothing left behind, old file intact */
	FILE *fp = fopen(tmp("keep.svg"), "w");
	fputs("old", fp);
	fclose(fp);
	assert_int_equal(fig_write(tmp("keep.svg"), (fig_format)7, &o, &f, NULL, err, sizeof err), -1);
	size_t n;
	char *old = (char *)slurp(tmp("keep.svg"), &n);
	assert_string_equal(old, "old");
	free(old);
	assert_int_equal(leftovers(), 0);
	/* reading back */
	assert_null(fig_png_read_source(tmp("keep.svg"), err, sizeof err));
	assert_non_null(strstr(err, "not a PNG"));
	assert_int_equal(fig_write(tmp("nosrc.png"), FIG_PNG, &o, &f, NULL, NULL, 0), 0);
	assert_null(fig_png_read_source(tmp("nosrc.png"), err, sizeof err));
	assert_non_null(strstr(err, "no Source"));
	assert_null(fig_png_read_source(tmp("absent.png"), err, sizeof err));
	assert_int_equal(fig_format_from_path("a/b.PNG"), FIG_PNG);
	assert_int_equal(fig_format_from_path("b.svg"), FIG_SVG);
	assert_int_equal(fig_format_from_path("b.pdf"), FIG_PDF);
	assert_int_equal(fig_format_from_path("b.jpg"), -1);
	assert_int_equal(fig_format_from_path("noext"), -1);
}

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/optlab-fig-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	int rc = system(cmd);
	fig_release_static();
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_roundtrip),
		cmocka_unit_test(test_png_pixels),
		cmocka_unit_test(test_png_deterministic),
		cmocka_unit_test(test_svg_pdf),
		cmocka_unit_test(test_legend_fits),
		cmocka_unit_test(test_no_blank_pages),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
