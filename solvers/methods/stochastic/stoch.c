/* stoch: sampler, noise, schedules and epochs shared by the stochastic methods. */
#include "stoch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const stoch_schedule_names[] = {"constant", "invk",   "invsqrt",
                                            "stepdecay", "cosine", NULL};
const char *const stoch_noise_names[] = {"gaussian", "student", NULL};

static void shuffle(stoch *s, rng *r)
{
	for (long i = s->m - 1; i > 0; i--) {
		long j = rng_below(r, i + 1), t = s->perm[i];
		s->perm[i] = s->perm[j];
		s->perm[j] = t;
	}
	s->pos = 0;
}

/* The full f and gradient at x for the trace, and |g| kept for the steps between. */
static void full_eval(stoch *s, meth_ctx *c)
{
	c->f = oracle_grad(c->o, c->x, c->g);
	double t = 0;
	for (int j = 0; j < s->n; j++)
		t += c->g[j] * c->g[j];
	s->gnorm = sqrt(t);
}

int stoch_init(stoch *s, meth_ctx *c, int base)
{
	const double *p = c->param + base;
	const prob *pr = c->o->p;
	s->sum = (pr->caps & PROB_SUM) ? pr->sum : NULL;
	s->m = s->sum ? s->sum->m : 1;
	s->n = c->n;
	s->batch = (int)p[STOCH_BATCH];
	s->replace = (int)p[STOCH_REPLACE];
	s->sched = (int)p[STOCH_SCHEDULE];
	s->k0 = p[STOCH_K0];
	s->gamma = p[STOCH_GAMMA];
	s->horizon = p[STOCH_HORIZON];
	s->warmup = p[STOCH_WARMUP];
	s->noise = p[STOCH_NOISE];
	s->dist = (int)p[STOCH_NOISEDIST];
	s->dof = (int)p[STOCH_DOF];
	s->evalevery = (long)p[STOCH_EVALEVERY];
	s->next = -1;
	s->gi = malloc((size_t)c->n * sizeof *s->gi);
	if (s->sum && !s->replace) {
		s->perm = malloc((size_t)s->m * sizeof *s->perm);
		if (s->perm) {
			for (long i = 0; i < s->m; i++)
				s->perm[i] = i;
			shuffle(s, c->rng);
		}
	}
	if (!s->gi || (s->sum && !s->replace && !s->perm)) {
		snprintf(c->msg, sizeof c->msg, "out of memory for the sampler");
		return METH_FAILED;
	}
	full_eval(s, c);
	c->g_valid = 1;
	c->extra[0] = 0;
	return METH_OK;
}

void stoch_free(stoch *s)
{
	free(s->gi);
	free(s->perm);
}

double stoch_rate(const stoch *s)
{
	double k = (double)s->k, r = 1;
	switch (s->sched) {
	case STOCH_INVK:
		r = s->k0 / (s->k0 + k);
		break;
	case STOCH_INVSQRT:
		r = sqrt(s->k0 / (s->k0 + k));
		break;
	case STOCH_STEPDECAY:
		r = pow(s->gamma, floor(k / s->k0));
		break;
	case STOCH_COSINE:
		r = 0.5 * (1 + cos(M_PI * fmin(k, s->horizon) / s->horizon));
		break;
	default:
		break;
	}
	if (s->warmup > 0 && k + 1 < s->warmup)
		r *= (k + 1) / s->warmup;
	return r;
}

/* The next component is known one draw ahead (shuffled passes; with replacement when
 * no noise draws come between, so the rng's sequence is the same): the problem may
 * start loading it while the current one is used. */
long stoch_draw(stoch *s, meth_ctx *c)
{
	long i, next = -1;
	if (!s->sum)
		return 0;
	if (s->replace && s->noise > 0)
		return rng_below(c->rng, s->m);
	if (s->replace) {
		i = s->next >= 0 ? s->next : rng_below(c->rng, s->m);
		next = s->next = rng_below(c->rng, s->m);
	} else {
		if (s->pos == s->m)
			shuffle(s, c->rng);
		i = s->perm[s->pos++];
		if (s->pos < s->m)
			next = s->perm[s->pos];
	}
	if (next >= 0 && s->sum->prefetch)
		s->sum->prefetch(s->sum->ctx, next);
	return i;
}

void stoch_comp_grad(stoch *s, meth_ctx *c, long i, const double *x, double *g)
{
	s->ncomp++;
	if (s->sum)
		s->sum->comp_grad(s->sum->ctx, i, x, g);
	else
		oracle_grad(c->o, x, g);
}

/* Student-t by its definition: N / sqrt(chi2_dof / dof), chi2 as a sum of squares. */
static double student(rng *r, int dof)
{
	double chi = 0;
	for (int j = 0; j < dof; j++) {
		double z = rng_normal(r);
		chi += z * z;
	}
	return rng_normal(r) / sqrt(chi / dof);
}

void stoch_add_noise(stoch *s, meth_ctx *c, double *g)
{
	if (!(s->noise > 0))
		return;
	double a = s->noise;
	for (int j = 0; j < s->n; j++)
		g[j] += a * (s->dist ? student(c->rng, s->dof) : rng_normal(c->rng));
}

void stoch_grad(stoch *s, meth_ctx *c, const double *x, double *g)
{
	int n = s->n, b = s->batch;
	if (b == 1) {
		stoch_comp_grad(s, c, stoch_draw(s, c), x, g);
		stoch_add_noise(s, c, g);
		return;
	}
	memset(g, 0, (size_t)n * sizeof *g);
	for (int t = 0; t < b; t++) {
		stoch_comp_grad(s, c, stoch_draw(s, c), x, s->gi);
		stoch_add_noise(s, c, s->gi);
		for (int j = 0; j < n; j++)
			g[j] += s->gi[j];
	}
	for (int j = 0; j < n; j++)
		g[j] /= b;
}

double stoch_full_grad(stoch *s, meth_ctx *c, const double *x, double *g)
{
	s->ncomp += s->m;
	return oracle_grad(c->o, x, g);
}

int stoch_end(stoch *s, meth_ctx *c)
{
	s->k++;
	long epochs = s->ncomp / s->m;
	int due = s->evalevery > 0 ? s->k % s->evalevery == 0 : epochs > s->epoch_eval;
	if (due) {
		full_eval(s, c);
		s->epoch_eval = epochs;
	}
	c->g_valid = 1;
	c->gnorm = s->gnorm;
	c->held = !due;
	c->ncg = s->ncomp;
	c->extra[0] = (double)s->ncomp / (double)s->m;
	return METH_OK;
}
