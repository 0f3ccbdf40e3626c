/* term: the interactive front end (readline, history, completion). */
#ifndef OPTLAB_TERM_H
#define OPTLAB_TERM_H

#include "sess.h"

/* Reads and runs commands at a prompt until quit or end of input. */
int term_loop(sess *s);
/* The few lines an interactive session opens with: the version, where help is,
 * the demo, and where the history is kept. */
void term_banner(FILE *f);

#endif
