/* bfgs: BFGS with a dense inverse-Hessian approximation H and the shared
 * strong Wolfe line search (Nocedal & Wright, alg. 6.1). H starts as I for
 * the first step (tried at t = 1 / |g|), is rescaled to (s'y / y'y) I before
 * the first update (N&W eq. 6.20), and an update whose s'y is not safely
 * positive is skipped, which keeps H positive definite. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "linesearch.h"
#include "meth.h"

#define BFGS_MAX_N 2000 /* n x n doubles: 32 MB at the limit */

enum { P_C1, P_C2, P_COUNT };

static const param_def bfgs_params[P_COUNT] = {
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Wolfe sufficient-decrease constant", NULL, 0},
	[P_C2] = {"c2", 0.9, 0.01, 0.999, "strong Wolfe curvature constant", NULL, 0},
};

/* updates skipped so far (s'y not safely positive); trial points in the step */
static const char *const bfgs_extra[] = {"skipped", "evals", NULL};

typedef struct bfgs_state {
	int updates, skipped;
	double *h; /* n x n inverse-Hessian approximation */
	double *d, *xnew, *gnew, *s, *y, *hy;
	ls_opts lo;
} bfgs_state;

static void bfgs_free(void *state)
{
	bfgs_state *st = state;
	free(st->h);
	st->h = NULL;
}

static void bfgs_identity(double *h, int n, double scale)
{
	memset(h, 0, (size_t)n * n * sizeof *h);
	for (int i = 0; i < n; i++)
		h[(size_t)i * n + i] = scale;
}

static int bfgs_init(void *state, meth_ctx *c)
{
	bfgs_state *st = state;
	size_t n = (size_t)c->n;
	if (c->n > BFGS_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "bfgs keeps a dense n x n matrix, limited to n <= %d (this problem has "
		         "n = %d): use lbfgs",
		         BFGS_MAX_N, c->n);
		return METH_FAILED;
	}
	st->h = malloc((n * n + 6 * n) * sizeof *st->h);
	if (!st->h) {
		snprintf(c->msg, sizeof c->msg, "out of memory for the %dx%d matrix", c->n, c->n);
		return METH_FAILED;
	}
	st->d = st->h + n * n;
	st->xnew = st->d + n;
	st->gnew = st->xnew + n;
	st->s = st->gnew + n;
	st->y = st->s + n;
	st->hy = st->y + n;
	bfgs_identity(st->h, c->n, 1.0);
	st->updates = st->skipped = 0;
	ls_opts_default(&st->lo);
	st->lo.c1 = c->param[P_C1];
	st->lo.c2 = c->param[P_C2];
	if (!(c->param[P_C1] < c->param[P_C2])) {
		snprintf(c->msg, sizeof c->msg, "bfgs: the Wolfe constants need c1 < c2");
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->step = 0.0;
	c->extra[0] = c->extra[1] = 0.0;
	return METH_OK;
}

/* H <- (I - rho s y') H (I - rho y s') + rho s s', with rho = 1 / s'y:
 * H + ((1 + rho y'Hy) rho) s s' - rho (Hy s' + s (Hy)'), H symmetric. */
static void bfgs_update(bfgs_state *st, int n, double sy)
{
	double rho = 1.0 / sy;
	for (int i = 0; i < n; i++)
		st->hy[i] = dense_dot(st->h + (size_t)i * n, st->y, n);
	double yhy = dense_dot(st->y, st->hy, n);
	double a = (1.0 + rho * yhy) * rho;
	for (int i = 0; i < n; i++) {
		double *hi = st->h + (size_t)i * n;
		double si = st->s[i], hyi = st->hy[i];
		for (int j = 0; j < n; j++)
			hi[j] += a * si * st->s[j] - rho * (hyi * st->s[j] + si * st->hy[j]);
	}
}

static int bfgs_step(void *state, meth_ctx *c)
{
	bfgs_state *st = state;
	int n = c->n, status;
	ls_out out;
	c->extra[1] = 0.0;
	for (int attempt = 0;; attempt++) {
		for (int i = 0; i < n; i++)
			st->d[i] = -dense_dot(st->h + (size_t)i * n, c->g, n);
		double t0 = 1.0;
		if (st->updates == 0) {
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
		/* H lost its way (rounding): restart from the identity once. */
		if (attempt > 0 || st->updates == 0) {
			snprintf(c->msg, sizeof c->msg, "line search: %s", ls_status_name(status));
			c->step = 0.0;
			return METH_NO_PROGRESS;
		}
		bfgs_identity(st->h, n, 1.0);
		st->updates = 0;
	}
	double sy = 0.0, ss = 0.0, yy = 0.0;
	for (int i = 0; i < n; i++) {
		st->s[i] = st->xnew[i] - c->x[i];
		st->y[i] = st->gnew[i] - c->g[i];
		sy += st->s[i] * st->y[i];
		ss += st->s[i] * st->s[i];
		yy += st->y[i] * st->y[i];
	}
	memcpy(c->x, st->xnew, (size_t)n * sizeof *c->x);
	memcpy(c->g, st->gnew, (size_t)n * sizeof *c->g);
	c->f = out.f;
	c->step = out.t;
	if (sy > sqrt(DBL_EPSILON) * sqrt(ss * yy) && isfinite(sy) && yy > 0.0) {
		if (st->updates == 0)
			bfgs_identity(st->h, n, sy / yy);
		bfgs_update(st, n, sy);
		st->updates++;
	} else {
		st->skipped++;
	}
	c->extra[0] = st->skipped;
	return METH_OK;
}

const meth meth_bfgs = {
	.name = "bfgs",
	.family = "quasi-newton",
	.summary = "BFGS: dense inverse-Hessian update, strong Wolfe line search",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), ch. 6, alg. 6.1",
	.params = bfgs_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD,
	.extra = bfgs_extra,
	.state_size = sizeof(bfgs_state),
	.init = bfgs_init,
	.step = bfgs_step,
	.free = bfgs_free,
};
