/* svgd: Stein variational gradient descent (Liu & Wang 2016), a particle discretization
 * of a Wasserstein gradient flow of KL(q | pi): every particle moves along
 *   phi(x_i) = 1/P sum_j [k(x_j, x_i) (-grad U(x_j)) + grad_{x_j} k(x_j, x_i)],
 * the first term pulling towards high density, the second (the kernel's repulsion)
 * keeping the cloud spread, with the RBF kernel k = exp(-|x - y|^2 / bw) and the
 * median heuristic bw = med^2 / log P. Deterministic once the cloud is drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sampling.h"

enum { P_STEP, P_PARTICLES, P_SPREAD, P_COUNT };

static const param_def params[] = {
    {"step", 0.1, 1e-12, 1e6, "the step of the particles' flow", NULL, 0},
    {"particles", 50, 2, 5000, "particles in the cloud", NULL, 1},
    {"spread", 1, 0, 1e6, "the cloud starts as start + spread N(0, I)", NULL, 0},
};

typedef struct svgd_state {
	smp s;
	double *phi, *d2; /* P x n moves; P x P squared distances */
} svgd_state;

static int svgd_init(void *state, meth_ctx *c)
{
	svgd_state *st = state;
	size_t P = (size_t)c->param[P_PARTICLES];
	if (c->o->p->g) {
		snprintf(c->msg, sizeof c->msg, "svgd needs a smooth potential (no nonsmooth part)");
		return METH_FAILED;
	}
	st->phi = malloc(P * (size_t)c->n * sizeof *st->phi);
	st->d2 = malloc(P * P * sizeof *st->d2);
	if (!st->phi || !st->d2) {
		snprintf(c->msg, sizeof c->msg, "svgd: out of memory");
		return METH_FAILED;
	}
	return smp_init(&st->s, c, "svgd", (int)P, c->param[P_SPREAD], 1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of the P (P - 1) / 2 pairwise squared distances (a copy is sorted). */
static double median_d2(const double *d2, int P, double *buf)
{
	size_t m = 0;
	for (int i = 0; i < P; i++)
		for (int j = i + 1; j < P; j++)
			buf[m++] = d2[(size_t)i * P + j];
	qsort(buf, m, sizeof *buf, cmp_double);
	return m % 2 ? buf[m / 2] : 0.5 * (buf[m / 2 - 1] + buf[m / 2]);
}

static int svgd_step(void *state, meth_ctx *c)
{
	svgd_state *st = state;
	smp *s = &st->s;
	int P = s->P, n = s->n;
	for (int i = 0; i < P; i++)
		for (int j = 0; j < P; j++) {
			const double *a = s->X + (size_t)i * n, *b = s->X + (size_t)j * n;
			double d = 0;
			for (int t = 0; t < n; t++)
				d += (a[t] - b[t]) * (a[t] - b[t]);
			st->d2[(size_t)i * P + j] = d;
		}
	double *buf = malloc((size_t)P * (size_t)P / 2 * sizeof *buf + sizeof *buf);
	if (!buf) {
		snprintf(c->msg, sizeof c->msg, "svgd: out of memory");
		return METH_FAILED;
	}
	double med = median_d2(st->d2, P, buf);
	free(buf);
	double bw = med > 0 ? med / log((double)P) : 1;
	memset(st->phi, 0, (size_t)P * (size_t)n * sizeof *st->phi);
	for (int i = 0; i < P; i++) {
		double *phi = st->phi + (size_t)i * n;
		const double *xi = s->X + (size_t)i * n;
		for (int j = 0; j < P; j++) {
			const double *xj = s->X + (size_t)j * n, *gj = s->G + (size_t)j * n;
			double k = exp(-st->d2[(size_t)j * P + i] / bw);
			for (int t = 0; t < n; t++) /* grad_{x_j} k(x_j, x_i) = 2 (x_i - x_j) k / bw */
				phi[t] += k * (-gj[t]) + 2 * (xi[t] - xj[t]) * k / bw;
		}
	}
	double h = c->param[P_STEP];
	for (int i = 0; i < P; i++) {
		for (int t = 0; t < n; t++)
			s->X[(size_t)i * n + t] += h * st->phi[(size_t)i * n + t] / P;
		smp_eval(s, c, i);
	}
	c->step = h;
	smp_report(s, c, 1, 0);
	return METH_OK;
}

static void svgd_free(void *state)
{
	svgd_state *st = state;
	smp_free(&st->s);
	free(st->phi);
	free(st->d2);
}

const meth meth_svgd = {
    .name = "svgd",
    .family = "sampling",
    .summary = "Stein variational gradient descent: a particle cloud pulled by grad log pi, "
               "spread by a kernel",
    .reference = "Q. Liu, D. Wang, Stein variational gradient descent: a general purpose "
                 "Bayesian inference algorithm, NeurIPS 2016",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_DENSITY | PROB_GRAD,
    .extra = smp_extra,
    .state_size = sizeof(svgd_state),
    .init = svgd_init,
    .step = svgd_step,
    .free = svgd_free,
};
