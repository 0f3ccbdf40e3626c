/* csv_names: coordinates named after a header's feature columns, the fallbacks to the
 * default xK (empty, too long, no identifier, duplicated, clashing with a default in
 * use), softmax's FEATURE_CLASS, and the names where a session shows them: `show` and
 * the exported trace's header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv.h"
#include "problib.h"
#include "sess.h"

/* The problem kind (leastsq or softmax) on text with the label in column label
 * (0-based), its coordinates named; their names joined by spaces into out. */
static void names_of(const char *kind, const char *text, int label, char *out, size_t cap)
{
	char err[300];
	csv *t = csv_parse(text, strlen(text), "data.csv", err, sizeof err);
	assert_non_null(t);
	enum ds_kind k = strcmp(kind, "softmax") == 0 ? DS_SOFTMAX : DS_LINEAR;
	ds *s = csv_dataset(t, k, label, "data.csv", err, sizeof err);
	assert_non_null(s);
	prob *p = problib_on_data(kind, s, 0.1, "test", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(csv_name_coords(p, t, label), 0);
	if (!t->names)
		assert_null(p->names); /* nothing to name: the defaults, as before */
	csv_free(t);
	out[0] = 0;
	for (int i = 0; i < p->n; i++) {
		char buf[64];
		prob_coord_name(p, i, buf, sizeof buf);
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", i ? " " : "", buf);
	}
	prob_free(p);
}

static void test_names(void **state)
{
	(void)state;
	static const struct {
		const char *kind, *text;
		int label;
		const char *names;
	} cases[] = {
	    /* trimmed and unquoted */
	    {"leastsq", " age , income ,\"weight\",y\n1,2,3,4\n", 3, "age income weight"},
	    /* the label in the middle: the other columns in their order */
	    {"leastsq", "age,y,_w9\n1,2,3\n", 1, "age _w9"},
	    /* no header: the defaults */
	    {"leastsq", "1,2,3\n", 2, "x1 x2"},
	    /* both age columns, an empty cell, no identifiers; x1 names the first
	     * coordinate's default, which it keeps; x2 stays since income keeps its own */
	    {"leastsq", "age,income,age,,2bad,a-b,x1,x2,y\n1,0,0,0,0,0,0,0,1\n", 8,
	     "x1 income x3 x4 x5 x6 x7 x2"},
	    /* a chain: # keeps x3, so the x3 column keeps x2, so the x2 column keeps x1 */
	    {"leastsq", "x2,x3,#,y\n1,2,3,4\n", 3, "x1 x2 x3"},
	    /* x0 and x01 are nobody's default */
	    {"leastsq", "x0,x01,y\n1,2,3\n", 2, "x0 x01"},
	    /* bytes beyond ASCII are no identifier, whatever the locale */
	    {"leastsq", "\xc3\xa9t\xc3\xa9,b c,y\n1,2,3\n", 2, "x1 x2"},
	    /* 32 characters are kept, 33 are not */
	    {"leastsq",
	     "abcdefghijklmnopqrstuvwxyz012345,abcdefghijklmnopqrstuvwxyz0123456,y\n1,2,3\n", 2,
	     "abcdefghijklmnopqrstuvwxyz012345 x2"},
	    /* softmax: X row by row, FEATURE_CLASS; a fallback is the flat default */
	    {"softmax", "a,b,class\n1,0,0\n0,1,2\n", 2, "a_0 b_0 a_1 b_1 a_2 b_2"},
	    {"softmax", "u,class,1v\n1,1,0\n0,0,1\n", 1, "u_0 x2 u_1 x4"},
	    {"softmax", "a,a,class\n1,0,0\n0,1,1\n", 2, "x1 x2 x3 x4"},
	};
	char got[512];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		names_of(cases[i].kind, cases[i].text, cases[i].label, got, sizeof got);
		assert_string_equal(got, cases[i].names);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = calloc(1, 1 << 16);
	assert_non_null(buf);
	size_t got = fread(buf, 1, (1 << 16) - 1, f);
	buf[got] = 0;
	fclose(f);
	return buf;
}

/* A session shows the names and writes them into the exported trace's header. */
static void test_session(void **state)
{
	(void)state;
	char dir[] = "/tmp/optlab_csvnames_XXXXXX", path[128], script[1024];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/d.csv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("age, income ,y\n1,0,1\n0,1,2\n1,1,4\n", f);
	fclose(f);
	snprintf(script, sizeof script,
	         "problem p = leastsq(csv = \"%s/d.csv\", lambda = 0.1)\n"
	         "show p\n"
	         "run a = gd(step = 0.5) on p\n"
	         "step a 2\n"
	         "export \"%s/t.csv\" a\n",
	         dir, dir);
	char *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	sess s;
	sess_init(&s, o, o, 0);
	assert_int_equal(sess_run_text(&s, script, "test"), 0);
	sess_free(&s);
	fclose(o);
	assert_non_null(strstr(out, "\n  variables  age income\n"));
	free(out);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	char *header = slurp(path);
	unlink(path);
	snprintf(path, sizeof path, "%s/d.csv", dir);
	unlink(path);
	rmdir(dir);
	*strchr(header, '\n') = 0; /* the variables close the header, after the method's own */
	assert_int_equal(strncmp(header, "iter,f,gnorm,", 13), 0);
	size_t n = strlen(header);
	assert_true(n > 11 && strcmp(header + n - 11, ",age,income") == 0);
	free(header);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_session),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
