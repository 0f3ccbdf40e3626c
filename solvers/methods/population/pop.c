/* pop: the population methods' shared pieces (pop.h). */
#include "pop.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prox.h"

int pop_region_init(pop_region *r, meth_ctx *c, double radius, int need, const char *who)
{
	int n = c->n;
	const prob *p = c->o->p;
	r->n = n;
	r->lo = malloc(2 * (size_t)n * sizeof *r->lo);
	if (!r->lo) {
		snprintf(c->msg, sizeof c->msg, "out of memory for the search region");
		return METH_FAILED;
	}
	r->hi = r->lo + n;
	r->boxed = prox_box_bounds(p->set, n, r->lo, r->hi) == 0;
	if (r->boxed)
		return METH_OK;
	if (need) {
		snprintf(c->msg, sizeof c->msg,
		         "%s needs a box: define the problem with `over box(LO, HI)` "
		         "(or box([LO1, ...], [HI1, ...]))",
		         who);
		pop_region_free(r);
		return METH_FAILED;
	}
	for (int i = 0; i < n; i++) {
		r->lo[i] = c->x[i] - radius;
		r->hi[i] = c->x[i] + radius;
	}
	return METH_OK;
}

void pop_region_free(pop_region *r)
{
	free(r->lo);
	r->lo = r->hi = NULL;
}

void pop_uniform(const pop_region *r, rng *g, double *x)
{
	for (int i = 0; i < r->n; i++)
		x[i] = r->lo[i] + (r->hi[i] - r->lo[i]) * rng_uniform(g);
}

double pop_eval(meth_ctx *c, double *x)
{
	if (c->o->p->set)
		oracle_project(c->o, x, x);
	double f = oracle_value(c->o, x);
	if (isnan(f))
		f = INFINITY;
	if (f < c->f || isnan(c->f)) {
		c->f = f;
		memcpy(c->x, x, (size_t)c->n * sizeof *x);
	}
	return f;
}

int pop_start(meth_ctx *c)
{
	c->g_valid = 0;
	c->step = 0.0;
	if (c->o->p->set)
		oracle_project(c->o, c->x, c->x);
	c->f = oracle_value(c->o, c->x);
	return METH_OK;
}

double pop_publish(meth_ctx *c, const double *pts, int k)
{
	int n = c->n;
	double s = 0.0;
	for (int j = 0; j < n; j++) {
		double mean = 0.0;
		for (int i = 0; i < k; i++)
			mean += pts[(size_t)i * n + j];
		mean /= k;
		for (int i = 0; i < k; i++) {
			double d = pts[(size_t)i * n + j] - mean;
			s += d * d;
		}
	}
	for (int i = 0; i < k; i++)
		meth_probe(c, pts + (size_t)i * n);
	c->moved = 1; /* the population moved even when its best point did not */
	return k > 0 ? sqrt(s / k) : 0.0;
}

typedef struct pop_key {
	double f;
	int i;
} pop_key;

static int key_cmp(const void *a, const void *b)
{
	const pop_key *x = a, *y = b;
	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void pop_rank(const double *f, int k, int *idx)
{
	pop_key *key = malloc((size_t)k * sizeof *key);
	if (!key) { /* without memory: an insertion sort, same order */
		for (int i = 0; i < k; i++) {
			int j = i;
			while (j > 0 && f[idx[j - 1]] > f[i])
				j--;
			memmove(idx + j + 1, idx + j, (size_t)(i - j) * sizeof *idx);
			idx[j] = i;
		}
		return;
	}
	for (int i = 0; i < k; i++)
		key[i] = (pop_key){isnan(f[i]) ? INFINITY : f[i], i};
	qsort(key, (size_t)k, sizeof *key, key_cmp);
	for (int i = 0; i < k; i++)
		idx[i] = key[i].i;
	free(key);
}
