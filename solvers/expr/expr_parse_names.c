/* expr_parse_names: the parser's names (variables, constants, data vectors) and its
 * errors, with hints for common slips and the nearest known name. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_parse_int.h"

expr_node *expr_ps_fail(parser *ps, int line, int col, const char *msg, const char *arg,
                        int arglen)
{
	if (!ps->failed) {
		if (arg)
			expr_err_set(ps->err, line, col, msg, arglen, arg);
		else
			expr_err_set(ps->err, line, col, "%s", msg);
	}
	ps->failed = 1;
	return NULL;
}

expr_node *expr_ps_oom(parser *ps)
{
	return expr_ps_fail(ps, ps->lx.tline, ps->lx.tcol, "out of memory", NULL, 0);
}

/* The operand (a number or a name) that ends just before P in SRC, skipping
 * spaces: its start and length (0 when there is none). */
static int operand_before(const char *src, const char *p, const char **start)
{
	while (p > src && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	const char *b = p;
	while (b > src && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == '.'))
		b--;
	*start = b;
	return (int)(p - b);
}

/* The usual slips from other languages, named with the fix: `2x` for 2*x, `x**2`
 * for x^2. Writes the hint into BUF, or returns 0. */
static int slip_hint(expr_lexer *lx, char *buf, size_t cap)
{
	const char *tok = lx->p - (lx->tok == TK_NAME ? lx->namelen : 1), *b;
	if (lx->tok == TK_NAME) { /* a name right after a number or a ')' */
		int n = operand_before(lx->src, tok, &b);
		int hex = n == 1 && b[0] == '0' && b + 1 == tok && (lx->name[0] | 0x20) == 'x';
		if (hex)
			return snprintf(buf, cap, "unexpected name '%.*s' (numbers are decimal: no 0x)",
			                lx->namelen > 32 ? 32 : lx->namelen, lx->name) > 0;
		if (n > 0 && n <= 32 && (isdigit((unsigned char)b[0]) || b[0] == '.'))
			return snprintf(buf, cap, "unexpected name '%.*s' (did you mean '%.*s*%.*s'?)",
			                lx->namelen > 32 ? 32 : lx->namelen, lx->name, n, b,
			                lx->namelen > 32 ? 32 : lx->namelen, lx->name) > 0;
		const char *q = tok;
		while (q > lx->src && q[-1] == ' ')
			q--;
		if (q > lx->src && q[-1] == ')')
			return snprintf(buf, cap, "unexpected name '%.*s' (a product needs '*': ')*%.*s')",
			                lx->namelen > 32 ? 32 : lx->namelen, lx->name,
			                lx->namelen > 32 ? 32 : lx->namelen, lx->name) > 0;
		return 0;
	}
	if (lx->tok == TK_OP && lx->op == '*' && tok > lx->src && tok[-1] == '*') {
		int n = operand_before(lx->src, tok - 1, &b);
		const char *e = lx->p;
		while (*e == ' ')
			e++;
		int m = 0;
		while (isalnum((unsigned char)e[m]) || e[m] == '_' || e[m] == '.')
			m++;
		if (n > 0 && n <= 32 && m > 0 && m <= 32)
			return snprintf(buf, cap, "unexpected '*' (did you mean '%.*s^%.*s'? powers are "
			                "written with '^')", n, b, m, e) > 0;
		return snprintf(buf, cap, "unexpected '*' (powers are written with '^', not '**')") > 0;
	}
	return 0;
}

expr_node *expr_ps_unexpected(parser *ps)
{
	expr_lexer *lx = &ps->lx;
	char hint[160];
	if (slip_hint(lx, hint, sizeof hint))
		return expr_ps_fail(ps, lx->tline, lx->tcol, hint, NULL, 0);
	if (lx->tok == TK_END)
		return expr_ps_fail(ps, lx->tline, lx->tcol, "unexpected end of input", NULL, 0);
	if (lx->tok == TK_BAD) {
		if (lx->bad)
			return expr_ps_fail(ps, lx->tline, lx->tcol, lx->bad, NULL, 0);
		unsigned char c = (unsigned char)lx->op;
		char buf[64];
		if (c >= 0x20 && c < 0x7f)
			snprintf(buf, sizeof buf, "unexpected character '%c'", c);
		else
			snprintf(buf, sizeof buf, "unexpected byte 0x%02x", c);
		return expr_ps_fail(ps, lx->tline, lx->tcol, buf, NULL, 0);
	}
	if (lx->tok == TK_NUM)
		return expr_ps_fail(ps, lx->tline, lx->tcol, "unexpected number", NULL, 0);
	if (lx->tok == TK_NAME)
		return expr_ps_fail(ps, lx->tline, lx->tcol, "unexpected name '%.*s'", lx->name,
		            lx->namelen);
	return expr_ps_fail(ps, lx->tline, lx->tcol, "unexpected '%.*s'", &lx->op, 1);
}


int expr_ps_name_eq(const char *a, int la, const char *b)
{
	return (int)strlen(b) == la && !memcmp(a, b, (size_t)la);
}

int expr_ps_find_var(parser *ps, const char *s, int len)
{
	for (int k = 0; k < ps->nvars; k++)
		if (expr_ps_name_eq(s, len, ps->vars[k].name))
			return k;
	return -1;
}

/* The value of a named constant, 1 if found. */
int expr_ps_find_const(parser *ps, const char *s, int len, double *v)
{
	if (expr_ps_name_eq(s, len, "pi")) {
		*v = EXPR_PI;
		return 1;
	}
	if (expr_ps_name_eq(s, len, "e")) {
		*v = EXPR_E;
		return 1;
	}
	for (int k = 0; k < ps->nconsts; k++)
		if (ps->consts[k].name && !ps->consts[k].vec && expr_ps_name_eq(s, len, ps->consts[k].name)) {
			*v = ps->consts[k].value;
			return 1;
		}
	return 0;
}

/* The data vector of that name: its place among the constants, or -1. */
int expr_ps_find_data(parser *ps, const char *s, int len)
{
	for (int k = 0; k < ps->nconsts; k++)
		if (ps->consts[k].name && ps->consts[k].vec && expr_ps_name_eq(s, len, ps->consts[k].name))
			return k;
	return -1;
}

int expr_ps_add_var(parser *ps, const char *s, int len, int size)
{
	if (ps->nvars == ps->capvars) {
		int cap = ps->capvars ? 2 * ps->capvars : 8;
		expr_vinfo *v = realloc(ps->vars, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		ps->vars = v;
		ps->capvars = cap;
	}
	char *name = malloc((size_t)len + 1);
	if (!name)
		return -1;
	memcpy(name, s, (size_t)len);
	name[len] = 0;
	expr_vinfo *v = &ps->vars[ps->nvars];
	v->name = name;
	v->size = size;
	v->off = (int)ps->dim;
	ps->dim += size ? size : 1;
	return ps->nvars++;
}

/* An unknown variable, with the nearest known name. */
expr_node *expr_ps_unknown_name(parser *ps, const char *s, int len, int line, int col)
{
	int n = ps->nvars + ps->nconsts + ps->nidx + 2;
	const char **cands = malloc((size_t)n * sizeof *cands);
	char idxbuf[EXPR_MAX_RED_NEST + 1][65];
	if (!cands)
		return expr_ps_oom(ps);
	int c = 0;
	for (int k = 0; k < ps->nvars; k++)
		cands[c++] = ps->vars[k].name;
	for (int k = 0; k < ps->nidx; k++) {
		snprintf(idxbuf[k], sizeof idxbuf[k], "%.*s", ps->idx_len[k], ps->idx_name[k]);
		cands[c++] = idxbuf[k];
	}
	for (int k = 0; k < ps->nconsts; k++)
		if (ps->consts[k].name)
			cands[c++] = ps->consts[k].name;
	cands[c++] = "pi";
	cands[c++] = "e";
	const char *best = expr_suggest(s, len, cands, c);
	char buf[200];
	if (best)
		snprintf(buf, sizeof buf, "unknown variable '%.*s' (did you mean '%s'?)",
		         len > 64 ? 64 : len, s, best);
	else
		snprintf(buf, sizeof buf, "unknown variable '%.*s'", len > 64 ? 64 : len, s);
	free(cands);
	return expr_ps_fail(ps, line, col, buf, NULL, 0);
}
