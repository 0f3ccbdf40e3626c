/* nsga2: NSGA-II (Deb, Pratap, Agarwal & Meyarivan 2002), as in Deb's reference code. A
 * generation: two shuffles of the population hold binary tournaments by the crowded
 * comparison (lower rank, then larger crowding distance), each pair of winners gives two
 * children by simulated binary crossover (probability pc, index etac) and polynomial
 * mutation (probability pm per variable, 1/n by default, index etam), both bounded by the
 * problem's box (else the start +- radius); parents and children are sorted into
 * non-dominated fronts and the next population filled front by front, the last one cut
 * by crowding distance. The defaults are the paper's (pc 0.9, pm 1/n, etac = etam = 20).
 * The run's iterate is the member of the first front with the least mean objective; the
 * population is published as probes; hv is the population's hypervolume, front the size
 * of its first front. Every evaluation counts one (vector-valued) value call. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mo.h"
#include "pop.h"

/* ORDER nsga2_param */
enum { P_POP, P_PC, P_ETAC, P_PM, P_ETAM, P_RADIUS, P_COUNT };

static const param_def params[] = {
    {"pop", 100, 4, 10000, "population size (a multiple of 4)", NULL, 1},
    {"pc", 0.9, 0, 1, "crossover probability of a pair", NULL, 0},
    {"etac", 20, 0, 1000, "distribution index of simulated binary crossover", NULL, 0},
    {"pm", 0, 0, 1, "mutation probability per variable (0: 1/n)", NULL, 0},
    {"etam", 20, 0, 1000, "distribution index of polynomial mutation", NULL, 0},
    {"radius", 1, 1e-12, 1e12, "half-width of the search box about the start without a box",
     NULL, 0},
};

static const char *const extra[] = {"hv", "front", NULL};

typedef struct nsga2_state {
	multi *m;
	pop_region reg;
	int N, k, n;
	double *X, *F;      /* 2N members: the population, then the children */
	double *Xt, *Ft;    /* the next population being filled */
	double *crowd, *key;
	int *rank, *cnt, *idx, *perm;
	unsigned char *dom; /* 2N x 2N: i dominates j */
} nsga2_state;

/* Crowded comparison: the winner of a binary tournament. */
static int tour(const nsga2_state *s, int a, int b, rng *g)
{
	if (s->rank[a] != s->rank[b])
		return s->rank[a] < s->rank[b] ? a : b;
	if (s->crowd[a] != s->crowd[b])
		return s->crowd[a] > s->crowd[b] ? a : b;
	return rng_uniform(g) < 0.5 ? a : b;
}

/* SBX's spread factor for one side: beta from the distance to the bound. */
static double sbx_betaq(double beta, double eta, double u)
{
	double alpha = 2 - pow(beta, -(eta + 1));
	return u <= 1 / alpha ? pow(u * alpha, 1 / (eta + 1)) : pow(1 / (2 - u * alpha), 1 / (eta + 1));
}

static void sbx(const nsga2_state *s, const double *p1, const double *p2, double *c1, double *c2,
                double pc, double eta, rng *g)
{
	memcpy(c1, p1, (size_t)s->n * sizeof *c1);
	memcpy(c2, p2, (size_t)s->n * sizeof *c2);
	if (!(rng_uniform(g) <= pc))
		return;
	for (int j = 0; j < s->n; j++) {
		if (!(rng_uniform(g) <= 0.5) || !(fabs(p1[j] - p2[j]) > 1e-14))
			continue;
		double y1 = fmin(p1[j], p2[j]), y2 = fmax(p1[j], p2[j]);
		double yl = s->reg.lo[j], yu = s->reg.hi[j], u = rng_uniform(g);
		double b1 = sbx_betaq(1 + 2 * (y1 - yl) / (y2 - y1), eta, u);
		double b2 = sbx_betaq(1 + 2 * (yu - y2) / (y2 - y1), eta, u);
		double a = fmin(fmax(0.5 * ((y1 + y2) - b1 * (y2 - y1)), yl), yu);
		double b = fmin(fmax(0.5 * ((y1 + y2) + b2 * (y2 - y1)), yl), yu);
		int swap = rng_uniform(g) <= 0.5;
		c1[j] = swap ? b : a;
		c2[j] = swap ? a : b;
	}
}

static void mutate(const nsga2_state *s, double *x, double pm, double eta, rng *g)
{
	for (int j = 0; j < s->n; j++) {
		if (!(rng_uniform(g) <= pm))
			continue;
		double yl = s->reg.lo[j], yu = s->reg.hi[j], y = x[j], w = yu - yl;
		if (!(w > 0))
			continue;
		double d1 = (y - yl) / w, d2 = (yu - y) / w, u = rng_uniform(g), pw = 1 / (eta + 1);
		double dq = u <= 0.5 ? pow(2 * u + (1 - 2 * u) * pow(1 - d1, eta + 1), pw) - 1
		                     : 1 - pow(2 * (1 - u) + 2 * (u - 0.5) * pow(1 - d2, eta + 1), pw);
		x[j] = fmin(fmax(y + dq * w, yl), yu);
	}
}

/* Member i's objectives, counted; NaN ranks last (as +inf). */
static void evaluate(nsga2_state *s, meth_ctx *c, int i)
{
	double *x = s->X + (size_t)i * s->n, *f = s->F + (size_t)i * s->k;
	if (c->o->p->set)
		oracle_project(c->o, x, x);
	c->o->nf++;
	multi_values(s->m, x, f);
	for (int o = 0; o < s->k; o++)
		if (isnan(f[o]))
			f[o] = INFINITY;
}

/* Fronts of the first M members (Deb's fast non-dominated sort): rank[i] from 0. */
static void nd_sort(nsga2_state *s, int M)
{
	int k = s->k;
	for (int i = 0; i < M; i++)
		s->cnt[i] = 0;
	for (int i = 0; i < M; i++)
		for (int j = 0; j < M; j++) {
			int d = i != j && multi_dominates(s->F + (size_t)i * k, s->F + (size_t)j * k, k);
			s->dom[(size_t)i * M + j] = (unsigned char)d;
			s->cnt[j] += d;
		}
	int *cur = s->idx, ncur = 0;
	for (int i = 0; i < M; i++)
		if (s->cnt[i] == 0) {
			s->rank[i] = 0;
			cur[ncur++] = i;
		}
	for (int r = 0; ncur > 0; r++) { /* cur: the front of rank r, within idx */
		int *next = cur + ncur, nnext = 0;
		for (int a = 0; a < ncur; a++)
			for (int j = 0; j < M; j++)
				if (s->dom[(size_t)cur[a] * M + j] && --s->cnt[j] == 0) {
					s->rank[j] = r + 1;
					next[nnext++] = j;
				}
		cur = next;
		ncur = nnext;
	}
}

/* Crowding distances of the members in list (one front). */
static void crowding(nsga2_state *s, const int *list, int len)
{
	int k = s->k;
	for (int a = 0; a < len; a++)
		s->crowd[list[a]] = 0;
	for (int o = 0; o < k; o++) {
		for (int a = 0; a < len; a++)
			s->key[a] = s->F[(size_t)list[a] * k + o];
		pop_rank(s->key, len, s->perm);
		double lo = s->key[s->perm[0]], hi = s->key[s->perm[len - 1]];
		s->crowd[list[s->perm[0]]] = s->crowd[list[s->perm[len - 1]]] = INFINITY;
		if (!(hi > lo) || !isfinite(hi - lo))
			continue;
		for (int a = 1; a + 1 < len; a++)
			s->crowd[list[s->perm[a]]] +=
			    (s->key[s->perm[a + 1]] - s->key[s->perm[a - 1]]) / (hi - lo);
	}
}

/* Ranks and crowding of the first M members; members of each front listed by rank in
 * order (into order, M entries). */
static void rank_all(nsga2_state *s, int M, int *order)
{
	nd_sort(s, M);
	int at = 0;
	for (int r = 0; at < M; r++) {
		int start = at;
		for (int i = 0; i < M; i++)
			if (s->rank[i] == r)
				order[at++] = i;
		crowding(s, order + start, at - start);
	}
}

/* The report: the first front's member of least mean objective; hv and front size. */
static void report(nsga2_state *s, meth_ctx *c)
{
	int N = s->N, k = s->k, best = -1, front = 0;
	double bf = INFINITY;
	for (int i = 0; i < N; i++) {
		if (s->rank[i] != 0)
			continue;
		front++;
		double f = 0;
		for (int o = 0; o < k; o++)
			f += s->F[(size_t)i * k + o];
		if (best < 0 || f / k < bf) {
			bf = f / k;
			best = i;
		}
	}
	memcpy(c->x, s->X + (size_t)best * s->n, (size_t)s->n * sizeof *c->x);
	c->f = bf;
	c->g_valid = 0;
	c->extra[0] = multi_hv(s->F, N, k, s->m->ref);
	c->extra[1] = front;
	pop_publish(c, s->X, N);
}

static int nsga2_init(void *state, meth_ctx *c)
{
	nsga2_state *s = state;
	if (!(s->m = multi_of(c->o->p))) {
		snprintf(c->msg, sizeof c->msg, "nsga2 needs several objectives");
		return METH_FAILED;
	}
	int N = s->N = (int)c->param[P_POP], k = s->k = s->m->k, n = s->n = c->n;
	if (N % 4) {
		snprintf(c->msg, sizeof c->msg, "nsga2: pop = %d is not a multiple of 4", N);
		return METH_FAILED;
	}
	if (pop_region_init(&s->reg, c, c->param[P_RADIUS], 0, "nsga2") != METH_OK)
		return METH_FAILED;
	size_t M = 2 * (size_t)N;
	s->X = malloc(M * (size_t)n * sizeof *s->X);
	s->Xt = malloc((size_t)N * (size_t)n * sizeof *s->Xt);
	s->F = malloc(M * (size_t)k * sizeof *s->F);
	s->Ft = malloc((size_t)N * (size_t)k * sizeof *s->Ft);
	s->crowd = malloc(M * sizeof *s->crowd);
	s->key = malloc(M * sizeof *s->key);
	s->rank = malloc(M * sizeof *s->rank);
	s->cnt = malloc(M * sizeof *s->cnt);
	s->idx = malloc(2 * M * sizeof *s->idx);
	s->perm = malloc(M * sizeof *s->perm);
	s->dom = malloc(M * M);
	if (!s->X || !s->Xt || !s->F || !s->Ft || !s->crowd || !s->key || !s->rank || !s->cnt ||
	    !s->idx || !s->perm || !s->dom) {
		snprintf(c->msg, sizeof c->msg, "nsga2: out of memory");
		return METH_FAILED;
	}
	memcpy(s->X, c->x, (size_t)n * sizeof *c->x); /* the start is a member */
	for (int i = 1; i < N; i++)
		pop_uniform(&s->reg, c->rng, s->X + (size_t)i * n);
	for (int i = 0; i < N; i++)
		evaluate(s, c, i);
	rank_all(s, N, s->idx);
	report(s, c);
	return METH_OK;
}

static int nsga2_step(void *state, meth_ctx *c)
{
	nsga2_state *s = state;
	int N = s->N, n = s->n, k = s->k;
	double pm = c->param[P_PM] > 0 ? c->param[P_PM] : 1.0 / n;
	int *a1 = s->idx, *a2 = s->idx + N;
	for (int i = 0; i < N; i++)
		a1[i] = a2[i] = i;
	for (int i = N - 1; i > 0; i--) { /* two shuffles: each member plays two tournaments */
		int r = (int)(rng_uniform(c->rng) * (i + 1)), t = a1[i];
		a1[i] = a1[r], a1[r] = t;
		r = (int)(rng_uniform(c->rng) * (i + 1)), t = a2[i];
		a2[i] = a2[r], a2[r] = t;
	}
	int child = N;
	for (int h = 0; h < 2; h++) {
		const int *a = h ? a2 : a1;
		for (int i = 0; i < N; i += 4) {
			int p1 = tour(s, a[i], a[i + 1], c->rng), p2 = tour(s, a[i + 2], a[i + 3], c->rng);
			double *c1 = s->X + (size_t)child * n, *c2 = c1 + n;
			sbx(s, s->X + (size_t)p1 * n, s->X + (size_t)p2 * n, c1, c2, c->param[P_PC],
			    c->param[P_ETAC], c->rng);
			mutate(s, c1, pm, c->param[P_ETAM], c->rng);
			mutate(s, c2, pm, c->param[P_ETAM], c->rng);
			child += 2;
		}
	}
	for (int i = N; i < 2 * N; i++)
		evaluate(s, c, i);
	/* the next population: whole fronts, the last cut by crowding distance */
	int *order = s->idx;
	rank_all(s, 2 * N, order);
	int filled = 0;
	for (int at = 0; filled < N;) {
		int r = s->rank[order[at]], end = at;
		while (end < 2 * N && s->rank[order[end]] == r)
			end++;
		int take = end - at;
		if (filled + take > N) { /* by crowding distance, largest first */
			for (int a = 0; a < take; a++)
				s->key[a] = -s->crowd[order[at + a]];
			pop_rank(s->key, take, s->perm);
			for (int a = 0; a < take; a++)
				s->perm[a] = order[at + s->perm[a]];
			memcpy(order + at, s->perm, (size_t)take * sizeof *order);
			take = N - filled;
		}
		for (int a = 0; a < take; a++) {
			int i = order[at + a];
			memcpy(s->Xt + (size_t)(filled + a) * n, s->X + (size_t)i * n, (size_t)n * sizeof *s->X);
			memcpy(s->Ft + (size_t)(filled + a) * k, s->F + (size_t)i * k, (size_t)k * sizeof *s->F);
		}
		filled += take;
		at = end;
	}
	memcpy(s->X, s->Xt, (size_t)N * (size_t)n * sizeof *s->X);
	memcpy(s->F, s->Ft, (size_t)N * (size_t)k * sizeof *s->F);
	rank_all(s, N, s->idx); /* ranks and crowding within the new population */
	report(s, c);
	return METH_OK;
}

static void nsga2_free(void *state)
{
	nsga2_state *s = state;
	pop_region_free(&s->reg);
	free(s->X);
	free(s->Xt);
	free(s->F);
	free(s->Ft);
	free(s->crowd);
	free(s->key);
	free(s->rank);
	free(s->cnt);
	free(s->idx);
	free(s->perm);
	free(s->dom);
}

const meth meth_nsga2 = {
    .name = "nsga2",
    .family = "multiobjective",
    .summary = "NSGA-II: non-dominated sorting, crowding distance, SBX and polynomial mutation",
    .reference = "K. Deb, A. Pratap, S. Agarwal, T. Meyarivan, A fast and elitist multiobjective "
                 "genetic algorithm: NSGA-II, IEEE TEVC 6(2), 2002",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_MULTI,
    .extra = extra,
    .global = 1,
    .state_size = sizeof(nsga2_state),
    .init = nsga2_init,
    .step = nsga2_step,
    .free = nsga2_free,
};
