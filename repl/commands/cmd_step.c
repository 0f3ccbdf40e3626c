/* Commands that advance runs: step, until. */
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cond.h"
#include "fmt.h"
#include "parse.h"
#include "progress.h"


/* The runs a command acts on: one named run, or every run. */
typedef struct selection {
	ws_item **items;
	int n;
	int all; /* no run was named: every run */
} selection;

/* If the current word names a run (and, for until, is not a quantity in a
 * comparison), selects it; else selects every run. */
static int select_runs(sess *s, lex *l, int comparison_follows, selection *sel)
{
	sel->n = 0;
	sel->all = 1;
	sel->items = calloc((size_t)s->ws.count + 1, sizeof *sel->items);
	if (!sel->items)
		return sess_fail(s, 0, "out of memory");
	if (l->tok.kind == LEX_WORD) {
		char name[WS_NAME_MAX];
		snprintf(name, sizeof name, "%.*s", l->tok.len, l->tok.text);
		lex peek = *l;
		lex_next(&peek);
		int is_cond = comparison_follows &&
		              (lex_is(&peek, "<") || lex_is(&peek, "<=") || lex_is(&peek, ">") ||
		               lex_is(&peek, ">=") || lex_is(&peek, "-"));
		ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
		if (it && !is_cond) {
			sel->all = 0;
			sel->items[sel->n++] = it;
			lex_next(l);
			return 0;
		}
		if (!comparison_follows) {
			free(sel->items);
			return parse_no_item(s, l->tok.col, WS_RUN, name);
		}
	}
	for (int i = 0; i < s->ws.count; i++)
		if (s->ws.items[i]->kind == WS_RUN)
			sel->items[sel->n++] = s->ws.items[i];
	if (sel->n == 0) {
		free(sel->items);
		return sess_fail(s, l->tok.col, "no runs yet; make one with `run NAME = SOLVER on PROBLEM`");
	}
	return 0;
}

/* At a terminal, a command without a run name says that it advanced every run
 * (the rule of the language, which surprises after a new `run`); scripts and
 * pipes get the status lines alone. */
static void note_every(sess *s, const selection *sel)
{
	if (!s->interactive || !sel->all || sel->n < 2)
		return;
	fprintf(s->out, "every run (");
	for (int i = 0; i < sel->n; i++)
		fprintf(s->out, "%s%s", i ? ", " : "", sel->items[i]->name);
	fprintf(s->out, "); `step RUN N` or `until RUN ...` advances one\n");
}

/* The progress line of step and until: the run, its iteration, and f or the
 * condition's quantities. */
static void progress(prog *pg, const ws_item *it, const cond *c)
{
	if (!prog_due(pg))
		return;
	const run *r = it->u.run.r;
	char q[160], f[32];
	if (c)
		cond_measured(c, r, pg->s->set.precision, q, sizeof q);
	else
		snprintf(q, sizeof q, "f = %s", fmt_num(f, sizeof f, run_f(r), pg->s->set.precision));
	prog_show(pg, "%s: iter %ld, %s", it->name, run_iter(r), q);
}

int cmd_step(sess *s, lex *l)
{
	selection sel;
	if (select_runs(s, l, 0, &sel) != 0)
		return -1;
	long k = 1;
	int kcol = l->tok.col;
	if (l->tok.kind != LEX_END && parse_long(s, l, "the number of steps", 0, 1000000000L, &k) != 0)
		goto fail;
	if (k > s->set.steplimit) {
		sess_fail(s, kcol, "%ld steps is more than the limit of %ld (`set steplimit N`)", k,
		          s->set.steplimit);
		goto fail;
	}
	if (parse_end(s, l) != 0)
		goto fail;
	prog pg;
	prog_start(&pg, s);
	for (int i = 0; i < sel.n && !s->interrupted; i++) {
		run *r = sel.items[i]->u.run.r;
		/* in chunks, so that progress shows and Ctrl-C is felt */
		for (long done = 0; done < k && run_status(r) == RUN_RUNNING && !s->interrupted;) {
			long chunk = k - done < 1000 ? k - done : 1000;
			long got = run_step(r, chunk, &s->interrupted);
			done += got;
			progress(&pg, sel.items[i], NULL);
			if (got < chunk)
				break;
		}
	}
	prog_done(&pg);
	note_every(s, &sel);
	for (int i = 0; i < sel.n; i++)
		fmt_status(s, sel.items[i], s->interrupted ? "interrupted" : NULL);
	free(sel.items);
	return 0;
fail:
	free(sel.items);
	return -1;
}

int cmd_until(sess *s, lex *l)
{
	selection sel;
	if (select_runs(s, l, 1, &sel) != 0)
		return -1;
	int ccol = l->tok.col;
	cond *c = cond_parse(s, l);
	long max = s->set.maxsteps < s->set.steplimit ? s->set.maxsteps : s->set.steplimit;
	if (!c)
		goto fail;
	int mcol = l->tok.col;
	if (lex_word(l, "max")) {
		lex_next(l);
		mcol = l->tok.col;
		if (parse_long(s, l, "max", 0, 1000000000L, &max) != 0)
			goto fail;
	}
	if (max > s->set.steplimit) {
		sess_fail(s, mcol, "max %ld steps is more than the limit of %ld (`set steplimit N`)",
		          max, s->set.steplimit);
		goto fail;
	}
	if (parse_end(s, l) != 0)
		goto fail;
	for (int i = 0; i < sel.n; i++) {
		const char *missing = cond_missing(c, sel.items[i]->u.run.r);
		if (missing) {
			sess_fail(s, ccol, "run '%s' has no %s", sel.items[i]->name, missing);
			goto fail;
		}
	}
	prog pg;
	prog_start(&pg, s);
	note_every(s, &sel);
	for (int i = 0; i < sel.n; i++) {
		ws_item *it = sel.items[i];
		run *r = it->u.run.r;
		long steps = 0;
		int met = cond_eval(c, r);
		while (!met && steps < max && run_status(r) == RUN_RUNNING && !s->interrupted) {
			if (run_step(r, 1, &s->interrupted) == 0)
				break;
			steps++;
			met = cond_eval(c, r);
			if ((steps & 255) == 0)
				progress(&pg, it, c);
		}
		char note[96];
		if (met)
			snprintf(note, sizeof note, "condition met after %ld step%s", steps,
			         steps == 1 ? "" : "s");
		else if (s->interrupted)
			snprintf(note, sizeof note, "interrupted after %ld steps", steps);
		else if (run_status(r) == RUN_RUNNING)
			snprintf(note, sizeof note, "max %ld steps reached", max);
		prog_done(&pg);
		fmt_status(s, it, met || s->interrupted || run_status(r) == RUN_RUNNING ? note : NULL);
	}
	cond_free(c);
	free(sel.items);
	return 0;
fail:
	cond_free(c);
	free(sel.items);
	return -1;
}
