/* cmd_multi: `problem NAME = objectives(F1, F2, ... [, ref = (R, ...)]) [over SET]`. Each
 * formula is compiled where it was typed, so that errors point into it. */
#include "cmd_multi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_composite.h"
#include "multi.h"
#include "parse.h"

int cmd_multi_is(const lex *l)
{
	if (!lex_word(l, "objectives"))
		return 0;
	lex peek = *l;
	lex_next(&peek);
	return lex_is(&peek, "(");
}

/* `ref = (R1, ...)` with the lexer on ref: k values into ref. 0, or -1 after sess_fail. */
static int parse_ref(sess *s, lex *l, int k, double *ref)
{
	int col = l->tok.col;
	double *v;
	int n;
	lex_next(l);
	if (parse_punct(s, l, "=") != 0 || parse_tuple(s, l, &v, &n) != 0)
		return -1;
	if (n != k) {
		free(v);
		return sess_fail(s, col, "ref has %d values for %d objectives", n, k);
	}
	memcpy(ref, v, (size_t)k * sizeof *v);
	free(v);
	return 0;
}

prob *cmd_multi_problem(sess *s, lex *l, const char *name, const expr_var *vars, int nvars)
{
	const char *src = l->src;
	int start = l->tok.col;
	char *text[MULTI_MAX + 1] = {0};
	int col[MULTI_MAX + 1], k = 0, has_ref = 0, refcol = -1;
	double ref[MULTI_MAX];
	prob *p = NULL;
	lex_next(l); /* objectives */
	lex_next(l); /* ( */
	while (!lex_is(l, ")")) {
		if (l->tok.kind == LEX_END) {
			sess_fail(s, start, "objectives( has no closing parenthesis");
			goto done;
		}
		if (lex_word(l, "ref")) {
			lex peek = *l;
			lex_next(&peek);
			if (lex_is(&peek, "=")) {
				refcol = l->tok.col;
				has_ref = 1;
				break; /* read once the count is known */
			}
		}
		if (k == MULTI_MAX) {
			sess_fail(s, l->tok.col, "more than %d objectives", MULTI_MAX);
			goto done;
		}
		int end = parse_value_end(src, l->tok.col);
		col[k] = l->tok.col;
		if (!(text[k] = strndup(src + col[k], (size_t)(end - col[k])))) {
			sess_fail(s, col[k], "out of memory");
			goto done;
		}
		k++;
		lex_seek(l, end);
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, ")")) {
			parse_punct(s, l, ")");
			goto done;
		}
	}
	if (k < 2) {
		sess_fail(s, start, "objectives takes 2 to %d formulas, not %d", MULTI_MAX, k);
		goto done;
	}
	if (has_ref && (parse_ref(s, l, k, ref) != 0 || parse_punct(s, l, ")") != 0))
		goto done;
	if (!has_ref)
		lex_next(l); /* ) */
	expr_const consts[256];
	expr_options opt = {.vars = vars, .nvars = nvars, .max_depth = (int)s->set.depthlimit,
	                    .max_dim = s->set.dimlimit, .consts = consts};
	opt.nconsts = ws_consts(&s->ws, consts, 256);
	expr_error e;
	int which;
	if (!(p = multi_problem(name, (const char *const *)text, k, &opt, &e, &which))) {
		if (which >= 0)
			parse_expr_fail(s, col[which], text[which], &e);
		else
			sess_fail(s, start, "%s", e.msg);
		goto done;
	}
	if (has_ref && multi_set_front(p, ref, NULL, NULL, 0, NAN) != 0) {
		sess_fail(s, refcol, "out of memory");
		goto fail;
	}
	if (l->tok.kind != LEX_END) { /* `over SET` */
		if (!lex_word(l, "over")) {
			sess_fail(s, l->tok.col, "after objectives(...) only `over SET` may follow");
			goto fail;
		}
		if (cmd_composite_attach(s, p, src, l->tok.col, consts, opt.nconsts) != 0)
			goto fail;
		if (p->constr || p->g) {
			sess_fail(s, l->tok.col, "objectives take a set (`over SET`), not constraints");
			goto fail;
		}
	}
	prob_set_desc(p, src + start);
	goto done;
fail:
	prob_free(p);
	p = NULL;
done:
	for (int i = 0; i < k; i++)
		free(text[i]);
	return p;
}
