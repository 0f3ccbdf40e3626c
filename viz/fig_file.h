/* fig_file: files written atomically: a temporary beside the target, renamed
 * over it on success, removed on failure. Not a public interface.
 *
 * Ownership: fig_file_open returns a stream that fig_file_commit or
 * fig_file_abort closes and frees. */
#ifndef OPTLAB_FIG_FILE_H
#define OPTLAB_FIG_FILE_H

#include <stdio.h>

typedef struct fig_file {
	FILE *fp;
	char *tmp;        /* the temporary's path */
	const char *path; /* the target (borrowed) */
} fig_file;

int fig_file_open(fig_file *ff, const char *path, char *err, size_t errlen);
/* Closes, checks for write errors, renames; on error removes the temporary. */
int fig_file_commit(fig_file *ff, char *err, size_t errlen);
void fig_file_abort(fig_file *ff);
/* Writes a message into ERR (if not NULL); returns -1. */
int fig_err(char *err, size_t errlen, const char *fmt, ...);

#endif
