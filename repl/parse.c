/* parse: shared pieces of command syntax. */
#include "parse.h"

#include <string.h>

/* Describes the current token for messages: 'word', end of line, ... */
static void describe(const lex_token *t, char *buf, size_t cap)
{
	if (t->kind == LEX_END)
		snprintf(buf, cap, "end of line");
	else
		snprintf(buf, cap, "'%.*s'", t->len > 40 ? 40 : t->len, t->text);
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
