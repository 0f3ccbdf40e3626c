/* cond: the conditions of `until`: comparisons of a run's quantities,
 * combined with `and` and `or` (and binds tighter), parentheses allowed.
 * Ownership: cond_parse returns a condition the caller frees with cond_free. */
#ifndef OPTLAB_COND_H
#define OPTLAB_COND_H

#include "lex.h"
#include "optlab.h"
#include "sess.h"

typedef struct cond cond;

/* Parses at the lexer; stops before `max` or the end. NULL on error. */
cond *cond_parse(sess *s, lex *l);
void cond_free(cond *c);
/* 1 when the run's latest trace row meets the condition. */
int cond_eval(const cond *c, const run *r);
/* 0, or the name of a quantity the run cannot supply (e.g. "fstar"). */
const char *cond_missing(const cond *c, const run *r);
/* Writes "Q = V, ..." for the condition's quantities at the run's latest row
 * (V with `precision` digits), for messages such as a failed assert's. */
void cond_measured(const cond *c, const run *r, int precision, char *buf, size_t cap);

#endif
