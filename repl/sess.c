/* sess: running lines and scripts, and reporting errors. */
#include "sess.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "runscene.h"
#include "script.h"

void sess_init(sess *s, FILE *out, FILE *err, int interactive)
{
	memset(s, 0, sizeof *s);
	s->out = out;
	s->err = err;
	s->interactive = interactive;
	s->error_col = -1;
	ws_init(&s->ws);
	sess_settings_default(&s->set);
	expr_set_work_limit(s->set.worklimit);
}

void sess_settings_default(sess_settings *set)
{
	set->precision = 6;
	set->maxsteps = 100000;
	set->steplimit = 1000000000;
	run_opts_default(&set->run);
	set->run.tracelimit = 1024; /* MiB: a long run stops before it eats the machine */
	set->linelimit = SCRIPT_MAX_LINE;
	set->depthlimit = EXPR_MAX_DEPTH;
	set->dimlimit = EXPR_MAX_DIM;
	set->gridlimit = RSCENE_MAX_GRID;
	set->worklimit = EXPR_MAX_WORK;
	set->ncolors = 0;
	snprintf(set->colors_text, sizeof set->colors_text, "okabe-ito");
}

void sess_colors(const sess *s, scene_style *st)
{
	if (st->ncolors > 0 || s->set.ncolors <= 0)
		return;
	st->ncolors = s->set.ncolors;
	memcpy(st->colors, s->set.colors, sizeof st->colors);
}

void sess_free(sess *s)
{
	ws_clear(&s->ws);
	for (int i = 0; i < s->nrefused; i++)
		free(s->refused[i]);
	free(s->refused);
	s->refused = NULL;
	s->nrefused = 0;
}

/* The directory part of path, "." when there is none (NULL without memory). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
}

/* The same file: one inode, or, while one is not there yet, the same name in
 * the same directory. */
static int same_file(const char *a, const char *b)
{
	struct stat x, y;
	int ea = stat(a, &x) == 0, eb = stat(b, &y) == 0;
	if (ea && eb)
		return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
	if (ea || eb)
		return 0;
	const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');
	if (strcmp(na ? na + 1 : a, nb ? nb + 1 : b) != 0)
		return 0;
	char *da = dir_of(a), *db = dir_of(b);
	int same = da && db && stat(da, &x) == 0 && stat(db, &y) == 0 && x.st_dev == y.st_dev &&
	           x.st_ino == y.st_ino;
	free(da);
	free(db);
	return same;
}

int sess_may_write(sess *s, int col, const char *path)
{
	if (!s->write_only || same_file(path, s->write_only))
		return 0;
	for (int i = 0; i < s->nrefused; i++)
		if (strcmp(s->refused[i], path) == 0)
			return 1;
	char **r = realloc(s->refused, (size_t)(s->nrefused + 1) * sizeof *r);
	if (!r)
		return sess_fail(s, col, "out of memory");
	s->refused = r;
	if (!(r[s->nrefused] = strdup(path)))
		return sess_fail(s, col, "out of memory");
	s->nrefused++;
	return 1;
}

int sess_fail(sess *s, int col, const char *fmt, ...)
{
	if (s->error_col >= 0)
		return -1; /* the first error wins */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->error_msg, sizeof s->error_msg, fmt, ap);
	va_end(ap);
	s->error_col = col < 0 ? 0 : col;
	return -1;
}

/* Prints the recorded error: positioned for scripts, with a caret for people. */
static void report(sess *s)
{
	const char *text = s->text;
	int off = s->cmd_off + s->error_col;
	int len = (int)strlen(text);
	if (off > len)
		off = len;
	int line = s->line, bol = 0;
	for (int i = 0; i < off; i++)
		if (text[i] == '\n') {
			line++;
			bol = i + 1;
		}
	int col = off - bol + 1;
	if (s->interactive && s->depth == 0) {
		int eol = bol;
		while (text[eol] && text[eol] != '\n')
			eol++;
		fprintf(s->err, "  %.*s\n  %*s^\nerror: %s\n", eol - bol, text + bol, col - 1, "",
		        s->error_msg);
	} else {
		fprintf(s->err, "%s:%d:%d: error: %s\n", s->source, line, col, s->error_msg);
	}
	fflush(s->err);
	s->reported = 1;
}

int sess_run_line(sess *s, const char *text, const char *source, int line)
{
	s->source = source;
	s->line = line;
	s->text = text;
	int pos = 0, start, len;
	while (!s->quit && script_next_command(text, &pos, &start, &len)) {
		char *cmd = strndup(text + start, (size_t)len);
		s->cmd_off = start;
		s->error_col = -1;
		s->reported = 0;
		if (!cmd) {
			sess_fail(s, 0, "out of memory");
			report(s);
			return -1;
		}
		/* Ctrl-C ends a script (a batch, or a `load`); at the prompt, the command */
		int stop_on_interrupt = !s->interactive || s->depth > 0;
		if (s->depth == 0 && s->interactive)
			s->interrupted = 0;
		int rc = s->interrupted && stop_on_interrupt ? -1 : cmd_exec(s, cmd);
		free(cmd);
		if (s->interrupted && stop_on_interrupt)
			rc = sess_fail(s, 0, "interrupted");
		if (fflush(s->out) != 0 && !s->out_errno)
			s->out_errno = errno; /* reported at the end (main) */
		if (rc != 0) {
			if (s->error_col < 0)
				sess_fail(s, 0, "command failed");
			if (!s->reported)
				report(s);
			return -1;
		}
	}
	return 0;
}

/* Reads one physical line (without its newline) into *buf, never holding more
 * than limit bytes: an endless line is refused while it is read. Returns its
 * length, -1 at the end or on a read error, -2 past limit, -3 without memory. */
static long read_line(FILE *f, char **buf, size_t *cap, size_t limit)
{
	size_t n = 0;
	int c = EOF;
	flockfile(f);
	while ((c = getc_unlocked(f)) != EOF && c != '\n') {
		if (n + 1 >= *cap) {
			if (n + 1 > limit) {
				funlockfile(f);
				return -2;
			}
			size_t want = *cap ? 2 * *cap : 256;
			want = want > limit + 2 ? limit + 2 : want;
			char *b = realloc(*buf, want);
			if (!b) {
				funlockfile(f);
				return -3;
			}
			*buf = b;
			*cap = want;
		}
		(*buf)[n++] = (char)c;
	}
	funlockfile(f);
	if (c == EOF && n == 0)
		return -1;
	if (!*buf && !(*buf = malloc(*cap = 1)))
		return -3;
	(*buf)[n] = '\0';
	return (long)n;
}

/* An error of the script itself, at line lineno, outside any command. */
static void stream_fail(sess *s, const char *source, int lineno, const char *msg)
{
	s->source = source;
	s->line = lineno;
	s->text = "";
	s->cmd_off = 0;
	s->error_col = -1;
	sess_fail(s, 0, "%s", msg);
	report(s);
}

int sess_run_stream(sess *s, FILE *f, const char *source)
{
	char *buf = NULL, *logical = NULL;
	size_t cap = 0;
	long n;
	int lineno = 0, first = 0, rc = 0, read_errno = 0;
	while (!s->quit) {
		errno = 0;
		n = read_line(f, &buf, &cap, (size_t)s->set.linelimit);
		if (n == -1) {
			read_errno = errno;
			break;
		}
		lineno++;
		if (!logical)
			first = lineno;
		int arc = n == -3 ? -2 : n == -2 ? -1 : script_append(&logical, buf, (size_t)s->set.linelimit);
		if (arc != 0) {
			char msg[128] = "out of memory";
			if (arc == -1)
				snprintf(msg, sizeof msg, "line longer than %ld bytes (linelimit)",
				         s->set.linelimit);
			stream_fail(s, source, lineno, msg);
			rc = -1;
			break;
		}
		if (script_needs_more(logical))
			continue;
		rc = sess_run_line(s, logical, source, first);
		free(logical);
		logical = NULL;
		if (rc != 0)
			break;
	}
	if (rc == 0 && !s->quit && ferror(f)) { /* a directory, a failing disk or pipe */
		char msg[128];
		snprintf(msg, sizeof msg, "cannot read: %s", strerror(read_errno ? read_errno : EIO));
		stream_fail(s, source, lineno + 1, msg);
		rc = -1;
	}
	if (rc == 0 && logical && !s->quit) /* an unfinished last line still runs */
		rc = sess_run_line(s, logical, source, first);
	free(logical);
	free(buf);
	return rc;
}

int sess_run_text(sess *s, const char *text, const char *source)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	if (!f)
		return -1;
	int rc = strlen(text) ? sess_run_stream(s, f, source) : 0;
	fclose(f);
	return rc;
}
