/* afile: write aside, then rename. */
#include "afile.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporaries being written, for a signal handler to remove: a fixed table
 * of fixed buffers, as a handler may only read memory and call unlink. */
#define PENDING_MAX 4
static char pending[PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t pending_used[PENDING_MAX];

static void pending_add(const char *tmp)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (!pending_used[i] && strlen(tmp) < PATH_MAX) {
			memcpy(pending[i], tmp, strlen(tmp) + 1);
			pending_used[i] = 1;
			return;
		}
}

static void pending_drop(const char *tmp)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (pending_used[i] && strcmp(pending[i], tmp) == 0) {
			pending_used[i] = 0;
			return;
		}
}

void afile_unlink_pending(void)
{
	for (int i = 0; i < PENDING_MAX; i++)
		if (pending_used[i]) {
			unlink(pending[i]);
			pending_used[i] = 0;
		}
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

/* PATH.tmpXXXXXX beside the target; a long last component is cut so that the
 * temporary's stays within NAME_MAX (a name of 250 bytes is a valid target). */
static char *temp_name(const char *path)
{
	static const char suffix[] = ".tmpXXXXXX";
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0, base = strlen(path) - dir;
	size_t keep = base + sizeof suffix - 1 > NAME_MAX ? NAME_MAX - (sizeof suffix - 1) : base;
	char *t = malloc(dir + keep + sizeof suffix);
	if (t)
		snprintf(t, dir + keep + sizeof suffix, "%.*s%s", (int)(dir + keep), path, suffix);
	return t;
}

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
	a->tmp = temp_name(path);
	a->path = strdup(path);
	if (!a->tmp || !a->path) {
		afile_abort(a);
		snprintf(err, cap, "out of memory");
		return -1;
	}
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		snprintf(err, cap, "cannot write '%s': %s", path, strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		afile_abort(a);
		return -1;
	}
	/* the file keeps its mode when written over; a new one gets what open(2)
	 * would give it (0666 less the umask), not mkstemp's 0600 */
	fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~current_umask());
	pending_add(a->tmp);
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
	if (a->tmp && !bad) /* once renamed: a signal now must not touch the name */
		pending_drop(a->tmp);
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
	if (a->tmp) {
		unlink(a->tmp);
		pending_drop(a->tmp);
	}
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof a[0]);
}
