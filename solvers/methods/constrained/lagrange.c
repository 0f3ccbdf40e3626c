/* lagrange: methods on explicit constraints c_i(x) <= 0, h_j(x) = 0.
 *   penalty  min f + (sigma/2)(sum max(c_i, 0)^2 + sum h_j^2), sigma *= grow each step
 *   auglag   min the augmented Lagrangian f + (1/(2 sigma)) sum (max(0, l_i + sigma c_i)^2
 *            - l_i^2) + sum (m_j h_j + (sigma/2) h_j^2), then l = max(0, l + sigma c),
 *            m = m + sigma h (the method of multipliers); sigma grows when the violation
 *            did not fall to a quarter
 *   primaldual  x -= eta grad_x L(x, l, m); l = max(0, l + tau c(x)); m += tau h(x)
 * penalty and auglag solve each subproblem with an inner run of a catalogue method (its
 * calls are counted on this run's oracle). Columns: the violation max(c+, |h|), sigma
 * (or the step); every multiplier, mult1 .. multm in the order written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "constr.h"
#include "meth.h"
#include "run.h"

enum { K_PENALTY, K_AUGLAG, K_PRIMALDUAL };
/* ORDER lagrange_param */
enum { P_SIGMA, P_GROW, P_INNER, P_ITOL, P_IMAX, P_CTOL, P_COUNT };
enum { PD_STEPX, PD_STEPY, PD_COUNT };

static const char *const inners[] = {"lbfgs", "bfgs", "cg", "gd", NULL};

static const param_def params[] = {
    {"sigma", 10, 1e-12, 1e12, "the first penalty weight", NULL, 0},
    {"grow", 10, 1, 1e6, "sigma's factor between subproblems", NULL, 0},
    {"inner", 0, 0, 3, "the catalogue method that solves each subproblem", inners, 0},
    {"itol", 1e-10, 0, 1, "the subproblem's gradient tolerance", NULL, 0},
    {"imax", 2000, 1, 1e7, "steps of one subproblem at most", NULL, 1},
    {"ctol", 1e-9, 0, 1, "converged when the violation is below this and the subproblem "
                        "converged", NULL, 0},
};

static const param_def pd_params[] = {
    {"step", 1e-2, 1e-15, 1e6, "eta: the primal step", NULL, 0},
    {"dualstep", 1e-2, 1e-15, 1e6, "tau: the multipliers' step", NULL, 0},
};

static const char *const extra[] = {"viol", "sigma", NULL};
static const char *const pd_extra[] = {"viol", NULL};

typedef struct lg_state {
	int kind, m, mi;
	double *mult;   /* m multipliers: inequalities then equalities */
	double *cv, *gk; /* constraint values, one constraint's gradient */
	double sigma, viol;
	oracle *o;       /* the outer oracle: the inner problem counts on it */
	prob *inner;
} lg_state;

/* The weight of constraint k's gradient in the subproblem's gradient (also the
 * multiplier estimate), given its value v. */
static double weight(const lg_state *s, int k, double v)
{
	double l = s->kind == K_PENALTY ? 0 : s->mult[k];
	return k < s->mi ? fmax(0, l + s->sigma * v) : l + s->sigma * v;
}

static double sub_term(const lg_state *s, int k, double v)
{
	double l = s->kind == K_PENALTY ? 0 : s->mult[k];
	if (k < s->mi) {
		double w = fmax(0, l + s->sigma * v);
		return (w * w - l * l) / (2 * s->sigma);
	}
	return l * v + 0.5 * s->sigma * v * v;
}

static double sub_value(void *ctx, const double *x)
{
	lg_state *s = ctx;
	const prob_constr *pc = s->o->p->constr;
	double f = oracle_value(s->o, x);
	constr_eval(pc, x, s->cv);
	for (int k = 0; k < s->m; k++)
		f += sub_term(s, k, s->cv[k]);
	return f;
}

static double sub_grad(void *ctx, const double *x, double *g)
{
	lg_state *s = ctx;
	const prob_constr *pc = s->o->p->constr;
	int n = s->o->p->n;
	double f = oracle_grad(s->o, x, g);
	for (int k = 0; k < s->m; k++) {
		double v = constr_grad(pc, k, x, s->gk), w = weight(s, k, v);
		f += sub_term(s, k, v);
		if (w != 0)
			for (int i = 0; i < n; i++)
				g[i] += w * s->gk[i];
	}
	return f;
}

static const prob_ops sub_ops = {.value = sub_value, .grad = sub_grad};

static int lg_alloc(lg_state *s, meth_ctx *c, int kind)
{
	const prob_constr *pc = c->o->p->constr;
	s->kind = kind;
	s->mi = pc->m_ineq;
	s->m = constr_count(pc);
	s->o = c->o;
	s->mult = calloc((size_t)s->m + 1, sizeof *s->mult);
	s->cv = calloc((size_t)s->m + 1, sizeof *s->cv);
	s->gk = calloc((size_t)c->n, sizeof *s->gk);
	if (!s->mult || !s->cv || !s->gk) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	return METH_OK;
}

static void record_extra(lg_state *s, meth_ctx *c, int off)
{
	s->viol = constr_violation(c->o->p->constr, c->x);
	c->extra[0] = s->viol;
	if (off)
		c->extra[1] = s->sigma;
	for (int k = 0; k < s->m; k++) /* the driver records them as written */
		c->mult[k] = s->mult[k];
}

static int lg_init_kind(void *state, meth_ctx *c, int kind)
{
	lg_state *s = state;
	if (lg_alloc(s, c, kind))
		return METH_FAILED;
	s->sigma = c->param[P_SIGMA];
	/* the inner problem borrows this state as its ctx: no free, no clone */
	s->inner = prob_new("subproblem", c->n, PROB_VALUE | PROB_GRAD, &sub_ops, s);
	if (!s->inner) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	record_extra(s, c, 1);
	return METH_OK;
}

static int penalty_init(void *st, meth_ctx *c)
{
	return lg_init_kind(st, c, K_PENALTY);
}
static int auglag_init(void *st, meth_ctx *c)
{
	return lg_init_kind(st, c, K_AUGLAG);
}

static int lg_step(void *state, meth_ctx *c)
{
	lg_state *s = state;
	run_opts o;
	run_opts_default(&o);
	o.gtol = c->param[P_ITOL];
	o.maxiter = (long)c->param[P_IMAX];
	char err[256];
	const meth *m = meth_find(inners[(int)c->param[P_INNER]]);
	run *r = m ? run_new(s->inner, m, NULL, c->x, &o, err, sizeof err) : NULL;
	if (!r) {
		snprintf(c->msg, sizeof c->msg, "inner solver: %.140s", m ? err : "not in the catalogue");
		return METH_FAILED;
	}
	run_step(r, o.maxiter, NULL);
	enum run_stop st = run_status(r);
	memcpy(c->x, run_x(r), (size_t)c->n * sizeof *c->x);
	run_free(r);
	double old = s->viol;
	constr_eval(c->o->p->constr, c->x, s->cv);
	for (int k = 0; k < s->m; k++) /* multiplier estimates (penalty) or updates (auglag) */
		s->mult[k] = weight(s, k, s->cv[k]);
	record_extra(s, c, 1);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = s->sigma;
	/* a subproblem that stopped at rounding level (no progress, ftol, xtol) is solved as
	 * well as it can be: at large sigma |grad| cannot reach itol */
	int solved = st == RUN_CONVERGED || st == RUN_NO_PROGRESS || st == RUN_FTOL ||
	             st == RUN_XTOL;
	int done = s->viol <= c->param[P_CTOL] && solved;
	/* sigma grows only while the violation needs it: past ctol a larger sigma leaves x
	 * where it is and inflates the estimates sigma c(x) of the multipliers */
	if (s->viol > c->param[P_CTOL] && (s->kind == K_PENALTY || s->viol > 0.25 * old))
		s->sigma = fmin(s->sigma * c->param[P_GROW], 1e15);
	if (done) {
		snprintf(c->msg, sizeof c->msg, "violation %g <= ctol, subproblem converged", s->viol);
		return METH_CONVERGED;
	}
	if (st == RUN_DIVERGED || st == RUN_FAILED) {
		snprintf(c->msg, sizeof c->msg, "the subproblem %s",
		         st == RUN_DIVERGED ? "diverged" : "failed");
		return METH_FAILED;
	}
	return METH_OK;
}

/* ---- primal-dual gradient ---- */

static int pd_init(void *state, meth_ctx *c)
{
	lg_state *s = state;
	if (lg_alloc(s, c, K_PRIMALDUAL))
		return METH_FAILED;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	record_extra(s, c, 0);
	return METH_OK;
}

static int pd_step(void *state, meth_ctx *c)
{
	lg_state *s = state;
	const prob_constr *pc = c->o->p->constr;
	int n = c->n;
	double eta = c->param[PD_STEPX], tau = c->param[PD_STEPY];
	/* x moves along -grad_x L at (x, l, m); the multipliers then ascend at the new x */
	for (int k = 0; k < s->m; k++) {
		constr_grad(pc, k, c->x, s->gk);
		for (int i = 0; i < n; i++)
			c->g[i] += s->mult[k] * s->gk[i];
	}
	for (int i = 0; i < n; i++)
		c->x[i] -= eta * c->g[i];
	constr_eval(pc, c->x, s->cv);
	for (int k = 0; k < s->m; k++) {
		double v = s->mult[k] + tau * s->cv[k];
		s->mult[k] = k < s->mi ? fmax(0, v) : v;
	}
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = eta;
	record_extra(s, c, 0);
	return METH_OK;
}

static void lg_free(void *state)
{
	lg_state *s = state;
	free(s->mult);
	free(s->cv);
	free(s->gk);
	prob_free(s->inner);
}

#define NEEDS (PROB_VALUE | PROB_GRAD | PROB_CONSTR)

const meth meth_penalty = {
    .name = "penalty",
    .family = "constrained",
    .summary = "quadratic penalty, increasing sigma, subproblems by a catalogue method",
    .reference = "Nocedal & Wright, Numerical Optimization (2nd ed., 2006), sec. 17.1",
    .params = params,
    .nparams = P_COUNT,
    .needs = NEEDS,
    .extra = extra,
    .mults = 1,
    .state_size = sizeof(lg_state),
    .init = penalty_init,
    .step = lg_step,
    .free = lg_free,
};

const meth meth_auglag = {
    .name = "auglag",
    .family = "constrained",
    .summary = "augmented Lagrangian (method of multipliers), inequalities by max(0, .)",
    .reference = "Hestenes (1969); Powell (1969); Rockafellar (1973); Nocedal & Wright, "
                 "Numerical Optimization (2nd ed., 2006), sec. 17.3-17.4",
    .params = params,
    .nparams = P_COUNT,
    .needs = NEEDS,
    .extra = extra,
    .mults = 1,
    .state_size = sizeof(lg_state),
    .init = auglag_init,
    .step = lg_step,
    .free = lg_free,
};

const meth meth_primaldual = {
    .name = "primaldual",
    .family = "constrained",
    .summary = "primal-dual gradient: descent on x, projected ascent on the multipliers",
    .reference = "Arrow, Hurwicz & Uzawa, Studies in Linear and Non-Linear Programming (1958); "
                 "Bertsekas, Nonlinear Programming (3rd ed., 2016), sec. 5.4",
    .params = pd_params,
    .nparams = PD_COUNT,
    .needs = NEEDS,
    .extra = pd_extra,
    .mults = 1,
    .state_size = sizeof(lg_state),
    .init = pd_init,
    .step = pd_step,
    .free = lg_free,
};
