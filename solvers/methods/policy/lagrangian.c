/* lagrangian: lagrangianpg, the natural policy gradient primal-dual method for a
 * constrained MDP (max J_r subject to J_c <= budget; Ding, Zhang, Basar & Jovanovic,
 * NeurIPS 2020): an npg step on the Lagrangian's rewards r - lambda c,
 * theta_sa += eta (A_r - lambda A_c)(s, a) / (1 - gamma), then projected dual descent,
 * lambda = clip(lambda - dualstep (budget - J_c), 0, lambda_max). Its guarantee is for
 * the averages over iterations: the columns avgreturn and avgcost approach J* and the
 * budget. gnorm is a KKT residual: the Lagrangian's policy-improvement gap, the
 * violation and |lambda (J_c - budget)|. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

enum { P_STEP, P_DUAL, P_COUNT };

static const param_def params[] = {
    {"step", 1, 1e-12, 1e12, "the primal npg step eta", NULL, 0},
    {"dualstep", 0.1, 1e-12, 1e12, "the step on the multiplier lambda", NULL, 0},
};

static const char *const extra[] = {"cost", "lambda", "avgreturn", "avgcost", NULL};

typedef struct lag_state {
	pol p;
	double lambda, sumr, sumc;
	long k;
	double *Vc, *Qc;
} lag_state;

/* J_c of the current policy (p->pi) into Vc, Qc; the report's columns and gnorm. */
static void lag_report(lag_state *s, meth_ctx *c)
{
	pol *p = &s->p;
	const mdp *m = p->m;
	double jc = mdp_evaluate_with(m, m->C, p->pi, s->Vc, s->Qc);
	double jr = -c->f, gap = 0;
	for (int st = 0; st < m->S; st++) /* the Lagrangian's improvement gap (p->Q, p->V: r's) */
		for (int a = 0; a < m->A; a++) {
			size_t i = (size_t)st * m->A + a;
			gap = fmax(gap, p->Q[i] - p->V[st] - s->lambda * (s->Qc[i] - s->Vc[st]));
		}
	s->sumr += jr;
	s->sumc += jc;
	s->k++;
	c->gnorm = fmax(gap, fmax(fmax(jc - m->budget, 0), fabs(s->lambda * (jc - m->budget))));
	c->extra[0] = jc;
	c->extra[1] = s->lambda;
	c->extra[2] = s->sumr / (double)s->k;
	c->extra[3] = s->sumc / (double)s->k;
}

static int lag_init(void *state, meth_ctx *c)
{
	lag_state *s = state;
	int st = pol_init(&s->p, c, "lagrangianpg");
	if (st != METH_OK)
		return st;
	if (!s->p.m->C) {
		snprintf(c->msg, sizeof c->msg, "lagrangianpg needs a constrained MDP (cmdp)");
		return METH_FAILED;
	}
	s->Vc = malloc((size_t)s->p.m->S * sizeof *s->Vc);
	s->Qc = malloc((size_t)s->p.SA * sizeof *s->Qc);
	if (!s->Vc || !s->Qc) {
		snprintf(c->msg, sizeof c->msg, "lagrangianpg: out of memory");
		return METH_FAILED;
	}
	lag_report(s, c);
	return METH_OK;
}

static int lag_step(void *state, meth_ctx *c)
{
	lag_state *s = state;
	pol *p = &s->p;
	const mdp *m = p->m;
	/* p->pi, p->V, p->Q (rewards) and s->Vc, s->Qc (costs) are the current policy's */
	double scale = c->param[P_STEP] / (1 - m->gamma), jc = c->extra[0];
	for (int st = 0; st < m->S; st++)
		for (int a = 0; a < m->A; a++) {
			size_t i = (size_t)st * m->A + a;
			c->x[i] += scale * (p->Q[i] - p->V[st] - s->lambda * (s->Qc[i] - s->Vc[st]));
		}
	s->lambda = fmin(fmax(s->lambda - c->param[P_DUAL] * (m->budget - jc), 0), m->lammax);
	c->step = c->param[P_STEP];
	pol_report(p, c, NAN);
	lag_report(s, c);
	return METH_OK;
}

static void lag_free(void *state)
{
	lag_state *s = state;
	pol_free(&s->p);
	free(s->Vc);
	free(s->Qc);
}

const meth meth_lagrangianpg = {
    .name = "lagrangianpg",
    .family = "policy",
    .summary = "primal-dual natural policy gradient for a constrained MDP (cost <= budget)",
    .reference = "D. Ding, K. Zhang, T. Basar, M. Jovanovic, Natural policy gradient "
                 "primal-dual method for constrained Markov decision processes, NeurIPS 2020",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(lag_state),
    .init = lag_init,
    .step = lag_step,
    .free = lag_free,
};
