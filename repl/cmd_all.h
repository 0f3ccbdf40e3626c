/* The handlers of the command table, one group of commands a file. */
#ifndef OPTLAB_CMD_ALL_H
#define OPTLAB_CMD_ALL_H

#include "lex.h"
#include "sess.h"

/* cmd_session.c */
int cmd_help(sess *s, lex *l);
int cmd_quit(sess *s, lex *l);

#endif
