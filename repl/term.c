/* term: readline prompt, history across sessions, Ctrl-C handling. */
#include "term.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "journal.h"
#include "script.h"
#include "version.h"

#define HISTORY_LINES 1000

static sess *active; /* for the SIGINT handler and completion */
static char **matches; /* the candidates of the current completion */
static int match_next;

static char *match_generator(const char *text, int state)
{
	(void)text; /* cmpl_candidates already filtered by the word at the point */
	if (state == 0)
		match_next = 0;
	if (!matches || !matches[match_next])
		return NULL;
	return strdup(matches[match_next++]);
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	int in_string;
	cmpl_free(matches);
	matches = cmpl_candidates(active, rl_line_buffer, end, &in_string);
	rl_attempted_completion_over = 1;
	if (in_string) {
		/* file names, filtered by the command: readline lists base names, ends a
		 * folder with '/' and a whole name with the closing quote */
		rl_filename_completion_desired = 1;
		rl_completion_append_character = '"';
	}
	return rl_completion_matches(text, match_generator);
}

static void on_sigint(int sig)
{
	(void)sig;
	if (active)
		active->interrupted = 1;
}

/* A command continued over several lines is one history entry: its lines joined by
 * blanks, or kept apart where a # comment would swallow what follows it. */
static void remember(const char *logical)
{
	if (strspn(logical, " \t\r\n") == strlen(logical))
		return;
	char *h = strdup(logical);
	if (!h)
		return;
	if (!strchr(h, '#'))
		for (char *q = h; *q; q++)
			if (*q == '\n')
				*q = ' ';
	add_history(h);
	free(h);
}

void term_banner(FILE *f)
{
	char *hist = journal_state_path("history");
	fprintf(f,
	        "optlab %s: optimization algorithms, step by step and live.\n"
	        "`help` lists the commands, `help COMMAND` explains one; `optlab --demo` shows a "
	        "race.\n",
	        OPTLAB_VERSION);
	if (hist)
		fprintf(f, "History: %s (optlab -q starts without this note)\n", hist);
	free(hist);
}

int term_loop(sess *s)
{
	char *hist = journal_state_path("history");
	if (hist)
		read_history(hist);
	journal jn; /* the workspace after each command, for --resume */
	journal_init(&jn, s);
	rl_readline_name = "optlab";
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,)";
	active = s;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);

	char *logical = NULL;
	int first = 0, lineno = 0;
	while (!s->quit) {
		char *line = readline(logical ? "   ...> " : "optlab> ");
		if (!line) { /* end of input, a read error or a hang-up: the session ends */
			fputc('\n', s->out);
			if (logical)
				fprintf(s->err, "error: end of input in an unfinished line; it was not run\n");
			break;
		}
		lineno++;
		if (!logical)
			first = lineno;
		int arc = script_append(&logical, line, (size_t)s->set.linelimit);
		if (arc != 0) {
			if (arc == -2)
				fprintf(s->err, "error: out of memory\n");
			else
				fprintf(s->err, "error: line longer than %ld bytes (linelimit)\n",
				        s->set.linelimit);
			free(logical);
			logical = NULL;
			free(line);
			continue;
		}
		free(line);
		if (script_needs_more(logical) && s->interrupted == 0)
			continue;
		s->interrupted = 0;
		remember(logical);
		sess_run_line(s, logical, "<stdin>", first);
		journal_note(&jn, s, logical);
		free(logical);
		logical = NULL;
	}
	free(logical);
	journal_free(&jn);
	sigaction(SIGINT, &old, NULL);
	active = NULL;
	if (hist) {
		stifle_history(HISTORY_LINES);
		write_history(hist);
		free(hist);
	}
	rl_clear_history();
	cmpl_free(matches);
	matches = NULL;
	return 0;
}
