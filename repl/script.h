/* script: logical lines and the commands in them. */
#ifndef OPTLAB_SCRIPT_H
#define OPTLAB_SCRIPT_H

#include <stddef.h>

#define SCRIPT_MAX_LINE 65536     /* bytes in one logical line, by default (linelimit) */
#define SCRIPT_LINE_CAP (1 << 20) /* ... and at most: an expression's text limit */

/* 1 when text is not a whole logical line yet: it ends with a backslash, or
 * has an open parenthesis, bracket or string outside a comment. */
int script_needs_more(const char *text);

/* Appends the physical line next to the logical line *buf (a backslash that
 * ends it becomes a space, the lines stay apart by '\n'). Returns -1 when
 * the result would exceed limit bytes, -2 without memory. *buf is reallocated. */
int script_append(char **buf, const char *next, size_t limit);

/* The next command in text from *pos: sets *start and *len (comments and
 * the separating ';' excluded) and advances *pos. Returns 0 at the end. */
int script_next_command(const char *text, int *pos, int *start, int *len);

#endif
