/* afile: files written atomically: to a temporary beside the target, then
 * renamed over it, so that a failed write leaves no partial file. */
#ifndef OPTLAB_AFILE_H
#define OPTLAB_AFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct afile {
	FILE *f;
	char *path, *tmp;
} afile;

/* Opens the temporary; -1 and a message in err on failure. */
int afile_open(afile *a, const char *path, char *err, size_t cap);
/* Flushes, closes and renames (or removes the temporary on any error). */
int afile_commit(afile *a, char *err, size_t cap);
/* Removes the temporary (after a failed write). */
void afile_abort(afile *a);

#endif
