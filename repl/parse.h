/* parse: the pieces of syntax that commands share. Each returns 0, or
 * reports an error at the offending token and returns -1. */
#ifndef OPTLAB_PARSE_H
#define OPTLAB_PARSE_H

#include "lex.h"
#include "sess.h"

/* Nothing more may follow. */
int parse_end(sess *s, lex *l);
/* Expects punctuation p and moves past it. */
int parse_punct(sess *s, lex *l, const char *p);
/* Expects the keyword w and moves past it. */
int parse_keyword(sess *s, lex *l, const char *w);
/* A name (a word); copies it into buf. */
int parse_name(sess *s, lex *l, const char *what, char *buf, int cap);

#endif
