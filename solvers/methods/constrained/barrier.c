/* barrier: the log-barrier method for c_i(x) <= 0 with path following (Frisch 1955;
 * Fiacco & McCormick 1968; Boyd & Vandenberghe sec. 11.3). One step centres on
 *   phi_mu(x) = f(x) - mu sum_i log(-c_i(x))
 * (damped Newton with a shifted Cholesky, or gradient steps), then mu *= shrink. Every
 * trial point of the inner line search is strictly feasible (a point with some
 * c_i >= 0 is rejected before phi is evaluated), so the iterates stay inside; the
 * start must be strictly feasible and is refused otherwise. Multiplier estimates
 * l_i = mu / (-c_i(x)) at the centred point; m mu bounds f(x) - f* for convex
 * problems (the duality gap of the central path). Columns: the violation, mu, and
 * every multiplier (mult1 .. multm). Equality constraints are refused (auglag handles them). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "constr.h"
#include "dense.h"
#include "meth.h"

#define BR_NEWTON_MAX 500 /* dimensions for Newton's dense n x n matrices */

/* ORDER barrier_param */
enum { P_MU, P_SHRINK, P_INNER, P_ITOL, P_IMAX, P_TOL, P_COUNT };
enum { I_NEWTON, I_GD };

static const char *const inners[] = {"newton", "gd", NULL};

static const param_def params[] = {
    {"mu", 1, 1e-12, 1e12, "the first barrier weight", NULL, 0},
    {"shrink", 0.1, 1e-6, 0.99, "mu's factor after each centring", NULL, 0},
    {"inner", 0, 0, 1,
     "centring steps: damped Newton (needs Hessians) or gradient descent with Armijo "
     "backtracking",
     inners, 0},
    {"itol", 1e-9, 0, 1,
     "centred when the Newton decrement^2/2 is below itol mu (gd: |grad phi| below itol)", NULL, 0},
    {"imax", 100, 1, 1e7, "centring steps of one barrier step at most", NULL, 1},
    {"tol", 1e-9, 0, 1, "converged when the gap bound m mu is below this and centred", NULL, 0},
};

static const char *const extra[] = {"viol", "mu", NULL};

typedef struct br_state {
	int m;
	double mu, s; /* the barrier weight; gd's step, kept across steps */
	double *cv, *gk, *gp, *d, *xt, *h, *l, *hc, *mult;
} br_state;

static void br_free(void *state)
{
	br_state *s = state;
	free(s->cv);
	free(s->h);
	s->cv = s->h = NULL;
}

/* phi_mu(x), or +inf outside the strict interior. */
static double phi_value(br_state *s, meth_ctx *c, const double *x)
{
	constr_eval(c->o->p->constr, x, s->cv);
	double b = 0;
	for (int k = 0; k < s->m; k++) {
		if (!(s->cv[k] < 0))
			return INFINITY;
		b -= log(-s->cv[k]);
	}
	return oracle_value(c->o, x) + s->mu * b;
}

/* phi's gradient to gp (and with hess, its Hessian to s->h); x is strictly feasible. */
static double phi_grad(br_state *s, meth_ctx *c, const double *x, int hess)
{
	const prob_constr *pc = c->o->p->constr;
	int n = c->n;
	double f = hess ? oracle_hess(c->o, x, s->h) : 0;
	f = oracle_grad(c->o, x, s->gp);
	for (int k = 0; k < s->m; k++) {
		double v = constr_grad(pc, k, x, s->gk), w = s->mu / -v;
		f -= s->mu * log(-v);
		for (int i = 0; i < n; i++)
			s->gp[i] += w * s->gk[i];
		if (!hess)
			continue;
		expr_hessian(pc->ineq[k], x, s->hc);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				s->h[(size_t)i * n + j] += w * s->hc[(size_t)i * n + j] +
				                           w * w / s->mu * s->gk[i] * s->gk[j];
	}
	return f;
}

static int br_init(void *state, meth_ctx *c)
{
	br_state *s = state;
	const prob_constr *pc = c->o->p->constr;
	int n = c->n, newton = (int)c->param[P_INNER] == I_NEWTON;
	if (pc->m_eq > 0) {
		snprintf(c->msg, sizeof c->msg,
		         "barrier handles inequalities c(x) <= 0 only; use auglag or penalty for "
		         "equalities");
		return METH_FAILED;
	}
	if (newton && !(c->o->p->caps & PROB_HESS)) {
		snprintf(c->msg, sizeof c->msg, "inner = newton needs Hessians; use inner = gd");
		return METH_FAILED;
	}
	if (newton && n > BR_NEWTON_MAX) {
		snprintf(c->msg, sizeof c->msg,
		         "inner = newton is limited to n <= %d; use inner = gd", BR_NEWTON_MAX);
		return METH_FAILED;
	}
	s->m = pc->m_ineq;
	s->cv = malloc(((size_t)s->m * 2 + 4 * (size_t)n + 1) * sizeof *s->cv);
	if (newton)
		s->h = malloc(3 * (size_t)n * n * sizeof *s->h);
	if (!s->cv || (newton && !s->h)) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->mult = s->cv + s->m;
	s->gk = s->mult + s->m;
	s->gp = s->gk + n;
	s->d = s->gp + n;
	s->xt = s->d + n;
	if (newton) {
		s->l = s->h + (size_t)n * n;
		s->hc = s->l + (size_t)n * n;
	}
	constr_eval(pc, c->x, s->cv);
	for (int k = 0; k < s->m; k++)
		if (!(s->cv[k] < 0)) {
			char src[48];
			snprintf(src, sizeof src, "%s", pc->ineq_src[k]);
			snprintf(c->msg, sizeof c->msg,
			         "barrier needs a strictly feasible start: constraint %d (%.40s) "
			         "is %.6g, "
			         "not < 0",
			         k + 1, src, s->cv[k]);
			return METH_FAILED;
		}
	s->mu = c->param[P_MU];
	s->s = 1;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = constr_violation(pc, c->x);
	c->extra[1] = s->mu;
	return METH_OK;
}

/* Backtracks from x along d, from step a, to a strictly feasible point with Armijo's
 * decrease; x moves there. The step taken, or 0 when none was found. */
static double br_search(br_state *s, meth_ctx *c, double phi, double slope, double a)
{
	int n = c->n;
	for (int k = 0; k < 80; k++, a *= 0.5) {
		for (int i = 0; i < n; i++)
			s->xt[i] = c->x[i] + a * s->d[i];
		double p = phi_value(s, c, s->xt);
		if (p <= phi + 1e-4 * a * slope) {
			memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
			return a;
		}
	}
	return 0;
}

static int br_step(void *state, meth_ctx *c)
{
	br_state *s = state;
	int n = c->n, newton = (int)c->param[P_INNER] == I_NEWTON, centred = 0;
	double itol = c->param[P_ITOL], step = 0;
	for (int it = 0; it < (int)c->param[P_IMAX] && !centred; it++) {
		double phi = phi_grad(s, c, c->x, newton), slope = 0, a;
		if (newton) {
			if (dense_cholesky_shifted(s->h, n, s->l) < 0) {
				snprintf(c->msg, sizeof c->msg,
				         "a non-finite Hessian of the barrier");
				return METH_FAILED;
			}
			for (int i = 0; i < n; i++)
				s->d[i] = -s->gp[i];
			dense_cholesky_solve(s->l, n, s->d);
			for (int i = 0; i < n; i++)
				slope += s->gp[i] * s->d[i];
			/* the Newton decrement lambda^2 = -g'd, relative to mu: x is then close to
			 * the central point on the scale of -c_i ~ mu / l_i */
			if (-slope / 2 <= itol * s->mu) {
				centred = 1;
				break;
			}
			a = br_search(s, c, phi, slope, 1);
		} else {
			for (int i = 0; i < n; i++) {
				s->d[i] = -s->gp[i];
				slope -= s->gp[i] * s->gp[i];
			}
			if (sqrt(-slope) <= itol) {
				centred = 1;
				break;
			}
			a = br_search(s, c, phi, slope, fmin(2 * s->s, 1e12));
			if (a > 0)
				s->s = a;
		}
		if (a == 0) { /* no decrease left at this mu: as centred as it gets */
			centred = 1;
			break;
		}
		step = a;
	}
	const prob_constr *pc = c->o->p->constr;
	constr_eval(pc, c->x, s->cv);
	for (int k = 0; k < s->m; k++)
		c->mult[k] = s->mult[k] = s->mu / -s->cv[k];
	c->extra[0] = constr_violation(pc, c->x);
	c->extra[1] = s->mu;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = step;
	c->moved = 1; /* mu moved the path even when x did not */
	double gap = s->m * s->mu;
	s->mu *= c->param[P_SHRINK];
	if (centred && gap <= c->param[P_TOL]) {
		snprintf(c->msg, sizeof c->msg, "centred with the gap bound m mu = %g <= tol", gap);
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_barrier = {
    .name = "barrier",
    .family = "constrained",
    .summary = "log barrier with path following: centre by Newton or gd, mu *= shrink",
    .reference = "Fiacco & McCormick, Nonlinear Programming: Sequential Unconstrained "
                 "Minimization Techniques (1968); Boyd & Vandenberghe, Convex Optimization "
                 "(2004), sec. 11.3; Nocedal & Wright (2nd ed., 2006), sec. 19.6",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD | PROB_CONSTR,
    .extra = extra,
    .mults = 1,
    .state_size = sizeof(br_state),
    .init = br_init,
    .step = br_step,
    .free = br_free,
};
