/* scalarize: weightedsum and tchebycheff, one objective made of several with given
 * weights w_i (w on f1, (1 - w)/(k - 1) on each other; sweep w for a front):
 *   weightedsum   h(x) = sum_i w_i f_i(x): finds only the convex part of a front
 *   tchebycheff   h(x) = max_i w_i (f_i(x) - z_i), z the ideal point (the problem's where
 *                 known, else the least value of each objective met so far, as MOEA/D
 *                 does): every Pareto point is the minimizer for some w (Miettinen 1999)
 * Both are minimized by the prox-linear method: d = argmin_{x+d in C} max_i (a_i + b_i.d)
 * + |d|^2/(2t) over the pieces a_i + b_i.d of h linearized at x (one for the weighted
 * sum: projected gradient descent), accepted when h falls by c1 times the model's
 * decrease, else t halves; the next step starts from 2t. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mo.h"

/* ORDER scal_param */
enum { P_W, P_STEP, P_LS, P_C1, P_MAXEVAL, P_COUNT };

static const char *const rules[] = {"none", "armijo", NULL};

static const param_def params[] = {
    {"w", 0.5, 0, 1, "the weight of f1; (1 - w)/(k - 1) on each other objective", NULL, 0},
    {"step", 1, 1e-15, 1e15, "the prox-linear step t: the first trial (armijo) or fixed", NULL,
     0},
    {"linesearch", 1, 0, 1, "none: the fixed step; armijo: backtracking on the scalarization",
     rules, 0},
    {"c1", 1e-4, 1e-12, 0.49, "sufficient decrease, a fraction of the model's", NULL, 0},
    {"maxeval", 40, 1, 1000, "trial steps per step at most", NULL, 1},
};

static const char *const extra[] = {"hv", "scal", NULL};

typedef struct scal_state {
	mo s;
	int tch;                /* tchebycheff; else the weighted sum */
	double z[MULTI_MAX];    /* tchebycheff's ideal point */
	int z_known;            /* the problem's; else the least values met */
	double tlast;
	double a[MULTI_MAX], *B; /* the pieces at x: offsets, slopes (k x n) */
} scal_state;

/* h at the objective values fv. */
static double scal_value(const scal_state *st, const double *fv)
{
	const mo *s = &st->s;
	double h = st->tch ? -INFINITY : 0;
	for (int i = 0; i < s->k; i++)
		h = st->tch ? fmax(h, s->w[i] * (fv[i] - st->z[i])) : h + s->w[i] * fv[i];
	return h;
}

static void scal_ideal(scal_state *st, const double *fv)
{
	for (int i = 0; !st->z_known && i < st->s.k; i++)
		st->z[i] = fmin(st->z[i], fv[i]);
}

/* The pieces of h at x into a, B (rows n values); returns their count. */
static int scal_pieces(scal_state *st, double *a, double *B)
{
	mo *s = &st->s;
	int k = s->k, n = s->n;
	if (!st->tch) {
		a[0] = scal_value(st, s->fv);
		for (int j = 0; j < n; j++) {
			double b = 0;
			for (int i = 0; i < k; i++)
				b += s->w[i] * s->G[(size_t)i * n + j];
			B[j] = b;
		}
		return 1;
	}
	for (int i = 0; i < k; i++) {
		a[i] = s->w[i] * (s->fv[i] - st->z[i]);
		for (int j = 0; j < n; j++)
			B[(size_t)i * n + j] = s->w[i] * s->G[(size_t)i * n + j];
	}
	return k;
}

/* The scalarization's stationarity at x: |d| of the prox-linear step with t = 1 (the
 * projected gradient of the weighted sum; the gradient mapping of the max), 0 exactly at
 * its stationary points. Not counted, as the driver's measures are not. */
static double scal_measure(scal_state *st, meth_ctx *c)
{
	mo *s = &st->s;
	const prob *p = c->o->p;
	int np = scal_pieces(st, st->a, st->B), n = s->n;
	multi_descent(st->a, st->B, np, n, 1, p->set ? p->set->project : NULL,
	              p->set ? p->set->ctx : NULL, c->x, 500, NULL, s->d, s->work);
	double dd = 0;
	for (int j = 0; j < n; j++)
		dd += s->d[j] * s->d[j];
	return sqrt(dd);
}

static int scal_init(scal_state *st, meth_ctx *c, int tch)
{
	mo *s = &st->s;
	st->tch = tch;
	int rc = mo_init(s, c, tch ? "tchebycheff" : "weightedsum");
	if (rc != METH_OK)
		return rc;
	mo_weights(s, c->param[P_W]);
	st->z_known = 1;
	for (int i = 0; i < s->k; i++) {
		st->z[i] = s->m->ideal[i];
		st->z_known &= isfinite(st->z[i]);
	}
	if (!st->z_known)
		for (int i = 0; i < s->k; i++)
			st->z[i] = s->fv[i];
	if (!(st->B = malloc((size_t)s->k * (size_t)s->n * sizeof *st->B))) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	c->extra[0] = mo_hv_point(s, s->fv);
	c->extra[1] = scal_value(st, s->fv);
	c->gnorm = scal_measure(st, c);
	return METH_OK;
}

static int ws_init(void *state, meth_ctx *c)
{
	return scal_init(state, c, 0);
}

static int tch_init(void *state, meth_ctx *c)
{
	return scal_init(state, c, 1);
}

static int scal_step(void *state, meth_ctx *c)
{
	scal_state *st = state;
	mo *s = &st->s;
	int n = s->n;
	double *Bp = st->B;
	int np = scal_pieces(st, st->a, Bp);
	double h = scal_value(st, s->fv);
	int armijo = (int)c->param[P_LS] == 1;
	double t = armijo && st->tlast > 0 ? 2 * st->tlast : c->param[P_STEP];
	int ok = 0;
	for (int e = 0; e < (armijo ? (int)c->param[P_MAXEVAL] : 1); e++) {
		mo_descent(c, s, np, st->a, Bp, t, s->d);
		double model = -INFINITY;
		for (int i = 0; i < np; i++) {
			double m = st->a[i];
			for (int j = 0; j < n; j++)
				m += Bp[(size_t)i * n + j] * s->d[j];
			model = fmax(model, m);
		}
		double drop = h - model; /* the model's decrease, >= |d|^2/(2t) */
		if (!(drop > 1e-15 * (1 + fabs(h)))) {
			snprintf(c->msg, sizeof c->msg, "the scalarization is stationary");
			c->step = 0;
			return METH_CONVERGED;
		}
		for (int j = 0; j < n; j++)
			s->xn[j] = c->x[j] + s->d[j];
		mo_values(c, s, s->xn, s->fn);
		if (!armijo || scal_value(st, s->fn) <= h - c->param[P_C1] * drop) {
			ok = 1;
			break;
		}
		t *= 0.5;
	}
	if (!ok) {
		snprintf(c->msg, sizeof c->msg, "no decrease in %d trial steps",
		         (int)c->param[P_MAXEVAL]);
		return METH_NO_PROGRESS;
	}
	st->tlast = t;
	mo_grads(c, s, s->xn, s->fn, s->Gn);
	mo_accept(c, s);
	scal_ideal(st, s->fv);
	c->step = t;
	c->gnorm = scal_measure(st, c);
	c->extra[0] = mo_hv_point(s, s->fv);
	c->extra[1] = scal_value(st, s->fv);
	return METH_OK;
}

static void scal_free(void *state)
{
	scal_state *st = state;
	mo_free(&st->s);
	free(st->B);
}

const meth meth_weightedsum = {
    .name = "weightedsum",
    .family = "multiobjective",
    .summary = "minimizes sum_i w_i f_i (projected gradient, Armijo): the convex part of a "
               "front",
    .reference = "L. Zadeh, Optimality and non-scalar-valued performance criteria, IEEE TAC 8, "
                 "1963; K. Miettinen, Nonlinear Multiobjective Optimization, Kluwer 1999",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD | PROB_MULTI,
    .extra = extra,
    .state_size = sizeof(scal_state),
    .gnorm = "projected gradient of the weighted sum |x - P(x - sum_i w_i grad f_i)|",
    .init = ws_init,
    .step = scal_step,
    .free = scal_free,
};

const meth meth_tchebycheff = {
    .name = "tchebycheff",
    .family = "multiobjective",
    .summary = "minimizes max_i w_i (f_i - z_i) (prox-linear steps): any point of a front",
    .reference = "V. J. Bowman, On the relationship of the Tchebycheff norm and the efficient "
                 "frontier of multiple-criteria objectives, 1976; K. Miettinen, Nonlinear "
                 "Multiobjective Optimization, Kluwer 1999; Q. Zhang & H. Li, MOEA/D, IEEE "
                 "TEVC 11, 2007",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD | PROB_MULTI,
    .extra = extra,
    .state_size = sizeof(scal_state),
    .gnorm = "gradient mapping of the max: |d|, d = argmin_{x+d in C} max_i w_i (f_i - z_i "
             "+ grad f_i . d) + |d|^2/2",
    .init = tch_init,
    .step = scal_step,
    .free = scal_free,
};
