/* neldermead: the Nelder-Mead simplex method, derivative-free, with the
 * tie-breaking and acceptance rules of Lagarias, Reeds, Wright & Wright
 * (1998). One step is one iteration (reflection, expansion, contraction or
 * shrink); x is the best vertex and the whole simplex is recorded as probes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

enum { P_ALPHA, P_GAMMA, P_RHO, P_SIGMA, P_INITIAL, P_TOL, P_COUNT };

static const param_def nm_params[P_COUNT] = {
	[P_ALPHA] = {"alpha", 1.0, 1e-3, 10.0, "reflection coefficient", NULL, 0},
	[P_GAMMA] = {"gamma", 2.0, 1.0, 10.0, "expansion coefficient (> alpha)", NULL, 0},
	[P_RHO] = {"rho", 0.5, 1e-3, 0.999, "contraction coefficient", NULL, 0},
	[P_SIGMA] = {"sigma", 0.5, 1e-3, 0.999, "shrink coefficient", NULL, 0},
	[P_INITIAL] = {"initial", 0.1, 1e-12, 1e6,
	               "initial simplex: the start plus initial along each axis", NULL, 0},
	[P_TOL] = {"tol", 1e-12, 0.0, 1.0,
	           "converged when diameter and f spread fall below tol (1 + |x|, 1 + |f|)",
	           NULL, 0},
};

/* ORDER nm_op: the values of the `op` column. */
enum nm_op { OP_REFLECT, OP_EXPAND, OP_CONTRACT_OUT, OP_CONTRACT_IN, OP_SHRINK };

static const char *const nm_extra[] = {"op", "diam", NULL};

typedef struct nm_state {
	int n;
	double *v;   /* (n+1) x n vertices */
	double *fv;  /* their values */
	int *ord;    /* vertex indices, best first */
	double *cen; /* centroid of the n best */
	double *xr, *xe; /* trial points */
} nm_state;

static double *vert(nm_state *s, int k)
{
	return s->v + (size_t)k * s->n;
}

/* Insertion sort of ord by value; stable, so that among equal values the
 * older vertex stays ahead (Lagarias et al.'s tie-breaking). */
static void nm_sort(nm_state *s)
{
	for (int i = 1; i <= s->n; i++) {
		int k = s->ord[i], j = i;
		while (j > 0 && s->fv[s->ord[j - 1]] > s->fv[k]) {
			s->ord[j] = s->ord[j - 1];
			j--;
		}
		s->ord[j] = k;
	}
}

/* Moves the worst vertex (last in ord) to its sorted place after a
 * replacement: a new vertex goes after the vertices with equal values. */
static void nm_reinsert(nm_state *s)
{
	int n = s->n, k = s->ord[n], j = n;
	while (j > 0 && s->fv[s->ord[j - 1]] > s->fv[k]) {
		s->ord[j] = s->ord[j - 1];
		j--;
	}
	s->ord[j] = k;
}

/* Publishes the best vertex as the iterate and the simplex as probes. */
static void nm_publish(nm_state *s, meth_ctx *c)
{
	int n = s->n, best = s->ord[0];
	double diam = 0.0;
	memcpy(c->x, vert(s, best), (size_t)n * sizeof *c->x);
	c->f = s->fv[best];
	for (int i = 0; i <= n; i++) {
		const double *p = vert(s, s->ord[i]);
		double d2 = 0.0;
		for (int j = 0; j < n; j++)
			d2 += (p[j] - c->x[j]) * (p[j] - c->x[j]);
		diam = fmax(diam, sqrt(d2));
		meth_probe(c, p);
	}
	c->extra[1] = diam;
}

static void nm_free(void *state)
{
	nm_state *s = state;
	free(s->v);
	free(s->ord);
	s->v = NULL;
	s->ord = NULL;
}

static int nm_init(void *state, meth_ctx *c)
{
	nm_state *s = state;
	int n = c->n;
	size_t nd = (size_t)(n + 1) * n + (n + 1) + 3 * (size_t)n;
	s->n = n;
	s->v = malloc(nd * sizeof *s->v);
	s->ord = malloc((size_t)(n + 1) * sizeof *s->ord);
	if (!s->v || !s->ord) {
		nm_free(s);
		strcpy(c->msg, "out of memory for the simplex");
		return METH_FAILED;
	}
	s->fv = s->v + (size_t)(n + 1) * n;
	s->cen = s->fv + (n + 1);
	s->xr = s->cen + n;
	s->xe = s->xr + n;
	for (int k = 0; k <= n; k++) {
		double *p = vert(s, k);
		memcpy(p, c->x, (size_t)n * sizeof *p);
		if (k > 0)
			p[k - 1] += c->param[P_INITIAL];
		s->fv[k] = oracle_value(c->o, p);
		s->ord[k] = k;
	}
	nm_sort(s);
	c->g_valid = 0;
	c->step = 0.0;
	c->extra[0] = NAN;
	nm_publish(s, c);
	return METH_OK;
}

/* out = cen + t (p - cen) */
static void nm_line(const nm_state *s, const double *p, double t, double *out)
{
	for (int j = 0; j < s->n; j++)
		out[j] = s->cen[j] + t * (p[j] - s->cen[j]);
}

/* Replaces the worst vertex with p (value fp). */
static void nm_replace(nm_state *s, const double *p, double fp)
{
	int w = s->ord[s->n];
	memcpy(vert(s, w), p, (size_t)s->n * sizeof *p);
	s->fv[w] = fp;
	nm_reinsert(s);
}

static int nm_step(void *state, meth_ctx *c)
{
	nm_state *s = state;
	const double *par = c->param;
	int n = s->n, best = s->ord[0], worst = s->ord[n];
	double fbest = s->fv[best], fnext = s->fv[s->ord[n - 1]], fworst = s->fv[worst];
	double *xw = vert(s, worst), *xb = vert(s, best);
	enum nm_op op;

	memset(s->cen, 0, (size_t)n * sizeof *s->cen);
	for (int i = 0; i < n; i++) {
		const double *p = vert(s, s->ord[i]);
		for (int j = 0; j < n; j++)
			s->cen[j] += p[j];
	}
	for (int j = 0; j < n; j++)
		s->cen[j] /= n;

	nm_line(s, xw, -par[P_ALPHA], s->xr);
	double fr = oracle_value(c->o, s->xr);
	if (fr < fbest) {
		nm_line(s, xw, -par[P_ALPHA] * par[P_GAMMA], s->xe);
		double fe = oracle_value(c->o, s->xe);
		op = fe < fr ? OP_EXPAND : OP_REFLECT;
		nm_replace(s, fe < fr ? s->xe : s->xr, fe < fr ? fe : fr);
	} else if (fr < fnext) {
		op = OP_REFLECT;
		nm_replace(s, s->xr, fr);
	} else {
		/* Outside contraction when the reflection beat the worst vertex,
		 * inside otherwise; a failed contraction shrinks. */
		int outside = fr < fworst;
		double t = outside ? -par[P_ALPHA] * par[P_RHO] : par[P_RHO];
		nm_line(s, xw, t, s->xe);
		double fc = oracle_value(c->o, s->xe);
		op = outside ? OP_CONTRACT_OUT : OP_CONTRACT_IN;
		if (outside ? fc <= fr : fc < fworst) {
			nm_replace(s, s->xe, fc);
		} else {
			op = OP_SHRINK;
			for (int i = 1; i <= n; i++) {
				double *p = vert(s, s->ord[i]);
				for (int j = 0; j < n; j++)
					p[j] = xb[j] + par[P_SIGMA] * (p[j] - xb[j]);
				s->fv[s->ord[i]] = oracle_value(c->o, p);
			}
			nm_sort(s);
		}
	}

	nm_publish(s, c);
	c->moved = 1; /* the simplex changed even when its best vertex did not */
	c->extra[0] = op;
	c->step = c->extra[1]; /* the simplex's size says how far the method reaches */

	double spread = s->fv[s->ord[n]] - s->fv[s->ord[0]];
	double xs = 0.0;
	for (int j = 0; j < n; j++)
		xs = fmax(xs, fabs(c->x[j]));
	if (!isfinite(c->f))
		return METH_OK; /* the driver reports the divergence */
	if (c->extra[1] <= par[P_TOL] * (1.0 + xs) && spread <= par[P_TOL] * (1.0 + fabs(c->f)))
		return METH_CONVERGED;
	return METH_OK;
}

const meth meth_neldermead = {
	.name = "neldermead",
	.family = "derivative-free",
	.summary = "Nelder-Mead simplex: reflect, expand, contract or shrink; values only",
	.reference = "Nelder & Mead, A simplex method for function minimization (1965); "
	             "Lagarias, Reeds, Wright & Wright, Convergence properties of the "
	             "Nelder-Mead simplex method in low dimensions (1998)",
	.params = nm_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = nm_extra,
	.state_size = sizeof(nm_state),
	.init = nm_init,
	.step = nm_step,
	.free = nm_free,
};
