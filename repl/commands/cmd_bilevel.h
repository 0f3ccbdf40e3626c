/* cmd_bilevel: the `bilevel(...)` form of `problem`. */
#ifndef OPTLAB_CMD_BILEVEL_H
#define OPTLAB_CMD_BILEVEL_H

#include "sess.h"

/* `bilevel(upper = EXPR, lower = EXPR, x = (VARS), y = (VARS))` with the lexer on
 * `bilevel`: the problem, or NULL after sess_fail. */
prob *cmd_bilevel_problem(sess *s, lex *l, const char *name);

#endif
