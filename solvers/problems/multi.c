/* multi: k objective tapes behind the problem interface (multi.h). The problem's own
 * oracle is the mean of the objectives, a tape of its own; the objectives are evaluated
 * one tape each. */
#include "multi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mu_free(void *ctx)
{
	multi *m = ctx;
	if (!m)
		return;
	expr_free(m->mean);
	for (int i = 0; i < m->k; i++) {
		if (m->obj)
			expr_free(m->obj[i]);
		if (m->src)
			free(m->src[i]);
	}
	free(m->obj);
	free(m->src);
	free(m->front);
	free(m->scratch);
	free(m);
}

static double mu_value(void *ctx, const double *x)
{
	return expr_value(((multi *)ctx)->mean, x);
}

static double mu_grad(void *ctx, const double *x, double *g)
{
	return expr_gradient(((multi *)ctx)->mean, x, g);
}

static double mu_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	return expr_hessvec(((multi *)ctx)->mean, x, v, NULL, hv);
}

static double mu_hess(void *ctx, const double *x, double *h)
{
	return expr_hessian(((multi *)ctx)->mean, x, h);
}

static double mu_dirderiv(void *ctx, const double *x, const double *v, double *df)
{
	return expr_dirderiv(((multi *)ctx)->mean, x, v, df);
}

static void mu_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	expr_value_batch(((multi *)ctx)->mean, k, cols, strides, out);
}

/* An empty shell for k objectives in n variables; NULL without memory. */
static multi *mu_shell(int k, int n)
{
	multi *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->k = k;
	m->n = n;
	m->hvstar = NAN;
	for (int i = 0; i < MULTI_MAX; i++)
		m->ref[i] = m->ideal[i] = NAN;
	m->obj = calloc((size_t)k, sizeof *m->obj);
	m->src = calloc((size_t)k, sizeof *m->src);
	m->scratch = malloc((size_t)n * sizeof *m->scratch);
	if (!m->obj || !m->src || !m->scratch) {
		mu_free(m);
		return NULL;
	}
	return m;
}

static void *mu_clone(const void *ctx)
{
	const multi *m = ctx;
	multi *c = mu_shell(m->k, m->n);
	if (!c)
		return NULL;
	memcpy(c->ref, m->ref, sizeof c->ref);
	memcpy(c->ideal, m->ideal, sizeof c->ideal);
	c->hvstar = m->hvstar;
	int fail = !(c->mean = expr_clone(m->mean));
	for (int i = 0; i < m->k; i++)
		fail |= !(c->obj[i] = expr_clone(m->obj[i])) || !(c->src[i] = strdup(m->src[i]));
	if (m->front && !fail) {
		size_t sz = (size_t)m->nfront * (size_t)m->k * sizeof *c->front;
		if ((c->front = malloc(sz))) {
			memcpy(c->front, m->front, sz);
			c->nfront = m->nfront;
		} else {
			fail = 1;
		}
	}
	if (fail) {
		mu_free(c);
		return NULL;
	}
	return c;
}

static const prob_ops multi_ops = {
    .value = mu_value,
    .grad = mu_grad,
    .hessvec = mu_hessvec,
    .hess = mu_hess,
    .dirderiv = mu_dirderiv,
    .batch = mu_batch,
    .clone = mu_clone,
    .free = mu_free,
};

multi *multi_of(const prob *p)
{
	return p && p->ops == &multi_ops ? p->ctx : NULL;
}

void multi_values(multi *m, const double *x, double *fv)
{
	for (int i = 0; i < m->k; i++)
		fv[i] = expr_value(m->obj[i], x);
}

void multi_grads(multi *m, const double *x, double *fv, double *G)
{
	for (int i = 0; i < m->k; i++)
		fv[i] = expr_gradient(m->obj[i], x, G + (size_t)i * (size_t)m->n);
}

int multi_set_front(prob *p, const double *ref, const double *ideal, const double *front,
                    int nfront, double hvstar)
{
	multi *m = multi_of(p);
	if (!m)
		return -1;
	if (ref)
		memcpy(m->ref, ref, (size_t)m->k * sizeof *ref);
	if (ideal)
		memcpy(m->ideal, ideal, (size_t)m->k * sizeof *ideal);
	if (front && nfront > 0) {
		size_t sz = (size_t)nfront * (size_t)m->k * sizeof *front;
		double *f = malloc(sz);
		if (!f)
			return -1;
		memcpy(f, front, sz);
		free(m->front);
		m->front = f;
		m->nfront = nfront;
	}
	m->hvstar = hvstar;
	return 0;
}

/* The variables the formulas share: names owned, in order of first appearance. */
typedef struct mu_vars {
	expr_var *v;
	char **own;
	int n, cap;
} mu_vars;

static void mu_vars_free(mu_vars *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->own[i]);
	free(l->own);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Appends name (scalar, or indexed of size) unless it is there. 0, or -1 without memory. */
static int mu_vars_add(mu_vars *l, const char *name, int size)
{
	for (int u = 0; u < l->n; u++)
		if (strcmp(l->v[u].name, name) == 0)
			return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 8;
		expr_var *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (v)
			l->v = v;
		char **own = realloc(l->own, (size_t)cap * sizeof *own);
		if (own)
			l->own = own;
		if (!v || !own)
			return -1;
		l->cap = cap;
	}
	if (!(l->own[l->n] = strdup(name)))
		return -1;
	l->v[l->n].name = l->own[l->n];
	l->v[l->n].size = size;
	l->n++;
	return 0;
}

/* The free names of the k formulas, merged in order of first appearance. 0, or -1 with
 * err and *which filled (the list is then freed). */
static int mu_vars_scan(mu_vars *l, const char *const *srcs, int k, const expr_options *opt,
                        expr_error *err, int *which)
{
	for (int i = 0; i < k; i++) {
		expr_tape *t = expr_compile(srcs[i], opt, err);
		if (!t) {
			*which = i;
			mu_vars_free(l);
			return -1;
		}
		int fail = 0;
		for (int v = 0; v < expr_nvars(t) && !fail; v++)
			fail = mu_vars_add(l, expr_var_name(t, v), expr_var_size(t, v));
		expr_free(t);
		if (fail) {
			snprintf(err->msg, sizeof err->msg, "out of memory");
			mu_vars_free(l);
			return -1;
		}
	}
	return 0;
}

/* "((f1) + (f2)) / k" as one formula; NULL without memory. */
static char *mu_mean_src(const char *const *srcs, int k)
{
	size_t len = 32;
	for (int i = 0; i < k; i++)
		len += strlen(srcs[i]) + 6;
	char *s = malloc(len), *p = s;
	if (!s)
		return NULL;
	p += sprintf(p, "(");
	for (int i = 0; i < k; i++)
		p += sprintf(p, "%s(%s)", i ? " + " : "", srcs[i]);
	sprintf(p, ") / %d", k);
	return s;
}

prob *multi_problem(const char *name, const char *const *srcs, int k, const expr_options *opt,
                    expr_error *err, int *which)
{
	*which = -1;
	err->line = err->col = 1;
	if (k < 2 || k > MULTI_MAX) {
		snprintf(err->msg, sizeof err->msg, "objectives takes 2 to %d formulas, not %d",
		         MULTI_MAX, k);
		return NULL;
	}
	expr_options o = opt ? *opt : (expr_options){0};
	mu_vars vars = {0};
	multi *m = NULL;
	prob *p = NULL;
	char *mean = NULL;
	expr_tape *first = NULL;
	if (!o.vars) { /* free names: merged over the formulas, in order */
		if (mu_vars_scan(&vars, srcs, k, &o, err, which) != 0)
			return NULL;
		o.vars = vars.v;
		o.nvars = vars.n;
	}
	mean = mu_mean_src(srcs, k);
	for (int i = 0; i < k; i++) {
		expr_tape *t = expr_compile(srcs[i], &o, err);
		if (!t) {
			*which = i;
			goto fail;
		}
		if (!m) {
			first = t;
			if (expr_dim(t) < 1) {
				snprintf(err->msg, sizeof err->msg,
				         "the objectives have no variables to minimize over");
				goto fail;
			}
			if (!(m = mu_shell(k, expr_dim(t))))
				goto oom;
			first = NULL;
		}
		m->obj[i] = t;
		if (!(m->src[i] = strdup(srcs[i])))
			goto oom;
	}
	if (!mean)
		goto oom;
	if (!(m->mean = expr_compile(mean, &o, err)))
		goto fail;
	p = prob_new(name, m->n, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_MULTI, &multi_ops, m);
	m = NULL; /* the problem's now, freed with it */
	if (!p || !(p->tape = expr_clone(((multi *)p->ctx)->mean)) || prob_set_desc(p, mean))
		goto oom;
	free(mean);
	mu_vars_free(&vars);
	return p;
oom:
	err->line = err->col = 1;
	snprintf(err->msg, sizeof err->msg, "out of memory");
fail:
	expr_free(first);
	mu_free(m);
	prob_free(p);
	free(mean);
	mu_vars_free(&vars);
	return NULL;
}
