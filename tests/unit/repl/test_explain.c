/* test_explain: `explain` speaks of every family in its own terms: each family of
 * the catalogue has an entry (what the move holds beyond -step * g, what its probe
 * points are), and on runs of a few families the words are the family's own: a
 * simplex's operation by name, a population's move not split by the gradient, a
 * move of zero not called a gradient step, momentum named as such. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain_terms.h"
#include "optlab.h"
#include "sess.h"

static void test_every_family(void **st)
{
	(void)st;
	int n;
	const meth *const *cat = meth_catalog(&n);
	for (int i = 0; i < n; i++)
		if (!explain_terms_find(cat[i]->family))
			fail_msg("explain has no words for the family %s (repl/commands/explain_terms.c)",
			         cat[i]->family);
}

/* The output of SCRIPT in a fresh session (a new string). */
static char *run_text(const char *script)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	sess s;
	sess_init(&s, f, f, 0);
	assert_int_equal(sess_run_text(&s, script, "t"), 0);
	sess_free(&s);
	fclose(f);
	return out;
}

static void test_own_terms(void **st)
{
	(void)st;
	char *out = run_text("problem q = quadratic(n = 2, cond = 10)\n"
	                     "run nm = neldermead on q\nstep nm 5\nexplain nm\n"
	                     "run ce = cmaes on q seed 1\nstep ce 5\nexplain ce\n"
	                     "run hb = heavyball(step = 0.05) on q\nstep hb 5\nexplain hb\n");
	/* Nelder-Mead's fifth step contracts outside without moving its best vertex */
	assert_non_null(strstr(out, "op = 2 (contracted outside)"));
	assert_non_null(strstr(out, "no move of the iterate"));
	assert_null(strstr(out, "a plain gradient step of size 0.25"));
	assert_non_null(strstr(out, "probe points (the simplex's vertices)"));
	assert_non_null(strstr(out, "not a gradient step: the population's selection"));
	assert_non_null(strstr(out, "probe points (the population's members)"));
	assert_non_null(strstr(out, "+ the rest (|.| = "));
	assert_non_null(strstr(out, "): momentum or extrapolation"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_family),
	    cmocka_unit_test(test_own_terms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
