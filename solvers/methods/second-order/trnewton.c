/* trnewton: trust-region Newton (Nocedal & Wright, alg. 4.1). The model
 * g'p + p'Hp/2 is minimized within |p| <= radius: exactly, by the eigen-decomposition
 * of the dense Hessian (the hard case too, so saddle points are left along negative
 * curvature), when n <= dense; else by Steihaug-Toint conjugate gradients with
 * Hessian-vector products. rho = actual / predicted decrease: the step is taken when
 * rho > eta, the radius shrinks by 4 when rho < 1/4 and doubles when rho > 3/4 at the
 * boundary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "so.h"

enum { P_RADIUS, P_MAXRADIUS, P_ETA, P_DENSE, P_COUNT };

static const param_def trn_params[P_COUNT] = {
	[P_RADIUS] = {"radius", 1, 1e-12, 1e12, "initial trust radius", NULL, 0},
	[P_MAXRADIUS] = {"maxradius", 1e8, 1e-12, 1e300, "largest trust radius", NULL, 0},
	[P_ETA] = {"eta", 0.1, 0, 0.25, "accept the step when rho > eta", NULL, 0},
	[P_DENSE] = {"dense", 200, 0, 2000,
	             "largest n solved exactly with the dense Hessian (else Steihaug-Toint CG)",
	             NULL, 1},
};

static const char *const trn_extra[] = {"radius", "rho", "pred", "ared", NULL};

typedef struct trn_state {
	so_cub eig;               /* dense: the Hessian's eigenpairs, V'g (gt), V'p (ht) */
	double *p, *xt, *hp, *cg; /* step, trial, H p, CG scratch (3n) */
	double radius;
} trn_state;

static void trn_free(void *state)
{
	trn_state *s = state;
	so_cub_free(&s->eig);
	free(s->p);
	s->p = NULL;
}

static int trn_init(void *state, meth_ctx *c)
{
	trn_state *s = state;
	size_t n = (size_t)c->n;
	int st = so_cub_init(&s->eig, c, (int)c->param[P_DENSE], 0);
	if (st != METH_OK)
		return st;
	s->p = malloc(6 * n * sizeof *s->p);
	if (!s->p) {
		trn_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory (n = %d)", c->n);
		return METH_FAILED;
	}
	s->xt = s->p + n;
	s->hp = s->xt + n;
	s->cg = s->hp + n;
	s->radius = c->param[P_RADIUS];
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->extra[0] = s->radius;
	c->extra[1] = c->extra[2] = c->extra[3] = NAN;
	return METH_OK;
}

/* The model's minimizer in the region into s->p; returns the model value. */
static double trn_model(trn_state *s, meth_ctx *c)
{
	int n = c->n;
	so_cub *e = &s->eig;
	if (e->dense) {
		if (!e->have) {
			if (so_hess_eig(c, c->x, e->hm, e->w, e->v) != 0)
				return NAN;
			e->have = 1;
		}
		so_rotate(e->v, n, c->g, e->gt, 0);
		so_secular(e->w, e->gt, n, s->radius, 0.0, e->ht);
		so_rotate(e->v, n, e->ht, s->p, 1);
		return so_cauchy_guard(e, c->g, n, 0.0, s->radius, so_quad_eig(e->w, e->gt, e->ht, n),
		                       s->p);
	}
	int it;
	double gn = so_norm(c->g, n);
	so_cg(c, c->x, s->radius, fmin(0.5, sqrt(gn)) * gn, 2 * n + 10, s->p, s->cg, &it);
	oracle_hessvec(c->o, c->x, s->p, s->hp);
	return dense_dot(c->g, s->p, n) + 0.5 * dense_dot(s->p, s->hp, n);
}

static int trn_step(void *state, meth_ctx *c)
{
	trn_state *s = state;
	double m = trn_model(s, c);
	if (isnan(m)) {
		snprintf(c->msg, sizeof c->msg, "the Hessian is not finite");
		return METH_FAILED;
	}
	for (int i = 0; i < c->n; i++)
		s->xt[i] = c->x[i] + s->p[i];
	return so_tr_accept(c, &s->radius, c->param[P_MAXRADIUS], c->param[P_ETA], m, s->p, s->xt,
	                    &s->eig.have);
}

const meth meth_trnewton = {
	.name = "trnewton",
	.family = "second-order",
	.summary = "trust-region Newton: exact subproblem (dense, small n) or Steihaug-Toint "
	           "CG; radius and rho as columns",
	.reference = "Nocedal & Wright, Numerical Optimization, 2nd ed. (2006), alg. 4.1, "
	             "4.3 (exact, Moré & Sorensen) and 7.2 (Steihaug 1983, Toint 1981)",
	.params = trn_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD | PROB_HESS,
	.extra = trn_extra,
	.state_size = sizeof(trn_state),
	.init = trn_init,
	.step = trn_step,
	.free = trn_free,
};
