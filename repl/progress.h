/* progress: one line on the terminal while a long command works, so that a
 * person sees it is alive: shown after half a second, redrawn at most five
 * times a second, erased at the end. Nothing at all off a terminal.
 * Ownership: a prog is a plain value on the caller's stack. */
#ifndef OPTLAB_PROGRESS_H
#define OPTLAB_PROGRESS_H

#include "sess.h"

#define PROG_AFTER 0.5 /* seconds before a long command shows progress */

typedef struct prog {
	sess *s;
	double t0, last; /* start, and the last redraw */
	int shown;       /* a line is on the screen */
} prog;

void prog_start(prog *p, sess *s);
/* True when a redraw is due now (the caller then formats its line cheaply). */
int prog_due(const prog *p);
/* Shows "  TEXT   SECONDS s (Ctrl-C stops)" in place of the previous line. */
void prog_show(prog *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Erases the line, if one was shown. */
void prog_done(prog *p);

#endif
