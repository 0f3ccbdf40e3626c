/* sampling: particles, pooled moment estimates and reports of the samplers. */
#include "sampling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const smp_extra[4] = {"meanerr", "coverr", "accept", NULL};

double smp_potential(meth_ctx *c, const double *x)
{
	const prob *p = c->o->p;
	double u = oracle_value(c->o, x);
	return p->g ? u + p->g->value(p->g->ctx, x, p->n) : u;
}

void smp_eval(smp *s, meth_ctx *c, int k)
{
	const prob *p = c->o->p;
	double *x = s->X + (size_t)k * s->n;
	s->U[k] = oracle_grad(c->o, x, s->G + (size_t)k * s->n);
	if (p->g)
		s->U[k] += p->g->value(p->g->ctx, x, p->n);
}

int smp_init(smp *s, meth_ctx *c, const char *who, int P, double spread, int cloud)
{
	int n = c->n;
	s->P = P;
	s->n = n;
	s->cloud = cloud;
	size_t pn = (size_t)P * (size_t)n;
	s->X = malloc(pn * sizeof *s->X);
	s->G = malloc(pn * sizeof *s->G);
	s->U = malloc((size_t)P * sizeof *s->U);
	s->mean = calloc((size_t)n, sizeof *s->mean);
	s->gsum = calloc((size_t)n, sizeof *s->gsum);
	s->tmp = malloc(3 * (size_t)n * sizeof *s->tmp);
	if (n <= SMP_COV_MAX)
		s->m2 = calloc((size_t)n * (size_t)n, sizeof *s->m2);
	if (!s->X || !s->G || !s->U || !s->mean || !s->gsum || !s->tmp ||
	    (n <= SMP_COV_MAX && !s->m2)) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory for %d particles", who, P);
		return METH_FAILED;
	}
	for (int k = 0; k < P; k++) {
		double *x = s->X + (size_t)k * n;
		for (int i = 0; i < n; i++)
			x[i] = c->x[i] + (spread > 0 ? spread * rng_normal(c->rng) : 0);
		smp_eval(s, c, k);
	}
	smp_report(s, c, 0, -1);
	return METH_OK;
}

void smp_free(smp *s)
{
	free(s->X);
	free(s->G);
	free(s->U);
	free(s->mean);
	free(s->m2);
	free(s->gsum);
	free(s->tmp);
}

/* Adds every particle to the pooled estimates (Welford's update of mean and M2). */
static void pool(smp *s)
{
	int n = s->n;
	double *d = s->tmp;
	for (int k = 0; k < s->P; k++) {
		const double *x = s->X + (size_t)k * n, *g = s->G + (size_t)k * n;
		s->count++;
		for (int i = 0; i < n; i++) {
			d[i] = x[i] - s->mean[i];
			s->mean[i] += d[i] / (double)s->count;
			s->gsum[i] += g[i];
		}
		if (s->m2)
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++)
					s->m2[(size_t)i * n + j] += d[i] * (x[j] - s->mean[j]);
	}
}

static void clear_estimates(smp *s)
{
	int n = s->n;
	s->count = 0;
	memset(s->mean, 0, (size_t)n * sizeof *s->mean);
	memset(s->gsum, 0, (size_t)n * sizeof *s->gsum);
	if (s->m2)
		memset(s->m2, 0, (size_t)n * (size_t)n * sizeof *s->m2);
}

/* meanerr and coverr against the target's known moments (NAN where unknown). */
static void errors(const smp *s, const prob_density *d, double *me, double *ce)
{
	int n = s->n;
	*me = *ce = NAN;
	if (d && d->mean) {
		double e = 0;
		for (int i = 0; i < n; i++)
			e += (s->mean[i] - d->mean[i]) * (s->mean[i] - d->mean[i]);
		*me = sqrt(e);
	}
	if (d && d->cov && s->m2 && s->count > 1) {
		double e = 0, c2 = 0;
		for (size_t i = 0; i < (size_t)n * n; i++) {
			double v = s->m2[i] / (double)(s->count - 1) - d->cov[i];
			e += v * v;
			c2 += d->cov[i] * d->cov[i];
		}
		*ce = c2 > 0 ? sqrt(e / c2) : sqrt(e);
	}
}

void smp_report(smp *s, meth_ctx *c, long iter, long burnin)
{
	int n = s->n;
	if (s->cloud || iter <= burnin || iter == 0)
		clear_estimates(s);
	if (s->cloud || iter > burnin || iter == 0)
		pool(s);
	if (s->cloud) { /* the iterate is the cloud's mean */
		memcpy(c->x, s->mean, (size_t)n * sizeof *c->x);
		c->f = oracle_grad(c->o, c->x, c->g);
	} else {
		memcpy(c->x, s->X, (size_t)n * sizeof *c->x);
		memcpy(c->g, s->G, (size_t)n * sizeof *c->g);
		c->f = s->U[0];
		if (c->o->p->g) /* the trace adds g to the smooth part */
			c->f -= c->o->p->g->value(c->o->p->g->ctx, c->x, n);
	}
	c->g_valid = 1;
	c->moved = 1; /* a rejected proposal is progress of the chain, not a stall */
	double gn = 0;
	for (int i = 0; i < n; i++)
		gn += (s->gsum[i] / (double)s->count) * (s->gsum[i] / (double)s->count);
	c->gnorm = sqrt(gn);
	errors(s, c->o->p->density, &c->extra[0], &c->extra[1]);
	c->extra[2] = s->proposed ? (double)s->accepted / (double)s->proposed : NAN;
	for (int k = s->cloud ? 0 : 1; k < s->P && k < 256; k++) /* the picture needs no more */
		meth_probe(c, s->X + (size_t)k * n);
}
