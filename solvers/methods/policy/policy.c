/* policy: MDP access, episodes and reports of the policy methods (policy.h). */
#include "policy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pol_extra[4] = {"return", "kl", "episodes", NULL};

/* f and its gradient through the oracle at c->x (pi current), and gnorm the kind's
 * stationarity measure: the policy-improvement gap max_s (max_a Q(s, a) - V(s)), 0 only
 * at an optimal policy, where a saturated softmax has |grad J| ~ 0 far from one. */
static void measure(pol *p, meth_ctx *c)
{
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	double gap = 0;
	if (isnan(mdp_evaluate(p->m, p->pi, p->V, p->Q))) {
		c->gnorm = NAN;
		return;
	}
	for (int s = 0; s < p->m->S; s++)
		for (int a = 0; a < p->m->A; a++)
			gap = fmax(gap, p->Q[(size_t)s * p->m->A + a] - p->V[s]);
	c->gnorm = gap;
}

int pol_init(pol *p, meth_ctx *c, const char *who)
{
	if (!(p->m = mdp_of(c->o->p))) {
		snprintf(c->msg, sizeof c->msg,
		         "%s needs an MDP or bandit (bandit, chain, ...)%s", who,
		         strcmp(who, "pg") == 0 ? ", or an LQR" : "");
		return METH_FAILED;
	}
	int S = p->m->S;
	size_t sa = (size_t)S * p->m->A;
	p->SA = (int)sa;
	p->pi = malloc(sa * sizeof *p->pi);
	p->old = malloc(sa * sizeof *p->old);
	p->Q = malloc(sa * sizeof *p->Q);
	p->V = malloc((size_t)S * sizeof *p->V);
	p->d = malloc((size_t)S * sizeof *p->d);
	if (!p->pi || !p->old || !p->Q || !p->V || !p->d) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	mdp_policy(p->m, c->x, p->pi);
	measure(p, c);
	c->extra[0] = -c->f;
	c->extra[1] = 0;
	c->extra[2] = 0;
	return METH_OK;
}

void pol_free(pol *p)
{
	free(p->pi);
	free(p->old);
	free(p->Q);
	free(p->V);
	free(p->d);
	free(p->batch);
	free(p->ret);
}

int pol_horizon(const mdp *m, double param)
{
	if (param >= 1)
		return (int)param;
	if (m->gamma == 0)
		return 1;
	double h = ceil(10 / (1 - m->gamma));
	return h > 10000 ? 10000 : (int)h;
}

static int draw(rng *r, const double *w, int k)
{
	double u = rng_uniform(r), acc = 0;
	for (int i = 0; i < k; i++)
		if (u < (acc += w[i]))
			return i;
	return k - 1; /* rounding left u above the sum */
}

/* A sampled reward of (s, a): the bandit's noise, and the KL term where regularized. */
static double sample_reward(const mdp *m, const double *pi, rng *r, int s, int a)
{
	double mu = m->R[(size_t)s * m->A + a], x = mu;
	if (m->noise == MDP_GAUSSIAN)
		x = mu + rng_normal(r);
	else if (m->noise == MDP_BERNOULLI)
		x = rng_uniform(r) < mu;
	if (m->beta > 0)
		x -= m->beta * (log(pi[(size_t)s * m->A + a]) - m->logref[a]);
	return x;
}

int pol_sample(pol *p, meth_ctx *c, int count, int H)
{
	const mdp *m = p->m;
	mdp_policy(m, c->x, p->pi);
	p->nbatch = 0;
	free(p->ret);
	if (!(p->ret = malloc((size_t)count * sizeof *p->ret)))
		return -1;
	for (int e = 0; e < count; e++) {
		int s = draw(c->rng, m->rho, m->S);
		long first = p->nbatch;
		double disc = 1;
		for (int t = 0; t < H; t++) {
			if (p->nbatch == p->capbatch) {
				long cap = p->capbatch ? 2 * p->capbatch : 1024;
				pol_step *nb = realloc(p->batch, (size_t)cap * sizeof *nb);
				if (!nb)
					return -1;
				p->batch = nb;
				p->capbatch = cap;
			}
			int a = draw(c->rng, p->pi + (size_t)s * m->A, m->A);
			double r = sample_reward(m, p->pi, c->rng, s, a);
			p->batch[p->nbatch++] = (pol_step){.s = s, .a = a, .ep = e, .disc = disc, .togo = r};
			disc *= m->gamma;
			s = draw(c->rng, m->P + ((size_t)s * m->A + a) * m->S, m->S);
		}
		double g = 0; /* rewards-to-go, discounted from each step */
		for (long i = p->nbatch - 1; i >= first; i--)
			p->batch[i].togo = g = p->batch[i].togo + m->gamma * g;
		p->ret[e] = p->nbatch > first ? p->batch[first].togo : 0;
	}
	p->episodes += count;
	return 0;
}

void pol_add_score(const pol *p, const double *pi, int s, int a, double w, double *g)
{
	int A = p->m->A;
	const double *ps = pi + (size_t)s * A;
	double *gs = g + (size_t)s * A;
	for (int b = 0; b < A; b++)
		gs[b] -= w * ps[b];
	gs[a] += w;
}

void pol_report(pol *p, meth_ctx *c, double ret)
{
	const mdp *m = p->m;
	memcpy(p->old, p->pi, (size_t)p->SA * sizeof *p->old);
	mdp_policy(m, c->x, p->pi);
	double kl = 0;
	for (int i = 0; i < p->SA; i++)
		if (p->pi[i] > 0 && p->old[i] > 0)
			kl += p->pi[i] * (log(p->pi[i]) - log(p->old[i])) / m->S;
	measure(p, c);
	c->extra[0] = isnan(ret) ? -c->f : ret;
	c->extra[1] = kl;
	c->extra[2] = (double)p->episodes;
}
