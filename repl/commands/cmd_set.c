/* Commands that change the session: set, unset, delete, reset. */
#include <math.h>
#include <string.h>

#include "cmd_all.h"
#include "figreq.h"
#include "parse.h"
#include "runscene.h"
#include "script.h"

/* ORDER: with sess_settings and show_settings. */
static const char *const setting_names[] = {
    "precision", "maxsteps",  "gtol",       "ftol",     "xtol",     "maxiter",   "maxtime",
    "seed",      "steplimit", "tracelimit", "linelimit", "depthlimit", "dimlimit", "gridlimit",
    "worklimit", "colors",    NULL};

/* The limits a setting may lower or raise within: [lo, hi] (ORDER: with the names). */
static const struct {
	long lo, hi;
} limit_range[] = {
    {80, SCRIPT_LINE_CAP}, {1, EXPR_MAX_DEPTH}, {1, EXPR_MAX_DIM}, {4, RSCENE_MAX_GRID},
    {1000, 1000 * EXPR_MAX_WORK}};
#define FIRST_LIMIT 10 /* linelimit */
#define COLORS 15      /* not a number: a palette */

const char *const *cmd_setting_names(void)
{
	return setting_names;
}

static int setting_index(const char *name)
{
	for (int i = 0; setting_names[i]; i++)
		if (strcmp(name, setting_names[i]) == 0)
			return i;
	return -1;
}

static int unknown_setting(sess *s, int col, const char *name)
{
	return sess_fail(s, col,
	                 "no setting '%s' (precision, maxsteps, steplimit, gtol, ftol, xtol, "
	                 "maxiter, maxtime, seed, tracelimit, linelimit, depthlimit, dimlimit, "
	                 "gridlimit, worklimit, colors)",
	                 name);
}

/* The fuzzing sandbox keeps the limits that bound an input's work (steps, evaluations). */
static int sandbox_refuses(sess *s, int col, int k)
{
	if (!s->sandbox || (k != 1 && k != 8 && (k < FIRST_LIMIT || k == COLORS)))
		return 0;
	return sess_fail(s, col, "the sandbox keeps its limits");
}

static long *limit_field(sess_settings *set, int k)
{
	return k == FIRST_LIMIT       ? &set->linelimit
	       : k == FIRST_LIMIT + 1 ? &set->depthlimit
	       : k == FIRST_LIMIT + 2 ? &set->dimlimit
	       : k == FIRST_LIMIT + 3 ? &set->gridlimit
	                              : &set->worklimit;
}

/* tracelimit is about memory, not a run's own stop test: it applies to every run,
 * and one stopped by it goes on when it is raised. */
static void retrace(sess *s)
{
	for (int i = 0; i < s->ws.count; i++) {
		ws_item *it = s->ws.items[i];
		if (it->kind != WS_RUN)
			continue;
		run_opts o = *run_options(it->u.run.r);
		o.tracelimit = s->set.run.tracelimit;
		run_set_options(it->u.run.r, &o);
	}
}

int cmd_set(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a setting", name, sizeof name) != 0)
		return -1;
	int k = setting_index(name);
	if (k < 0)
		return unknown_setting(s, col, name);
	if (sandbox_refuses(s, col, k))
		return -1;
	sess_settings *set = &s->set;
	long v, work = set->worklimit;
	double d;
	int vcol = l->tok.col;
	switch (k) {
	case COLORS: {
		scene_style st = {0};
		char text[sizeof set->colors_text];
		if (figreq_parse_colors(s, l, &st, text, sizeof text) != 0)
			return -1;
		set->ncolors = st.ncolors;
		memcpy(set->colors, st.colors, sizeof set->colors);
		memcpy(set->colors_text, text, sizeof text);
		break;
	}
	case 0:
		if (parse_long(s, l, "precision", 1, 17, &v) != 0)
			return -1;
		set->precision = (int)v;
		break;
	case 1:
		if (parse_long(s, l, "maxsteps", 1, 1000000000L, &set->maxsteps) != 0)
			return -1;
		break;
	case 5:
		if (parse_long(s, l, "maxiter", 0, 1000000000L, &set->run.maxiter) != 0)
			return -1;
		break;
	case 7:
		if (parse_long(s, l, "seed", 0, 9007199254740991L, &v) != 0)
			return -1;
		set->run.seed = (uint64_t)v;
		break;
	case 8:
		if (parse_long(s, l, "steplimit", 1, 1000000000L, &set->steplimit) != 0)
			return -1;
		break;
	case 9:
		if (parse_number(s, l, &d) != 0)
			return -1;
		if (!(d >= 0) || isinf(d))
			return sess_fail(s, vcol, "tracelimit must be finite and >= 0 (MiB; 0: no limit)");
		set->run.tracelimit = d;
		retrace(s);
		break;
	case 10:
	case 11:
	case 12:
	case 13:
	case 14:
		if (parse_long(s, l, name, limit_range[k - FIRST_LIMIT].lo,
		               limit_range[k - FIRST_LIMIT].hi, limit_field(set, k)) != 0)
			return -1;
		expr_set_work_limit(set->worklimit); /* every evaluation reads it */
		if (set->worklimit != work && ws_note_worklimit(&s->ws, work) != 0)
			return sess_fail(s, col, "out of memory");
		break;
	default:
		if (parse_number(s, l, &d) != 0)
			return -1;
		if (!(d >= 0) || isinf(d))
			return sess_fail(s, vcol, "%s must be finite and >= 0", name);
		*(k == 2 ? &set->run.gtol : k == 3 ? &set->run.ftol : k == 4 ? &set->run.xtol
		                                                            : &set->run.maxtime) = d;
	}
	return parse_end(s, l);
}

int cmd_unset(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a setting", name, sizeof name) != 0 || parse_end(s, l) != 0)
		return -1;
	int k = setting_index(name);
	if (k < 0)
		return unknown_setting(s, col, name);
	if (sandbox_refuses(s, col, k))
		return -1;
	sess_settings def;
	sess_settings_default(&def);
	sess_settings *set = &s->set;
	switch (k) {
	case 0: set->precision = def.precision; break;
	case 1: set->maxsteps = def.maxsteps; break;
	case 2: set->run.gtol = def.run.gtol; break;
	case 3: set->run.ftol = def.run.ftol; break;
	case 4: set->run.xtol = def.run.xtol; break;
	case 5: set->run.maxiter = def.run.maxiter; break;
	case 6: set->run.maxtime = def.run.maxtime; break;
	case 7: set->run.seed = def.run.seed; break;
	case 8: set->steplimit = def.steplimit; break;
	case 9: set->run.tracelimit = def.run.tracelimit; retrace(s); break;
	case COLORS:
		set->ncolors = def.ncolors;
		memcpy(set->colors_text, def.colors_text, sizeof def.colors_text);
		break;
	default: {
		long work = set->worklimit;
		*limit_field(set, k) = *limit_field(&def, k);
		expr_set_work_limit(set->worklimit);
		if (set->worklimit != work && ws_note_worklimit(&s->ws, work) != 0)
			return sess_fail(s, col, "out of memory");
		break;
	}
	}
	return 0;
}

int cmd_delete(sess *s, lex *l)
{
	if (l->tok.kind == LEX_END)
		return sess_fail(s, l->tok.col, "expected the names to delete");
	/* check every name first, so that an error deletes nothing */
	lex first = *l;
	while (l->tok.kind != LEX_END) {
		char name[WS_NAME_MAX];
		int col = l->tok.col;
		if (parse_name(s, l, "a name", name, sizeof name) != 0)
			return -1;
		if (!ws_get(&s->ws, name))
			return sess_fail(s, col, "nothing named '%s'", name);
		if (lex_is(l, ","))
			lex_next(l);
	}
	*l = first;
	while (l->tok.kind != LEX_END) {
		char name[WS_NAME_MAX];
		parse_name(s, l, "a name", name, sizeof name);
		ws_delete(&s->ws, name);
		if (lex_is(l, ","))
			lex_next(l);
	}
	return 0;
}

int cmd_reset(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	ws_clear(&s->ws);
	sess_settings limits = s->set; /* the sandbox keeps its limits */
	sess_settings_default(&s->set);
	if (s->sandbox) {
		s->set.steplimit = limits.steplimit, s->set.maxsteps = limits.maxsteps;
		s->set.worklimit = limits.worklimit;
	}
	expr_set_work_limit(s->set.worklimit);
	return 0;
}
