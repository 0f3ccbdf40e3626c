/* expr_lsq: least squares seen in the expression: residuals r_k with f = sum r_k^2 and
 * their gradients (Jacobian rows), for gaussnewton and lm. Two shapes: one reduction
 * of squares (sumsq(i = A, B, BODY), or sum(...) of a square), run a term at a time;
 * or a sum of squared terms written out, c_k (e_k)^2 with constants c_k > 0 (Rosenbrock
 * as (1 - x)^2 + 100 (y - x^2)^2, the More-Garbow-Hillstrom problems), a tape per
 * residual sqrt(c_k) e_k. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

#define EXPR_MAX_SQUARES 4096 /* written-out terms given a tape each */

expr_vinfo *expr_copy_vars(const expr_vinfo *v, int n)
{
	expr_vinfo *c = calloc((size_t)n + 1, sizeof *c);
	for (int k = 0; c && k < n; k++) {
		c[k] = v[k];
		c[k].name = malloc(strlen(v[k].name) + 1);
		if (!c[k].name) {
			expr_free_vars(c, k);
			return NULL;
		}
		strcpy(c[k].name, v[k].name);
	}
	return c;
}

/* BASE when node is BASE^2 (its SQ as sumsq writes it) or a constant c > 0 times one
 * (c * BASE^2, BASE^2 * c, BASE^2 / c): *c gets the factor. NULL otherwise. */
static const expr_node *square_of(const expr_node *n, double *c)
{
	*c = 1;
	if (n->kind == N_MUL && n->nkids == 2) {
		int k = n->kids[0]->kind == N_NUM ? 0 : n->kids[1]->kind == N_NUM ? 1 : -1;
		if (k < 0 || n->inv[1 - k])
			return NULL;
		double v = n->kids[k]->num;
		*c = n->inv[k] ? 1 / v : v;
		if (!(*c > 0) || !isfinite(*c))
			return NULL;
		n = n->kids[1 - k];
	}
	if (n->kind == N_POW && n->kids[1]->kind == N_NUM && n->kids[1]->num == 2)
		return n->kids[0];
	if (n->kind == N_CALL && n->op == OP_SQ && n->nkids == 1)
		return n->kids[0];
	return NULL;
}

/* An expression that is sumsq(i = A, B, BODY) or sum(i = A, B, (BODY)^2), constant
 * bounds: the tape of sum(i = A, B, BODY) beside t, whose reduction is then run one
 * term at a time for the residuals. 0 (t->lsq set when it applies), or -1 without
 * memory. */
static int sumsq_build(expr_tape *t, const expr_parse_out *po)
{
	const expr_node *root = po->root;
	double c;
	if (root->kind != N_RED || root->op != RED_SUM ||
	    !(root->sumsq || (square_of(root->kids[2], &c) && c == 1)))
		return 0;
	expr_node copy = *root;
	expr_node *kids[3] = {root->kids[0], root->kids[1], root->kids[2]->kids[0]};
	copy.kids = kids;
	expr_error e;
	expr_tape *r = expr_build(po, &copy, &e);
	if (!r)
		return 0; /* the objective stands without residuals */
	const expr_block *b0 = &r->blocks[0];
	int red = -1, count = 0;
	for (int k = 0; k < b0->nins; k++)
		if (r->ins[b0->ins0 + k].op == OP_RED) {
			red = b0->ins0 + k;
			count++;
		}
	if (count != 1 || r->ins[red].a >= 0 || r->ins[red].b >= 0 ||
	    r->ins[red].c2 < r->ins[red].c) {
		expr_free(r);
		return 0;
	}
	r->vars = expr_copy_vars(po->vars, po->nvars);
	r->nvars = r->vars ? po->nvars : 0;
	r->dim = po->dim;
	if (!r->vars || !expr_alloc_scratch(r)) {
		expr_free(r);
		return -1;
	}
	r->term_block = r->ins[red].aux;
	t->lsq = r;
	t->lsq_lo = (long)r->ins[red].c;
	t->lsq_hi = (long)r->ins[red].c2;
	return 0;
}

/* The squared terms of a sum, nested sums included (none subtracted), into base and
 * c; the count, or -1 when a term is not a square or there are too many. */
static int squares(const expr_node *n, const expr_node **base, double *c, int k)
{
	if (n->kind == N_ADD) {
		for (int i = 0; i < n->nkids && k >= 0; i++)
			k = n->inv[i] ? -1 : squares(n->kids[i], base, c, k);
		return k;
	}
	if (k >= EXPR_MAX_SQUARES || !(base[k] = square_of(n, &c[k])))
		return -1;
	return k + 1;
}

/* A sum of squared terms written out: a tape of each base beside t, scaled by sqrt(c).
 * 0 (t->res set when it applies), or -1 without memory. */
static int squares_build(expr_tape *t, const expr_parse_out *po)
{
	const expr_node **base = malloc(EXPR_MAX_SQUARES * sizeof *base);
	double *c = malloc(EXPR_MAX_SQUARES * sizeof *c);
	int m = base && c ? squares(po->root, base, c, 0) : -2, rc = m == -2 ? -1 : 0;
	if (m > 0) {
		t->res = calloc((size_t)m, sizeof *t->res);
		t->rscale = malloc((size_t)m * sizeof *t->rscale);
		rc = t->res && t->rscale ? 0 : -1;
		for (int k = 0; k < m && rc == 0; k++) {
			expr_error e;
			expr_tape *r = expr_build(po, base[k], &e);
			if (!r) { /* the objective stands without residuals */
				expr_lsq_drop(t);
				break;
			}
			t->res[k] = r;
			t->nres = k + 1;
			t->rscale[k] = sqrt(c[k]);
			r->vars = expr_copy_vars(po->vars, po->nvars);
			r->nvars = r->vars ? po->nvars : 0;
			r->dim = po->dim;
			if (!r->vars || !expr_alloc_scratch(r))
				rc = -1;
		}
	}
	free(base);
	free(c);
	return rc;
}

int expr_lsq_build(expr_tape *t, const expr_parse_out *po)
{
	int rc = sumsq_build(t, po);
	return rc == 0 && !t->lsq ? squares_build(t, po) : rc;
}

void expr_lsq_drop(expr_tape *t)
{
	for (long k = 0; k < t->nres; k++)
		expr_free(t->res[k]);
	free(t->res);
	free(t->rscale);
	t->res = NULL;
	t->rscale = NULL;
	t->nres = 0;
}

int expr_lsq_clone(expr_tape *c, const expr_tape *t)
{
	if (!t->nres)
		return 0;
	c->res = calloc((size_t)t->nres, sizeof *c->res);
	c->rscale = malloc((size_t)t->nres * sizeof *c->rscale);
	if (!c->res || !c->rscale)
		return -1;
	memcpy(c->rscale, t->rscale, (size_t)t->nres * sizeof *c->rscale);
	for (long k = 0; k < t->nres; k++) {
		if (!(c->res[k] = expr_clone(t->res[k])))
			return -1;
		c->nres = k + 1;
	}
	return 0;
}

long expr_lsq_terms(const expr_tape *t)
{
	return t->lsq ? t->lsq_hi - t->lsq_lo + 1 : t->nres;
}

double expr_residual(expr_tape *t, const double *x, long k, double *grad)
{
	if (t->nres) {
		if (k < 0 || k >= t->nres)
			return NAN;
		double s = t->rscale[k], v;
		v = grad ? expr_gradient(t->res[k], x, grad) : expr_value(t->res[k], x);
		for (int j = 0; grad && s != 1 && j < t->dim; j++)
			grad[j] *= s;
		return s * v;
	}
	expr_tape *r = t->lsq;
	if (!r || k < 0 || k > t->lsq_hi - t->lsq_lo)
		return NAN;
	r->term = t->lsq_lo + k;
	return grad ? expr_gradient(r, x, grad) : expr_value(r, x);
}
