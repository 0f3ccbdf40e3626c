/* expr_cc: the compiler's working state (expr_compile.c, expr_pass.c). */
#ifndef OPTLAB_EXPR_CC_H
#define OPTLAB_EXPR_CC_H

#include "expr_int.h"

/* An operand: k 0 a constant c, k 1 register r, k -1 failed. */
typedef struct opnd {
	int k;
	double c;
	int r;
} opnd;

typedef struct cc_block {
	expr_ins *ins;
	int nins, cap, nregs;
	int parent, level, kind, body;
	int known; /* constant bounds klo..khi */
	long klo, khi;
} cc_block;

typedef struct cc_hent {
	uint64_t hash; /* 0: empty */
	int blk, pos;
} cc_hent;

typedef struct cc {
	const expr_parse_out *po;
	expr_error *err;
	int failed;
	cc_block *b;
	int nb, capb;
	int open[EXPR_MAX_RED_NEST + 2]; /* the block being built at each level */
	cc_hent *ht;
	size_t hcap, hn;
	/* the data vectors read so far, copied one after another (the tape takes them) */
	double *data;
	size_t ndata;
	int *dkey;      /* per copied vector: its place among the options' constants */
	size_t *dpos;   /* ... and its offset in data */
	int nd;
} cc;

int cc_emit(cc *c, int blk, int op, int a, int b, int aux, double cv, double cv2, int line,
            int col);
int cc_new_block(cc *c, int parent, int level, int kind);
/* Fuse, drop dead code, analyse, and assemble the tape (NULL: out of memory). */
expr_tape *cc_finish(cc *c, const expr_parse_out *po);

#endif
