/* fed: what the federated and decentralized methods share (methods/federated/). The
 * components of a finite sum (PROB_SUM) are split into `clients` contiguous blocks;
 * client k's objective f_k is the mean of its block, so f = sum_k w_k f_k with
 * w_k = m_k / m. A step is one communication round. The trace's f and gradient are the
 * full problem's at the server's model (or the nodes' average), one counted evaluation
 * a round; the extra columns are `epoch` (component gradients / m) and `drift` (the
 * clients' mean distance from the server's model, or from the nodes' average). Each
 * client's model is a probe point for the picture.
 *
 * Ownership: fed_init allocates inside the method's state; fed_free frees it. */
#ifndef OPTLAB_FED_H
#define OPTLAB_FED_H

#include "meth.h"

#define FED_MAX 10000 /* clients */

extern const char *const fed_extra[3]; /* epoch, drift, NULL */

typedef struct fed {
	int K, n;
	long m;
	long *start;   /* K + 1 block boundaries over the components */
	double *Y;     /* K x n: the clients' (or nodes') models */
	double *g;     /* n scratch */
	int *chosen, nchosen; /* the clients of this round */
	long ncomp;    /* component gradients so far */
} fed;

/* Splits the run's finite sum into min(K, m) clients, every model at c->x. */
int fed_init(fed *f, meth_ctx *c, const char *who, int K);
void fed_free(fed *f);
/* g = grad f_k(x): the mean of client k's components' gradients (counted). */
void fed_client_grad(fed *f, meth_ctx *c, int k, const double *x, double *g);
/* w_k = m_k / m. */
double fed_weight(const fed *f, int k);
/* Draws the round's clients: each with probability frac (at least one), seeded. */
void fed_pick(fed *f, meth_ctx *c, double frac);
/* After a round with the model at c->x: f and its gradient (one counted evaluation),
 * the columns and the clients' models as probes. */
void fed_report(fed *f, meth_ctx *c);

#endif
