/* expr_scalar: the reference interpreter. One index at a time, any shape of
 * tape (nested reductions, products, logsumexp), value, gradient and
 * Hessian-vector product by forward-over-reverse: the forward sweep carries
 * tangents, the reverse sweep adjoints and their tangents. A reduction's
 * reverse recomputes each term's forward sweep, so memory stays O(registers). */
#include <math.h>
#include <string.h>

#include "expr_int.h"

typedef struct sctx {
	expr_tape *t;
	const double *x, *v; /* v: the tangent direction (NULL: none) */
	double *g, *hv;      /* adjoints of x and their tangents (NULL: not wanted) */
	double *val, *dot, *adj, *adot;
	int tan;
} sctx;

void expr_budget_start(expr_tape *t)
{
	t->max_work = expr_work_limit();
	t->work = t->over = t->reverse = 0;
}

int expr_red_range(expr_tape *t, const expr_ins *in, const double *regs, long *lo, long *hi)
{
	double a = in->a >= 0 ? regs[in->a] : in->c, b = in->b >= 0 ? regs[in->b] : in->c2;
	if (!(a == floor(a)) || !(b == floor(b)) || fabs(a) > 4e18 || fabs(b) > 4e18)
		return 0;
	if (t->term_block > 0 && in->aux == t->term_block) { /* one residual of a sumsq */
		if ((double)t->term < a || (double)t->term > b)
			return 0;
		a = b = (double)t->term;
	}
	if (b - a + 1 > EXPR_MAX_TERMS)
		return 0;
	double ops = (b - a + 1) * (t->blocks[in->aux].nins + 1.0);
	if (b >= a && !t->reverse &&
	    (t->over || (double)(t->work += (long)fmin(ops, 4e18)) > (double)t->max_work ||
	     expr_interrupted())) {
		t->over = 1;
		return 0;
	}
	*lo = (long)a;
	*hi = (long)b;
	return 1;
}

int expr_slices_ok(const expr_tape *t, const expr_block *b, long lo, long hi)
{
	if (hi < lo)
		return 1;
	for (int k = 0; k < b->nins; k++) {
		const expr_ins *in = &t->ins[b->ins0 + k];
		if (in->op != OP_SLICE && in->op != OP_DSLICE)
			continue;
		long off = (long)in->c;
		long size = in->op == OP_SLICE ? t->vars[in->aux].size : (long)in->c2;
		if (lo + off < 1 || hi + off > size)
			return 0;
	}
	return 1;
}

static void fwd(sctx *s, int b);
static void rev(sctx *s, int b);

/* Coordinate of x that a SLICE or GATHER reads, or -1. */
static long coord(const expr_tape *t, const expr_ins *in, double index)
{
	const expr_vinfo *v = &t->vars[in->aux];
	if (!(index >= 1 && index <= v->size && index == floor(index)))
		return -1;
	return v->off + (long)index - 1;
}

/* The value a DSLICE or DGATHER reads, NaN outside its data vector. */
double expr_data_at(const expr_tape *t, const expr_ins *in, double index)
{
	if (!(index >= 1 && index <= in->c2 && index == floor(index)))
		return NAN;
	return t->data[in->aux + (long)index - 1];
}

/* Forward over one reduction: value, tangent, and what the reverse needs. */
static void red_fwd(sctx *s, const expr_ins *in, const double *regs, double *val, double *dot,
                    expr_red_state *st)
{
	expr_tape *t = s->t;
	int sb = in->aux;
	const expr_block *S = &t->blocks[sb];
	long lo, hi;
	memset(st, 0, sizeof *st);
	if (!expr_red_range(t, in, regs, &lo, &hi) || !expr_slices_ok(t, S, lo, hi)) {
		*val = *dot = st->acc = NAN;
		return;
	}
	double *bv = &s->val[S->sbase + S->body], *bd = &s->dot[S->sbase + S->body];
	double acc = 0, q = 1, sum = 0, tt = 0, m = -INFINITY, qm = 1;
	long nz = 0, qe = 0;
	for (long i = lo; i <= hi && !t->over; i++) { /* over: inner ones spent the budget */
		t->cur[sb] = i;
		fwd(s, sb);
		double tv = *bv, td = s->tan ? *bd : 0;
		switch (S->kind) {
		case RED_SUM:
			acc += tv;
			tt += td;
			break;
		case RED_PROD:
			if (tv == 0) {
				if (nz == 0)
					st->dz1 = td;
				else if (nz == 1)
					st->dz2 = td;
				nz++;
			} else {
				q *= tv;
				sum += td / tv;
				int e1, e2;
				qm = frexp(qm * frexp(tv, &e1), &e2);
				qe += e1 + e2;
			}
			break;
		default: /* RED_LSE, online: sum of exp(t - m) rescaled when m grows */
			if (tv > m) {
				double sc = exp(m - tv);
				sum = sum * sc + 1;
				tt = tt * sc + td;
				m = tv;
			} else {
				double e = exp(tv - m);
				sum += e;
				tt += e * td;
			}
		}
	}
	switch (S->kind) {
	case RED_SUM:
		*val = acc;
		*dot = tt;
		break;
	case RED_PROD:
		/* a running product that under- or overflowed while the product itself is
		 * representable (1e-200 1e-200 1e200): from mantissa and exponent */
		if (!isnormal(q) && isfinite(qm))
			q = ldexp(qm, (int)fmax(fmin((double)qe, 1e5), -1e5));
		*val = nz ? 0.0 * q : q;
		*dot = nz == 0 ? q * sum : nz == 1 ? st->dz1 * q : 0.0;
		break;
	default:
		*val = hi < lo ? -INFINITY : m + log(sum);
		*dot = hi < lo ? 0 : tt / sum;
	}
	st->acc = *val;
	st->q = q;
	st->nz = nz;
	st->qm = qm;
	st->qe = (double)qe;
	st->s = sum;
	st->m = *val;
	st->t = *dot;
}

/* Reverse over one reduction with adjoint A (and its tangent Ad). */
static void red_rev(sctx *s, const expr_ins *in, double A, double Ad, const expr_red_state *st)
{
	expr_tape *t = s->t;
	int sb = in->aux;
	const expr_block *S = &t->blocks[sb];
	long lo, hi, zseen = 0;
	if (!expr_red_range(t, in, s->val + t->blocks[S->parent].sbase, &lo, &hi) ||
	    !expr_slices_ok(t, S, lo, hi))
		return;
	size_t n = (size_t)S->nregs * sizeof(double);
	for (long i = lo; i <= hi && !t->over; i++) {
		t->cur[sb] = i;
		fwd(s, sb);
		memset(s->adj + S->sbase, 0, n);
		if (s->tan)
			memset(s->adot + S->sbase, 0, n);
		double tv = s->val[S->sbase + S->body];
		double td = s->tan ? s->dot[S->sbase + S->body] : 0;
		double gi = 1, gdi = 0; /* d(reduction)/d(term) and its tangent */
		if (S->kind == RED_PROD) {
			double q = st->q;
			if (st->nz == 0) {
				gi = q / tv;
				if (!isnormal(q) || !isnormal(gi)) { /* the other terms' product, scaled */
					int et;
					double mt = frexp(tv, &et);
					gi = ldexp(st->qm / mt, (int)fmax(fmin(st->qe - et, 1e5), -1e5));
				}
				gdi = gi * (st->s - td / tv);
			} else if (st->nz == 1) {
				gi = tv == 0 ? q : 0;
				gdi = tv == 0 ? q * st->s : st->dz1 * q / tv;
			} else {
				gi = 0;
				gdi = st->nz == 2 && tv == 0 ? (zseen == 0 ? st->dz2 : st->dz1) * q : 0;
			}
			zseen += tv == 0;
		} else if (S->kind == RED_LSE) {
			gi = exp(tv - st->m);
			gdi = gi * (td - st->t);
		}
		s->adj[S->sbase + S->body] = A * gi;
		if (s->tan)
			s->adot[S->sbase + S->body] = Ad * gi + A * gdi;
		rev(s, sb);
	}
}

static void fwd(sctx *s, int b)
{
	expr_tape *t = s->t;
	const expr_block *B = &t->blocks[b];
	double *val = s->val + B->sbase, *dot = s->dot + B->sbase;
	const double *pval = B->parent >= 0 ? s->val + t->blocks[B->parent].sbase : NULL;
	const double *pdot = B->parent >= 0 ? s->dot + t->blocks[B->parent].sbase : NULL;
	for (int k = 0; k < B->nins; k++) {
		const expr_ins *in = &t->ins[B->ins0 + k];
		double v, d = 0;
		long ix;
		switch (in->op) {
		case OP_CONST:
			v = in->c;
			break;
		case OP_VAR:
			v = s->x[in->aux];
			d = s->tan ? s->v[in->aux] : 0;
			break;
		case OP_IDX:
			v = (double)t->cur[b] + in->c;
			break;
		case OP_SLICE:
		case OP_GATHER:
			ix = coord(t, in, in->op == OP_SLICE ? (double)t->cur[b] + in->c : val[in->a]);
			v = ix >= 0 ? s->x[ix] : NAN;
			d = ix >= 0 && s->tan ? s->v[ix] : 0;
			break;
		case OP_DSLICE:
		case OP_DGATHER:
			v = expr_data_at(t, in, in->op == OP_DSLICE ? (double)t->cur[b] + in->c : val[in->a]);
			break;
		case OP_OUTER:
			v = pval[in->aux];
			d = s->tan ? pdot[in->aux] : 0;
			break;
		case OP_RED:
			red_fwd(s, in, val, &val[in->d], &dot[in->d], &t->rs[B->ins0 + k]);
			continue;
		default:
			if (s->tan) {
				double B_ = in->b >= 0 ? val[in->b] : 0;
				expr_d2 r = expr_op_d2(in->op, val[in->a], B_, in->c);
				v = r.v;
				d = r.da * dot[in->a] + (in->b >= 0 ? r.db * dot[in->b] : 0);
			} else {
				v = expr_op_val(in->op, val[in->a], in->b >= 0 ? val[in->b] : 0, in->c);
			}
		}
		val[in->d] = v;
		if (s->tan)
			dot[in->d] = d;
	}
}

static void rev(sctx *s, int b)
{
	expr_tape *t = s->t;
	const expr_block *B = &t->blocks[b];
	const unsigned char *act = t->regact + B->sbase;
	double *val = s->val + B->sbase, *dot = s->dot + B->sbase;
	double *adj = s->adj + B->sbase, *adot = s->adot + B->sbase;
	for (int k = B->nins - 1; k >= 0; k--) {
		const expr_ins *in = &t->ins[B->ins0 + k];
		if (!in->act)
			continue;
		double A = adj[in->d], Ad = s->tan ? adot[in->d] : 0;
		long ix = -1;
		switch (in->op) {
		case OP_VAR:
			ix = in->aux;
			break;
		case OP_SLICE:
		case OP_GATHER:
			ix = coord(t, in, in->op == OP_SLICE ? (double)t->cur[b] + in->c : val[in->a]);
			break;
		case OP_OUTER: {
			int pb = t->blocks[B->parent].sbase;
			s->adj[pb + in->aux] += A;
			if (s->tan)
				s->adot[pb + in->aux] += Ad;
			break;
		}
		case OP_RED:
			red_rev(s, in, A, Ad, &t->rs[B->ins0 + k]);
			break;
		case OP_CONST:
		case OP_IDX:
			break;
		default: {
			int two = in->b >= 0;
			double vb = two ? val[in->b] : 0, ta = s->tan ? dot[in->a] : 0;
			double tb = two && s->tan ? dot[in->b] : 0;
			expr_d2 r = expr_op_d2(in->op, val[in->a], vb, in->c);
			if (act[in->a]) {
				adj[in->a] += A * r.da;
				if (s->tan)
					adot[in->a] += Ad * r.da + A * (r.daa * ta + (two ? r.dab * tb : 0));
			}
			if (two && act[in->b]) {
				adj[in->b] += A * r.db;
				if (s->tan)
					adot[in->b] += Ad * r.db + A * (r.dab * ta + r.dbb * tb);
			}
		}
		}
		if (ix >= 0) {
			if (s->g)
				s->g[ix] += A;
			if (s->tan && s->hv)
				s->hv[ix] += Ad;
		}
	}
}

static double run(expr_tape *t, const double *x, const double *v, double *g, double *hv, int rv)
{
	int n = t->nregs;
	sctx s = {t, x, v, g, hv, t->ss, t->ss + n, t->ss + 2 * (size_t)n, t->ss + 3 * (size_t)n,
	          v != NULL};
	const expr_block *B = &t->blocks[0];
	t->cur[0] = 0;
	expr_budget_start(t);
	fwd(&s, 0);
	double f = s.val[B->body];
	if (!rv)
		return f;
	if (g)
		memset(g, 0, (size_t)t->dim * sizeof *g);
	if (hv)
		memset(hv, 0, (size_t)t->dim * sizeof *hv);
	memset(s.adj, 0, (size_t)B->nregs * sizeof *s.adj);
	memset(s.adot, 0, (size_t)B->nregs * sizeof *s.adot);
	s.adj[B->body] = 1;
	t->reverse = 1; /* the forward sweep was within the budget: the reverse costs a few times it */
	if (t->regact[B->body] && !t->over)
		rev(&s, 0);
	t->reverse = 0;
	return f;
}

double expr_scalar_value(expr_tape *t, const double *x)
{
	return run(t, x, NULL, NULL, NULL, 0);
}

double expr_scalar_grad(expr_tape *t, const double *x, double *g)
{
	return run(t, x, NULL, g, NULL, 1);
}

double expr_scalar_hessvec(expr_tape *t, const double *x, const double *v, double *g, double *hv)
{
	return run(t, x, v, g, hv, 1);
}

double expr_scalar_tangent(expr_tape *t, const double *x, const double *v, double *df)
{
	int n = t->nregs;
	sctx s = {t, x, v, NULL, NULL, t->ss, t->ss + n, t->ss + 2 * (size_t)n,
	          t->ss + 3 * (size_t)n, 1};
	const expr_block *B = &t->blocks[0];
	t->cur[0] = 0;
	expr_budget_start(t);
	fwd(&s, 0);
	*df = s.dot[B->body];
	return s.val[B->body];
}
