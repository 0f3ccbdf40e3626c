/* exact: policy methods with the exact values of the MDP (small, solved problems):
 *   pg    softmax policy gradient ascent, theta += eta grad J (Agarwal, Kakade, Lee &
 *         Mahajan 2021; O(1/k) with eta <= (1 - gamma)^3 / 8, Mei et al. 2020)
 *   npg   natural policy gradient, theta_sa += eta A(s, a) / (1 - gamma): the Fisher-
 *         preconditioned step, dimension-free, linear with large steps
 *   mdpo  mirror descent policy optimization with exact Q: in every state
 *         pi+ proportional to pi exp(eta Q(s, .)), mirror descent with the KL on the
 *         simplex (Tomar et al. 2022; equal to npg with eta (1 - gamma)) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lqr.h"
#include "policy.h"

enum { P_STEP, P_COUNT };

static const param_def pg_params[] = {
    {"step", 1, 1e-12, 1e12,
     "the step eta on grad J ((1 - gamma)^3 / 8 is the safe one of the theory)", NULL, 0},
};
static const param_def npg_params[] = {
    {"step", 1, 1e-12, 1e12, "the step eta on A / (1 - gamma)", NULL, 0},
};
static const param_def mdpo_params[] = {
    {"step", 1, 1e-12, 1e12, "the mirror step eta on Q in every state", NULL, 0},
};

typedef struct ex_state {
	pol p;
	int lqr; /* pg on an LQR problem: plain gradient steps on the cost */
} ex_state;

/* pg also steps a linear policy's gain on the LQR (lqr.h), where J is a cost: K -= eta
 * grad J (Fazel et al. 2018: gradient domination, so it reaches the Riccati gain). */
static int pg_init(void *state, meth_ctx *c)
{
	ex_state *s = state;
	if (lqr_is(c->o->p)) {
		s->lqr = 1;
		c->extra[0] = c->extra[1] = c->extra[2] = NAN; /* no returns or episodes here */
		c->f = oracle_grad(c->o, c->x, c->g);
		c->g_valid = 1;
		return METH_OK;
	}
	return pol_init(&s->p, c, "pg");
}
static int npg_init(void *state, meth_ctx *c) { return pol_init(state, c, "npg"); }
static int mdpo_init(void *state, meth_ctx *c) { return pol_init(state, c, "mdpo"); }

/* c->g, the gradient of f = -J at x, is kept current by pol_report. */
static int pg_step(void *state, meth_ctx *c)
{
	ex_state *s = state;
	for (int i = 0; i < c->n; i++)
		c->x[i] -= c->param[P_STEP] * c->g[i];
	c->step = c->param[P_STEP];
	if (s->lqr)
		c->f = oracle_grad(c->o, c->x, c->g);
	else
		pol_report(&s->p, c, NAN);
	return METH_OK;
}

/* theta_sa += scale (Q(s, a) - V(s)) with the exact values of the current policy. */
static int q_step(ex_state *s, meth_ctx *c, double scale)
{
	pol *p = &s->p;
	mdp_policy(p->m, c->x, p->pi);
	if (isnan(mdp_evaluate(p->m, p->pi, p->V, p->Q))) {
		snprintf(c->msg, sizeof c->msg, "out of memory evaluating the policy");
		return METH_FAILED;
	}
	c->o->nf++; /* one exact policy evaluation */
	for (int st = 0; st < p->m->S; st++)
		for (int a = 0; a < p->m->A; a++) {
			size_t i = (size_t)st * p->m->A + a;
			c->x[i] += scale * (p->Q[i] - p->V[st]);
		}
	c->step = scale;
	pol_report(p, c, NAN);
	return METH_OK;
}

static int npg_step(void *state, meth_ctx *c)
{
	ex_state *s = state;
	return q_step(s, c, c->param[P_STEP] / (1 - s->p.m->gamma));
}

static int mdpo_step(void *state, meth_ctx *c)
{
	return q_step(state, c, c->param[P_STEP]);
}

static void ex_free(void *state)
{
	ex_state *s = state;
	pol_free(&s->p);
}

const meth meth_pg = {
    .name = "pg",
    .family = "policy",
    .summary = "exact policy gradient: softmax logits on MDPs and bandits, the gain on an LQR",
    .reference = "A. Agarwal, S. Kakade, J. Lee, G. Mahajan, On the theory of policy gradient "
                 "methods, JMLR 22 (2021); J. Mei et al., On the global convergence rates of "
                 "softmax policy gradient methods, ICML 2020; M. Fazel, R. Ge, S. Kakade, M. "
                 "Mesbahi, Global convergence of policy gradient methods for the linearized "
                 "control problem, ICML 2018",
    .params = pg_params,
    .nparams = 1,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(ex_state),
    .init = pg_init,
    .step = pg_step,
    .free = ex_free,
};

const meth meth_npg = {
    .name = "npg",
    .family = "policy",
    .summary = "natural policy gradient (softmax): theta += eta A / (1 - gamma), exact values",
    .reference = "S. Kakade, A natural policy gradient, NeurIPS 2001; Agarwal et al., JMLR 22 "
                 "(2021)",
    .params = npg_params,
    .nparams = 1,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(ex_state),
    .init = npg_init,
    .step = npg_step,
    .free = ex_free,
};

const meth meth_mdpo = {
    .name = "mdpo",
    .family = "policy",
    .summary = "mirror descent policy optimization: pi+ ~ pi exp(eta Q) per state, exact Q",
    .reference = "M. Tomar, L. Shani, Y. Efroni, M. Ghavamzadeh, Mirror descent policy "
                 "optimization, ICLR 2022",
    .params = mdpo_params,
    .nparams = 1,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(ex_state),
    .init = mdpo_init,
    .step = mdpo_step,
    .free = ex_free,
};
