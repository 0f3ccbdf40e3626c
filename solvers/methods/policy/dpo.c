/* dpo: direct preference optimization (Rafailov et al. 2023) on a KL-regularized
 * bandit: the logistic loss of the policy's implicit reward beta log(pi / pi_ref) on
 * preference pairs (a, b) drawn from pi_ref x pi_ref and labelled by the
 * Bradley-Terry model of the problem's rewards, P(a > b) = sigmoid(r_a - r_b), in
 * expectation (exact):
 *   L = -sum_ab ref_a ref_b sigmoid(r_a - r_b) log sigmoid(beta (h_a - h_b)),
 *   h = log pi - log pi_ref.
 * Its minimizer is the RLHF optimum softmax(log pi_ref + r / beta), reached without a
 * reward model or sampling from pi; the trace's f is the regularized objective. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

enum { P_STEP, P_COUNT };

static const param_def params[] = {
    {"step", 1, 1e-12, 1e12, "the step on the DPO loss's gradient", NULL, 0},
};

typedef struct dpo_state {
	pol p;
	double *g;
} dpo_state;

static int dpo_init(void *state, meth_ctx *c)
{
	dpo_state *s = state;
	int st = pol_init(&s->p, c, "dpo");
	if (st != METH_OK)
		return st;
	if (!(s->p.m->beta > 0)) {
		snprintf(c->msg, sizeof c->msg,
		         "dpo needs a KL-regularized bandit (klbandit): beta and pi_ref");
		return METH_FAILED;
	}
	if (!(s->g = malloc((size_t)c->n * sizeof *s->g))) {
		snprintf(c->msg, sizeof c->msg, "dpo: out of memory");
		return METH_FAILED;
	}
	return METH_OK;
}

static double sigmoid(double x)
{
	return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}

static int dpo_step(void *state, meth_ctx *c)
{
	dpo_state *s = state;
	const mdp *m = s->p.m;
	int A = m->A;
	double beta = m->beta, *pi = s->p.pi;
	mdp_policy(m, c->x, pi);
	memset(s->g, 0, (size_t)A * sizeof *s->g);
	for (int a = 0; a < A; a++)
		for (int b = 0; b < A; b++) {
			if (a == b)
				continue;
			double w = exp(m->logref[a] + m->logref[b]) * sigmoid(m->R[a] - m->R[b]);
			double u = beta * (log(pi[a]) - m->logref[a] - log(pi[b]) + m->logref[b]);
			double d = -w * (1 - sigmoid(u)) * beta; /* dL/du times du/dh_a */
			s->g[a] += d;
			s->g[b] -= d;
		}
	for (int a = 0; a < A; a++)
		c->x[a] -= c->param[P_STEP] * s->g[a];
	c->step = c->param[P_STEP];
	pol_report(&s->p, c, NAN);
	return METH_OK;
}

static void dpo_free(void *state)
{
	dpo_state *s = state;
	pol_free(&s->p);
	free(s->g);
}

const meth meth_dpo = {
    .name = "dpo",
    .family = "policy",
    .summary = "direct preference optimization: logistic loss on Bradley-Terry preferences",
    .reference = "R. Rafailov, A. Sharma, E. Mitchell, S. Ermon, C. Manning, C. Finn, Direct "
                 "preference optimization: your language model is secretly a reward model, "
                 "NeurIPS 2023",
    .params = params,
    .nparams = 1,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(dpo_state),
    .init = dpo_init,
    .step = dpo_step,
    .free = dpo_free,
};
