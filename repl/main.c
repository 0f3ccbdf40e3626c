/* optlab: an interactive workbench for optimization algorithms. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "camp_mpi.h"
#include "fatal.h"
#include "fig.h"
#include "journal.h"
#include "sess.h"
#include "term.h"
#include "version.h"
#include "view.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: optlab [OPTIONS] [FILE.opl | -]\n"
	        "\n"
	        "With no FILE, optlab starts an interactive session at the optlab> prompt.\n"
	        "\n"
	        "  FILE.opl       run the commands in FILE, then exit\n"
	        "  -              run the commands read from standard input, then exit\n"
	        "  -e 'COMMANDS'  run COMMANDS (lines, or ';'-separated), then exit;\n"
	        "                 may be given more than once\n"
	        "  --resume       rebuild the last interactive session (lost to a crash, a\n"
	        "                 kill or a lost terminal) and go on with it\n"
	        "  --demo         four classic methods racing on Rosenbrock in the live view;\n"
	        "                 q leads to the prompt\n"
	        "  --replay FIGURE.png\n"
	        "                 run the script stored in a figure optlab exported; it may\n"
	        "                 write the figure its last line exports and no other file\n"
	        "                 (those it would write are listed)\n"
	        "  --allow-writes with --replay: let the script write the other files too\n"
	        "  -q, --quiet    start the interactive session without its opening note\n"
	        "  -h, --help     show this help and exit\n"
	        "  --version      show the version and exit\n"
	        "\n"
	        "A batch run stops at the first error, prints SOURCE:LINE:COL: error: MESSAGE\n"
	        "on standard error and exits with status 1. `optlab -e help` lists the commands.\n");
}

/* Batch Ctrl-C: the long command stops where it is (sess.interrupted), and the
 * script then stops with an error. One-shot: a second Ctrl-C kills at once. */
static atomic_int *batch_interrupt;

static void on_batch_sigint(int sig)
{
	static volatile sig_atomic_t seen;
	if (seen)
		fatal_die(sig); /* the second: no temporary left behind */
	seen = 1;
	if (batch_interrupt)
		*batch_interrupt = 1;
}

static void batch_signals(sess *s)
{
	/* SIGPIPE keeps its default, death, as for `yes | head`: a reader that has
	 * gone away wants no more, the shell reports nothing for it, and a long
	 * command stops at its next write instead of computing for nobody (files are
	 * written aside and renamed, so none is left half-written). Set even when
	 * inherited as ignored, so that `optlab ... | head` always ends. */
	signal(SIGPIPE, SIG_DFL);
	struct sigaction sa, old;
	sigaction(SIGINT, NULL, &old);
	if (old.sa_handler == SIG_IGN)
		return; /* started in the background: leave Ctrl-C alone */
	batch_interrupt = &s->interrupted;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_batch_sigint;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

/* A closed standard stream would be taken by the next file opened (a script
 * read, or a figure written, as if it were the output): each gets a stand-in.
 * A closed standard output becomes /dev/full, so that output fails and is
 * reported at the end like any failed write. Returns 1 when stdout was closed. */
static int reserve_std_fds(void)
{
	int closed_out = 0;
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		closed_out |= fd == STDOUT_FILENO;
		int nfd = open(fd == STDOUT_FILENO ? "/dev/full" : "/dev/null", fd ? O_WRONLY : O_RDONLY);
		if (nfd >= 0 && nfd != fd) { /* a lower one was closed too: open filled it */
			dup2(nfd, fd);
			close(nfd);
		}
	}
	return closed_out;
}

/* Output that never arrived is an error (a full disk, a closed stdout); a
 * closed pipe has ended optlab already, quietly, by SIGPIPE. */
static int check_stdout(int closed_out, int err)
{
	int bad = ferror(stdout);
	if (fflush(stdout) != 0) {
		bad = 1;
		err = errno;
	}
	if (!bad)
		return 0;
	if (closed_out)
		fprintf(stderr, "optlab: error: standard output is closed\n");
	else
		fprintf(stderr, "optlab: error: cannot write standard output%s%s\n", err ? ": " : "",
		        err ? strerror(err) : "");
	return -1;
}

/* The figure a replayed script rebuilds: the file of the export its last line
 * holds (a figure's Source ends with the export that made it), else png. The
 * caller frees it. */
static char *replay_target(const char *script, const char *png)
{
	const char *end = script + strlen(script), *line;
	while (end > script && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	for (line = end; line > script && line[-1] != '\n'; line--)
		;
	line += strspn(line, " \t");
	if (strncmp(line, "export", 6) == 0) {
		const char *q = line + 6 + strspn(line + 6, " \t");
		const char *close = *q == '"' ? memchr(q + 1, '"', (size_t)(end - q - 1)) : NULL;
		if (close && !memchr(q + 1, '\\', (size_t)(close - q - 1)))
			return strndup(q + 1, (size_t)(close - q - 1));
	}
	return strdup(png);
}

/* What a replayed script would have written beside its figure. */
static void report_refused(sess *s, const char *png)
{
	if (s->nrefused == 0)
		return;
	fprintf(stderr, "%s: not written, as a replayed script writes its figure only "
	                "(--allow-writes lets it):\n", png);
	for (int i = 0; i < s->nrefused; i++) {
		fprintf(stderr, "  %s\n", s->refused[i]);
		free(s->refused[i]);
	}
	free(s->refused);
	s->refused = NULL;
	s->nrefused = 0;
}

int main(int argc, char **argv)
{
	sess s;
	int closed_out = reserve_std_fds();
	int interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	int batch = 0, rc = 0, demo = 0, quiet = 0, allow_writes = 0, resume = 0;

	/* Options first, so that --help never runs anything. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("optlab %s\n", OPTLAB_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			quiet = 1;
			continue;
		}
		if (strcmp(argv[i], "--allow-writes") == 0) {
			allow_writes = 1;
			continue;
		}
		if (strcmp(argv[i], "--resume") == 0) {
			resume = 1;
			continue;
		}
		if (strcmp(argv[i], "--demo") == 0) {
			if (!interactive) {
				fprintf(stderr, "optlab: --demo needs a terminal\n");
				return 2;
			}
			demo = 1;
			continue;
		}
		if ((strcmp(argv[i], "-e") == 0 || strcmp(argv[i], "--replay") == 0) && ++i == argc) {
			fprintf(stderr, "optlab: %s needs an argument\n", argv[i - 1]);
			return 2;
		}
		if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i - 1], "-e") != 0 &&
		    strcmp(argv[i - 1], "--replay") != 0) {
			fprintf(stderr, "optlab: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}

	camp_mpi_init(&argc, &argv); /* under mpirun: a rank of a campaign */
	sess_init(&s, stdout, stderr, 0);
	fatal_install();
	batch_signals(&s); /* the interactive loop and the view install their own */
	if (resume && journal_resume(&s) != 0 && !interactive) {
		sess_free(&s); /* at a terminal, the session goes on from what there is */
		return 1;
	}
	for (int i = 1; i < argc && rc == 0 && !s.quit; i++) {
		if (strcmp(argv[i], "--demo") == 0 || strcmp(argv[i], "-q") == 0 ||
		    strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "--allow-writes") == 0 ||
		    strcmp(argv[i], "--resume") == 0)
			continue;
		batch = 1;
		if (strcmp(argv[i], "-e") == 0) {
			rc = sess_run_text(&s, argv[++i], "-e");
		} else if (strcmp(argv[i], "--replay") == 0) {
			char err[512];
			const char *png = argv[++i];
			char *script = fig_png_read_source(png, err, sizeof err);
			if (!script) {
				fprintf(stderr, "%s:1:1: error: %s\n", png, err);
				rc = -1;
				break;
			}
			char *target = allow_writes ? NULL : replay_target(script, png);
			s.write_only = allow_writes ? NULL : target ? target : png; /* not to be trusted */
			rc = sess_run_text(&s, script, png);
			s.write_only = NULL;
			free(target);
			free(script);
			report_refused(&s, png);
		} else if (strcmp(argv[i], "-") == 0) {
			rc = sess_run_stream(&s, stdin, "<stdin>");
		} else {
			FILE *f = fopen(argv[i], "r");
			if (!f) {
				fprintf(stderr, "%s:1:1: error: cannot open: %s\n", argv[i], strerror(errno));
				rc = -1;
				break;
			}
			rc = sess_run_stream(&s, f, argv[i]);
			fclose(f);
		}
	}
	if (demo && rc == 0 && !s.quit) {
		s.interactive = 1;
		rc = view_demo(&s);
	}
	if (!batch) {
		if (interactive) {
			s.interactive = 1;
			if (!quiet)
				term_banner(stdout);
			rc = term_loop(&s);
		} else {
			rc = sess_run_stream(&s, stdin, "<stdin>");
		}
	}
	sess_free(&s);
	fig_release_static(); /* Cairo's and fontconfig's caches, for leak checkers */
	if (check_stdout(closed_out, s.out_errno) != 0)
		rc = -1;
	camp_mpi_finalize();
	return rc == 0 ? 0 : 1;
}
