/* problib_games: min-max games. Expression games (min over x, max over y) with their
 * saddle points: the bilinear x*y, a strongly convex-concave quadratic and a
 * negative-comonotone quadratic; matrix games x'Ay on the players' simplices (the
 * iterate is both mixed strategies end to end): rock-paper-scissors and a seeded
 * random payoff matrix. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game.h"
#include "problib.h"
#include "problib_int.h"
#include "rng.h"

#define MATRIX_MAX 1000 /* strategies of one player */

const param_def problib_ccquad_params[2] = {
    {"mu", 0.5, 1e-6, 1e6, "curvature: mu/2 x^2 - mu/2 y^2 (strong monotonicity)", NULL, 0},
    {"b", 1, -1e6, 1e6, "coupling b x y", NULL, 0},
};
const param_def problib_negcomon_params[2] = {
    {"a", -0.1, -1e6, 0, "curvature a/2 x^2 - a/2 y^2 (a < 0: concave in x, convex in y)", NULL,
     0},
    {"b", 1, -1e6, 1e6, "coupling b x y (F is a/(a^2+b^2)-comonotone)", NULL, 0},
};
const param_def problib_matrixgame_params[3] = {
    {"m", 3, 1, MATRIX_MAX, "strategies of the min player", NULL, 1},
    {"k", 3, 1, MATRIX_MAX, "strategies of the max player", NULL, 1},
    {"seed", 0, 0, 9007199254740992.0, "seed of the payoffs (uniform in [-1, 1])", NULL, 1},
};

static int set_game(prob *p, int nx)
{
	if (!(p->game = malloc(sizeof *p->game)))
		return -1;
	p->game->nx = nx;
	p->caps |= PROB_GAME;
	return 0;
}

/* f(x, y) from src with the saddle point at the origin. */
static prob *quad_game(const char *name, const char *src, char *err, size_t cap)
{
	static const expr_var xy[] = {{"x", 0}, {"y", 0}};
	expr_options opt = {.vars = xy, .nvars = 2};
	expr_error e;
	prob *p = prob_from_expr(name, src, &opt, &e);
	if (!p) {
		snprintf(err, cap, "%s: %s (col %d)", name, e.msg, e.col);
		return NULL;
	}
	if (set_game(p, 1)) {
		prob_free(p);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	static const double zero[2] = {0, 0};
	p->x0[0] = 1;
	p->x0[1] = 1;
	prob_set_view(p, -2, 2, -2, 2);
	prob_set_solutions(p, 1, zero, 0);
	return p;
}

prob *problib_bilinear(const double *v, char *err, size_t cap)
{
	(void)v;
	return quad_game("bilinear", "x*y", err, cap);
}

prob *problib_ccquad(const double *v, char *err, size_t cap)
{
	char src[128];
	snprintf(src, sizeof src, "%.17g/2*x^2 + %.17g*x*y - %.17g/2*y^2", v[0], v[1], v[0]);
	return quad_game("ccquad", src, err, cap);
}

prob *problib_negcomon(const double *v, char *err, size_t cap)
{
	char src[128];
	snprintf(src, sizeof src, "%.17g/2*x^2 + %.17g*x*y - %.17g/2*y^2", v[0], v[1], v[0]);
	return quad_game("negcomon", src, err, cap);
}

/* ---- matrix games: f = x'Ay, x in the m-simplex, y in the k-simplex ---- */

typedef struct mgame {
	int m, k;
	double *a; /* m x k row-major */
} mgame;

static double mg_grad(void *ctx, const double *z, double *g)
{
	const mgame *q = ctx;
	const double *x = z, *y = z + q->m;
	double f = 0;
	for (int j = 0; j < q->k; j++)
		g[q->m + j] = 0;
	for (int i = 0; i < q->m; i++) {
		const double *row = q->a + (size_t)i * (size_t)q->k;
		double s = 0;
		for (int j = 0; j < q->k; j++) {
			s += row[j] * y[j];
			g[q->m + j] += row[j] * x[i];
		}
		g[i] = s;
		f += x[i] * s;
	}
	return f;
}

static double mg_value(void *ctx, const double *z)
{
	const mgame *q = ctx;
	double f = 0;
	for (int i = 0; i < q->m; i++) {
		const double *row = q->a + (size_t)i * (size_t)q->k;
		double s = 0;
		for (int j = 0; j < q->k; j++)
			s += row[j] * z[q->m + j];
		f += z[i] * s;
	}
	return f;
}

static void mg_free(void *ctx)
{
	mgame *q = ctx;
	if (q)
		free(q->a);
	free(q);
}

static void *mg_clone(const void *ctx)
{
	const mgame *q = ctx;
	mgame *c = malloc(sizeof *c);
	size_t sz = (size_t)q->m * (size_t)q->k * sizeof *q->a;
	if (!c || !(c->a = malloc(sz))) {
		free(c);
		return NULL;
	}
	c->m = q->m;
	c->k = q->k;
	memcpy(c->a, q->a, sz);
	return c;
}

static const prob_ops mgame_ops = {
    .value = mg_value,
    .grad = mg_grad,
    .clone = mg_clone,
    .free = mg_free,
};

const double *problib_payoff(const prob *p, int *m, int *k)
{
	const mgame *q = p && p->ops == &mgame_ops ? p->ctx : NULL;
	if (!q)
		return NULL;
	*m = q->m;
	*k = q->k;
	return q->a;
}

/* The feasible set: the product of the two simplices; ctx is the split (an int). */
static void simp_project(const void *ctx, const double *x, double *out, int n)
{
	int nx = *(const int *)ctx;
	game_simplex_project(x, out, nx);
	game_simplex_project(x + nx, out + nx, n - nx);
}

static int simp_contains(const void *ctx, const double *x, int n, double tol)
{
	int nx = *(const int *)ctx;
	double s0 = 0, s1 = 0;
	for (int i = 0; i < n; i++) {
		if (x[i] < -tol)
			return 0;
		*(i < nx ? &s0 : &s1) += x[i];
	}
	return fabs(s0 - 1) <= tol && fabs(s1 - 1) <= tol;
}

static void *simp_clone(const void *ctx)
{
	int *c = malloc(sizeof *c);
	if (c)
		*c = *(const int *)ctx;
	return c;
}

int problib_game_simplices(prob *p)
{
	if (!p->game)
		return -1;
	int nx = p->game->nx, n = p->n;
	prob_set *set = calloc(1, sizeof *set);
	int *split = set ? malloc(sizeof *split) : NULL;
	if (!split) {
		free(set);
		return -1;
	}
	*split = nx;
	set->desc = "a product of two probability simplices";
	set->project = simp_project;
	set->contains = simp_contains;
	set->ctx = split;
	set->free = free;
	set->clone = simp_clone;
	if (p->set) { /* as prob_free frees it */
		if (p->set->free && p->set->ctx)
			p->set->free(p->set->ctx);
		free(p->set);
	}
	p->set = set;
	p->caps |= PROB_PROJ | PROB_MIRROR;
	for (int i = 0; i < n; i++)
		p->x0[i] = i < nx ? 1.0 / nx : 1.0 / (n - nx);
	return 0;
}

/* Takes a (m x k, malloc'd); the start is given, or uniform when NULL. */
static prob *matrix_game(const char *name, int m, int k, double *a, const double *z0,
                         char *err, size_t cap)
{
	mgame *q = malloc(sizeof *q);
	if (!q) {
		free(a);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	q->m = m;
	q->k = k;
	q->a = a;
	int n = m + k;
	prob *p = prob_new(name, n, PROB_VALUE | PROB_GRAD, &mgame_ops, q);
	if (!p || set_game(p, m) || problib_game_simplices(p)) {
		prob_free(p);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	for (int i = 0; z0 && i < n; i++)
		p->x0[i] = z0[i];
	prob_set_view(p, 0, 1, 0, 1);
	return p;
}

prob *problib_matrixgame_typed(const double *a, int m, int k, char *err, size_t cap)
{
	double *c = malloc((size_t)m * (size_t)k * sizeof *c);
	if (!c) {
		snprintf(err, cap, "matrixgame: out of memory");
		return NULL;
	}
	memcpy(c, a, (size_t)m * (size_t)k * sizeof *c);
	prob *p = matrix_game("matrixgame", m, k, c, NULL, err, cap);
	if (p && prob_set_desc(p, "x'Ay, A as typed, x, y on simplices")) {
		prob_free(p);
		snprintf(err, cap, "matrixgame: out of memory");
		return NULL;
	}
	return p;
}

prob *problib_rps(const double *v, char *err, size_t cap)
{
	(void)v;
	static const double pay[9] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
	static const double z0[6] = {0.5, 0.3, 0.2, 0.2, 0.3, 0.5};
	double *a = malloc(sizeof pay);
	if (!a) {
		snprintf(err, cap, "rps: out of memory");
		return NULL;
	}
	memcpy(a, pay, sizeof pay);
	prob *p = matrix_game("rps", 3, 3, a, z0, err, cap);
	if (!p)
		return NULL;
	double zs[6];
	for (int i = 0; i < 6; i++)
		zs[i] = 1.0 / 3;
	prob_set_solutions(p, 1, zs, 0);
	if (prob_set_desc(p, "x'Ay, A = [0 -1 1; 1 0 -1; -1 1 0], x, y in the 3-simplex")) {
		prob_free(p);
		snprintf(err, cap, "rps: out of memory");
		return NULL;
	}
	return p;
}

prob *problib_matrixgame(const double *v, char *err, size_t cap)
{
	int m = (int)v[0], k = (int)v[1];
	double *a = malloc((size_t)m * (size_t)k * sizeof *a);
	if (!a) {
		snprintf(err, cap, "matrixgame: out of memory");
		return NULL;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[2]);
	for (long i = 0; i < (long)m * k; i++)
		a[i] = 2 * rng_uniform(&r) - 1;
	prob *p = matrix_game("matrixgame", m, k, a, NULL, err, cap);
	if (p && prob_set_desc(p, "x'Ay, A uniform in [-1, 1] (seeded), x, y on simplices")) {
		prob_free(p);
		snprintf(err, cap, "matrixgame: out of memory");
		return NULL;
	}
	return p;
}

const param_def problib_preference_params[2] = {
    {"m", 3, 1, MATRIX_MAX, "responses (strategies of each player)", NULL, 1},
    {"seed", 7, 0, 9007199254740992.0,
     "seed of the preferences (7: a cyclic 3x3, most have a Condorcet winner)", NULL, 1},
};

/* Nash learning from human feedback: P_ij = sigmoid(s_ij), s antisymmetric with normal
 * entries, so P + P' = 1 (possibly intransitive). The learner pi maximizes
 * min_pi' pi'P pi': as min over x = pi', max over y = pi of y'P x = x'P'y;
 * the game is symmetric, its value 1/2. */
prob *problib_preference(const double *v, char *err, size_t cap)
{
	int m = (int)v[0];
	double *a = malloc((size_t)m * (size_t)m * sizeof *a);
	if (!a) {
		snprintf(err, cap, "preference: out of memory");
		return NULL;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[1]);
	for (int i = 0; i < m; i++) {
		a[(size_t)i * (size_t)m + (size_t)i] = 0.5;
		for (int j = i + 1; j < m; j++) {
			double pij = 1 / (1 + exp(-2 * rng_normal(&r))); /* i preferred to j */
			a[(size_t)j * (size_t)m + (size_t)i] = pij;     /* A = P' */
			a[(size_t)i * (size_t)m + (size_t)j] = 1 - pij;
		}
	}
	prob *p = matrix_game("preference", m, m, a, NULL, err, cap);
	if (p && prob_set_desc(p, "x'P'y, P_ij = sigmoid(s_ij), s antisymmetric (seeded), "
	                          "P + P' = 1; value 1/2")) {
		prob_free(p);
		snprintf(err, cap, "preference: out of memory");
		return NULL;
	}
	return p;
}
