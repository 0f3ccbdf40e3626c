/* prob: construction, copies and the known answers of a problem.
 * An expression problem's ctx may be its tape itself: prob_free frees ctx through
 * ops->free and p->tape only when it is not the same pointer. */
#include "prob.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ORDER prob_cap */
static const char *const cap_names[] = {
    "value",       "gradient",   "hessian", "prox",       "projection", "lmo",
    "constraints", "finite sum", "game",    "mirror map", "bilevel",    "transport",
    "linear system", "density", "policy", "residuals", "objectives",
};

const char *prob_cap_name(unsigned cap)
{
	for (unsigned i = 0; i < sizeof cap_names / sizeof *cap_names; i++)
		if (cap == 1u << i)
			return cap_names[i];
	return "?";
}

static char *dup_str(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);
	if (d)
		memcpy(d, s, len);
	return d;
}

static void free_names(char **names, int n)
{
	for (int i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

prob *prob_new(const char *name, int n, unsigned caps, const prob_ops *ops, void *ctx)
{
	prob *p = calloc(1, sizeof *p);
	if (!p) {
		if (ops && ops->free && ctx)
			ops->free(ctx);
		return NULL;
	}
	p->n = n;
	p->caps = caps;
	p->ops = ops;
	p->ctx = ctx;
	p->fstar = NAN;
	p->name = dup_str(name ? name : "");
	p->desc = dup_str("");
	p->x0 = n > 0 ? calloc((size_t)n, sizeof *p->x0) : NULL;
	if (!p->name || !p->desc || n < 1 || !p->x0) {
		prob_free(p);
		return NULL;
	}
	prob_set_view(p, -2, 2, -2, 2);
	return p;
}

/* n copies of names (NULL entries stay NULL), or NULL without memory. */
static char **dup_names(const char *const *names, int n)
{
	char **d = calloc((size_t)n, sizeof *d);
	for (int i = 0; d && i < n; i++)
		if (names[i] && !(d[i] = dup_str(names[i]))) {
			free_names(d, i);
			return NULL;
		}
	return d;
}

static void *clone_ctx(void *(*clone)(const void *), void *ctx, int *fail)
{
	if (!ctx || !clone)
		return ctx;
	void *c = clone(ctx);
	if (!c)
		*fail = 1;
	return c;
}

/* Optional parts whose ctx has no clone function are shared: such a ctx must not be
 * written after construction. */
static int clone_parts(prob *q, const prob *p)
{
	int fail = 0;
	if (p->g) {
		if (!(q->g = malloc(sizeof *q->g)))
			return -1;
		*q->g = *p->g;
		q->g->ctx = clone_ctx(p->g->clone, p->g->ctx, &fail);
		if (fail || (p->g->ctx && !p->g->clone))
			q->g->free = NULL; /* a shared ctx is freed by its owner only */
	}
	if (p->set) {
		if (!(q->set = malloc(sizeof *q->set)))
			return -1;
		*q->set = *p->set;
		q->set->ctx = clone_ctx(p->set->clone, p->set->ctx, &fail);
		if (fail || (p->set->ctx && !p->set->clone))
			q->set->free = NULL;
	}
	if (p->sum) {
		if (!(q->sum = malloc(sizeof *q->sum)))
			return -1;
		*q->sum = *p->sum;
		q->sum->ctx = clone_ctx(p->sum->clone, p->sum->ctx, &fail);
		if (fail || (p->sum->ctx && !p->sum->clone))
			q->sum->free = NULL;
	}
	if (p->game) {
		if (!(q->game = malloc(sizeof *q->game)))
			return -1;
		*q->game = *p->game;
	}
	if (p->density && prob_set_density(q, p->density->mean, p->density->cov))
		return -1;
	if (p->constr) {
		const prob_constr *c = p->constr;
		prob_constr *d = calloc(1, sizeof *d);
		if (!(q->constr = d))
			return -1;
		d->ineq = calloc((size_t)c->m_ineq + 1, sizeof *d->ineq);
		d->eq = calloc((size_t)c->m_eq + 1, sizeof *d->eq);
		d->ineq_src = calloc((size_t)c->m_ineq + 1, sizeof *d->ineq_src);
		d->eq_src = calloc((size_t)c->m_eq + 1, sizeof *d->eq_src);
		if (!d->ineq || !d->eq || !d->ineq_src || !d->eq_src)
			return -1;
		d->m_ineq = c->m_ineq;
		d->m_eq = c->m_eq;
		memcpy(d->eq_at, c->eq_at, sizeof d->eq_at);
		for (int i = 0; i < c->m_ineq; i++) {
			d->ineq[i] = c->ineq[i] ? expr_clone(c->ineq[i]) : NULL;
			d->ineq_src[i] =
			    c->ineq_src && c->ineq_src[i] ? dup_str(c->ineq_src[i]) : NULL;
			if ((c->ineq[i] && !d->ineq[i]))
				fail = 1;
		}
		for (int i = 0; i < c->m_eq; i++) {
			d->eq[i] = c->eq[i] ? expr_clone(c->eq[i]) : NULL;
			d->eq_src[i] = c->eq_src && c->eq_src[i] ? dup_str(c->eq_src[i]) : NULL;
			if ((c->eq[i] && !d->eq[i]))
				fail = 1;
		}
	}
	return fail ? -1 : 0;
}

prob *prob_clone(const prob *p)
{
	if (!p)
		return NULL;
	if (p->ctx && !p->ops->clone)
		return NULL; /* a mutable ctx we cannot copy: not safe for another thread */
	prob *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	*q = *p;
	q->name = q->desc = NULL;
	q->xstar = q->x0 = NULL;
	q->ctx = NULL;
	q->tape = NULL;
	q->names = NULL;
	q->g = NULL;
	q->set = NULL;
	q->constr = NULL;
	q->sum = NULL;
	q->game = NULL;
	q->density = NULL;
	q->caps &= ~(unsigned)PROB_DENSITY; /* clone_parts sets it again */
	int fail = 0;
	q->ctx = clone_ctx(p->ops->clone, p->ctx, &fail);
	if (p->tape)
		q->tape = p->tape == p->ctx ? q->ctx : expr_clone(p->tape);
	q->name = dup_str(p->name);
	q->desc = dup_str(p->desc);
	if (p->names)
		q->names = dup_names((const char *const *)p->names, p->n);
	q->x0 = malloc((size_t)p->n * sizeof *q->x0);
	if (q->x0)
		memcpy(q->x0, p->x0, (size_t)p->n * sizeof *q->x0);
	if (p->nsol > 0) {
		q->xstar = malloc((size_t)p->nsol * (size_t)p->n * sizeof *q->xstar);
		if (q->xstar)
			memcpy(q->xstar, p->xstar,
			       (size_t)p->nsol * (size_t)p->n * sizeof *q->xstar);
	}
	if (fail || !q->name || !q->desc || !q->x0 || (p->nsol > 0 && !q->xstar) ||
	    (p->tape && !q->tape) || (p->names && !q->names) || clone_parts(q, p)) {
		prob_free(q);
		return NULL;
	}
	return q;
}

static void free_constr(prob_constr *c)
{
	for (int i = 0; i < c->m_ineq; i++) {
		if (c->ineq)
			expr_free(c->ineq[i]);
		if (c->ineq_src)
			free(c->ineq_src[i]);
	}
	for (int i = 0; i < c->m_eq; i++) {
		if (c->eq)
			expr_free(c->eq[i]);
		if (c->eq_src)
			free(c->eq_src[i]);
	}
	free(c->ineq);
	free(c->eq);
	free(c->ineq_src);
	free(c->eq_src);
	free(c);
}

void prob_free(prob *p)
{
	if (!p)
		return;
	if (p->ctx && p->ops && p->ops->free)
		p->ops->free(p->ctx);
	if (p->tape && p->tape != p->ctx)
		expr_free(p->tape);
	if (p->g) {
		if (p->g->free && p->g->ctx)
			p->g->free(p->g->ctx);
		free(p->g);
	}
	if (p->set) {
		if (p->set->free && p->set->ctx)
			p->set->free(p->set->ctx);
		free(p->set);
	}
	if (p->sum) {
		if (p->sum->free && p->sum->ctx)
			p->sum->free(p->sum->ctx);
		free(p->sum);
	}
	if (p->constr)
		free_constr(p->constr);
	free(p->game);
	if (p->density) {
		free(p->density->mean);
		free(p->density->cov);
		free(p->density);
	}
	free_names(p->names, p->n);
	free(p->name);
	free(p->desc);
	free(p->xstar);
	free(p->x0);
	free(p);
}

void prob_coord_name(const prob *p, int i, char *buf, size_t cap)
{
	if (p->names && i >= 0 && i < p->n && p->names[i])
		snprintf(buf, cap, "%s", p->names[i]);
	else if (p->tape && i >= 0 && i < expr_dim(p->tape))
		expr_coord_name(p->tape, i, buf, cap);
	else
		snprintf(buf, cap, "x%d", i + 1);
}

int prob_set_coord_names(prob *p, const char *const *names)
{
	char **d = dup_names(names, p->n);
	if (!d)
		return -1;
	free_names(p->names, p->n);
	p->names = d;
	return 0;
}

void prob_set_solutions(prob *p, int nsol, const double *xstar, double fstar)
{
	p->fstar = fstar;
	free(p->xstar);
	p->xstar = NULL;
	p->nsol = 0;
	if (nsol <= 0)
		return;
	size_t len = (size_t)nsol * (size_t)p->n;
	p->xstar = malloc(len * sizeof *p->xstar);
	if (!p->xstar)
		return; /* the minimizers stay unknown: distances become NAN, nothing breaks */
	memcpy(p->xstar, xstar, len * sizeof *p->xstar);
	p->nsol = nsol;
}

double prob_dist_to_sol(const prob *p, const double *x)
{
	double best = NAN;
	for (int s = 0; s < p->nsol; s++) {
		const double *xs = p->xstar + (size_t)s * (size_t)p->n;
		double d2 = 0;
		for (int i = 0; i < p->n; i++)
			d2 += (x[i] - xs[i]) * (x[i] - xs[i]);
		if (!(d2 >= best * best))
			best = sqrt(d2);
	}
	return best;
}

void prob_set_start(prob *p, const double *x0)
{
	memcpy(p->x0, x0, (size_t)p->n * sizeof *x0);
}

void prob_set_view(prob *p, double x0, double x1, double y0, double y1)
{
	p->view[0] = x0;
	p->view[1] = x1;
	p->view[2] = y0;
	p->view[3] = y1;
}

int prob_set_desc(prob *p, const char *desc)
{
	char *d = dup_str(desc);
	if (!d)
		return -1;
	free(p->desc);
	p->desc = d;
	return 0;
}

void prob_batch_each(double (*value)(void *ctx, const double *x), void *ctx, int n, int k,
                     const double *const *cols, const int *strides, double *out)
{
	double xs[64], *x = n <= 64 ? xs : malloc((size_t)n * sizeof *x);
	if (!x) {
		for (int i = 0; i < k; i++)
			out[i] = NAN;
		return;
	}
	for (int i = 0; i < k; i++) {
		for (int j = 0; j < n; j++)
			x[j] = cols[j][(size_t)i * (size_t)(strides ? strides[j] : 1)];
		out[i] = value(ctx, x);
	}
	if (x != xs)
		free(x);
}

/* A copy of k values, or NULL for NULL; *fail set without memory. */
static double *dup_values(const double *v, size_t k, int *fail)
{
	if (!v)
		return NULL;
	double *c = malloc(k * sizeof *c);
	if (!c)
		*fail = 1;
	else
		memcpy(c, v, k * sizeof *c);
	return c;
}

int prob_set_density(prob *p, const double *mean, const double *cov)
{
	int fail = 0;
	size_t n = (size_t)p->n;
	prob_density *d = calloc(1, sizeof *d);
	if (d) {
		d->mean = dup_values(mean, n, &fail);
		d->cov = dup_values(cov, n * n, &fail);
	}
	if (!d || fail) {
		if (d) {
			free(d->mean);
			free(d->cov);
		}
		free(d);
		return -1;
	}
	if (p->density) {
		free(p->density->mean);
		free(p->density->cov);
		free(p->density);
	}
	p->density = d;
	p->caps |= PROB_DENSITY;
	return 0;
}
