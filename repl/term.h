/* term: the interactive front end (readline, history, completion). */
#ifndef OPTLAB_TERM_H
#define OPTLAB_TERM_H

#include "sess.h"

/* Reads and runs commands at a prompt until quit or end of input. */
int term_loop(sess *s);

#endif
