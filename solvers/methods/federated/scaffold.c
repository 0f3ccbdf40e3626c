/* scaffold: SCAFFOLD (Karimireddy et al. 2020), federated averaging with control
 * variates: client k steps along g_k(y) - c_k + c, where c_k estimates its own gradient
 * and c the average, which removes the client drift of fedavg; after its local steps
 * the client sets c_k+ = c_k - c + (x - y) / (local eta) (the paper's option II), and
 * the server moves x by gstep times the mean change of the models and c by the clients'
 * share of the mean change of the c_k. With every client in every round it reaches x*
 * exactly on heterogeneous clients. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fed.h"

enum { P_STEP, P_LOCAL, P_CLIENTS, P_PART, P_GSTEP, P_COUNT };

static const param_def params[] = {
    {"step", 0.05, 1e-15, 1e15, "the clients' local step eta", NULL, 0},
    {"local", 5, 1, 1e6, "local gradient steps a round", NULL, 1},
    {"clients", 10, 1, FED_MAX, "clients: the finite sum split in contiguous blocks", NULL, 1},
    {"participation", 1, 1e-6, 1, "the chance that a client takes part in a round", NULL, 0},
    {"gstep", 1, 1e-15, 1e15, "the server's step on the mean change of the models", NULL, 0},
};

typedef struct sc_state {
	fed f;
	double *cs, *ck, *dx, *dc, *gk; /* c (n), c_k (K x n), the round's mean changes */
} sc_state;

static int sc_init(void *state, meth_ctx *c)
{
	sc_state *s = state;
	int st = fed_init(&s->f, c, "scaffold", (int)c->param[P_CLIENTS]);
	if (st != METH_OK)
		return st;
	size_t n = (size_t)c->n;
	s->cs = calloc(n, sizeof *s->cs);
	s->ck = calloc((size_t)s->f.K * n, sizeof *s->ck);
	s->dx = malloc(n * sizeof *s->dx);
	s->dc = malloc(n * sizeof *s->dc);
	s->gk = malloc(n * sizeof *s->gk);
	if (!s->cs || !s->ck || !s->dx || !s->dc || !s->gk) {
		snprintf(c->msg, sizeof c->msg, "scaffold: out of memory");
		return METH_FAILED;
	}
	return METH_OK;
}

static int sc_step(void *state, meth_ctx *c)
{
	sc_state *s = state;
	fed *f = &s->f;
	int n = c->n, E = (int)c->param[P_LOCAL];
	double eta = c->param[P_STEP];
	fed_pick(f, c, c->param[P_PART]);
	memset(s->dx, 0, (size_t)n * sizeof *s->dx);
	memset(s->dc, 0, (size_t)n * sizeof *s->dc);
	for (int t = 0; t < f->nchosen; t++) {
		int k = f->chosen[t];
		double *y = f->Y + (size_t)k * n, *ck = s->ck + (size_t)k * n;
		memcpy(y, c->x, (size_t)n * sizeof *y);
		for (int e = 0; e < E; e++) {
			fed_client_grad(f, c, k, y, s->gk);
			for (int j = 0; j < n; j++)
				y[j] -= eta * (s->gk[j] - ck[j] + s->cs[j]);
		}
		for (int j = 0; j < n; j++) {
			double cnew = ck[j] - s->cs[j] + (c->x[j] - y[j]) / (E * eta);
			s->dc[j] += (cnew - ck[j]) / f->nchosen;
			s->dx[j] += (y[j] - c->x[j]) / f->nchosen;
			ck[j] = cnew;
		}
	}
	double share = (double)f->nchosen / f->K;
	for (int j = 0; j < n; j++) {
		c->x[j] += c->param[P_GSTEP] * s->dx[j];
		s->cs[j] += share * s->dc[j];
	}
	c->step = eta;
	fed_report(f, c);
	return METH_OK;
}

static void sc_free(void *state)
{
	sc_state *s = state;
	fed_free(&s->f);
	free(s->cs);
	free(s->ck);
	free(s->dx);
	free(s->dc);
	free(s->gk);
}

const meth meth_scaffold = {
    .name = "scaffold",
    .family = "federated",
    .summary = "SCAFFOLD: fedavg with control variates that cancel the clients' drift",
    .reference = "S. P. Karimireddy, S. Kale, M. Mohri, S. Reddi, S. Stich, A. T. Suresh, "
                 "SCAFFOLD: stochastic controlled averaging for federated learning, ICML 2020",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_SUM | PROB_GRAD,
    .extra = fed_extra,
    .state_size = sizeof(sc_state),
    .init = sc_init,
    .step = sc_step,
    .free = sc_free,
};
