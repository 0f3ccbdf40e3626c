/* bench_psum_grid: the heatmap grid of a finite sum (logreg, m = 10^5, d = 2): the
 * problem's batch oracle, which streams the data once per block of 64 points, beside
 * the value oracle point by point (the data streamed once per point, as before), on
 * the view's 200 x 120 grid and on a 48 x 48 first picture; the two agree to a few
 * ulps (the batch's logistic loss is vmath's). Also the whole 1600 x 1200 export's grid of the figure command (capped at 2e7
 * component values). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "optlab.h"
#include "prob_sum.h"

#define M 100000L

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One row of a W-node grid at height Y: through the batch, or point by point. */
static void grid(const prob *p, int w, int h, int batch, double *out)
{
	double *xs = malloc((size_t)w * sizeof *xs);
	for (int i = 0; i < w; i++)
		xs[i] = -2 + 4.0 * i / (w - 1);
	for (int r = 0; r < h; r++) {
		double y = -2 + 4.0 * r / (h - 1), x[2];
		if (batch) {
			const double *cols[2] = {xs, &y};
			int strides[2] = {1, 0};
			p->ops->batch(p->ctx, w, cols, strides, out + (size_t)r * w);
		} else {
			for (int i = 0; i < w; i++) {
				x[0] = xs[i], x[1] = y;
				out[(size_t)r * w + i] = p->ops->value(p->ctx, x);
			}
		}
	}
	free(xs);
}

int main(void)
{
	char err[256];
	ds *data = ds_gauss(DS_LOGISTIC, M, 2, 1, 2, 0, 1);
	prob *p = data ? psum_new("logreg", data, 0.01, 0, err, sizeof err) : NULL;
	if (!p) {
		fprintf(stderr, "bench_psum_grid: cannot make the problem\n");
		return 1;
	}
	static const int sizes[][2] = {{48, 48}, {200, 120}};
	printf("finite-sum grid, logreg m = %ld, d = 2 (component values a node: m)\n", M);
	for (int k = 0; k < 2; k++) {
		int w = sizes[k][0], h = sizes[k][1];
		double *a = malloc((size_t)w * h * sizeof *a), *b = malloc((size_t)w * h * sizeof *b);
		double t0 = now();
		grid(p, w, h, 1, a);
		double t1 = now();
		grid(p, w, h, 0, b);
		double t2 = now();
		double rel = 0;
		for (size_t i = 0; i < (size_t)w * h; i++)
			rel = fmax(rel, fabs(a[i] - b[i]) / fabs(b[i]));
		printf("  %3d x %3d: batch %7.3f s, point by point %7.3f s (%.2fx), largest relative "
		       "difference %.2g\n", w, h, t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0), rel);
		free(a);
		free(b);
	}
	prob_free(p);
	return 0;
}
