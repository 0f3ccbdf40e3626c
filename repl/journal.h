/* journal: an interactive session survives the loss of its terminal. After
 * every command at the prompt the workspace is written, as the script `save`
 * writes (runs as the steps they took), to $XDG_STATE_HOME/optlab/session.opl
 * (atomically, only when it changed, at most SAVE_MAX_BYTES), with the last
 * command in a comment; `optlab --resume` loads it back and says what it
 * restored. A new session writes over it once its workspace is not empty. */
#ifndef OPTLAB_JOURNAL_H
#define OPTLAB_JOURNAL_H

#include "sess.h"

typedef struct journal {
	char *path; /* NULL: no state directory, no journal */
	char *last; /* the workspace text last written */
	int warned; /* the size limit was reported */
} journal;

/* $XDG_STATE_HOME/optlab/LEAF (default ~/.local/state/optlab/LEAF), its
 * directories made; NULL without HOME or memory. The caller frees it. */
char *journal_state_path(const char *leaf);

void journal_init(journal *j, sess *s);
/* After the command line `line` ran: writes the workspace if it changed. */
void journal_note(journal *j, sess *s, const char *line);
void journal_free(journal *j);

/* Loads the journal into s and prints what it restored; -1 when there was none
 * or it failed (said on s->err). */
int journal_resume(sess *s);

#endif
