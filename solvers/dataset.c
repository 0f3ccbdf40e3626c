/* dataset: seeded Gaussian designs and labels from a kept ground truth. */
#include "dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static ds *ds_alloc(enum ds_kind kind, long m, int d, int k)
{
	ds *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->kind = kind;
	s->m = m;
	s->d = d;
	s->k = k;
	s->a = malloc((size_t)m * (size_t)d * sizeof *s->a);
	s->b = malloc((size_t)m * sizeof *s->b);
	s->wtrue = malloc((size_t)k * (size_t)d * sizeof *s->wtrue);
	if (!s->a || !s->b || !s->wtrue) {
		ds_free(s);
		return NULL;
	}
	return s;
}

/* A class drawn from softmax(z) (k scores), by inverting the cumulative sum. */
static int draw_class(const double *z, int k, double u)
{
	double zmax = z[0], tot = 0;
	for (int c = 1; c < k; c++)
		zmax = fmax(zmax, z[c]);
	for (int c = 0; c < k; c++)
		tot += exp(z[c] - zmax);
	double acc = 0;
	for (int c = 0; c < k - 1; c++) {
		acc += exp(z[c] - zmax) / tot;
		if (u < acc)
			return c;
	}
	return k - 1;
}

ds *ds_gauss(enum ds_kind kind, long m, int d, int k, double scale, double noise,
             uint64_t seed)
{
	if (kind != DS_SOFTMAX)
		k = 1;
	if (m < 1 || d < 1 || (kind == DS_SOFTMAX && k < 2) || (kind == DS_SOFTMAX && k > 64))
		return NULL;
	ds *s = ds_alloc(kind, m, d, k);
	if (!s)
		return NULL;
	rng r;
	rng_seed(&r, seed);
	for (int j = 0; j < k * d; j++)
		s->wtrue[j] = scale * rng_normal(&r);
	double sd = 1 / sqrt((double)d), z[64];
	for (long i = 0; i < m; i++) {
		double *ai = s->a + (size_t)i * (size_t)d;
		for (int j = 0; j < d; j++)
			ai[j] = sd * rng_normal(&r);
		for (int c = 0; c < k; c++) {
			const double *w = s->wtrue + (size_t)c * (size_t)d;
			double t = 0;
			for (int j = 0; j < d; j++)
				t += ai[j] * w[j];
			z[c] = t;
		}
		switch (kind) {
		case DS_LINEAR:
			s->b[i] = z[0] + noise * rng_normal(&r);
			break;
		case DS_LOGISTIC:
			s->b[i] = rng_uniform(&r) < 1 / (1 + exp(-z[0])) ? 1 : -1;
			break;
		case DS_SOFTMAX:
			s->b[i] = draw_class(z, k, rng_uniform(&r));
			break;
		}
	}
	return s;
}

ds *ds_clone(const ds *s)
{
	ds *c = ds_alloc(s->kind, s->m, s->d, s->k);
	if (!c)
		return NULL;
	memcpy(c->a, s->a, (size_t)s->m * (size_t)s->d * sizeof *s->a);
	memcpy(c->b, s->b, (size_t)s->m * sizeof *s->b);
	memcpy(c->wtrue, s->wtrue, (size_t)s->k * (size_t)s->d * sizeof *s->wtrue);
	return c;
}

void ds_free(ds *s)
{
	if (!s)
		return;
	free(s->a);
	free(s->b);
	free(s->wtrue);
	free(s);
}
