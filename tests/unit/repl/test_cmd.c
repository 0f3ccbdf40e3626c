/* The command table and completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmd.h"
#include "complete.h"
#include "sess.h"

static void test_table_is_whole(void **state)
{
	(void)state;
	int n;
	const cmd_def *t = cmd_table(&n);
	assert_true(n >= 20);
	for (int i = 0; i < n; i++) {
		assert_non_null(t[i].name);
		assert_non_null(t[i].usage);
		assert_non_null(t[i].summary);
		assert_non_null(t[i].run);
		/* usage starts with the name */
		assert_int_equal(strncmp(t[i].usage, t[i].name, strlen(t[i].name)), 0);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(t[i].name, t[j].name);
		assert_ptr_equal(cmd_find(t[i].name, (int)strlen(t[i].name)), &t[i]);
	}
	assert_null(cmd_find("nonsense", 8));
	assert_null(cmd_find("hel", 3));
}

/* The candidates at the end of line, joined by spaces. */
static void candidates(sess *s, const char *line, char *out, size_t cap)
{
	int in_string;
	char **c = cmpl_candidates(s, line, (int)strlen(line), &in_string);
	out[0] = '\0';
	for (char **p = c; p && *p; p++) {
		size_t have = strlen(out);
		snprintf(out + have, cap - have, "%s%s", have ? " " : "", *p);
	}
	cmpl_free(c);
}

static void test_completion(void **state)
{
	(void)state;
	sess s;
	FILE *out = fopen("/dev/null", "w");
	sess_init(&s, out, out, 0);
	char buf[1024];

	candidates(&s, "prob", buf, sizeof buf);
	assert_string_equal(buf, "problem problems");
	candidates(&s, "ste", buf, sizeof buf);
	assert_string_equal(buf, "step");
	candidates(&s, "solver s = nest", buf, sizeof buf);
	assert_string_equal(buf, "nesterov");
	candidates(&s, "solver s = heavyball(mom", buf, sizeof buf);
	assert_string_equal(buf, "momentum");
	candidates(&s, "solver s = gd(step = 0.1, line", buf, sizeof buf);
	assert_string_equal(buf, "linesearch");
	candidates(&s, "problem r = rosen", buf, sizeof buf);
	assert_string_equal(buf, "rosenbrock");

	assert_int_equal(sess_run_text(&s, "problem quad = x^2 + y^2\nproblem qq = x^4\n"
	                                   "run alpha = gd on quad\n",
	                               "test"),
	                 0);
	candidates(&s, "eval q", buf, sizeof buf);
	assert_string_equal(buf, "quad qq");
	candidates(&s, "run b = gd on q", buf, sizeof buf);
	assert_string_equal(buf, "quad qq");
	candidates(&s, "step al", buf, sizeof buf);
	assert_string_equal(buf, "alpha");
	candidates(&s, "help unt", buf, sizeof buf);
	assert_string_equal(buf, "until");
	candidates(&s, "step 3; sh", buf, sizeof buf);
	assert_string_equal(buf, "show");

	/* enumerated values after `PARAM =`, setting names */
	candidates(&s, "solver s = gd(step = 0.1, linesearch = ", buf, sizeof buf);
	assert_string_equal(buf, "none armijo wolfe exact polyak");
	candidates(&s, "solver s = sinkhorn(logdomain = y", buf, sizeof buf);
	assert_string_equal(buf, "yes");
	candidates(&s, "solver s = gd(step = ", buf, sizeof buf);
	assert_string_equal(buf, "");
	candidates(&s, "set prec", buf, sizeof buf);
	assert_string_equal(buf, "precision");
	candidates(&s, "unset gr", buf, sizeof buf);
	assert_string_equal(buf, "gridlimit");
	candidates(&s, "set precision ", buf, sizeof buf);
	assert_string_equal(buf, "");
	sess_free(&s);
	fclose(out);
}

/* Inside quotes: folders, and the files of the kinds the command reads. */
static void test_completion_files(void **state)
{
	(void)state;
	sess s;
	FILE *out = fopen("/dev/null", "w");
	sess_init(&s, out, out, 0);
	char dir[] = "/tmp/optlab-cmpl-XXXXXX", buf[1024], old[4096];
	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(old, sizeof old));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(mkdir("sub", 0700), 0);
	const char *files[] = {"a.opl", "b.png", "c.csv", "sub/d.opl", ".hidden.opl"};
	for (int i = 0; i < 5; i++)
		fclose(fopen(files[i], "w"));

	int in_string;
	char **c = cmpl_candidates(&s, "export \"fi", 10, &in_string);
	assert_true(in_string);
	assert_null(c);
	candidates(&s, "load \"", buf, sizeof buf);
	assert_string_equal(buf, "a.opl sub");
	candidates(&s, "load \"sub/", buf, sizeof buf);
	assert_string_equal(buf, "sub/d.opl");
	candidates(&s, "export \"", buf, sizeof buf);
	assert_string_equal(buf, "b.png c.csv sub");
	candidates(&s, "problem f = leastsq(csv = \"", buf, sizeof buf);
	assert_string_equal(buf, "c.csv sub");
	candidates(&s, "problem d = tv(\"", buf, sizeof buf);
	assert_string_equal(buf, "b.png sub");
	candidates(&s, "image compare r \"", buf, sizeof buf);
	assert_string_equal(buf, "b.png sub");
	candidates(&s, "load \".", buf, sizeof buf);
	assert_string_equal(buf, ".hidden.opl");

	for (int i = 4; i >= 0; i--)
		remove(files[i]);
	remove("sub");
	assert_int_equal(chdir(old), 0);
	remove(dir);
	sess_free(&s);
	fclose(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_whole),
		cmocka_unit_test(test_completion),
		cmocka_unit_test(test_completion_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
