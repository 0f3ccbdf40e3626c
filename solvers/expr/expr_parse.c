/* expr_parse: source text -> syntax tree, names resolved, depth bounded. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_parse_int.h"

static expr_node *parse_expr(parser *ps);

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
		expr_ps_unexpected(ps);
		return 0;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "expected '%c'", op);
	expr_ps_fail(ps, ps->lx.tline, ps->lx.tcol, buf, NULL, 0);
	return 0;
}

static expr_node *mk(parser *ps, int kind, int line, int col, int nkids)
{
	expr_node *n = expr_arena_alloc(ps->arena, sizeof *n);
	if (!n)
		return expr_ps_oom(ps);
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = line;
	n->col = col;
	if (nkids) {
		n->kids = expr_arena_alloc(ps->arena, (size_t)nkids * sizeof *n->kids);
		n->inv = expr_arena_alloc(ps->arena, (size_t)nkids);
		if (!n->kids || !n->inv)
			return expr_ps_oom(ps);
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

/* ---- grammar ---- */

/* reduction: NAME '(' INDEX '=' expr ',' expr ',' expr ')'; the lexer is at INDEX */
static expr_node *parse_reduction(parser *ps, int kind, int line, int col)
{
	expr_lexer *lx = &ps->lx;
	const char *iname = lx->name;
	int ilen = lx->namelen, iline = lx->tline, icol = lx->tcol;
	double cv;
	if (ps->nidx >= EXPR_MAX_RED_NEST)
		return expr_ps_fail(ps, line, col, "reductions nested deeper than 32 (EXPR_MAX_RED_NEST)",
		            NULL, 0);
	for (int k = 0; k < ps->nidx; k++)
		if (ps->idx_len[k] == ilen && !memcmp(ps->idx_name[k], iname, (size_t)ilen))
			return expr_ps_fail(ps, iline, icol, "index '%.*s' is already used by an outer reduction",
			            iname, ilen);
	if (expr_ps_find_const(ps, iname, ilen, &cv) || expr_ps_find_var(ps, iname, ilen) >= 0 ||
	    expr_ps_find_data(ps, iname, ilen) >= 0)
		return expr_ps_fail(ps, iline, icol, "index '%.*s' hides a variable or constant", iname,
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
			return expr_ps_fail(ps, lx->tline, lx->tcol,
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
	int k = lx->tok == TK_NAME ? expr_ps_find_data(ps, lx->name, lx->namelen) : -1;
	if (k < 0)
		return expr_ps_fail(ps, lx->tline, lx->tcol, "len takes the name of a data vector", NULL, 0);
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
			return expr_ps_fail(ps, line, col, buf, NULL, 0);
		}
	}
	kidlist l = {0};
	if (!is_op(ps, ')')) {
		for (;;) {
			expr_node *a = parse_expr(ps);
			if (!a || !kl_push(&l, a, 0)) {
				free(l.k);
				free(l.inv);
				return a ? expr_ps_oom(ps) : NULL;
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
		return expr_ps_fail(ps, line, col, buf, NULL, 0);
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
		return expr_ps_fail(ps, line, col, "name longer than 64 characters", NULL, 0);
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
			return expr_ps_fail(ps, line, col, buf, NULL, 0);
		}
		expr_lex_next(lx);
		return parse_call(ps, f, line, col);
	}
	for (int k = ps->nidx - 1; k >= 0; k--)
		if (ps->idx_len[k] == len && !memcmp(ps->idx_name[k], s, (size_t)len)) {
			if (is_op(ps, '['))
				return expr_ps_fail(ps, line, col, "index '%.*s' cannot be indexed", s, len);
			expr_node *n = mk(ps, N_IDX, line, col, 0);
			if (n) {
				n->lvl = k + 1;
				n->deps = (uint64_t)1 << n->lvl;
			}
			return n;
		}
	int dk = expr_ps_find_data(ps, s, len);
	if (dk >= 0) {
		if (!is_op(ps, '[')) {
			char buf[240];
			snprintf(buf, sizeof buf,
			         "'%.*s' is a data vector: write %.*s[i] (1-based), or len(%.*s)", len,
			         s, len, s, len, s);
			return expr_ps_fail(ps, line, col, buf, NULL, 0);
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
	if (expr_ps_find_const(ps, s, len, &cv)) {
		if (is_op(ps, '['))
			return expr_ps_fail(ps, line, col, "constant '%.*s' cannot be indexed", s, len);
		expr_node *n = mk(ps, N_NUM, line, col, 0);
		if (n)
			n->num = cv;
		return n;
	}
	if (expr_func_find(s, len))
		return expr_ps_fail(ps, line, col, "'%.*s' is a function: write it with arguments in ()", s,
		            len);
	int v = expr_ps_find_var(ps, s, len);
	if (v < 0 && ps->declared)
		return expr_ps_unknown_name(ps, s, len, line, col);
	if (is_op(ps, '[')) {
		if (v < 0 || ps->vars[v].size == 0)
			return expr_ps_fail(ps, line, col, "'%.*s' is not an indexed variable", s, len);
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
			return expr_ps_fail(ps, line, col, msg, NULL, 0);
		}
		v = expr_ps_add_var(ps, s, len, 0);
		if (v < 0)
			return expr_ps_oom(ps);
	}
	if (ps->vars[v].size) {
		char buf[160];
		snprintf(buf, sizeof buf, "'%.*s' is indexed: write %.*s[i]", len, s, len, s);
		return expr_ps_fail(ps, line, col, buf, NULL, 0);
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
	return expr_ps_unexpected(ps);
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
		return expr_ps_fail(ps, lx->tline, lx->tcol, msg, NULL, 0);
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
		return ok ? NULL : expr_ps_oom(ps);
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
			expr_ps_fail(ps, 1, 1, "a constant without a name", NULL, 0);
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
			expr_ps_fail(ps, 1, 1, "invalid variable name '%.*s'", v->name ? v->name : "",
			     v->name ? (len > 64 ? 64 : len) : 0);
			return -1;
		}
		if (v->size < 0 || ps->dim + (v->size ? v->size : 1) > ps->max_dim) {
			char msg[80];
			snprintf(msg, sizeof msg, "variable '%%.*s': size beyond 0..%ld (dimlimit)",
			         ps->max_dim);
			expr_ps_fail(ps, 1, 1, msg, v->name, len);
			return -1;
		}
		if (expr_ps_find_var(ps, v->name, len) >= 0) {
			expr_ps_fail(ps, 1, 1, "variable '%.*s' declared twice", v->name, len);
			return -1;
		}
		if (expr_ps_find_const(ps, v->name, len, &cv) || expr_ps_find_data(ps, v->name, len) >= 0 ||
		    expr_func_find(v->name, len)) {
			expr_ps_fail(ps, 1, 1, "variable '%.*s' clashes with a constant or function", v->name,
			     len);
			return -1;
		}
		if (expr_ps_add_var(ps, v->name, len, v->size) < 0) {
			expr_ps_oom(ps);
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
			expr_ps_fail(&ps, 1, 1, "expression longer than 1048576 bytes (EXPR_MAX_TEXT)", NULL, 0);
		} else {
			expr_lex_init(&ps.lx, src);
			expr_lex_next(&ps.lx);
			root = parse_expr(&ps);
			if (root && ps.lx.tok != TK_END)
				root = expr_ps_unexpected(&ps);
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
