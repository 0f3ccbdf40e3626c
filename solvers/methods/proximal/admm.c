/* admm: the alternating direction method of multipliers on f(x) + g(z), x = z (Glowinski
 * & Marrocco 1975; Gabay & Mercier 1976; Boyd et al. 2011), scaled form:
 *   x+ = argmin_x f(x) + (rho/2)|x - z + u|^2     Newton steps with the dense Hessian
 *                                                 (one is exact on a quadratic), or
 *                                                 gradient steps with backtracking
 *   z+ = prox_{g/rho}(x+ + u)                     (the set's projection without g;
 *                                                 g = 0: the proximal point method)
 *   u+ = u + x+ - z+
 * The reported iterate is z (it lies in g's domain: sparse for norm1, feasible for a
 * set), so the trace's F = f(z) + g(z). Columns: the primal residual |x - z|, the dual
 * residual rho |z - z_prev| (Boyd et al. sec. 3.3) and rho. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "meth.h"

#define ADMM_NEWTON_MAX 500

/* ORDER admm_param */
enum { P_RHO, P_XSOLVE, P_ISTEPS, P_ITOL, P_TOL, P_COUNT };
enum { X_NEWTON, X_GD };

static const char *const xsolves[] = {"newton", "gd", NULL};

static const param_def params[] = {
    {"rho", 1, 1e-8, 1e8, "the penalty rho of the augmented Lagrangian", NULL, 0},
    {"xsolve", 0, 0, 1,
     "the x-update: Newton (dense Hessian; exact for quadratics) or gradient steps", xsolves, 0},
    {"isteps", 20, 1, 1e6, "steps of one x-update at most", NULL, 1},
    {"itol", 1e-12, 0, 1, "the x-update stops when its gradient norm is below this", NULL, 0},
    {"tol", 1e-10, 0, 1, "converged when both residuals are below this", NULL, 0},
};

static const char *const extra[] = {"rprimal", "rdual", "rho", NULL};

typedef struct admm_state {
	double *x, *u, *v, *gx, *d, *xt, *h, *l;
	double s; /* the gradient x-update's step, kept across steps */
} admm_state;

static void admm_free(void *state)
{
	admm_state *s = state;
	free(s->x);
	free(s->h);
	s->x = s->h = NULL;
}

static int admm_init(void *state, meth_ctx *c)
{
	admm_state *s = state;
	const prob *p = c->o->p;
	int n = c->n, newton = (int)c->param[P_XSOLVE] == X_NEWTON;
	if (newton && (!(p->caps & PROB_HESS) || n > ADMM_NEWTON_MAX)) {
		snprintf(c->msg, sizeof c->msg,
		         "xsolve = newton needs Hessians and n <= %d; use xsolve = gd",
		         ADMM_NEWTON_MAX);
		return METH_FAILED;
	}
	s->x = malloc(6 * (size_t)n * sizeof *s->x);
	if (newton)
		s->h = malloc(2 * (size_t)n * n * sizeof *s->h);
	if (!s->x || (newton && !s->h)) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->u = s->x + n;
	s->v = s->u + n;
	s->gx = s->v + n;
	s->d = s->gx + n;
	s->xt = s->d + n;
	if (newton)
		s->l = s->h + (size_t)n * n;
	memcpy(s->x, c->x, (size_t)n * sizeof *s->x);
	memset(s->u, 0, (size_t)n * sizeof *s->u);
	s->s = 1;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

/* f(x) + (rho/2)|x - v|^2 and its gradient to gx. */
static double sub_grad(admm_state *s, meth_ctx *c, const double *x, double rho)
{
	double f = oracle_grad(c->o, x, s->gx), q = 0;
	for (int i = 0; i < c->n; i++) {
		double d = x[i] - s->v[i];
		s->gx[i] += rho * d;
		q += d * d;
	}
	return f + 0.5 * rho * q;
}

static double sub_value(admm_state *s, meth_ctx *c, const double *x, double rho)
{
	double q = 0;
	for (int i = 0; i < c->n; i++)
		q += (x[i] - s->v[i]) * (x[i] - s->v[i]);
	return oracle_value(c->o, x) + 0.5 * rho * q;
}

/* The x-update from s->x: Newton steps with Armijo backtracking, or gradient steps whose
 * step backtracks until the quadratic upper bound holds (it starts each update at twice
 * the last accepted one, at most 1/rho). */
static int x_update(admm_state *s, meth_ctx *c, double rho)
{
	int n = c->n, newton = (int)c->param[P_XSOLVE] == X_NEWTON;
	double a = newton ? 1 : fmin(2 * s->s, 1 / rho);
	for (int it = 0; it < (int)c->param[P_ISTEPS]; it++) {
		if (newton)
			oracle_hess(c->o, s->x, s->h);
		double phi = sub_grad(s, c, s->x, rho), gn = 0, slope = 0;
		for (int i = 0; i < n; i++)
			gn += s->gx[i] * s->gx[i];
		if (sqrt(gn) <= c->param[P_ITOL])
			return 0;
		if (newton) {
			a = 1;
			for (int i = 0; i < n; i++)
				s->h[(size_t)i * n + i] += rho;
			if (dense_cholesky_shifted(s->h, n, s->l) < 0)
				return -1;
			for (int i = 0; i < n; i++)
				s->d[i] = -s->gx[i];
			dense_cholesky_solve(s->l, n, s->d);
		} else
			for (int i = 0; i < n; i++)
				s->d[i] = -s->gx[i];
		for (int i = 0; i < n; i++)
			slope += s->gx[i] * s->d[i];
		/* Armijo for Newton; for gd the upper bound phi - (a/2)|g|^2 */
		double c1 = newton ? 1e-4 : 0.5;
		int k;
		for (k = 0; k < 60; k++, a *= 0.5) {
			for (int i = 0; i < n; i++)
				s->xt[i] = s->x[i] + a * s->d[i];
			if (sub_value(s, c, s->xt, rho) <= phi + c1 * a * slope + 1e-15 * fabs(phi))
				break;
		}
		if (k == 60 || memcmp(s->xt, s->x, (size_t)n * sizeof *s->x) == 0)
			return 0; /* no decrease left: as solved as rounding allows */
		if (!newton)
			s->s = a;
		memcpy(s->x, s->xt, (size_t)n * sizeof *s->x);
	}
	return 0;
}

static int admm_step(void *state, meth_ctx *c)
{
	admm_state *s = state;
	const prob *p = c->o->p;
	int n = c->n;
	double rho = c->param[P_RHO];
	for (int i = 0; i < n; i++) /* v = z - u */
		s->v[i] = c->x[i] - s->u[i];
	if (x_update(s, c, rho)) {
		snprintf(c->msg, sizeof c->msg, "a non-finite Hessian in the x-update");
		return METH_FAILED;
	}
	for (int i = 0; i < n; i++) /* v = x + u; z-update into d */
		s->v[i] = s->x[i] + s->u[i];
	if (p->g)
		oracle_prox(c->o, s->v, 1 / rho, s->d);
	else if (p->set)
		oracle_project(c->o, s->v, s->d);
	else
		memcpy(s->d, s->v, (size_t)n * sizeof *s->d);
	double rp = 0, rd = 0;
	for (int i = 0; i < n; i++) {
		s->u[i] += s->x[i] - s->d[i];
		rp += (s->x[i] - s->d[i]) * (s->x[i] - s->d[i]);
		rd += (s->d[i] - c->x[i]) * (s->d[i] - c->x[i]);
	}
	rp = sqrt(rp);
	rd = rho * sqrt(rd);
	memcpy(c->x, s->d, (size_t)n * sizeof *c->x);
	c->f = oracle_grad(c->o, c->x, c->g);
	c->step = rho;
	c->extra[0] = rp;
	c->extra[1] = rd;
	c->extra[2] = rho;
	meth_probe(c, s->x); /* the x-iterate beside z, for the picture */
	c->moved = rp > 0;   /* u can still move while z stands */
	if (rp <= c->param[P_TOL] && rd <= c->param[P_TOL]) {
		snprintf(c->msg, sizeof c->msg, "residuals %g (primal), %g (dual) <= tol", rp, rd);
		return METH_CONVERGED;
	}
	return METH_OK;
}

const meth meth_admm = {
    .name = "admm",
    .family = "proximal",
    .summary = "ADMM on f(x) + g(z), x = z: x by Newton or gd, z by g's prox, scaled dual",
    .reference = "Gabay & Mercier, Comput. Math. Appl. 2 (1976); Glowinski & Marrocco, RAIRO "
                 "9 (1975); Boyd, Parikh, Chu, Peleato & Eckstein, Distributed optimization "
                 "and statistical learning via ADMM, Found. Trends Mach. Learn. 3 (2011)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(admm_state),
    .init = admm_init,
    .step = admm_step,
    .free = admm_free,
};
