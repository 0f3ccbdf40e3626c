/* sampled: policy gradients from sampled episodes (the run's seed draws them):
 *   reinforce  g = 1/N sum_i (G_i - b_i) sum_t grad log pi(a_t | s_t), the episode's
 *              return G_i with a baseline: none, the batch mean, leave-one-out (RLOO,
 *              Kool et al. 2019; Ahmadian et al. 2024) or group-normalized
 *              (G_i - mean) / std (GRPO, Shao et al. 2024)
 *   a2c        advantage actor-critic: g = 1/N sum gamma^t grad log pi(a_t | s_t) A_t,
 *              A_t = G_t - V(s_t), the critic V the batch's mean reward-to-go per state
 *   ppo        the same samples and advantages, `epochs` passes over `minibatches` of
 *              steps on the clipped surrogate min(rho A, clip(rho, 1 - eps, 1 + eps) A),
 *              rho = pi(a | s) / pi_old(a | s) (Schulman et al. 2017). With one epoch, one
 *              minibatch and clip = 0 (off) its step is a2c's exactly (Huang et al., A2C
 *              is a special case of PPO, 2022). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static const char *const baselines[] = {"none", "mean", "rloo", "group", NULL};

enum { P_STEP, P_EPISODES, P_HORIZON, P_BASE, P_CLIP = P_BASE, P_EPOCHS, P_MINI };

#define SAMPLE_PARAMS                                                                        \
	{"step", 0.1, 1e-12, 1e12, "the step eta on the gradient estimate", NULL, 0},            \
	    {"episodes", 16, 1, 1e6, "episodes sampled a step", NULL, 1},                         \
	    {"horizon", 0, 0, 1e6, "steps an episode (0: 1 for a bandit, else 10 / (1 - gamma))", \
	     NULL, 1}

static const param_def reinforce_params[] = {
    SAMPLE_PARAMS,
    {"baseline", 2, 0, 3, "none, mean, rloo (leave-one-out) or group (normalized)", baselines,
     0},
};
static const param_def a2c_params[] = {SAMPLE_PARAMS};
static const param_def ppo_params[] = {
    SAMPLE_PARAMS,
    {"clip", 0.2, 0, 10, "the clipping eps of the ratio (0: no clipping)", NULL, 0},
    {"epochs", 4, 1, 1000, "passes over the sampled steps", NULL, 1},
    {"minibatches", 1, 1, 1e6, "minibatches a pass", NULL, 1},
};

typedef struct smp_state {
	pol p;
	double *g, *adv, *vsum, *vcnt, *pold;
} smp_state;

static int setup(void *state, meth_ctx *c, const char *who)
{
	smp_state *s = state;
	int st = pol_init(&s->p, c, who);
	if (st != METH_OK)
		return st;
	s->g = malloc((size_t)c->n * sizeof *s->g);
	s->vsum = malloc((size_t)s->p.m->S * sizeof *s->vsum);
	s->vcnt = malloc((size_t)s->p.m->S * sizeof *s->vcnt);
	s->pold = malloc((size_t)c->n * sizeof *s->pold);
	if (!s->g || !s->vsum || !s->vcnt || !s->pold) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	return METH_OK;
}

static int reinforce_init(void *state, meth_ctx *c) { return setup(state, c, "reinforce"); }
static int a2c_init(void *state, meth_ctx *c) { return setup(state, c, "a2c"); }
static int ppo_init(void *state, meth_ctx *c) { return setup(state, c, "ppo"); }

/* Samples the step's episodes; the mean return. NAN (and c->msg) without memory. */
static double sample(smp_state *s, meth_ctx *c)
{
	int N = (int)c->param[P_EPISODES];
	if (pol_sample(&s->p, c, N, pol_horizon(s->p.m, c->param[P_HORIZON]))) {
		snprintf(c->msg, sizeof c->msg, "out of memory for the sampled episodes");
		return NAN;
	}
	double mean = 0;
	for (int e = 0; e < N; e++)
		mean += s->p.ret[e] / N;
	return mean;
}

static int reinforce_step(void *state, meth_ctx *c)
{
	smp_state *s = state;
	pol *p = &s->p;
	int N = (int)c->param[P_EPISODES], base = (int)c->param[P_BASE];
	double mean = sample(s, c), sd = 0;
	if (isnan(mean))
		return METH_FAILED;
	for (int e = 0; e < N; e++)
		sd += (p->ret[e] - mean) * (p->ret[e] - mean) / N;
	sd = sqrt(sd);
	memset(s->g, 0, (size_t)c->n * sizeof *s->g);
	for (long i = 0; i < p->nbatch; i++) {
		const pol_step *t = &p->batch[i];
		double G = p->ret[t->ep], w = G;
		if (base == 1)
			w = G - mean;
		else if (base == 2)
			w = N > 1 ? (G - mean) * N / (N - 1) : 0; /* G - mean of the others */
		else if (base == 3)
			w = sd > 0 ? (G - mean) / sd : 0;
		pol_add_score(p, p->pi, t->s, t->a, w / N, s->g);
	}
	for (int i = 0; i < c->n; i++)
		c->x[i] += c->param[P_STEP] * s->g[i];
	c->step = c->param[P_STEP];
	pol_report(p, c, mean);
	return METH_OK;
}

/* Advantages A_t = G_t - V(s_t), V the batch's mean reward-to-go in each state. */
static int advantages(smp_state *s)
{
	pol *p = &s->p;
	free(s->adv);
	if (!(s->adv = malloc((size_t)(p->nbatch ? p->nbatch : 1) * sizeof *s->adv)))
		return -1;
	memset(s->vsum, 0, (size_t)p->m->S * sizeof *s->vsum);
	memset(s->vcnt, 0, (size_t)p->m->S * sizeof *s->vcnt);
	for (long i = 0; i < p->nbatch; i++) {
		s->vsum[p->batch[i].s] += p->batch[i].togo;
		s->vcnt[p->batch[i].s] += 1;
	}
	for (long i = 0; i < p->nbatch; i++)
		s->adv[i] = p->batch[i].togo - s->vsum[p->batch[i].s] / s->vcnt[p->batch[i].s];
	return 0;
}

/* One gradient step on the surrogate over steps [lo, hi) of the batch, from the
 * policy that sampled it (pold): g = scale sum gamma^t rho A grad log pi where the
 * unclipped term is the minimum (always with clip = 0). */
static void surrogate_step(smp_state *s, meth_ctx *c, long lo, long hi, double scale,
                           double clip)
{
	pol *p = &s->p;
	mdp_policy(p->m, c->x, p->pi);
	memset(s->g, 0, (size_t)c->n * sizeof *s->g);
	for (long i = lo; i < hi; i++) {
		const pol_step *t = &p->batch[i];
		size_t k = (size_t)t->s * p->m->A + t->a;
		double rho = p->pi[k] / s->pold[k], A = s->adv[i];
		if (clip > 0 && ((A > 0 && rho > 1 + clip) || (A < 0 && rho < 1 - clip)))
			continue; /* the clipped term is the minimum: no gradient */
		pol_add_score(p, p->pi, t->s, t->a, scale * t->disc * rho * A, s->g);
	}
	for (int i = 0; i < c->n; i++)
		c->x[i] += c->param[P_STEP] * s->g[i];
}

static int ppo_like(smp_state *s, meth_ctx *c, int epochs, int mini, double clip)
{
	pol *p = &s->p;
	int N = (int)c->param[P_EPISODES];
	double mean = sample(s, c);
	if (isnan(mean) || advantages(s)) {
		snprintf(c->msg, sizeof c->msg, "out of memory for the sampled episodes");
		return METH_FAILED;
	}
	memcpy(s->pold, p->pi, (size_t)c->n * sizeof *s->pold);
	long B = p->nbatch;
	for (int e = 0; e < epochs; e++)
		for (int b = 0; b < mini; b++)
			surrogate_step(s, c, B * b / mini, B * (b + 1) / mini, (double)mini / N, clip);
	c->step = c->param[P_STEP];
	pol_report(p, c, mean);
	return METH_OK;
}

static int a2c_step(void *state, meth_ctx *c) { return ppo_like(state, c, 1, 1, 0); }
static int ppo_step(void *state, meth_ctx *c)
{
	return ppo_like(state, c, (int)c->param[P_EPOCHS], (int)c->param[P_MINI],
	                c->param[P_CLIP]);
}

static void smp_free_state(void *state)
{
	smp_state *s = state;
	pol_free(&s->p);
	free(s->g);
	free(s->adv);
	free(s->vsum);
	free(s->vcnt);
	free(s->pold);
}

const meth meth_reinforce = {
    .name = "reinforce",
    .family = "policy",
    .summary = "REINFORCE from sampled episodes: none, mean, rloo or group (GRPO) baselines",
    .reference = "R. J. Williams, Simple statistical gradient-following algorithms, Mach. "
                 "Learn. 8 (1992); A. Ahmadian et al., Back to basics: revisiting REINFORCE "
                 "style optimization for learning from human feedback in LLMs, ACL 2024",
    .params = reinforce_params,
    .nparams = 4,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(smp_state),
    .init = reinforce_init,
    .step = reinforce_step,
    .free = smp_free_state,
};

const meth meth_a2c = {
    .name = "a2c",
    .family = "policy",
    .summary = "advantage actor-critic: sampled steps weighted by G_t - V(s_t)",
    .reference = "V. Mnih et al., Asynchronous methods for deep reinforcement learning, ICML "
                 "2016",
    .params = a2c_params,
    .nparams = 3,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(smp_state),
    .init = a2c_init,
    .step = a2c_step,
    .free = smp_free_state,
};

const meth meth_ppo = {
    .name = "ppo",
    .family = "policy",
    .summary = "proximal policy optimization: epochs of minibatch steps on the clipped surrogate",
    .reference = "J. Schulman, F. Wolski, P. Dhariwal, A. Radford, O. Klimov, Proximal policy "
                 "optimization algorithms, arXiv:1707.06347 (2017)",
    .params = ppo_params,
    .nparams = 6,
    .needs = PROB_POLICY | PROB_GRAD,
    .extra = pol_extra,
    .state_size = sizeof(smp_state),
    .init = ppo_init,
    .step = ppo_step,
    .free = smp_free_state,
};
