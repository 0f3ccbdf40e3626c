/* Commands that make runs: `run NAME = SOLVER on PROBLEM from START ...` and `label`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_start.h"
#include "parse.h"

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
		if (!meth_find(word)) {
			char hint[96];
			return sess_fail(s, l->tok.col,
			                 "no solver or method '%s'%s; `list` shows the solvers, "
			                 "`methods` the methods",
			                 word,
			                 parse_suggest(s, word, SUGGEST_SOLVER | SUGGEST_METHOD, hint,
			                               sizeof hint));
		}
	}
	return parse_method(s, l, sv);
}

/* Whether TEXT is a label: one line of valid UTF-8, 1 to WS_LABEL_MAX bytes. */
static int label_check(sess *s, int col, const char *text)
{
	size_t n = strlen(text);
	if (n == 0)
		return sess_fail(s, col, "a label needs text; `label RUN none` removes one");
	if (n > WS_LABEL_MAX)
		return sess_fail(s, col, "a label is at most %d bytes (the label limit)", WS_LABEL_MAX);
	for (const unsigned char *c = (const unsigned char *)text; *c;) {
		int k = *c < 0x80 ? 0 : (*c & 0xE0) == 0xC0 ? 1 : (*c & 0xF0) == 0xE0 ? 2 : (*c & 0xF8) == 0xF0 ? 3 : -1;
		if (*c < 0x20 || *c == 0x7F || k < 0)
			return sess_fail(s, col, "a label is one line of UTF-8 text (no control characters)");
		for (int i = 1; i <= k; i++)
			if ((c[i] & 0xC0) != 0x80)
				return sess_fail(s, col, "a label is one line of UTF-8 text (no control characters)");
		c += k + 1;
	}
	return 0;
}

/* `label "TEXT"`: a checked label in *OUT (the caller frees it). */
static int label_parse(sess *s, lex *l, char **out)
{
	int col = l->tok.col;
	char *text;
	if (parse_string(s, l, "a label", &text) != 0)
		return -1;
	if (label_check(s, col, text) != 0) {
		free(text);
		return -1;
	}
	free(*out);
	*out = text;
	return 0;
}

/* The options after `from ...`: seed, stop tests and the label. */
static int run_options_parse(sess *s, lex *l, run_opts *o, char **label)
{
	while (l->tok.kind == LEX_WORD) {
		int col = l->tok.col;
		long k;
		if (lex_word(l, "label")) {
			lex_next(l);
			if (label_parse(s, l, label) != 0)
				return -1;
		} else if (lex_word(l, "seed")) {
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
				                 "maxiter, maxtime, label)",
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
		return parse_no_item(s, pcol, WS_PROBLEM, pname);
	const prob *p = pi->u.prob->p;

	double *x0 = NULL;
	char *start_def = NULL;
	if (lex_word(l, "from")) {
		lex_next(l);
		if (cmd_start_parse(s, l, p, pname, &x0, &start_def) != 0)
			return -1;
	}
	int default_start = x0 == NULL;
	run_opts o = s->set.run;
	char *label = NULL;
	if (run_options_parse(s, l, &o, &label) != 0) {
		free(x0);
		free(start_def);
		free(label);
		return -1;
	}
	char err[256];
	run *r = run_new(p, sv.m, sv.params, x0, &o, err, sizeof err);
	if (!r) {
		free(x0);
		free(start_def);
		free(label);
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
		free(start_def);
		free(label);
		return cmd_put_failed(s, ncol, name);
	}
	wp->refs++;
	it->u.run.r = r;
	it->u.run.prob = wp;
	it->u.run.prob_name = prob_name;
	it->u.run.solver_def = solver_def;
	it->u.run.x0 = x0;
	it->u.run.default_start = default_start;
	it->u.run.start_def = start_def;
	it->u.run.label = label;
	it->u.run.work_made = s->set.worklimit;
	return 0;
}

int cmd_label(sess *s, lex *l)
{
	ws_item *it = parse_item(s, l, WS_RUN);
	if (!it)
		return -1;
	char *label = NULL;
	if (lex_word(l, "none")) {
		lex_next(l);
	} else if (label_parse(s, l, &label) != 0) {
		return -1;
	}
	if (parse_end(s, l) != 0) {
		free(label);
		return -1;
	}
	free(it->u.run.label);
	it->u.run.label = label;
	return 0;
}
