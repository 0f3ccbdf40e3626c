/* expr_vec: the lane interpreter. An instruction runs over an array of lanes:
 * the indices of a reduction chunk, or the points of a batch, so the cost of
 * dispatch is paid once per chunk. Handles block 0 and flat sums under it;
 * expr_api.c sends every other shape to expr_scalar.c. */
#include <math.h>
#include <string.h>

#include "expr_int.h"

/* ---- kernels, expanded from the op table ---- */

static void kfwd(int op, int m, double *restrict d, const double *restrict a,
                 const double *restrict b, double C)
{
	switch (op) {
#define X(N, AR, F, ...)                                   \
	case OP_##N:                                       \
		for (int j = 0; j < m; j++) {              \
			double A = a[j], B = AR == 2 ? b[j] : 0; \
			(void)B;                           \
			d[j] = (F);                        \
		}                                          \
		break;
		EXPR_MATH_OPS(X)
#undef X
	default:
		break;
	}
}

/* The adjoint contribution to operand a (side 0) or b (side 1): stored when
 * set (the first contribution), added otherwise. */
static void krev(int op, int side, int set, int m, double *restrict t, const double *restrict dd,
                 const double *restrict a, const double *restrict b, const double *restrict v,
                 double C)
{
#define LOOP(AR, EXPR, ASSIGN)                                      \
	for (int j = 0; j < m; j++) {                              \
		double A = a[j], B = AR == 2 ? b[j] : 0, V = v[j]; \
		(void)A;                                           \
		(void)B;                                           \
		(void)V;                                           \
		t[j] ASSIGN dd[j] * (EXPR);                        \
	}
	switch (op) {
#define X(N, AR, F, DA, DB, ...)                 \
	case OP_##N:                             \
		if (side == 0 && set) {          \
			LOOP(AR, DA, =)              \
		} else if (side == 0) {          \
			LOOP(AR, DA, +=)             \
		} else if (AR == 2 && set) {     \
			LOOP(AR, DB, =)              \
		} else if (AR == 2) {            \
			LOOP(AR, DB, +=)             \
		}                                \
		break;
		EXPR_MATH_OPS(X)
#undef X
	default:
		break;
	}
#undef LOOP
}

/* Both adjoint contributions of a binary op in one loop (ta, tb distinct arrays). */
static void krev2(int op, int seta, int setb, int m, double *restrict ta, double *restrict tb,
                  const double *restrict dd, const double *restrict a, const double *restrict b,
                  const double *restrict v, double C)
{
#define LOOP2(DA, DB, SA, SB)                                      \
	for (int j = 0; j < m; j++) {                              \
		double A = a[j], B = b[j], V = v[j], D = dd[j];    \
		(void)A;                                           \
		(void)B;                                           \
		(void)V;                                           \
		ta[j] SA D * (DA);                                 \
		tb[j] SB D * (DB);                                 \
	}
	switch (op) {
#define X(N, AR, F, DA, DB, ...)                 \
	case OP_##N:                             \
		if (AR != 2)                     \
			break;                   \
		if (seta && setb) {              \
			LOOP2(DA, DB, =, =)      \
		} else if (seta) {               \
			LOOP2(DA, DB, =, +=)     \
		} else if (setb) {               \
			LOOP2(DA, DB, +=, =)     \
		} else {                         \
			LOOP2(DA, DB, +=, +=)    \
		}                                \
		break;
		EXPR_MATH_OPS(X)
#undef X
	default:
		break;
	}
#undef LOOP2
}

static void fill(double *d, int m, double v)
{
	for (int j = 0; j < m; j++)
		d[j] = v;
}

/* Sum of m lanes with independent accumulators (the add latency, not the
 * throughput, would bound a single chain). */
static double lanesum(const double *a, int m)
{
	double s[8] = {0};
	int j = 0;
	for (; j + 8 <= m; j += 8)
		for (int u = 0; u < 8; u++)
			s[u] += a[j + u];
	for (; j < m; j++)
		s[0] += a[j];
	return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/* ---- working state ---- */

typedef struct vctx {
	expr_tape *t;
	const double *x;
	double *g;   /* NULL: value only */
	double **own, **oadj; /* owned buffers: values, adjoints */
	double **wv, **wa;    /* working pointers (aliases into x and g where possible) */
	const double *const *cols; /* batch: the points, by coordinate */
	const int *strides;
	long p0; /* batch: the first point of the chunk */
} vctx;

static double vred(vctx *c, const expr_ins *in, double seed, int grad);

static void setup(vctx *c, expr_tape *t, const double *x, double *g)
{
	size_t nr = (size_t)t->nregs + 1;
	c->t = t;
	c->x = x;
	c->g = g;
	c->own = t->vptr;
	c->oadj = t->vptr + nr;
	c->wv = t->vptr + 2 * nr;
	c->wa = t->vptr + 3 * nr;
	c->cols = NULL;
	c->strides = NULL;
	c->p0 = 0;
}

static double coord_val(const expr_tape *t, const double *x, const expr_ins *in, double ix,
                        long *at)
{
	const expr_vinfo *v = &t->vars[in->aux];
	if (!(ix >= 1 && ix <= v->size && ix == floor(ix))) {
		*at = -1;
		return NAN;
	}
	*at = v->off + (long)ix - 1;
	return x[*at];
}

/* Forward over m lanes of block b; lane j is index i0 + j of its reduction. */
static void vfwd(vctx *c, int b, int m, long i0)
{
	expr_tape *t = c->t;
	const expr_block *B = &t->blocks[b];
	double **own = c->own + B->sbase, **wv = c->wv + B->sbase;
	for (int k = 0; k < B->nins; k++) {
		const expr_ins *in = &t->ins[B->ins0 + k];
		double *d = own[in->d];
		long at;
		wv[in->d] = d;
		switch (in->op) {
		case OP_CONST:
			fill(d, m, in->c);
			break;
		case OP_VAR:
			if (!c->cols) {
				d[0] = c->x[in->aux];
			} else {
				long st = c->strides ? c->strides[in->aux] : 1;
				const double *col = c->cols[in->aux];
				if (st == 1)
					wv[in->d] = (double *)(col + c->p0); /* read in place */
				else
					for (int j = 0; j < m; j++)
						d[j] = col[(c->p0 + j) * st];
			}
			break;
		case OP_IDX:
			for (int j = 0; j < m; j++)
				d[j] = (double)(i0 + j) + in->c;
			break;
		case OP_SLICE: /* x[i + k] for a run of i is a run of x: no copy */
			wv[in->d] = (double *)(c->x + t->vars[in->aux].off + (long)in->c - 1 + i0);
			break;
		case OP_GATHER:
			for (int j = 0; j < m; j++)
				d[j] = coord_val(t, c->x, in, wv[in->a][j], &at);
			break;
		case OP_DSLICE: /* a run of the data: no copy (never written: inactive) */
			wv[in->d] = t->data + in->aux + (long)in->c - 1 + i0;
			break;
		case OP_DGATHER:
			for (int j = 0; j < m; j++)
				d[j] = expr_data_at(t, in, wv[in->a][j]);
			break;
		case OP_OUTER:
			fill(d, m, c->wv[t->blocks[B->parent].sbase + in->aux][0]);
			break;
		case OP_RED: /* block 0 (one lane): fused with its gradient when its adjoint is 1 */
			d[0] = vred(c, in, 1.0, c->g && t->blocks[in->aux].unit);
			break;
		default:
			kfwd(in->op, m, d, wv[in->a], in->b >= 0 ? wv[in->b] : NULL, in->c);
		}
	}
}

/* Reverse over m lanes of block b; the adjoint of its body is wa[body]. */
static void vrev(vctx *c, int b, int m, long i0)
{
	expr_tape *t = c->t;
	const expr_block *B = &t->blocks[b];
	const unsigned char *act = t->regact + B->sbase;
	double **wv = c->wv + B->sbase, **wa = c->wa + B->sbase;
	for (int k = B->nins - 1; k >= 0; k--) {
		const expr_ins *in = &t->ins[B->ins0 + k];
		if (!in->act)
			continue;
		const double *dd = wa[in->d];
		long at;
		switch (in->op) {
		case OP_GATHER:
			for (int j = 0; j < m; j++) {
				coord_val(t, c->x, in, wv[in->a][j], &at);
				if (at >= 0)
					c->g[at] += dd[j];
			}
			break;
		case OP_OUTER:
			c->wa[t->blocks[B->parent].sbase + in->aux][0] += lanesum(dd, m);
			break;
		case OP_VAR:
			c->g[in->aux] += dd[0];
			break;
		case OP_RED:
			if (!t->blocks[in->aux].unit)
				vred(c, in, dd[0], 1);
			break;
		case OP_SLICE:
		case OP_CONST:
		case OP_IDX:
			break;
		default:
			/* one pass for both sides unless both may be the same memory */
			if (in->b >= 0 && act[in->a] && act[in->b] && in->a != in->b &&
			    (t->ins[B->ins0 + in->a].op != OP_SLICE ||
			     t->ins[B->ins0 + in->b].op != OP_SLICE)) {
				krev2(in->op, in->seta, in->setb, m, wa[in->a], wa[in->b], dd,
				      wv[in->a], wv[in->b], wv[in->d], in->c);
				break;
			}
			if (act[in->a])
				krev(in->op, 0, in->seta, m, wa[in->a], dd, wv[in->a],
				     in->b >= 0 ? wv[in->b] : NULL, wv[in->d], in->c);
			if (in->b >= 0 && act[in->b])
				krev(in->op, 1, in->setb, m, wa[in->b], dd, wv[in->a], wv[in->b],
				     wv[in->d], in->c);
		}
	}
	(void)i0;
}

/* A flat sum under block 0: its value, and with seed != 0 its gradient times
 * seed added into g and into the adjoints of block 0. */
static double vred(vctx *c, const expr_ins *in, double seed, int grad)
{
	expr_tape *t = c->t;
	int sb = in->aux;
	const expr_block *S = &t->blocks[sb];
	double **wv0 = c->wv, **wa = c->wa + S->sbase, **oadj = c->oadj + S->sbase;
	double **wv = c->wv + S->sbase;
	double lo_d = in->a >= 0 ? wv0[in->a][0] : in->c, hi_d = in->b >= 0 ? wv0[in->b][0] : in->c2;
	expr_ins probe = *in;
	double regs[2] = {lo_d, hi_d};
	long lo, hi;
	probe.a = in->a >= 0 ? 0 : -1;
	probe.b = in->b >= 0 ? 1 : -1;
	if (!expr_red_range(t, &probe, regs, &lo, &hi) || !expr_slices_ok(t, S, lo, hi))
		return NAN;
	const expr_ins *body = &t->ins[S->ins0 + S->body];
	int bact = t->regact[S->sbase + S->body];
	grad = grad && bact;
	if (grad)
		fill(t->seed, S->lanes, seed);
	double sum = 0;
	for (long i0 = lo; i0 <= hi; i0 += S->lanes) {
		int m = hi - i0 + 1 < S->lanes ? (int)(hi - i0 + 1) : S->lanes;
		if (((i0 - lo) & 0xffff) < S->lanes && i0 > lo && expr_interrupted()) {
			t->over = 1; /* a long sum is stopped inside, every 65536 terms */
			return NAN;
		}
		vfwd(c, sb, m, i0);
		sum += lanesum(wv[S->body], m);
		if (!grad)
			continue;
		for (int k = 0; k < S->nins; k++) {
			const expr_ins *q = &t->ins[S->ins0 + k];
			wa[q->d] = q->op == OP_SLICE ? c->g + t->vars[q->aux].off + (long)q->c - 1 + i0
			                             : oadj[q->d];
		}
		if (body->op == OP_SLICE) {
			for (int j = 0; j < m; j++)
				wa[S->body][j] += t->seed[j];
		} else {
			wa[S->body] = t->seed; /* nothing else writes it: share */
		}
		vrev(c, sb, m, i0);
	}
	return sum;
}

/* ---- entry points ---- */

static double run0(expr_tape *t, const double *x, double *g)
{
	vctx c;
	const expr_block *B = &t->blocks[0];
	setup(&c, t, x, g);
	expr_budget_start(t);
	if (g) {
		memset(g, 0, (size_t)t->dim * sizeof *g);
		for (int r = 0; r < B->nregs; r++) {
			c.wa[r] = c.oadj[r];
			c.oadj[r][0] = 0;
		}
	}
	vfwd(&c, 0, 1, 0);
	double f = c.wv[B->body][0];
	if (g && t->regact[B->body]) {
		c.wa[B->body][0] += 1;
		vrev(&c, 0, 1, 0);
	}
	return f;
}

double expr_vec_value(expr_tape *t, const double *x)
{
	return run0(t, x, NULL);
}

double expr_vec_grad(expr_tape *t, const double *x, double *g)
{
	return run0(t, x, g);
}

void expr_vec_batch(expr_tape *t, int k, const double *const *cols, const int *strides,
                    double *out)
{
	vctx c;
	const expr_block *B = &t->blocks[0];
	setup(&c, t, NULL, NULL);
	c.cols = cols;
	c.strides = strides;
	for (long p0 = 0; p0 < k; p0 += B->lanes) {
		int m = k - p0 < B->lanes ? (int)(k - p0) : B->lanes;
		c.p0 = p0;
		vfwd(&c, 0, m, 0);
		memcpy(out + p0, c.wv[B->body], (size_t)m * sizeof *out);
	}
}
