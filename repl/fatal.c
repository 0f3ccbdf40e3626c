/* fatal: cleaning up on the signals that end the program. */
#include "fatal.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"

/* What a handler reads: set before, cleared after, the view holds the terminal. */
static struct termios term_tio;
static char term_seq[256];
static size_t term_len;
static volatile sig_atomic_t term_held;

/* Their default action ends the program; crashes are left to the default (and
 * to the sanitizers, whose own handlers report them). */
static const int fatal_signals[] = {SIGHUP, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                    SIGVTALRM, SIGXCPU, SIGXFSZ};

void fatal_set_terminal(const struct termios *tio, const char *seq, size_t len)
{
	term_held = 0;
	term_tio = *tio;
	term_len = len < sizeof term_seq ? len : sizeof term_seq;
	memcpy(term_seq, seq, term_len);
	term_held = 1;
}

void fatal_clear_terminal(void)
{
	term_held = 0;
}

void fatal_die(int sig)
{
	if (term_held) {
		term_held = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &term_tio);
		ssize_t w = write(STDOUT_FILENO, term_seq, term_len);
		(void)w;
	}
	afile_unlink_pending();
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig); /* not reached: the default action ends the program */
}

static void on_fatal(int sig)
{
	fatal_die(sig);
}

void fatal_install(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
		sigaction(fatal_signals[i], NULL, &old);
		if (old.sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &sa, NULL);
	}
}
