/* test_runscene_levels: a costly grid (logistic regression on 2 10^4 points) sampled in
 * levels: the first picture's nodes on its lattice are the true values (the same bits
 * as the whole grid's), the rest lie between them (interpolated, never made up), each
 * refinement halves the spacing (nodes of a level begun are true values too), the last level is the whole grid (rscene_grid's bits,
 * the value oracle's numbers to 1e-14: the batch's softplus is vmath's); a cheap grid is
 * whole at once; a one-shot picture (budget 0) finishes a grid begun in levels; the
 * cap of one-shot finite-sum grids. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dataset.h"
#include "prob_sum.h"
#include "runscene.h"

#define W 37
#define H 23

static prob *logreg(long m)
{
	char err[256];
	ds *data = ds_gauss(DS_LOGISTIC, m, 2, 1, 2, 0, 1);
	assert_non_null(data);
	prob *p = psum_new("logreg", data, 0.01, 0, err, sizeof err);
	assert_non_null(p);
	return p;
}

static bool on_lattice(int i, int n, int s)
{
	return i % s == 0 || i == n - 1;
}

static void test_levels(void **st)
{
	(void)st;
	prob *p = logreg(20000);
	double view[4] = {-3, 5, -2, 4}, *full = malloc(W * H * sizeof *full);
	assert_non_null(full);
	assert_int_equal(rscene_grid(p, 0, 1, NULL, view, W, H, full), 0);
	rscene *rs = rscene_new();
	char err[128];
	scene_field f;
	/* a budget no level fits: the coarsest, 3 nodes at least on the shorter side */
	rscene_opts o = {.cx = 0, .cy = 1, .gw = W, .gh = H, .budget = 1e-9};
	memcpy(o.view, view, sizeof o.view);
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	int s = 0, last = 0, levels = 1;
	assert_true(rscene_refining(rs, &s));
	assert_int_equal(s, 16); /* 0 16 22 up: 3 nodes; 0 16 32 36 across: 4 */
	for (;;) {
		for (int r = 0; r < H; r++)
			for (int i = 0; i < W; i++) {
				double v = f.values[r * W + i];
				if (on_lattice(i, W, s) && on_lattice(r, H, s)) {
					assert_memory_equal(&v, &full[r * W + i], sizeof v);
					continue;
				}
				if (memcmp(&v, &full[r * W + i], sizeof v) == 0)
					continue; /* sampled already (a slice goes on into the next level) */
				/* else between the four lattice nodes around it */
				int i0 = i / s * s, r0 = r / s * s;
				int i1 = i0 + s < W - 1 ? i0 + s : W - 1, r1 = r0 + s < H - 1 ? r0 + s : H - 1;
				double c[4] = {full[r0 * W + i0], full[r0 * W + i1], full[r1 * W + i0],
				               full[r1 * W + i1]};
				double lo = fmin(fmin(c[0], c[1]), fmin(c[2], c[3]));
				double hi = fmax(fmax(c[0], c[1]), fmax(c[2], c[3]));
				assert_true(v >= lo - 1e-12 && v <= hi + 1e-12);
			}
		if (s == 1)
			break;
		last = s;
		int rc;
		do /* no time: one batch of nodes a call, never past the end of a level */
			rc = rscene_refine(rs, 0);
		while (rc == 1 && rscene_refining(rs, &s) && s == last);
		assert_true(rc >= 0);
		assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
		rscene_refining(rs, &s);
		assert_int_equal(s, last / 2); /* every level, in turn */
		levels++;
	}
	assert_int_equal(levels, 5); /* strides 16, 8, 4, 2, 1 */
	assert_false(rscene_refining(rs, NULL));
	assert_int_equal(rscene_refine(rs, 1), 0);
	assert_memory_equal(f.values, full, W * H * sizeof *full);
	double x[2];
	for (int k = 0; k < W * H; k += 7) { /* against the value oracle */
		x[0] = view[0] + (k % W) * ((view[1] - view[0]) / (W - 1));
		x[1] = view[2] + (k / W) * ((view[3] - view[2]) / (H - 1));
		double v = p->ops->value(p->ctx, x);
		assert_true(fabs(f.values[k] - v) <= 1e-14 * fabs(v));
	}
	/* a one-shot picture of a grid begun in levels: finished at once */
	o.view[0] = -2.5;
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_true(rscene_refining(rs, NULL));
	o.budget = 0;
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	assert_false(rscene_refining(rs, NULL));
	assert_int_equal(rscene_grid(p, 0, 1, NULL, o.view, W, H, full), 0);
	assert_memory_equal(f.values, full, W * H * sizeof *full);
	rscene_free(rs);
	free(full);
	prob_free(p);
}

/* A grid whose cost fits the budget is whole in the first picture. */
static void test_cheap(void **st)
{
	(void)st;
	prob *p = logreg(3);
	rscene *rs = rscene_new();
	char err[128];
	scene_field f;
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-1, 1, -1, 1}, .gw = W, .gh = H, .budget = 1e3};
	assert_int_equal(rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err), 0);
	int s = 0;
	assert_false(rscene_refining(rs, &s));
	assert_int_equal(s, 1);
	double *full = malloc(W * H * sizeof *full);
	assert_int_equal(rscene_grid(p, 0, 1, NULL, o.view, W, H, full), 0);
	assert_memory_equal(f.values, full, W * H * sizeof *full);
	free(full);
	rscene_free(rs);
	prob_free(p);
}

static void test_sum_cap(void **st)
{
	(void)st;
	prob *p = logreg(100000);
	int w = 400, h = 200;
	rscene_sum_cap(p, &w, &h); /* 2 10^7 / 10^5 = 200 nodes: the sides' floor, 48 */
	assert_int_equal(w, 48);
	assert_int_equal(h, 48);
	w = 30, h = 20; /* never grown */
	rscene_sum_cap(p, &w, &h);
	assert_int_equal(w, 30);
	assert_int_equal(h, 20);
	prob_free(p);
	p = logreg(100);
	w = 400, h = 200; /* 8 10^6 values: as it is */
	rscene_sum_cap(p, &w, &h);
	assert_int_equal(w, 400);
	assert_int_equal(h, 200);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_cheap),
		cmocka_unit_test(test_sum_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
