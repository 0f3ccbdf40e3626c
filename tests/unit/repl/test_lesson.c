/* test_lesson: every built-in lesson runs start to end as a script (no pauses,
 * each question answered from the runs) in a fresh directory, answers every
 * question and writes its figure; the markup's errors name their line; and a
 * student's session is replayed: a wrong answer then the right one, two wrong
 * ones (the runs' answer shown), back, and quit at a pause. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "lesson.h"
#include "sess.h"

#define MIN_LESSONS 11

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)len + 1);
	size_t n = fread(buf, 1, (size_t)len, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_builtins_scripted(void **st)
{
	(void)st;
	int n = 0;
	for (const lesson_builtin *b = lesson_builtins; b->name; b++, n++) {
		char dir[] = "/tmp/optlab_lesson_XXXXXX", cmd[1024], path[1100];
		assert_non_null(mkdtemp(dir));
		snprintf(cmd, sizeof cmd, "cd '%s' && '%s' -e 'lesson %s' >out.txt 2>err.txt", dir,
		         OPTLAB_BINARY, b->name);
		int rc = system(cmd);
		snprintf(path, sizeof path, "%s/out.txt", dir);
		char *out = slurp(path);
		snprintf(path, sizeof path, "%s/err.txt", dir);
		char *err = slurp(path);
		assert_non_null(out);
		assert_non_null(err);
		if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
			fail_msg("lesson %s failed: %s", b->name, err);
		/* as many scripted answers as questions, and the end reached */
		int questions = count(b->text, "\n? ") - count(b->text, "\n? \n");
		assert_true(questions >= 1);
		if (count(out, "Right (scripted): ") != questions)
			fail_msg("lesson %s: %d questions, %d answered", b->name, questions,
			         count(out, "Right (scripted): "));
		assert_non_null(strstr(out, "== the end of "));
		snprintf(path, sizeof path, "%s/lesson_%s.png", dir, b->name);
		struct stat sb;
		if (stat(path, &sb) != 0 || sb.st_size < 1000)
			fail_msg("lesson %s wrote no figure %s", b->name, path);
		free(out);
		free(err);
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	if (n < MIN_LESSONS)
		fail_msg("only %d built-in lessons", n);
}

static void test_markup_errors(void **st)
{
	(void)st;
	static const struct {
		const char *text, *err;
	} cases[] = {
	    {"text first\n", "t:1: a lesson opens with its title: = TITLE"},
	    {"# only a comment\n", "t:1: a lesson opens with its title: = TITLE"},
	    {"= T\n? a question\ntext\n", "t:2: a question (?) needs its check (!) on the next line"},
	    {"= T\n! least iter: a = 1\n", "t:2: a check (!) follows its question (?)"},
	    {"= T\n> problem p = \\\ntext\n",
	     "t:3: a command continued with `\\` goes on in a line that starts with `>`"},
	    {"= T\n> step \\\n", "t:2: the last command is continued with `\\`"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char err[256] = "";
		lesson *ls = lesson_parse(cases[i].text, "t", err, sizeof err);
		assert_null(ls);
		assert_string_equal(err, cases[i].err);
	}
	char err[256];
	lesson *ls = lesson_parse("# c\n\n= Title  \n> problem p = x^2 + \\\n>   y^2\n---\n"
	                          "? Is it?\n? Really?\n! yes if a gnorm < 1\n",
	                          "t", err, sizeof err);
	assert_non_null(ls);
	assert_string_equal(lesson_title(ls), "Title");
	lesson_free(ls);
}

/* The student's lines, one per call. */
typedef struct feed {
	const char *const *lines;
	int next;
} feed;

static char *from_feed(void *ctx, const char *prompt)
{
	feed *f = ctx;
	(void)prompt;
	const char *l = f->lines[f->next];
	if (!l)
		return NULL;
	f->next++;
	return strdup(l);
}

static const char *const student_lesson =
    "= Steps\n"
    "> problem q = quadratic(n = 2, cond = 10)\n"
    "> run a = gd(step = 0.05, linesearch = none) on q from (1, 1)\n"
    "> run b = gd(step = 0.18, linesearch = none) on q from (1, 1)\n"
    "> step 30\n"
    "? Which is closer: 0.05 or 0.18?\n"
    "! least gap: a = 0.05, b = 0.18\n"
    "---\n"
    "? How many steps did a take?\n"
    "! value a iter within 0.01\n"
    "---\n"
    "? Does a reach f - f* < 1e-20?\n"
    "! yes if a f - fstar < 1e-20\n"
    "---\n"
    "never shown\n";

/* Plays TEXT in a fresh session fed LINES (NULL: scripted); its output. */
static char *play_text(const char *text, const char *const *lines, int *rc)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	sess s;
	sess_init(&s, f, f, 0);
	char err[256];
	lesson *ls = lesson_parse(text, "steps", err, sizeof err);
	assert_non_null(ls);
	feed fd = {lines, 0};
	*rc = lesson_play(&s, ls, lines ? from_feed : NULL, &fd);
	lesson_free(ls);
	sess_free(&s);
	fclose(f);
	return out;
}

static char *play(const char *const *lines, int *rc)
{
	return play_text(student_lesson, lines, rc);
}

static void test_student(void **st)
{
	(void)st;
	int rc;
	/* wrong then right; back at the first pause (page 1 again, not rerun); 31 and 29
	   wrong: the runs' answer; `no` right; quit at the last pause */
	const char *const lines[] = {"0.05", " 0.180 ", "back", "", "31", "29", "", "N", "quit",
	                             NULL};
	char *out = play(lines, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "Not quite; look at the numbers above and try again.\n"
	                            "  Right: 0.05: gap = "));
	assert_non_null(strstr(out, "optlab> step 30   (ran)"));
	assert_non_null(strstr(out, "? Which is closer: 0.05 or 0.18?   (answered)"));
	assert_non_null(strstr(out, "The runs say 30: run a has iter = 30."));
	assert_non_null(strstr(out, "Right: run a has f - fstar = "));
	assert_non_null(strstr(out, "(lesson left; the workspace keeps its runs)"));
	assert_null(strstr(out, "never shown"));
	assert_int_equal(count(out, "a: iter 30,"), 1); /* step 30 ran once */
	free(out);
	/* the end of input quits, at a question as at a pause */
	const char *const none[] = {NULL};
	out = play(none, &rc);
	assert_int_equal(rc, 0);
	assert_null(strstr(out, "How many steps"));
	free(out);
}

/* A check that cannot be measured stops the lesson with its line. */
static void test_bad_check(void **st)
{
	(void)st;
	int rc;
	char *out = play_text("= T\n? Which?\n! least speed: a = 1\n", NULL, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "steps:3: error: no run 'a'"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markup_errors),
	    cmocka_unit_test(test_student),
	    cmocka_unit_test(test_bad_check),
	    cmocka_unit_test(test_builtins_scripted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
