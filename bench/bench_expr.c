/* bench_expr: the expression tape against hand-written C.
 *
 * Value + gradient of the extended Rosenbrock function at n = 1000 and 10^6,
 * expression and hand-written side by side (target: within 3x); batch value of
 * the 2-D Rosenbrock function on a 400 x 240 grid (target: under 2 ms).
 * Prints figures; it is not a timed test. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "expr.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The same function and gradient written by hand. */
static double rosen_c(int n, const double *restrict x, double *restrict g)
{
	double f = 0;
	memset(g, 0, (size_t)n * sizeof *g);
	for (int i = 0; i < n - 1; i++) {
		double t1 = x[i + 1] - x[i] * x[i], t2 = 1 - x[i];
		f += 100 * t1 * t1 + t2 * t2;
		g[i] += -400 * x[i] * t1 - 2 * t2;
		g[i + 1] += 200 * t1;
	}
	return f;
}

/* Seconds per call of fn, the best of several rounds of reps calls. */
#define TIME_BEST(out, reps, CALL)                            \
	do {                                                  \
		double best_ = 1e30;                          \
		for (int round_ = 0; round_ < 5; round_++) {  \
			double t0_ = now();                   \
			for (int rep_ = 0; rep_ < (reps); rep_++) \
				CALL;                         \
			double dt_ = (now() - t0_) / (reps);  \
			if (dt_ < best_)                      \
				best_ = dt_;                  \
		}                                             \
		(out) = best_;                                \
	} while (0)

static int bench_rosen(int n)
{
	const char *src = "sum(i = 1, n-1, 100*(x[i+1]-x[i]^2)^2 + (1-x[i])^2)";
	expr_var v = {"x", n};
	expr_const c = {"n", n, NULL, 0};
	expr_options o = {.vars = &v, .nvars = 1, .consts = &c, .nconsts = 1};
	expr_error err;
	expr_tape *t = expr_compile(src, &o, &err);
	if (!t) {
		fprintf(stderr, "bench_expr: %d:%d: %s\n", err.line, err.col, err.msg);
		return 1;
	}
	double *x = malloc((size_t)n * sizeof *x), *g = malloc((size_t)n * sizeof *g);
	double *h = malloc((size_t)n * sizeof *h);
	if (!x || !g || !h)
		return 1;
	for (int i = 0; i < n; i++)
		x[i] = i % 2 ? 1.0 + 0.001 * (i % 7) : -1.2 + 0.001 * (i % 5);
	int reps = n >= 100000 ? 20 : 20000;
	volatile double sink = 0;
	double te, th, tv;
	TIME_BEST(te, reps, sink += expr_gradient(t, x, g));
	TIME_BEST(th, reps, sink += rosen_c(n, x, h));
	TIME_BEST(tv, reps, sink += expr_value(t, x));
	/* the two agree */
	double fe = expr_gradient(t, x, g), fh = rosen_c(n, x, h), err2 = 0;
	for (int i = 0; i < n; i++)
		err2 = fmax(err2, fabs(g[i] - h[i]) / (1 + fabs(h[i])));
	double terms = n - 1;
	printf("rosenbrock n = %-8d value+grad: expr %6.2f ns/term, hand C %6.2f ns/term, "
	       "ratio %.2f (target <= 3)   value only: %.2f ns/term   |df| %.1e |dg| %.1e\n",
	       n, 1e9 * te / terms, 1e9 * th / terms, te / th, 1e9 * tv / terms,
	       fabs(fe - fh) / fabs(fh), err2);
	(void)sink;
	free(x);
	free(g);
	free(h);
	expr_free(t);
	return 0;
}

/* Row by row: x a row of the grid, y broadcast (stride 0), as a view draws. */
static void grid_rows(expr_tape *t, int w, int h, const double *row, const double *ys,
                      double *out)
{
	for (int j = 0; j < h; j++) {
		const double *rc[2] = {row, &ys[j * w]};
		const int st[2] = {1, 0};
		expr_value_batch(t, w, rc, st, out + j * w);
	}
}

static int bench_grid(void)
{
	enum { W = 400, H = 240 };
	expr_var v[] = {{"x", 0}, {"y", 0}};
	expr_options o = {.vars = v, .nvars = 2, .consts = NULL, .nconsts = 0};
	expr_error err;
	expr_tape *t = expr_compile("(1-x)^2 + 100*(y-x^2)^2", &o, &err);
	if (!t) {
		fprintf(stderr, "bench_expr: %d:%d: %s\n", err.line, err.col, err.msg);
		return 1;
	}
	static double xs[W * H], ys[W * H], row[W], out[W * H];
	for (int j = 0; j < H; j++)
		for (int i = 0; i < W; i++) {
			xs[j * W + i] = -2 + 4.0 * i / (W - 1);
			ys[j * W + i] = -1 + 4.0 * j / (H - 1);
		}
	memcpy(row, xs, sizeof row);
	const double *cols[2] = {xs, ys};
	double tall, trows;
	/* the whole grid as one batch of W*H points */
	TIME_BEST(tall, 50, expr_value_batch(t, W * H, cols, NULL, out));
	TIME_BEST(trows, 50, grid_rows(t, W, H, row, ys, out));
	double maxerr = 0;
	for (int k = 0; k < W * H; k += 97) {
		double p[2] = {xs[k], ys[k]};
		maxerr = fmax(maxerr, fabs(expr_value(t, p) - out[k]));
	}
	printf("grid 400 x 240 of (1-x)^2 + 100*(y-x^2)^2: %.3f ms as one batch, %.3f ms row by "
	       "row (target < 2 ms), %.2f ns/point   |err| %.1e\n",
	       1e3 * tall, 1e3 * trows, 1e9 * tall / (W * H), maxerr);
	expr_free(t);
	return 0;
}

int main(void)
{
	int rc = bench_rosen(1000);
	rc |= bench_rosen(1000000);
	rc |= bench_grid();
	return rc;
}
