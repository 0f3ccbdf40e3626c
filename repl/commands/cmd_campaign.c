/* `campaign`: methods x problems x seeds, each case until a condition, one CSV row a
 * case (campaign.h); `campaign NAME resume` continues an interrupted file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"
#include "camp_mpi.h"
#include "cmd_all.h"
#include "parse.h"
#include "pool.h"
#include "progress.h"

typedef struct camp_req {
	camp_spec sp;
	char *path;
	double time; /* seconds a case at most (0: none) */
	int cap_m, cap_p;
} camp_req;

/* The text from column a to b, trimmed, into buf. */
static void span(const char *src, int a, int b, char *buf, size_t cap)
{
	while (a < b && (src[a] == ' ' || src[a] == '\t'))
		a++;
	while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\t'))
		b--;
	snprintf(buf, cap, "%.*s", b - a, src + a);
}

/* The definition on one line (continuations joined): runs of blanks outside quotes
 * become one space. */
static void one_line(char *t)
{
	char *w = t;
	int quoted = 0;
	for (char *p = t; *p; p++) {
		char c = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
		quoted ^= c == '"';
		if (c == ' ' && !quoted && (w == t || w[-1] == ' '))
			continue;
		*w++ = c;
	}
	while (w > t && w[-1] == ' ')
		w--;
	*w = 0;
}

/* METHOD[(P = V, ...)] or a solver's name, separated by commas, up to `on`. */
static int parse_methods(sess *s, lex *l, camp_req *q)
{
	for (;;) {
		int col = l->tok.col;
		ws_solver sv = {0};
		char name[WS_NAME_MAX];
		ws_item *si = NULL;
		if (l->tok.kind == LEX_WORD) {
			snprintf(name, sizeof name, "%.*s", l->tok.len, l->tok.text);
			si = ws_get_kind(&s->ws, name, WS_SOLVER);
		}
		if (si) {
			sv = si->u.solver;
			lex_next(l);
		} else if (parse_method(s, l, &sv) != 0) {
			return -1;
		}
		if (q->sp.nmeth == q->cap_m) {
			int cap = q->cap_m ? 2 * q->cap_m : 8;
			camp_method *m = realloc(q->sp.meths, (size_t)cap * sizeof *m);
			if (!m)
				return sess_fail(s, 0, "out of memory");
			q->sp.meths = m, q->cap_m = cap;
		}
		camp_method *m = &q->sp.meths[q->sp.nmeth++];
		m->m = sv.m;
		memcpy(m->params, sv.params, sizeof m->params);
		span(l->src, col, l->tok.col, m->label, sizeof m->label);
		if (!lex_is(l, ","))
			return 0;
		lex_next(l);
	}
}

static int add_problem(sess *s, camp_req *q, prob *p, const char *label)
{
	if (!p)
		return -1;
	prob *copy = prob_clone(p); /* each worker runs on its own copy */
	if (!copy) {
		prob_free(p);
		return sess_fail(s, 0, "problem '%s' cannot be copied for the workers", label);
	}
	prob_free(copy);
	if (q->sp.nprob == q->cap_p) {
		int cap = q->cap_p ? 2 * q->cap_p : 16;
		camp_problem *a = realloc(q->sp.probs, (size_t)cap * sizeof *a);
		if (!a) {
			prob_free(p);
			return sess_fail(s, 0, "out of memory");
		}
		q->sp.probs = a, q->cap_p = cap;
	}
	camp_problem *c = &q->sp.probs[q->sp.nprob++];
	c->p = p;
	snprintf(c->label, sizeof c->label, "%s", label);
	return 0;
}

/* A library problem e with its params (NULL: defaults); NULL after a message. */
static prob *library(sess *s, int col, const problib_entry *e, const double *v)
{
	char err[256];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		sess_fail(s, col, "%s", err);
	return p;
}

/* PROBLEM, LIBNAME[(P = V, ...)] or a set (mgh: every More-Garbow-Hillstrom problem),
 * separated by commas. */
static int parse_problems(sess *s, lex *l, camp_req *q)
{
	for (;;) {
		int col = l->tok.col;
		char name[WS_NAME_MAX], label[64];
		if (parse_name(s, l, "a problem or a set of problems", name, sizeof name) != 0)
			return -1;
		ws_item *pi = ws_get_kind(&s->ws, name, WS_PROBLEM);
		const problib_entry *e = pi ? NULL : problib_find(name);
		if (pi) {
			prob *p = prob_clone(pi->u.prob->p);
			if (!p)
				return sess_fail(s, col, "problem '%s' cannot be copied for the workers",
				                 name);
			if (add_problem(s, q, p, name) != 0)
				return -1;
		} else if (!strcmp(name, "mgh")) {
			for (int k = 1; k <= 35; k++) {
				snprintf(label, sizeof label, "mgh%d", k);
				if (add_problem(s, q, library(s, col, problib_find(label), NULL), label))
					return -1;
			}
		} else if (e) {
			double v[PARAM_MAX];
			param_defaults(e->params, e->nparams, v);
			if (lex_is(l, "(")) {
				lex_next(l);
				if (parse_params(s, l, e->name, e->params, e->nparams, v) != 0)
					return -1;
			}
			span(l->src, col, l->tok.col, label, sizeof label);
			if (add_problem(s, q, library(s, col, e, v), label) != 0)
				return -1;
		} else {
			return parse_no_item(s, col, WS_PROBLEM, name);
		}
		if (q->sp.nprob > CAMP_MAX_CASES)
			return sess_fail(s, col, "too many problems");
		if (!lex_is(l, ","))
			return 0;
		lex_next(l);
	}
}

/* [seeds A..B] [from default | from random(K)] before `until`. */
static int parse_options(sess *s, lex *l, camp_req *q)
{
	for (;;) {
		if (lex_word(l, "seeds")) {
			lex_next(l);
			int col = l->tok.col; /* A..B read from the text: the lexer takes `1.` as a number */
			char *end;
			const char *at = l->src + col;
			long a = strtol(at, &end, 10), b = -1;
			if (end > at && end[0] == '.' && end[1] == '.' && end[2] >= '0' && end[2] <= '9')
				b = strtol(end + 2, &end, 10);
			if (b < a || a < 0 || b - a >= 100000)
				return sess_fail(s, col, "seeds A..B: whole numbers, 0 <= A <= B, at most "
				                         "100000 of them");
			lex_seek(l, (int)(end - l->src));
			q->sp.seed0 = a, q->sp.seed1 = b;
		} else if (lex_word(l, "from")) {
			lex_next(l);
			int col = l->tok.col;
			if (lex_word(l, "default")) {
				lex_next(l);
				q->sp.radius = 0;
			} else if (lex_word(l, "random")) {
				lex_next(l);
				if (parse_punct(s, l, "(") != 0 || parse_number(s, l, &q->sp.radius) != 0 ||
				    parse_punct(s, l, ")") != 0)
					return -1;
				if (!(q->sp.radius > 0) || !isfinite(q->sp.radius))
					return sess_fail(s, col, "random(K) needs K > 0");
			} else {
				return sess_fail(s, col, "expected `from default` or `from random(K)`");
			}
		} else {
			return 0;
		}
	}
}

/* [max N] [evals N] [threads N] [to "FILE"], in any order, to the end. */
static int parse_tail(sess *s, lex *l, camp_req *q)
{
	while (l->tok.kind != LEX_END) {
		int col = l->tok.col;
		long v;
		if (lex_word(l, "max")) {
			lex_next(l);
			if (parse_long(s, l, "max", 1, s->set.steplimit, &q->sp.max) != 0)
				return -1;
		} else if (lex_word(l, "evals")) {
			lex_next(l);
			if (parse_long(s, l, "evals", 1, 1000000000000L, &q->sp.evals) != 0)
				return -1;
		} else if (lex_word(l, "time")) {
			lex_next(l);
			int tcol = l->tok.col;
			if (parse_number(s, l, &q->time) != 0)
				return -1;
			if (!(q->time > 0) || !isfinite(q->time))
				return sess_fail(s, tcol, "time T: seconds a case, T > 0");
		} else if (lex_word(l, "threads")) {
			lex_next(l);
			if (parse_long(s, l, "threads", 1, POOL_MAX_THREADS, &v) != 0)
				return -1;
			q->sp.threads = (int)v;
		} else if (lex_word(l, "to") && !q->path) {
			lex_next(l);
			if (parse_string(s, l, "a file name", &q->path) != 0)
				return -1;
		} else {
			return sess_fail(s, col, "expected max N, evals N, time T, threads N, to "
			                         "\"FILE\" or the end");
		}
	}
	return 0;
}

static void camp_progress(void *ctx, int finished, int n)
{
	prog_show(ctx, "campaign: %d of %d cases done", finished, n);
}

/* The definition from `=` on (METHODS on PROBLEMS ... until ...); c is set. */
static int parse_def(sess *s, lex *l, camp_req *q, cond **c)
{
	if (parse_methods(s, l, q) != 0 || parse_keyword(s, l, "on") != 0 ||
	    parse_problems(s, l, q) != 0 || parse_options(s, l, q) != 0 ||
	    parse_keyword(s, l, "until") != 0)
		return -1;
	int ccol = l->tok.col;
	if (!(*c = cond_parse(s, l)) || parse_tail(s, l, q) != 0)
		return -1;
	q->sp.c = *c;
	if (camp_ncases(&q->sp) > CAMP_MAX_CASES)
		return sess_fail(s, 0, "%ld cases: a campaign has at most %d", camp_ncases(&q->sp),
		                 CAMP_MAX_CASES);
	/* runs made here only to ask whether each method takes each problem's condition */
	for (int k = 0; k < q->sp.nprob; k++) {
		char err[256];
		const camp_problem *cp = &q->sp.probs[k];
		for (int mi = 0; mi < q->sp.nmeth; mi++) {
			run *probe = run_new(cp->p, q->sp.meths[mi].m, q->sp.meths[mi].params, NULL,
			                     &s->set.run, err, sizeof err);
			if (!probe)
				continue; /* that case's row says `refused` */
			const char *missing = cond_missing(*c, probe);
			run_free(probe);
			if (missing)
				return sess_fail(s, ccol, "problem '%s' has no %s", cp->label, missing);
		}
	}
	return 0;
}

/* campaign NAME = METHODS on PROBLEMS [seeds A..B] [from default|random(K)]
 *   until CONDITION [max N] [evals N] [time T] [threads N] [to "FILE"]
 * campaign NAME resume [threads N] [to "FILE"] */
int cmd_campaign(sess *s, lex *l)
{
	char name[WS_NAME_MAX], err[512], *text = NULL;
	if (parse_name(s, l, "a campaign name", name, sizeof name) != 0)
		return -1;
	camp_req q = {.sp = {.seed0 = 1, .seed1 = 1,
	                     .max = s->set.maxsteps < s->set.steplimit ? s->set.maxsteps
	                                                               : s->set.steplimit}};
	cond *c = NULL;
	int rc = -1, resume = lex_word(l, "resume");
	long first = 0;
	if (s->sandbox) {
		sess_fail(s, 0, "files are off in this session");
		goto out;
	}
	if (resume) {
		lex_next(l);
		camp_req opt = {.sp.max = 1};
		if (parse_tail(s, l, &opt) != 0) {
			free(opt.path);
			goto out;
		}
		char path[WS_NAME_MAX + 8];
		snprintf(path, sizeof path, "%s.csv", name);
		q.path = opt.path ? opt.path : strdup(path);
		q.sp.threads = opt.sp.threads;
		int may = q.path ? sess_may_write(s, 0, q.path) : 0;
		if (may != 0) {
			rc = may < 0 ? -1 : 0;
			goto out;
		}
		if (!q.path || camp_mpi_file_open(q.path, &text, &first, err, sizeof err) != 0) {
			sess_fail(s, 0, "%s", q.path ? err : "out of memory");
			goto out;
		}
		lex rl; /* the definition the file was begun with */
		lex_init(&rl, text);
		char *p = q.path;
		int threads = q.sp.threads;
		q.path = NULL;
		if (parse_def(s, &rl, &q, &c) != 0) {
			free(p);
			goto out;
		}
		free(q.path); /* the file named there is the one we opened */
		q.path = p;
		q.sp.threads = threads ? threads : q.sp.threads;
	} else {
		if (parse_punct(s, l, "=") != 0)
			goto out;
		int dcol = l->tok.col;
		if (parse_def(s, l, &q, &c) != 0)
			goto out;
		if (!q.path) {
			char path[WS_NAME_MAX + 8];
			snprintf(path, sizeof path, "%s.csv", name);
			q.path = strdup(path);
		}
		text = strdup(l->src + dcol);
		if (!q.path || !text) {
			sess_fail(s, 0, "out of memory");
			goto out;
		}
		one_line(text);
		int may = sess_may_write(s, 0, q.path);
		if (may != 0) { /* 1: a replayed figure's script writes nothing else */
			rc = may < 0 ? -1 : 0;
			goto out;
		}
		if (camp_mpi_file_new(q.path, text, err, sizeof err) != 0) {
			sess_fail(s, 0, "%s", err);
			goto out;
		}
	}
	q.sp.opts = s->set.run;
	if (q.time > 0) /* a time budget: rows then depend on the machine's speed */
		q.sp.opts.maxtime = q.time;
	q.sp.interrupt = &s->interrupted;
	prog pg;
	prog_start(&pg, s);
	if (s->interactive)
		q.sp.progress = camp_progress, q.sp.progress_ctx = &pg;
	long n = camp_ncases(&q.sp);
	long done = camp_mpi_run(&q.sp, first, q.path, err, sizeof err);
	prog_done(&pg);
	if (done < 0) {
		sess_fail(s, 0, "%s", err);
		goto out;
	}
	fprintf(s->out, "campaign %s: %d method%s x %d problem%s x %ld seed%s = %ld cases", name,
	        q.sp.nmeth, q.sp.nmeth == 1 ? "" : "s", q.sp.nprob, q.sp.nprob == 1 ? "" : "s",
	        q.sp.seed1 - q.sp.seed0 + 1, q.sp.seed1 > q.sp.seed0 ? "s" : "", n);
	if (resume)
		fprintf(s->out, "; %ld were done, %ld run now", first, done - first);
	fprintf(s->out, "; %s\n", q.path);
	if (done < n)
		fprintf(s->out, "  interrupted after %ld of %ld: `campaign %s resume` goes on\n",
		        done, n, name);
	rc = 0;
out:
	cond_free(c);
	camp_spec_free(&q.sp);
	free(q.path);
	free(text);
	return rc;
}
