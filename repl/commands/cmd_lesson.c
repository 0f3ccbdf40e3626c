/* `lesson`: the guided lessons, built in or from a lecturer's file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "cmd_all.h"
#include "lesson.h"
#include "parse.h"

#define LESSON_MAX_BYTES (1 << 20)

static int playing; /* a lesson does not start another one */

static char *ask_terminal(void *ctx, const char *prompt)
{
	(void)ctx;
	return readline(prompt);
}

static const char *builtin_text(const char *name)
{
	for (const lesson_builtin *b = lesson_builtins; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b->text;
	return NULL;
}

static int list_lessons(sess *s)
{
	fprintf(s->out, "Lessons (`lesson NAME` starts one; `lesson \"FILE\"` plays your own):\n");
	for (const lesson_builtin *b = lesson_builtins; b->name; b++) {
		char err[256];
		lesson *ls = lesson_parse(b->text, b->name, err, sizeof err);
		fprintf(s->out, "  %-16s %s\n", b->name, ls ? lesson_title(ls) : err);
		lesson_free(ls);
	}
	return 0;
}

/* The file's text (a new string), or NULL after a failure recorded at COL. */
static char *read_lesson(sess *s, int col, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		sess_fail(s, col, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	char *text = malloc(LESSON_MAX_BYTES + 1);
	size_t n = text ? fread(text, 1, LESSON_MAX_BYTES + 1, f) : 0;
	fclose(f);
	if (!text) {
		sess_fail(s, col, "out of memory");
		return NULL;
	}
	if (n > LESSON_MAX_BYTES) {
		free(text);
		sess_fail(s, col, "a lesson file has at most %d bytes", LESSON_MAX_BYTES);
		return NULL;
	}
	text[n] = 0;
	if (memchr(text, 0, n)) {
		free(text);
		sess_fail(s, col, "'%s' is not a text file", path);
		return NULL;
	}
	return text;
}

/* lesson | lesson NAME | lesson "FILE" */
int cmd_lesson(sess *s, lex *l)
{
	int col = l->tok.col;
	if (l->tok.kind == LEX_END)
		return list_lessons(s);
	char *path = NULL, *owned = NULL, name[WS_NAME_MAX];
	const char *text, *source;
	if (l->tok.kind == LEX_STRING) {
		if (s->sandbox)
			return sess_fail(s, col, "files are off in this session");
		if (parse_string(s, l, "a file name", &path) != 0)
			return -1;
		if (parse_end(s, l) != 0 || !(owned = read_lesson(s, col, path))) {
			free(path);
			return -1;
		}
		text = owned, source = path;
	} else {
		if (parse_name(s, l, "a lesson's name", name, sizeof name) != 0 || parse_end(s, l) != 0)
			return -1;
		if (!(text = builtin_text(name)))
			return sess_fail(s, col, "no lesson '%s'; `lesson` lists them", name);
		source = name;
	}
	if (playing) {
		free(owned);
		free(path);
		return sess_fail(s, col, "a lesson is playing; it cannot start another");
	}
	char err[320];
	lesson *ls = lesson_parse(text, source, err, sizeof err);
	free(owned);
	if (!ls) {
		free(path);
		return sess_fail(s, col, "%s", err);
	}
	/* the lesson's commands report errors at its own lines, as a loaded script's */
	const char *osrc = s->source, *otext = s->text;
	int oline = s->line, ooff = s->cmd_off;
	playing = 1;
	s->depth++;
	int rc = lesson_play(s, ls, s->interactive ? ask_terminal : NULL, NULL);
	s->depth--;
	playing = 0;
	s->source = osrc, s->text = otext, s->line = oline, s->cmd_off = ooff;
	lesson_free(ls);
	free(path);
	if (rc != 0) {
		if (s->error_col < 0)
			s->error_col = 0;
		s->reported = 1; /* at the lesson's line, already */
	}
	return rc;
}
