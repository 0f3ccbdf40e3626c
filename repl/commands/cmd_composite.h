/* cmd_composite: the composite and constrained parts of `problem`:
 *   problem NAME = EXPR [over SET] [subject to C1, C2, ...]
 * where the sum EXPR may hold one nonsmooth TERM with a weight W > 0 (W*TERM, TERM*W, a
 * number or a constant; default 1): norm1, norm2, sqnorm, group(K), scad(A), mcp(GAMMA); SET: box(LO, HI), nonneg, ball(R), simplex or simplex(R); C: LHS <= RHS,
 * LHS >= RHS or LHS = RHS over the problem's variables. */
#ifndef OPTLAB_CMD_COMPOSITE_H
#define OPTLAB_CMD_COMPOSITE_H

#include "optlab.h"
#include "sess.h"

/* Cuts the sum at the start of text (before `over` and `subject to`) and takes its
 * nonsmooth terms out: *smooth (the caller frees it) is the sum with each term replaced
 * by 0 and blanks (columns kept), *g the term (weights of the same term add) or NULL;
 * consts: the constants a weight may name. The sum's length, or -1 after sess_fail (base:
 * the column of text[0]). */
int cmd_composite_split(sess *s, const char *text, int base, const expr_const *consts,
                        int nconsts, char **smooth, prob_reg **g);
/* Parses src + at (what cmd_composite_split cut off) and attaches it to p; base is the
 * column of src[0]. 0, or -1 after sess_fail. */
int cmd_composite_attach(sess *s, prob *p, const char *src, int at, const expr_const *consts,
                         int nconsts);

#endif
