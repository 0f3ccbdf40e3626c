/* decentral: decentralized methods on a graph of nodes, one node a client (fed.h),
 * each with its own model x_k, mixing with its neighbours through the doubly
 * stochastic W of Metropolis-Hastings weights (W_kl = 1 / (1 + max(deg_k, deg_l))):
 *   dgd  x+ = W x - alpha grad F(x)  (Nedic & Ozdaglar 2009): with a constant step the
 *        nodes stop in an O(alpha) neighbourhood of x*, at the fixed point
 *        (I - W) x + alpha grad F(x) = 0
 *   gt   gradient tracking (DIGing, Nedic, Olshevsky & Shi 2017): y tracks the average
 *        gradient, x+ = W x - alpha y, y+ = W y + grad F(x+) - grad F(x): exact.
 * Node k's objective is K w_k f_k, so that the nodes' sum is K f. The run's iterate is
 * the nodes' average; `drift` is the nodes' mean distance from it (the consensus error). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fed.h"

#define DEC_MAX 2000 /* nodes: W is dense */

enum { P_STEP, P_CLIENTS, P_GRAPH, P_COUNT };

static const char *const graphs[] = {"ring", "grid", "complete", NULL};

static const param_def params[] = {
    {"step", 0.02, 1e-15, 1e15, "the step alpha", NULL, 0},
    {"clients", 10, 1, DEC_MAX, "nodes: the finite sum split in contiguous blocks", NULL, 1},
    {"graph", 0, 0, 2, "the communication graph", graphs, 0},
};

typedef struct dec_state {
	fed f;
	double *W, *X2, *G, *G2, *T; /* K x K; K x n each: new models, gradients, trackers */
	int tracking;
} dec_state;

/* Neighbours on a ring, an r x c grid (r the largest divisor of K not above sqrt K) or
 * the complete graph. */
static int adjacent(int kind, int K, int a, int b)
{
	if (a == b)
		return 0;
	if (kind == 2)
		return 1;
	if (kind == 0)
		return (a + 1) % K == b || (b + 1) % K == a;
	int r = 1;
	for (int t = 1; t * t <= K; t++)
		if (K % t == 0)
			r = t;
	int cols = K / r, ra = a / cols, ca = a % cols, rb = b / cols, cb = b % cols;
	return (ra == rb && abs(ca - cb) == 1) || (ca == cb && abs(ra - rb) == 1);
}

static void metropolis(double *W, int K, int kind)
{
	int *deg = calloc((size_t)K, sizeof *deg);
	for (int a = 0; a < K; a++)
		for (int b = 0; b < K; b++)
			deg[a] += adjacent(kind, K, a, b);
	for (int a = 0; a < K; a++) {
		double s = 0;
		for (int b = 0; b < K; b++) {
			double w = adjacent(kind, K, a, b) ? 1.0 / (1 + (deg[a] > deg[b] ? deg[a] : deg[b]))
			                                   : 0;
			W[(size_t)a * K + b] = w;
			s += w;
		}
		W[(size_t)a * K + a] = 1 - s;
	}
	free(deg);
}

/* G's rows = the nodes' gradients, K w_k grad f_k(x_k). */
static void node_grads(dec_state *s, meth_ctx *c, const double *X, double *G)
{
	fed *f = &s->f;
	for (int k = 0; k < f->K; k++) {
		double *g = G + (size_t)k * c->n;
		fed_client_grad(f, c, k, X + (size_t)k * c->n, g);
		for (int j = 0; j < c->n; j++)
			g[j] *= f->K * fed_weight(f, k);
	}
}

/* out = W A (K x n). */
static void mix(const double *W, int K, int n, const double *A, double *out)
{
	memset(out, 0, (size_t)K * (size_t)n * sizeof *out);
	for (int a = 0; a < K; a++)
		for (int b = 0; b < K; b++) {
			double w = W[(size_t)a * K + b];
			if (w != 0)
				for (int j = 0; j < n; j++)
					out[(size_t)a * n + j] += w * A[(size_t)b * n + j];
		}
}

static void average(const fed *f, double *x)
{
	memset(x, 0, (size_t)f->n * sizeof *x);
	for (int k = 0; k < f->K; k++)
		for (int j = 0; j < f->n; j++)
			x[j] += f->Y[(size_t)k * f->n + j] / f->K;
}

static int dec_setup(void *state, meth_ctx *c, const char *who, int tracking)
{
	dec_state *s = state;
	int st = fed_init(&s->f, c, who, (int)c->param[P_CLIENTS]);
	if (st != METH_OK)
		return st;
	size_t K = (size_t)s->f.K, kn = K * (size_t)c->n;
	s->tracking = tracking;
	s->W = malloc(K * K * sizeof *s->W);
	s->X2 = malloc(kn * sizeof *s->X2);
	s->G = malloc(kn * sizeof *s->G);
	s->G2 = malloc(kn * sizeof *s->G2);
	s->T = malloc(kn * sizeof *s->T);
	if (!s->W || !s->X2 || !s->G || !s->G2 || !s->T) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory for %zu nodes", who, K);
		return METH_FAILED;
	}
	metropolis(s->W, (int)K, (int)c->param[P_GRAPH]);
	node_grads(s, c, s->f.Y, s->G);
	memcpy(s->T, s->G, kn * sizeof *s->T); /* y0 = grad F(x0) */
	return METH_OK;
}

static int dgd_init(void *state, meth_ctx *c) { return dec_setup(state, c, "dgd", 0); }
static int gt_init(void *state, meth_ctx *c) { return dec_setup(state, c, "gt", 1); }

static int dec_step(void *state, meth_ctx *c)
{
	dec_state *s = state;
	fed *f = &s->f;
	int K = f->K, n = c->n;
	size_t kn = (size_t)K * (size_t)n;
	double alpha = c->param[P_STEP];
	const double *dir = s->tracking ? s->T : s->G;
	mix(s->W, K, n, f->Y, s->X2);
	for (size_t i = 0; i < kn; i++)
		s->X2[i] -= alpha * dir[i];
	memcpy(f->Y, s->X2, kn * sizeof *f->Y);
	node_grads(s, c, f->Y, s->G2);
	if (s->tracking) { /* y+ = W y + G(x+) - G(x) */
		mix(s->W, K, n, s->T, s->X2);
		for (size_t i = 0; i < kn; i++)
			s->T[i] = s->X2[i] + s->G2[i] - s->G[i];
	}
	memcpy(s->G, s->G2, kn * sizeof *s->G);
	average(f, c->x);
	c->step = alpha;
	fed_report(f, c);
	return METH_OK;
}

static void dec_free(void *state)
{
	dec_state *s = state;
	fed_free(&s->f);
	free(s->W);
	free(s->X2);
	free(s->G);
	free(s->G2);
	free(s->T);
}

const meth meth_dgd = {
    .name = "dgd",
    .family = "federated",
    .summary = "decentralized gradient descent: mix with neighbours, step on the own gradient",
    .reference = "A. Nedic, A. Ozdaglar, Distributed subgradient methods for multi-agent "
                 "optimization, IEEE TAC 54 (2009)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_SUM | PROB_GRAD,
    .extra = fed_extra,
    .state_size = sizeof(dec_state),
    .init = dgd_init,
    .step = dec_step,
    .free = dec_free,
};

const meth meth_gt = {
    .name = "gt",
    .family = "federated",
    .summary = "gradient tracking (DIGing): mix models and a tracker of the mean gradient",
    .reference = "A. Nedic, A. Olshevsky, W. Shi, Achieving geometric convergence for "
                 "distributed optimization over time-varying graphs, SIAM J. Optim. 27 (2017)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_SUM | PROB_GRAD,
    .extra = fed_extra,
    .state_size = sizeof(dec_state),
    .init = gt_init,
    .step = dec_step,
    .free = dec_free,
};
