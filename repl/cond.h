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

#endif
