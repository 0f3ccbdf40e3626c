/* prox: the nonsmooth terms g and their proximal operators. Each term's ctx is a
 * small struct of parameters, copied on clone so that every problem owns its own. */
#include "prox.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_NORM1, T_NORM2, T_GROUP, T_SQNORM, T_SCAD, T_MCP };

typedef struct term {
	int kind;
	double lambda, a; /* a: SCAD's a, MCP's gamma */
	int k;            /* group size */
} term;

double prox_soft(double x, double t)
{
	return x > t ? x - t : x < -t ? x + t : 0.0;
}

/* ---- SCAD and MCP, one coordinate ---- */

double prox_scad_value(double x, double lambda, double a)
{
	double u = fabs(x);
	if (u <= lambda)
		return lambda * u;
	if (u <= a * lambda)
		return (2 * a * lambda * u - u * u - lambda * lambda) / (2 * (a - 1));
	return lambda * lambda * (a + 1) / 2;
}

double prox_mcp_value(double x, double lambda, double gamma)
{
	double u = fabs(x);
	if (u <= gamma * lambda)
		return lambda * u - u * u / (2 * gamma);
	return gamma * lambda * lambda / 2;
}

static double pen(const term *s, double u)
{
	return s->kind == T_SCAD ? prox_scad_value(u, s->lambda, s->a)
	                         : prox_mcp_value(u, s->lambda, s->a);
}

/* argmin_u t p(u) + (u - z)^2 / 2 for z >= 0 (the minimizer has u in [0, z]). The
 * penalty is a quadratic alpha u^2 + beta u + c on each piece [l, r]: the candidates
 * are every piece's ends and its clamped stationary point; the best one wins, so the
 * answer is the global minimizer even when t p is too concave for the closed form. */
static double prox_piecewise(const term *s, double z, double t)
{
	double lam = s->lambda, a = s->a;
	double ends[4], alpha[3], beta[3];
	int np;
	if (s->kind == T_SCAD) {
		ends[0] = 0, ends[1] = lam, ends[2] = a * lam, ends[3] = INFINITY;
		alpha[0] = 0, beta[0] = lam;
		alpha[1] = -1 / (2 * (a - 1)), beta[1] = a * lam / (a - 1);
		alpha[2] = 0, beta[2] = 0;
		np = 3;
	} else {
		ends[0] = 0, ends[1] = a * lam, ends[2] = INFINITY;
		alpha[0] = -1 / (2 * a), beta[0] = lam;
		alpha[1] = 0, beta[1] = 0;
		np = 2;
	}
	double best = 0, fbest = INFINITY;
	for (int i = 0; i < np; i++) {
		double l = ends[i], r = ends[i + 1], cand[3];
		int nc = 0;
		cand[nc++] = l;
		if (isfinite(r))
			cand[nc++] = r;
		double A = t * alpha[i] + 0.5, B = t * beta[i] - z;
		if (A > 0)
			cand[nc++] = fmin(fmax(-B / (2 * A), l), r);
		for (int j = 0; j < nc; j++) {
			double u = cand[j], fu = t * pen(s, u) + 0.5 * (u - z) * (u - z);
			if (fu < fbest)
				fbest = fu, best = u;
		}
	}
	return best;
}

/* ---- the term's value and prox ---- */

static double group_norm_sum(const term *s, const double *x, int n, int k)
{
	double sum = 0;
	for (int i0 = 0; i0 < n; i0 += k) {
		double q = 0;
		for (int i = i0; i < n && i < i0 + k; i++)
			q += x[i] * x[i];
		sum += sqrt(q);
	}
	return s->lambda * sum;
}

static double term_value(const void *ctx, const double *x, int n)
{
	const term *s = ctx;
	double v = 0;
	switch (s->kind) {
	case T_NORM1:
		for (int i = 0; i < n; i++)
			v += fabs(x[i]);
		return s->lambda * v;
	case T_NORM2:
		return group_norm_sum(s, x, n, n);
	case T_GROUP:
		return group_norm_sum(s, x, n, s->k);
	case T_SQNORM:
		for (int i = 0; i < n; i++)
			v += x[i] * x[i];
		return 0.5 * s->lambda * v;
	default:
		for (int i = 0; i < n; i++)
			v += pen(s, x[i]);
		return v;
	}
}

/* Block soft-thresholding: each group shrinks toward 0 by t lambda in norm. */
static void group_prox(const term *s, const double *x, double t, double *out, int n, int k)
{
	for (int i0 = 0; i0 < n; i0 += k) {
		int i1 = i0 + k < n ? i0 + k : n;
		double q = 0;
		for (int i = i0; i < i1; i++)
			q += x[i] * x[i];
		q = sqrt(q);
		double scale = q > t * s->lambda ? 1 - t * s->lambda / q : 0;
		for (int i = i0; i < i1; i++)
			out[i] = scale * x[i];
	}
}

static void term_prox(const void *ctx, const double *x, double t, double *out, int n)
{
	const term *s = ctx;
	switch (s->kind) {
	case T_NORM1:
		for (int i = 0; i < n; i++)
			out[i] = prox_soft(x[i], t * s->lambda);
		return;
	case T_NORM2:
		group_prox(s, x, t, out, n, n);
		return;
	case T_GROUP:
		group_prox(s, x, t, out, n, s->k);
		return;
	case T_SQNORM:
		for (int i = 0; i < n; i++)
			out[i] = x[i] / (1 + t * s->lambda);
		return;
	default:
		for (int i = 0; i < n; i++) {
			double u = prox_piecewise(s, fabs(x[i]), t);
			out[i] = x[i] < 0 ? -u : u;
		}
	}
}

static void *term_clone(const void *ctx)
{
	term *c = malloc(sizeof *c);
	if (c)
		memcpy(c, ctx, sizeof *c);
	return c;
}

static prob_reg *term_new(int kind, const char *desc, double lambda, double a, int k)
{
	if (!(lambda > 0) || !isfinite(lambda))
		return NULL;
	prob_reg *g = calloc(1, sizeof *g);
	term *s = malloc(sizeof *s);
	if (!g || !s) {
		free(g);
		free(s);
		return NULL;
	}
	*s = (term){kind, lambda, a, k};
	g->desc = desc;
	g->value = term_value;
	g->prox = term_prox;
	g->ctx = s;
	g->free = free;
	g->clone = term_clone;
	return g;
}

prob_reg *prox_norm1(double lambda)
{
	return term_new(T_NORM1, "norm1", lambda, 0, 0);
}

prob_reg *prox_norm2(double lambda)
{
	return term_new(T_NORM2, "norm2", lambda, 0, 0);
}

prob_reg *prox_group(double lambda, int k)
{
	return k >= 1 ? term_new(T_GROUP, "group", lambda, 0, k) : NULL;
}

prob_reg *prox_sqnorm(double lambda)
{
	return term_new(T_SQNORM, "sqnorm", lambda, 0, 0);
}

prob_reg *prox_scad(double lambda, double a)
{
	return a > 2 && isfinite(a) ? term_new(T_SCAD, "scad", lambda, a, 0) : NULL;
}

prob_reg *prox_mcp(double lambda, double gamma)
{
	return gamma > 1 && isfinite(gamma) ? term_new(T_MCP, "mcp", lambda, gamma, 0) : NULL;
}

prob_reg *prox_term_new(const char *name, double lambda, double arg, char *err, size_t cap)
{
	static const char *const names[] = {"norm1", "norm2", "sqnorm", "group", "scad", "mcp"};
	int kind = -1;
	for (int i = 0; i < 6; i++)
		if (strcmp(name, names[i]) == 0)
			kind = i;
	const char *why = NULL;
	if (kind < 0)
		why = "unknown term (norm1, norm2, sqnorm, group(K), scad(A), mcp(G))";
	else if (!(lambda > 0) || !isfinite(lambda))
		why = "the weight must be > 0";
	else if (kind == 3 && !(arg >= 1 && arg == floor(arg) && arg < 1e9))
		why = "group(K) needs a whole group size K >= 1";
	else if (kind >= 4 && !isnan(arg) && !isfinite(arg))
		why = "its parameter must be finite";
	else if (kind == 4 && !isnan(arg) && !(arg > 2))
		why = "scad(A) needs A > 2";
	else if (kind == 5 && !isnan(arg) && !(arg > 1))
		why = "mcp(G) needs G > 1";
	else if (kind < 3 && !isnan(arg))
		why = "this term takes no parameter";
	if (why) {
		snprintf(err, cap, "%s", why);
		return NULL;
	}
	prob_reg *g = kind == 0   ? prox_norm1(lambda)
	              : kind == 1 ? prox_norm2(lambda)
	              : kind == 2 ? prox_sqnorm(lambda)
	              : kind == 3 ? prox_group(lambda, (int)arg)
	              : kind == 4 ? prox_scad(lambda, isnan(arg) ? 3.7 : arg)
	                          : prox_mcp(lambda, isnan(arg) ? 3 : arg);
	if (!g) /* the parameters were checked above */
		snprintf(err, cap, "out of memory");
	return g;
}

void prox_reg_free(prob_reg *g)
{
	if (!g)
		return;
	if (g->free && g->ctx)
		g->free(g->ctx);
	free(g);
}

void prox_attach_reg(prob *p, prob_reg *g)
{
	prox_reg_free(p->g);
	p->g = g;
	if (g)
		p->caps |= PROB_PROX;
	else
		p->caps &= ~(unsigned)PROB_PROX;
}
