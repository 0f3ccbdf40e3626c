/* lesson: the markup read into items, and the items played page by page. */
#include "lesson.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cond.h"
#include "lex.h"

#define LESSON_MAX_ITEMS 4096
#define LESSON_MAX_CHOICES 8
#define LESSON_TRIES 2 /* wrong answers before the answer is shown */

/* ORDER lesson_kind: the markup's line kinds. */
typedef enum lesson_kind {
	LK_TEXT,
	LK_BLANK,
	LK_CMD,
	LK_PAUSE,
	LK_QUESTION,
	LK_CHECK
} lesson_kind;

typedef struct lesson_item {
	lesson_kind kind;
	char *text; /* the line without its marker */
	int line;   /* in the source, for messages */
} lesson_item;

struct lesson {
	char *source, *title;
	lesson_item *it;
	int n;
};

static char *trim_dup(const char *a, size_t len)
{
	while (len && isspace((unsigned char)*a))
		a++, len--;
	while (len && isspace((unsigned char)a[len - 1]))
		len--;
	char *s = malloc(len + 1);
	if (s) {
		memcpy(s, a, len);
		s[len] = 0;
	}
	return s;
}

static char *right_trim_dup(const char *a, size_t len)
{
	while (len && isspace((unsigned char)a[len - 1]))
		len--;
	return strndup(a, len);
}

/* Appends " MORE" to *S (a continued command or question). */
static int append(char **s, const char *more)
{
	size_t a = strlen(*s), b = strlen(more);
	char *t = realloc(*s, a + b + 2);
	if (!t)
		return -1;
	t[a] = ' ';
	memcpy(t + a + 1, more, b + 1);
	*s = t;
	return 0;
}

/* Drops a command's continuation backslash and the blanks before it. */
static void cut_backslash(char *body)
{
	size_t n = strlen(body) - 1;
	while (n && isspace((unsigned char)body[n - 1]))
		n--;
	body[n] = 0;
}

void lesson_free(lesson *ls)
{
	if (!ls)
		return;
	for (int i = 0; i < ls->n; i++)
		free(ls->it[i].text);
	free(ls->it);
	free(ls->source);
	free(ls->title);
	free(ls);
}

const char *lesson_title(const lesson *ls)
{
	return ls->title;
}

static lesson *parse_fail(lesson *ls, char *err, size_t cap, int line, const char *msg)
{
	snprintf(err, cap, "%s:%d: %s", ls->source, line, msg);
	lesson_free(ls);
	return NULL;
}

lesson *lesson_parse(const char *text, const char *source, char *err, size_t cap)
{
	lesson *ls = calloc(1, sizeof *ls);
	if (!ls || !(ls->source = strdup(source)) ||
	    !(ls->it = calloc(LESSON_MAX_ITEMS, sizeof *ls->it))) {
		snprintf(err, cap, "out of memory");
		lesson_free(ls);
		return NULL;
	}
	int line = 0, cont = 0; /* cont: the last command ended with a backslash */
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n'), *line_start = p;
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		line++;
		char *raw = trim_dup(p, len);
		p = eol ? eol + 1 : p + len;
		if (!raw)
			return parse_fail(ls, err, cap, line, "out of memory");
		lesson_kind k = LK_TEXT;
		size_t skip = 0;
		if (raw[0] == '#') {
			free(raw);
			continue;
		}
		if (raw[0] == '=' && !ls->title) {
			ls->title = trim_dup(raw + 1, strlen(raw + 1));
			free(raw);
			continue;
		}
		if (raw[0] == '>')
			k = LK_CMD, skip = 1;
		else if (strcmp(raw, "---") == 0)
			k = LK_PAUSE, skip = 3;
		else if (raw[0] == '?')
			k = LK_QUESTION, skip = 1;
		else if (raw[0] == '!')
			k = LK_CHECK, skip = 1;
		else if (!raw[0])
			k = LK_BLANK;
		char *body = k == LK_TEXT ? right_trim_dup(line_start, len) /* keeps its indent */
		                          : trim_dup(raw + skip, strlen(raw + skip));
		free(raw);
		if (!body)
			return parse_fail(ls, err, cap, line, "out of memory");
		if (cont && k != LK_CMD) {
			free(body);
			return parse_fail(ls, err, cap, line, "a command continued with `\\` goes on "
			                                      "in a line that starts with `>`");
		}
		if (!ls->title && k != LK_BLANK) {
			free(body);
			return parse_fail(ls, err, cap, line, "a lesson opens with its title: = TITLE");
		}
		lesson_item *last = ls->n ? &ls->it[ls->n - 1] : NULL;
		if ((cont || (k == LK_QUESTION && last && last->kind == LK_QUESTION))) {
			int more = k == LK_CMD && body[0] && body[strlen(body) - 1] == '\\';
			if (more)
				cut_backslash(body);
			int rc = append(&last->text, body);
			free(body);
			if (rc)
				return parse_fail(ls, err, cap, line, "out of memory");
			cont = more;
			continue;
		}
		if (k == LK_CHECK && !(last && last->kind == LK_QUESTION)) {
			free(body);
			return parse_fail(ls, err, cap, line, "a check (!) follows its question (?)");
		}
		if (k == LK_BLANK && (!last || last->kind == LK_BLANK)) {
			free(body);
			continue;
		}
		if (ls->n == LESSON_MAX_ITEMS) {
			free(body);
			return parse_fail(ls, err, cap, line, "a lesson has at most 4096 lines");
		}
		if (k == LK_CMD && body[0] && body[strlen(body) - 1] == '\\') {
			cut_backslash(body);
			cont = 1;
		}
		ls->it[ls->n++] = (lesson_item){k, body, line};
	}
	if (!ls->title)
		return parse_fail(ls, err, cap, line, "a lesson opens with its title: = TITLE");
	if (cont)
		return parse_fail(ls, err, cap, line, "the last command is continued with `\\`");
	for (int i = 0; i < ls->n; i++)
		if (ls->it[i].kind == LK_QUESTION && (i + 1 == ls->n || ls->it[i + 1].kind != LK_CHECK))
			return parse_fail(ls, err, cap, ls->it[i].line,
			                  "a question (?) needs its check (!) on the next line");
	return ls;
}

/* ------------------------------------------------------------------ checks */

/* A column of a run's latest row, or NaN with a message. */
static double column(sess *s, const char *run_name, const char *col, char *msg, size_t cap)
{
	ws_item *it = ws_get_kind(&s->ws, run_name, WS_RUN);
	if (!it) {
		snprintf(msg, cap, "no run '%s'", run_name);
		return NAN;
	}
	const run *r = it->u.run.r;
	const trace *t = run_trace(r);
	const trace_row *row = trace_row_at(t, trace_len(t) - 1);
	if (strcmp(col, "iter") == 0)
		return (double)run_iter(r);
	if (strcmp(col, "f") == 0)
		return row->f;
	if (strcmp(col, "gnorm") == 0)
		return row->gnorm;
	if (strcmp(col, "dist") == 0) {
		if (isnan(row->dist))
			snprintf(msg, cap, "run '%s' has no known minimizer", run_name);
		return row->dist;
	}
	if (strcmp(col, "gap") == 0) {
		double fs = run_prob(r)->fstar;
		if (isnan(fs))
			snprintf(msg, cap, "run '%s' has no known f*", run_name);
		return row->f - fs;
	}
	int e = trace_extra_find(t, col); /* a method's own column: meanerr, coverr, ... */
	if (e >= 0)
		return trace_extra(t, trace_len(t) - 1, e);
	snprintf(msg, cap, "run '%s' has no column '%s' (iter, f, gnorm, gap, dist or its own)",
	         run_name, col);
	return NAN;
}

/* The right answer to a check, and the measurement behind it, or -1 with a message. */
static int check_answer(sess *s, const char *check, char *ans, size_t acap, char *why,
                        size_t wcap, double *tol)
{
	char word[16], col[32], name[WS_NAME_MAX];
	int off = 0;
	*tol = -1;
	why[0] = 0;
	if (sscanf(check, "%15s%n", word, &off) != 1)
		return snprintf(why, wcap, "an empty check"), -1;
	const char *rest = check + off;
	if (strcmp(word, "least") == 0 || strcmp(word, "most") == 0) {
		int most = word[0] == 'm', n = 0, best = -1;
		double bv = 0;
		if (sscanf(rest, " %31[a-z0-9_]%n", col, &off) != 1 || rest[off] != ':')
			return snprintf(why, wcap, "expected `%s COLUMN: RUN = ANSWER, ...`", word), -1;
		rest += off + 1;
		size_t wl = 0;
		for (; *rest; n++) {
			char choice[64];
			int used = 0;
			if (sscanf(rest, " %63[A-Za-z0-9_] = %63[^,]%n", name, choice, &used) != 2)
				return snprintf(why, wcap, "expected RUN = ANSWER in `%s`", check), -1;
			double v = column(s, name, col, why, wcap);
			if (isnan(v))
				return why[0] ? -1 : (snprintf(why, wcap, "run '%s' has no %s", name, col), -1);
			char *c = trim_dup(choice, strlen(choice));
			if (c && (best < 0 || (most ? v > bv : v < bv))) {
				snprintf(ans, acap, "%s", c);
				best = n, bv = v;
			}
			wl += (size_t)snprintf(why + wl, wl < wcap ? wcap - wl : 0, "%s%s: %s = %.6g",
			                       n ? ", " : "", c ? c : "?", col, v);
			free(c);
			rest += used;
			while (*rest == ',' || isspace((unsigned char)*rest))
				rest++;
		}
		return n ? 0 : (snprintf(why, wcap, "no choices in `%s`", check), -1);
	}
	if (strcmp(word, "yes") == 0) {
		if (sscanf(rest, " if %63s%n", name, &off) != 1)
			return snprintf(why, wcap, "expected `yes if RUN CONDITION`"), -1;
		ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
		if (!it)
			return snprintf(why, wcap, "no run '%s'", name), -1;
		lex l;
		lex_init(&l, rest + off);
		s->error_col = -1;
		cond *c = cond_parse(s, &l);
		if (!c)
			return snprintf(why, wcap, "%s", s->error_msg), -1;
		const char *missing = cond_missing(c, it->u.run.r);
		if (missing) {
			cond_free(c);
			return snprintf(why, wcap, "run '%s' has no %s", name, missing), -1;
		}
		int yes = cond_eval(c, it->u.run.r);
		char got[200];
		cond_measured(c, it->u.run.r, s->set.precision, got, sizeof got);
		cond_free(c);
		snprintf(ans, acap, "%s", yes ? "yes" : "no");
		snprintf(why, wcap, "run %s has %s", name, got);
		return 0;
	}
	if (strcmp(word, "value") == 0) {
		if (sscanf(rest, " %63s %31s%n", name, col, &off) != 2)
			return snprintf(why, wcap, "expected `value RUN COLUMN [within R]`"), -1;
		*tol = 0.1;
		if (sscanf(rest + off, " within %lf", tol) != 1 && rest[off + strspn(rest + off, " ")])
			return snprintf(why, wcap, "expected `within R` after the column"), -1;
		double v = column(s, name, col, why, wcap);
		if (isnan(v))
			return -1;
		snprintf(ans, acap, "%.6g", v);
		snprintf(why, wcap, "run %s has %s = %.6g", name, col, v);
		return 0;
	}
	return snprintf(why, wcap, "a check is least, most, yes if or value, not '%s'", word), -1;
}

/* The typed answer against the right one: words alike (any case), numbers within
 * TOL relative (TOL < 0: equal to 6 digits). */
static int answer_ok(const char *typed, const char *right, double tol)
{
	char *t = trim_dup(typed, strlen(typed));
	if (!t)
		return 0;
	char *e1, *e2;
	double a = strtod(t, &e1), b = strtod(right, &e2);
	int ok;
	if (*t && !*e1 && *right && !*e2)
		ok = fabs(a - b) <= (tol < 0 ? 1e-6 : tol) * fmax(fabs(b), 1e-300);
	else
		ok = strcasecmp(t, right) == 0 || (strcasecmp(right, "yes") == 0 && strcasecmp(t, "y") == 0) ||
		     (strcasecmp(right, "no") == 0 && strcasecmp(t, "n") == 0);
	free(t);
	return ok;
}

/* ------------------------------------------------------------------ playing */

typedef struct player {
	sess *s;
	const lesson *ls;
	lesson_input_fn in;
	void *ctx;
	char *done; /* per item: the command ran, the question was answered */
} player;

static int is_word(const char *a, const char *w1, const char *w2)
{
	char *t = trim_dup(a, strlen(a));
	int yes = t && (strcasecmp(t, w1) == 0 || strcasecmp(t, w2) == 0);
	free(t);
	return yes;
}

/* Asks the question at item I. 1: answered (or shown), 0: quit, -1: no answer measured. */
static int ask(player *pl, int i)
{
	sess *s = pl->s;
	const lesson_item *q = &pl->ls->it[i], *c = &pl->ls->it[i + 1];
	char right[64], why[512];
	double tol;
	fprintf(s->out, "? %s\n", q->text);
	if (check_answer(s, c->text, right, sizeof right, why, sizeof why, &tol) != 0) {
		fprintf(s->err, "%s:%d: error: %s\n", pl->ls->source, c->line, why);
		return -1;
	}
	if (!pl->in) {
		fprintf(s->out, "answer> %s\n  Right (scripted): %s.\n", right, why);
		return 1;
	}
	for (int tries = 0; tries < LESSON_TRIES; tries++) {
		char *a = pl->in(pl->ctx, "answer> ");
		if (!a || is_word(a, "quit", "q")) {
			free(a);
			return 0;
		}
		int ok = answer_ok(a, right, tol);
		free(a);
		if (ok) {
			fprintf(s->out, "  Right: %s.\n", why);
			return 1;
		}
		if (tries + 1 < LESSON_TRIES)
			fprintf(s->out, "  Not quite; look at the numbers above and try again.\n");
	}
	fprintf(s->out, "  The runs say %s: %s.\n", right, why);
	return 1;
}

/* Shows the page of items [a, b): runs what has not run. 1 on, 0 quit, -1 error. */
static int show_page(player *pl, int a, int b)
{
	sess *s = pl->s;
	for (int i = a; i < b; i++) {
		const lesson_item *it = &pl->ls->it[i];
		switch (it->kind) {
		case LK_TEXT:
			fprintf(s->out, "%s\n", it->text);
			break;
		case LK_BLANK:
			fprintf(s->out, "\n");
			break;
		case LK_CMD:
			fprintf(s->out, "optlab> %s%s\n", it->text, pl->done[i] ? "   (ran)" : "");
			if (pl->done[i])
				break;
			pl->done[i] = 1;
			if (!pl->in && strncmp(it->text, "view", 4) == 0 &&
			    (!it->text[4] || isspace((unsigned char)it->text[4]))) {
				fprintf(s->out, "  (the live view opens here at a terminal; q comes back)\n");
				break;
			}
			fflush(s->out);
			if (sess_run_line(s, it->text, pl->ls->source, it->line) != 0)
				return -1;
			break;
		case LK_QUESTION:
			if (pl->done[i]) {
				fprintf(s->out, "? %s   (answered)\n", it->text);
				break;
			}
			pl->done[i] = 1;
			int r = ask(pl, i);
			if (r <= 0)
				return r;
			break;
		case LK_CHECK:
		case LK_PAUSE:
			break;
		}
	}
	return 1;
}

int lesson_play(sess *s, const lesson *ls, lesson_input_fn in, void *ctx)
{
	/* pages: the items between pauses; start[k] .. start[k+1] - 1 */
	int *start = malloc((size_t)(ls->n + 2) * sizeof *start), np = 0;
	player pl = {s, ls, in, ctx, calloc((size_t)ls->n + 1, 1)};
	if (!start || !pl.done) {
		free(start);
		free(pl.done);
		fprintf(s->err, "error: out of memory\n");
		return -1;
	}
	start[np++] = 0;
	for (int i = 0; i < ls->n; i++)
		if (ls->it[i].kind == LK_PAUSE)
			start[np++] = i + 1;
	start[np] = ls->n + 1;
	fprintf(s->out, "== %s ==\n", ls->title);
	if (in)
		fprintf(s->out, "(at each pause: Enter goes on, `back` shows the page before, "
		                "`quit` ends the lesson)\n");
	int rc = 0, k = 0;
	while (k < np && !s->quit) {
		int b = k + 1 < np ? start[k + 1] - 1 : ls->n;
		int r = show_page(&pl, start[k], b);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			break;
		if (k + 1 == np) {
			fprintf(s->out, "== the end of \"%s\" ==\n", ls->title);
			break;
		}
		if (!in) {
			fprintf(s->out, "\n");
			k++;
			continue;
		}
		char prompt[96];
		snprintf(prompt, sizeof prompt, "-- page %d of %d: Enter, back or quit -- ", k + 1, np);
		char *a = in(ctx, prompt);
		if (!a || is_word(a, "quit", "q")) {
			free(a);
			fprintf(s->out, "(lesson left; the workspace keeps its runs)\n");
			break;
		}
		if (is_word(a, "back", "b"))
			k = k > 0 ? k - 1 : 0;
		else
			k++;
		free(a);
	}
	free(start);
	free(pl.done);
	return rc;
}
