/* lex: the tokens of one command. Tokens borrow the command's text. */
#ifndef OPTLAB_LEX_H
#define OPTLAB_LEX_H

#include <stddef.h>

enum lex_kind { LEX_END, LEX_WORD, LEX_NUMBER, LEX_STRING, LEX_PUNCT, LEX_BAD };

typedef struct lex_token {
	enum lex_kind kind;
	const char *text; /* start in the command text */
	int len;          /* bytes; a string token includes its quotes */
	int col;          /* 0-based byte offset in the command text */
	double num;       /* LEX_NUMBER */
} lex_token;

typedef struct lex {
	const char *src;
	int pos;
	lex_token tok; /* the current token */
} lex;

void lex_init(lex *l, const char *src);
/* Advances to the next token and returns it. */
const lex_token *lex_next(lex *l);
/* Moves to byte pos of the source and reads the token there. */
const lex_token *lex_seek(lex *l, int pos);
/* The current token is punctuation c (1 char) or the two-char operator s. */
int lex_is(const lex *l, const char *s);
/* The current token is the word w. */
int lex_word(const lex *l, const char *w);
/* A string token's contents, unescaped, in a new buffer the caller frees. */
char *lex_string(const lex_token *t);

#endif
