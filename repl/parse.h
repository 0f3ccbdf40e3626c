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

#include "ws.h"

/* Where a value that starts at pos ends: the first ',', ')' or ']' outside
 * brackets, or the end of the text. */
int parse_value_end(const char *src, int pos);
/* Reports an expression error found in text that starts at byte base of
 * the current command. Returns -1. */
int parse_expr_fail(sess *s, int base, const char *text, const expr_error *e);
/* A constant expression (numbers, constants, functions) up to the end of
 * the value (see parse_value_end). */
int parse_const(sess *s, lex *l, double *v);
/* A signed number or a constant's name: for values followed by keywords. */
int parse_number(sess *s, lex *l, double *v);
/* A whole number in [lo, hi]. */
int parse_long(sess *s, lex *l, const char *what, long lo, long hi, long *v);
/* `(V, ...)`: a new array of *n constant values the caller frees. */
int parse_tuple(sess *s, lex *l, double **vals, int *n);
/* `NAME = VALUE, ...)` after an opening parenthesis, against a parameter
 * table: fills values (defaults first). The closing ')' is consumed. */
int parse_params(sess *s, lex *l, const char *owner, const param_def *defs, int n,
                 double *values);
/* A method spec: `METHOD` or `METHOD(PARAM = VALUE, ...)`. */
int parse_method(sess *s, lex *l, ws_solver *out);
/* Formats a method with its non-default parameters: "gd(step = 0.1)". */
void parse_format_method(const ws_solver *sv, char *buf, size_t cap);
/* The name of a workspace item of KIND ("a run", "a problem"): the item, or
 * NULL with "no run 'x'; `list` shows the workspace" reported at the name. */
ws_item *parse_item(sess *s, lex *l, enum ws_kind kind);
/* What parse_suggest looks among (ORDER-free bits). */
enum { SUGGEST_METHOD = 1, SUGGEST_LIBRARY = 2, SUGGEST_PROBLEM = 4, SUGGEST_SOLVER = 8,
       SUGGEST_RUN = 16 };
/* " (did you mean 'gd'?)" when a name of the KINDS is near NAME (a typo), else "". */
const char *parse_suggest(sess *s, const char *name, unsigned kinds, char *buf, size_t cap);
/* Reports "no run 'x' (did you mean 'y'?); ..." at COL; returns -1. */
int parse_no_item(sess *s, int col, enum ws_kind kind, const char *name);
/* A string argument "..." (a new buffer the caller frees). */
int parse_string(sess *s, lex *l, const char *what, char **out);
