/* cmd_composite: the composite and constrained parts of `problem`:
 *   problem NAME = EXPR [+ [W*]TERM] [over SET] [subject to C1, C2, ...]
 * TERM: norm1, norm2, sqnorm, group(K), scad(A), mcp(GAMMA) (W the weight lambda,
 * default 1); SET: box(LO, HI), nonneg, ball(R), simplex or simplex(R); C: LHS <= RHS,
 * LHS >= RHS or LHS = RHS over the problem's variables. */
#ifndef OPTLAB_CMD_COMPOSITE_H
#define OPTLAB_CMD_COMPOSITE_H

#include "optlab.h"
#include "sess.h"

/* The length of the smooth expression at the start of text (before the term, `over`
 * and `subject to`). */
int cmd_composite_split(const char *text);
/* Parses src + at (what cmd_composite_split cut off) and attaches it to p; base is the
 * column of src[0]. 0, or -1 after sess_fail. */
int cmd_composite_attach(sess *s, prob *p, const char *src, int at, const expr_const *consts,
                         int nconsts);

#endif
