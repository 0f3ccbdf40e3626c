/* expr_parse: source text -> syntax tree, names resolved, depth bounded. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

typedef struct parser {
	expr_lexer lx;
	expr_arena **arena;
	expr_error *err;
	int failed;
	int depth, max_depth;
	long max_dim;
	int declared; /* variables declared up front: free names are errors */
	expr_vinfo *vars;
	int nvars, capvars;
	long dim;
	const expr_const *consts;
	int nconsts;
	/* reduction indices in scope, innermost last */
	const char *idx_name[EXPR_MAX_RED_NEST + 1];
	int idx_len[EXPR_MAX_RED_NEST + 1];
	int nidx;
} parser;

static expr_node *parse_expr(parser *ps);

static expr_node *fail(parser *ps, int line, int col, const char *msg, const char *arg, int arglen)
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

static expr_node *oom(parser *ps)
{
	return fail(ps, ps->lx.tline, ps->lx.tcol, "out of memory", NULL, 0);
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

static expr_node *unexpected(parser *ps)
{
	expr_lexer *lx = &ps->lx;
	char hint[160];
	if (slip_hint(lx, hint, sizeof hint))
		return fail(ps, lx->tline, lx->tcol, hint, NULL, 0);
	if (lx->tok == TK_END)
		return fail(ps, lx->tline, lx->tcol, "unexpected end of input", NULL, 0);
	if (lx->tok == TK_BAD) {
		if (lx->bad)
			return fail(ps, lx->tline, lx->tcol, lx->bad, NULL, 0);
		unsigned char c = (unsigned char)lx->op;
		char buf[64];
		if (c >= 0x20 && c < 0x7f)
			snprintf(buf, sizeof buf, "unexpected character '%c'", c);
		else
			snprintf(buf, sizeof buf, "unexpected byte 0x%02x", c);
		return fail(ps, lx->tline, lx->tcol, buf, NULL, 0);
	}
	if (lx->tok == TK_NUM)
		return fail(ps, lx->tline, lx->tcol, "unexpected number", NULL, 0);
	if (lx->tok == TK_NAME)
		return fail(ps, lx->tline, lx->tcol, "unexpected name '%.*s'", lx->name,
		            lx->namelen);
	return fail(ps, lx->tline, lx->tcol, "unexpected '%.*s'", &lx->op, 1);
}

static int is_op(parser *ps, char op)
{
	return ps->lx.tok == TK_OP && ps->lx.op == op;
}

static int expect(parser *ps, char op)
{
	if (is_op(ps, op)) {
		expr_lex_next(&ps->lx);
		return 1;
	}
	if (ps->lx.tok == TK_END || ps->lx.tok == TK_BAD) {
		unexpected(ps);
		return 0;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "expected '%c'", op);
	fail(ps, ps->lx.tline, ps->lx.tcol, buf, NULL, 0);
	return 0;
}

static expr_node *mk(parser *ps, int kind, int line, int col, int nkids)
{
	expr_node *n = expr_arena_alloc(ps->arena, sizeof *n);
	if (!n)
		return oom(ps);
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = line;
	n->col = col;
	if (nkids) {
		n->kids = expr_arena_alloc(ps->arena, (size_t)nkids * sizeof *n->kids);
		n->inv = expr_arena_alloc(ps->arena, (size_t)nkids);
		if (!n->kids || !n->inv)
			return oom(ps);
		memset(n->inv, 0, (size_t)nkids);
		n->nkids = nkids;
	}
	return n;
}

/* Dependencies of a node from its kids. */
static void summarize(expr_node *n)
{
	for (int k = 0; k < n->nkids; k++) {
		n->deps |= n->kids[k]->deps;
		n->active |= n->kids[k]->active;
	}
}

/* A growable list of kids while a sum, product or call is parsed. */
typedef struct kidlist {
	expr_node **k;
	unsigned char *inv;
	int n, cap;
} kidlist;

static int kl_push(kidlist *l, expr_node *n, int inv)
{
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 8;
		expr_node **k = realloc(l->k, (size_t)cap * sizeof *k);
		if (!k)
			return 0;
		l->k = k;
		unsigned char *iv = realloc(l->inv, (size_t)cap);
		if (!iv)
			return 0;
		l->inv = iv;
		l->cap = cap;
	}
	l->k[l->n] = n;
	l->inv[l->n++] = (unsigned char)inv;
	return 1;
}

static expr_node *kl_node(parser *ps, kidlist *l, int kind, int line, int col)
{
	expr_node *n = mk(ps, kind, line, col, l->n);
	if (n) {
		memcpy(n->kids, l->k, (size_t)l->n * sizeof *l->k);
		memcpy(n->inv, l->inv, (size_t)l->n);
		summarize(n);
	}
	free(l->k);
	free(l->inv);
	return n;
}

/* ---- names ---- */

static int name_eq(const char *a, int la, const char *b)
{
	return (int)strlen(b) == la && !memcmp(a, b, (size_t)la);
}

static int find_var(parser *ps, const char *s, int len)
{
	for (int k = 0; k < ps->nvars; k++)
		if (name_eq(s, len, ps->vars[k].name))
			return k;
	return -1;
}

/* The value of a named constant, 1 if found. */
static int find_const(parser *ps, const char *s, int len, double *v)
{
	if (name_eq(s, len, "pi")) {
		*v = EXPR_PI;
		return 1;
	}
	if (name_eq(s, len, "e")) {
		*v = EXPR_E;
		return 1;
	}
	for (int k = 0; k < ps->nconsts; k++)
		if (ps->consts[k].name && !ps->consts[k].vec && name_eq(s, len, ps->consts[k].name)) {
			*v = ps->consts[k].value;
			return 1;
		}
	return 0;
}

/* The data vector of that name: its place among the constants, or -1. */
static int find_data(parser *ps, const char *s, int len)
{
	for (int k = 0; k < ps->nconsts; k++)
		if (ps->consts[k].name && ps->consts[k].vec && name_eq(s, len, ps->consts[k].name))
			return k;
	return -1;
}

static int add_var(parser *ps, const char *s, int len, int size)
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
static expr_node *unknown_name(parser *ps, const char *s, int len, int line, int col)
{
	int n = ps->nvars + ps->nconsts + ps->nidx + 2;
	const char **cands = malloc((size_t)n * sizeof *cands);
	char idxbuf[EXPR_MAX_RED_NEST + 1][65];
	if (!cands)
		return oom(ps);
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
	return fail(ps, line, col, buf, NULL, 0);
}

/* ---- grammar ---- */

/* reduction: NAME '(' INDEX '=' expr ',' expr ',' expr ')'; the lexer is at INDEX */
static expr_node *parse_reduction(parser *ps, int kind, int line, int col)
{
	expr_lexer *lx = &ps->lx;
	const char *iname = lx->name;
	int ilen = lx->namelen, iline = lx->tline, icol = lx->tcol;
	double cv;
	if (ps->nidx >= EXPR_MAX_RED_NEST)
		return fail(ps, line, col, "reductions nested deeper than 32 (EXPR_MAX_RED_NEST)",
		            NULL, 0);
	for (int k = 0; k < ps->nidx; k++)
		if (ps->idx_len[k] == ilen && !memcmp(ps->idx_name[k], iname, (size_t)ilen))
			return fail(ps, iline, icol, "index '%.*s' is already used by an outer reduction",
			            iname, ilen);
	if (find_const(ps, iname, ilen, &cv) || find_var(ps, iname, ilen) >= 0 ||
	    find_data(ps, iname, ilen) >= 0)
		return fail(ps, iline, icol, "index '%.*s' hides a variable or constant", iname,
		            ilen);
	expr_lex_next(lx); /* INDEX */
	expr_lex_next(lx); /* = */
	expr_node *lo = parse_expr(ps);
	if (!lo || !expect(ps, ','))
		return NULL;
	expr_node *hi = parse_expr(ps);
	if (!hi || !expect(ps, ','))
		return NULL;
	ps->idx_name[ps->nidx] = iname;
	ps->idx_len[ps->nidx] = ilen;
	ps->nidx++;
	expr_node *body = parse_expr(ps);
	ps->nidx--;
	if (!body)
		return NULL;
	if (!is_op(ps, ')')) {
		if (is_op(ps, ','))
			return fail(ps, lx->tline, lx->tcol,
			            "a reduction takes the form NAME(i = A, B, BODY)", NULL, 0);
		expect(ps, ')');
		return NULL;
	}
	expr_lex_next(lx);
	expr_node *n = mk(ps, N_RED, line, col, 3);
	if (!n)
		return NULL;
	n->op = kind;
	n->lvl = ps->nidx + 1;
	n->kids[0] = lo;
	n->kids[1] = hi;
	n->kids[2] = body;
	if (kind == RED_SUMSQ) { /* a sum of BODY^2 that remembers BODY */
		expr_node *sq = mk(ps, N_CALL, line, col, 1);
		if (!sq)
			return NULL;
		sq->op = OP_SQ;
		sq->kids[0] = body;
		summarize(sq);
		n->kids[2] = sq;
		n->op = RED_SUM;
		n->sumsq = 1;
	}
	summarize(n);
	n->deps &= ~((uint64_t)1 << n->lvl); /* its own index is bound here */
	return n;
}

/* len: 'len' '(' DATA ')'; the lexer is past '(' */
static expr_node *parse_len(parser *ps, int line, int col)
{
	expr_lexer *lx = &ps->lx;
	int k = lx->tok == TK_NAME ? find_data(ps, lx->name, lx->namelen) : -1;
	if (k < 0)
		return fail(ps, lx->tline, lx->tcol, "len takes the name of a data vector", NULL, 0);
	expr_lex_next(lx);
	if (!expect(ps, ')'))
		return NULL;
	expr_node *n = mk(ps, N_NUM, line, col, 0);
	if (n)
		n->num = ps->consts[k].len;
	return n;
}

/* call: NAME '(' [expr (',' expr)*] ')'; the lexer is past '(' */
static expr_node *parse_call(parser *ps, const expr_func *f, int line, int col)
{
	expr_lexer *lx = &ps->lx;
	if (f->kind == FK_LEN)
		return parse_len(ps, line, col);
	if (f->kind == FK_RED || f->kind == FK_LSE) {
		if (lx->tok == TK_NAME) {
			expr_lexer save = *lx;
			expr_lex_next(lx);
			int red = is_op(ps, '=');
			*lx = save;
			if (red)
				return parse_reduction(ps, f->op, line, col);
		}
		if (f->kind == FK_RED) {
			char buf[96];
			snprintf(buf, sizeof buf, "'%s' takes the form %s(i = A, B, BODY)", f->name,
			         f->name);
			return fail(ps, line, col, buf, NULL, 0);
		}
	}
	kidlist l = {0};
	if (!is_op(ps, ')')) {
		for (;;) {
			expr_node *a = parse_expr(ps);
			if (!a || !kl_push(&l, a, 0)) {
				free(l.k);
				free(l.inv);
				return a ? oom(ps) : NULL;
			}
			if (!is_op(ps, ','))
				break;
			expr_lex_next(lx);
		}
	}
	if (!expect(ps, ')')) {
		free(l.k);
		free(l.inv);
		return NULL;
	}
	if (l.n < f->minargs || (f->maxargs >= 0 && l.n > f->maxargs)) {
		char buf[160];
		if (f->maxargs < 0)
			snprintf(buf, sizeof buf, "'%s' takes at least %d arguments, got %d", f->name,
			         f->minargs, l.n);
		else
			snprintf(buf, sizeof buf, "'%s' takes %d argument%s, got %d", f->name,
			         f->minargs, f->minargs == 1 ? "" : "s", l.n);
		free(l.k);
		free(l.inv);
		return fail(ps, line, col, buf, NULL, 0);
	}
	expr_node *n = kl_node(ps, &l, N_CALL, line, col);
	if (n)
		n->op = f->kind == FK_LSE ? OP_LSE2 : f->op;
	return n;
}

/* name: NAME | NAME '[' expr ']' | NAME '(' args ')' */
static expr_node *parse_name(parser *ps)
{
	expr_lexer *lx = &ps->lx;
	const char *s = lx->name;
	int len = lx->namelen, line = lx->tline, col = lx->tcol;
	double cv;
	if (len > 64)
		return fail(ps, line, col, "name longer than 64 characters", NULL, 0);
	expr_lex_next(lx);
	if (is_op(ps, '(')) {
		const expr_func *f = expr_func_find(s, len);
		if (!f) {
			const char *best = expr_suggest(s, len, expr_func_names(), expr_nfuncs());
			char buf[200];
			if (best)
				snprintf(buf, sizeof buf,
				         "unknown function '%.*s' (did you mean '%s'?)", len, s, best);
			else
				snprintf(buf, sizeof buf, "unknown function '%.*s'", len, s);
			return fail(ps, line, col, buf, NULL, 0);
		}
		expr_lex_next(lx);
		return parse_call(ps, f, line, col);
	}
	for (int k = ps->nidx - 1; k >= 0; k--)
		if (ps->idx_len[k] == len && !memcmp(ps->idx_name[k], s, (size_t)len)) {
			if (is_op(ps, '['))
				return fail(ps, line, col, "index '%.*s' cannot be indexed", s, len);
			expr_node *n = mk(ps, N_IDX, line, col, 0);
			if (n) {
				n->lvl = k + 1;
				n->deps = (uint64_t)1 << n->lvl;
			}
			return n;
		}
	int dk = find_data(ps, s, len);
	if (dk >= 0) {
		if (!is_op(ps, '[')) {
			char buf[240];
			snprintf(buf, sizeof buf,
			         "'%.*s' is a data vector: write %.*s[i] (1-based), or len(%.*s)", len,
			         s, len, s, len, s);
			return fail(ps, line, col, buf, NULL, 0);
		}
		expr_lex_next(lx);
		expr_node *ix = parse_expr(ps);
		if (!ix || !expect(ps, ']'))
			return NULL;
		expr_node *n = mk(ps, N_DIDX, line, col, 1);
		if (!n)
			return NULL;
		n->var = dk;
		n->kids[0] = ix;
		summarize(n);
		return n;
	}
	if (find_const(ps, s, len, &cv)) {
		if (is_op(ps, '['))
			return fail(ps, line, col, "constant '%.*s' cannot be indexed", s, len);
		expr_node *n = mk(ps, N_NUM, line, col, 0);
		if (n)
			n->num = cv;
		return n;
	}
	if (expr_func_find(s, len))
		return fail(ps, line, col, "'%.*s' is a function: write it with arguments in ()", s,
		            len);
	int v = find_var(ps, s, len);
	if (v < 0 && ps->declared)
		return unknown_name(ps, s, len, line, col);
	if (is_op(ps, '[')) {
		if (v < 0 || ps->vars[v].size == 0)
			return fail(ps, line, col, "'%.*s' is not an indexed variable", s, len);
		expr_lex_next(lx);
		expr_node *ix = parse_expr(ps);
		if (!ix || !expect(ps, ']'))
			return NULL;
		expr_node *n = mk(ps, N_XIDX, line, col, 1);
		if (!n)
			return NULL;
		n->var = v;
		n->kids[0] = ix;
		summarize(n);
		n->active = 1;
		return n;
	}
	if (v < 0) {
		if (ps->dim + 1 > ps->max_dim) {
			char msg[64];
			snprintf(msg, sizeof msg, "more than %ld unknowns (dimlimit)", ps->max_dim);
			return fail(ps, line, col, msg, NULL, 0);
		}
		v = add_var(ps, s, len, 0);
		if (v < 0)
			return oom(ps);
	}
	if (ps->vars[v].size) {
		char buf[160];
		snprintf(buf, sizeof buf, "'%.*s' is indexed: write %.*s[i]", len, s, len, s);
		return fail(ps, line, col, buf, NULL, 0);
	}
	expr_node *n = mk(ps, N_VAR, line, col, 0);
	if (n) {
		n->var = v;
		n->active = 1;
	}
	return n;
}

/* primary: NUMBER | name | '(' expr ')' */
static expr_node *parse_primary(parser *ps)
{
	expr_lexer *lx = &ps->lx;
	if (lx->tok == TK_NUM) {
		expr_node *n = mk(ps, N_NUM, lx->tline, lx->tcol, 0);
		if (n)
			n->num = lx->num;
		expr_lex_next(lx);
		return n;
	}
	if (lx->tok == TK_NAME)
		return parse_name(ps);
	if (is_op(ps, '(')) {
		expr_lex_next(lx);
		expr_node *n = parse_expr(ps);
		if (!n || !expect(ps, ')'))
			return NULL;
		return n;
	}
	return unexpected(ps);
}

static expr_node *parse_unary(parser *ps);

/* power: primary ['^' unary]   (right-associative: the exponent is a unary) */
static expr_node *parse_power(parser *ps)
{
	expr_node *b = parse_primary(ps);
	if (!b || !is_op(ps, '^'))
		return b;
	int line = ps->lx.tline, col = ps->lx.tcol;
	expr_lex_next(&ps->lx);
	expr_node *e = parse_unary(ps);
	if (!e)
		return NULL;
	expr_node *n = mk(ps, N_POW, line, col, 2);
	if (!n)
		return NULL;
	n->kids[0] = b;
	n->kids[1] = e;
	summarize(n);
	return n;
}

/* unary: ('-' | '+') unary | power   (so -x^2 is -(x^2)); every nesting passes here */
static expr_node *parse_unary(parser *ps)
{
	expr_lexer *lx = &ps->lx;
	expr_node *n;
	if (++ps->depth > ps->max_depth) {
		char msg[64];
		snprintf(msg, sizeof msg, "nesting deeper than %d levels (depthlimit)", ps->max_depth);
		return fail(ps, lx->tline, lx->tcol, msg, NULL, 0);
	}
	if (is_op(ps, '-') || is_op(ps, '+')) {
		int neg = lx->op == '-', line = lx->tline, col = lx->tcol;
		expr_lex_next(lx);
		expr_node *a = parse_unary(ps);
		n = a;
		if (a && neg) {
			n = mk(ps, N_NEG, line, col, 1);
			if (n) {
				n->kids[0] = a;
				summarize(n);
			}
		}
	} else {
		n = parse_power(ps);
	}
	ps->depth--;
	return n;
}

/* A left-associative chain sub ((op | invop) sub)* as one n-ary node of KIND,
 * each operand marked inverted when invop preceded it (x - y, x / y). */
static expr_node *parse_chain(parser *ps, expr_node *(*sub)(parser *), char op, char invop,
                              int kind)
{
	int line = ps->lx.tline, col = ps->lx.tcol;
	expr_node *a = sub(ps);
	if (!a || !(is_op(ps, op) || is_op(ps, invop)))
		return a;
	kidlist l = {0};
	int ok = kl_push(&l, a, 0);
	while (ok && (is_op(ps, op) || is_op(ps, invop))) {
		int inv = ps->lx.op == invop;
		expr_lex_next(&ps->lx);
		expr_node *b = sub(ps);
		if (!b) {
			ok = -1;
			break;
		}
		ok = kl_push(&l, b, inv);
	}
	if (ok <= 0) {
		free(l.k);
		free(l.inv);
		return ok ? NULL : oom(ps);
	}
	return kl_node(ps, &l, kind, line, col);
}

/* term: unary (('*' | '/') unary)* */
static expr_node *parse_term(parser *ps)
{
	return parse_chain(ps, parse_unary, '*', '/', N_MUL);
}

/* expr: term (('+' | '-') term)* */
static expr_node *parse_expr(parser *ps)
{
	return parse_chain(ps, parse_term, '+', '-', N_ADD);
}

/* Declared variables and constants, checked before the text is read. */
static int declare(parser *ps, const expr_options *opt)
{
	double cv;
	for (int k = 0; k < ps->nconsts; k++) {
		const char *nm = ps->consts[k].name;
		if (!nm || !*nm) {
			fail(ps, 1, 1, "a constant without a name", NULL, 0);
			return -1;
		}
	}
	if (!opt || !opt->vars)
		return 0;
	ps->declared = 1;
	for (int k = 0; k < opt->nvars; k++) {
		const expr_var *v = &opt->vars[k];
		int len = v->name ? (int)strlen(v->name) : 0;
		int okname = len > 0 && len <= 64 && !(v->name[0] >= '0' && v->name[0] <= '9');
		for (int j = 0; okname && j < len; j++) {
			char c = v->name[j];
			okname = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			         (c >= '0' && c <= '9');
		}
		if (!okname) {
			fail(ps, 1, 1, "invalid variable name '%.*s'", v->name ? v->name : "",
			     v->name ? (len > 64 ? 64 : len) : 0);
			return -1;
		}
		if (v->size < 0 || ps->dim + (v->size ? v->size : 1) > ps->max_dim) {
			char msg[80];
			snprintf(msg, sizeof msg, "variable '%%.*s': size beyond 0..%ld (dimlimit)",
			         ps->max_dim);
			fail(ps, 1, 1, msg, v->name, len);
			return -1;
		}
		if (find_var(ps, v->name, len) >= 0) {
			fail(ps, 1, 1, "variable '%.*s' declared twice", v->name, len);
			return -1;
		}
		if (find_const(ps, v->name, len, &cv) || find_data(ps, v->name, len) >= 0 ||
		    expr_func_find(v->name, len)) {
			fail(ps, 1, 1, "variable '%.*s' clashes with a constant or function", v->name,
			     len);
			return -1;
		}
		if (add_var(ps, v->name, len, v->size) < 0) {
			oom(ps);
			return -1;
		}
	}
	return 0;
}

int expr_parse(const char *src, const expr_options *opt, expr_arena **arena, expr_parse_out *out,
               expr_error *err)
{
	parser ps;
	memset(&ps, 0, sizeof ps);
	memset(out, 0, sizeof *out);
	ps.arena = arena;
	ps.err = err;
	ps.max_depth = EXPR_MAX_DEPTH;
	ps.max_dim = EXPR_MAX_DIM;
	if (opt) {
		ps.consts = opt->consts;
		ps.nconsts = opt->consts ? opt->nconsts : 0;
		if (opt->max_depth > 0 && opt->max_depth < EXPR_MAX_DEPTH)
			ps.max_depth = opt->max_depth;
		if (opt->max_dim > 0 && opt->max_dim < EXPR_MAX_DIM)
			ps.max_dim = opt->max_dim;
	}
	expr_node *root = NULL;
	if (declare(&ps, opt) == 0) {
		size_t len = strnlen(src, (size_t)EXPR_MAX_TEXT + 1);
		if (len > (size_t)EXPR_MAX_TEXT) {
			fail(&ps, 1, 1, "expression longer than 1048576 bytes (EXPR_MAX_TEXT)", NULL, 0);
		} else {
			expr_lex_init(&ps.lx, src);
			expr_lex_next(&ps.lx);
			root = parse_expr(&ps);
			if (root && ps.lx.tok != TK_END)
				root = unexpected(&ps);
		}
	}
	if (!root || ps.failed) {
		for (int k = 0; k < ps.nvars; k++)
			free(ps.vars[k].name);
		free(ps.vars);
		return -1;
	}
	out->root = root;
	out->consts = ps.consts;
	out->vars = ps.vars;
	out->nvars = ps.nvars;
	out->dim = (int)ps.dim;
	return 0;
}
