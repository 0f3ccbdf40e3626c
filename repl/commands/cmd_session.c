/* Commands about the session itself: help, quit. */
#include <string.h>

#include "cmd.h"
#include "cmd_all.h"
#include "expr.h"
#include "parse.h"

/* Topics besides the commands. */
static const char expressions_help[] =
	"Expressions: numbers (3, .5, 1e-3), + - * / ^ (^ binds right: 2^3^2 = 2^9,\n"
	"-x^2 = -(x^2)), parentheses, functions (`help functions`), the constants pi and\n"
	"e and those made with `let`, variables, indexed variables x[i] (1-based, with a\n"
	"declaration: problem p(x[100]) = ...), data vectors v[i] and len(v) (`help data`),\n"
	"and reductions whose bounds are constant:\n"
	"  sum(i = 1, n - 1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)\n"
	"  prod(i = 1, 3, x[i])      logsumexp(i = 1, 5, x[i])\n"
	"  sumsq(i = 1, m, BODY): the sum of BODY^2, a least-squares problem whose residuals\n"
	"  BODY and their Jacobian serve lm and gaussnewton (as do sum(i = 1, m, (BODY)^2)\n"
	"  and squares written out: (1 - x)^2 + 100*(y - x^2)^2)\n"
	"Derivatives are exact (automatic differentiation); at kinks (abs, min, max) the\n"
	"derivative is a subgradient. Domain errors (log of a negative) give nan or inf.";

static const char terms_help[] =
	"Composite problems f + g: `problem l = EXPR + [W*]TERM` adds a nonsmooth term g\n"
	"with its proximal operator: norm1 (W |x|_1), norm2 (W |x|_2), sqnorm (W/2 |x|^2),\n"
	"group(K) (sum of the norms of K consecutive blocks), scad(A) and mcp(G) (nonconvex\n"
	"penalties). Methods: ista, fista, proxpoint, admm, bcd, subgradient; their gnorm\n"
	"is the gradient mapping:\n"
	"  problem l = (x - 2)^2 + (y - 1)^2 + 0.5*norm1";

static const char sets_help[] =
	"Sets: `problem b = EXPR over SET` constrains the variables to box(LO, HI), nonneg,\n"
	"ball(R) or simplex(R) (simplex: R = 1), each with its projection and linear\n"
	"minimization oracle, for pgd and frankwolfe; gnorm is the gradient mapping. A game\n"
	"over simplex puts each player on its own probability simplex (the mirror methods\n"
	"md, mirrorprox, omd):\n"
	"  problem b = x^2 + y^2 over box(-1, 0.5)";

static const char constraints_help[] =
	"Constraints: `problem c = EXPR subject to C1, C2, ...` with LHS <= RHS, LHS >= RHS\n"
	"or LHS = RHS, for penalty, auglag, primaldual and barrier (inequalities only, from\n"
	"a strictly feasible start). Their runs record the violation and every multiplier,\n"
	"mult1 .. multm in the order the constraints were written (`show RUN multipliers`):\n"
	"  problem c = (x - 2)^2 + (y - 1)^2 subject to x + y <= 1, x >= 0";

static const char games_help[] =
	"Games: `problem g(x | y) = EXPR` is min over the variables before | and max over\n"
	"those after it; F = (grad_x f, -grad_y f) drives gda, ttgda, extragradient, ogda,\n"
	"halpern, gproxpoint and chambollepock (gnorm: the operator residual). Matrix games\n"
	"on two probability simplices (rps, matrixgame(m, k, seed) or matrixgame(A = [[..],\n"
	"[..]]), preference, or a typed game `over simplex`) take md, mirrorprox and omd,\n"
	"which record the exploitability gap:\n"
	"  problem g(p[2] | q[2]) = 3*p[1]*q[1] - p[1]*q[2] - 2*p[2]*q[1] + p[2]*q[2] over simplex";

/* Topics besides the commands: name, text (NULL: the function table). */
static const struct {
	const char *name, *text;
} topics[] = {
    {"expressions", expressions_help}, {"functions", NULL},    {"norm1", terms_help},
    {"terms", terms_help},             {"sets", sets_help},    {"constraints", constraints_help},
    {"games", games_help},
};

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
		fprintf(s->out, "Topics: `help expressions`, `help functions`, `help data`, `help\n"
		                "norm1` (composite terms), `help sets`, `help constraints`, `help\n"
		                "games`; the catalogues: `methods`, `problems`, `describe NAME`.\n");
		return 0;
	}
	if (l->tok.kind != LEX_WORD)
		return sess_fail(s, l->tok.col, "expected a command name");
	for (int k = 0; k < (int)(sizeof topics / sizeof topics[0]); k++)
		if (lex_word(l, topics[k].name)) {
			lex_next(l);
			if (parse_end(s, l) != 0)
				return -1;
			if (!topics[k].text)
				help_functions(s);
			else
				fprintf(s->out, "%s\n", topics[k].text);
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
