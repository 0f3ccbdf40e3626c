/* oracle: the problem's calls, counted. A Hessian-vector product and a dense
 * Hessian count one Hessian call each; a gradient call counts one value too,
 * since every gradient oracle here returns f with it. */
#include "oracle.h"

#include <math.h>

double oracle_value(oracle *o, const double *x)
{
	o->nf++;
	return o->p->ops->value(o->p->ctx, x);
}

double oracle_grad(oracle *o, const double *x, double *g)
{
	o->nf++;
	o->ng++;
	return o->p->ops->grad(o->p->ctx, x, g);
}

double oracle_dirderiv(oracle *o, const double *x, const double *v, double *df)
{
	o->nf++;
	o->ng++;
	return o->p->ops->dirderiv(o->p->ctx, x, v, df);
}

double oracle_hessvec(oracle *o, const double *x, const double *v, double *hv)
{
	o->nh++;
	return o->p->ops->hessvec(o->p->ctx, x, v, hv);
}

double oracle_hess(oracle *o, const double *x, double *h)
{
	o->nh++;
	return o->p->ops->hess(o->p->ctx, x, h);
}

double oracle_resid(oracle *o, const double *x, double *r)
{
	o->nf++;
	return o->p->lsq->resid(o->p->ctx, x, r);
}

double oracle_jac(oracle *o, const double *x, double *r, double *jac)
{
	o->nf++;
	o->ng++;
	return o->p->lsq->jac(o->p->ctx, x, r, jac);
}

void oracle_prox(oracle *o, const double *x, double t, double *out)
{
	const prob_reg *g = o->p->g;
	o->nprox++;
	g->prox(g->ctx, x, t, out, o->p->n);
}

void oracle_project(oracle *o, const double *x, double *out)
{
	const prob_set *s = o->p->set;
	o->nprox++;
	s->project(s->ctx, x, out, o->p->n);
}
