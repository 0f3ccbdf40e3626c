/* save: the script that rebuilds a workspace. */
#include "save.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_start.h"
#include "cmd_vec.h"
#include "parse.h"
#include "script.h"
#include "version.h"

/* Writes `problem NAME DEF` unless that very definition was the last one
 * written under NAME (runs keep the problem they were made on). */
static void save_problem(FILE *f, const char *name, ws_prob *wp, const char **names,
                         ws_prob **written, int *n)
{
	for (int i = *n - 1; i >= 0; i--)
		if (strcmp(names[i], name) == 0) {
			if (written[i] == wp)
				return;
			break;
		}
	fprintf(f, "problem %s%s%s\n", name, *wp->def == '(' ? "" : " ", wp->def);
	names[*n] = name;
	written[(*n)++] = wp;
}

/* TEXT in double quotes as the lexer reads it back (\\ and \" escaped). */
static void save_quoted(FILE *f, const char *text)
{
	fputc('"', f);
	for (const char *c = text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', f);
		fputc(*c, f);
	}
	fputc('"', f);
}

/* Does a constant or data vector defined after item i appear in text as a word? Then a
 * method spec kept as typed would meet it before its definition, or with another value
 * than when it was typed: save writes the values instead. */
static int later_name_in(const sess *s, int i, const char *text)
{
	for (int j = i + 1; j < s->ws.count; j++) {
		const ws_item *it = s->ws.items[j];
		if (it->kind != WS_CONST && it->kind != WS_DATA)
			continue;
		size_t len = strlen(it->name);
		for (const char *q = strstr(text, it->name); q; q = strstr(q + 1, it->name)) {
			char a = q > text ? q[-1] : ' ', b = q[len];
			if (!isalnum((unsigned char)a) && a != '_' && !isalnum((unsigned char)b) && b != '_')
				return 1;
		}
	}
	return 0;
}

/* A method spec as typed where that is safe (later_name_in), else with its values. */
static void save_method(const sess *s, int i, const ws_solver *sv, char *buf, size_t cap)
{
	ws_solver v = *sv;
	if (later_name_in(s, i, v.text))
		v.text[0] = 0;
	parse_format_method(&v, buf, cap);
}

static void save_run(sess *s, int i, FILE *f, const ws_item *it, const run_opts *defaults)
{
	const ws_run *wr = &it->u.run;
	const run_opts *o = run_options(wr->r);
	ws_solver sv = {.m = run_meth(wr->r)};
	char def[512];
	memcpy(sv.params, run_params(wr->r), (size_t)sv.m->nparams * sizeof *sv.params);
	if (later_name_in(s, i, wr->solver_def))
		parse_format_method(&sv, def, sizeof def);
	else
		snprintf(def, sizeof def, "%s", wr->solver_def);
	fprintf(f, "run %s = %s on %s from ", it->name, def, wr->prob_name);
	cmd_start_write(s, f, it);
	if (o->seed != defaults->seed)
		fprintf(f, " seed %llu", (unsigned long long)o->seed);
	if (o->gtol != defaults->gtol)
		fprintf(f, " gtol %.17g", o->gtol);
	if (o->ftol != defaults->ftol)
		fprintf(f, " ftol %.17g", o->ftol);
	if (o->xtol != defaults->xtol)
		fprintf(f, " xtol %.17g", o->xtol);
	if (o->maxiter != defaults->maxiter)
		fprintf(f, " maxiter %ld", o->maxiter);
	if (o->maxtime != defaults->maxtime)
		fprintf(f, " maxtime %.17g", o->maxtime);
	if (wr->label) {
		fprintf(f, " label ");
		save_quoted(f, wr->label);
	}
	fputc('\n', f);
	if (run_iter(wr->r) > 0)
		fprintf(f, "step %s %ld\n", it->name, run_iter(wr->r));
	if (wr->bound)
		fprintf(f, "bound %s%s%s\n", it->name, *wr->bound_args ? " " : "", wr->bound_args);
}

/* A problem's definition (named, or behind a run) that a line of `limit` bytes
 * cannot hold. */
static int long_definition(const sess *s, long limit)
{
	for (int i = 0; i < s->ws.count; i++) {
		const ws_item *it = s->ws.items[i];
		const ws_prob *wp = it->kind == WS_PROBLEM ? it->u.prob
		                    : it->kind == WS_RUN   ? it->u.run.prob
		                                           : NULL;
		if (wp && (long)strlen(wp->def) + WS_NAME_MAX + 16 > limit)
			return 1;
		if (it->kind == WS_DATA && cmd_vec_line_len(it) > limit)
			return 1;
		if (it->kind == WS_RUN && it->u.run.x0 && !it->u.run.start_def &&
		    26L * run_prob(it->u.run.r)->n + 200 > limit)
			return 1; /* a start written as its values */
	}
	return 0;
}

int save_script(sess *s, FILE *f)
{
	sess_settings def;
	sess_settings_default(&def);
	fprintf(f, "# optlab %s workspace: `load` this file to rebuild it\n", OPTLAB_VERSION);
	if (s->set.precision != def.precision)
		fprintf(f, "set precision %d\n", s->set.precision);
	if (s->set.maxsteps != def.maxsteps)
		fprintf(f, "set maxsteps %ld\n", s->set.maxsteps);
	if (s->set.steplimit != def.steplimit)
		fprintf(f, "set steplimit %ld\n", s->set.steplimit);
	if (s->set.run.tracelimit != def.run.tracelimit)
		fprintf(f, "set tracelimit %.17g\n", s->set.run.tracelimit);
	/* the evaluation budget holds while the runs' steps are replayed; the limits
	 * that definitions meet come at the end, as the workspace may hold things made
	 * before they were lowered (a line made under a raised linelimit: the widest) */
	if (s->set.worklimit != def.worklimit)
		fprintf(f, "set worklimit %ld\n", s->set.worklimit);
	if (s->set.gridlimit != def.gridlimit)
		fprintf(f, "set gridlimit %ld\n", s->set.gridlimit);
	if (s->set.linelimit > def.linelimit || long_definition(s, def.linelimit))
		fprintf(f, "set linelimit %d\n", SCRIPT_LINE_CAP);
	int count = s->ws.count, n = 0;
	const char **names = calloc((size_t)count * 2 + 1, sizeof *names);
	ws_prob **written = calloc((size_t)count * 2 + 1, sizeof *written);
	if (!names || !written) {
		free(names);
		free(written);
		return -1;
	}
	for (int i = 0; i < count; i++) {
		const ws_item *it = s->ws.items[i];
		char buf[512];
		switch (it->kind) {
		case WS_CONST:
			fprintf(f, "let %s = %.17g\n", it->name, it->u.c.value);
			break;
		case WS_PROBLEM:
			save_problem(f, it->name, it->u.prob, names, written, &n);
			break;
		case WS_SOLVER:
			save_method(s, i, &it->u.solver, buf, sizeof buf);
			fprintf(f, "solver %s = %s\n", it->name, buf);
			break;
		case WS_DATA:
			cmd_vec_save(s, f, it);
			break;
		case WS_RUN:
			save_problem(f, it->u.run.prob_name, it->u.run.prob, names, written, &n);
			save_run(s, i, f, it, &def.run);
			break;
		}
	}
	/* the names must end bound as they are now */
	for (int i = 0; i < count; i++)
		if (s->ws.items[i]->kind == WS_PROBLEM)
			save_problem(f, s->ws.items[i]->name, s->ws.items[i]->u.prob, names, written, &n);
	if (s->set.linelimit != def.linelimit || long_definition(s, def.linelimit))
		fprintf(f, "set linelimit %ld\n", s->set.linelimit);
	if (s->set.depthlimit != def.depthlimit)
		fprintf(f, "set depthlimit %ld\n", s->set.depthlimit);
	if (s->set.dimlimit != def.dimlimit)
		fprintf(f, "set dimlimit %ld\n", s->set.dimlimit);
	free(names);
	free(written);
	return ferror(f) ? -1 : 0;
}
