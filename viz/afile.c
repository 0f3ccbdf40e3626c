/* afile: write aside, then rename. */
#include "afile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int afile_open(afile *a, const char *path, char *err, size_t cap)
{
	memset(a, 0, sizeof a[0]);
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		snprintf(err, cap, "cannot write '%s': it is a directory", path);
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		a->f = fopen(path, "w");
		a->path = strdup(path);
		if (!a->f || !a->path) {
			snprintf(err, cap, "cannot write '%s': %s", path, strerror(errno));
			afile_abort(a);
			return -1;
		}
		return 0;
	}
	size_t n = strlen(path) + 16;
	a->tmp = malloc(n);
	a->path = strdup(path);
	if (!a->tmp || !a->path) {
		afile_abort(a);
		snprintf(err, cap, "out of memory");
		return -1;
	}
	snprintf(a->tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		snprintf(err, cap, "cannot write '%s': %s", path, strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		afile_abort(a);
		return -1;
	}
	fchmod(fd, 0644);
	a->f = fdopen(fd, "w");
	if (!a->f) {
		close(fd);
		snprintf(err, cap, "cannot write '%s': %s", path, strerror(errno));
		afile_abort(a);
		return -1;
	}
	return 0;
}

int afile_commit(afile *a, char *err, size_t cap)
{
	int bad = ferror(a->f);
	if (fflush(a->f) != 0)
		bad = 1;
	int saved = errno;
	if (fclose(a->f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	a->f = NULL;
	if (!bad && a->tmp && rename(a->tmp, a->path) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		snprintf(err, cap, "cannot write '%s': %s", a->path, strerror(saved ? saved : EIO));
		afile_abort(a);
		return -1;
	}
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	return 0;
}

void afile_abort(afile *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof a[0]);
}
