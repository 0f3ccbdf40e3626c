/* fatal: the signals that end optlab (SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
 * SIGALRM, ... and a second Ctrl-C) leave nothing behind: the terminal is
 * restored when the live view holds it, temporaries being written are removed,
 * and the signal is raised again, so that the parent sees how optlab ended. */
#ifndef OPTLAB_FATAL_H
#define OPTLAB_FATAL_H

#include <stddef.h>
#include <termios.h>

/* Installs the handlers; signals inherited as ignored stay ignored (nohup). */
void fatal_install(void);
/* The terminal state to put back before dying: tio for the line discipline,
 * seq written to standard output (leave the alternate screen, show the cursor,
 * keypad off). fatal_clear_terminal once the terminal is given back. */
void fatal_set_terminal(const struct termios *tio, const char *seq, size_t len);
void fatal_clear_terminal(void);
/* Cleans up as above and dies by sig (async-signal-safe: for handlers). */
void fatal_die(int sig);

#endif
