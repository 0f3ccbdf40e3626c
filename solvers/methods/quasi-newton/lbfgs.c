/* lbfgs: limited-memory BFGS (Nocedal & Wright, alg. 7.4 and 7.5). The last
 * `memory` pairs s = x+ - x, y = g+ - g live in ring buffers; the direction
 * comes from the two-loop recursion with H0 = (s'y / y'y) I of the newest
 * pair, the step from the shared strong Wolfe search, trying t = 1 first (the
 * first iteration, with no pairs yet, tries t = 1 / |g|).
 *
 * This is the hot path of the benchmark: step allocates nothing, and the
 * two-loop fuses each axpy with the next dot product so that every pass over
 * memory does the work of two (the loops are bound by memory traffic: m pairs
 * of n doubles live in L2, not L1). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "linesearch.h"
#include "meth.h"

/* On x86-64 the hot loop gets an AVX2 copy picked at load time (no FMA, and
 * the same four partial sums in lanes: bit-identical results to the SSE2 copy,
 * about 1.6x faster). Not under ThreadSanitizer: the loader runs the copy's
 * instrumented resolver before the sanitizer's runtime is up, and it crashes. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LBFGS_NO_CLONES
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define LBFGS_NO_CLONES
#endif
#if defined(__x86_64__) && defined(__has_attribute) && !defined(LBFGS_NO_CLONES)
#if __has_attribute(target_clones)
#define LBFGS_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef LBFGS_CLONES
#define LBFGS_CLONES
#endif

#define LBFGS_MAX_STORE (1L << 27) /* doubles in the pairs: 1 GiB */

enum { P_MEMORY, P_C1, P_C2, P_COUNT };

static const param_def lbfgs_params[P_COUNT] = {
	[P_MEMORY] = {"memory", 10, 1, 1000, "pairs (s, y) kept", NULL, 1},
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Wolfe sufficient-decrease constant", NULL, 0},
	[P_C2] = {"c2", 0.9, 0.01, 0.999, "strong Wolfe curvature constant", NULL, 0},
};

/* pairs stored after the step; line-search trial points in the step */
static const char *const lbfgs_extra[] = {"pairs", "evals", NULL};

typedef struct lbfgs_state {
	int n, m;
	int head, count;  /* the next slot to write; pairs stored */
	double gamma;     /* s'y / y'y of the newest pair */
	double *s, *y;    /* m x n ring buffers */
	double *rho, *alpha; /* 1 / s'y per slot; two-loop scratch */
	double *d, *xnew, *gnew;
	ls_opts lo;
} lbfgs_state;

static void lbfgs_free(void *state)
{
	lbfgs_state *st = state;
	free(st->s);
	st->s = NULL;
}

static int lbfgs_init(void *state, meth_ctx *c)
{
	lbfgs_state *st = state;
	size_t n = (size_t)c->n, m = (size_t)c->param[P_MEMORY];
	st->n = c->n;
	st->m = (int)m;
	if (2.0 * (double)m * (double)n > (double)LBFGS_MAX_STORE) {
		snprintf(c->msg, sizeof c->msg,
		         "lbfgs: memory = %zu pairs of n = %zu values exceed the limit of %ld stored "
		         "values: lower memory",
		         m, n, LBFGS_MAX_STORE);
		return METH_FAILED;
	}
	/* One block: s, y, rho, alpha, d, xnew, gnew. */
	st->s = malloc((2 * m * n + 2 * m + 3 * n) * sizeof *st->s);
	if (!st->s) {
		snprintf(c->msg, sizeof c->msg, "out of memory for %zu pairs of %zu values", m, n);
		return METH_FAILED;
	}
	st->y = st->s + m * n;
	st->rho = st->y + m * n;
	st->alpha = st->rho + m;
	st->d = st->alpha + m;
	st->xnew = st->d + n;
	st->gnew = st->xnew + n;
	st->head = st->count = 0;
	st->gamma = 1.0;
	ls_opts_default(&st->lo);
	st->lo.c1 = c->param[P_C1];
	st->lo.c2 = c->param[P_C2];
	if (!(c->param[P_C1] < c->param[P_C2])) {
		snprintf(c->msg, sizeof c->msg, "lbfgs: the Wolfe constants need c1 < c2");
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->step = 0.0;
	c->extra[0] = 0.0;
	c->extra[1] = 0.0;
	return METH_OK;
}

/* q = b q - a y, and returns s'q of the new q (s may be NULL: no dot), so that
 * each pass over memory does an axpy and the next dot product together. */
LBFGS_CLONES
static double axpby_dot(double *restrict q, double b, double a, const double *restrict y,
                        const double *restrict s, int n)
{
	int j = 0;
	if (!s) {
		for (; j < n; j++)
			q[j] = b * q[j] - a * y[j];
		return 0.0;
	}
	double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
	for (; j + 4 <= n; j += 4) {
		double q0 = b * q[j] - a * y[j], q1 = b * q[j + 1] - a * y[j + 1];
		double q2 = b * q[j + 2] - a * y[j + 2], q3 = b * q[j + 3] - a * y[j + 3];
		q[j] = q0;
		q[j + 1] = q1;
		q[j + 2] = q2;
		q[j + 3] = q3;
		s0 += s[j] * q0;
		s1 += s[j + 1] * q1;
		s2 += s[j + 2] * q2;
		s3 += s[j + 3] * q3;
	}
	for (; j < n; j++) {
		q[j] = b * q[j] - a * y[j];
		s0 += s[j] * q[j];
	}
	return (s0 + s2) + (s1 + s3);
}

/* d = -H g by the two-loop recursion, run on -g so that no pass negates at
 * the end: 2 m + 1 passes over memory for m pairs. */
static void two_loop(lbfgs_state *st, const double *g)
{
	int n = st->n, m = st->m, k = st->count;
	double *q = st->d;
	for (int j = 0; j < n; j++)
		q[j] = -g[j];
	if (k == 0)
		return;
	const double *sv = st->s, *yv = st->y;
	int newest = (st->head - 1 + m) % m, old = (st->head - k + m) % m;
	/* Newest to oldest; the last pass also yields y_old'q for the second loop. */
	int idx = newest;
	double sq = dense_dot(sv + (size_t)idx * n, q, n);
	for (int i = 0; i < k; i++) {
		int cur = idx;
		double a = st->rho[cur] * sq;
		st->alpha[cur] = a;
		idx = (idx - 1 + m) % m;
		const double *next = i + 1 < k ? sv + (size_t)idx * n : yv + (size_t)old * n;
		sq = axpby_dot(q, 1.0, a, yv + (size_t)cur * n, next, n);
	}
	/* Oldest to newest on r = gamma q; the first pass applies the scaling. */
	double scale = st->gamma, yr = scale * sq;
	idx = old;
	for (int i = 0; i < k; i++) {
		int cur = idx;
		double b = st->rho[cur] * yr;
		idx = (idx + 1) % m;
		const double *next = i + 1 < k ? yv + (size_t)idx * n : NULL;
		/* r += (alpha - b) s is r = 1 r - (b - alpha) s. */
		yr = axpby_dot(q, scale, b - st->alpha[cur], sv + (size_t)cur * n, next, n);
		scale = 1.0;
	}
}

/* Takes the accepted point: stores s, y in the ring (unless s'y is not
 * safely positive) and moves x, g, in one pass. */
LBFGS_CLONES
static void lbfgs_accept(lbfgs_state *st, meth_ctx *c)
{
	int n = st->n, j = 0;
	double *restrict sn = st->s + (size_t)st->head * n;
	double *restrict yn = st->y + (size_t)st->head * n;
	double *restrict x = c->x, *restrict g = c->g;
	const double *restrict xnew = st->xnew, *restrict gnew = st->gnew;
	/* Four partial sums of each product, in lanes for the vector unit. */
	double sy[4] = {0}, yy[4] = {0}, ss[4] = {0};
	for (; j + 4 <= n; j += 4) {
		for (int u = 0; u < 4; u++) {
			double sj = xnew[j + u] - x[j + u], yj = gnew[j + u] - g[j + u];
			sn[j + u] = sj;
			yn[j + u] = yj;
			sy[u] += sj * yj;
			yy[u] += yj * yj;
			ss[u] += sj * sj;
			x[j + u] = xnew[j + u];
			g[j + u] = gnew[j + u];
		}
	}
	for (; j < n; j++) {
		double sj = xnew[j] - x[j], yj = gnew[j] - g[j];
		sn[j] = sj;
		yn[j] = yj;
		sy[0] += sj * yj;
		yy[0] += yj * yj;
		ss[0] += sj * sj;
		x[j] = xnew[j];
		g[j] = gnew[j];
	}
	double sty = (sy[0] + sy[2]) + (sy[1] + sy[3]), yty = (yy[0] + yy[2]) + (yy[1] + yy[3]);
	double sts = (ss[0] + ss[2]) + (ss[1] + ss[3]);
	if (sty > sqrt(DBL_EPSILON) * sqrt(sts * yty) && isfinite(sty) && yty > 0.0) {
		st->rho[st->head] = 1.0 / sty;
		st->gamma = sty / yty;
		st->head = (st->head + 1) % st->m;
		if (st->count < st->m)
			st->count++;
	} else if (st->count == st->m) {
		st->count--; /* the slot just overwritten held the oldest pair */
	}
}

static int lbfgs_step(void *state, meth_ctx *c)
{
	lbfgs_state *st = state;
	ls_out out;
	int n = st->n, status;
	c->extra[1] = 0.0;
	for (int attempt = 0;; attempt++) {
		two_loop(st, c->g);
		double t0 = 1.0;
		if (st->count == 0) {
			double gg = dense_dot(c->g, c->g, n);
			if (gg == 0.0)
				return METH_CONVERGED;
			t0 = 1.0 / sqrt(gg);
		}
		status = ls_wolfe(c, c->x, c->f, c->g, st->d, t0, &st->lo, st->xnew, st->gnew,
		                  &out);
		c->extra[1] += out.nevals;
		if (status == LS_OK || ((status == LS_MAXEVAL || status == LS_TINY) && out.t > 0.0))
			break;
		/* A bad direction or a failed search: forget the pairs and try
		 * steepest descent once before giving up. */
		if (attempt > 0 || st->count == 0) {
			snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(status));
			c->step = 0.0;
			return METH_NO_PROGRESS;
		}
		st->count = 0;
		st->head = 0;
	}
	lbfgs_accept(st, c);
	c->f = out.f;
	c->step = out.t;
	c->extra[0] = st->count;
	return METH_OK;
}

const meth meth_lbfgs = {
	.name = "lbfgs",
	.family = "quasi-newton",
	.summary = "limited-memory BFGS: two-loop recursion over the last `memory` pairs, "
	           "strong Wolfe line search",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), alg. 7.4-7.5; "
	             "Liu & Nocedal, On the limited memory BFGS method for large scale "
	             "optimization (1989)",
	.params = lbfgs_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD,
	.extra = lbfgs_extra,
	.state_size = sizeof(lbfgs_state),
	.init = lbfgs_init,
	.step = lbfgs_step,
	.free = lbfgs_free,
};
