/* Commands that define things: problem, let, solver, run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_density.h"
#include "cmd_composite.h"
#include "cmd_data.h"
#include "cmd_image.h"
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
		if (parse_params(s, l, e->name, e->params, e->nparams, values) != 0)
			return NULL;
	}
	if (parse_end(s, l) != 0)
		return NULL;
	char err[256];
	expr_set_interrupt(&s->interrupted); /* Ctrl-C stops an x* solve: x* stays unknown */
	prob *p = e->make(values, err, sizeof err);
	expr_set_interrupt(NULL);
	if (!p)
		sess_fail(s, 0, "%s", err);
	else if (s->interrupted && s->interactive)
		fprintf(s->err, "note: interrupted: '%s' is defined, its minimizer left unknown\n",
		        e->name);
	return p;
}

/* ws_put refused name: it belongs to another kind, or memory ran out. */
static int put_failed(sess *s, int col, const char *name)
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
	const problib_entry *lib = NULL;
	if (l->tok.kind == LEX_WORD && nvars < 0) {
		char word[WS_NAME_MAX];
		snprintf(word, sizeof word, "%.*s", l->tok.len, l->tok.text);
		lex peek = *l;
		lex_next(&peek);
		if ((lib = problib_find(word)) && (peek.tok.kind == LEX_END || lex_is(&peek, "("))) {
			if (!(p = library_problem(s, l, lib)))
				return -1;
		}
		/* tv("FILE.png", ...): an image problem (cmd_image) */
		if (!p && strcmp(word, "tv") == 0 && lex_is(&peek, "(") &&
		    !(p = cmd_image_tv(s, l, name)))
			return -1;
	}
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
		int len = cmd_composite_split(src + start);
		char *smooth = strndup(src + start, (size_t)len);
		if (!smooth) {
			free(unwrapped);
			return sess_fail(s, start, "out of memory");
		}
		p = prob_from_expr(name, smooth, &opt, &e);
		free(smooth);
		if (!p) {
			int rc = parse_expr_fail(s, start, src + start, &e);
			free(unwrapped);
			return rc;
		}
		if (cmd_composite_attach(s, p, src, start + len, consts, opt.nconsts) != 0 ||
		    (dens && prob_set_density(p, NULL, NULL) != 0)) {
			prob_free(p);
			free(unwrapped);
			return -1;
		}
		if (dens || len != (int)strlen(src + start))
			prob_set_desc(p, l->src + start);
		free(unwrapped);
		if (p->n == 0) {
			prob_free(p);
			return sess_fail(s, start, "the expression has no variables");
		}
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
		return put_failed(s, ncol, name);
	}
	it->u.prob = wp;
	return 0;
}

int cmd_let(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int ncol = l->tok.col;
	if (parse_name(s, l, "a constant name", name, sizeof name) != 0 ||
	    parse_punct(s, l, "=") != 0)
		return -1;
	int start = l->tok.col;
	double v;
	if (parse_const(s, l, &v) != 0 || parse_end(s, l) != 0)
		return -1;
	char *def = strdup(l->src + start);
	ws_item *it = def ? ws_put(&s->ws, name, WS_CONST) : NULL;
	if (!it) {
		free(def);
		return put_failed(s, ncol, name);
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
		return put_failed(s, ncol, name);
	it->u.solver = sv;
	return 0;
}

/* The solver of `run`: a workspace solver's name, or a method spec. */
static int run_solver(sess *s, lex *l, ws_solver *sv)
{
	if (l->tok.kind == LEX_WORD) {
		char word[WS_NAME_MAX];
		snprintf(word, sizeof word, "%.*s", l->tok.len, l->tok.text);
		ws_item *it = ws_get_kind(&s->ws, word, WS_SOLVER);
		if (it) {
			*sv = it->u.solver;
			lex_next(l);
			return 0;
		}
		if (!meth_find(word))
			return sess_fail(s, l->tok.col,
			                 "no solver or method '%s'; `list` shows the solvers, "
			                 "`methods` the methods",
			                 word);
	}
	return parse_method(s, l, sv);
}

/* The options after `from ...`: seed and stop tests. */
static int run_options_parse(sess *s, lex *l, run_opts *o)
{
	while (l->tok.kind == LEX_WORD) {
		int col = l->tok.col;
		long k;
		if (lex_word(l, "seed")) {
			lex_next(l);
			if (parse_long(s, l, "seed", 0, 9007199254740991L, &k) != 0)
				return -1;
			o->seed = (uint64_t)k;
		} else if (lex_word(l, "maxiter")) {
			lex_next(l);
			if (parse_long(s, l, "maxiter", 0, 1000000000L, &o->maxiter) != 0)
				return -1;
		} else {
			double *field = lex_word(l, "gtol")      ? &o->gtol
			                : lex_word(l, "ftol")    ? &o->ftol
			                : lex_word(l, "xtol")    ? &o->xtol
			                : lex_word(l, "maxtime") ? &o->maxtime
			                                         : NULL;
			if (!field)
				return sess_fail(s, col,
				                 "unknown run option '%.*s' (seed, gtol, ftol, xtol, "
				                 "maxiter, maxtime)",
				                 l->tok.len, l->tok.text);
			lex_next(l);
			int vcol = l->tok.col;
			if (parse_number(s, l, field) != 0)
				return -1;
			if (!(*field >= 0) || isinf(*field))
				return sess_fail(s, vcol, "a tolerance or limit must be finite and >= 0");
		}
	}
	return parse_end(s, l);
}

int cmd_run(sess *s, lex *l)
{
	char name[WS_NAME_MAX], pname[WS_NAME_MAX];
	int ncol = l->tok.col;
	ws_solver sv;
	if (parse_name(s, l, "a run name", name, sizeof name) != 0 ||
	    parse_punct(s, l, "=") != 0 || run_solver(s, l, &sv) != 0 ||
	    parse_keyword(s, l, "on") != 0)
		return -1;
	int pcol = l->tok.col;
	if (parse_name(s, l, "a problem name", pname, sizeof pname) != 0)
		return -1;
	ws_item *pi = ws_get_kind(&s->ws, pname, WS_PROBLEM);
	if (!pi)
		return sess_fail(s, pcol, "no problem '%s'; `list` shows the workspace", pname);
	const prob *p = pi->u.prob->p;

	double *x0 = NULL;
	int n0 = 0, fcol = l->tok.col, default_start = 1;
	if (lex_word(l, "from")) {
		lex_next(l);
		fcol = l->tok.col;
		if (lex_word(l, "default")) {
			lex_next(l);
		} else {
			if (parse_tuple(s, l, &x0, &n0) != 0)
				return -1;
			default_start = 0;
			if (n0 != p->n) {
				free(x0);
				return sess_fail(s, fcol, "problem '%s' has %d variable%s, the start has %d",
				                 pname, p->n, p->n == 1 ? "" : "s", n0);
			}
		}
	}
	run_opts o = s->set.run;
	if (run_options_parse(s, l, &o) != 0) {
		free(x0);
		return -1;
	}
	char err[256];
	run *r = run_new(p, sv.m, sv.params, x0, &o, err, sizeof err);
	if (!r) {
		free(x0);
		return sess_fail(s, 0, "%s", err);
	}
	ws_prob *wp = pi->u.prob;
	char def[512];
	parse_format_method(&sv, def, sizeof def);
	char *prob_name = strdup(pname), *solver_def = strdup(def);
	ws_item *it = prob_name && solver_def ? ws_put(&s->ws, name, WS_RUN) : NULL;
	if (!it) {
		run_free(r);
		free(x0);
		free(prob_name);
		free(solver_def);
		return put_failed(s, ncol, name);
	}
	wp->refs++;
	it->u.run.r = r;
	it->u.run.prob = wp;
	it->u.run.prob_name = prob_name;
	it->u.run.solver_def = solver_def;
	it->u.run.x0 = x0;
	it->u.run.default_start = default_start;
	it->u.run.work_made = s->set.worklimit;
	return 0;
}
