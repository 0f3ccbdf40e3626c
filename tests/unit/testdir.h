/* testdir: what the tests that drive the real binary share: a private temporary
 * directory as their working directory (testdir_setup, testdir_teardown for cmocka's
 * group), shell commands, a script run by the binary (OPTLAB_BINARY; its errors in
 * err.txt), and a file read whole. */
#ifndef OPTLAB_TESTDIR_H
#define OPTLAB_TESTDIR_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char testdir[64];

/* The exit status of the command FMT, or -1. */
static inline int sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

#ifdef OPTLAB_BINARY
/* Writes SCRIPT to s.opl and runs it: the exit status. */
static inline int run_script(const char *script)
{
	FILE *f = fopen("s.opl", "w");
	if (!f)
		return -1;
	fputs(script, f);
	fclose(f);
	return sh("'%s' s.opl >/dev/null 2>err.txt", OPTLAB_BINARY);
}
#endif

/* The file at PATH, NUL-terminated (*n bytes before it), or NULL; the caller frees. */
static inline unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	*n = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	unsigned char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
	*n = buf ? fread(buf, 1, (size_t)len, f) : 0;
	if (buf)
		buf[*n] = 0;
	fclose(f);
	return buf;
}

static inline int testdir_setup(void **state)
{
	(void)state;
	snprintf(testdir, sizeof testdir, "/tmp/optlab-test-XXXXXX");
	if (!mkdtemp(testdir) || chdir(testdir) != 0)
		return -1;
	return 0;
}

static inline int testdir_teardown(void **state)
{
	(void)state;
	if (chdir("/") != 0)
		return -1;
	return sh("rm -rf '%s'", testdir);
}

#endif
