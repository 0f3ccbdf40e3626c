/* policy: what the policy-optimization methods share (methods/policy/): the MDP of
 * the run's problem (mdp.h), the current softmax policy, sampled episodes and the
 * report after a step. The iterate is the logits theta (S x A); the trace's f is the
 * exact -J(theta) and gnorm the policy-improvement gap max_s (max_a Q - V); the extra columns are `return` (the batch's mean sampled return, or
 * the exact J), `kl` (the mean over states of KL(pi_new | pi_old)) and `episodes`
 * (sampled so far).
 *
 * Ownership: pol_init allocates inside the method's state; pol_free frees it. */
#ifndef OPTLAB_POLICY_H
#define OPTLAB_POLICY_H

#include "mdp.h"
#include "meth.h"

extern const char *const pol_extra[4]; /* return, kl, episodes, NULL */

/* One sampled transition: its state, action, discount gamma^t, reward-to-go G_t
 * (discounted from t), the episode it belongs to. */
typedef struct pol_step {
	int s, a, ep;
	double disc, togo;
} pol_step;

typedef struct pol {
	const mdp *m;
	int SA;
	double *pi, *old;   /* the current and the previous policy, S x A */
	double *V, *Q, *d;  /* exact values when a method needs them */
	pol_step *batch;    /* the sampled transitions */
	long nbatch, capbatch;
	double *ret;        /* each episode's return G_0 */
	long episodes;      /* sampled so far */
} pol;

/* Checks the problem (an MDP) and allocates; METH_FAILED with c->msg otherwise. */
int pol_init(pol *p, meth_ctx *c, const char *who);
void pol_free(pol *p);
/* Samples `count` episodes of at most H steps with the policy of c->x into batch and
 * ret. -1 without memory. */
int pol_sample(pol *p, meth_ctx *c, int count, int H);
/* The default horizon: 1 for a bandit, else ceil(10 / (1 - gamma)), at most 10^4. */
int pol_horizon(const mdp *m, double param);
/* g (S A) += w grad_theta log pi(a | s) for the policy pi. */
void pol_add_score(const pol *p, const double *pi, int s, int a, double w, double *g);
/* After a step: keeps the new policy, f through the oracle, the extra columns (ret:
 * the return to show). */
void pol_report(pol *p, meth_ctx *c, double ret);

#endif
