/* test_campaign: a campaign of 3 methods x 5 problems x 3 seeds writes the same file
 * (the time column aside) on 1 and 2 threads; a file cut inside a row, or a campaign
 * stopped by Ctrl-C, resumes to that same file with no row repeated or lost. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sess.h"

#define DEF "lbfgs, cg, gd(step = 0.001) on mgh1, mgh5, mgh13, mgh7, rosenbrock(n = 4) " \
            "seeds 1..3 from random(0.1) until f - fstar < 1e-6 max 4000"
#define CASES 45

static char dir[64];

/* Ctrl-C as the signal handler gives it: the flag set while the command runs */
static void *ctrl_c(void *arg)
{
	nanosleep(&(struct timespec){0, 40000000}, NULL);
	((sess *)arg)->interrupted = 1;
	return NULL;
}

static int script(const char *cmd, int interrupted)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	sess s;
	sess_init(&s, f, f, 0);
	pthread_t t;
	if (interrupted)
		assert_int_equal(pthread_create(&t, NULL, ctrl_c, &s), 0);
	int rc = sess_run_text(&s, cmd, "t");
	if (interrupted)
		pthread_join(t, NULL);
	sess_free(&s);
	fclose(f);
	free(out);
	return rc;
}

/* The file's rows with the time column (11th) blanked; the definition line dropped. */
static char *rows(const char *path, int *count)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *text = NULL, line[2048];
	size_t len = 0;
	FILE *o = open_memstream(&text, &len);
	*count = 0;
	for (int k = 0; fgets(line, sizeof line, f); k++) {
		if (k == 0)
			continue;
		char *p = line;
		for (int c = 0; c < 10 && p; c++) {
			p = strchr(p, ',');
			p = p ? p + 1 : NULL;
		}
		char *q = p ? strchr(p, ',') : NULL;
		if (p && q && k > 1)
			fprintf(o, "%.*s%s", (int)(p - line), line, q);
		else
			fputs(line, o);
		*count += k > 1;
	}
	fclose(f);
	fclose(o);
	return text;
}

static void cmd(char *buf, size_t cap, const char *file, const char *tail)
{
	snprintf(buf, cap, "campaign c = " DEF " %s to \"%s/%s\"", tail, dir, file);
}

static void test_threads_same(void **st)
{
	(void)st;
	char c1[1024], c2[1024], p1[128], p2[128];
	cmd(c1, sizeof c1, "one.csv", "threads 1");
	cmd(c2, sizeof c2, "two.csv", "threads 2");
	assert_int_equal(script(c1, 0), 0);
	assert_int_equal(script(c2, 0), 0);
	snprintf(p1, sizeof p1, "%s/one.csv", dir);
	snprintf(p2, sizeof p2, "%s/two.csv", dir);
	int n1, n2;
	char *a = rows(p1, &n1), *b = rows(p2, &n2);
	assert_int_equal(n1, CASES);
	assert_int_equal(n2, CASES);
	assert_string_equal(a, b);
	/* case order: problem, seed, method */
	assert_non_null(strstr(a, "\nlbfgs,mgh1,1,2,"));
	assert_non_null(strstr(a, "\ncg,rosenbrock(n = 4),3,4,"));
	free(a);
	free(b);
}

/* A row cut by a kill inside its write: cut off and run again, nothing else. */
static void test_resume_torn(void **st)
{
	(void)st;
	char c[1024], full[128], part[128];
	cmd(c, sizeof c, "full.csv", "threads 2");
	assert_int_equal(script(c, 0), 0);
	snprintf(full, sizeof full, "%s/full.csv", dir);
	snprintf(part, sizeof part, "%s/part.csv", dir);
	FILE *in = fopen(full, "r"), *out = fopen(part, "w");
	char line[2048];
	for (int k = 0; k < 2 + 7 && fgets(line, sizeof line, in); k++)
		fputs(line, out);
	assert_non_null(fgets(line, sizeof line, in));
	fwrite(line, 1, strlen(line) / 2, out); /* half of row 8 */
	fclose(in);
	fclose(out);
	snprintf(c, sizeof c, "campaign c resume to \"%s\"", part);
	assert_int_equal(script(c, 0), 0);
	int n1, n2;
	char *a = rows(full, &n1), *b = rows(part, &n2);
	assert_int_equal(n2, CASES);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* Ctrl-C in the middle: a prefix of whole rows; resumed on another thread count, the
 * whole file. */
#define BIG "lbfgs, cg on mgh seeds 1..2 until f - fstar < 1e-6 max 4000"
static void test_interrupt_resume(void **st)
{
	(void)st;
	char c[1024], full[128], cut[128];
	snprintf(full, sizeof full, "%s/big.csv", dir);
	snprintf(cut, sizeof cut, "%s/cut.csv", dir);
	snprintf(c, sizeof c, "campaign c = " BIG " threads 2 to \"%s\"", full);
	assert_int_equal(script(c, 0), 0);
	snprintf(c, sizeof c, "campaign c = " BIG " threads 2 to \"%s\"", cut);
	int rc = script(c, 1), n;
	free(rows(cut, &n));
	print_message("interrupted after %d of 140 rows\n", n);
	assert_true(rc == -1 || n == 140); /* a batch reports the interrupt as its error */
	snprintf(c, sizeof c, "campaign c resume threads 1 to \"%s\"", cut);
	assert_int_equal(script(c, 0), 0);
	int n1, n2;
	char *a = rows(full, &n1), *b = rows(cut, &n2);
	assert_int_equal(n1, 140);
	assert_int_equal(n2, 140);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(script(c, 0), 0); /* complete: runs nothing, adds nothing */
	free(rows(cut, &n2));
	assert_int_equal(n2, 140);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/optlab_campaign_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threads_same),
	    cmocka_unit_test(test_resume_torn),
	    cmocka_unit_test(test_interrupt_resume),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char rm[128];
	snprintf(rm, sizeof rm, "rm -rf %s", dir);
	if (system(rm) != 0)
		rc = rc ? rc : 1;
	return rc;
}
