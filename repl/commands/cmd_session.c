/* Commands about the session itself: help, quit. */
#include <string.h>

#include "cmd.h"
#include "cmd_all.h"
#include "expr.h"
#include "parse.h"

/* Topics besides the commands. */
static const char *const expressions_help =
	"Expressions: numbers (3, .5, 1e-3), + - * / ^ (^ binds right: 2^3^2 = 2^9,\n"
	"-x^2 = -(x^2)), parentheses, functions (`help functions`), the constants pi and\n"
	"e and those made with `let`, variables, indexed variables x[i] (1-based, with a\n"
	"declaration: problem p(x[100]) = ...), data vectors v[i] and len(v) (`help data`),\n"
	"and reductions whose bounds are constant:\n"
	"  sum(i = 1, n - 1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)\n"
	"  prod(i = 1, 3, x[i])      logsumexp(i = 1, 5, x[i])\n"
	"  sumsq(i = 1, m, BODY): the sum of BODY^2, a least-squares problem whose residuals\n"
	"  BODY and their Jacobian serve lm and gaussnewton\n"
	"Derivatives are exact (automatic differentiation); at kinks (abs, min, max) the\n"
	"derivative is a subgradient. Domain errors (log of a negative) give nan or inf.";

static void help_functions(sess *s)
{
	fprintf(s->out, "Functions in expressions:\n");
	for (int i = 0; i < expr_nfuncs(); i++)
		fprintf(s->out, "  %-10s %s\n", expr_func_name(i), expr_func_help(i));
}

int cmd_help(sess *s, lex *l)
{
	int n;
	const cmd_def *t = cmd_table(&n);
	if (l->tok.kind == LEX_END) {
		fprintf(s->out, "Commands (`help COMMAND` for more):\n");
		for (int i = 0; i < n; i++)
			fprintf(s->out, "  %-10s %s\n", t[i].name, t[i].summary);
		fprintf(s->out, "Topics: `help expressions`, `help functions`; the catalogues:\n"
		                "`methods`, `problems`, `describe NAME`.\n");
		return 0;
	}
	if (l->tok.kind != LEX_WORD)
		return sess_fail(s, l->tok.col, "expected a command name");
	if (lex_word(l, "expressions") || lex_word(l, "functions")) {
		int functions = lex_word(l, "functions");
		lex_next(l);
		if (parse_end(s, l) != 0)
			return -1;
		if (functions)
			help_functions(s);
		else
			fprintf(s->out, "%s\n", expressions_help);
		return 0;
	}
	const cmd_def *c = cmd_find(l->tok.text, l->tok.len);
	if (!c)
		return sess_fail(s, l->tok.col, "no command or topic '%.*s'; `help` lists them",
		                 l->tok.len, l->tok.text);
	lex_next(l);
	if (parse_end(s, l) != 0)
		return -1;
	fprintf(s->out, "usage: %s\n%s.\n", c->usage, c->summary);
	if (c->help)
		fprintf(s->out, "\n%s\n", c->help);
	return 0;
}

int cmd_quit(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	s->quit = 1;
	return 0;
}
