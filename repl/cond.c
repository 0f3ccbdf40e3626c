/* cond: conditions on a run's latest state, for `until`. */
#include "cond.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "parse.h"

#define COND_MAX_DEPTH 64

enum quantity { Q_GNORM, Q_F, Q_FGAP, Q_ITER, Q_TIME, Q_DIST, Q_STEP, Q_EPOCH, Q_COLUMN };
enum cop { C_LT, C_LE, C_GT, C_GE, C_AND, C_OR };

struct cond {
	enum cop op;
	enum quantity q; /* comparisons */
	double value;
	cond *a, *b; /* and, or */
	char col[32];      /* Q_COLUMN: a column of the method's own (coverr, rho, ...) */
	char missing[96];  /* ... and what cond_missing says when a run has no such column */
};

static cond *parse_or(sess *s, lex *l, int depth);

static cond *node(enum cop op)
{
	cond *c = calloc(1, sizeof(cond));
	if (c)
		c->op = op;
	return c;
}

/* quantity := gnorm | f | f - fstar | iter | time | dist | step | epoch | COLUMN
 * (COLUMN: a name of the method's own trace columns, checked against each run) */
static int parse_quantity(sess *s, lex *l, enum quantity *q, char *col, size_t cap)
{
	static const struct {
		const char *name;
		enum quantity q;
	} names[] = {{"gnorm", Q_GNORM}, {"f", Q_F}, {"iter", Q_ITER},
	             {"time", Q_TIME},   {"dist", Q_DIST}, {"step", Q_STEP},
	             {"epoch", Q_EPOCH}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (lex_word(l, names[i].name)) {
			*q = names[i].q;
			lex_next(l);
			if (*q == Q_F && lex_is(l, "-")) {
				lex peek = *l;
				lex_next(&peek);
				if (lex_word(&peek, "fstar")) {
					*q = Q_FGAP;
					*l = peek;
					lex_next(l);
				}
			}
			return 0;
		}
	if (l->tok.kind == LEX_WORD && (size_t)l->tok.len < cap) {
		lex peek = *l;
		lex_next(&peek);
		if (lex_is(&peek, "<") || lex_is(&peek, "<=") || lex_is(&peek, ">") ||
		    lex_is(&peek, ">=")) {
			snprintf(col, cap, "%.*s", (int)l->tok.len, l->tok.text);
			*q = Q_COLUMN;
			lex_next(l);
			return 0;
		}
	}
	return sess_fail(s, l->tok.col, "expected a quantity: gnorm, f, f - fstar, iter, time, dist, "
	                                "step, epoch or a column of the method's own");
}

/* atom := '(' or ')' | quantity ('<' | '<=' | '>' | '>=') number */
static cond *parse_atom(sess *s, lex *l, int depth)
{
	if (depth > COND_MAX_DEPTH) {
		sess_fail(s, l->tok.col, "condition nested deeper than the limit of %d levels", COND_MAX_DEPTH);
		return NULL;
	}
	if (lex_is(l, "(")) {
		lex_next(l);
		cond *c = parse_or(s, l, depth + 1);
		if (c && parse_punct(s, l, ")") != 0) {
			cond_free(c);
			return NULL;
		}
		return c;
	}
	enum quantity q = Q_F;
	char col[32] = "";
	if (parse_quantity(s, l, &q, col, sizeof col) != 0)
		return NULL;
	enum cop op;
	if (lex_is(l, "<"))
		op = C_LT;
	else if (lex_is(l, "<="))
		op = C_LE;
	else if (lex_is(l, ">"))
		op = C_GT;
	else if (lex_is(l, ">="))
		op = C_GE;
	else {
		sess_fail(s, l->tok.col, "expected <, <=, > or >=");
		return NULL;
	}
	lex_next(l);
	double v;
	if (parse_number(s, l, &v) != 0)
		return NULL;
	cond *c = node(op);
	if (!c) {
		sess_fail(s, l->tok.col, "out of memory");
		return NULL;
	}
	c->op = op;
	c->q = q;
	c->value = v;
	if (q == Q_COLUMN) {
		snprintf(c->col, sizeof c->col, "%s", col);
		snprintf(c->missing, sizeof c->missing, "%s (not a quantity, nor a column of its method's)",
		         col);
	}
	return c;
}

static cond *parse_binary(sess *s, lex *l, int depth, const char *word, enum cop op,
                          cond *(*sub)(sess *, lex *, int))
{
	cond *c = sub(s, l, depth);
	while (c && lex_word(l, word)) {
		lex_next(l);
		cond *rhs = sub(s, l, depth);
		cond *both = rhs ? node(op) : NULL;
		if (!both) {
			sess_fail(s, l->tok.col, "out of memory"); /* unless rhs reported first */
			cond_free(c);
			cond_free(rhs);
			return NULL;
		}
		both->op = op;
		both->a = c;
		both->b = rhs;
		c = both;
	}
	return c;
}

/* and := atom ('and' atom)* */
static cond *parse_and(sess *s, lex *l, int depth)
{
	return parse_binary(s, l, depth, "and", C_AND, parse_atom);
}

/* or := and ('or' and)* */
static cond *parse_or(sess *s, lex *l, int depth)
{
	return parse_binary(s, l, depth, "or", C_OR, parse_and);
}

cond *cond_parse(sess *s, lex *l)
{
	return parse_or(s, l, 0);
}

void cond_free(cond *c)
{
	if (!c)
		return;
	cond_free(c->a);
	cond_free(c->b);
	free(c);
}

static double quantity(const cond *c, const run *r)
{
	enum quantity q = c->q;
	const trace *t = run_trace(r);
	const trace_row *row = trace_row_at(t, trace_len(t) - 1);
	switch (q) {
	case Q_GNORM:
		return row->gnorm;
	case Q_F:
		return row->f;
	case Q_FGAP:
		return row->f - run_prob(r)->fstar;
	case Q_ITER:
		return (double)row->iter;
	case Q_TIME:
		return row->time;
	case Q_DIST:
		return row->dist;
	case Q_STEP:
		return row->step;
	case Q_EPOCH:
		return trace_epoch(t, trace_len(t) - 1);
	case Q_COLUMN: {
		int e = trace_extra_find(t, c->col);
		return e < 0 ? NAN : trace_extra(t, trace_len(t) - 1, e);
	}
	}
	return NAN;
}

int cond_eval(const cond *c, const run *r)
{
	switch (c->op) {
	case C_AND:
		return cond_eval(c->a, r) && cond_eval(c->b, r);
	case C_OR:
		return cond_eval(c->a, r) || cond_eval(c->b, r);
	default:
		break;
	}
	double v = quantity(c, r);
	switch (c->op) {
	case C_LT:
		return v < c->value;
	case C_LE:
		return v <= c->value;
	case C_GT:
		return v > c->value;
	case C_GE:
		return v >= c->value;
	default:
		return 0;
	}
}

const char *cond_missing(const cond *c, const run *r)
{
	if (!c)
		return NULL;
	if (c->op == C_AND || c->op == C_OR) {
		const char *m = cond_missing(c->a, r);
		return m ? m : cond_missing(c->b, r);
	}
	const prob *p = run_prob(r);
	if (c->q == Q_FGAP && isnan(p->fstar))
		return "fstar (no known optimal value)";
	if (c->q == Q_DIST && p->nsol == 0)
		return "dist (no known minimizer)";
	if (c->q == Q_COLUMN && trace_extra_find(run_trace(r), c->col) < 0)
		return c->missing;
	return NULL;
}

static const char *quantity_name(const cond *c)
{
	static const char *const names[] = {"gnorm", "f",    "f - fstar", "iter",
	                                    "time",  "dist", "step",      "epoch"};
	return c->q == Q_COLUMN ? c->col : names[c->q];
}

/* Appends each comparison's quantity once, in the order written. */
static void measured(const cond *c, const run *r, int precision, unsigned *seen, char *buf,
                     size_t cap)
{
	if (c->op == C_AND || c->op == C_OR) {
		measured(c->a, r, precision, seen, buf, cap);
		measured(c->b, r, precision, seen, buf, cap);
		return;
	}
	if (c->q != Q_COLUMN && (*seen & (1u << c->q)))
		return;
	*seen |= 1u << c->q;
	char v[32];
	size_t len = strlen(buf);
	snprintf(buf + len, cap - len, "%s%s = %s", len ? ", " : "", quantity_name(c),
	         fmt_num(v, sizeof v, quantity(c, r), precision));
}

void cond_measured(const cond *c, const run *r, int precision, char *buf, size_t cap)
{
	unsigned seen = 0;
	if (cap == 0)
		return;
	buf[0] = 0;
	measured(c, r, precision, &seen, buf, cap);
}
