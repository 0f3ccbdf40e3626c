/* test_fig_colors: a user's `colors` reach the ternary (a game's mixed strategies) and
 * the policy triangles: read back from PNG, each run's path is drawn in the user's
 * colour and none in the default palette's; without `colors`, the palette's. */
#include <math.h>
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
#include "fig_policy.h"
#include "fig_ternary.h"

/* Pixels of C mixed with the white page, at least 30% C (antialiased lines, markers). */
static long drawn_in(const image *m, cmap_rgb c)
{
	double d[3] = {255.0 - c.r, 255.0 - c.g, 255.0 - c.b};
	int k = d[0] >= d[1] && d[0] >= d[2] ? 0 : d[1] >= d[2] ? 1 : 2;
	long n = 0;
	for (size_t i = 0; i < (size_t)m->im.width * m->im.height; i++) {
		const unsigned char *p = m->px + 3 * i;
		double a = (255.0 - p[k]) / d[k];
		bool on = a >= 0.3 && a <= 1.05;
		for (int j = 0; j < 3 && on; j++)
			on = fabs(p[j] - (255 - a * d[j])) <= 10;
		n += on;
	}
	return n;
}

static void load_png(image *m, const char *path)
{
	assert_int_equal(image_load(m, path), 0);
	unlink(path);
}

/* Two runs' paths across both triangles: from each vertex region towards the centre. */
static void ternary_paths(void **state)
{
	(void)state;
	double a[6 * 20], b[6 * 20];
	for (int i = 0; i < 20; i++) {
		double t = i / 19.0;
		double wa[3] = {0.8 - 0.47 * t, 0.1 + 0.23 * t, 0.1 + 0.24 * t};
		double wb[3] = {0.1 + 0.23 * t, 0.8 - 0.47 * t, 0.1 + 0.24 * t};
		for (int k = 0; k < 3; k++)
			a[6 * i + k] = a[6 * i + 3 + k] = wa[k], b[6 * i + k] = b[6 * i + 3 + k] = wb[k];
	}
	scene_tpath paths[2] = {{"a", 0, a, 20}, {"b", 1, b, 20}};
	scene_ternary s = {.player = {"x", "y"}, .paths = paths, .npaths = 2};
	char path[64];
	snprintf(path, sizeof path, "/tmp/optlab_terncol_%d.png", (int)getpid());
	fig_opts o = {.width = 800, .height = 400};
	char err[256];
	image m;
	/* the user's colours: both paths in them (lines and markers), the palette's gone */
	cmap_rgb red = {230, 0, 40}, green = {100, 180, 0};
	s.style.ncolors = scene_colors_parse("#e60028,#64b400", s.style.colors, SCENE_COLORS_MAX);
	assert_int_equal(fig_ternary_write(path, FIG_PNG, &o, &s, err, sizeof err), 0);
	load_png(&m, path);
	assert_true(drawn_in(&m, red) > 100 && drawn_in(&m, green) > 100);
	assert_int_equal(drawn_in(&m, cmap_palette(0)), 0);
	assert_int_equal(drawn_in(&m, cmap_palette(1)), 0);
	free(m.px);
	/* no colours given: the run palette */
	s.style.ncolors = 0;
	assert_int_equal(fig_ternary_write(path, FIG_PNG, &o, &s, err, sizeof err), 0);
	load_png(&m, path);
	assert_true(drawn_in(&m, cmap_palette(0)) > 100 && drawn_in(&m, cmap_palette(1)) > 100);
	assert_int_equal(drawn_in(&m, red), 0);
	free(m.px);
}

/* A one-state, three-action policy (a bandit): each run's path of pi on the triangle. */
static void policy_triangle_paths(void **state)
{
	(void)state;
	double pa[3 * 10], pb[3 * 10], pi[3] = {0.6, 0.2, 0.2}, V[1] = {0}, rho[1] = {1};
	for (int i = 0; i < 10; i++) {
		double t = i / 9.0;
		pa[3 * i] = (1 + 2 * t) / 3, pa[3 * i + 1] = pa[3 * i + 2] = (1 - t) / 3;
		pb[3 * i + 1] = (1 + 2 * t) / 3, pb[3 * i] = pb[3 * i + 2] = (1 - t) / 3;
	}
	int best[1] = {0};
	bool absorbing[1] = {false};
	scene_ppath paths[2] = {{"a", 0, pa, 10}, {"b", 1, pb, 10}};
	scene_policy s = {.S = 1, .A = 3, .pi = pi, .V = V, .best = best, .absorbing = absorbing,
	                  .rho = rho, .paths = paths, .npaths = 2, .caption = "test"};
	assert_int_equal(fig_policy_mode(&s), 't');
	s.style.ncolors = scene_colors_parse("#e60028,#64b400", s.style.colors, SCENE_COLORS_MAX);
	char path[64];
	snprintf(path, sizeof path, "/tmp/optlab_polcol_%d.png", (int)getpid());
	fig_opts o = {.width = 600, .height = 500};
	char err[256];
	assert_int_equal(fig_policy_write(path, FIG_PNG, &o, &s, NULL, err, sizeof err), 0);
	image m;
	load_png(&m, path);
	cmap_rgb red = {230, 0, 40}, green = {100, 180, 0};
	assert_true(drawn_in(&m, red) > 100 && drawn_in(&m, green) > 100);
	assert_int_equal(drawn_in(&m, cmap_palette(0)), 0);
	assert_int_equal(drawn_in(&m, cmap_palette(1)), 0);
	free(m.px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ternary_paths),
		cmocka_unit_test(policy_triangle_paths),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fig_release_static();
	return rc;
}
