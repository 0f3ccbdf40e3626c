/* mo: the multi-objective methods' shared pieces (mo.h). */
#include "mo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mo_init(mo *s, meth_ctx *c, const char *who)
{
	const prob *p = c->o->p;
	if (!(s->m = multi_of(p))) {
		snprintf(c->msg, sizeof c->msg, "%s needs several objectives", who);
		return METH_FAILED;
	}
	int k = s->k = s->m->k, n = s->n = c->n;
	size_t kn = (size_t)k * (size_t)n;
	s->fv = malloc((4 * (size_t)k + 2 * kn + 3 * (size_t)n + multi_descent_work(k, n)) *
	               sizeof *s->fv);
	if (!s->fv) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	s->fn = s->fv + k;
	s->lambda = s->fn + k;
	s->G = s->lambda + 2 * k;
	s->Gn = s->G + kn;
	s->xn = s->Gn + kn;
	s->d = s->xn + n;
	s->work = s->d + n;
	mo_weights(s, 0.5);
	mo_project(c, c->x);
	mo_grads(c, s, c->x, s->fv, s->G);
	memcpy(s->xn, c->x, (size_t)n * sizeof *c->x);
	memcpy(s->fn, s->fv, (size_t)k * sizeof *s->fv);
	memcpy(s->Gn, s->G, kn * sizeof *s->G);
	mo_accept(c, s);
	return METH_OK;
}

void mo_free(mo *s)
{
	free(s->fv);
	s->fv = NULL;
}

void mo_values(meth_ctx *c, mo *s, const double *x, double *fv)
{
	c->o->nf++; /* one vector-valued call */
	multi_values(s->m, x, fv);
}

void mo_grads(meth_ctx *c, mo *s, const double *x, double *fv, double *G)
{
	c->o->nf++;
	c->o->ng++;
	multi_grads(s->m, x, fv, G);
}

void mo_accept(meth_ctx *c, mo *s)
{
	int k = s->k, n = s->n;
	memcpy(c->x, s->xn, (size_t)n * sizeof *c->x);
	memcpy(s->fv, s->fn, (size_t)k * sizeof *s->fv);
	memcpy(s->G, s->Gn, (size_t)k * (size_t)n * sizeof *s->G);
	double f = 0;
	for (int i = 0; i < k; i++)
		f += s->fv[i];
	c->f = f / k; /* the problem's value: the mean */
	for (int j = 0; j < n; j++) {
		double g = 0;
		for (int i = 0; i < k; i++)
			g += s->G[(size_t)i * n + j];
		c->g[j] = g / k;
	}
	c->g_valid = 1;
}

void mo_weights(mo *s, double w)
{
	s->w[0] = w;
	for (int i = 1; i < s->k; i++)
		s->w[i] = (1 - w) / (s->k - 1);
}

void mo_project(meth_ctx *c, double *x)
{
	if (c->o->p->set)
		oracle_project(c->o, x, x);
}

void mo_descent(meth_ctx *c, mo *s, int np, const double *a, const double *B, double t,
                double *d)
{
	const prob *p = c->o->p;
	int used = multi_descent(a, B, np, s->n, t, p->set ? p->set->project : NULL,
	                         p->set ? p->set->ctx : NULL, c->x, 500, s->lambda, d, s->work);
	c->o->nprox += used;
}

double mo_hv_point(const mo *s, const double *fv)
{
	return multi_hv(fv, 1, s->k, s->m->ref);
}

double mo_pareto(meth_ctx *c, mo *s)
{
	return multi_pareto_measure(c->o->p, c->x, s->G, NULL, s->work);
}
