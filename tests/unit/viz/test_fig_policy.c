/* test_fig_policy: the policy picture read back from PNG. A gridworld's cells take the
 * viridis colour of their value (the best cell bright, the worst dark, where they are on
 * the grid), absorbing cells grey, arrows point where the policy moves; and filled from a
 * solved cliff walk, the optimal moves are the known ones (up from the start, along the
 * top of the cliff, down into the goal). */
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

#include "../solvers/testrun.h"
#include "../testpng.h"
#include "fig_policy.h"
#include "mdp.h"

/* The centroid of the pixels within 12 (sum of channel distances) of c; how many. */
static long centroid(const image *m, cmap_rgb c, double *cx, double *cy)
{
	long n = 0;
	double sx = 0, sy = 0;
	for (unsigned y = 0; y < m->im.height; y++)
		for (unsigned x = 0; x < m->im.width; x++) {
			const unsigned char *p = m->px + ((size_t)y * m->im.width + x) * 3;
			if (abs(p[0] - c.r) + abs(p[1] - c.g) + abs(p[2] - c.b) <= 12)
				n++, sx += x, sy += y;
		}
	*cx = n ? sx / n : NAN;
	*cy = n ? sy / n : NAN;
	return n;
}

/* A 2 x 3 grid: values rise to the right; the top-right cell is absorbing; every other
 * cell moves right with probability 1. */
static void grid_colours_and_arrows(void **unused)
{
	(void)unused;
	double pi[6 * 4] = {0}, V[6] = {0, 1, 2, 0, 1, 2}, rho[6] = {0, 0, 0, 1, 0, 0};
	int best[6] = {1, 1, 1, 1, 1, 0};
	bool absorbing[6] = {false, false, true, false, false, false};
	for (int s = 0; s < 6; s++)
		pi[s * 4 + 1] = 1;
	scene_policy sc = {.S = 6, .A = 4, .rows = 2, .cols = 3, .pi = pi, .V = V, .best = best,
	                   .absorbing = absorbing, .rho = rho, .caption = "test"};
	assert_int_equal(fig_policy_mode(&sc), 'g');
	char path[64];
	snprintf(path, sizeof path, "/tmp/optlab_polfig_%d.png", (int)getpid());
	fig_opts o = {.width = 600, .height = 450};
	char err[256];
	assert_int_equal(fig_policy_write(path, FIG_PNG, &o, &sc, NULL, err, sizeof err), 0);
	image m;
	assert_int_equal(image_load(&m, path), 0);
	unlink(path);
	double lx, ly, hx, hy, gx, gy, wx, wy;
	long lo = centroid(&m, cmap_at(CMAP_VIRIDIS, 0), &lx, &ly);
	long hi = centroid(&m, cmap_at(CMAP_VIRIDIS, 1), &hx, &hy);
	long grey = centroid(&m, (cmap_rgb){215, 215, 215}, &gx, &gy);
	assert_true(lo > 1000 && hi > 1000 && grey > 1000);
	assert_true(hx > lx + 100);           /* bright on the right, dark on the left */
	assert_true(gx > lx + 100 && gy < ly); /* the absorbing cell at the top right */
	/* the bottom-right cell (bright) has a white-free, dark arrow pointing right: its
	 * black ink lies right of the cell's colour centroid */
	long ink = 0;
	wx = wy = 0;
	for (unsigned y = 0; y < m.im.height; y++)
		for (unsigned x = 0; x < m.im.width; x++) {
			const unsigned char *p = m.px + ((size_t)y * m.im.width + x) * 3;
			if (p[0] < 30 && p[1] < 30 && p[2] < 30 && fabs(y - hy) < 40 && fabs(x - hx) < 60)
				ink++, wx += x, wy += y;
		}
	assert_true(ink > 50);
	assert_true(wx / ink > hx - 5); /* the arrow starts at the centre and goes right */
	free(m.px);
}

static void cliff_optimal_moves(void **unused)
{
	(void)unused;
	char err[256];
	prob *p = tr_lib("cliff", "rows=4,cols=6,gamma=0.95");
	run *r = tr_stepped(p, "npg", "step=10", 200, 1);
	rscene_run rr = {r, "r", 0};
	policy_data d;
	assert_int_equal(policy_fill(&d, &rr, 1, true, err, sizeof err), 0);
	/* up right down left = 0 1 2 3; the start is the bottom-left cell (18) */
	assert_int_equal(d.best[18], 0);
	for (int c = 0; c < 5; c++)
		assert_int_equal(d.best[12 + c], 1); /* along the top of the cliff */
	assert_int_equal(d.best[17], 2);         /* down into the goal */
	assert_true(d.absorbing[23] && !d.absorbing[18]);
	for (int s = 12; s <= 18; s++) /* the path it takes: the optimal move, nearly surely */
		assert_true(d.pi[s * 4 + d.best[s]] > 0.99);
	assert_true(fabs(d.V[18] - mdp_of(p)->Vstar[18]) < 1e-6);
	policy_data_free(&d);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(grid_colours_and_arrows),
	    cmocka_unit_test(cliff_optimal_moves),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	fig_release_static(); /* fontconfig's caches, for the leak checkers */
	return rc;
}
