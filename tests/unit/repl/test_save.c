/* save then load in a fresh session rebuilds the same workspace: the traces
 * are equal bit for bit (the time column aside). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "save.h"
#include "sess.h"

static const char *const script =
	"set depthlimit 40\n"
	"set dimlimit 5000\n"
	"set linelimit 4000\n"
	"set gridlimit 90000\n"
	"let k = 10\n"
	"problem p = (x - 1)^2 + k*(y + 2)^2\n"
	"problem r = rosenbrock(n = 3)\n"
	"solver s = heavyball(step = 0.02, momentum = 0.5)\n"
	"run a = s on p from (0, 0)\n"
	"run b = nesterov(step = 1e-3) on r from default\n"
	"run c = cd(order = random) on p from (3, 3) seed 42\n"
	"step 37\n"
	"problem p = x^2\n" /* runs keep the problem they were made on */
	"run d = gd(step = 0.1) on p from (1)\n"
	"step d 5\n"
	"set dimlimit 2\n"; /* lowered after r (n = 3) was made: the file must still load */

static void assert_same_trace(const run *x, const run *y)
{
	const trace *a = run_trace(x), *b = run_trace(y);
	assert_int_equal(trace_len(a), trace_len(b));
	assert_int_equal(trace_nx(a), trace_nx(b));
	for (long i = 0; i < trace_len(a); i++) {
		const trace_row *ra = trace_row_at(a, i), *rb = trace_row_at(b, i);
		assert_memory_equal(&ra->f, &rb->f, sizeof ra->f);
		assert_memory_equal(&ra->gnorm, &rb->gnorm, sizeof ra->gnorm);
		assert_memory_equal(&ra->step, &rb->step, sizeof ra->step);
		assert_int_equal(ra->nf, rb->nf);
		assert_int_equal(ra->ng, rb->ng);
		assert_memory_equal(trace_x(a, i), trace_x(b, i), sizeof(double) * trace_nx(a));
	}
}

static void test_save_load(void **state)
{
	(void)state;
	char dir[] = "/tmp/optlab-save-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256], cmd[300];
	snprintf(path, sizeof path, "%s/ws.opl", dir);

	FILE *devnull = fopen("/dev/null", "w");
	sess one, two;
	sess_init(&one, devnull, stderr, 0);
	assert_int_equal(sess_run_text(&one, script, "script"), 0);
	snprintf(cmd, sizeof cmd, "save \"%s\"", path);
	assert_int_equal(sess_run_text(&one, cmd, "save"), 0);

	sess_init(&two, devnull, stderr, 0);
	snprintf(cmd, sizeof cmd, "load \"%s\"", path);
	assert_int_equal(sess_run_text(&two, cmd, "load"), 0);

	const char *runs[] = {"a", "b", "c", "d"};
	for (int i = 0; i < 4; i++) {
		ws_item *x = ws_get_kind(&one.ws, runs[i], WS_RUN);
		ws_item *y = ws_get_kind(&two.ws, runs[i], WS_RUN);
		assert_non_null(x);
		assert_non_null(y);
		assert_same_trace(x->u.run.r, y->u.run.r);
	}
	/* the limits come back */
	assert_int_equal(two.set.depthlimit, 40);
	assert_int_equal(two.set.dimlimit, 2);
	assert_int_equal(two.set.linelimit, 4000);
	assert_int_equal(two.set.gridlimit, 90000);
	/* the names end bound as they were */
	ws_item *p = ws_get_kind(&two.ws, "p", WS_PROBLEM);
	assert_non_null(p);
	assert_int_equal(p->u.prob->p->n, 1);
	ws_item *k = ws_get_kind(&two.ws, "k", WS_CONST);
	assert_non_null(k);
	assert_true(k->u.c.value == 10);

	sess_free(&one);
	sess_free(&two);
	fclose(devnull);
	unlink(path);
	rmdir(dir);
}

/* A constant typed as an expression is saved as typed; one whose expression now reads a
 * redefined constant is saved as its value (the expression would give another). */
static void test_save_let_typed(void **state)
{
	(void)state;
	FILE *devnull = fopen("/dev/null", "w");
	sess one;
	sess_init(&one, devnull, stderr, 0);
	assert_int_equal(sess_run_text(&one,
	                               "let K = 100\nlet step = 4/(sqrt(K)+1)^2\n"
	                               "let L = 100\nlet M = 2*L\nlet L = 4\n",
	                               "script"),
	                 0);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_int_equal(save_script(&one, f), 0);
	fclose(f);
	assert_non_null(strstr(text, "let step = 4/(sqrt(K)+1)^2\n"));
	assert_non_null(strstr(text, "let M = 200\n"));
	assert_non_null(strstr(text, "let L = 4\n"));
	assert_null(strstr(text, "let M = 2*L"));
	free(text);
	sess_free(&one);
	fclose(devnull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_save_load),
		cmocka_unit_test(test_save_let_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
