/* expr_lex: tokens of the expression language, error records, the node arena. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

void expr_err_set(expr_error *err, int line, int col, const char *fmt, ...)
{
	va_list ap;
	if (!err)
		return;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/* ---- arena ---- */

struct expr_arena {
	struct expr_arena *next;
	size_t used, cap;
	max_align_t data[];
};

void *expr_arena_alloc(expr_arena **a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (!*a || (*a)->cap - (*a)->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		expr_arena *c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	void *p = (char *)(*a)->data + (*a)->used;
	(*a)->used += n;
	return p;
}

void expr_arena_free(expr_arena *a)
{
	while (a) {
		expr_arena *n = a->next;
		free(a);
		a = n;
	}
}

/* ---- lexer ---- */

void expr_lex_init(expr_lexer *lx, const char *src)
{
	memset(lx, 0, sizeof *lx);
	lx->src = lx->p = lx->line_start = src;
	lx->line = 1;
}

/* NUMBER: digits [. digits] [e [+-] digits] | . digits [e ...] */
static void lex_number(expr_lexer *lx)
{
	const char *p = lx->p;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		const char *q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (!isdigit((unsigned char)*q)) {
			lx->tok = TK_BAD;
			lx->bad = "malformed number: exponent without digits";
			return;
		}
		while (isdigit((unsigned char)*q))
			q++;
		p = q;
	}
	/* strtod on the exact span: the text is not necessarily terminated after it */
	char buf[64];
	size_t n = (size_t)(p - lx->p);
	if (n >= sizeof buf) {
		lx->tok = TK_BAD;
		lx->bad = "malformed number: too long";
		return;
	}
	memcpy(buf, lx->p, n);
	buf[n] = 0;
	lx->num = strtod(buf, NULL);
	lx->tok = TK_NUM;
	lx->p = p;
}

void expr_lex_next(expr_lexer *lx)
{
	for (;;) {
		char ch = *lx->p;
		if (ch == '\n') {
			lx->line++;
			lx->p++;
			lx->line_start = lx->p;
		} else if (ch == ' ' || ch == '\t' || ch == '\r') {
			lx->p++;
		} else {
			break;
		}
	}
	lx->tline = lx->line;
	lx->tcol = (int)(lx->p - lx->line_start) + 1;
	unsigned char ch = (unsigned char)*lx->p;
	if (!ch) {
		lx->tok = TK_END;
	} else if (isdigit(ch) || (ch == '.' && isdigit((unsigned char)lx->p[1]))) {
		lex_number(lx);
	} else if (isalpha(ch) || ch == '_') {
		const char *s = lx->p;
		while (isalnum((unsigned char)*lx->p) || *lx->p == '_')
			lx->p++;
		lx->tok = TK_NAME;
		lx->name = s;
		lx->namelen = (int)(lx->p - s);
	} else if (strchr("+-*/^()[],=", ch)) {
		lx->tok = TK_OP;
		lx->op = (char)ch;
		lx->p++;
	} else {
		lx->tok = TK_BAD;
		lx->bad = NULL; /* the parser names the character */
		lx->op = (char)ch;
	}
}
