/* Fault injection: every allocation optlab makes along a script fails in turn.
 *
 * This executable is linked with --wrap=malloc,calloc,realloc,strdup,strndup
 * (tests/CMakeLists.txt), so every call from optlab's own static libraries lands
 * in the __wrap_ functions below; shared libraries (cairo, libpng, glibc) keep
 * theirs. For each script a child process first counts the allocations N of a
 * clean run; then, for k = 1..N (every stride-th k when N is large), a fresh
 * child runs the script in a fresh session with only the k-th allocation
 * failing. It must not crash, and must either succeed or report an error. In the
 * sanitizer build LeakSanitizer checks each child at its exit: a leak on the
 * failure path makes the child exit with LSan's status, and the test fails. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fig.h"
#include "sess.h"

/* ---------------------------------------------------------------- the wrappers */

void *__real_malloc(size_t n);
void *__real_calloc(size_t m, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t m, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* The allocation count and the one to fail (0: none). Test state of this
 * executable only: each child process has its own copy. */
static long fault_count, fault_at;

/* 1 when this allocation is the one to fail. */
static int fault_hit(void)
{
	return ++fault_count == fault_at;
}

void *__wrap_malloc(size_t n)
{
	return fault_hit() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t m, size_t n)
{
	return fault_hit() ? NULL : __real_calloc(m, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fault_hit() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fault_hit() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fault_hit() ? NULL : __real_strndup(s, n);
}

/* ---------------------------------------------------------------- the scripts */

/* DIR is replaced by a temporary directory. */
static const struct {
	const char *name, *text;
} scripts[] = {
	{"define",
	 "let k = 3\n"
	 "problem q = (x - 1)^2 + k*(y + 2)^2\n"
	 "problem r = rosenbrock(n = 4)\n"
	 "problem big(x[20]) = sum(i = 1, 19, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)\n"
	 "problem h(x, y) = prod(i = 1, 2, 1 + x^2) + max(x, y) + exp(-y^2)\n"
	 "problem l = (x - 2)^2 + (y - 1)^2 + 0.5*norm1\n"
	 "problem c = (x - 2)^2 + (y - 1)^2 subject to x + y <= 1\n"
	 "problem g(x | y) = x*y + 0.1*x^2 - 0.1*y^2\n"
	 "eval q at (0, 0)\n"
	 "eval h at (1, 2)\n"
	 "show q\n"
	 "list\n"},
	{"runs",
	 "problem q = (x - 1)^2 + 10*(y + 2)^2\n"
	 "problem r = rosenbrock\n"
	 "solver hb = heavyball(step = 0.02, momentum = 0.5)\n"
	 "run a = hb on q from (0, 0) seed 7\n"
	 "run b = lbfgs on r from (-1.2, 1)\n"
	 "run c = neldermead on r\n"
	 "run d = newton on q from (3, 3)\n"
	 "step 5\n"
	 "step a 10\n"
	 "until b gnorm < 1e-6 max 200\n"
	 "until f < 1e-3 or iter >= 40\n"
	 "show a\n"
	 "show b last 3\n"
	 "show settings\n"
	 "delete d\n"},
	{"files",
	 "problem p = (x - 1)^2 + 4*(y + 0.5)^2\n"
	 "run a = gd(step = 0.1) on p from (2, 2)\n"
	 "run b = bfgs on p from (-1, 1)\n"
	 "step 15\n"
	 "save \"DIR/s.opl\"\n"
	 "export \"DIR/a.csv\" a\n"
	 "export \"DIR/f.png\" both size 320x240 title \"faults\"\n"
	 "render 60x20\n"
	 "reset\n"
	 "load \"DIR/s.opl\"\n"
	 "show a last 2\n"},
	{"methods",
	 "problem l = (x - 2)^2 + (y - 1)^2 + 0.5*norm1\n"
	 "problem c = (x - 2)^2 + (y - 1)^2 subject to x + y <= 1\n"
	 "problem g = bilinear\n"
	 "run f = fista on l from (0, 0)\n"
	 "run u = auglag on c from (0, 0)\n"
	 "run e = extragradient on g\n"
	 "step 20\n"
	 "describe lbfgs\n"
	 "methods\n"},
	{"redefine",
	 "let k = 3\n"
	 "problem p = (x - k)^2 + y^2\n"
	 "run a = gd(step = 0.1) on p from (1, 1)\n"
	 "step a 4\n"
	 "let k = 7\n"
	 "set worklimit 100000\n"
	 "step a 2\n"
	 "problem q = k*x^2 + y\n"
	 "delete k\n"
	 "problem k = x^2 + y^2\n"
	 "run b = gd on k from (1, 1)\n"
	 "step 3\n"
	 "set steplimit 5\n"
	 "set tracelimit 1\n"
	 "save \"DIR/r.opl\"\n"
	 "reset\n"
	 "load \"DIR/r.opl\"\n"
	 "eval p at (0, 0)\n"
	 "save \"DIR/r2.opl\"\n"},
	{"data",
	 "problem p = (x - 1)^2 + 4*(y + 0.5)^2\n"
	 "run a = gd(step = 0.1) on p from (2, 2)\n"
	 "step 6\n"
	 "export \"DIR/a.csv\" a\n"
	 "problem d = leastsq(csv = \"DIR/a.csv\", lambda = 0.1)\n"
	 "problem g = logreg(csv = \"DIR/a.csv\", label = 7)\n"
	 "problem z = lasso(csv = \"DIR/a.csv\", label = 2)\n"
	 "problem k = softmax(csv = \"DIR/a.csv\", label = 1)\n"
	 "problem s = sparsecoding(m = 8, d = 12, k = 2)\n"
	 "problem b = (x - 2)^2 + (y - 1)^2 + 0.5*norm1 over box(-1, 1)\n"
	 "problem m = (x - 2)^2 + (y - 1)^2 + 0.5*mcp(2) over simplex\n"},
};
enum { NSCRIPTS = sizeof scripts / sizeof scripts[0] };

/* The most children per script; larger counts are strided (and the stride printed). Under
 * AddressSanitizer a child costs tens of milliseconds: the plain build fails every
 * allocation, the sanitizer build every few (a suite that fits CI's time). */
#ifdef __SANITIZE_ADDRESS__
#define FAULT_MAX_CHILDREN 250
#else
#define FAULT_MAX_CHILDREN 1500
#endif

/* Child exit statuses. */
enum { CHILD_OK = 0, CHILD_ERROR = 3, CHILD_SILENT = 4, CHILD_WRONG = 5 };

/* Messages that blame the input: the scripts are valid, so a failed allocation must
 * never be reported as one of these. */
static const char *const input_blamed[] = {"term: the weight", "expected a set"};

static char tmpdir[] = "/tmp/optlab_faults_XXXXXX";

/* The script with DIR replaced (a static buffer). */
static const char *script_text(int i)
{
	static char buf[4096];
	const char *t = scripts[i].text;
	size_t o = 0;
	while (*t && o + 64 < sizeof buf) {
		if (strncmp(t, "DIR", 3) == 0) {
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", tmpdir);
			t += 3;
		} else {
			buf[o++] = *t++;
		}
	}
	buf[o] = '\0';
	return buf;
}

/* 1 when line reports an error with a message that says something: printable,
 * not empty, not the fallback for handlers that failed without one. */
static int message_ok(const char *line)
{
	const char *m = strstr(line, "error: ");
	if (!m)
		return 0;
	m += strlen("error: ");
	if (*m == '\n' || *m == '\0' || strncmp(m, "command failed", 14) == 0)
		return 0;
	for (; *m && *m != '\n'; m++)
		if ((unsigned char)*m < 0x20 || (unsigned char)*m >= 0x7f)
			return 0;
	return 1;
}

/* Runs the script in a fresh session with allocation k failing (0: none), in
 * this process; returns a child status, and the allocations counted in *count. */
static int run_script(int i, long k, long *count)
{
	const char *text = script_text(i);
	FILE *out = fopen("/dev/null", "w"), *err = tmpfile();
	if (!out || !err)
		return 99;
	fault_count = 0;
	fault_at = k;
	sess s;
	sess_init(&s, out, err, 0);
	int rc = sess_run_text(&s, text, scripts[i].name);
	sess_free(&s);
	*count = fault_count;
	fault_at = 0;
	/* the first line of the report: SOURCE:LINE:COL: error: MESSAGE */
	char line[600] = "";
	rewind(err);
	if (!fgets(line, sizeof line, err))
		line[0] = '\0';
	if (rc != 0 && getenv("FAULTS_VERBOSE"))
		fprintf(stderr, "  k=%ld: %s", k, line);
	fclose(out);
	fclose(err);
	fig_release_static();
	for (size_t j = 0; rc != 0 && j < sizeof input_blamed / sizeof *input_blamed; j++)
		if (strstr(line, input_blamed[j]))
			return CHILD_WRONG;
	return rc == 0 ? CHILD_OK : message_ok(line) ? CHILD_ERROR : CHILD_SILENT;
}

/* Forks a child that runs the script with allocation k failing; returns its
 * wait status. With k = 0 the child writes its allocation count to fd. */
static int child(int i, long k, int fd)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* a crash must kill the child, not unwind into cmocka's copy of the tests */
		int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS};
		for (size_t j = 0; j < sizeof sigs / sizeof sigs[0]; j++)
			signal(sigs[j], SIG_DFL);
		long count = 0;
		int st = run_script(i, k, &count);
		if (fd >= 0 && write(fd, &count, sizeof count) != (ssize_t)sizeof count)
			st = 98;
		exit(st); /* exit, not _exit: LeakSanitizer checks here */
	}
	int status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

static long clean_count(int i)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	int st = child(i, 0, fds[1]);
	close(fds[1]);
	long n = 0;
	ssize_t got = read(fds[0], &n, sizeof n);
	close(fds[0]);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != CHILD_OK)
		fail_msg("script %s fails without faults (status %#x)", scripts[i].name, st);
	assert_int_equal(got, sizeof n);
	return n;
}

static void test_wrappers_count(void **state)
{
	(void)state;
	/* the wrappers must see optlab's allocations, or every other test proves nothing */
	long n = clean_count(0);
	assert_true(n > 100);
	/* and a failed allocation reaches the code: the first one fails this script */
	int st = child(0, 1, -1);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), CHILD_ERROR);
#ifdef __SANITIZE_ADDRESS__
	/* and LeakSanitizer sees a leak in a child, or the leak checks prove nothing */
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		void *volatile leak = malloc(64);
		*(char *)leak = 1;
		leak = NULL; /* nothing points to the block now */
		exit(leak == NULL ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	/* a failing exit status, or an abort where ASAN_OPTIONS has abort_on_error (CI) */
	assert_true(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != 0));
	printf("# LeakSanitizer checks every child\n");
#endif
}

static void test_script_faults(void **state)
{
	int i = (int)(intptr_t)*state;
	long n = clean_count(i);
	long stride = n / FAULT_MAX_CHILDREN + 1, bad = 0, errors = 0, ok = 0;
	printf("# %s: %ld allocations, failing every %s%ld\n", scripts[i].name, n,
	       stride > 1 ? "stride-th k, stride " : "k of 1..", stride > 1 ? stride : n);
	for (long k = 1; k <= n; k += stride) {
		int st = child(i, k, -1);
		if (WIFEXITED(st) && WEXITSTATUS(st) == CHILD_OK) {
			ok++;
		} else if (WIFEXITED(st) && WEXITSTATUS(st) == CHILD_ERROR) {
			errors++;
		} else {
			bad++;
			if (WIFSIGNALED(st))
				printf("# %s k=%ld: killed by signal %d\n", scripts[i].name, k,
				       WTERMSIG(st));
			else
				printf("# %s k=%ld: exit status %d (%s)\n", scripts[i].name, k,
				       WEXITSTATUS(st),
				       WEXITSTATUS(st) == CHILD_SILENT  ? "failed without a clear message"
				       : WEXITSTATUS(st) == CHILD_WRONG ? "blamed the input for memory"
				                                        : "sanitizer report above");
		}
	}
	printf("# %s: %ld errors reported, %ld succeeded, %ld bad\n", scripts[i].name, errors,
	       ok, bad);
	assert_int_equal(bad, 0);
	assert_true(errors > 0);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	struct CMUnitTest tests[NSCRIPTS + 1] = {
		cmocka_unit_test(test_wrappers_count),
	};
	for (int i = 0; i < NSCRIPTS; i++) {
		tests[i + 1] = (struct CMUnitTest)cmocka_unit_test_prestate(
			test_script_faults, (void *)(intptr_t)i);
		tests[i + 1].name = scripts[i].name;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
