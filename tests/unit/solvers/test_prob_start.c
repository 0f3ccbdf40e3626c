/* test_prob_start: a typed problem's default start, and what a sampled step records. The
 * start leaves 0 only where 0 is no start (a saddle, outside f's domain) and lands where f
 * is finite with a gradient not 0; a stochastic run marks the rows whose f and gnorm are
 * the last full evaluation's (fiter) and counts component gradients (ncg). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

static prob *typed(const char *src)
{
	expr_options opt = {0};
	expr_error e;
	prob *p = prob_from_expr("p", src, &opt, &e);
	if (!p)
		fail_msg("%s: %s", src, e.msg);
	return p;
}

/* f finite at x0 with a gradient not 0 there. */
static void assert_good_start(const prob *p)
{
	double g[8];
	double f = p->ops->grad(p->ctx, p->x0, g), gg = 0;
	for (int i = 0; i < p->n; i++)
		gg += g[i] * g[i];
	assert_true(isfinite(f));
	assert_true(gg > 0);
}

static void default_starts(void **unused)
{
	(void)unused;
	char why[96];
	prob *p = typed("(x - 1)^2 + y^2"); /* 0 is a fine start: kept */
	prob_default_start(p, why, sizeof why);
	assert_string_equal(why, "");
	assert_true(p->x0[0] == 0 && p->x0[1] == 0);
	prob_free(p);
	p = typed("x*y"); /* the saddle */
	prob_default_start(p, why, sizeof why);
	assert_string_equal(why, "its gradient is 0 at the origin");
	assert_good_start(p);
	prob_free(p);
	p = typed("x - log(x)"); /* 0 outside the domain, 1 the minimizer: neither */
	prob_default_start(p, why, sizeof why);
	assert_string_equal(why, "f is not finite at the origin");
	assert_good_start(p);
	assert_true(p->x0[0] > 0 && p->x0[0] != 1);
	prob_free(p);
	p = typed("sqrt(-x^2 - 1)"); /* finite nowhere: 0 stays, nothing said */
	prob_default_start(p, why, sizeof why);
	assert_string_equal(why, "");
	assert_true(p->x0[0] == 0);
	prob_free(p);
}

/* sgd with batch 2 evaluates f once an epoch (m = 20: every 10 steps). */
static void sampled_rows(void **unused)
{
	(void)unused;
	prob *p = tr_lib("leastsq", "m=20,d=3");
	run *r = tr_stepped(p, "sgd", "batch=2", 25, 1);
	const trace *t = run_trace(r);
	int icg = trace_extra_find(t, "ncg");
	assert_true(icg >= 0 && trace_extra_find(t, "fiter") >= 0);
	long evaluated = 0;
	for (long i = 0; i < trace_len(t); i++) {
		long at = trace_fiter(t, i);
		assert_true(at <= i);
		assert_true(trace_extra(t, i, icg) == 2.0 * i); /* two component gradients a step */
		if (at == i) {
			evaluated++;
			assert_true(trace_row_at(t, i)->ng == evaluated); /* a full gradient each */
		} else {
			assert_true(trace_row_at(t, i)->f == trace_row_at(t, at)->f); /* held */
		}
	}
	assert_true(evaluated >= 3 && evaluated < 25);
	run_free(r);
	prob_free(p);
	/* a full-gradient method has no such columns */
	p = tr_lib("leastsq", "m=20,d=3");
	r = tr_stepped(p, "gd", NULL, 3, 1);
	assert_int_equal(trace_extra_find(run_trace(r), "fiter"), -1);
	assert_int_equal(trace_fiter(run_trace(r), 2), 2);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(default_starts),
	    cmocka_unit_test(sampled_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
