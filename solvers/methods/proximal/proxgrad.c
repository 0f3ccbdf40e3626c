/* proxgrad: the proximal-gradient family on F = f + g (or f over a set):
 *   ista  x+ = prox_{t g}(x - t grad f(x))
 *   fista the same step from the extrapolated y_k = x_k + ((t_k - 1)/t_{k+1})(x_k - x_{k-1})
 *         (Beck & Teboulle 2009), with optional adaptive restart (O'Donoghue & Candes 2015)
 *   pgd   x+ = P(x - t grad f(x)), the projection onto the problem's set
 * Step: fixed, or backtracking until f(u) <= f(y) + <grad f(y), u - y> + |u - y|^2/(2t)
 * (Beck & Teboulle's rule; the step never grows back). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

enum { K_ISTA, K_FISTA, K_PGD };
/* ORDER proxgrad_param: fista adds restart at the end */
enum { P_STEP, P_LS, P_SHRINK, P_MAXEVAL, P_RESTART, P_COUNT };
enum { R_NONE, R_GRADIENT, R_FUNCTION };

static const char *const ls_rules[] = {"none", "backtrack", NULL};
static const char *const restarts[] = {"none", "gradient", "function", NULL};

#define COMMON_PARAMS                                                                            \
	{"step", 1e-2, 1e-15, 1e15, "the step t (1/L for an L-smooth f), or backtracking's first",   \
	 NULL, 0},                                                                               \
	    {"linesearch", 1, 0, 1,                                                              \
	     "none: fixed step; backtrack: shrink t until the quadratic upper bound holds",      \
	     ls_rules, 0},                                                                       \
	    {"shrink", 0.5, 0.01, 0.99, "backtracking factor", NULL, 0},                         \
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
	double *y, *gy, *u, *xprev;
	double t, theta; /* the step and FISTA's t_k */
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

static int pg_init_kind(void *state, meth_ctx *c, int kind)
{
	pg_state *s = state;
	size_t sz = (size_t)c->n * sizeof(double);
	s->kind = kind;
	s->y = malloc(sz);
	s->gy = malloc(sz);
	s->u = malloc(sz);
	s->xprev = malloc(sz);
	if (!s->y || !s->gy || !s->u || !s->xprev) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	if (kind == K_PGD) { /* start feasible, so that every iterate is */
		oracle_project(c->o, c->x, s->u);
		memcpy(c->x, s->u, sz);
	}
	s->t = c->param[P_STEP];
	s->theta = 1;
	memcpy(s->y, c->x, sz);
	memcpy(s->xprev, c->x, sz);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
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

/* u = op(y - t grad f(y)) with backtracking; fills fu = f(u). Returns the trials, or -1
 * when backtracking ran out. */
static int pg_descend(pg_state *s, meth_ctx *c, double fy, double *fu)
{
	int n = c->n, maxeval = (int)c->param[P_MAXEVAL], ls = (int)c->param[P_LS];
	for (int k = 1;; k++) {
		double t = s->t;
		for (int i = 0; i < n; i++)
			s->u[i] = s->y[i] - t * s->gy[i];
		apply_op(s, c, s->u, t, s->u);
		if (!ls) {
			*fu = NAN;
			return k;
		}
		*fu = oracle_value(c->o, s->u);
		double lin = 0, sq = 0;
		for (int i = 0; i < n; i++) {
			double d = s->u[i] - s->y[i];
			lin += s->gy[i] * d;
			sq += d * d;
		}
		if (*fu <= fy + lin + sq / (2 * t) + 1e-15 * fabs(fy))
			return k;
		meth_probe(c, s->u);
		if (k >= maxeval)
			return -1;
		s->t *= c->param[P_SHRINK];
	}
}

static int pg_step(void *state, meth_ctx *c)
{
	pg_state *s = state;
	int n = c->n;
	size_t sz = (size_t)n * sizeof(double);
	double fy;
	if (s->kind == K_FISTA)
		fy = oracle_grad(c->o, s->y, s->gy);
	else { /* y = x: f and the gradient are current */
		fy = c->f;
		memcpy(s->gy, c->g, sz);
	}
	double fu, told = s->t;
	if (pg_descend(s, c, fy, &fu) < 0) {
		snprintf(c->msg, sizeof c->msg, "backtracking found no step after %d trials",
		         (int)c->param[P_MAXEVAL]);
		s->t = told;
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
	c->f = oracle_grad(c->o, c->x, c->g);
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
		if (restart) {
			s->theta = 1;
			s->restarts++;
		}
		double th1 = 0.5 * (1 + sqrt(1 + 4 * s->theta * s->theta));
		double beta = (s->theta - 1) / th1;
		for (int i = 0; i < n; i++)
			s->y[i] = c->x[i] + beta * (c->x[i] - s->xprev[i]);
		s->theta = th1;
		c->extra[2] = (double)s->restarts;
	} else {
		memcpy(s->y, c->x, sz);
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
