/* Commands that define things: problem, let, solver (run and label: cmd_run.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_bilevel.h"
#include "cmd_density.h"
#include "cmd_composite.h"
#include "cmd_data.h"
#include "cmd_image.h"
#include "cmd_multi.h"
#include "cmd_start.h"
#include "cmd_vec.h"
#include "ot.h"
#include "cmd_plugin.h"
#include "parse.h"

#define MAX_DECLS 64

/* `problem NAME(...)`: the declared variables, "x" or "x[N]"; a game splits them,
 * `(x | y)`: *split is the count of the min player's declarations, else -1. */
static int parse_decls(sess *s, lex *l, expr_var *vars, char names[][WS_NAME_MAX], int *n,
                       int *split)
{
	*n = 0;
	*split = -1;
	lex_next(l); /* ( */
	while (!lex_is(l, ")")) {
		if (lex_is(l, "|")) {
			if (*split >= 0 || *n == 0)
				return sess_fail(s, l->tok.col, "a game is `(x | y)`: one `|` between "
				                                "the min and the max player");
			*split = *n;
			lex_next(l);
		}
		if (*n == MAX_DECLS)
			return sess_fail(s, l->tok.col, "more than %d declared variables", MAX_DECLS);
		if (parse_name(s, l, "a variable name", names[*n], WS_NAME_MAX) != 0)
			return -1;
		vars[*n].name = names[*n];
		vars[*n].size = 0;
		if (lex_is(l, "[")) {
			lex_next(l);
			long size;
			int scol = l->tok.col;
			double d;
			if (parse_number(s, l, &d) != 0)
				return -1;
			if (d > s->set.dimlimit && d == floor(d))
				return sess_fail(s, scol, "%.17g variables is beyond dimlimit %ld",
				                 d, s->set.dimlimit);
			lex_seek(l, scol);
			if (parse_long(s, l, "a variable's size", 1, s->set.dimlimit, &size) != 0 ||
			    parse_punct(s, l, "]") != 0)
				return -1;
			vars[*n].size = (int)size;
		}
		(*n)++;
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, ")") && !lex_is(l, "|"))
			return parse_punct(s, l, ")");
	}
	lex_next(l);
	return 0;
}

/* `matrixgame(A = [[..], [..]])`: the payoff matrix as typed; the lexer is on A. */
static prob *typed_matrixgame(sess *s, lex *l)
{
	double *a;
	int m, k, col = l->tok.col;
	lex_next(l);
	if (parse_punct(s, l, "=") != 0 || cmd_vec_parse_matrix(s, l, &a, &m, &k) != 0)
		return NULL;
	if (m > 1000 || k > 1000) {
		free(a);
		sess_fail(s, col, "a payoff matrix of %d x %d: at most 1000 x 1000", m, k);
		return NULL;
	}
	if (parse_punct(s, l, ")") != 0 || parse_end(s, l) != 0) {
		free(a);
		return NULL;
	}
	char err[256];
	prob *p = problib_matrixgame_typed(a, m, k, err, sizeof err);
	free(a);
	if (!p)
		sess_fail(s, col, "%s", err);
	return p;
}

/* `ot(a = [..], b = [..], C = [[..], ..] [, reg = EPS])`: transport as typed. */
static prob *typed_ot(sess *s, lex *l)
{
	double *a = NULL, *b = NULL, *C = NULL, reg = 0.05;
	int m = 0, k = 0, cm = 0, ck = 0, col = l->tok.col, rc = 0;
	while (rc == 0 && !lex_is(l, ")")) {
		int wcol = l->tok.col;
		int which = lex_word(l, "a") ? 0 : lex_word(l, "b") ? 1 : lex_word(l, "C") ? 2
		            : lex_word(l, "reg")                    ? 3
		                                                    : -1;
		if (which < 0) {
			rc = sess_fail(s, wcol, "typed ot takes a = [..], b = [..], C = [[..], ..], reg = EPS");
			break;
		}
		double **slot = which == 0 ? &a : which == 1 ? &b : &C;
		if (which < 3 && *slot) {
			rc = sess_fail(s, wcol, "%.*s given twice", l->tok.len, l->tok.text);
			break;
		}
		lex_next(l);
		if ((rc = parse_punct(s, l, "=")) != 0)
			break;
		if (which == 0)
			rc = cmd_vec_parse_values(s, l, &a, &m);
		else if (which == 1)
			rc = cmd_vec_parse_values(s, l, &b, &k);
		else if (which == 2)
			rc = cmd_vec_parse_matrix(s, l, &C, &cm, &ck);
		else
			rc = parse_const(s, l, &reg);
		if (rc == 0 && lex_is(l, ","))
			lex_next(l);
		else if (rc == 0 && !lex_is(l, ")"))
			rc = parse_punct(s, l, ")");
	}
	if (rc == 0) {
		lex_next(l);
		rc = parse_end(s, l);
	}
	if (rc == 0 && (!a || !b || !C))
		rc = sess_fail(s, col, "typed ot needs a, b and C");
	if (rc == 0 && (cm != m || ck != k))
		rc = sess_fail(s, col, "C is %d x %d, a has %d bins and b %d", cm, ck, m, k);
	for (int h = 0; rc == 0 && h < 2; h++) { /* histograms: positive, each summing to 1 */
		const double *v = h ? b : a;
		double sum = 0;
		int ok = 1;
		for (int i = 0; i < (h ? k : m); i++) {
			ok = ok && v[i] > 0;
			sum += v[i];
		}
		if (!ok || fabs(sum - 1) > 1e-9)
			rc = sess_fail(s, col, "%s must be positive and sum to 1 (it sums to %.17g)",
			               h ? "b" : "a", sum);
	}
	prob *p = NULL;
	char err[256];
	if (rc == 0 && !(p = ot_problem("ot", m, k, a, b, C, reg, err, sizeof err)))
		sess_fail(s, col, "%s", err);
	free(a);
	free(b);
	free(C);
	return p;
}

/* `= LIBNAME` or `= LIBNAME(PARAM = VALUE, ...)`, when the word names one. */
static prob *library_problem(sess *s, lex *l, const problib_entry *e)
{
	double values[PARAM_MAX];
	param_defaults(e->params, e->nparams, values);
	lex_next(l);
	if (lex_is(l, "(")) {
		lex_next(l);
		if (lex_word(l, "csv") && cmd_data_accepts(e->name)) /* data from a file */
			return cmd_data_problem(s, l, e);
		if (lex_word(l, "A") && !strcmp(e->name, "matrixgame")) /* a typed payoff matrix */
			return typed_matrixgame(s, l);
		if ((lex_word(l, "a") || lex_word(l, "b") || lex_word(l, "C")) && !strcmp(e->name, "ot"))
			return typed_ot(s, l);
		if (parse_params(s, l, e->name, e->params, e->nparams, values) != 0)
			return NULL;
	}
	int over = lex_word(l, "over") ? l->tok.col : -1; /* `branin over box(...)` */
	if (over < 0 && parse_end(s, l) != 0)
		return NULL;
	char err[256];
	expr_set_interrupt(&s->interrupted); /* Ctrl-C stops an x* solve: x* stays unknown */
	prob *p = e->make(values, err, sizeof err);
	expr_set_interrupt(NULL);
	if (!p)
		sess_fail(s, 0, "%s", err);
	if (p && s->interrupted && s->interactive)
		fprintf(s->err, "note: interrupted: '%s' is defined, its minimizer left unknown\n",
		        e->name);
	if (p && over >= 0 && cmd_composite_attach(s, p, l->src, over, NULL, 0) != 0) {
		prob_free(p);
		return NULL;
	}
	return p;
}

/* Is p's set the probability simplex (`over simplex`: simplex(1)). */
static int probability_simplex(const prob *p)
{
	if (!p->set || !p->set->desc || strcmp(p->set->desc, "simplex") || !p->set->contains)
		return 0;
	double *e1 = calloc((size_t)p->n, sizeof *e1);
	if (!e1)
		return 0;
	e1[0] = 1; /* on simplex(R) only for R = 1 */
	int yes = p->set->contains(p->set->ctx, e1, p->n, 1e-12);
	free(e1);
	return yes;
}

int cmd_put_failed(sess *s, int col, const char *name)
{
	ws_item *other = ws_get(&s->ws, name);
	if (!other)
		return sess_fail(s, col, "out of memory");
	return sess_fail(s, col, "'%s' is already a %s", name, ws_kind_name(other->kind));
}

int cmd_problem(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int name_end, ncol = l->tok.col;
	if (parse_name(s, l, "a problem name", name, sizeof name) != 0)
		return -1;
	name_end = l->tok.col;
	expr_var vars[MAX_DECLS];
	char names[MAX_DECLS][WS_NAME_MAX];
	int nvars = -1, split = -1, pcol = l->tok.col;
	if (lex_is(l, "(") && parse_decls(s, l, vars, names, &nvars, &split) != 0)
		return -1;
	if (split >= 0 && split == nvars)
		return sess_fail(s, pcol, "a game needs a max player after `|`");
	if (parse_punct(s, l, "=") != 0)
		return -1;
	if (l->tok.kind == LEX_END)
		return sess_fail(s, l->tok.col, "expected an expression or a library problem");

	prob *p = NULL;
	int typed = 0; /* an expression typed in: it gets a default start (prob_default_start) */
	const problib_entry *lib = NULL;
	if (l->tok.kind == LEX_WORD && nvars < 0) {
		char word[WS_NAME_MAX];
		snprintf(word, sizeof word, "%.*s", l->tok.len, l->tok.text);
		lex peek = *l;
		lex_next(&peek);
		if ((lib = problib_find(word)) &&
		    (peek.tok.kind == LEX_END || lex_is(&peek, "(") || lex_word(&peek, "over"))) {
			if (!(p = library_problem(s, l, lib)))
				return -1;
		}
		/* plugin("FILE.so", ...): an objective from a shared object (cmd_plugin) */
		if (!p && strcmp(word, "plugin") == 0 && lex_is(&peek, "(") &&
		    !(p = cmd_plugin_problem(s, l)))
			return -1;
		/* bilevel(upper = .., lower = .., x = .., y = ..): two levels (cmd_bilevel) */
		if (!p && strcmp(word, "bilevel") == 0 && lex_is(&peek, "(") &&
		    !(p = cmd_bilevel_problem(s, l, name)))
			return -1;
		/* tv("FILE.png", ...): an image problem (cmd_image) */
		if (!p && strcmp(word, "tv") == 0 && lex_is(&peek, "(") &&
		    !(p = cmd_image_tv(s, l, name)))
			return -1;
	}
	/* objectives(F1, F2, ...): several objectives over the same variables (cmd_multi) */
	if (!p && cmd_multi_is(l) &&
	    !(p = cmd_multi_problem(s, l, name, nvars >= 0 ? vars : NULL, nvars >= 0 ? nvars : 0)))
		return -1;
	char *unwrapped = NULL; /* density(EXPR): the line with the wrapper blanked */
	int dens = 0;
	if (!p) {
		int col = 0;
		dens = cmd_density_unwrap(l->src, l->tok.col, &unwrapped, &col);
		if (dens == -1)
			return sess_fail(s, col, "density( has no closing parenthesis");
		if (dens == -2)
			return sess_fail(s, col, "unexpected text after density(...)");
		if (dens == -3)
			return sess_fail(s, l->tok.col, "out of memory");
	}
	const char *src = dens ? unwrapped : l->src;
	if (!p) {
		int start = l->tok.col;
		expr_const consts[256];
		expr_options opt = {.max_depth = (int)s->set.depthlimit, .max_dim = s->set.dimlimit};
		if (nvars >= 0) {
			opt.vars = vars;
			opt.nvars = nvars;
		}
		opt.consts = consts;
		opt.nconsts = ws_consts(&s->ws, consts, 256);
		expr_error e;
		/* `+ TERM`, `over SET`, `subject to ...` follow the smooth part (cmd_composite) */
		char *smooth;
		prob_reg *g;
		int len = cmd_composite_split(s, src + start, start, consts, opt.nconsts, &smooth, &g);
		if (len < 0) {
			free(unwrapped);
			return -1;
		}
		p = prob_from_expr(name, smooth, &opt, &e);
		free(smooth);
		if (!p && !dens && e.line == 1 && e.col == 1 &&
		    strncmp(e.msg, "unknown function", 16) == 0 &&
		    l->tok.kind == LEX_WORD) { /* `problem r = rosenbrok(n = 4)`: a library typo? */
			char word[WS_NAME_MAX], hint[96];
			snprintf(word, sizeof word, "%.*s", l->tok.len, l->tok.text);
			if (*parse_suggest(s, word, SUGGEST_LIBRARY, hint, sizeof hint))
				return sess_fail(s, start, "no library problem or function '%s'%s; see "
				                 "`problems`", word, hint);
		}
		if (!p) {
			prox_reg_free(g);
			int rc = parse_expr_fail(s, start, src + start, &e);
			free(unwrapped);
			return rc;
		}
		if (g)
			prox_attach_reg(p, g);
		if (cmd_composite_attach(s, p, src, start + len, consts, opt.nconsts) != 0 ||
		    (dens && prob_set_density(p, NULL, NULL) != 0)) {
			prob_free(p);
			free(unwrapped);
			return -1;
		}
		if (g || dens || len != (int)strlen(src + start))
			prob_set_desc(p, l->src + start);
		free(unwrapped);
		if (p->n == 0) {
			prob_free(p);
			return sess_fail(s, start, "the expression has no variables");
		}
		typed = !dens;
	}
	if (p->n > s->set.dimlimit) { /* library and data problems: expressions check as they parse */
		int n = p->n;
		prob_free(p);
		return sess_fail(s, ncol, "dimension %d is beyond dimlimit %ld", n, s->set.dimlimit);
	}
	if (split > 0) { /* min over the declarations before `|`, max over the rest */
		int nx = 0;
		for (int i = 0; i < split; i++)
			nx += vars[i].size ? vars[i].size : 1;
		if (!(p->game = malloc(sizeof *p->game))) {
			prob_free(p);
			return sess_fail(s, ncol, "out of memory");
		}
		p->game->nx = nx;
		p->caps |= PROB_GAME;
		/* over simplex: each player on its own probability simplex (mirror methods) */
		if (probability_simplex(p) && problib_game_simplices(p) != 0) {
			prob_free(p);
			return sess_fail(s, ncol, "out of memory");
		}
	}
	char why[96];
	if (typed && (prob_default_start(p, why, sizeof why), *why) && s->interactive) {
		fprintf(s->err, "note: '%s' starts at (", name);
		for (int i = 0; i < p->n && i < 8; i++)
			fprintf(s->err, "%s%.6g", i ? ", " : "", p->x0[i]);
		fprintf(s->err, "%s) by default (%s)\n", p->n > 8 ? ", ..." : "", why);
	}
	free(p->name);
	p->name = strdup(name);
	ws_prob *wp = p->name ? ws_prob_new(p, l->src + name_end) : NULL;
	if (wp && ws_prob_capture(&s->ws, wp) != 0) { /* save replays the constants it saw */
		ws_prob_release(wp);
		return sess_fail(s, ncol, "out of memory");
	}
	if (!wp) {
		prob_free(p);
		return sess_fail(s, ncol, "out of memory");
	}
	ws_item *it = ws_put(&s->ws, name, WS_PROBLEM);
	if (!it) {
		ws_prob_release(wp);
		return cmd_put_failed(s, ncol, name);
	}
	it->u.prob = wp;
	return 0;
}

int cmd_let(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int ncol = l->tok.col;
	if (parse_name(s, l, "a constant name", name, sizeof name) != 0)
		return -1;
	/* names the expressions read before any constant: a definition would be ignored */
	static const char *const reserved[] = {"pi", "e", "norm1", "norm2", "sqnorm", "group",
	                                       "scad", "mcp"};
	for (size_t k = 0; k < sizeof reserved / sizeof *reserved; k++)
		if (strcmp(name, reserved[k]) == 0)
			return sess_fail(s, ncol, "'%s' is reserved (%s) and cannot be redefined", name,
			                 k < 2 ? "a built-in constant" : "a nonsmooth term");
	if (parse_punct(s, l, "=") != 0)
		return -1;
	int start = l->tok.col;
	double v;
	if (parse_const(s, l, &v) != 0 || parse_end(s, l) != 0)
		return -1;
	char *def = strdup(l->src + start);
	ws_item *it = def ? ws_put(&s->ws, name, WS_CONST) : NULL;
	if (!it) {
		free(def);
		return cmd_put_failed(s, ncol, name);
	}
	it->u.c.value = v;
	it->u.c.def = def;
	return 0;
}

int cmd_solver(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int ncol = l->tok.col;
	ws_solver sv;
	if (parse_name(s, l, "a solver name", name, sizeof name) != 0 ||
	    parse_punct(s, l, "=") != 0 || parse_method(s, l, &sv) != 0 || parse_end(s, l) != 0)
		return -1;
	ws_item *it = ws_put(&s->ws, name, WS_SOLVER);
	if (!it)
		return cmd_put_failed(s, ncol, name);
	it->u.solver = sv;
	return 0;
}
