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
	if (m < 1 || d < 1 || (kind == DS_SOFTMAX && k < 2) || (kind == DS_SOFTMAX && k > DS_MAX_K))
		return NULL;
	ds *s = ds_alloc(kind, m, d, k);
	if (!s)
		return NULL;
	rng r;
	rng_seed(&r, seed);
	for (int j = 0; j < k * d; j++)
		s->wtrue[j] = scale * rng_normal(&r);
	double sd = 1 / sqrt((double)d), z[DS_MAX_K];
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

ds *ds_new(enum ds_kind kind, long m, int d, int k)
{
	if (kind != DS_SOFTMAX)
		k = 1;
	if (m < 1 || d < 1 || k < 1 || k > DS_MAX_K)
		return NULL;
	ds *s = ds_alloc(kind, m, d, k);
	if (s)
		memset(s->wtrue, 0, (size_t)k * (size_t)d * sizeof *s->wtrue);
	return s;
}

ds *ds_sparse_code(long m, int d, int k, double noise, uint64_t seed)
{
	if (k < 0 || k > d)
		return NULL;
	ds *s = ds_new(DS_LINEAR, m, d, 1);
	int *idx = s ? malloc((size_t)d * sizeof *idx) : NULL;
	if (!idx) {
		ds_free(s);
		return NULL;
	}
	rng r;
	rng_seed(&r, seed);
	for (size_t i = 0; i < (size_t)m * (size_t)d; i++)
		s->a[i] = rng_normal(&r);
	for (int j = 0; j < d; j++) { /* unit columns */
		double q = 0;
		for (long i = 0; i < m; i++)
			q += s->a[(size_t)i * d + j] * s->a[(size_t)i * d + j];
		q = q > 0 ? 1 / sqrt(q) : 0;
		for (long i = 0; i < m; i++)
			s->a[(size_t)i * d + j] *= q;
		idx[j] = j;
	}
	for (int j = 0; j < k; j++) { /* a partial Fisher-Yates shuffle picks the support */
		int q = j + (int)rng_below(&r, d - j), tmp = idx[j];
		idx[j] = idx[q];
		idx[q] = tmp;
		s->wtrue[idx[j]] = (rng_uniform(&r) < 0.5 ? -1 : 1) * (1 + rng_uniform(&r));
	}
	free(idx);
	double root = sqrt((double)m);
	for (long i = 0; i < m; i++) {
		double *a = s->a + (size_t)i * d, y = 0;
		for (int j = 0; j < d; j++)
			y += a[j] * s->wtrue[j];
		s->b[i] = root * (y + noise * rng_normal(&r));
		for (int j = 0; j < d; j++)
			a[j] *= root;
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
