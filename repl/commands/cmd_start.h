/* cmd_start: the start of a run, what follows `from`. */
#ifndef OPTLAB_CMD_START_H
#define OPTLAB_CMD_START_H

#include <stdio.h>

#include "lex.h"
#include "sess.h"

/* (V, ...), default, x0, ones, zeros, fill(V), RUN (its current iterate) or "FILE".
 * *x0: a new array of p->n values, or NULL for the problem's default start; *def: a
 * new string that save writes after `from` (ones, zeros, fill(V)), or NULL where the
 * values themselves are to be written. 0, or -1 reported. */
int cmd_start_parse(sess *s, lex *l, const prob *p, const char *pname, double **x0, char **def);

/* The start of run item it as save writes it after `from`: default, its start_def, the
 * values, or, when no line can hold them and a script is being saved, the name of a file
 * written beside it (SCRIPT.RUN.csv). */
void cmd_start_write(sess *s, FILE *f, const ws_item *it);
/* The name of the file beside the script being saved for NAME's values; -1: none. */
int cmd_start_companion(sess *s, const char *name, char *path, size_t cap);

#endif
