/* save then load in a fresh session rebuilds the workspace whatever was
 * redefined: constants redefined after the problems that used them, names
 * deleted and taken by another kind, limits lowered or raised after runs were
 * stepped. Each case compares what both sessions print for the same probes
 * (values at %.17g, iterates, iteration counts), and a second save of the
 * rebuilt workspace must be the first one, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sess.h"

static const struct {
	const char *name, *script, *probes;
} cases[] = {
	{"let redefined",
	 "let k = 3\nproblem p = (x - k)^2\nlet k = 7\n",
	 "eval p at (1)\nlist\nlet z = k\nshow z\n"},
	{"let redefined under runs",
	 "let k = 3\nproblem p = (x - k)^2 + y^2\nrun a = gd(step = 0.1) on p from (0, 1)\n"
	 "step a 3\nlet k = -2\nproblem p = k*x^2 + y^2\nrun b = gd(step = 0.1) on p from (1, 1)\n"
	 "step 2\nlet k = 5\n",
	 "set precision 17\nstep 0\neval p at (1, 2)\nlist\n"},
	{"a constant deleted, its name taken",
	 "let k = 1\nproblem q = k*x^2 + y^2\nrun a = gd on q from (1, 1)\ndelete k\n"
	 "problem k = (x - 3)^2 + y^2\nrun b = gd(step = 0.2) on k from (0, 0)\nstep 4\nlet j = 2\n",
	 "eval q at (1, 1)\neval k at (0, 0)\nset precision 17\nstep 0\nlist\n"},
	{"a problem name reused by a run",
	 "problem a = x^2 + 2*y^2\nrun r = gd on a from (1, 1)\nstep r 3\ndelete a\n"
	 "problem b = x^2\nrun a = gd on b from (2)\nstep a 1\n",
	 "list\nset precision 17\nstep 0\n"},
	{"a constant used before it existed",
	 "problem p = (x - k)^2\nlet k = 4\nproblem q = (x - k)^2\n",
	 "eval p at (1, 2)\neval q at (1)\n"},
	{"limits lowered after the steps",
	 "problem q = sum(i = 1, 40, (x - i)^2) + (y - 2)^2\n"
	 "run a = gd(step = 0.001) on q from (0, 0)\nstep a 12\nset worklimit 1000\nstep a 3\n"
	 "set steplimit 5\nset tracelimit 0.0001\n",
	 "set precision 17\nstep 0\nlist\nshow settings\n"},
	{"a step under a lowered worklimit",
	 "problem q = sum(i = 1, 400, (x - i/100)^2) + y^2\n"
	 "run a = gd(step = 0.001) on q from (0, 0)\nstep a 2\nset worklimit 1000\nstep a 1\n"
	 "unset worklimit\nrun b = gd(step = 0.001) on q from (0, 0)\nstep b 3\n",
	 "set precision 17\nstep 0\nlist\nshow settings\n"},
};

/* Runs text in s; its output as a string (the caller frees). */
static char *run_capture(sess *s, const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	s->out = f;
	assert_int_equal(sess_run_text(s, text, "probe"), 0);
	fclose(f);
	s->out = NULL;
	return buf;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&buf, &cap, '\0', f);
	fclose(f);
	assert_true(n >= 0);
	return buf;
}

static void test_case(void **state)
{
	int i = (int)(intptr_t)*state;
	char dir[] = "/tmp/optlab-redef-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char one_path[256], two_path[256], cmd[600];
	snprintf(one_path, sizeof one_path, "%s/one.opl", dir);
	snprintf(two_path, sizeof two_path, "%s/two.opl", dir);

	sess one, two;
	sess_init(&one, NULL, stderr, 0);
	sess_init(&two, NULL, stderr, 0);
	free(run_capture(&one, cases[i].script));
	snprintf(cmd, sizeof cmd, "save \"%s\"", one_path);
	free(run_capture(&one, cmd));
	snprintf(cmd, sizeof cmd, "load \"%s\"\nsave \"%s\"", one_path, two_path);
	free(run_capture(&two, cmd));

	char *a = run_capture(&one, cases[i].probes), *b = run_capture(&two, cases[i].probes);
	if (strcmp(a, b) != 0)
		printf("# %s\n--- made\n%s--- loaded\n%s--- saved\n%s", cases[i].name, a, b,
		       slurp(one_path));
	assert_string_equal(a, b);
	char *sa = slurp(one_path), *sb = slurp(two_path);
	assert_string_equal(sa, sb);
	free(a);
	free(b);
	free(sa);
	free(sb);
	sess_free(&one);
	sess_free(&two);
	unlink(one_path);
	unlink(two_path);
	rmdir(dir);
}

int main(void)
{
	enum { N = sizeof cases / sizeof cases[0] };
	struct CMUnitTest tests[N];
	for (int i = 0; i < N; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(test_case, (void *)(intptr_t)i);
		tests[i].name = cases[i].name;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
