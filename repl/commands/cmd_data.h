/* cmd_data: library problems on data loaded from CSV (csv.h):
 * `problem p = leastsq(csv = "data.csv", lambda = 0.01, label = 3)`, also logreg, softmax
 * and lasso. */
#ifndef OPTLAB_CMD_DATA_H
#define OPTLAB_CMD_DATA_H

#include "lex.h"
#include "optlab.h"
#include "sess.h"

/* Does the library problem called name accept `csv = ...`. */
int cmd_data_accepts(const char *name);
/* `csv = "FILE" [, lambda = L] [, label = K])` with the lexer on `csv` (after the
 * library entry's `(`): the problem, or NULL after reporting the error. */
prob *cmd_data_problem(sess *s, lex *l, const problib_entry *e);

#endif
