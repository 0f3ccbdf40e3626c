/* expr_api: the public functions: compile, clone, free, layout, and the
 * dispatch between the lane interpreter (fast shapes) and the reference one. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

void expr_free_vars(expr_vinfo *v, int n)
{
	for (int k = 0; k < n; k++)
		free(v[k].name);
	free(v);
}

void expr_free_scratch(expr_tape *t)
{
	free(t->vs);
	free(t->vptr);
	free(t->seed);
	free(t->ss);
	free(t->cur);
	free(t->rs);
	free(t->xbuf);
	t->vs = t->seed = t->ss = t->xbuf = NULL;
	t->vptr = NULL;
	t->cur = NULL;
	t->rs = NULL;
}

int expr_alloc_scratch(expr_tape *t)
{
	size_t vsize = 0;
	for (int b = 0; b < t->nblocks; b++) {
		t->blocks[b].vbase = vsize;
		vsize += (size_t)t->blocks[b].nregs * (size_t)t->blocks[b].lanes;
	}
	size_t nr = (size_t)t->nregs + 1;
	t->vsize = vsize;
	t->vs = malloc((2 * vsize + 1) * sizeof *t->vs);
	t->vptr = malloc(4 * nr * sizeof *t->vptr);
	t->seed = malloc(EXPR_LANES * sizeof *t->seed);
	t->ss = calloc(4 * nr, sizeof *t->ss);
	t->cur = calloc((size_t)t->nblocks, sizeof *t->cur);
	t->rs = calloc((size_t)t->nins + 1, sizeof *t->rs);
	if (!t->vs || !t->vptr || !t->seed || !t->ss || !t->cur || !t->rs) {
		expr_free_scratch(t);
		return 0;
	}
	/* register r of block b: values at vs + vbase + r * lanes, adjoints vsize further */
	for (int b = 0; b < t->nblocks; b++) {
		const expr_block *B = &t->blocks[b];
		for (int r = 0; r < B->nregs; r++) {
			t->vptr[B->sbase + r] = t->vs + B->vbase + (size_t)r * (size_t)B->lanes;
			t->vptr[nr + (size_t)B->sbase + r] = t->vptr[B->sbase + r] + vsize;
		}
	}
	return 1;
}

void expr_free(expr_tape *t)
{
	if (!t)
		return;
	expr_free_scratch(t);
	expr_free_vars(t->vars, t->nvars);
	free(t->ins);
	free(t->blocks);
	free(t->regact);
	expr_free(t->lsq);
	expr_lsq_drop(t);
	free(t->data);
	free(t);
}

static atomic_long work_limit = EXPR_MAX_WORK;

void expr_set_work_limit(long ops)
{
	atomic_store(&work_limit, ops > 0 ? ops : EXPR_MAX_WORK);
}

long expr_work_limit(void)
{
	return atomic_load(&work_limit);
}

static const atomic_int *_Atomic stop_flag;

void expr_set_interrupt(const atomic_int *flag)
{
	atomic_store(&stop_flag, flag);
}

int expr_interrupted(void)
{
	const atomic_int *f = atomic_load(&stop_flag);
	return f && atomic_load(f);
}

expr_tape *expr_compile(const char *src, const expr_options *opt, expr_error *err)
{
	expr_arena *arena = NULL;
	expr_parse_out po;
	expr_error dummy;
	if (!err)
		err = &dummy;
	memset(err, 0, sizeof *err);
	if (!src) {
		expr_err_set(err, 1, 1, "no expression");
		return NULL;
	}
	if (expr_parse(src, opt, &arena, &po, err) < 0) {
		expr_arena_free(arena);
		return NULL;
	}
	expr_tape *t = expr_build(&po, po.root, err);
	int lsq = t ? expr_lsq_build(t, &po) : 0;
	expr_arena_free(arena);
	if (!t) {
		expr_free_vars(po.vars, po.nvars);
		return NULL;
	}
	t->vars = po.vars;
	t->nvars = po.nvars;
	t->dim = po.dim;
	if (lsq < 0 || !expr_alloc_scratch(t)) {
		expr_free(t);
		expr_err_set(err, 1, 1, "out of memory");
		return NULL;
	}
	return t;
}

expr_tape *expr_clone(const expr_tape *t)
{
	if (!t)
		return NULL;
	expr_tape *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	*c = *t;
	c->lsq = NULL;
	c->res = NULL;
	c->rscale = NULL;
	c->nres = 0;
	c->vs = c->seed = c->ss = c->xbuf = NULL;
	c->vptr = NULL;
	c->cur = NULL;
	c->rs = NULL;
	c->vars = calloc((size_t)t->nvars + 1, sizeof *c->vars);
	c->ins = malloc(((size_t)t->nins + 1) * sizeof *c->ins);
	c->blocks = malloc((size_t)t->nblocks * sizeof *c->blocks);
	c->regact = malloc((size_t)t->nregs + 1);
	c->data = malloc((t->ndata + 1) * sizeof *c->data);
	c->nvars = 0;
	if (!c->vars || !c->ins || !c->blocks || !c->regact || !c->data) {
		expr_free(c);
		return NULL;
	}
	memcpy(c->ins, t->ins, (size_t)t->nins * sizeof *c->ins);
	memcpy(c->blocks, t->blocks, (size_t)t->nblocks * sizeof *c->blocks);
	memcpy(c->regact, t->regact, (size_t)t->nregs + 1);
	if (t->ndata)
		memcpy(c->data, t->data, t->ndata * sizeof *c->data);
	for (int k = 0; k < t->nvars; k++) {
		c->vars[k] = t->vars[k];
		c->vars[k].name = malloc(strlen(t->vars[k].name) + 1);
		if (!c->vars[k].name) {
			expr_free(c);
			return NULL;
		}
		strcpy(c->vars[k].name, t->vars[k].name);
		c->nvars++;
	}
	if (!expr_alloc_scratch(c) || (t->lsq && !(c->lsq = expr_clone(t->lsq))) ||
	    expr_lsq_clone(c, t) != 0) {
		expr_free(c);
		return NULL;
	}
	return c;
}

int expr_dim(const expr_tape *t)
{
	return t->dim;
}

int expr_nvars(const expr_tape *t)
{
	return t->nvars;
}

const char *expr_var_name(const expr_tape *t, int k)
{
	return k >= 0 && k < t->nvars ? t->vars[k].name : NULL;
}

int expr_var_size(const expr_tape *t, int k)
{
	return k >= 0 && k < t->nvars ? t->vars[k].size : -1;
}

int expr_var_offset(const expr_tape *t, int k)
{
	return k >= 0 && k < t->nvars ? t->vars[k].off : -1;
}

void expr_coord_name(const expr_tape *t, int i, char *buf, size_t cap)
{
	if (!buf || !cap)
		return;
	buf[0] = 0;
	for (int k = 0; k < t->nvars; k++) {
		const expr_vinfo *v = &t->vars[k];
		int n = v->size ? v->size : 1;
		if (i >= v->off && i < v->off + n) {
			if (v->size)
				snprintf(buf, cap, "%s[%d]", v->name, i - v->off + 1);
			else
				snprintf(buf, cap, "%s", v->name);
			return;
		}
	}
}

double expr_value(expr_tape *t, const double *x)
{
	double f = t->fast ? expr_vec_value(t, x) : expr_scalar_value(t, x);
	return t->over ? NAN : f;
}

/* Where f is NaN (a reduction's run-time range out of bounds, say) its derivatives
 * are too: a reverse sweep skips the terms it cannot form and would give a number. */
static void nan_fill(double *v, int n)
{
	for (int i = 0; v && i < n; i++)
		v[i] = NAN;
}

double expr_gradient(expr_tape *t, const double *x, double *g)
{
	double f = t->fast ? expr_vec_grad(t, x, g) : expr_scalar_grad(t, x, g);
	if (t->over)
		f = NAN;
	if (isnan(f))
		nan_fill(g, t->dim);
	return f;
}

double expr_hessvec(expr_tape *t, const double *x, const double *v, double *g, double *hv)
{
	double f = expr_scalar_hessvec(t, x, v, g, hv);
	if (t->over)
		f = NAN;
	if (isnan(f)) {
		nan_fill(g, t->dim);
		nan_fill(hv, t->dim);
	}
	return f;
}

double expr_hessian(expr_tape *t, const double *x, double *h)
{
	int n = t->dim;
	double f = NAN;
	double *e = calloc((size_t)n + 1, sizeof *e);
	if (!e) {
		for (size_t k = 0; k < (size_t)n * (size_t)n; k++)
			h[k] = NAN;
		return expr_value(t, x);
	}
	/* column j of H is H e_j; H is symmetric so it is also row j */
	for (int j = 0; j < n; j++) {
		e[j] = 1;
		f = expr_hessvec(t, x, e, NULL, h + (size_t)j * (size_t)n);
		e[j] = 0;
	}
	if (n == 0)
		f = expr_value(t, x);
	free(e);
	return f;
}

void expr_value_batch(expr_tape *t, int k, const double *const *cols, const int *strides,
                      double *out)
{
	if (k <= 0)
		return;
	if (t->batch_fast) {
		expr_vec_batch(t, k, cols, strides, out);
		return;
	}
	/* reductions: one point at a time */
	if (!t->xbuf)
		t->xbuf = malloc(((size_t)t->dim + 1) * sizeof *t->xbuf);
	for (int p = 0; p < k; p++) {
		if (!t->xbuf) {
			out[p] = NAN;
			continue;
		}
		for (int j = 0; j < t->dim; j++)
			t->xbuf[j] = cols[j][(size_t)p * (size_t)(strides ? strides[j] : 1)];
		out[p] = expr_value(t, t->xbuf);
	}
}
