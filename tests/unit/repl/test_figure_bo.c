/* A bo run's figures read back from the files the real binary writes: `acquisition`
 * draws the acquisition as a second panel (mostly the colour map's low end: EI is
 * near 0 away from the promising places), the sampled points carry their numbers
 * (label boxes over that panel), `heatmap gp` colours the contour by the GP's mean,
 * and a figure that asks for a model without a bo run is refused with the reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <png.h>

#include "../testdir.h"
#include "../testpng.h"

/* Pixels of columns [x0, x1) within TOL of (r, g, b) in every channel. */
static long count_near(const image *m, int x0, int x1, int r, int g, int b, int tol)
{
	long n = 0;
	for (unsigned y = 0; y < m->im.height; y++)
		for (int x = x0; x < x1; x++) {
			const unsigned char *p = m->px + ((size_t)y * m->im.width + (size_t)x) * 3;
			n += abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
		}
	return n;
}

static const char *const bo_run = "problem b = branin over box([-5, 0], [10, 15])\n"
				  "run o = bo on b from (0, 5) seed 3\n"
				  "step 15\n";

static void test_acquisition_panel(void **state)
{
	(void)state;
	char script[1024];
	snprintf(script, sizeof script,
		 "%sexport \"a.png\" acquisition size 800x400\n"
		 "export \"b.png\" contour size 400x400\n",
		 bo_run);
	assert_int_equal(run_script(script), 0);
	image a, b;
	assert_int_equal(image_load(&a, "a.png"), 0);
	assert_int_equal(image_load(&b, "b.png"), 0);
	assert_int_equal(a.im.width, 800);
	/* viridis's low end (68, 1, 84) fills most of the right panel: EI ~ 0 */
	long low = count_near(&a, 400, 800, 68, 1, 84, 8);
	assert_true(low > 400L * 400 / 4);
	/* number labels over that panel: white at 0.75 over (68, 1, 84) */
	long labels = count_near(&a, 400, 800, 208, 192, 212, 4);
	assert_true(labels > 200);
	/* the contour of f alone has neither (log colour of f, light label boxes elsewhere) */
	assert_true(count_near(&b, 0, 400, 68, 1, 84, 8) < low / 4);
	free(a.px), free(b.px);
}

static void test_heatmap_gp(void **state)
{
	(void)state;
	char script[1024];
	snprintf(script, sizeof script,
		 "%sexport \"f.png\" contour size 400x400\n"
		 "export \"g.png\" contour heatmap gp size 400x400\n",
		 bo_run);
	assert_int_equal(run_script(script), 0);
	image f, g;
	assert_int_equal(image_load(&f, "f.png"), 0);
	assert_int_equal(image_load(&g, "g.png"), 0);
	long differ = 0;
	for (size_t i = 0; i < (size_t)400 * 400 * 3; i++)
		differ += f.px[i] != g.px[i];
	assert_true(differ > 400 * 400 / 4); /* another heatmap, on a linear scale */
	free(f.px), free(g.px);
	/* no model among the runs: refused, with the reason */
	assert_int_not_equal(run_script("problem q = x^2 + y^2\n"
					"run g = gd on q from (1, 1)\n"
					"step 3\n"
					"export \"h.png\" heatmap gp\n"),
			     0);
	assert_int_equal(sh("grep -q 'none of the figure.s runs has one' err.txt"), 0);
	assert_int_not_equal(run_script("problem q = x^2 + y^2\n"
					"run g = gd on q from (1, 1)\n"
					"export \"h.png\" heatmap mean\n"),
			     0);
	assert_int_equal(sh("grep -q 'expected a heatmap: f, gp' err.txt"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acquisition_panel),
		cmocka_unit_test(test_heatmap_gp),
	};
	return cmocka_run_group_tests(tests, testdir_setup, testdir_teardown);
}
