/* constr: constraints from expressions. The relation is found at parenthesis depth 0;
 * each side is compiled alone first, so that an error's column points into src. */
#include "constr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REL_LE, REL_GE, REL_EQ };

_Static_assert(sizeof(((prob_constr *)0)->eq_at) == 2 * CONSTR_MAX, "eq_at holds every constraint");

/* The relation's offset and length in src, or -1. */
static int find_rel(const char *src, int *rel, int *len)
{
	int depth = 0, at = -1;
	for (int i = 0; src[i]; i++) {
		char ch = src[i];
		if (ch == '(' || ch == '[')
			depth++;
		else if (ch == ')' || ch == ']')
			depth--;
		else if (depth == 0 && (ch == '<' || ch == '>' || ch == '=')) {
			if (at >= 0)
				return -2; /* two relations */
			at = i;
			*rel = ch == '<' ? REL_LE : ch == '>' ? REL_GE : REL_EQ;
			*len = src[i + 1] == '=' ? 2 : 1; /* <=, >=, == */
			i += *len - 1;
		}
	}
	return at;
}

static expr_tape *compile_side(const char *text, const expr_options *opt, int col0,
                               expr_error *err)
{
	expr_tape *t = expr_compile(text, opt, err);
	if (!t && err->line == 1)
		err->col += col0;
	return t;
}

static int grow(prob_constr *c, int eq)
{
	expr_tape ***tp = eq ? &c->eq : &c->ineq;
	char ***sp = eq ? &c->eq_src : &c->ineq_src;
	int m = (eq ? c->m_eq : c->m_ineq) + 1;
	expr_tape **t = realloc(*tp, (size_t)m * sizeof *t);
	if (t)
		*tp = t;
	char **s = realloc(*sp, (size_t)m * sizeof *s);
	if (s)
		*sp = s;
	return t && s ? 0 : -1;
}

expr_tape *constr_compile(const char *src, const expr_options *opt, int *eq, expr_error *err)
{
	err->line = err->col = 1;
	int rel = 0, len = 0, at = find_rel(src, &rel, &len);
	if (at < 0) {
		snprintf(err->msg, sizeof err->msg,
		         at == -2 ? "one relation per constraint (<=, >= or =)"
		                  : "expected a constraint: LHS <= RHS, LHS >= RHS or LHS = RHS");
		return NULL;
	}
	size_t slen = strlen(src);
	char *buf = malloc(2 * slen + 8);
	if (!buf) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return NULL;
	}
	expr_tape *t = NULL;
	/* each side alone, for errors with the right column */
	memcpy(buf, src, (size_t)at);
	buf[at] = 0;
	if (!(t = compile_side(buf, opt, 0, err)))
		goto out;
	expr_free(t);
	if (!(t = compile_side(src + at + len, opt, at + len, err)))
		goto out;
	expr_free(t);
	const char *lhs = src, *rhs = src + at + len;
	int llen = at;
	if (rel == REL_GE)
		snprintf(buf, 2 * slen + 8, "(%s)-(%.*s)", rhs, llen, lhs);
	else
		snprintf(buf, 2 * slen + 8, "(%.*s)-(%s)", llen, lhs, rhs);
	t = expr_compile(buf, opt, err);
	*eq = rel == REL_EQ;
out:
	free(buf);
	return t;
}

int constr_add(prob *p, const char *src, const expr_const *consts, int nconsts, expr_error *err)
{
	err->line = err->col = 1;
	if (!p->tape) {
		snprintf(err->msg, sizeof err->msg, "constraints need a problem defined by an expression");
		return -1;
	}
	int nv = expr_nvars(p->tape);
	expr_var *vars = malloc((size_t)(nv ? nv : 1) * sizeof *vars);
	size_t slen = strlen(src);
	if (!vars) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return -1;
	}
	for (int k = 0; k < nv; k++)
		vars[k] = (expr_var){expr_var_name(p->tape, k), expr_var_size(p->tape, k)};
	expr_options opt = {.vars = vars, .nvars = nv, .consts = consts, .nconsts = nconsts};
	int rc = -1, eq = 0;
	expr_tape *t = constr_compile(src, &opt, &eq, err);
	if (!t)
		goto out;
	if (!p->constr && !(p->constr = calloc(1, sizeof *p->constr))) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
		goto out;
	}
	prob_constr *c = p->constr;
	if ((eq ? c->m_eq : c->m_ineq) >= CONSTR_MAX) {
		snprintf(err->msg, sizeof err->msg, "more than %d %s constraints", CONSTR_MAX,
		         eq ? "equality" : "inequality");
		goto out;
	}
	char *copy = malloc(slen + 1);
	if (!copy || grow(c, eq)) {
		free(copy);
		snprintf(err->msg, sizeof err->msg, "out of memory");
		goto out;
	}
	memcpy(copy, src, slen + 1);
	c->eq_at[c->m_ineq + c->m_eq] = (unsigned char)eq;
	if (eq) {
		c->eq[c->m_eq] = t;
		c->eq_src[c->m_eq++] = copy;
	} else {
		c->ineq[c->m_ineq] = t;
		c->ineq_src[c->m_ineq++] = copy;
	}
	t = NULL;
	p->caps |= PROB_CONSTR;
	rc = 0;
out:
	expr_free(t);
	free(vars);
	return rc;
}

int constr_written(const prob_constr *c, int w, const char **src)
{
	int before = 0; /* constraints of w's kind written before it */
	for (int j = 0; j < w; j++)
		before += c->eq_at[j] == c->eq_at[w];
	if (src)
		*src = c->eq_at[w] ? c->eq_src[before] : c->ineq_src[before];
	return c->eq_at[w] ? c->m_ineq + before : before;
}

int constr_count(const prob_constr *c)
{
	return c ? c->m_ineq + c->m_eq : 0;
}

static expr_tape *tape_at(const prob_constr *c, int k)
{
	return k < c->m_ineq ? c->ineq[k] : c->eq[k - c->m_ineq];
}

void constr_eval(const prob_constr *c, const double *x, double *out)
{
	for (int k = 0; k < constr_count(c); k++)
		out[k] = expr_value(tape_at(c, k), x);
}

double constr_grad(const prob_constr *c, int k, const double *x, double *g)
{
	return expr_gradient(tape_at(c, k), x, g);
}

double constr_violation(const prob_constr *c, const double *x)
{
	double v = 0;
	for (int k = 0; k < constr_count(c); k++) {
		double ck = expr_value(tape_at(c, k), x);
		v = fmax(v, k < c->m_ineq ? ck : fabs(ck));
		if (isnan(ck))
			return NAN;
	}
	return v;
}
