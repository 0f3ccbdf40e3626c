/* dogleg: the dogleg trust region on the dense Hessian (Powell 1970; Nocedal & Wright,
 * sec. 4.1). With H positive definite the step follows the path from the origin to the
 * Cauchy point -(g'g / g'Hg) g and on to the Newton point -H^-1 g, cut at the radius;
 * otherwise the Cauchy point within the region. Radius and acceptance as trnewton. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "so.h"

#define DOGLEG_MAX_N 2000

enum { P_RADIUS, P_MAXRADIUS, P_ETA, P_COUNT };

static const param_def dl_params[P_COUNT] = {
	[P_RADIUS] = {"radius", 1, 1e-12, 1e12, "initial trust radius", NULL, 0},
	[P_MAXRADIUS] = {"maxradius", 1e8, 1e-12, 1e300, "largest trust radius", NULL, 0},
	[P_ETA] = {"eta", 0.1, 0, 0.25, "accept the step when rho > eta", NULL, 0},
};

static const char *const dl_extra[] = {"radius", "rho", "pred", "ared", NULL};

typedef struct dl_state {
	double *hm, *l;            /* Hessian and its Cholesky factor */
	double *pb, *pu, *p, *xt, *hg;
	double radius;
	int have, pd;
} dl_state;

static void dl_free(void *state)
{
	dl_state *s = state;
	free(s->hm);
	free(s->pb);
	s->hm = s->pb = NULL;
}

static int dl_init(void *state, meth_ctx *c)
{
	dl_state *s = state;
	size_t n = (size_t)c->n;
	if (c->n > DOGLEG_MAX_N) {
		snprintf(c->msg, sizeof c->msg,
		         "dogleg keeps a dense Hessian, limited to n <= %d: use trnewton or newtoncg",
		         DOGLEG_MAX_N);
		return METH_FAILED;
	}
	s->hm = malloc(2 * n * n * sizeof *s->hm);
	s->pb = malloc(5 * n * sizeof *s->pb);
	if (!s->hm || !s->pb) {
		dl_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for the %dx%d Hessian", c->n, c->n);
		return METH_FAILED;
	}
	s->l = s->hm + n * n;
	s->pu = s->pb + n;
	s->p = s->pu + n;
	s->xt = s->p + n;
	s->hg = s->xt + n;
	s->radius = c->param[P_RADIUS];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->radius;
	c->extra[1] = c->extra[2] = c->extra[3] = NAN;
	return METH_OK;
}

/* The dogleg step into s->p; returns the model value g'p + p'Hp/2. */
static double dl_model(dl_state *s, meth_ctx *c)
{
	int n = c->n;
	double R = s->radius, gn = so_norm(c->g, n);
	if (!s->have) {
		oracle_hess(c->o, c->x, s->hm);
		memcpy(s->l, s->hm, (size_t)n * n * sizeof *s->l);
		s->pd = dense_cholesky(s->l, n) == 0;
		s->have = 1;
	}
	for (int i = 0; i < n; i++)
		s->hg[i] = dense_dot(s->hm + (size_t)i * n, c->g, n);
	double ghg = dense_dot(c->g, s->hg, n);
	if (!isfinite(ghg))
		return NAN;
	/* the Cauchy point: along -g to the model's minimum or the boundary */
	double tc = ghg > 0.0 ? fmin(gn * gn / ghg, R / gn) : R / gn;
	for (int i = 0; i < n; i++)
		s->p[i] = -tc * c->g[i];
	if (s->pd && tc < R / gn) {
		for (int i = 0; i < n; i++)
			s->pb[i] = -c->g[i];
		dense_cholesky_solve(s->l, n, s->pb);
		if (so_norm(s->pb, n) <= R) {
			memcpy(s->p, s->pb, (size_t)n * sizeof *s->p);
		} else { /* pu + t (pb - pu) on the boundary */
			memcpy(s->pu, s->p, (size_t)n * sizeof *s->pu);
			for (int i = 0; i < n; i++)
				s->pb[i] -= s->pu[i];
			double a = dense_dot(s->pb, s->pb, n), b = dense_dot(s->pu, s->pb, n);
			double cc = dense_dot(s->pu, s->pu, n) - R * R;
			double t = (-b + sqrt(fmax(0.0, b * b - a * cc))) / a;
			for (int i = 0; i < n; i++)
				s->p[i] = s->pu[i] + t * s->pb[i];
		}
	}
	double php = 0.0;
	for (int i = 0; i < n; i++)
		php += s->p[i] * dense_dot(s->hm + (size_t)i * n, s->p, n);
	return dense_dot(c->g, s->p, n) + 0.5 * php;
}

static int dl_step(void *state, meth_ctx *c)
{
	dl_state *s = state;
	int n = c->n;
	if (so_norm(c->g, n) == 0.0)
		return METH_CONVERGED;
	double m = dl_model(s, c);
	if (isnan(m)) {
		snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
		return METH_FAILED;
	}
	for (int i = 0; i < n; i++)
		s->xt[i] = c->x[i] + s->p[i];
	return so_tr_accept(c, &s->radius, c->param[P_MAXRADIUS], c->param[P_ETA], m, s->p, s->xt,
	                    &s->have);
}

const meth meth_dogleg = {
	.name = "dogleg",
	.family = "second-order",
	.summary = "dogleg trust region on the dense Hessian: Cauchy point to Newton point, "
	           "cut at the radius",
	.reference = "Powell, A hybrid method for nonlinear equations (1970); Nocedal & Wright, "
	             "Numerical Optimization, 2nd ed. (2006), sec. 4.1",
	.params = dl_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = dl_extra,
	.state_size = sizeof(dl_state),
	.init = dl_init,
	.step = dl_step,
	.free = dl_free,
};
