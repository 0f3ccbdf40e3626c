/* afile: files written atomically: to a temporary beside the target, then
 * renamed over it, so that a failed write leaves no partial file. A target
 * that exists and is not a regular file (/dev/stdout, a pipe, /dev/full) is
 * written in place: renaming over a device would replace it.
 * Ownership: afile_commit or afile_abort releases what afile_open took. */
#ifndef OPTLAB_AFILE_H
#define OPTLAB_AFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct afile {
	FILE *f;
	char *path, *tmp; /* tmp NULL: written in place */
} afile;

/* Opens the temporary; -1 and a message in err on failure. */
int afile_open(afile *a, const char *path, char *err, size_t cap);
/* Flushes, closes and renames (or removes the temporary on any error). */
int afile_commit(afile *a, char *err, size_t cap);
/* Removes the temporary (after a failed write). */
void afile_abort(afile *a);
/* Removes every temporary still being written: async-signal-safe, for a
 * handler of a signal that ends the program. */
void afile_unlink_pending(void);

#endif
