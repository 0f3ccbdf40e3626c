/* expr_compile: syntax tree -> tape. Constants folded, common subexpressions
 * shared (hash-consing per block), loop invariants hoisted out of reductions,
 * x[i + k] read as a slice. The passes over the finished tape are in expr_pass.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_cc.h"

/* ---- emission with hash-consing ---- */

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t dbits(double c)
{
	uint64_t u;
	memcpy(&u, &c, sizeof u);
	return u;
}

static uint64_t ins_hash(int blk, const expr_ins *in)
{
	uint64_t h = mix((uint64_t)blk, (uint64_t)in->op);
	h = mix(h, (uint64_t)(uint32_t)in->a);
	h = mix(h, (uint64_t)(uint32_t)in->b);
	h = mix(h, (uint64_t)(uint32_t)in->aux);
	h = mix(h, dbits(in->c));
	h = mix(h, dbits(in->c2));
	return h ? h : 1;
}

static int ins_same(const expr_ins *x, const expr_ins *y)
{
	return x->op == y->op && x->a == y->a && x->b == y->b && x->aux == y->aux &&
	       dbits(x->c) == dbits(y->c) && dbits(x->c2) == dbits(y->c2);
}

static int cse_grow(cc *c)
{
	size_t cap = c->hcap ? 2 * c->hcap : 1024;
	cc_hent *h = calloc(cap, sizeof *h);
	if (!h)
		return 0;
	for (size_t k = 0; k < c->hcap; k++) {
		if (!c->ht[k].hash)
			continue;
		size_t j = c->ht[k].hash & (cap - 1);
		while (h[j].hash)
			j = (j + 1) & (cap - 1);
		h[j] = c->ht[k];
	}
	free(c->ht);
	c->ht = h;
	c->hcap = cap;
	return 1;
}

/* Emit into block blk; returns the register, or -1 (out of memory). */
int cc_emit(cc *c, int blk, int op, int a, int b, int aux, double cv, double cv2, int line, int col)
{
	cc_block *B = &c->b[blk];
	expr_ins in = {.op = op, .a = a, .b = b, .aux = aux, .c = cv, .c2 = cv2,
	               .line = line, .col = col};
	if ((op == OP_ADD || op == OP_MUL) && a > b) {
		in.a = b; /* commutative: one canonical order */
		in.b = a;
	}
	uint64_t h = ins_hash(blk, &in);
	if (2 * (c->hn + 1) > c->hcap && !cse_grow(c))
		return -1;
	size_t j = h & (c->hcap - 1);
	for (; c->ht[j].hash; j = (j + 1) & (c->hcap - 1)) {
		cc_hent *e = &c->ht[j];
		if (e->hash == h && e->blk == blk && ins_same(&c->b[blk].ins[e->pos], &in))
			return c->b[blk].ins[e->pos].d;
	}
	if (B->nins == B->cap) {
		int cap = B->cap ? 2 * B->cap : 16;
		expr_ins *ni = realloc(B->ins, (size_t)cap * sizeof *ni);
		if (!ni)
			return -1;
		B->ins = ni;
		B->cap = cap;
	}
	in.d = B->nregs++;
	B->ins[B->nins] = in;
	c->ht[j].hash = h;
	c->ht[j].blk = blk;
	c->ht[j].pos = B->nins++;
	c->hn++;
	return in.d;
}

/* ---- operands ---- */

static opnd K(double v)
{
	opnd o = {0, v, -1};
	return o;
}

static opnd R(int r)
{
	opnd o = {1, 0, r};
	return o;
}

static opnd BAD(void)
{
	opnd o = {-1, 0, -1};
	return o;
}

static opnd cc_oom(cc *c)
{
	if (!c->failed)
		expr_err_set(c->err, 1, 1, "out of memory");
	c->failed = 1;
	return BAD();
}

static opnd cc_fail(cc *c, const expr_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static opnd cc_fail(cc *c, const expr_node *n, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!c->failed)
		expr_err_set(c->err, n->line, n->col, "%s", buf);
	c->failed = 1;
	return BAD();
}

/* The deepest reduction level in a dependency mask (0: none). */
static int top_level(uint64_t deps)
{
	int l = 0;
	while (deps >> (l + 1))
		l++;
	return deps ? l : 0;
}

static opnd emit_o(cc *c, int L, int op, int a, int b, int aux, double cv, double cv2,
                   const expr_node *n)
{
	int r = cc_emit(c, c->open[L], op, a, b, aux, cv, cv2, n ? n->line : 0, n ? n->col : 0);
	return r < 0 ? cc_oom(c) : R(r);
}

/* A register for an operand in level L (constants become CONST). */
static int reg_of(cc *c, int L, opnd o, const expr_node *n)
{
	if (o.k == 1)
		return o.r;
	opnd r = emit_o(c, L, OP_CONST, -1, -1, 0, o.c, 0, n);
	return r.k == 1 ? r.r : -1;
}

static opnd unop(cc *c, int L, int op, opnd a, double cv, const expr_node *n)
{
	if (a.k < 0)
		return a;
	if (a.k == 0)
		return K(expr_op_val(op, a.c, 0, cv));
	return emit_o(c, L, op, a.r, -1, 0, cv, 0, n);
}

/* a OP b with the fused forms for a constant operand. */
static opnd binop(cc *c, int L, int op, opnd a, opnd b, const expr_node *n)
{
	if (a.k < 0 || b.k < 0)
		return BAD();
	if (a.k == 0 && b.k == 0)
		return K(expr_op_val(op, a.c, b.c, 0));
	if (b.k == 0) {
		switch (op) {
		case OP_ADD:
			return b.c == 0 ? a : unop(c, L, OP_ADDC, a, b.c, n);
		case OP_SUB:
			return b.c == 0 ? a : unop(c, L, OP_ADDC, a, -b.c, n);
		case OP_MUL:
			return b.c == 1 ? a : unop(c, L, OP_MULC, a, b.c, n);
		case OP_DIV:
			return b.c == 1 ? a : unop(c, L, OP_DIVC, a, b.c, n);
		default:
			break;
		}
	}
	if (a.k == 0) {
		switch (op) {
		case OP_ADD:
		case OP_MUL:
			return binop(c, L, op, b, a, n);
		case OP_SUB:
			return unop(c, L, OP_RSUBC, b, a.c, n);
		case OP_DIV:
			return unop(c, L, OP_RDIVC, b, a.c, n);
		default:
			break;
		}
	}
	int ra = reg_of(c, L, a, n), rb = reg_of(c, L, b, n);
	if (ra < 0 || rb < 0)
		return cc_oom(c);
	return emit_o(c, L, op, ra, rb, 0, 0, 0, n);
}

/* a ^ b: small integer and half powers get their own ops. */
static opnd powop(cc *c, int L, opnd a, opnd b, const expr_node *n)
{
	if (a.k < 0 || b.k < 0)
		return BAD();
	if (a.k == 0 && b.k == 0)
		return K(pow(a.c, b.c));
	if (b.k == 0) {
		double p = b.c;
		if (p == 0)
			return K(1.0); /* pow(anything, 0) is 1, NaN included */
		if (p == 1)
			return a;
		if (p == 2)
			return unop(c, L, OP_SQ, a, 0, n);
		if (p == 3)
			return unop(c, L, OP_CUBE, a, 0, n);
		if (p == 0.5)
			return unop(c, L, OP_SQRT, a, 0, n);
		if (p == -1)
			return unop(c, L, OP_RDIVC, a, 1.0, n);
		return unop(c, L, OP_POWC, a, p, n);
	}
	if (a.k == 0)
		return a.c == EXPR_E ? unop(c, L, OP_EXP, b, 0, n) : unop(c, L, OP_RPOWC, b, a.c, n);
	return binop(c, L, OP_POW, a, b, n);
}

/* Carry a register of level from into level to (> from) through OUTER copies. */
static opnd import(cc *c, opnd o, int from, int to, const expr_node *n)
{
	for (int l = from + 1; o.k == 1 && l <= to; l++)
		o = emit_o(c, l, OP_OUTER, -1, -1, o.r, 0, 0, n);
	return o;
}

static opnd compile(cc *c, const expr_node *n, int L);

/* index is i_L + k with k a constant integer: 1 and *k */
static int affine(cc *c, const expr_node *e, int L, long *k)
{
	if (e->kind == N_IDX && e->lvl == L) {
		*k = 0;
		return 1;
	}
	if (e->kind != N_ADD)
		return 0;
	int seen = 0;
	double sum = 0;
	for (int j = 0; j < e->nkids; j++) {
		const expr_node *q = e->kids[j];
		if (q->kind == N_IDX && q->lvl == L && !e->inv[j] && !seen) {
			seen = 1;
			continue;
		}
		if (q->deps || q->active || q->kind == N_RED)
			return 0;
		opnd o = compile(c, q, 0);
		if (o.k != 0)
			return 0;
		sum += e->inv[j] ? -o.c : o.c;
	}
	if (!seen || sum != floor(sum) || fabs(sum) > 4e9)
		return 0;
	*k = (long)sum;
	return 1;
}

/* The offset of data vector k (of the options' constants) in the tape's copy; -1: no memory. */
static long data_slot(cc *c, int k)
{
	for (int j = 0; j < c->nd; j++)
		if (c->dkey[j] == k)
			return (long)c->dpos[j];
	const expr_const *d = &c->po->consts[k];
	double *nd = realloc(c->data, (c->ndata + (size_t)d->len + 1) * sizeof *nd);
	if (!nd)
		return -1;
	c->data = nd;
	int *nk = realloc(c->dkey, ((size_t)c->nd + 1) * sizeof *nk);
	if (!nk)
		return -1;
	c->dkey = nk;
	size_t *np = realloc(c->dpos, ((size_t)c->nd + 1) * sizeof *np);
	if (!np)
		return -1;
	c->dpos = np;
	memcpy(c->data + c->ndata, d->vec, (size_t)d->len * sizeof *nd);
	c->dkey[c->nd] = k;
	c->dpos[c->nd++] = c->ndata;
	c->ndata += (size_t)d->len;
	return (long)c->dpos[c->nd - 1];
}

/* What a slice or gather of n reads: variable n->var, or the offset of its data
 * vector's copy (-1: no memory). */
static long index_aux(cc *c, const expr_node *n)
{
	return n->kind == N_DIDX ? data_slot(c, n->var) : n->var;
}

/* x[E] of an indexed variable, or v[E] of a data vector (a constant where E is):
 * a coordinate where E is constant, a slice where E is i + k, else a gather. */
static opnd compile_index(cc *c, const expr_node *n, int L)
{
	int data = n->kind == N_DIDX;
	const expr_const *d = data ? &c->po->consts[n->var] : NULL;
	const char *name = data ? d->name : c->po->vars[n->var].name, *what = data ? "data " : "";
	int size = data ? d->len : c->po->vars[n->var].size;
	int gather = data ? OP_DGATHER : OP_GATHER, slice = data ? OP_DSLICE : OP_SLICE;
	const expr_node *e = n->kids[0];
	long k, aux;
	if (e->active)
		return cc_fail(c, e, "index of %s'%s' depends on a variable", what, name);
	if (!e->deps) {
		opnd o = compile(c, e, 0);
		if (o.k < 0)
			return o;
		if (o.k == 0) {
			if (o.c != floor(o.c) || !isfinite(o.c))
				return cc_fail(c, e, "index of %s'%s' is not an integer", what, name);
			if (o.c < 1 || o.c > size)
				return cc_fail(c, e, "index %.17g of %s'%s' out of range 1..%d", o.c, what,
				               name, size);
			if (data)
				return K(d->vec[(long)o.c - 1]);
			return emit_o(c, 0, OP_VAR, -1, -1, c->po->vars[n->var].off + (int)o.c - 1, 0,
			              0, n);
		}
		if ((aux = index_aux(c, n)) < 0)
			return cc_oom(c);
		return emit_o(c, 0, gather, o.r, -1, (int)aux, 0, data ? size : 0, n);
	}
	if (affine(c, e, L, &k)) {
		const cc_block *B = &c->b[c->open[L]];
		if (B->known && B->klo <= B->khi && (B->klo + k < 1 || B->khi + k > size))
			return cc_fail(c, e, "index of %s'%s' runs to %ld, out of range 1..%d", what,
			               name, B->klo + k < 1 ? B->klo + k : B->khi + k, size);
		if ((aux = index_aux(c, n)) < 0)
			return cc_oom(c);
		return emit_o(c, L, slice, -1, -1, (int)aux, (double)k, data ? size : 0, n);
	}
	if (c->failed)
		return BAD();
	opnd o = compile(c, e, L);
	if (o.k < 0)
		return o;
	int r = reg_of(c, L, o, n);
	if (r < 0 || (aux = index_aux(c, n)) < 0)
		return cc_oom(c);
	return emit_o(c, L, gather, r, -1, (int)aux, 0, data ? size : 0, n);
}

/* A reduction bound: a constant integer, or a register of level L. */
static opnd bound(cc *c, const expr_node *e, int L)
{
	if (e->active)
		return cc_fail(c, e, "reduction bound is not constant");
	opnd o = compile(c, e, L);
	if (o.k == 0 && (o.c != floor(o.c) || fabs(o.c) > 4e18))
		return cc_fail(c, e, "reduction bound is not an integer");
	return o;
}

static opnd compile_red(cc *c, const expr_node *n, int L)
{
	opnd lo = bound(c, n->kids[0], L);
	if (lo.k < 0)
		return lo;
	opnd hi = bound(c, n->kids[1], L);
	if (hi.k < 0)
		return hi;
	if (lo.k == 0 && hi.k == 0 && hi.c - lo.c + 1 > EXPR_MAX_TERMS)
		return cc_fail(c, n, "reduction over %.17g terms, beyond the limit %d (EXPR_MAX_DIM)",
		               hi.c - lo.c + 1, EXPR_MAX_TERMS);
	int nb = cc_new_block(c, c->open[L], L + 1, n->op);
	if (nb < 0)
		return cc_oom(c);
	cc_block *B = &c->b[nb];
	if (lo.k == 0 && hi.k == 0) {
		B->known = 1;
		B->klo = (long)lo.c;
		B->khi = (long)hi.c;
	}
	/* A reduction hoisted out of enclosing ones (its body uses none of their
	 * indices) opens its block at a level they still hold open: their blocks
	 * come back when it is done, or OUTER copies would land in this one. */
	int saved[EXPR_MAX_RED_NEST + 2];
	memcpy(saved, c->open, sizeof saved);
	c->open[L + 1] = nb;
	opnd body = compile(c, n->kids[2], L + 1);
	int rb = body.k < 0 ? -1 : reg_of(c, L + 1, body, n);
	memcpy(c->open, saved, sizeof saved);
	if (body.k < 0)
		return body;
	if (rb < 0)
		return cc_oom(c);
	c->b[nb].body = rb;
	int ra = lo.k == 1 ? lo.r : -1, rh = hi.k == 1 ? hi.r : -1;
	return emit_o(c, L, OP_RED, ra, rh, nb, lo.k == 0 ? lo.c : 0, hi.k == 0 ? hi.c : 0, n);
}

/* N_ADD and N_MUL: constants gathered, the rest combined left to right. */
static opnd compile_nary(cc *c, const expr_node *n, int L)
{
	int add = n->kind == N_ADD;
	double cnum = add ? 0 : 1, cden = 1;
	opnd acc = BAD();
	int have = 0, accinv = 0;
	for (int j = 0; j < n->nkids; j++) {
		opnd o = compile(c, n->kids[j], L);
		int inv = n->inv[j];
		if (o.k < 0)
			return o;
		if (o.k == 0) {
			if (add)
				cnum += inv ? -o.c : o.c;
			else if (inv)
				cden *= o.c;
			else
				cnum *= o.c;
			continue;
		}
		if (!have) {
			acc = o;
			accinv = inv;
			have = 1;
		} else if (!accinv) {
			acc = binop(c, L, add ? (inv ? OP_SUB : OP_ADD) : (inv ? OP_DIV : OP_MUL), acc, o,
			            n);
		} else if (!inv) {
			acc = binop(c, L, add ? OP_SUB : OP_DIV, o, acc, n); /* -a + b, b / a */
			accinv = 0;
		} else {
			acc = binop(c, L, add ? OP_ADD : OP_MUL, acc, o, n); /* -(a + b), 1/(a b) */
		}
		if (acc.k < 0)
			return acc;
	}
	if (!have)
		return K(add ? cnum : cnum / cden);
	if (add) {
		if (accinv)
			return unop(c, L, OP_RSUBC, acc, cnum, n);
		return binop(c, L, OP_ADD, acc, K(cnum), n);
	}
	if (accinv)
		return unop(c, L, OP_RDIVC, acc, cnum / cden, n);
	acc = binop(c, L, OP_MUL, acc, K(cnum), n);
	return binop(c, L, OP_DIV, acc, K(cden), n);
}

/* Every node is compiled in the block of the deepest index it uses. */
static opnd compile(cc *c, const expr_node *n, int L)
{
	int TL = top_level(n->deps);
	if (c->failed)
		return BAD();
	if (TL < L)
		return import(c, compile(c, n, TL), TL, L, n);
	switch (n->kind) {
	case N_NUM:
		return K(n->num);
	case N_VAR:
		return emit_o(c, L, OP_VAR, -1, -1, c->po->vars[n->var].off, 0, 0, n);
	case N_IDX:
		return emit_o(c, L, OP_IDX, -1, -1, 0, 0, 0, n);
	case N_XIDX:
	case N_DIDX:
		return compile_index(c, n, L);
	case N_NEG:
		return unop(c, L, OP_NEG, compile(c, n->kids[0], L), 0, n);
	case N_ADD:
	case N_MUL:
		return compile_nary(c, n, L);
	case N_POW: {
		opnd a = compile(c, n->kids[0], L);
		return powop(c, L, a, compile(c, n->kids[1], L), n);
	}
	case N_CALL: {
		opnd a = compile(c, n->kids[0], L);
		if (expr_op_arity(n->op) == 1)
			return unop(c, L, n->op, a, 0, n);
		for (int j = 1; j < n->nkids && a.k >= 0; j++) {
			opnd b = compile(c, n->kids[j], L);
			a = n->op == OP_POW ? powop(c, L, a, b, n) : binop(c, L, n->op, a, b, n);
		}
		return a;
	}
	case N_RED:
		return compile_red(c, n, L);
	}
	return BAD();
}

int cc_new_block(cc *c, int parent, int level, int kind)
{
	if (c->nb == c->capb) {
		int cap = c->capb ? 2 * c->capb : 8;
		cc_block *nb = realloc(c->b, (size_t)cap * sizeof *nb);
		if (!nb)
			return -1;
		c->b = nb;
		c->capb = cap;
	}
	cc_block *B = &c->b[c->nb];
	memset(B, 0, sizeof *B);
	B->parent = parent;
	B->level = level;
	B->kind = kind;
	B->body = -1;
	return c->nb++;
}

expr_tape *expr_build(const expr_parse_out *po, const expr_node *root, expr_error *err)
{
	cc c;
	memset(&c, 0, sizeof c);
	c.po = po;
	c.err = err;
	expr_tape *t = NULL;
	if (cc_new_block(&c, -1, 0, 0) == 0) {
		c.open[0] = 0;
		opnd r = compile(&c, root, 0);
		if (r.k >= 0 && !c.failed) {
			int rr = reg_of(&c, 0, r, root);
			if (rr >= 0) {
				c.b[0].body = rr;
				t = cc_finish(&c, po);
			}
			if (t) {
				t->data = c.data; /* the tape owns the copies now */
				t->ndata = c.ndata;
				c.data = NULL;
			}
		}
		if (!t && !c.failed)
			cc_oom(&c);
	} else {
		cc_oom(&c);
	}
	for (int k = 0; k < c.nb; k++)
		free(c.b[k].ins);
	free(c.b);
	free(c.ht);
	free(c.data);
	free(c.dkey);
	free(c.dpos);
	return t;
}
