/* fed: clients of a finite sum, their gradients, sampling and reports (fed.h). */
#include "fed.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const fed_extra[3] = {"epoch", "drift", NULL};

int fed_init(fed *f, meth_ctx *c, const char *who, int K)
{
	const prob_sum *sum = c->o->p->sum;
	f->m = sum->m;
	f->K = K < f->m ? K : (int)f->m;
	f->n = c->n;
	f->start = malloc((size_t)(f->K + 1) * sizeof *f->start);
	f->Y = malloc((size_t)f->K * (size_t)f->n * sizeof *f->Y);
	f->g = malloc((size_t)f->n * sizeof *f->g);
	f->chosen = malloc((size_t)f->K * sizeof *f->chosen);
	if (!f->start || !f->Y || !f->g || !f->chosen) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory for %d clients", who, f->K);
		return METH_FAILED;
	}
	for (int k = 0; k <= f->K; k++) /* blocks as equal as can be */
		f->start[k] = (long)((double)f->m * k / f->K);
	for (int k = 0; k < f->K; k++)
		memcpy(f->Y + (size_t)k * f->n, c->x, (size_t)f->n * sizeof *c->x);
	fed_report(f, c);
	return METH_OK;
}

void fed_free(fed *f)
{
	free(f->start);
	free(f->Y);
	free(f->g);
	free(f->chosen);
}

double fed_weight(const fed *f, int k)
{
	return (double)(f->start[k + 1] - f->start[k]) / (double)f->m;
}

void fed_client_grad(fed *f, meth_ctx *c, int k, const double *x, double *g)
{
	const prob_sum *sum = c->o->p->sum;
	long lo = f->start[k], hi = f->start[k + 1];
	memset(g, 0, (size_t)f->n * sizeof *g);
	for (long i = lo; i < hi; i++) {
		sum->comp_grad(sum->ctx, i, x, f->g);
		for (int j = 0; j < f->n; j++)
			g[j] += f->g[j];
	}
	for (int j = 0; j < f->n; j++)
		g[j] /= (double)(hi - lo);
	f->ncomp += hi - lo;
}

void fed_pick(fed *f, meth_ctx *c, double frac)
{
	f->nchosen = 0;
	for (int k = 0; k < f->K; k++)
		if (frac >= 1 || rng_uniform(c->rng) < frac)
			f->chosen[f->nchosen++] = k;
	if (f->nchosen == 0) /* a round needs one client */
		f->chosen[f->nchosen++] = (int)rng_below(c->rng, f->K);
}

void fed_report(fed *f, meth_ctx *c)
{
	int n = f->n;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	double drift = 0;
	for (int k = 0; k < f->K; k++) {
		const double *y = f->Y + (size_t)k * n;
		double d = 0;
		for (int j = 0; j < n; j++)
			d += (y[j] - c->x[j]) * (y[j] - c->x[j]);
		drift += sqrt(d) / f->K;
		if (k < 256) /* the picture needs no more */
			meth_probe(c, y);
	}
	c->extra[0] = (double)f->ncomp / (double)f->m;
	c->extra[1] = drift;
}
