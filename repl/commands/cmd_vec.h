/* cmd_vec: data vectors and the printing of long vectors. */
#ifndef OPTLAB_CMD_VEC_H
#define OPTLAB_CMD_VEC_H

#include "lex.h"
#include "sess.h"

/* Prints v one value a line with its coordinate's name (p's names, else BASE[i]);
 * beyond a screen, a summary: the count of zeros and the largest entries. */
void cmd_vec_print(sess *s, const double *v, long n, const prob *p, const char *base);
/* `show NAME` of a data vector. */
void cmd_vec_show_data(sess *s, const ws_item *it);

/* The bytes of the line save would write for a data vector, and the line itself; a
 * vector no line can hold is read again from its file, or written beside the script
 * being saved (SCRIPT.NAME.csv). */
long cmd_vec_line_len(const ws_item *it);
void cmd_vec_save(sess *s, FILE *f, const ws_item *it);

/* Lists row's multipliers of a constrained run, mult1 .. multm, each with the
 * constraint it belongs to; returns m (0: the run records none). */
int cmd_vec_mults(sess *s, const run *r, long row);

/* `[V, ...]`: a new array of *n >= 1 constant values the caller frees. */
int cmd_vec_parse_values(sess *s, lex *l, double **v, int *n);
/* `[[V, ...], [V, ...], ...]`: a new m x k matrix, row-major, the caller frees. */
int cmd_vec_parse_matrix(sess *s, lex *l, double **a, int *m, int *k);

#endif
