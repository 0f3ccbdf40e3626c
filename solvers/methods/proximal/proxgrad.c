/* proxgrad: the proximal-gradient family on F = f + g (or f over a set):
 *   ista  x+ = prox_{t g}(x - t grad f(x))
 *   fista the same step from the extrapolated y_k = x_k + ((th_k - 1)/th_{k+1})(x_k - x_{k-1})
 *         (Beck & Teboulle 2009), with optional adaptive restart (O'Donoghue & Candes 2015)
 *   pgd   x+ = P(x - t grad f(x)), the projection onto the problem's set
 * Step: fixed, or backtracking until f(u) <= f(y) + <grad f(y), u - y> + |u - y|^2/(2t),
 * each step's first trial the last step times `grow` (backtracking with increase, Beck,
 * First-Order Methods in Optimization, sec. 10.4.2; for fista the momentum follows the
 * steps' ratio, th_{k+1} = (1 + sqrt(1 + 4 th_k^2 t_k / t_{k+1}))/2, Scheinberg, Goldfarb &
 * Bai, Found. Comput. Math. 14 (2014), which keeps the O(1/k^2) rate). The first step is
 * 1/L, L estimated at the start by power iteration on gradient differences, unless given.
 * Where f cannot resolve the bound (near x*, to rounding), it is tested by gradients,
 * <grad f(u) - grad f(y), u - y> <= |u - y|^2 / t, exact for a quadratic f: the step does
 * not collapse after convergence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <float.h>

#include "meth.h"

enum { K_ISTA, K_FISTA, K_PGD };
/* ORDER proxgrad_param: fista adds restart at the end */
enum { P_STEP, P_LS, P_SHRINK, P_GROW, P_MAXEVAL, P_RESTART, P_COUNT };
enum { R_NONE, R_GRADIENT, R_FUNCTION };

static const char *const ls_rules[] = {"none", "backtrack", NULL};
static const char *const restarts[] = {"none", "gradient", "function", NULL};

#define COMMON_PARAMS                                                                            \
	{"step", 0, 0, 1e15,                                                                     \
	 "the step t (1/L for an L-smooth f), or backtracking's first; 0: 1/L estimated at the " \
	 "start",                                                                                \
	 NULL, 0},                                                                               \
	    {"linesearch", 1, 0, 1,                                                              \
	     "none: fixed step; backtrack: shrink t until the quadratic upper bound holds",      \
	     ls_rules, 0},                                                                       \
	    {"shrink", 0.5, 0.01, 0.99, "backtracking factor", NULL, 0},                         \
	    {"grow", 1.1, 1, 100, "each step's first trial: the last step times grow (1: never grows)", \
	     NULL, 0},                                                                           \
	    {"maxeval", 60, 1, 1000, "backtracking trials per step at most", NULL, 1}

static const param_def params[] = {COMMON_PARAMS};
static const param_def fista_params[] = {
    COMMON_PARAMS,
    {"restart", 0, 0, 2,
     "adaptive restart of the momentum: none; gradient: when <y - x+, x+ - x> > 0; "
     "function: when F increases",
     restarts, 0},
};

static const char *const extra[] = {"gmap", "t", NULL};
static const char *const fista_extra[] = {"gmap", "t", "restarts", NULL};

typedef struct pg_state {
	int kind;
	double *y, *gy, *u, *gu, *xprev;
	double t, theta; /* the last step and FISTA's th_k */
	double fu;       /* f at the accepted trial (NAN without backtracking) */
	double Fprev;
	long restarts;
} pg_state;

static void apply_op(pg_state *s, meth_ctx *c, const double *v, double t, double *out)
{
	if (s->kind == K_PGD)
		oracle_project(c->o, v, out);
	else
		oracle_prox(c->o, v, t, out);
}

static double g_value(const meth_ctx *c, const double *x)
{
	const prob_reg *g = c->o->p->g;
	return g ? g->value(g->ctx, x, c->n) : 0;
}

static double norm(const double *v, int n)
{
	double t = 0;
	for (int i = 0; i < n; i++)
		t += v[i] * v[i];
	return sqrt(t);
}

/* L at x by power iteration on v -> (grad f(x + h v) - grad f(x)) / h (|v| = 1), from
 * v along grad f (else all ones): the largest curvature, to a few digits, in 20
 * gradients. Scratch: y, gy, u. 0 where f shows none. */
static double estimate_L(pg_state *s, meth_ctx *c)
{
	int n = c->n;
	double xn = norm(c->x, n), gn = norm(c->g, n), L = 0;
	for (int i = 0; i < n; i++)
		s->u[i] = gn > 0 ? c->g[i] / gn : 1 / sqrt((double)n);
	double h = 1e-4 * (1 + xn);
	for (int it = 0; it < 20; it++) {
		for (int i = 0; i < n; i++)
			s->y[i] = c->x[i] + h * s->u[i];
		oracle_grad(c->o, s->y, s->gy);
		for (int i = 0; i < n; i++)
			s->gy[i] = (s->gy[i] - c->g[i]) / h;
		double q = norm(s->gy, n);
		if (!(q > 0) || !isfinite(q))
			break;
		L = q;
		for (int i = 0; i < n; i++)
			s->u[i] = s->gy[i] / q;
	}
	return L;
}

static int pg_init_kind(void *state, meth_ctx *c, int kind)
{
	pg_state *s = state;
	size_t sz = (size_t)c->n * sizeof(double);
	s->kind = kind;
	s->y = malloc(sz);
	s->gy = malloc(sz);
	s->u = malloc(sz);
	s->gu = malloc(sz);
	s->xprev = malloc(sz);
	if (!s->y || !s->gy || !s->u || !s->gu || !s->xprev) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	if (kind == K_PGD) { /* start feasible, so that every iterate is */
		oracle_project(c->o, c->x, s->u);
		memcpy(c->x, s->u, sz);
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	s->t = c->param[P_STEP];
	if (!(s->t > 0)) {
		double L = estimate_L(s, c);
		s->t = L > 0 ? 1 / L : 1;
	}
	s->theta = 0; /* before the first step */
	memcpy(s->y, c->x, sz);
	memcpy(s->xprev, c->x, sz);
	s->Fprev = c->f + g_value(c, c->x);
	return METH_OK;
}

static int ista_init(void *st, meth_ctx *c)
{
	return pg_init_kind(st, c, K_ISTA);
}
static int fista_init(void *st, meth_ctx *c)
{
	return pg_init_kind(st, c, K_FISTA);
}
static int pgd_init(void *st, meth_ctx *c)
{
	return pg_init_kind(st, c, K_PGD);
}

/* y and grad f(y) for the trial step t: x itself (ista, pgd: f and g are current), or
 * FISTA's extrapolation with the momentum of t. Returns f(y); *th1 the next th. */
static double pg_point(pg_state *s, meth_ctx *c, double t, double *th1)
{
	int n = c->n;
	size_t sz = (size_t)n * sizeof(double);
	*th1 = 1;
	if (s->kind != K_FISTA) {
		memcpy(s->y, c->x, sz);
		memcpy(s->gy, c->g, sz);
		return c->f;
	}
	/* th_1 = 1 at the first step (theta 0: y_1 = x_0), then the recurrence */
	*th1 = s->theta > 0 ? 0.5 * (1 + sqrt(1 + 4 * s->theta * s->theta * s->t / t)) : 1;
	double beta = s->theta > 1 ? (s->theta - 1) / *th1 : 0;
	for (int i = 0; i < n; i++)
		s->y[i] = c->x[i] + beta * (c->x[i] - s->xprev[i]);
	if (beta == 0) { /* y = x */
		memcpy(s->gy, c->g, sz);
		return c->f;
	}
	return oracle_grad(c->o, s->y, s->gy);
}

/* The quadratic upper bound at u; where f cannot resolve it, by gradients (then gu holds
 * grad f(u) and *have_gu is set). */
static int bound_holds(pg_state *s, meth_ctx *c, double fy, double fu, double t, int *have_gu)
{
	int n = c->n;
	double lin = 0, sq = 0;
	for (int i = 0; i < n; i++) {
		double d = s->u[i] - s->y[i];
		lin += s->gy[i] * d;
		sq += d * d;
	}
	double excess = fu - fy - lin;
	if (!(fabs(excess) <= 1e3 * DBL_EPSILON * (fabs(fy) + fabs(fu))))
		return excess <= sq / (2 * t);
	oracle_grad(c->o, s->u, s->gu);
	*have_gu = 1;
	double curv = 0;
	for (int i = 0; i < n; i++)
		curv += (s->gu[i] - s->gy[i]) * (s->u[i] - s->y[i]);
	return curv <= sq / t;
}

/* u = op(y - t grad f(y)) with backtracking from the last step times grow; fills fy, s->t
 * and th1. Returns the trials, or -1 when backtracking ran out. */
static int pg_descend(pg_state *s, meth_ctx *c, double *th1, int *have_gu)
{
	int n = c->n, maxeval = (int)c->param[P_MAXEVAL], ls = (int)c->param[P_LS];
	double t = ls ? s->t * c->param[P_GROW] : s->t;
	for (int k = 1;; k++) {
		double fy = pg_point(s, c, t, th1);
		for (int i = 0; i < n; i++)
			s->u[i] = s->y[i] - t * s->gy[i];
		apply_op(s, c, s->u, t, s->u);
		*have_gu = 0;
		s->fu = ls ? oracle_value(c->o, s->u) : NAN;
		if (!ls || bound_holds(s, c, fy, s->fu, t, have_gu)) {
			s->t = t;
			return k;
		}
		meth_probe(c, s->u);
		if (k >= maxeval)
			return -1;
		t *= c->param[P_SHRINK];
	}
}

static int pg_step(void *state, meth_ctx *c)
{
	pg_state *s = state;
	int n = c->n;
	size_t sz = (size_t)n * sizeof(double);
	double th1;
	int have_gu;
	if (pg_descend(s, c, &th1, &have_gu) < 0) {
		snprintf(c->msg, sizeof c->msg, "backtracking found no step after %d trials",
		         (int)c->param[P_MAXEVAL]);
		c->step = 0;
		return METH_NO_PROGRESS;
	}
	double gm = 0;
	for (int i = 0; i < n; i++)
		gm += (s->u[i] - s->y[i]) * (s->u[i] - s->y[i]);
	gm = sqrt(gm) / s->t;
	c->extra[0] = gm;
	c->extra[1] = s->t;
	c->step = s->t;
	int fixed = memcmp(s->u, s->y, sz) == 0;
	memcpy(s->xprev, c->x, sz);
	memcpy(c->x, s->u, sz);
	if (have_gu) {
		memcpy(c->g, s->gu, sz); /* f(u) is s->fu: the bound was tested by gradients */
		c->f = s->fu;
	} else {
		c->f = oracle_grad(c->o, c->x, c->g);
	}
	double F = c->f + g_value(c, c->x);
	if (s->kind == K_FISTA) {
		int restart = 0, rule = (int)c->param[P_RESTART];
		if (rule == R_GRADIENT) {
			double ip = 0;
			for (int i = 0; i < n; i++)
				ip += (s->y[i] - c->x[i]) * (c->x[i] - s->xprev[i]);
			restart = ip > 0;
		} else if (rule == R_FUNCTION)
			restart = F > s->Fprev;
		s->theta = restart ? 1 : th1;
		s->restarts += restart;
		c->extra[2] = (double)s->restarts;
	}
	s->Fprev = F;
	if (fixed && (s->kind != K_FISTA || memcmp(c->x, s->xprev, sz) == 0)) {
		snprintf(c->msg, sizeof c->msg, "a fixed point of the %s step",
		         s->kind == K_PGD ? "projected gradient" : "proximal gradient");
		return METH_CONVERGED;
	}
	return METH_OK;
}

static void pg_free(void *state)
{
	pg_state *s = state;
	free(s->y);
	free(s->gy);
	free(s->u);
	free(s->gu);
	free(s->xprev);
}

const meth meth_ista = {
    .name = "ista",
    .family = "proximal",
    .summary = "proximal gradient (ISTA) on f + g: fixed step or backtracking",
    .reference = "Beck & Teboulle, A fast iterative shrinkage-thresholding algorithm for linear "
                 "inverse problems, SIAM J. Imaging Sci. 2 (2009); Beck, First-Order Methods "
                 "in Optimization (2017), ch. 10",
    .params = params,
    .nparams = P_RESTART,
    .needs = PROB_VALUE | PROB_GRAD | PROB_PROX,
    .extra = extra,
    .state_size = sizeof(pg_state),
    .init = ista_init,
    .step = pg_step,
    .free = pg_free,
};

const meth meth_fista = {
    .name = "fista",
    .family = "proximal",
    .summary = "accelerated proximal gradient (FISTA), O(1/k^2), optional adaptive restart",
    .reference = "Beck & Teboulle, SIAM J. Imaging Sci. 2 (2009); O'Donoghue & Candes, "
                 "Adaptive restart for accelerated gradient schemes, Found. Comput. Math. 15 "
                 "(2015)",
    .params = fista_params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD | PROB_PROX,
    .extra = fista_extra,
    .state_size = sizeof(pg_state),
    .init = fista_init,
    .step = pg_step,
    .free = pg_free,
};

const meth meth_pgd = {
    .name = "pgd",
    .family = "constrained",
    .summary = "projected gradient x+ = P(x - t grad f): fixed step or backtracking",
    .reference = "Beck, First-Order Methods in Optimization (2017), sec. 9.4 and ch. 10; "
                 "Bertsekas, Nonlinear Programming (3rd ed., 2016), sec. 3.3",
    .params = params,
    .nparams = P_RESTART,
    .needs = PROB_VALUE | PROB_GRAD | PROB_PROJ,
    .extra = extra,
    .state_size = sizeof(pg_state),
    .init = pgd_init,
    .step = pg_step,
    .free = pg_free,
};
