/* mdp: tabular MDPs and bandits behind the problem interface (mdp.h). */
#include "mdp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

void mdp_policy(const mdp *m, const double *theta, double *pi)
{
	for (int s = 0; s < m->S; s++) {
		const double *t = theta + (size_t)s * m->A;
		double *p = pi + (size_t)s * m->A, mx = -INFINITY, z = 0;
		for (int a = 0; a < m->A; a++)
			mx = fmax(mx, t[a]);
		for (int a = 0; a < m->A; a++)
			z += p[a] = exp(t[a] - mx);
		for (int a = 0; a < m->A; a++)
			p[a] /= z;
	}
}

/* The reward of (s, a) under pi: R, less beta log(pi / pi_ref) when regularized. */
static double reward_of(const mdp *m, const double *R, const double *pi, int s, int a)
{
	double r = R[(size_t)s * m->A + a];
	if (m->beta > 0 && R == m->R) {
		double p = pi[(size_t)s * m->A + a];
		r -= p > 0 ? m->beta * (log(p) - m->logref[a]) : 0;
	}
	return r;
}

/* Solves (I - gamma P_pi') x = b when transpose, else (I - gamma P_pi) x = b, in b. */
static int solve_pi(const mdp *m, const double *pi, double *b, int transpose)
{
	int S = m->S;
	double *M = malloc((size_t)S * (size_t)S * sizeof *M);
	if (!M)
		return -1;
	for (int s = 0; s < S; s++)
		for (int t = 0; t < S; t++) {
			double pst = 0; /* Pr(t | s) under pi */
			for (int a = 0; a < m->A; a++)
				pst += pi[(size_t)s * m->A + a] * m->P[((size_t)s * m->A + a) * S + t];
			double v = (s == t) - m->gamma * pst;
			if (transpose)
				M[(size_t)t * S + s] = v;
			else
				M[(size_t)s * S + t] = v;
		}
	int rc = dense_solve(M, S, b);
	free(M);
	return rc;
}

double mdp_evaluate(const mdp *m, const double *pi, double *V, double *Q)
{
	return mdp_evaluate_with(m, m->R, pi, V, Q);
}

double mdp_evaluate_with(const mdp *m, const double *R, const double *pi, double *V,
                         double *Q)
{
	int S = m->S, A = m->A;
	for (int s = 0; s < S; s++) {
		V[s] = 0;
		for (int a = 0; a < A; a++)
			V[s] += pi[(size_t)s * A + a] * reward_of(m, R, pi, s, a);
	}
	if (solve_pi(m, pi, V, 0))
		return NAN;
	if (Q)
		for (int s = 0; s < S; s++)
			for (int a = 0; a < A; a++) {
				const double *pt = m->P + ((size_t)s * A + a) * S;
				double q = reward_of(m, R, pi, s, a);
				for (int t = 0; t < S; t++)
					q += m->gamma * pt[t] * V[t];
				Q[(size_t)s * A + a] = q;
			}
	double J = 0;
	for (int s = 0; s < S; s++)
		J += m->rho[s] * V[s];
	return J;
}

int mdp_occupancy(const mdp *m, const double *pi, double *d)
{
	for (int s = 0; s < m->S; s++)
		d[s] = (1 - m->gamma) * m->rho[s];
	return solve_pi(m, pi, d, 1);
}

/* -J and, where g is given, -dJ/dtheta. */
static double mdp_eval_grad(const mdp *m, const double *theta, double *g)
{
	int S = m->S, A = m->A;
	size_t sa = (size_t)S * A;
	double *buf = malloc((2 * sa + 2 * (size_t)S) * sizeof *buf);
	if (!buf) {
		if (g)
			for (size_t i = 0; i < sa; i++)
				g[i] = NAN;
		return NAN;
	}
	double *pi = buf, *Q = buf + sa, *V = Q + sa, *d = V + S;
	mdp_policy(m, theta, pi);
	double J = mdp_evaluate(m, pi, V, Q);
	if (g) {
		if (mdp_occupancy(m, pi, d))
			J = NAN;
		for (int s = 0; s < S; s++)
			for (int a = 0; a < A; a++) {
				size_t i = (size_t)s * A + a;
				g[i] = -d[s] * pi[i] * (Q[i] - V[s]) / (1 - m->gamma);
			}
	}
	free(buf);
	return -J;
}

static double op_value(void *ctx, const double *x)
{
	return mdp_eval_grad(ctx, x, NULL);
}

static double op_grad(void *ctx, const double *x, double *g)
{
	return mdp_eval_grad(ctx, x, g);
}

static void op_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	const mdp *m = ctx;
	prob_batch_each(op_value, ctx, m->S * m->A, k, cols, strides, out);
}

static void op_free(void *ctx)
{
	mdp *m = ctx;
	if (!m)
		return;
	free(m->P);
	free(m->R);
	free(m->rho);
	free(m->logref);
	free(m->Vstar);
	free(m->Qstar);
	free(m->C);
	free(m);
}

static mdp *copy(int S, int A, double gamma, const double *P, const double *R,
                 const double *rho, double beta, const double *logref)
{
	mdp *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	size_t sa = (size_t)S * A;
	*m = (mdp){.S = S, .A = A, .gamma = gamma, .beta = beta};
	m->P = malloc(sa * S * sizeof *m->P);
	m->R = malloc(sa * sizeof *m->R);
	m->rho = malloc((size_t)S * sizeof *m->rho);
	m->logref = calloc((size_t)A, sizeof *m->logref);
	m->Vstar = calloc((size_t)S, sizeof *m->Vstar);
	m->Qstar = calloc(sa, sizeof *m->Qstar);
	if (!m->P || !m->R || !m->rho || !m->logref || !m->Vstar || !m->Qstar) {
		op_free(m);
		return NULL;
	}
	memcpy(m->P, P, sa * S * sizeof *P);
	memcpy(m->R, R, sa * sizeof *R);
	memcpy(m->rho, rho, (size_t)S * sizeof *rho);
	if (logref)
		memcpy(m->logref, logref, (size_t)A * sizeof *logref);
	return m;
}

static void *op_clone(const void *ctx)
{
	const mdp *m = ctx;
	mdp *c = copy(m->S, m->A, m->gamma, m->P, m->R, m->rho, m->beta, m->logref);
	if (c) {
		memcpy(c->Vstar, m->Vstar, (size_t)m->S * sizeof *c->Vstar);
		memcpy(c->Qstar, m->Qstar, (size_t)m->S * m->A * sizeof *c->Qstar);
		c->Jstar = m->Jstar;
		c->rows = m->rows;
		c->cols = m->cols;
		c->noise = m->noise;
		c->budget = m->budget;
		c->lamstar = m->lamstar;
		c->lammax = m->lammax;
		if (m->C && (c->C = malloc((size_t)m->S * m->A * sizeof *c->C)))
			memcpy(c->C, m->C, (size_t)m->S * m->A * sizeof *c->C);
		else if (m->C) {
			op_free(c);
			return NULL;
		}
	}
	return c;
}

static const prob_ops mdp_ops = {
    .value = op_value,
    .grad = op_grad,
    .batch = op_batch,
    .clone = op_clone,
    .free = op_free,
};

/* V* and Q* of the rewards R by value iteration, to a change of 1e-14 (gamma < 1: a
 * contraction), into V and Q (Q may be NULL). */
static void value_iteration_with(const mdp *m, const double *R, double *V, double *Q)
{
	int S = m->S, A = m->A;
	for (int it = 0; it < 1000000; it++) {
		double change = 0;
		for (int s = 0; s < S; s++) {
			double best = -INFINITY;
			for (int a = 0; a < A; a++) {
				const double *pt = m->P + ((size_t)s * A + a) * S;
				double q = R[(size_t)s * A + a];
				for (int t = 0; t < S; t++)
					q += m->gamma * pt[t] * V[t];
				if (Q)
					Q[(size_t)s * A + a] = q;
				best = fmax(best, q);
			}
			change = fmax(change, fabs(best - V[s]));
			V[s] = best;
		}
		if (change <= 1e-14 * (1 + fabs(V[0])))
			break;
	}
}

static void value_iteration(mdp *m)
{
	value_iteration_with(m, m->R, m->Vstar, m->Qstar);
}

prob *mdp_problem(const char *name, int S, int A, double gamma, const double *P,
                  const double *R, const double *rho, double beta, const double *logref,
                  char *err, size_t cap)
{
	if (S < 1 || S > MDP_MAX_STATES || A < 1 || A > MDP_MAX_ACTIONS || !(gamma >= 0) ||
	    !(gamma < 1) || (beta > 0 && (S != 1 || gamma != 0 || !logref))) {
		snprintf(err, cap, "%s: an MDP needs 1..%d states, 1..%d actions, 0 <= gamma < 1 "
		         "(a KL weight only on a bandit)", name, MDP_MAX_STATES, MDP_MAX_ACTIONS);
		return NULL;
	}
	mdp *m = copy(S, A, gamma, P, R, rho, beta, logref);
	if (!m) {
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	double *theta = NULL;
	if (beta > 0) { /* pi* = softmax(log pi_ref + r / beta), J* = beta log E_ref exp(r/beta) */
		theta = malloc((size_t)A * sizeof *theta);
		if (!theta) {
			op_free(m);
			snprintf(err, cap, "%s: out of memory", name);
			return NULL;
		}
		double mean = 0, mx = -INFINITY, z = 0;
		for (int a = 0; a < A; a++)
			mean += (theta[a] = logref[a] + R[a] / beta) / A;
		for (int a = 0; a < A; a++)
			mx = fmax(mx, theta[a] -= mean);
		for (int a = 0; a < A; a++)
			z += exp(theta[a] - mx);
		m->Jstar = beta * (mx + log(z) + mean);
		m->Vstar[0] = m->Jstar;
	} else {
		value_iteration(m);
		for (int s = 0; s < S; s++)
			m->Jstar += rho[s] * m->Vstar[s];
	}
	double Jstar = m->Jstar;
	prob *p = prob_new(name, S * A, PROB_VALUE | PROB_GRAD | PROB_POLICY, &mdp_ops, m);
	if (!p) {
		free(theta);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	if (theta)
		prob_set_solutions(p, 1, theta, -Jstar);
	else
		p->fstar = -Jstar;
	free(theta);
	return p;
}

const mdp *mdp_of(const prob *p)
{
	return p && p->ops == &mdp_ops ? p->ctx : NULL;
}

void mdp_set_style(prob *p, int noise, int rows, int cols)
{
	if (p && p->ops == &mdp_ops) {
		mdp *m = p->ctx;
		m->noise = noise;
		m->rows = rows;
		m->cols = cols;
	}
}

/* The dual function V*_{r - lambda c}(rho) + lambda budget (R: scratch, S A; V: S). */
static double dual(const mdp *m, double lambda, double *R, double *V)
{
	for (size_t i = 0; i < (size_t)m->S * m->A; i++)
		R[i] = m->R[i] - lambda * m->C[i];
	memset(V, 0, (size_t)m->S * sizeof *V);
	value_iteration_with(m, R, V, NULL);
	double d = lambda * m->budget;
	for (int s = 0; s < m->S; s++)
		d += m->rho[s] * V[s];
	return d;
}

int mdp_set_cost(prob *p, const double *C, double budget, char *err, size_t cap)
{
	if (!p || p->ops != &mdp_ops || ((mdp *)p->ctx)->beta > 0) {
		snprintf(err, cap, "a cost needs an MDP without a KL term");
		return -1;
	}
	mdp *m = p->ctx;
	size_t sa = (size_t)m->S * m->A;
	double *c = malloc(sa * sizeof *c), *R = calloc(sa, sizeof *R);
	double *V = malloc((size_t)m->S * sizeof *V);
	if (!c || !R || !V) {
		free(c), free(R), free(V);
		snprintf(err, cap, "%s: out of memory", p->name);
		return -1;
	}
	memcpy(c, C, sa * sizeof *c);
	free(m->C);
	m->C = c;
	m->budget = budget;
	/* the least cost any policy can have: V* of -c */
	for (size_t i = 0; i < sa; i++)
		R[i] = -c[i];
	memset(V, 0, (size_t)m->S * sizeof *V);
	value_iteration_with(m, R, V, NULL);
	double cmin = 0, rmax = 0;
	for (int s = 0; s < m->S; s++)
		cmin -= m->rho[s] * V[s];
	for (size_t i = 0; i < sa; i++)
		rmax = fmax(rmax, fabs(m->R[i]));
	if (!(budget > cmin)) {
		free(R), free(V);
		snprintf(err, cap, "%s: budget %g is not above the least cost %g (no strictly "
		         "feasible policy)", p->name, budget, cmin);
		return -1;
	}
	/* lambda* <= (J*_r - J_r(any feasible)) / slack <= 2 rmax / ((1 - gamma) slack) */
	double lo = 0, hi = 2 * rmax / ((1 - m->gamma) * (budget - cmin)) + 1;
	m->lammax = 2 * hi;
	for (int it = 0; it < 200 && hi - lo > 1e-13 * (1 + hi); it++) { /* golden section */
		double a = hi - 0.6180339887498949 * (hi - lo), b = lo + 0.6180339887498949 * (hi - lo);
		if (dual(m, a, R, V) <= dual(m, b, R, V))
			hi = b;
		else
			lo = a;
	}
	m->lamstar = 0.5 * (lo + hi);
	m->Jstar = dual(m, m->lamstar, R, V);
	p->fstar = -m->Jstar;
	prob_set_solutions(p, 0, NULL, -m->Jstar);
	free(R), free(V);
	return 0;
}

double mdp_value_star(const mdp *m, const double *R)
{
	double *V = calloc((size_t)m->S, sizeof *V), v = 0;
	if (!V)
		return NAN;
	value_iteration_with(m, R, V, NULL);
	for (int s = 0; s < m->S; s++)
		v += m->rho[s] * V[s];
	free(V);
	return v;
}
