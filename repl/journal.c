/* journal: the workspace after each command, for `optlab --resume`. */
#include "journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "afile.h"
#include "save.h"

#define JOURNAL_LEAF "session.opl"
#define LAST_MARK "# last command: "

/* mkdir -p for the directory part of path. */
static void make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int bad = mkdir(path, 0700) != 0 && errno != EEXIST;
		*p = '/';
		if (bad)
			return;
	}
}

char *journal_state_path(const char *leaf)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char buf[4096];
	if (state && *state)
		snprintf(buf, sizeof buf, "%s/optlab/%s", state, leaf);
	else if (home && *home)
		snprintf(buf, sizeof buf, "%s/.local/state/optlab/%s", home, leaf);
	else
		return NULL;
	char *path = strdup(buf);
	if (path)
		make_parents(path);
	return path;
}

/* The workspace as a script, or NULL without memory. */
static char *workspace_text(sess *s, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	if (!f)
		return NULL;
	int rc = save_script(s, f);
	if (fclose(f) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void journal_init(journal *j, sess *s)
{
	size_t len;
	j->path = journal_state_path(JOURNAL_LEAF);
	j->last = workspace_text(s, &len); /* what there is now needs no writing */
	j->warned = 0;
}

void journal_note(journal *j, sess *s, const char *line)
{
	size_t len;
	if (!j->path)
		return;
	char *text = workspace_text(s, &len);
	if (!text || (j->last && strcmp(text, j->last) == 0)) {
		free(text);
		return;
	}
	if (len > SAVE_MAX_BYTES) {
		if (!j->warned)
			fprintf(s->err, "note: the workspace is over %ld MiB; --resume keeps it as it was "
			                "before\n", SAVE_MAX_BYTES >> 20);
		j->warned = 1;
		free(text);
		return;
	}
	afile a;
	char err[512];
	if (afile_open(&a, j->path, err, sizeof err) == 0) {
		fputs(text, a.f);
		fputs(LAST_MARK, a.f);
		for (const char *p = line; *p; p++) /* one line, whatever it held */
			fputc(*p == '\n' ? ' ' : *p, a.f);
		fputc('\n', a.f);
		if (afile_commit(&a, err, sizeof err) != 0)
			free(text), text = NULL;
	} else {
		free(text);
		text = NULL;
	}
	free(j->last);
	j->last = text;
}

void journal_free(journal *j)
{
	free(j->path);
	free(j->last);
	memset(j, 0, sizeof *j);
}

/* What a resumed workspace holds, in a line. */
static void summary(sess *s, const char *path, const char *last, time_t when)
{
	int n[4] = {0, 0, 0, 0};
	for (int i = 0; i < s->ws.count; i++)
		n[s->ws.items[i]->kind]++;
	static const char *const what[] = {"constant", "problem", "solver", "run"};
	char at[64] = "";
	struct tm tm;
	if (localtime_r(&when, &tm))
		strftime(at, sizeof at, " of %Y-%m-%d %H:%M:%S", &tm);
	fprintf(s->out, "resumed the session%s:", at);
	int any = 0;
	for (int k = 1; k <= 4; k++) { /* problems, solvers, runs, then constants */
		int kind = k % 4;
		if (n[kind])
			fprintf(s->out, "%s %d %s%s", any++ ? "," : "", n[kind], what[kind],
			        n[kind] == 1 ? "" : "s");
	}
	fprintf(s->out, "%s\n  from %s\n", any ? "" : " an empty workspace", path);
	for (int i = 0; i < s->ws.count; i++)
		if (s->ws.items[i]->kind == WS_RUN)
			fprintf(s->out, "  run %s at iteration %ld\n", s->ws.items[i]->name,
			        run_iter(s->ws.items[i]->u.run.r));
	if (last && *last)
		fprintf(s->out, "  after the command: %s\n", last);
}

int journal_resume(sess *s)
{
	char *path = journal_state_path(JOURNAL_LEAF);
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f) {
		fprintf(s->err, "optlab: no session to resume%s%s\n", path ? " in " : "", path ? path : "");
		free(path);
		return -1;
	}
	struct stat st;
	time_t when = fstat(fileno(f), &st) == 0 ? st.st_mtime : 0;
	/* the last command, from the comment at the end */
	char line[4096], last[4096] = "";
	while (fgets(line, sizeof line, f))
		if (strncmp(line, LAST_MARK, strlen(LAST_MARK)) == 0) {
			snprintf(last, sizeof last, "%s", line + strlen(LAST_MARK));
			last[strcspn(last, "\n")] = '\0';
		}
	rewind(f);
	FILE *out = s->out, *quiet = fopen("/dev/null", "w");
	s->out = quiet ? quiet : out; /* the steps replayed print nothing */
	s->depth++;                   /* as `load`: Ctrl-C stops it */
	int rc = sess_run_stream(s, f, path);
	s->depth--;
	s->out = out;
	if (quiet)
		fclose(quiet);
	fclose(f);
	if (rc == 0)
		summary(s, path, last, when);
	else
		fprintf(s->err, "optlab: the session in %s was restored only up to the error above\n",
		        path);
	free(path);
	return rc;
}
