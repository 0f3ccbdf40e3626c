/* lex: words, numbers, "strings" and punctuation of the command language. */
#include "lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void lex_init(lex *l, const char *src)
{
	l->src = src;
	l->pos = 0;
	memset(&l->tok, 0, sizeof l->tok);
	lex_next(l);
}

static int is_word_start(int c) { return isalpha(c) || c == '_'; }
static int is_word_char(int c) { return isalnum(c) || c == '_' || c == '.'; }

const lex_token *lex_next(lex *l)
{
	const char *s = l->src;
	int p = l->pos;
	while (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\n')
		p++;
	lex_token *t = &l->tok;
	t->text = s + p;
	t->col = p;
	t->num = 0;
	unsigned char c = (unsigned char)s[p];
	if (c == '\0') {
		t->kind = LEX_END;
		t->len = 0;
	} else if (is_word_start(c)) {
		int q = p + 1;
		while (is_word_char((unsigned char)s[q]))
			q++;
		t->kind = LEX_WORD;
		t->len = q - p;
	} else if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[p + 1]))) {
		char *end;
		t->num = strtod(s + p, &end);
		t->kind = LEX_NUMBER;
		t->len = (int)(end - (s + p));
	} else if (c == '"') {
		int q = p + 1;
		while (s[q] && s[q] != '"') {
			if (s[q] == '\\' && s[q + 1])
				q++;
			q++;
		}
		t->kind = s[q] == '"' ? LEX_STRING : LEX_BAD;
		t->len = (s[q] == '"' ? q + 1 : q) - p;
	} else {
		static const char *const two[] = {"<=", ">=", "==", "!=", NULL};
		t->kind = LEX_PUNCT;
		t->len = 1;
		for (int i = 0; two[i]; i++)
			if (strncmp(s + p, two[i], 2) == 0)
				t->len = 2;
		if (c >= 0x80 || (!ispunct(c)))
			t->kind = LEX_BAD;
	}
	l->pos = p + t->len;
	return t;
}

const lex_token *lex_seek(lex *l, int pos)
{
	l->pos = pos;
	return lex_next(l);
}

int lex_is(const lex *l, const char *s)
{
	const lex_token *t = &l->tok;
	return t->kind == LEX_PUNCT && (int)strlen(s) == t->len && strncmp(t->text, s, t->len) == 0;
}

int lex_word(const lex *l, const char *w)
{
	const lex_token *t = &l->tok;
	return t->kind == LEX_WORD && (int)strlen(w) == t->len && strncmp(t->text, w, t->len) == 0;
}

char *lex_string(const lex_token *t)
{
	char *out = malloc((size_t)t->len + 1);
	if (!out)
		return NULL;
	int n = 0;
	for (int i = 1; i < t->len - 1; i++) {
		char c = t->text[i];
		if (c == '\\' && i + 1 < t->len - 1) {
			c = t->text[++i];
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}
