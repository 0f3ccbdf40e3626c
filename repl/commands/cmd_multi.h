/* cmd_multi: the `objectives(...)` form of `problem`, several objectives over the same
 * variables (multi.h):
 *   problem NAME = objectives(F1, F2, ... [, ref = (R1, R2, ...)]) [over SET]
 * ref is the hypervolume's reference point. */
#ifndef OPTLAB_CMD_MULTI_H
#define OPTLAB_CMD_MULTI_H

#include "lex.h"
#include "sess.h"

/* Is the lexer on `objectives(`. */
int cmd_multi_is(const lex *l);
/* The problem, the lexer on `objectives`; vars: the declared variables (NULL: the free
 * names). NULL after sess_fail. */
prob *cmd_multi_problem(sess *s, lex *l, const char *name, const expr_var *vars, int nvars);

#endif
