/* fedavg: federated averaging (McMahan et al. 2017) and FedProx (Li et al. 2020). A
 * round: each participating client starts from the server's model x and takes `local`
 * gradient steps on its own objective (FedProx: on f_k(y) + mu/2 |y - x|^2, which holds
 * the client near x); the server takes the weighted mean of their models. With
 * heterogeneous clients and local > 1 the fixed point is biased away from x* (client
 * drift): on quadratics it is sum_k (I - B_k) c_k / sum_k (I - B_k), B_k = (I - eta
 * A_k)^local. Local gradients are the clients' full ones (deterministic). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fed.h"

enum { P_STEP, P_LOCAL, P_CLIENTS, P_PART, P_MU, P_COUNT };

#define FED_PARAMS                                                                           \
	{"step", 0.05, 1e-15, 1e15, "the clients' local step eta", NULL, 0},                      \
	    {"local", 5, 1, 1e6, "local gradient steps a round", NULL, 1},                         \
	    {"clients", 10, 1, FED_MAX, "clients: the finite sum split in contiguous blocks", NULL, \
	     1},                                                                                   \
	    {"participation", 1, 1e-6, 1, "the chance that a client takes part in a round", NULL, \
	     0}

static const param_def avg_params[] = {FED_PARAMS};
static const param_def prox_params[] = {
    FED_PARAMS,
    {"mu", 0.1, 0, 1e15, "the proximal weight mu of the local objective", NULL, 0},
};

typedef struct fa_state {
	fed f;
	double *acc, *gk;
} fa_state;

static int fa_setup(void *state, meth_ctx *c, const char *who)
{
	fa_state *s = state;
	s->acc = malloc((size_t)c->n * sizeof *s->acc);
	s->gk = malloc((size_t)c->n * sizeof *s->gk);
	if (!s->acc || !s->gk) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	return fed_init(&s->f, c, who, (int)c->param[P_CLIENTS]);
}

static int fedavg_init(void *state, meth_ctx *c) { return fa_setup(state, c, "fedavg"); }
static int fedprox_init(void *state, meth_ctx *c) { return fa_setup(state, c, "fedprox"); }

static int round_step(fa_state *s, meth_ctx *c, double mu)
{
	fed *f = &s->f;
	int n = c->n, E = (int)c->param[P_LOCAL];
	double eta = c->param[P_STEP], wsum = 0;
	fed_pick(f, c, c->param[P_PART]);
	memset(s->acc, 0, (size_t)n * sizeof *s->acc);
	for (int t = 0; t < f->nchosen; t++) {
		int k = f->chosen[t];
		double *y = f->Y + (size_t)k * n, w = fed_weight(f, k);
		memcpy(y, c->x, (size_t)n * sizeof *y);
		for (int e = 0; e < E; e++) {
			fed_client_grad(f, c, k, y, s->gk);
			for (int j = 0; j < n; j++)
				y[j] -= eta * (s->gk[j] + mu * (y[j] - c->x[j]));
		}
		for (int j = 0; j < n; j++)
			s->acc[j] += w * y[j];
		wsum += w;
	}
	for (int j = 0; j < n; j++)
		c->x[j] = s->acc[j] / wsum;
	c->step = eta;
	fed_report(f, c);
	return METH_OK;
}

static int fedavg_step(void *state, meth_ctx *c) { return round_step(state, c, 0); }
static int fedprox_step(void *state, meth_ctx *c)
{
	return round_step(state, c, c->param[P_MU]);
}

static void fa_free(void *state)
{
	fa_state *s = state;
	fed_free(&s->f);
	free(s->acc);
	free(s->gk);
}

const meth meth_fedavg = {
    .name = "fedavg",
    .family = "federated",
    .summary = "federated averaging: local gradient steps on each client, the server averages",
    .reference = "B. McMahan, E. Moore, D. Ramage, S. Hampson, B. Aguera y Arcas, "
                 "Communication-efficient learning of deep networks from decentralized data, "
                 "AISTATS 2017",
    .params = avg_params,
    .nparams = 4,
    .needs = PROB_SUM | PROB_GRAD,
    .extra = fed_extra,
    .state_size = sizeof(fa_state),
    .init = fedavg_init,
    .step = fedavg_step,
    .free = fa_free,
};

const meth meth_fedprox = {
    .name = "fedprox",
    .family = "federated",
    .summary = "FedProx: fedavg with a proximal term mu/2 |y - x|^2 on each client's objective",
    .reference = "T. Li, A. K. Sahu, M. Zaheer, M. Sanjabi, A. Talwalkar, V. Smith, Federated "
                 "optimization in heterogeneous networks, MLSys 2020",
    .params = prox_params,
    .nparams = 5,
    .needs = PROB_SUM | PROB_GRAD,
    .extra = fed_extra,
    .state_size = sizeof(fa_state),
    .init = fedprox_init,
    .step = fedprox_step,
    .free = fa_free,
};
