/* pcgrad: gradient surgery (Yu et al. 2020, algorithm 1). Each objective's gradient g_i
 * is projected, in a random order of the others, onto the normal plane of every g_j it
 * conflicts with (g_i . g_j < 0): g_i <- g_i - (g_i . g_j)/|g_j|^2 g_j; the step is
 * x <- x - step sum_i g_i (projected back onto a feasible set). The order is drawn from
 * the run's seed. gnorm is the kind's: the min-norm element of the hull of the raw
 * gradients at the new point. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mo.h"

/* ORDER pcgrad_param */
enum { P_STEP };

static const param_def params[] = {
    {"step", 0.01, 1e-15, 1e15, "the learning rate along minus the surgered gradients' sum",
     NULL, 0},
};

static const char *const extra[] = {"hv", "conflicts", NULL};

typedef struct pcgrad_state {
	mo s;
	double *P; /* k x n: the surgered gradients */
} pcgrad_state;

static int pcgrad_init(void *state, meth_ctx *c)
{
	pcgrad_state *st = state;
	int rc = mo_init(&st->s, c, "pcgrad");
	if (rc != METH_OK)
		return rc;
	if (!(st->P = malloc((size_t)st->s.k * (size_t)st->s.n * sizeof *st->P))) {
		snprintf(c->msg, sizeof c->msg, "pcgrad: out of memory");
		return METH_FAILED;
	}
	c->extra[0] = mo_hv_point(&st->s, st->s.fv);
	c->extra[1] = 0;
	return METH_OK;
}

static double dot(const double *a, const double *b, int n)
{
	double s = 0;
	for (int j = 0; j < n; j++)
		s += a[j] * b[j];
	return s;
}

static int pcgrad_step(void *state, meth_ctx *c)
{
	pcgrad_state *st = state;
	mo *s = &st->s;
	int k = s->k, n = s->n, conflicts = 0;
	memcpy(st->P, s->G, (size_t)k * (size_t)n * sizeof *st->P);
	for (int i = 0; i < k; i++) {
		int order[MULTI_MAX], m = 0;
		for (int j = 0; j < k; j++)
			if (j != i)
				order[m++] = j;
		for (int j = m - 1; j > 0; j--) { /* Fisher-Yates over the others */
			int r = (int)(rng_uniform(c->rng) * (j + 1));
			int tmp = order[j];
			order[j] = order[r];
			order[r] = tmp;
		}
		double *pi = st->P + (size_t)i * n;
		for (int u = 0; u < m; u++) {
			const double *gj = s->G + (size_t)order[u] * n; /* the raw g_j, as in the paper */
			double pg = dot(pi, gj, n), gg = dot(gj, gj, n);
			if (pg < 0 && gg > 0) {
				conflicts++;
				for (int v = 0; v < n; v++)
					pi[v] -= pg / gg * gj[v];
			}
		}
	}
	double step = c->param[P_STEP];
	for (int v = 0; v < n; v++) {
		double sum = 0;
		for (int i = 0; i < k; i++)
			sum += st->P[(size_t)i * n + v];
		s->d[v] = -sum;
		s->xn[v] = c->x[v] - step * sum;
	}
	mo_project(c, s->xn);
	mo_grads(c, s, s->xn, s->fn, s->Gn);
	mo_accept(c, s);
	c->step = step;
	c->gnorm = mo_pareto(c, s);
	c->extra[0] = mo_hv_point(s, s->fv);
	c->extra[1] = conflicts;
	return METH_OK;
}

static void pcgrad_free(void *state)
{
	pcgrad_state *st = state;
	mo_free(&st->s);
	free(st->P);
}

const meth meth_pcgrad = {
    .name = "pcgrad",
    .family = "multiobjective",
    .summary = "gradient surgery: conflicting gradients projected onto each other's normal "
               "planes, then summed",
    .reference = "T. Yu, S. Kumar, A. Gupta, S. Levine, K. Hausman, C. Finn, Gradient surgery "
                 "for multi-task learning, NeurIPS 2020",
    .params = params,
    .nparams = 1,
    .needs = PROB_VALUE | PROB_GRAD | PROB_MULTI,
    .extra = extra,
    .state_size = sizeof(pcgrad_state),
    .init = pcgrad_init,
    .step = pcgrad_step,
    .free = pcgrad_free,
};
