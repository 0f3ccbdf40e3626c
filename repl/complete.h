/* complete: what Tab offers at a point of a line, as a pure function of the
 * session, so that it can be tested without a terminal.
 * Ownership: the returned array and its strings are the caller's (cmpl_free). */
#ifndef OPTLAB_COMPLETE_H
#define OPTLAB_COMPLETE_H

#include "sess.h"

/* The words that could stand at byte `point` of `line` and start with the
 * word being typed there (the text from the word's start to point). NULL-
 * terminated; *in_string is set when the word is inside quotes (a file). */
char **cmpl_candidates(sess *s, const char *line, int point, int *in_string);
void cmpl_free(char **list);

#endif
