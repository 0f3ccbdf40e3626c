/* expr_pass: the passes over a compiled tape: fusion, dead code, renumbering,
 * activity, first-store flags for the reverse sweep, unit adjoints, lanes. */
#include <stdlib.h>
#include <string.h>

#include "expr_cc.h"

/* In a block under construction register r is defined by instruction r. */
#define DEF(B, r) (&(B)->ins[(r)])

static int is_reg_op(int op)
{
	return op < OP_NMATH_ || op == OP_GATHER || op == OP_DGATHER || op == OP_RED;
}

/* Uses of every register of every block (OUTER counts in the parent). */
static int **count_uses(cc *c)
{
	int **u = calloc((size_t)c->nb, sizeof *u);
	if (!u)
		return NULL;
	for (int b = 0; b < c->nb; b++) {
		u[b] = calloc((size_t)c->b[b].nregs + 1, sizeof **u);
		if (!u[b]) {
			for (int j = 0; j < b; j++)
				free(u[j]);
			free(u);
			return NULL;
		}
	}
	for (int b = 0; b < c->nb; b++) {
		cc_block *B = &c->b[b];
		if (B->body >= 0)
			u[b][B->body]++;
		for (int k = 0; k < B->nins; k++) {
			expr_ins *in = &B->ins[k];
			if (in->op == OP_OUTER)
				u[B->parent][in->aux]++;
			else if (is_reg_op(in->op)) {
				if (in->a >= 0)
					u[b][in->a]++;
				if (in->b >= 0)
					u[b][in->b]++;
			}
		}
	}
	return u;
}

/* c*a + b and (a - b)^2 as one instruction: fewer passes over the lanes. */
static void fuse(cc *c, int **u)
{
	for (int b = 0; b < c->nb; b++) {
		cc_block *B = &c->b[b];
		int *ub = u[b];
		for (int k = 0; k < B->nins; k++) {
			expr_ins *in = &B->ins[k];
			if (in->op == OP_ADD && in->a != in->b) {
				for (int side = 0; side < 2; side++) {
					int r = side ? in->b : in->a, o = side ? in->a : in->b;
					expr_ins *m = DEF(B, r);
					if (m->op == OP_MULC && ub[r] == 1) {
						ub[r]--;
						in->op = OP_AXPYC;
						in->a = m->a;
						in->b = o;
						in->c = m->c;
						break;
					}
				}
			} else if (in->op == OP_SQ) {
				expr_ins *m = DEF(B, in->a);
				if (ub[in->a] != 1)
					continue;
				if (m->op == OP_SUB) {
					ub[in->a]--;
					in->op = OP_SQSUB;
					in->a = m->a;
					in->b = m->b;
				} else if (m->op == OP_ADDC || m->op == OP_RSUBC) {
					ub[in->a]--;
					in->op = OP_SQDC;
					in->c = m->op == OP_ADDC ? -m->c : m->c;
					in->a = m->a;
				}
			}
		}
	}
}

/* Mark what the result needs, block by block through RED and OUTER. */
static void mark_live(cc *c, unsigned char **live, unsigned char *blive, int b)
{
	cc_block *B = &c->b[b];
	blive[b] = 1;
	live[b][B->body] = 1;
	for (int k = B->nins - 1; k >= 0; k--) {
		expr_ins *in = &B->ins[k];
		if (!live[b][in->d])
			continue;
		if (in->op == OP_OUTER)
			live[B->parent][in->aux] = 1;
		else if (is_reg_op(in->op)) {
			if (in->a >= 0)
				live[b][in->a] = 1;
			if (in->b >= 0)
				live[b][in->b] = 1;
		}
		if (in->op == OP_RED)
			mark_live(c, live, blive, in->aux);
	}
}

/* Activity: does a register depend on a variable. */
static void mark_active(expr_tape *t, int b)
{
	expr_block *B = &t->blocks[b];
	unsigned char *act = t->regact + B->sbase;
	for (int k = 0; k < B->nins; k++) {
		expr_ins *in = &t->ins[B->ins0 + k];
		int a = 0;
		switch (in->op) {
		case OP_VAR:
		case OP_SLICE:
		case OP_GATHER:
			a = 1;
			break;
		case OP_CONST:
		case OP_IDX:
		case OP_DSLICE:
		case OP_DGATHER:
			break;
		case OP_OUTER:
			a = t->regact[t->blocks[B->parent].sbase + in->aux];
			break;
		case OP_RED:
			mark_active(t, in->aux);
			a = t->regact[t->blocks[in->aux].sbase + t->blocks[in->aux].body];
			break;
		default:
			a = act[in->a] || (in->b >= 0 && act[in->b]);
		}
		act[in->d] = in->act = (unsigned char)a;
	}
}

/* Reverse sweep of a sub-block: the first contribution to an adjoint (in
 * reverse order) stores, the rest add; slices add into g, never store. */
static int set_flags(expr_tape *t, int b)
{
	expr_block *B = &t->blocks[b];
	unsigned char *act = t->regact + B->sbase;
	unsigned char *touched = calloc((size_t)B->nregs + 1, 1);
	if (!touched)
		return 0;
	touched[B->body] = 1;
	for (int k = B->nins - 1; k >= 0; k--) {
		expr_ins *in = &t->ins[B->ins0 + k];
		in->seta = in->setb = 0;
		if (!in->act || in->op >= OP_NMATH_)
			continue;
		for (int side = 0; side < 2; side++) {
			int r = side ? in->b : in->a;
			if (r < 0 || !act[r])
				continue;
			int slice = t->ins[B->ins0 + r].op == OP_SLICE;
			int set = !slice && !touched[r];
			touched[r] = 1;
			if (side)
				in->setb = (unsigned char)set;
			else
				in->seta = (unsigned char)set;
		}
	}
	free(touched);
	return 1;
}

/* Block 0: which reductions reach the result with adjoint exactly 1. */
static void mark_unit(expr_tape *t)
{
	expr_block *B = &t->blocks[0];
	int n = B->nregs;
	int *uses = calloc((size_t)n + 1, sizeof *uses);
	unsigned char *unit = calloc((size_t)n + 1, 1);
	if (uses && unit) {
		for (int k = 0; k < B->nins; k++) {
			expr_ins *in = &t->ins[B->ins0 + k];
			if (is_reg_op(in->op)) {
				if (in->a >= 0)
					uses[in->a]++;
				if (in->b >= 0)
					uses[in->b]++;
			}
		}
		for (int b = 1; b < t->nblocks; b++)
			for (int k = 0; k < t->blocks[b].nins; k++) {
				expr_ins *in = &t->ins[t->blocks[b].ins0 + k];
				if (in->op == OP_OUTER && t->blocks[b].parent == 0)
					uses[in->aux]++;
			}
		unit[B->body] = uses[B->body] == 0;
		for (int k = B->nins - 1; k >= 0; k--) {
			expr_ins *in = &t->ins[B->ins0 + k];
			if (!unit[in->d])
				continue;
			if (in->op == OP_RED) {
				t->blocks[in->aux].unit = t->blocks[in->aux].kind == RED_SUM;
			} else if (in->op == OP_ADD || in->op == OP_SUB || in->op == OP_ADDC) {
				if (in->a >= 0 && uses[in->a] == 1)
					unit[in->a] = 1;
				if (in->op == OP_ADD && in->b >= 0 && uses[in->b] == 1)
					unit[in->b] = 1;
			}
		}
	}
	free(uses);
	free(unit);
}

/* Assemble the live instructions into the tape, registers renumbered densely. */
static int assemble(cc *c, expr_tape *t, unsigned char **live, unsigned char *blive)
{
	int *bmap = malloc((size_t)c->nb * sizeof *bmap);
	int **rmap = calloc((size_t)c->nb, sizeof *rmap);
	int ok = bmap && rmap, nb = 0, nins = 0;
	for (int b = 0; ok && b < c->nb; b++) {
		bmap[b] = blive[b] ? nb++ : -1;
		if (blive[b])
			for (int k = 0; k < c->b[b].nins; k++)
				nins += live[b][c->b[b].ins[k].d];
	}
	if (ok) {
		t->ins = malloc((size_t)(nins ? nins : 1) * sizeof *t->ins);
		t->blocks = calloc((size_t)nb, sizeof *t->blocks);
		ok = t->ins && t->blocks;
	}
	int pos = 0, regs = 0;
	for (int b = 0; ok && b < c->nb; b++) {
		if (!blive[b])
			continue;
		cc_block *S = &c->b[b];
		expr_block *B = &t->blocks[bmap[b]];
		rmap[b] = malloc(((size_t)S->nregs + 1) * sizeof **rmap);
		if (!rmap[b]) {
			ok = 0;
			break;
		}
		B->ins0 = pos;
		B->parent = S->parent >= 0 ? bmap[S->parent] : -1;
		B->level = S->level;
		B->kind = S->kind;
		B->sbase = regs;
		int nr = 0;
		for (int k = 0; k < S->nins; k++) {
			expr_ins in = S->ins[k];
			if (!live[b][in.d])
				continue;
			rmap[b][in.d] = nr;
			in.d = nr++;
			if (in.op == OP_OUTER)
				in.aux = rmap[S->parent][in.aux];
			else if (is_reg_op(in.op)) {
				in.a = in.a >= 0 ? rmap[b][in.a] : -1;
				in.b = in.b >= 0 ? rmap[b][in.b] : -1;
			}
			if (in.op == OP_RED)
				in.aux = bmap[in.aux];
			t->ins[pos++] = in;
		}
		B->nins = pos - B->ins0;
		B->nregs = nr;
		B->body = rmap[b][S->body];
		regs += nr;
	}
	t->nins = pos;
	t->nblocks = nb;
	t->nregs = regs;
	if (rmap)
		for (int b = 0; b < c->nb; b++)
			free(rmap[b]);
	free(rmap);
	free(bmap);
	return ok;
}

expr_tape *cc_finish(cc *c, const expr_parse_out *po)
{
	expr_tape *t = calloc(1, sizeof *t);
	int **u = count_uses(c);
	unsigned char **live = calloc((size_t)c->nb, sizeof *live);
	unsigned char *blive = calloc((size_t)c->nb, 1);
	int ok = t && u && live && blive;
	for (int b = 0; ok && b < c->nb; b++)
		ok = (live[b] = calloc((size_t)c->b[b].nregs + 1, 1)) != NULL;
	if (ok) {
		fuse(c, u);
		mark_live(c, live, blive, 0);
		ok = assemble(c, t, live, blive);
	}
	if (ok)
		ok = (t->regact = calloc((size_t)t->nregs + 1, 1)) != NULL;
	if (ok) {
		mark_active(t, 0);
		for (int b = 1; ok && b < t->nblocks; b++)
			ok = set_flags(t, b);
		mark_unit(t);
	}
	if (u)
		for (int b = 0; b < c->nb; b++)
			free(u[b]);
	free(u);
	if (live)
		for (int b = 0; b < c->nb; b++)
			free(live[b]);
	free(live);
	free(blive);
	if (!ok) {
		if (t) {
			free(t->ins);
			free(t->blocks);
			free(t->regact);
			free(t);
		}
		return NULL;
	}
	/* the fast path: every reduction a flat sum directly under block 0 */
	t->fast = 1;
	t->batch_fast = t->nblocks == 1;
	for (int b = 0; b < t->nblocks; b++) {
		expr_block *B = &t->blocks[b];
		B->flat = 1;
		for (int k = 0; k < B->nins; k++)
			if (t->ins[B->ins0 + k].op == OP_RED)
				B->flat = 0;
		if (b > 0 && (!B->flat || B->kind != RED_SUM || B->parent != 0))
			t->fast = 0;
		int lanes = EXPR_LANE_BUDGET / (B->nregs ? B->nregs : 1);
		B->lanes = lanes < 1 ? 1 : lanes > EXPR_LANES ? EXPR_LANES : lanes;
	}
	(void)po;
	return t;
}
