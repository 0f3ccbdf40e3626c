/* mgda: multiple-gradient descent (Desideri 2012). The direction is minus the min-norm
 * element of the convex hull of the objectives' gradients, a descent direction for every
 * objective at once, and 0 exactly at a Pareto-stationary point; on a feasible set it is
 * Fliege & Svaiter's projected version d = argmin_{x+d in C} max_i grad f_i . d + |d|^2/2.
 * The step: Armijo on every objective, f_i(x + t d) <= f_i(x) + c1 t max_j grad f_j . d,
 * from twice the last accepted t (at most 1 on a set, where x + t d stays feasible), or a
 * fixed step. gnorm is the min-norm element's norm at the new point. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mo.h"

/* ORDER mgda_param */
enum { P_STEP, P_LS, P_C1, P_MAXEVAL };

static const char *const rules[] = {"none", "armijo", NULL};

static const param_def params[] = {
    {"step", 0.1, 1e-15, 1e15, "the fixed step along d (linesearch = none)", NULL, 0},
    {"linesearch", 1, 0, 1, "none: the fixed step; armijo: on every objective at once", rules,
     0},
    {"c1", 1e-4, 1e-12, 0.49, "sufficient decrease constant", NULL, 0},
    {"maxeval", 40, 1, 1000, "line-search trials per step at most", NULL, 1},
};

static const char *const extra[] = {"hv", NULL};

typedef struct mgda_state {
	mo s;
	double tlast;
} mgda_state;

static int mgda_init(void *state, meth_ctx *c)
{
	mgda_state *st = state;
	int rc = mo_init(&st->s, c, "mgda");
	if (rc == METH_OK)
		c->extra[0] = mo_hv_point(&st->s, st->s.fv);
	return rc;
}

static int mgda_step(void *state, meth_ctx *c)
{
	mgda_state *st = state;
	mo *s = &st->s;
	int n = s->n, k = s->k, set = c->o->p->set != NULL;
	mo_descent(c, s, k, NULL, s->G, 1, s->d);
	double theta = -INFINITY, dd = 0; /* the largest directional derivative along d */
	for (int i = 0; i < k; i++) {
		double gd = 0;
		for (int j = 0; j < n; j++)
			gd += s->G[(size_t)i * n + j] * s->d[j];
		theta = fmax(theta, gd);
	}
	for (int j = 0; j < n; j++)
		dd += s->d[j] * s->d[j];
	if (dd == 0) {
		snprintf(c->msg, sizeof c->msg, "Pareto-stationary: no common descent direction");
		c->step = 0;
		return METH_CONVERGED;
	}
	if (!(theta < 0)) { /* d != 0 descends for every objective when it is exact */
		snprintf(c->msg, sizeof c->msg,
		         "the common descent step is not a descent direction (max_i grad f_i.d = "
		         "%g): the subproblem was solved inexactly, or a gradient is not finite",
		         theta);
		return METH_NO_PROGRESS;
	}
	double t = c->param[P_STEP];
	if ((int)c->param[P_LS] == 1) {
		t = st->tlast > 0 ? 2 * st->tlast : 1;
		if (set)
			t = fmin(t, 1);
		int ok = 0;
		for (int e = 0; e < (int)c->param[P_MAXEVAL]; e++) {
			for (int j = 0; j < n; j++)
				s->xn[j] = c->x[j] + t * s->d[j];
			mo_values(c, s, s->xn, s->fn);
			ok = 1;
			for (int i = 0; i < k && ok; i++)
				ok = s->fn[i] <= s->fv[i] + c->param[P_C1] * t * theta;
			if (ok)
				break;
			t *= 0.5;
		}
		if (!ok) {
			snprintf(c->msg, sizeof c->msg, "the line search found no decrease in %d trials",
			         (int)c->param[P_MAXEVAL]);
			return METH_NO_PROGRESS;
		}
		st->tlast = t;
	} else {
		for (int j = 0; j < n; j++)
			s->xn[j] = c->x[j] + t * s->d[j];
		mo_project(c, s->xn);
	}
	mo_grads(c, s, s->xn, s->fn, s->Gn);
	mo_accept(c, s);
	c->step = t;
	c->gnorm = mo_pareto(c, s);
	c->extra[0] = mo_hv_point(s, s->fv);
	return METH_OK;
}

static void mgda_free(void *state)
{
	mo_free(&((mgda_state *)state)->s);
}

const meth meth_mgda = {
    .name = "mgda",
    .family = "multiobjective",
    .summary = "multiple-gradient descent: minus the min-norm element of the gradients' hull",
    .reference = "J.-A. Desideri, Multiple-gradient descent algorithm (MGDA) for multiobjective "
                 "optimization, C. R. Math. 350, 2012; J. Fliege & B. F. Svaiter, Steepest "
                 "descent methods for multicriteria optimization, Math. Meth. OR 51, 2000",
    .params = params,
    .nparams = 4,
    .needs = PROB_VALUE | PROB_GRAD | PROB_MULTI,
    .extra = extra,
    .state_size = sizeof(mgda_state),
    .init = mgda_init,
    .step = mgda_step,
    .free = mgda_free,
};
