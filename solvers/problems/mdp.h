/* mdp: a tabular Markov decision process as a problem (PROB_POLICY). The iterate is a
 * softmax policy's logits theta (S x A: pi(a|s) proportional to exp(theta_sa)); the value
 * is f(theta) = -J(theta), minus the expected discounted return from the initial
 * distribution rho, computed exactly by solving (I - gamma P_pi) V = r_pi, and its
 * gradient by the policy gradient theorem,
 *   dJ/dtheta_sa = d(s) pi(a|s) A(s, a) / (1 - gamma),  d = (1 - gamma) rho'(I - gamma P_pi)^-1.
 * A bandit is S = 1, gamma = 0. With beta > 0 (bandits) the return is KL-regularized,
 * J = E_pi[r] - beta KL(pi | pi_ref), whose maximizer is softmax(log pi_ref + r / beta).
 * V* and Q* (value iteration) and J* are kept; f* = -J*.
 *
 * Ownership: mdp_problem copies its inputs into a problem freed by prob_free. */
#ifndef OPTLAB_MDP_H
#define OPTLAB_MDP_H

#include <stddef.h>

#include "prob.h"

#define MDP_MAX_STATES 400
#define MDP_MAX_ACTIONS 64

typedef struct mdp {
	int S, A;
	double gamma;
	double *P;      /* S A S: P[(s A + a) S + t] = Pr(t | s, a) */
	double *R;      /* S A rewards */
	double *rho;    /* S initial distribution */
	double beta;    /* KL weight (bandits), 0: none */
	double *logref; /* A: log pi_ref (beta > 0) */
	double *Vstar, *Qstar; /* S and S A */
	double Jstar;
	int rows, cols; /* a gridworld's layout for pictures (0: none) */
	int noise;      /* sampled rewards: MDP_EXACT, or a bandit's Gaussian or Bernoulli draws */
	/* A constrained MDP: maximize J subject to J_c <= budget, J_c the discounted cost of
	 * C (S A); NULL: none. Its optimum J* is the dual's min over lambda >= 0 of
	 * V*_{r - lambda c}(rho) + lambda budget (strong duality, Altman 1999), at lamstar. */
	double *C;
	double budget, lamstar, lammax;
} mdp;

enum { MDP_EXACT, MDP_GAUSSIAN, MDP_BERNOULLI };

/* A new MDP problem (copies P, R, rho, logref; logref may be NULL when beta = 0).
 * NULL and a message in err on failure. */
prob *mdp_problem(const char *name, int S, int A, double gamma, const double *P,
                  const double *R, const double *rho, double beta, const double *logref,
                  char *err, size_t cap);
const mdp *mdp_of(const prob *p);
/* Sets how sampled rewards are drawn (noise) and a gridworld's layout (rows x cols). */
void mdp_set_style(prob *p, int noise, int rows, int cols);
/* pi (S A) = the softmax of theta per state. */
void mdp_policy(const mdp *m, const double *theta, double *pi);
/* V (S) and Q (S A, may be NULL) of the policy pi, with beta's KL term in the reward.
 * Returns J = rho'V. 0 on success, -1 without memory (J is then NAN). */
double mdp_evaluate(const mdp *m, const double *pi, double *V, double *Q);
/* The same with the rewards R (S A) in place of the MDP's (no KL term). */
double mdp_evaluate_with(const mdp *m, const double *R, const double *pi, double *V,
                         double *Q);
/* rho'V* for the rewards R (S A) by value iteration; NAN without memory. */
double mdp_value_star(const mdp *m, const double *R);
/* Makes p a constrained MDP with the cost C (S A, copied) and the budget; solves the
 * dual for J* and lambda*. 0, or -1 with a message (infeasible budget, no memory). */
int mdp_set_cost(prob *p, const double *C, double budget, char *err, size_t cap);
/* The discounted state occupancy d (S) of pi from rho. -1 without memory. */
int mdp_occupancy(const mdp *m, const double *pi, double *d);

#endif
