/* cmd_bilevel: `problem NAME = bilevel(upper = EXPR, lower = EXPR, x = (VARS), y = (VARS))`:
 * min over x of the upper expression, y in the lower expression's set of minimizers over y
 * (bilevel.h). VARS are names or indexed names, `x = a` or `x = (a, b[3])`; the arguments
 * come in any order, each once. An optional `subject to = C` or `subject to = (C1, C2, ..)`
 * restricts the lower level to inequalities over x and y (LHS <= RHS, LHS >= RHS). */
#include <stdlib.h>
#include <string.h>

#include "bilevel.h"
#include "cmd_all.h"
#include "cmd_bilevel.h"
#include "parse.h"

#define BILEVEL_DECLS 63

typedef struct decls {
	expr_var v[BILEVEL_DECLS];
	char names[BILEVEL_DECLS][WS_NAME_MAX];
	int n;
} decls;

/* NAME or NAME[N] */
static int parse_var(sess *s, lex *l, decls *d)
{
	if (d->n == BILEVEL_DECLS)
		return sess_fail(s, l->tok.col, "more than %d variables in one level", BILEVEL_DECLS);
	if (parse_name(s, l, "a variable name", d->names[d->n], WS_NAME_MAX) != 0)
		return -1;
	d->v[d->n].name = d->names[d->n];
	d->v[d->n].size = 0;
	if (lex_is(l, "[")) {
		long size;
		lex_next(l);
		if (parse_long(s, l, "a variable's size", 1, BILEVEL_MAX_NY, &size) != 0 ||
		    parse_punct(s, l, "]") != 0)
			return -1;
		d->v[d->n].size = (int)size;
	}
	d->n++;
	return 0;
}

/* VAR or (VAR, VAR, ...) */
static int parse_vars(sess *s, lex *l, decls *d)
{
	if (!lex_is(l, "("))
		return parse_var(s, l, d);
	lex_next(l);
	while (1) {
		if (parse_var(s, l, d) != 0)
			return -1;
		if (!lex_is(l, ","))
			return parse_punct(s, l, ")");
		lex_next(l);
	}
}

/* One constraint's text: up to the next comma or parenthesis at its level. */
static int parse_con(sess *s, lex *l, char **cons, int *ncons)
{
	int at = l->tok.col, end = parse_value_end(l->src, at);
	if (end == at || l->tok.kind == LEX_END)
		return sess_fail(s, at, "expected a lower-level constraint (LHS <= RHS)");
	if (*ncons == BILEVEL_MAX_CON)
		return sess_fail(s, at, "at most %d lower-level constraints", BILEVEL_MAX_CON);
	if (!(cons[*ncons] = strndup(l->src + at, (size_t)(end - at))))
		return sess_fail(s, at, "out of memory");
	(*ncons)++;
	lex_seek(l, end);
	return 0;
}

/* C or (C1, C2, ...) */
static int parse_cons(sess *s, lex *l, char **cons, int *ncons)
{
	if (!lex_is(l, "("))
		return parse_con(s, l, cons, ncons);
	lex_next(l);
	while (1) {
		if (parse_con(s, l, cons, ncons) != 0)
			return -1;
		if (!lex_is(l, ","))
			return parse_punct(s, l, ")");
		lex_next(l);
	}
}

prob *cmd_bilevel_problem(sess *s, lex *l, const char *name)
{
	int col = l->tok.col, at[5] = {-1, -1, -1, -1, -1}; /* upper, lower, x, y, subject to */
	static const char *const keys[5] = {"upper", "lower", "x", "y", "subject"};
	char *text[2] = {NULL, NULL}, *cons[BILEVEL_MAX_CON];
	int ncons = 0;
	decls *d = calloc(2, sizeof *d);
	prob *p = NULL;
	if (!d) {
		sess_fail(s, col, "out of memory");
		return NULL;
	}
	lex_next(l); /* bilevel */
	int rc = parse_punct(s, l, "(");
	while (rc == 0) {
		int k = 0, kcol = l->tok.col;
		while (k < 5 && !lex_word(l, keys[k]))
			k++;
		if (k == 5) {
			rc = sess_fail(s, kcol, "bilevel takes upper = EXPR, lower = EXPR, x = (VARS), "
			                        "y = (VARS), subject to = (CONSTRAINTS)");
			break;
		}
		if (at[k] >= 0) {
			rc = sess_fail(s, kcol, "%s given twice", k == 4 ? "subject to" : keys[k]);
			break;
		}
		lex_next(l);
		if (k == 4 && !lex_word(l, "to")) {
			rc = sess_fail(s, l->tok.col, "expected `subject to`");
			break;
		}
		if (k == 4)
			lex_next(l);
		if ((rc = parse_punct(s, l, "=")) != 0)
			break;
		at[k] = l->tok.col;
		if (k < 2) { /* an expression: up to the next comma or parenthesis at its level */
			int end = parse_value_end(l->src, at[k]);
			if (end == at[k] || l->tok.kind == LEX_END) {
				rc = sess_fail(s, at[k], "expected the %s level's expression", keys[k]);
				break;
			}
			if (!(text[k] = strndup(l->src + at[k], (size_t)(end - at[k])))) {
				rc = sess_fail(s, at[k], "out of memory");
				break;
			}
			lex_seek(l, end);
		} else if (k == 4 && (rc = parse_cons(s, l, cons, &ncons)) != 0) {
			break;
		} else if (k < 4 && (rc = parse_vars(s, l, &d[k - 2])) != 0) {
			break;
		}
		if (lex_is(l, ")"))
			break;
		rc = parse_punct(s, l, ",");
	}
	if (rc == 0) {
		lex_next(l);
		rc = parse_end(s, l);
	}
	for (int k = 0; rc == 0 && k < 4; k++) /* subject to is optional */
		if (at[k] < 0)
			rc = sess_fail(s, col, "bilevel needs upper, lower, x and y");
	if (rc == 0) {
		expr_const consts[256];
		expr_options opt = {.max_depth = (int)s->set.depthlimit, .max_dim = s->set.dimlimit};
		opt.consts = consts;
		opt.nconsts = ws_consts(&s->ws, consts, 256);
		expr_error e;
		p = bilevel_problem(name, text[0], text[1], d[0].v, d[0].n, d[1].v, d[1].n,
		                    (const char *const *)cons, ncons, &opt, &e);
		if (!p && e.col != 0) { /* a fault in one of the expressions: its column */
			int which = e.col < 0;
			e.col = abs(e.col);
			parse_expr_fail(s, at[which], text[which], &e);
		} else if (!p) {
			sess_fail(s, col, "%s", e.msg);
		}
	}
	free(text[0]);
	free(text[1]);
	for (int k = 0; k < ncons; k++)
		free(cons[k]);
	free(d);
	return p;
}
