/* cmd_plugin: plugin problems in the command language. */
#ifndef OPTLAB_CMD_PLUGIN_H
#define OPTLAB_CMD_PLUGIN_H

#include "lex.h"
#include "optlab.h"
#include "sess.h"

/* `plugin("FILE.so", n = N, name = "OBJ", PARAM = V, ...)` with the lexer on `plugin`:
 * the problem, or NULL after reporting the error. */
prob *cmd_plugin_problem(sess *s, lex *l);
/* After a command that returned rc: a fault inside a plugin during it (a crash or a
 * NaN) is an error that names the plugin and the call; else rc. */
int cmd_plugin_faults(sess *s, int rc);

#endif
