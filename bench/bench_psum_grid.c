/* bench_psum_grid: the heatmap of a finite sum, logistic regression on m = 10^5 points
 * in d = 2 (as `problem p = logreg(m = 100000)`), beside evaluating its value oracle
 * node by node (the data streamed once per node, libm's exp and log1p a term):
 *   1. a 48 x 48 grid through the batch oracle (margins of a block of rows at once,
 *      vmath's vector softplus) against node by node, and their largest difference;
 *   2. the live view in a 200 x 60 terminal: the grid of its picture sampled in levels
 *      as the view does (rscene, a first-picture budget of 0.08 s): the first
 *      picture's time and each refinement level's, against the whole grid node by
 *      node (skipped with the argument "quick"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "optlab.h"
#include "prob_sum.h"
#include "runscene.h"
#include "view.h"

#define M 100000L
#define FIRST 0.08 /* the view's first-picture budget (view_draw.c) */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The W x H grid of VIEW node by node through the value oracle; seconds taken. */
static double per_point(const prob *p, const double view[4], int w, int h, double *out)
{
	double t0 = now(), x[2];
	for (int r = 0; r < h; r++)
		for (int i = 0; i < w; i++) {
			x[0] = view[0] + i * ((view[1] - view[0]) / (w - 1));
			x[1] = view[2] + r * ((view[3] - view[2]) / (h - 1));
			out[(size_t)r * w + i] = p->ops->value(p->ctx, x);
		}
	return now() - t0;
}

static double largest_rel(const double *a, const double *b, size_t n)
{
	double rel = 0;
	for (size_t i = 0; i < n; i++)
		rel = fmax(rel, fabs(a[i] - b[i]) / fabs(b[i]));
	return rel;
}

static void batch_vs_points(const prob *p, const double view[4])
{
	enum { S = 48 };
	double *a = malloc(S * S * sizeof *a), *b = malloc(S * S * sizeof *b);
	double t0 = now();
	rscene_grid(p, 0, 1, NULL, view, S, S, a);
	double tb = now() - t0, tp = per_point(p, view, S, S, b);
	printf("  %d x %d grid: batch %.3f s, node by node %.3f s (%.1fx); largest relative "
	       "difference %.1e\n", S, S, tb, tp, tp / tb, largest_rel(a, b, S * S));
	free(a);
	free(b);
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && strcmp(argv[1], "quick") == 0;
	char err[256];
	ds *data = ds_gauss(DS_LOGISTIC, M, 2, 1, 2, 0, 1);
	prob *p = data ? psum_new("logreg", data, 0.01, 1, err, sizeof err) : NULL;
	rscene *rs = rscene_new();
	if (!p || !rs) {
		fprintf(stderr, "bench_psum_grid: cannot make the problem\n");
		return 1;
	}
	double view[4];
	rscene_default_view(p, 0, 1, NULL, NULL, 0, view);
	view_layout lo;
	view_layout_compute(200, 60, 0, 0, &lo);
	int w = lo.field.w, h = 2 * lo.field.h; /* as view_draw samples its picture */
	printf("finite-sum heatmap, logreg m = %ld, d = 2 (a node: %ld component values)\n", M, M);
	batch_vs_points(p, view);

	printf("  the 200 x 60 view's picture: a %d x %d grid, sampled in levels\n", w, h);
	rscene_opts o = {.cx = 0, .cy = 1, .gw = w, .gh = h, .budget = FIRST, .nlevels = 9};
	memcpy(o.view, view, sizeof view);
	scene_field f;
	double t0 = now();
	if (rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err) != 0) {
		fprintf(stderr, "bench_psum_grid: %s\n", err);
		return 1;
	}
	int stride = 1;
	rscene_refining(rs, &stride);
	double t = now() - t0, last = t;
	printf("    first picture (stride %d: nodes %d apart): %.3f s\n", stride, stride, t);
	while (rscene_refining(rs, NULL)) {
		int was = stride;
		rscene_refine(rs, 0.05);
		rscene_field(rs, p, NULL, 0, &o, &f, err, sizeof err); /* as the view redraws */
		rscene_refining(rs, &stride);
		if (stride != was) {
			t = now() - t0;
			printf("    level stride %-3d %.3f s (%.3f s in all)\n", stride, t - last, t);
			last = t;
		}
	}
	double *b = malloc((size_t)w * h * sizeof *b);
	if (!quick) {
		double tp = per_point(p, view, w, h, b);
		printf("    whole grid node by node: %.3f s (%.1fx the levels' total); largest "
		       "relative difference %.1e\n", tp, tp / t, largest_rel(f.values, b, (size_t)w * h));
	}
	free(b);
	rscene_free(rs);
	prob_free(p);
	return 0;
}
