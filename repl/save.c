/* save: the script that rebuilds a workspace. */
#include "save.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_start.h"
#include "expr.h"
#include "cmd_vec.h"
#include "parse.h"
#include "script.h"
#include "version.h"

/* What the script written so far has defined, so that each thing is rebuilt
 * as it was made: the constants a problem saw (a constant redefined after it),
 * problems under names later taken, the worklimit a run's steps ran under. */
typedef struct save_state {
	FILE *f;
	const char **names; /* problems written, with their definitions */
	ws_prob **written;
	int n;
	ws_const_val *lets; /* constants defined in the script now */
	int nlets, caplets;
	long work; /* the worklimit in force in the script */
} save_state;

static int let_find(const save_state *st, const char *name)
{
	for (int i = 0; i < st->nlets; i++)
		if (strcmp(st->lets[i].name, name) == 0)
			return i;
	return -1;
}

static int prob_find(const save_state *st, const char *name)
{
	for (int i = st->n - 1; i >= 0; i--)
		if (st->names[i] && strcmp(st->names[i], name) == 0)
			return i;
	return -1;
}

/* Frees name in the script for a thing of kind: a constant or a problem it
 * defined earlier under that name is deleted first. */
static void claim(save_state *st, const char *name, enum ws_kind kind)
{
	int i = let_find(st, name);
	if (kind != WS_CONST && i >= 0) {
		fprintf(st->f, "delete %s\n", name);
		st->lets[i] = st->lets[--st->nlets];
	}
	i = prob_find(st, name);
	if (kind != WS_PROBLEM && i >= 0) {
		fprintf(st->f, "delete %s\n", name);
		for (; i >= 0; i--) /* every earlier definition under it is gone */
			if (st->names[i] && strcmp(st->names[i], name) == 0)
				st->names[i] = NULL;
	}
}

/* 1 when def, read with the script's constants now, gives value bit for bit: then the
 * script may keep the expression as typed. */
static int def_gives(const save_state *st, const char *def, double value)
{
	expr_const c[256];
	int n = 0;
	for (int i = 0; i < st->nlets && n < 256; i++, n++)
		c[n] = (expr_const){.name = st->lets[i].name, .value = st->lets[i].value};
	static const expr_var none[1];
	expr_options opt = {.vars = none, .nvars = 0, .consts = c, .nconsts = n};
	expr_error e;
	expr_tape *t = def ? expr_compile(def, &opt, &e) : NULL;
	double v = t ? expr_value(t, NULL) : NAN;
	expr_free(t);
	return t && memcmp(&v, &value, sizeof v) == 0;
}

/* `let NAME = VALUE` unless the script has that already (as typed, def, where that gives
 * the same value); -1 without memory. */
static int let_to(save_state *st, const char *name, double value, const char *def)
{
	int i = let_find(st, name);
	if (i >= 0 && memcmp(&st->lets[i].value, &value, sizeof value) == 0)
		return 0;
	claim(st, name, WS_CONST);
	if (def_gives(st, def, value))
		fprintf(st->f, "let %s = %s\n", name, def);
	else
		fprintf(st->f, "let %s = %.17g\n", name, value);
	if (i < 0) {
		if (st->nlets == st->caplets) {
			int cap = st->caplets ? 2 * st->caplets : 16;
			ws_const_val *l = realloc(st->lets, (size_t)cap * sizeof *l);
			if (!l)
				return -1;
			st->lets = l;
			st->caplets = cap;
		}
		i = st->nlets++;
		snprintf(st->lets[i].name, sizeof st->lets[i].name, "%s", name);
	}
	st->lets[i].value = value;
	return 0;
}

/* The constants become those of vals[0..n): others deleted, the rest set. */
static int consts_to(save_state *st, const ws_const_val *vals, int n)
{
	for (int i = st->nlets - 1; i >= 0; i--) {
		int keep = 0;
		for (int j = 0; j < n && !keep; j++)
			keep = strcmp(vals[j].name, st->lets[i].name) == 0;
		if (!keep) {
			fprintf(st->f, "delete %s\n", st->lets[i].name);
			st->lets[i] = st->lets[--st->nlets];
		}
	}
	for (int j = 0; j < n; j++)
		if (let_to(st, vals[j].name, vals[j].value, NULL) != 0)
			return -1;
	return 0;
}

/* Writes `problem NAME DEF`, among the constants it saw, unless that very
 * definition is what NAME holds in the script (runs keep the problem they
 * were made on). */
static int save_problem(save_state *st, const char *name, ws_prob *wp)
{
	int i = prob_find(st, name);
	if (i >= 0 && st->written[i] == wp)
		return 0;
	if (wp->nconsts >= 0 && consts_to(st, wp->consts, wp->nconsts) != 0)
		return -1;
	claim(st, name, WS_PROBLEM);
	fprintf(st->f, "problem %s%s%s\n", name, *wp->def == '(' ? "" : " ", wp->def);
	st->names[st->n] = name;
	st->written[st->n++] = wp;
	return 0;
}

static void work_to(save_state *st, long limit)
{
	if (limit != st->work)
		fprintf(st->f, "set worklimit %ld\n", limit);
	st->work = limit;
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

/* Does name appear in text as a word? */
static int word_in(const char *text, const char *name)
{
	size_t len = strlen(name);
	for (const char *q = strstr(text, name); q; q = strstr(q + 1, name)) {
		char a = q > text ? q[-1] : ' ', b = q[len];
		if (!isalnum((unsigned char)a) && a != '_' && !isalnum((unsigned char)b) && b != '_')
			return 1;
	}
	return 0;
}

/* A method spec typed as item i can come back as typed when every constant and data
 * vector it names comes before it (a redefinition moves an item to the end, so those
 * still hold what the text met): the script's constants are set back to those values
 * (a problem's own may have changed them). Else save writes the values the text gave.
 * 1: as typed, 0: values, -1 without memory. */
static int spec_as_typed(save_state *st, const sess *s, int i, const char *text)
{
	for (int j = i + 1; j < s->ws.count; j++) {
		const ws_item *it = s->ws.items[j];
		if ((it->kind == WS_CONST || it->kind == WS_DATA) && word_in(text, it->name))
			return 0;
	}
	for (int j = 0; j < i; j++) {
		const ws_item *it = s->ws.items[j];
		if (it->kind == WS_CONST && word_in(text, it->name) &&
		    let_to(st, it->name, it->u.c.value, NULL) != 0)
			return -1;
	}
	return 1;
}

/* A method spec as typed where that is safe (spec_as_typed), else with its values. */
static int save_method(save_state *st, const sess *s, int i, const ws_solver *sv, char *buf,
                       size_t cap)
{
	ws_solver v = *sv;
	int typed = spec_as_typed(st, s, i, v.text);
	if (typed == 0)
		v.text[0] = 0;
	parse_format_method(&v, buf, cap);
	return typed < 0 ? -1 : 0;
}

static int save_run(save_state *st, int i, const ws_item *it, sess *s,
                    const run_opts *defaults)
{
	FILE *f = st->f;
	const ws_run *wr = &it->u.run;
	const run_opts *o = run_options(wr->r);
	ws_solver sv = {.m = run_meth(wr->r)};
	char def[512];
	memcpy(sv.params, run_params(wr->r), (size_t)sv.m->nparams * sizeof *sv.params);
	int typed = spec_as_typed(st, s, i, wr->solver_def);
	if (typed < 0)
		return -1;
	if (typed)
		snprintf(def, sizeof def, "%s", wr->solver_def);
	else
		parse_format_method(&sv, def, sizeof def);
	claim(st, it->name, WS_RUN);
	work_to(st, wr->work_made);
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
	/* the steps in pieces, each under the worklimit it ran under */
	long done = 0, iter = run_iter(wr->r);
	for (int k = 0; k <= wr->nwork; k++) {
		long upto = k < wr->nwork ? wr->work[k].iter : iter;
		if (upto <= done)
			continue;
		work_to(st, k < wr->nwork ? wr->work[k].limit : s->set.worklimit);
		fprintf(f, "step %s %ld\n", it->name, upto - done);
		done = upto;
	}
	if (wr->bound)
		fprintf(f, "bound %s%s%s\n", it->name, *wr->bound_args ? " " : "", wr->bound_args);
	return 0;
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

/* The constants of the workspace as they are now; -1 without memory. */
static int consts_now(const sess *s, save_state *st)
{
	int n = 0;
	for (int i = 0; i < s->ws.count; i++)
		n += s->ws.items[i]->kind == WS_CONST;
	ws_const_val *v = calloc((size_t)n + 1, sizeof *v);
	if (!v)
		return -1;
	n = 0;
	for (int i = 0; i < s->ws.count; i++)
		if (s->ws.items[i]->kind == WS_CONST) {
			memcpy(v[n].name, s->ws.items[i]->name, WS_NAME_MAX);
			v[n++].value = s->ws.items[i]->u.c.value;
		}
	int rc = consts_to(st, v, n);
	free(v);
	return rc;
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
	/* limits raised come first, so that the replay meets them; limits lowered
	 * come at the end, as the workspace may hold things made before they were
	 * lowered (a run stepped further, a line made under a raised linelimit) */
	if (s->set.steplimit > def.steplimit)
		fprintf(f, "set steplimit %ld\n", s->set.steplimit);
	if (s->set.run.tracelimit == 0 || s->set.run.tracelimit > def.run.tracelimit)
		fprintf(f, "set tracelimit %.17g\n", s->set.run.tracelimit);
	if (s->set.gridlimit != def.gridlimit)
		fprintf(f, "set gridlimit %ld\n", s->set.gridlimit);
	if (s->set.ncolors > 0) /* a name is a word, a list a string */
		fprintf(f, s->set.colors_text[0] == '#' ? "set colors \"%s\"\n" : "set colors %s\n",
		        s->set.colors_text);
	if (s->set.linelimit > def.linelimit || long_definition(s, def.linelimit))
		fprintf(f, "set linelimit %d\n", SCRIPT_LINE_CAP);
	int count = s->ws.count;
	save_state st = {.f = f, .work = def.worklimit};
	st.names = calloc((size_t)count * 2 + 1, sizeof *st.names);
	st.written = calloc((size_t)count * 2 + 1, sizeof *st.written);
	int rc = st.names && st.written ? 0 : -1;
	for (int i = 0; i < count && rc == 0; i++) {
		const ws_item *it = s->ws.items[i];
		char buf[512];
		switch (it->kind) {
		case WS_CONST:
			rc = let_to(&st, it->name, it->u.c.value, it->u.c.def);
			break;
		case WS_PROBLEM:
			rc = save_problem(&st, it->name, it->u.prob);
			break;
		case WS_SOLVER:
			claim(&st, it->name, WS_SOLVER);
			rc = save_method(&st, s, i, &it->u.solver, buf, sizeof buf);
			fprintf(f, "solver %s = %s\n", it->name, buf);
			break;
		case WS_DATA:
			claim(&st, it->name, WS_DATA);
			cmd_vec_save(s, f, it);
			break;
		case WS_RUN:
			rc = save_problem(&st, it->u.run.prob_name, it->u.run.prob);
			if (rc == 0)
				rc = save_run(&st, i, it, s, &def.run);
			break;
		}
	}
	/* the names must end bound as they are now, the constants too */
	for (int i = 0; i < count && rc == 0; i++)
		if (s->ws.items[i]->kind == WS_PROBLEM)
			rc = save_problem(&st, s->ws.items[i]->name, s->ws.items[i]->u.prob);
	if (rc == 0)
		rc = consts_now(s, &st);
	work_to(&st, s->set.worklimit);
	if (s->set.steplimit < def.steplimit)
		fprintf(f, "set steplimit %ld\n", s->set.steplimit);
	if (s->set.run.tracelimit != 0 && s->set.run.tracelimit < def.run.tracelimit)
		fprintf(f, "set tracelimit %.17g\n", s->set.run.tracelimit);
	if (s->set.linelimit != def.linelimit || long_definition(s, def.linelimit))
		fprintf(f, "set linelimit %ld\n", s->set.linelimit);
	if (s->set.depthlimit != def.depthlimit)
		fprintf(f, "set depthlimit %ld\n", s->set.depthlimit);
	if (s->set.dimlimit != def.dimlimit)
		fprintf(f, "set dimlimit %ld\n", s->set.dimlimit);
	free(st.names);
	free(st.written);
	free(st.lets);
	return rc != 0 || ferror(f) ? -1 : 0;
}
