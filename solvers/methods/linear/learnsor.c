/* learnsor: learning the relaxation factor of SOR across a sequence of solves (after
 * Khodak et al., "Learning to relax", ICLR 2024, who set it online across a sequence of
 * related systems). A step is one solve of A x = b by SOR from a fresh seeded random
 * start, to a residual `tol` times the start's, with omega an arm of a bandit: `arms`
 * values spread over [1, 1.98], chosen by UCB1 (Auer, Cesa-Bianchi & Fischer 2002) with
 * the reward fewest / sweeps, in (0, 1] (fewest: the fewest sweeps of any solve so far).
 * The solves are alike, so the rewards are
 * stationary and the plays concentrate on the fastest omega (on the Poisson matrix,
 * Young's omega*); the sweeps a solve took fall towards the best fixed omega's. The
 * iterate is the latest solve's solution. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linear.h"

enum { P_ARMS, P_TOL, P_MAXSWEEPS, P_COUNT };

static const param_def params[] = {
    {"arms", 12, 2, 1000, "values of omega, evenly spread over [1, 1.98]", NULL, 1},
    {"tol", 1e-6, 1e-15, 0.5, "a solve ends when |r| <= tol |r_start|", NULL, 0},
    {"maxsweeps", 10000, 1, 1e9, "sweeps a solve may take", NULL, 1},
};

static const char *const extra[] = {"passes", "omega", "sweeps", NULL};

typedef struct ls_state {
	const linsys *L;
	int K;
	long plays, fewest;
	double *sum; /* summed 1 / sweeps of each arm */
	long *count;
} ls_state;

static double arm_omega(const ls_state *s, int k)
{
	return 1 + 0.98 * k / (s->K - 1);
}

/* UCB1: an arm never played first, else the largest mean + sqrt(2 ln t / n). */
static int choose(const ls_state *s)
{
	int best = 0;
	double score = -INFINITY;
	for (int k = 0; k < s->K; k++) {
		if (s->count[k] == 0)
			return k;
		double v = (double)s->fewest * s->sum[k] / s->count[k] + sqrt(2 * log((double)s->plays) / s->count[k]);
		if (v > score)
			score = v, best = k;
	}
	return best;
}

static int ls_init(void *state, meth_ctx *c)
{
	ls_state *s = state;
	if (!(s->L = linear_system(c, "learnsor", 1, 0)))
		return METH_FAILED;
	s->K = (int)c->param[P_ARMS];
	s->sum = calloc((size_t)s->K, sizeof *s->sum);
	s->count = calloc((size_t)s->K, sizeof *s->count);
	if (!s->sum || !s->count) {
		snprintf(c->msg, sizeof c->msg, "learnsor: out of memory");
		return METH_FAILED;
	}
	linear_report(c, 0);
	c->extra[1] = c->extra[2] = NAN;
	return METH_OK;
}

static int ls_step(void *state, meth_ctx *c)
{
	ls_state *s = state;
	const linsys *L = s->L;
	int arm = choose(s);
	double w = arm_omega(s, arm), cap = c->param[P_MAXSWEEPS];
	for (int i = 0; i < L->n; i++) /* a fresh start: every mode of the error present */
		c->x[i] = 2 * rng_uniform(c->rng) - 1;
	double r0 = linsys_residual(L, c->x, NULL), target = c->param[P_TOL] * r0;
	long sweeps = 0;
	for (double r = r0; r > target && sweeps < cap; sweeps++) {
		for (int i = 0; i < L->n; i++) {
			double t = L->b[i];
			for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
				if (L->col[k] != i)
					t -= L->val[k] * c->x[L->col[k]];
			c->x[i] = (1 - w) * c->x[i] + w * t / L->diag[i];
		}
		r = linsys_residual(L, c->x, NULL);
	}
	if (sweeps < 1)
		sweeps = 1; /* a start that already met the tolerance */
	if (s->fewest == 0 || sweeps < s->fewest)
		s->fewest = sweeps;
	s->sum[arm] += 1 / (double)sweeps;
	s->count[arm]++;
	s->plays++;
	c->step = w;
	c->extra[1] = w;
	c->extra[2] = (double)sweeps;
	linear_report(c, 2.0 * (double)sweeps); /* a solve to rounding is no reason to stop learning */
	return METH_OK;
}

static void ls_free(void *state)
{
	ls_state *s = state;
	free(s->sum);
	free(s->count);
}

const meth meth_learnsor = {
    .name = "learnsor",
    .family = "linear",
    .summary = "SOR with omega learned across solves: UCB1 over a grid of omegas, "
               "rewarded by few sweeps",
    .reference = "M. Khodak, E. Chow, M.-F. Balcan, A. Talwalkar, Learning to relax: setting "
                 "solver parameters across a sequence of linear system instances, ICLR 2024; "
                 "P. Auer et al., Mach. Learn. 47 (2002)",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(ls_state),
    .init = ls_init,
    .step = ls_step,
    .free = ls_free,
};
