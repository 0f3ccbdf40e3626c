/* meth: the catalogue's integrity (every entry findable, well formed, its defaults
 * accepted by its own table) and its order by family. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"

static void test_entries(void **state)
{
	int count;
	const meth *const *cat = meth_catalog(&count);
	assert_true(count >= 3);
	for (int i = 0; i < count; i++) {
		const meth *m = cat[i];
		assert_ptr_equal(meth_find(m->name), m);
		assert_true(m->family && m->family[0] && m->summary && m->summary[0]);
		assert_true(m->reference && m->reference[0]);
		assert_true(m->init && m->step);
		assert_true(m->nparams >= 0 && m->nparams <= PARAM_MAX);
		for (int j = 0; j < m->nparams; j++) {
			const param_def *d = &m->params[j];
			char err[200];
			if (param_check(d, d->def, err, sizeof err))
				fail_msg("%s: default of %s: %s", m->name, d->name, err);
			assert_int_equal(param_find(m->params, m->nparams, d->name), j);
			assert_true(d->help && d->help[0]);
		}
		int k = 0;
		while (m->extra && m->extra[k])
			k++;
		assert_true(k <= METH_MAX_EXTRA);
		/* one family is listed in one block */
		for (int j = i + 2; j < count; j++)
			if (strcmp(cat[j]->family, m->family) == 0)
				assert_string_equal(cat[j - 1]->family, m->family);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(cat[j]->name, m->name);
	}
	assert_null(meth_find("nosuch"));
	assert_null(meth_find(NULL));
	assert_string_equal(meth_find("gd")->family, "gradient");
	assert_int_equal(meth_find("nesterov")->needs, PROB_VALUE | PROB_GRAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
