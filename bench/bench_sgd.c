/* bench_sgd: samples per second of one sgd epoch on a logistic regression (m = 10^6,
 * d = 100, lambda = 0.01), through optlab's run driver (batch 1 and 64) beside a
 * hand-written C loop making the same updates on the same data and the same sampler
 * (shuffled passes), the best of three epochs each: target within 1.5x. The loop is
 * timed also with the driver's prefetch of the next row, the driver's cost alone. Also times the trace's share: 10^6 rows
 * appended to a trace alone, as the driver records one per step. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dataset.h"
#include "optlab.h"

#define M 1000000L
#define D 100
#define LAMBDA 0.01
#define STEP 0.5
#define SEED 1
#define REPS 3

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One epoch by hand: shuffled order, minibatch mean of the logistic gradients plus
 * lambda x, x -= step g; with prefetch, the next row is requested from memory before
 * the current one is used, as the driver's sampler does. Returns seconds. */
static double hand_epoch(const ds *s, int batch, int prefetch, double *x)
{
	long *perm = malloc((size_t)M * sizeof *perm);
	double *g = malloc(D * sizeof *g);
	rng r;
	rng_seed(&r, SEED);
	for (long i = 0; i < M; i++)
		perm[i] = i;
	for (long i = M - 1; i > 0; i--) {
		long j = rng_below(&r, i + 1), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	memset(x, 0, D * sizeof *x);
	double t0 = now();
	for (long k = 0; k + batch <= M; k += batch) {
		memset(g, 0, D * sizeof *g);
		for (int b = 0; b < batch; b++) {
			if (prefetch && k + b + 1 < M) {
				const char *next = (const char *)(s->a + (size_t)perm[k + b + 1] * D);
				for (size_t o = 0; o < D * sizeof(double); o += 64)
					__builtin_prefetch(next + o);
				__builtin_prefetch(s->b + perm[k + b + 1]);
			}
			const double *a = s->a + (size_t)perm[k + b] * D;
			double z = 0, y = s->b[perm[k + b]];
			for (int j = 0; j < D; j++)
				z += a[j] * x[j];
			double c = -y / (1 + exp(y * z));
			for (int j = 0; j < D; j++)
				g[j] += c * a[j];
		}
		for (int j = 0; j < D; j++)
			x[j] -= STEP * (g[j] / batch + LAMBDA * x[j]);
	}
	double t = now() - t0;
	free(perm);
	free(g);
	return t;
}

/* One epoch through run_new / run_step (the full evaluation of row 0 not timed; no
 * full evaluation inside the epoch: evalevery beyond it). Returns seconds. */
static double driver_epoch(const prob *p, int batch, double *f)
{
	const meth *m = meth_find("sgd");
	double v[PARAM_MAX], x0[D] = {0};
	char err[256];
	param_defaults(m->params, m->nparams, v);
	v[param_find(m->params, m->nparams, "step")] = STEP;
	v[param_find(m->params, m->nparams, "batch")] = batch;
	v[param_find(m->params, m->nparams, "evalevery")] = 1e12;
	run_opts o;
	run_opts_default(&o);
	o.seed = SEED;
	o.gtol = 0;
	o.tracelimit = 0;
	run *r = run_new(p, m, v, x0, &o, err, sizeof err);
	if (!r) {
		fprintf(stderr, "bench_sgd: %s\n", err);
		exit(1);
	}
	double t0 = now();
	run_step(r, M / batch, NULL);
	double t = now() - t0;
	*f = p->ops->value(p->ctx, run_x(r));
	run_free(r);
	return t;
}

/* 10^6 rows appended to a trace in 100 variables with sgd's two extra columns. */
static double trace_rows(void)
{
	static const char *const names[] = {"epoch", "clipped", NULL};
	trace *t = trace_new(D, 2, names);
	double x[D] = {0}, ex[2] = {0};
	trace_row row = {0};
	double t0 = now();
	for (long i = 0; i < M; i++) {
		row.iter = i;
		x[0] = (double)i;
		trace_append(t, &row, x, ex, NULL, 0);
	}
	double s = now() - t0;
	trace_free(t);
	return s;
}

int main(void)
{
	double v[5] = {M, D, SEED, LAMBDA, 2}, x[D], f;
	char err[256];
	double t0 = now();
	prob *p = problib_make(problib_find("logreg"), v, err, sizeof err);
	ds *s = ds_gauss(DS_LOGISTIC, M, D, 1, 2, 0, SEED); /* the same data */
	if (!p || !s) {
		fprintf(stderr, "bench_sgd: %s\n", p ? "out of memory" : err);
		return 1;
	}
	printf("logreg m = %ld, d = %d: data in %.2f s\n", M, D, now() - t0);
	printf("%-6s %13s %13s %7s %13s %7s %10s %10s\n", "batch", "driver smp/s", "hand smp/s",
	       "ratio", "+prefetch", "ratio", "f driver", "f hand");
	static const int batches[] = {1, 64};
	for (int k = 0; k < 2; k++) {
		int b = batches[k];
		double td = INFINITY, th = INFINITY, tp = INFINITY; /* best of REPS: least disturbed */
		for (int rep = 0; rep < REPS; rep++) {
			td = fmin(td, driver_epoch(p, b, &f));
			th = fmin(th, hand_epoch(s, b, 0, x));
			tp = fmin(tp, hand_epoch(s, b, 1, x));
		}
		double fh = p->ops->value(p->ctx, x), n = (double)(M / b * b);
		printf("%-6d %13.3g %13.3g %6.2fx %13.3g %6.2fx %10.6f %10.6f\n", b, n / td, n / th,
		       td / th, n / tp, td / tp, f, fh);
	}
	double tr = trace_rows();
	printf("trace alone: %.1f ns a row (10^6 rows, n = %d: the iterate kept as 2 "
	       "coordinates)\n", 1e9 * tr / M, D);
	ds_free(s);
	prob_free(p);
	return 0;
}
