/* problib_mdp: bandits and small MDPs solved exactly at set-up (mdp.h): a multi-armed
 * bandit (Gaussian or Bernoulli rewards), a contextual bandit (a few contexts drawn
 * uniformly, a policy per context), a KL-regularized "RLHF" bandit with a
 * reference policy, a chain with a small reward near the start and a large one at the
 * far end (an exploration trap), Sutton & Barto's cliff walk, a seeded random MDP, and
 * the linear-quadratic regulator (a linear policy's gain, lqr.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lqr.h"
#include "mdp.h"
#include "problib_int.h"
#include "rng.h"

static const char *const reward_kinds[] = {"gaussian", "bernoulli", NULL};

const param_def problib_bandit_params[3] = {
    {"k", 5, 1, MDP_MAX_ACTIONS, "arms", NULL, 1},
    {"rewards", 0, 0, 1, "gaussian: N(mu_a, 1) with mu_a ~ N(0, 1); bernoulli: mu_a ~ U(0, 1)",
     reward_kinds, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of the arms' means", NULL, 1},
};
const param_def problib_ctxbandit_params[4] = {
    {"contexts", 3, 1, 100, "contexts, drawn uniformly", NULL, 1},
    {"k", 5, 1, MDP_MAX_ACTIONS, "arms", NULL, 1},
    {"rewards", 0, 0, 1, "gaussian: N(mu_ca, 1) with mu_ca ~ N(0, 1); bernoulli: mu_ca ~ U(0, 1)",
     reward_kinds, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of the arms' means", NULL, 1},
};
const param_def problib_klbandit_params[3] = {
    {"k", 5, 1, MDP_MAX_ACTIONS, "arms (responses)", NULL, 1},
    {"beta", 0.5, 1e-6, 1e6, "the KL weight: J = E[r] - beta KL(pi | pi_ref)", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of rewards and the reference policy", NULL, 1},
};
const param_def problib_chain_params[3] = {
    {"n", 6, 2, MDP_MAX_STATES, "states", NULL, 1},
    {"gamma", 0.9, 0, 0.999, "discount", NULL, 0},
    {"slip", 0.1, 0, 0.9, "the chance that moving right slips back", NULL, 0},
};
const param_def problib_cliff_params[3] = {
    {"rows", 4, 2, 20, "grid rows", NULL, 1},
    {"cols", 6, 3, 20, "grid columns", NULL, 1},
    {"gamma", 0.95, 0, 0.999, "discount", NULL, 0},
};
const param_def problib_randmdp_params[4] = {
    {"states", 10, 1, MDP_MAX_STATES, "states", NULL, 1},
    {"actions", 3, 1, MDP_MAX_ACTIONS, "actions", NULL, 1},
    {"gamma", 0.9, 0, 0.999, "discount", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of transitions and rewards", NULL, 1},
};

/* The arrays of an MDP being built. */
typedef struct mb {
	int S, A;
	double *P, *R, *rho;
} mb;

static int mb_alloc(mb *b, int S, int A)
{
	b->S = S;
	b->A = A;
	b->P = calloc((size_t)S * A * S, sizeof *b->P);
	b->R = calloc((size_t)S * A, sizeof *b->R);
	b->rho = calloc((size_t)S, sizeof *b->rho);
	return b->P && b->R && b->rho ? 0 : -1;
}

static void mb_free(mb *b)
{
	free(b->P);
	free(b->R);
	free(b->rho);
}

static prob *mb_finish(mb *b, const char *name, double gamma, double beta, const double *lref,
                       const char *desc, char *err, size_t cap)
{
	prob *p = mdp_problem(name, b->S, b->A, gamma, b->P, b->R, b->rho, beta, lref, err, cap);
	if (p && prob_set_desc(p, desc)) {
		prob_free(p);
		p = NULL;
		snprintf(err, cap, "%s: out of memory", name);
	}
	mb_free(b);
	return p;
}

static prob *oom(mb *b, const char *name, char *err, size_t cap)
{
	mb_free(b);
	snprintf(err, cap, "%s: out of memory", name);
	return NULL;
}

prob *problib_bandit(const double *v, char *err, size_t cap)
{
	int k = (int)v[0], bern = (int)v[1];
	mb b = {0};
	if (mb_alloc(&b, 1, k))
		return oom(&b, "bandit", err, cap);
	rng r;
	rng_seed(&r, (uint64_t)v[2]);
	for (int a = 0; a < k; a++) {
		b.R[a] = bern ? rng_uniform(&r) : rng_normal(&r);
		b.P[a] = 1;
	}
	b.rho[0] = 1;
	char desc[96];
	snprintf(desc, sizeof desc, "-E_pi[r], %d arms, %s rewards", k,
	         bern ? "Bernoulli" : "Gaussian");
	prob *p = mb_finish(&b, "bandit", 0, 0, NULL, desc, err, cap);
	mdp_set_style(p, bern ? MDP_BERNOULLI : MDP_GAUSSIAN, 0, 0);
	return p;
}

/* A context is a state drawn from rho = uniform each round, whatever was played (gamma = 0:
 * one step an episode), so J = mean_c E_pi(.|c)[mu_c] and J* = mean_c max_a mu_ca. */
prob *problib_ctxbandit(const double *v, char *err, size_t cap)
{
	int S = (int)v[0], k = (int)v[1], bern = (int)v[2];
	mb b = {0};
	if (mb_alloc(&b, S, k))
		return oom(&b, "ctxbandit", err, cap);
	rng r;
	rng_seed(&r, (uint64_t)v[3]);
	for (int s = 0; s < S; s++) {
		b.rho[s] = 1.0 / S;
		for (int a = 0; a < k; a++) {
			size_t i = (size_t)s * k + a;
			b.R[i] = bern ? rng_uniform(&r) : rng_normal(&r);
			for (int t = 0; t < S; t++)
				b.P[i * S + t] = 1.0 / S;
		}
	}
	char desc[96];
	snprintf(desc, sizeof desc, "-E_c E_pi(.|c)[r], %d contexts, %d arms, %s rewards", S, k,
	         bern ? "Bernoulli" : "Gaussian");
	prob *p = mb_finish(&b, "ctxbandit", 0, 0, NULL, desc, err, cap);
	mdp_set_style(p, bern ? MDP_BERNOULLI : MDP_GAUSSIAN, 0, 0);
	return p;
}

prob *problib_klbandit(const double *v, char *err, size_t cap)
{
	int k = (int)v[0];
	double beta = v[1];
	mb b = {0};
	double *lref = malloc((size_t)k * sizeof *lref);
	if (!lref || mb_alloc(&b, 1, k)) {
		free(lref);
		return oom(&b, "klbandit", err, cap);
	}
	rng r;
	rng_seed(&r, (uint64_t)v[2]);
	double z = 0;
	for (int a = 0; a < k; a++) {
		b.R[a] = rng_uniform(&r);
		b.P[a] = 1;
		z += exp(lref[a] = rng_normal(&r));
	}
	for (int a = 0; a < k; a++)
		lref[a] -= log(z);
	b.rho[0] = 1;
	char desc[96];
	snprintf(desc, sizeof desc, "-(E_pi[r] - %g KL(pi | pi_ref)), %d responses", beta, k);
	prob *p = mb_finish(&b, "klbandit", 0, beta, lref, desc, err, cap);
	free(lref);
	return p;
}

prob *problib_chain(const double *v, char *err, size_t cap)
{
	int n = (int)v[0];
	double slip = v[2];
	mb b = {0};
	if (mb_alloc(&b, n, 2))
		return oom(&b, "chain", err, cap);
	for (int s = 0; s < n; s++) { /* action 0: left; 1: right */
		int l = s > 0 ? s - 1 : 0, rt = s < n - 1 ? s + 1 : n - 1;
		b.P[((size_t)s * 2 + 0) * n + l] = 1;
		b.P[((size_t)s * 2 + 1) * n + rt] += 1 - slip;
		b.P[((size_t)s * 2 + 1) * n + l] += slip;
	}
	b.R[0] = 0.1;                         /* left at the start: a small sure reward */
	b.R[((size_t)n - 1) * 2 + 1] = 1;     /* right at the far end: the large one */
	b.rho[0] = 1;
	char desc[96];
	snprintf(desc, sizeof desc, "chain of %d states: 0.1 for left at 0, 1 for right at %d", n,
	         n);
	return mb_finish(&b, "chain", v[1], 0, NULL, desc, err, cap);
}

prob *problib_cliff(const double *v, char *err, size_t cap)
{
	int R = (int)v[0], C = (int)v[1], S = R * C;
	static const int dr[4] = {-1, 0, 1, 0}, dc[4] = {0, 1, 0, -1}; /* up right down left */
	mb b = {0};
	if (mb_alloc(&b, S, 4))
		return oom(&b, "cliff", err, cap);
	int start = (R - 1) * C, goal = R * C - 1;
	for (int s = 0; s < S; s++)
		for (int a = 0; a < 4; a++) {
			size_t i = (size_t)s * 4 + a;
			if (s == goal) { /* absorbing, no reward */
				b.P[i * S + s] = 1;
				continue;
			}
			int r = s / C + dr[a], c = s % C + dc[a];
			if (r < 0 || r >= R || c < 0 || c >= C)
				r = s / C, c = s % C; /* a wall: stay */
			int t = r * C + c;
			if (r == R - 1 && c > 0 && c < C - 1) { /* the cliff: back to the start */
				b.R[i] = -100;
				t = start;
			} else {
				b.R[i] = -1;
			}
			b.P[i * S + t] = 1;
		}
	b.rho[start] = 1;
	char desc[96];
	snprintf(desc, sizeof desc, "cliff walk on a %d x %d grid: -1 a step, -100 off the cliff",
	         R, C);
	prob *p = mb_finish(&b, "cliff", v[2], 0, NULL, desc, err, cap);
	mdp_set_style(p, MDP_EXACT, R, C);
	return p;
}

prob *problib_randmdp(const double *v, char *err, size_t cap)
{
	int S = (int)v[0], A = (int)v[1];
	mb b = {0};
	if (mb_alloc(&b, S, A))
		return oom(&b, "randmdp", err, cap);
	rng r;
	rng_seed(&r, (uint64_t)v[3]);
	for (size_t i = 0; i < (size_t)S * A; i++) {
		double z = 0, *row = b.P + i * S;
		for (int t = 0; t < S; t++)
			z += row[t] = -log(1 - rng_uniform(&r)); /* a flat Dirichlet draw */
		for (int t = 0; t < S; t++)
			row[t] /= z;
		b.R[i] = rng_uniform(&r);
	}
	for (int s = 0; s < S; s++)
		b.rho[s] = 1.0 / S;
	char desc[96];
	snprintf(desc, sizeof desc, "random MDP: %d states, %d actions (seeded)", S, A);
	return mb_finish(&b, "randmdp", v[2], 0, NULL, desc, err, cap);
}

const param_def problib_lqr_params[4] = {
    {"n", 2, 1, LQR_MAX, "states", NULL, 1},
    {"m", 1, 1, LQR_MAX, "inputs", NULL, 1},
    {"rho", 0.95, 0.01, 0.999, "|A|_F: below 1, so K = 0 is stabilizing (the start)", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of A and B", NULL, 1},
};

prob *problib_lqr(const double *v, char *err, size_t cap)
{
	int n = (int)v[0], m = (int)v[1];
	size_t nn = (size_t)n * n;
	double *A = malloc(nn * sizeof *A), *B = malloc((size_t)n * m * sizeof *B);
	double *Q = calloc(nn, sizeof *Q), *R = calloc((size_t)m * m, sizeof *R);
	prob *p = NULL;
	if (!A || !B || !Q || !R) {
		snprintf(err, cap, "lqr: out of memory");
		goto out;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[3]);
	double fro = 0;
	for (size_t i = 0; i < nn; i++) {
		A[i] = rng_normal(&r);
		fro += A[i] * A[i];
	}
	for (size_t i = 0; i < nn; i++)
		A[i] *= v[2] / sqrt(fro); /* |A|_2 <= |A|_F < 1: K = 0 stabilizes */
	for (size_t i = 0; i < (size_t)n * m; i++)
		B[i] = rng_normal(&r);
	for (int i = 0; i < n; i++)
		Q[(size_t)i * n + i] = 1;
	for (int i = 0; i < m; i++)
		R[(size_t)i * m + i] = 1;
	char desc[96];
	snprintf(desc, sizeof desc, "LQR: tr(P_K), x+ = A x - B K x, Q = I, R = I (n = %d, m = %d)",
	         n, m);
	if ((p = lqr_problem("lqr", n, m, A, B, Q, R, err, cap)) && prob_set_desc(p, desc)) {
		prob_free(p);
		p = NULL;
		snprintf(err, cap, "lqr: out of memory");
	}
out:
	free(A);
	free(B);
	free(Q);
	free(R);
	return p;
}

const param_def problib_cmdp_params[5] = {
    {"states", 10, 1, MDP_MAX_STATES, "states", NULL, 1},
    {"actions", 3, 1, MDP_MAX_ACTIONS, "actions", NULL, 1},
    {"gamma", 0.9, 0, 0.999, "discount", NULL, 0},
    {"tightness", 0.5, 0.01, 0.99,
     "the budget, from the least possible cost (0) to the reward-optimal policy's (1)", NULL, 0},
    {"seed", 1, 0, 9007199254740992.0, "seed of transitions, rewards and costs", NULL, 1},
};

/* randmdp with a seeded cost C ~ U(0, 1) and a budget that binds: the reward-optimal
 * (greedy in Q*) policy costs more than it. */
prob *problib_cmdp(const double *v, char *err, size_t cap)
{
	double rv[4] = {v[0], v[1], v[2], v[4]};
	prob *p = problib_randmdp(rv, err, cap);
	if (!p)
		return NULL;
	const mdp *m = mdp_of(p);
	size_t sa = (size_t)m->S * m->A;
	double *C = malloc(sa * sizeof *C), *neg = malloc(sa * sizeof *neg);
	double *pi = calloc(sa, sizeof *pi), *V = malloc((size_t)m->S * sizeof *V);
	int rc = -1;
	if (!C || !neg || !pi || !V) {
		snprintf(err, cap, "cmdp: out of memory");
		goto out;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[4] ^ 0x9e3779b97f4a7c15u); /* apart from randmdp's draws */
	for (size_t i = 0; i < sa; i++)
		neg[i] = -(C[i] = rng_uniform(&r));
	for (int s = 0; s < m->S; s++) { /* the reward-optimal policy: greedy in Q* */
		int best = 0;
		for (int a = 1; a < m->A; a++)
			if (m->Qstar[(size_t)s * m->A + a] > m->Qstar[(size_t)s * m->A + best])
				best = a;
		pi[(size_t)s * m->A + best] = 1;
	}
	double cmin = -mdp_value_star(m, neg), chigh = mdp_evaluate_with(m, C, pi, V, NULL);
	if (!(chigh > cmin + 1e-9)) {
		snprintf(err, cap, "cmdp: the reward-optimal policy is already the cheapest: try "
		         "another seed");
		goto out;
	}
	char desc[120];
	snprintf(desc, sizeof desc, "random constrained MDP: %d states, %d actions, J_c <= %.6g",
	         m->S, m->A, cmin + v[3] * (chigh - cmin));
	rc = mdp_set_cost(p, C, cmin + v[3] * (chigh - cmin), err, cap) || prob_set_desc(p, desc);
out:
	free(C);
	free(neg);
	free(pi);
	free(V);
	if (rc) {
		prob_free(p);
		return NULL;
	}
	free(p->name);
	if (!(p->name = strdup("cmdp"))) {
		prob_free(p);
		snprintf(err, cap, "cmdp: out of memory");
		return NULL;
	}
	return p;
}
