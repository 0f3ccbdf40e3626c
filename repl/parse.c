/* parse: shared pieces of command syntax. */
#include "parse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "problib.h"

/* Describes the current token for messages: 'word', end of line, ... */
static void describe(const lex_token *t, char *buf, size_t cap)
{
	int len = t->len > 40 ? 40 : t->len;
	for (int i = 0; i < len && t->kind != LEX_END; i++) {
		unsigned char c = (unsigned char)t->text[i];
		if (c < 0x20 || c >= 0x7f) { /* never echo control bytes or a cut UTF-8 sequence */
			snprintf(buf, cap, "byte 0x%02x", c);
			return;
		}
	}
	if (t->kind == LEX_END)
		snprintf(buf, cap, "end of line");
	else
		snprintf(buf, cap, "'%.*s'", len, t->text);
}

int parse_end(sess *s, lex *l)
{
	if (l->tok.kind == LEX_END)
		return 0;
	char what[64];
	describe(&l->tok, what, sizeof what);
	return sess_fail(s, l->tok.col, "unexpected %s", what);
}

int parse_punct(sess *s, lex *l, const char *p)
{
	if (!lex_is(l, p)) {
		char what[64];
		describe(&l->tok, what, sizeof what);
		return sess_fail(s, l->tok.col, "expected '%s', found %s", p, what);
	}
	lex_next(l);
	return 0;
}

int parse_keyword(sess *s, lex *l, const char *w)
{
	if (!lex_word(l, w)) {
		char what[64];
		describe(&l->tok, what, sizeof what);
		return sess_fail(s, l->tok.col, "expected '%s', found %s", w, what);
	}
	lex_next(l);
	return 0;
}

int parse_name(sess *s, lex *l, const char *what, char *buf, int cap)
{
	if (l->tok.kind != LEX_WORD) {
		char found[64];
		describe(&l->tok, found, sizeof found);
		return sess_fail(s, l->tok.col, "expected %s, found %s", what, found);
	}
	if (l->tok.len >= cap)
		return sess_fail(s, l->tok.col, "%s longer than %d characters", what, cap - 1);
	memcpy(buf, l->tok.text, (size_t)l->tok.len);
	buf[l->tok.len] = '\0';
	lex_next(l);
	return 0;
}

#include <stdlib.h>

int parse_value_end(const char *src, int pos)
{
	int depth = 0;
	for (; src[pos]; pos++) {
		char c = src[pos];
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth-- == 0)
			break;
		else if (c == ',' && depth == 0)
			break;
	}
	return pos;
}

int parse_expr_fail(sess *s, int base, const char *text, const expr_error *e)
{
	int off = 0;
	for (int line = 1; line < e->line && text[off]; off++)
		if (text[off] == '\n')
			line++;
	return sess_fail(s, base + off + (e->col > 0 ? e->col - 1 : 0), "%s", e->msg);
}

int parse_const(sess *s, lex *l, double *v)
{
	int start = l->tok.col;
	int end = parse_value_end(l->src, start);
	if (l->tok.kind == LEX_END || end == start)
		return sess_fail(s, start, "expected a value");
	char *text = strndup(l->src + start, (size_t)(end - start));
	if (!text)
		return sess_fail(s, start, "out of memory");
	static const expr_var none[1];
	expr_const consts[256];
	expr_options opt = {.vars = none /* declared, and none: a constant */, .nvars = 0,
	                    .max_depth = (int)s->set.depthlimit};
	opt.consts = consts;
	opt.nconsts = ws_consts(&s->ws, consts, 256);
	expr_error e;
	expr_tape *t = expr_compile(text, &opt, &e);
	if (!t) {
		int rc = parse_expr_fail(s, start, text, &e);
		free(text);
		return rc;
	}
	*v = expr_value(t, NULL);
	expr_free(t);
	if (!isfinite(*v)) { /* 1e999, or 1/0: no start, bound or constant is infinite */
		int rc = sess_fail(s, start, "'%s' is not a finite number", text);
		free(text);
		return rc;
	}
	free(text);
	lex_seek(l, end);
	return 0;
}

int parse_number(sess *s, lex *l, double *v)
{
	int col = l->tok.col, sign = 1;
	if (lex_is(l, "-") || lex_is(l, "+")) {
		sign = lex_is(l, "-") ? -1 : 1;
		lex_next(l);
	}
	if (l->tok.kind == LEX_NUMBER) {
		*v = sign * l->tok.num;
		lex_next(l);
		return 0;
	}
	if (l->tok.kind == LEX_WORD) {
		char name[WS_NAME_MAX];
		int wcol = l->tok.col;
		if (parse_name(s, l, "a number", name, sizeof name) != 0)
			return -1;
		ws_item *c = ws_get_kind(&s->ws, name, WS_CONST);
		if (!c)
			return sess_fail(s, wcol, "expected a number, found '%s'", name);
		*v = sign * c->u.c.value;
		return 0;
	}
	return sess_fail(s, col, "expected a number");
}

int parse_long(sess *s, lex *l, const char *what, long lo, long hi, long *v)
{
	int col = l->tok.col;
	double d;
	if (parse_number(s, l, &d) != 0)
		return -1;
	/* the range first: converting a double beyond long (or NaN) is undefined */
	if (!(d >= (double)lo && d <= (double)hi) || d != (double)(long)d)
		return sess_fail(s, col, "%s must be a whole number from %ld to %ld", what, lo, hi);
	*v = (long)d;
	return 0;
}

int parse_tuple(sess *s, lex *l, double **vals, int *n)
{
	*vals = NULL;
	*n = 0;
	if (parse_punct(s, l, "(") != 0)
		return -1;
	int cap = 0;
	while (!lex_is(l, ")")) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			double *v = realloc(*vals, (size_t)cap * sizeof *v);
			if (!v) {
				sess_fail(s, l->tok.col, "out of memory");
				goto fail;
			}
			*vals = v;
		}
		if (parse_const(s, l, &(*vals)[*n]) != 0)
			goto fail;
		(*n)++;
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, ")")) {
			parse_punct(s, l, ")");
			goto fail;
		}
	}
	lex_next(l);
	return 0;
fail:
	free(*vals);
	*vals = NULL;
	return -1;
}

int parse_params(sess *s, lex *l, const char *owner, const param_def *defs, int n,
                 double *values)
{
	param_defaults(defs, n, values);
	unsigned long seen = 0; /* a parameter given twice is an error, not the last one */
	while (!lex_is(l, ")")) {
		int col = l->tok.col;
		char name[WS_NAME_MAX];
		if (parse_name(s, l, "a parameter name", name, sizeof name) != 0)
			return -1;
		int k = param_find(defs, n, name);
		if (k >= 0 && (seen >> k & 1))
			return sess_fail(s, col, "%s: parameter '%s' is given twice", owner, name);
		if (k >= 0)
			seen |= 1ul << k;
		if (k < 0) {
			char list[512] = "";
			for (int i = 0; i < n; i++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				         i ? ", " : "", defs[i].name);
			return sess_fail(s, col, "%s has no parameter '%s' (it has: %s)", owner, name,
			                 n ? list : "none");
		}
		if (parse_punct(s, l, "=") != 0)
			return -1;
		int vcol = l->tok.col;
		if (defs[k].choices && l->tok.kind == LEX_WORD) {
			char word[WS_NAME_MAX];
			if (parse_name(s, l, "a choice", word, sizeof word) != 0)
				return -1;
			int c = param_choice(&defs[k], word);
			if (c < 0) {
				char list[256] = "";
				for (int i = 0; defs[k].choices[i]; i++)
					snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
					         i ? ", " : "", defs[k].choices[i]);
				return sess_fail(s, vcol, "%s must be one of: %s", name, list);
			}
			values[k] = c;
			goto next;
		}
		double v;
		if (parse_const(s, l, &v) != 0)
			return -1;
		char err[160];
		if (param_check(&defs[k], v, err, sizeof err) != 0)
			return sess_fail(s, vcol, "%s", err);
		values[k] = v;
	next:
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, ")"))
			return parse_punct(s, l, ")");
	}
	lex_next(l);
	return 0;
}

/* Does a spec `NAME(P = V, ...)` (len bytes) give some value as an expression, not a
 * plain number or a choice's word? Then it is kept as typed (save, list). */
static int typed_expression(const char *spec, int len)
{
	for (int i = 0; i < len; i++) {
		if (spec[i] != '=')
			continue;
		int j = i + 1, end = i + 1 + (parse_value_end(spec, i + 1) - (i + 1));
		if (end > len)
			end = len;
		while (j < end && spec[j] == ' ')
			j++;
		char buf[64];
		int n = end - j;
		while (n > 0 && (spec[j + n - 1] == ' ' || spec[j + n - 1] == ')'))
			n--;
		if (n <= 0 || n >= (int)sizeof buf)
			return n > 0;
		memcpy(buf, spec + j, (size_t)n);
		buf[n] = 0;
		char *q;
		strtod(buf, &q);
		int word = 1;
		for (int k = 0; k < n; k++)
			word = word && (buf[k] == '_' || (buf[k] >= 'a' && buf[k] <= 'z'));
		if (*q && !word)
			return 1;
	}
	return 0;
}

int parse_method(sess *s, lex *l, ws_solver *out)
{
	int col = l->tok.col;
	char name[WS_NAME_MAX];
	if (parse_name(s, l, "a method name", name, sizeof name) != 0)
		return -1;
	const meth *m = meth_find(name);
	if (!m) {
		char hint[96];
		return sess_fail(s, col, "unknown method '%s'%s; `methods` lists them", name,
		                 parse_suggest(s, name, SUGGEST_METHOD, hint, sizeof hint));
	}
	out->m = m;
	out->text[0] = 0;
	if (!lex_is(l, "(")) {
		param_defaults(m->params, m->nparams, out->params);
		return 0;
	}
	lex_next(l);
	if (parse_params(s, l, m->name, m->params, m->nparams, out->params) != 0)
		return -1;
	int end = l->tok.kind == LEX_END ? (int)strlen(l->src) : l->tok.col;
	while (end > col && (l->src[end - 1] == ' ' || l->src[end - 1] == '\t'))
		end--;
	if (end - col < (int)sizeof out->text && typed_expression(l->src + col, end - col)) {
		memcpy(out->text, l->src + col, (size_t)(end - col));
		out->text[end - col] = 0;
		memcpy(out->tparams, out->params, sizeof out->tparams);
	}
	return 0;
}

void parse_format_method(const ws_solver *sv, char *buf, size_t cap)
{
	const meth *m = sv->m;
	if (sv->text[0] && !memcmp(sv->params, sv->tparams, (size_t)m->nparams * sizeof *sv->params)) {
		snprintf(buf, cap, "%s", sv->text);
		return;
	}
	size_t len = (size_t)snprintf(buf, cap, "%s", m->name);
	int first = 1;
	for (int i = 0; i < m->nparams && len < cap; i++) {
		if (sv->params[i] == m->params[i].def)
			continue;
		char v[64];
		param_format(&m->params[i], sv->params[i], v, sizeof v);
		len += (size_t)snprintf(buf + len, cap - len, "%s%s = %s", first ? "(" : ", ",
		                        m->params[i].name, v);
		first = 0;
	}
	if (!first && len < cap)
		snprintf(buf + len, cap - len, ")");
}

int parse_string(sess *s, lex *l, const char *what, char **out)
{
	if (l->tok.kind != LEX_STRING) {
		if (l->tok.kind == LEX_BAD && l->tok.text[0] == '"')
			return sess_fail(s, l->tok.col, "unterminated string");
		return sess_fail(s, l->tok.col, "expected %s in double quotes", what);
	}
	*out = lex_string(&l->tok);
	if (!*out)
		return sess_fail(s, l->tok.col, "out of memory");
	lex_next(l);
	return 0;
}

const char *parse_suggest(sess *s, const char *name, unsigned kinds, char *buf, size_t cap)
{
	int nm = 0, nl = 0, n = 0;
	const meth *const *cat = meth_catalog(&nm);
	const problib_entry *lib = problib_catalog(&nl);
	const char **cands = malloc(((size_t)nm + nl + s->ws.count + 1) * sizeof *cands);
	buf[0] = '\0';
	if (!cands)
		return buf;
	for (int i = 0; i < s->ws.count; i++) { /* the workspace first: its names win ties */
		int k = (int)s->ws.items[i]->kind;
		if ((k == WS_PROBLEM && (kinds & SUGGEST_PROBLEM)) ||
		    (k == WS_SOLVER && (kinds & SUGGEST_SOLVER)) || (k == WS_RUN && (kinds & SUGGEST_RUN)))
			cands[n++] = s->ws.items[i]->name;
	}
	for (int i = 0; (kinds & SUGGEST_METHOD) && i < nm; i++)
		cands[n++] = cat[i]->name;
	for (int i = 0; (kinds & SUGGEST_LIBRARY) && i < nl; i++)
		cands[n++] = lib[i].name;
	const char *best = expr_suggest(name, (int)strlen(name), cands, n);
	if (best)
		snprintf(buf, cap, " (did you mean '%s'?)", best);
	free(cands);
	return buf;
}

int parse_no_item(sess *s, int col, enum ws_kind kind, const char *name)
{
	if (kind == WS_PROBLEM && problib_find(name))
		return sess_fail(s, col, "no problem '%s' in the workspace; `problem %s = %s` defines it",
		                 name, name, name);
	char hint[96];
	unsigned k = kind == WS_RUN ? SUGGEST_RUN : kind == WS_SOLVER ? SUGGEST_SOLVER : SUGGEST_PROBLEM;
	return sess_fail(s, col, "no %s '%s'%s; `list` shows the workspace", ws_kind_name(kind), name,
	                 parse_suggest(s, name, k, hint, sizeof hint));
}

ws_item *parse_item(sess *s, lex *l, enum ws_kind kind)
{
	char name[WS_NAME_MAX], what[32];
	int col = l->tok.col;
	snprintf(what, sizeof what, "a %s name", ws_kind_name(kind));
	if (parse_name(s, l, what, name, sizeof name) != 0)
		return NULL;
	ws_item *it = ws_get_kind(&s->ws, name, kind);
	if (!it)
		parse_no_item(s, col, kind, name);
	return it;
}
