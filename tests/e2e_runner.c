/* End-to-end script tests: e2e_runner OPTLAB DIR.
 * Every DIR/NAME.opl runs as `OPTLAB NAME.opl` in a fresh temporary directory
 * (so files it writes go nowhere else), with its data files DIR/NAME.*.csv, and
 * its stdout, stderr and exit status must equal DIR/NAME.out, DIR/NAME.err and
 * DIR/NAME.status (missing files mean empty output and status 0). Set E2E_UPDATE=1 to rewrite expectations. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

static const char *optlab_bin;
static const char *script_dir;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *path_join(const char *dir, const char *name, const char *ext)
{
	size_t n = strlen(dir) + strlen(name) + strlen(ext) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s%s", dir, name, ext);
	return p;
}

/* Compares one stream with its expectation, or rewrites it under E2E_UPDATE. */
static int check_stream(const char *name, const char *ext, const char *got)
{
	char *path = path_join(script_dir, name, ext);
	char *want = slurp(path);
	int ok = strcmp(want ? want : "", got) == 0;
	if (!ok && getenv("E2E_UPDATE")) {
		if (*got)
			spit(path, got);
		else
			remove(path);
		ok = 1;
	} else if (!ok) {
		print_error("%s%s differs.\n--- expected\n%s--- got\n%s---\n", name, ext,
		            want ? want : "", got);
	}
	free(want);
	free(path);
	return ok;
}

static void run_script(void **state)
{
	const char *name = *state;
	char tmpl[] = "/tmp/optlab-e2e-XXXXXX";
	char *tmp = mkdtemp(tmpl);
	assert_non_null(tmp);

	char *src = path_join(script_dir, name, ".opl");
	char *dst = path_join(tmp, name, ".opl");
	char *text = slurp(src);
	assert_non_null(text);
	spit(dst, text);
	free(text);

	size_t n = strlen(tmp) * 3 + strlen(optlab_bin) + strlen(name) * 2 + strlen(script_dir) +
	           128;
	char *cmd = malloc(n);
	/* the script's data files, DIR/NAME.*.csv, go along with it */
	snprintf(cmd, n,
	         "cp '%s/%s'.*.csv '%s/' 2>/dev/null; "
	         "cd '%s' && '%s' '%s.opl' >.stdout 2>.stderr </dev/null",
	         script_dir, name, tmp, tmp, optlab_bin, name);
	int rc = system(cmd);
	int status = WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);

	char *out_path = path_join(tmp, ".stdout", "");
	char *err_path = path_join(tmp, ".stderr", "");
	char *out = slurp(out_path);
	char *err = slurp(err_path);
	char status_text[32];
	snprintf(status_text, sizeof status_text, "%d\n", status);

	int ok = check_stream(name, ".out", out ? out : "");
	ok &= check_stream(name, ".err", err ? err : "");
	ok &= check_stream(name, ".status", status == 0 ? "" : status_text);

	snprintf(cmd, n, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		print_error("could not remove %s\n", tmp);
	free(out);
	free(err);
	free(out_path);
	free(err_path);
	free(cmd);
	free(src);
	free(dst);
	assert_true(ok);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: e2e_runner OPTLAB DIR\n");
		return 2;
	}
	optlab_bin = realpath(argv[1], NULL); /* the scripts run in other directories */
	if (!optlab_bin) {
		fprintf(stderr, "e2e_runner: no such binary %s\n", argv[1]);
		return 2;
	}
	script_dir = argv[2];
	DIR *d = opendir(script_dir);
	if (!d) {
		fprintf(stderr, "e2e_runner: cannot open %s\n", script_dir);
		return 2;
	}
	size_t count = 0, cap = 64;
	char **names = malloc(cap * sizeof *names);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".opl") == 0) {
			if (count == cap)
				names = realloc(names, (cap *= 2) * sizeof *names);
			names[count++] = strndup(e->d_name, len - 4);
		}
	}
	closedir(d);
	qsort(names, count, sizeof *names, by_name);

	struct CMUnitTest *tests = calloc(count ? count : 1, sizeof *tests);
	for (size_t i = 0; i < count; i++) {
		tests[i].name = names[i];
		tests[i].test_func = run_script;
		tests[i].initial_state = names[i];
	}
	int failed = _cmocka_run_group_tests("e2e", tests, count, NULL, NULL);
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(tests);
	free((char *)optlab_bin);
	return failed ? 1 : 0;
}
