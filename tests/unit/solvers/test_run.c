/* run: the driver's rows, counts and every stop reason, parameter and capability
 * refusals with their messages, interrupts, determinism, and the CSV contract's
 * first rows. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "testprob.h"

#define HAS_ALL (PROB_VALUE | PROB_GRAD | PROB_HESS)

static run *start(const prob *p, const char *mname, const double *params, const double *x0,
                  const run_opts *o)
{
	char err[256] = "";
	run *r = run_new(p, meth_find(mname), params, x0, o, err, sizeof err);
	if (!r)
		fail_msg("run_new: %s", err);
	return r;
}

/* The contract: gd(step = 0.25) on (x-1)^2 + (y+2)^2 from (0, 0). */
static void test_contract_rows(void **state)
{
	prob *p = tp_contract();
	double prm[6], x0[2] = {0, 0};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[param_find(gd->params, gd->nparams, "step")] = 0.25;
	run *r = start(p, "gd", prm, x0, NULL);
	assert_int_equal(run_step(r, 3, NULL), 3);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), 4);
	assert_true(trace_row_at(t, 0)->f == 5);
	assert_true(trace_x(t, 1)[0] == 0.5 && trace_x(t, 1)[1] == -1);
	assert_true(trace_row_at(t, 1)->f == 1.25);
	assert_true(trace_row_at(t, 1)->step == 0.25);
	assert_true(trace_row_at(t, 0)->gnorm == sqrt(20));
	assert_true(trace_row_at(t, 0)->dist == sqrt(5));
	assert_true(trace_row_at(t, 0)->time == 0 && trace_row_at(t, 0)->step == 0);
	assert_true(trace_row_at(t, 0)->nf == 1 && trace_row_at(t, 0)->ng == 1);
	assert_int_equal(run_status(r), RUN_RUNNING);
	run_free(r);
	prob_free(p);
}

/* Default options stop only at an exact zero gradient: the error halves each step and
 * reaches 0 in floating point after a few dozen steps. */
static void test_converged_exact_zero(void **state)
{
	static const double a[] = {2}, c[] = {1};
	prob *p = tp_new("q1", 1, a, c, 0, HAS_ALL, 1);
	double prm[6], x0[1] = {0};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 0.25;
	run *r = start(p, "gd", prm, x0, NULL);
	long k = run_step(r, 100000, NULL);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	assert_true(k > 40 && k < 100);
	assert_true(run_x(r)[0] == 1);
	const trace *t = run_trace(r);
	assert_true(trace_row_at(t, trace_len(t) - 1)->gnorm == 0);
	for (long i = 1; i < trace_len(t) - 1; i++)
		assert_true(trace_row_at(t, i)->gnorm > 0); /* did not stop before */
	assert_string_equal(run_stop_name(run_status(r)), "converged");
	assert_int_equal(run_step(r, 10, NULL), 0); /* a stopped run stays stopped */
	run_free(r);
	prob_free(p);
}

/* The contract's `until a gnorm < 1e-10 max 100000`: default options let gd(step = 0.05)
 * on (x-1)^2 + 10 (y+2)^2 go on until the condition holds (about 230 steps). */
static void test_defaults_do_not_stop_early(void **state)
{
	static const double a[] = {2, 20}, c[] = {1, -2};
	prob *p = tp_new("u", 2, a, c, 0, HAS_ALL, 0);
	double prm[6], x0[2] = {0, 0};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 0.05;
	run *r = start(p, "gd", prm, x0, NULL);
	long k = 0;
	const trace *t = run_trace(r);
	while (trace_row_at(t, trace_len(t) - 1)->gnorm >= 1e-10 && k < 100000) {
		assert_int_equal(run_step(r, 1, NULL), 1);
		k++;
	}
	assert_int_equal(run_status(r), RUN_RUNNING);
	assert_true(k > 200 && k < 300);
	run_free(r);
	prob_free(p);
}

static void test_maxiter_and_resume(void **state)
{
	prob *p = tp_contract();
	run_opts o;
	run_opts_default(&o);
	o.maxiter = 5;
	run *r = start(p, "gd", NULL, NULL, &o);
	assert_int_equal(run_step(r, 100, NULL), 5);
	assert_int_equal(run_status(r), RUN_MAXITER);
	assert_int_equal(trace_len(run_trace(r)), 6);
	o.maxiter = 8;
	run_set_options(r, &o);
	assert_int_equal(run_status(r), RUN_RUNNING);
	assert_int_equal(run_step(r, 100, NULL), 3);
	assert_int_equal(run_status(r), RUN_MAXITER);
	/* one gradient call a step and one at the start; the driver adds none */
	const trace_row *last = trace_row_at(run_trace(r), 8);
	assert_int_equal(last->ng, 9);
	assert_int_equal(last->nf, 9);
	run_free(r);
	prob_free(p);
}

/* tracelimit: a row of the 2-D contract problem takes the row struct, x, the extra
 * columns and a probe index; the run stops at the first row that reaches the limit,
 * and goes on when the limit is raised. */
static void test_tracelimit(void **state)
{
	prob *p = tp_contract();
	run_opts o;
	run_opts_default(&o);
	o.tracelimit = 1.0 / 64; /* 16384 bytes */
	run *r = start(p, "gd", NULL, NULL, &o);
	const trace *t = run_trace(r);
	size_t row = sizeof(trace_row) + (size_t)(2 + trace_nextra(t)) * sizeof(double) +
	             sizeof(long);
	long rows = (long)((16384 + row - 1) / row);
	assert_int_equal(trace_bytes(t), row);
	assert_int_equal(run_step(r, 100000, NULL), rows - 1);
	assert_int_equal(run_status(r), RUN_TRACELIMIT);
	assert_string_equal(run_stop_name(RUN_TRACELIMIT), "tracelimit");
	assert_int_equal(trace_len(t), rows);
	assert_true(trace_bytes(t) >= 16384 && trace_bytes(t) - row < 16384);
	o.tracelimit = 2.0 / 64;
	run_set_options(r, &o);
	assert_int_equal(run_status(r), RUN_RUNNING);
	run_step(r, 100000, NULL);
	assert_int_equal(run_status(r), RUN_TRACELIMIT);
	assert_int_equal(trace_len(run_trace(r)), (long)((32768 + row - 1) / row));
	run_free(r);
	prob_free(p);
}

/* gd with a huge step: |x - c| grows 39-fold a step, f 1521-fold: the run is
 * stopped as diverging once f passes 10^6 (1 + |f_0|), at step 3, long before
 * overflow, and says where the growth began. */
static void test_diverged(void **state)
{
	prob *p = tp_contract();
	double prm[6];
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 10;
	run *r = start(p, "gd", prm, NULL, NULL);
	long k = run_step(r, 100000, NULL);
	assert_int_equal(run_status(r), RUN_DIVERGED);
	assert_int_equal(k, 3);
	const trace *t = run_trace(r);
	assert_int_equal(trace_len(t), k + 1);
	assert_true(isfinite(trace_row_at(t, k)->f));
	assert_true(trace_row_at(t, k)->f > 1e6 * (1 + trace_row_at(t, 0)->f));
	assert_non_null(strstr(run_message(r), "diverging since iteration 1"));
	run_free(r);
	prob_free(p);
}

/* A step out of the domain of x - log(x) (from 2 to 2 - 10 * 0.5 = -3): f is NaN and the
 * run stops there, keeping the row. */
static void test_diverged_nonfinite(void **state)
{
	expr_error e;
	prob *p = prob_from_expr("p", "x - log(x)", NULL, &e);
	assert_non_null(p);
	double prm[6], x0[1] = {2};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 10;
	run *r = start(p, "gd", prm, x0, NULL);
	assert_int_equal(run_step(r, 100, NULL), 1);
	assert_int_equal(run_status(r), RUN_DIVERGED);
	assert_false(isfinite(trace_row_at(run_trace(r), 1)->f));
	assert_non_null(strstr(run_message(r), "non-finite"));
	run_free(r);
	prob_free(p);
}

/* A step far below the rounding of x: x does not change, and after `stall` steps the
 * run stops with `no progress`. */
static void test_no_progress(void **state)
{
	static const double a[] = {1e-6}, c[] = {0};
	prob *p = tp_new("flat", 1, a, c, 0, HAS_ALL, 1);
	double prm[6], x0[1] = {1};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 1e-15;
	run *r = start(p, "gd", prm, x0, NULL);
	assert_int_equal(run_step(r, 1000, NULL), 3);
	assert_int_equal(run_status(r), RUN_NO_PROGRESS);
	assert_string_equal(run_stop_name(RUN_NO_PROGRESS), "no progress");
	run_free(r);
	prob_free(p);
}

/* A stop on values alone (Nelder-Mead's simplex test) is "converged" only where the
 * point is stationary or no descent along -grad f exists: a loose tol on x^2 + y^2
 * stops at once with f decreasing (no progress); |x| + |y - 1| ends at its kink,
 * where the gradient is 1.41 but no direction descends (converged); a tight tol on the
 * quadratic ends at the minimum (converged). */
static void test_values_only_stop(void **state)
{
	static const struct {
		const char *f;
		double tol, x0[2];
		enum run_stop want;
	} cases[] = {
	    {"x^2 + y^2", 0.5, {1, 1}, RUN_NO_PROGRESS},
	    {"abs(x) + abs(y - 1)", 1e-12, {1, 0.3}, RUN_CONVERGED},
	    {"x^2 + y^2", 1e-12, {1, 1}, RUN_CONVERGED},
	};
	const meth *nm = meth_find("neldermead");
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		expr_error e;
		prob *p = prob_from_expr("p", cases[k].f, NULL, &e);
		assert_non_null(p);
		double prm[8];
		param_defaults(nm->params, nm->nparams, prm);
		prm[nm->nparams - 1] = cases[k].tol; /* tol, the last parameter */
		run *r = start(p, "neldermead", prm, cases[k].x0, NULL);
		run_step(r, 5000, NULL);
		assert_int_equal(run_status(r), cases[k].want);
		if (cases[k].want == RUN_NO_PROGRESS)
			assert_non_null(strstr(run_message(r), "not a stationary point"));
		run_free(r);
		prob_free(p);
	}
}

static void test_time_limit(void **state)
{
	static const double a[] = {1}, c[] = {0};
	prob *p = tp_new("slow", 1, a, c, 0, HAS_ALL, 1);
	double prm[6], x0[1] = {1};
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 1e-7; /* x_k = (1 - 1e-7)^k: no convergence in this budget */
	run_opts o;
	run_opts_default(&o);
	o.maxtime = 2e-3;
	run *r = start(p, "gd", prm, x0, &o);
	long k = run_step(r, 100000000, NULL);
	assert_int_equal(run_status(r), RUN_TIME);
	assert_true(k < 100000000);
	const trace *t = run_trace(r);
	assert_true(trace_row_at(t, k)->time >= 2e-3);
	assert_true(trace_row_at(t, k - 1)->time < 2e-3);
	for (long i = 1; i <= k; i++) /* cumulative */
		assert_true(trace_row_at(t, i)->time >= trace_row_at(t, i - 1)->time);
	run_free(r);
	prob_free(p);
}

/* The problem raises the flag on its 6th gradient call (the 1st is at init): the run
 * stops between steps, stays running, and goes on once the flag is cleared. */
static void test_interrupt(void **state)
{
	atomic_int flag = 0;
	prob *p = tp_contract();
	tp_quad *q = p->ctx;
	q->flag = &flag;
	q->after = 6;
	run *r = start(p, "gd", NULL, NULL, NULL);
	assert_int_equal(run_step(r, 100, &flag), 5);
	assert_int_equal(run_status(r), RUN_RUNNING);
	assert_int_equal(run_step(r, 100, &flag), 0);
	flag = 0;
	q->flag = NULL;
	assert_int_equal(run_step(r, 7, &flag), 7);
	assert_int_equal(run_iter(r), 12);
	run_free(r);
	prob_free(p);
}

static const struct {
	const char *meth;
	unsigned caps;
	int known;
	const char *param; /* set to value, or NULL */
	double value;
	const char *err;
} refusals[] = {
    {"gd", PROB_VALUE, 1, NULL, 0, "gd needs the gradient, which problem 't' does not offer"},
    {"nesterov", PROB_GRAD, 1, NULL, 0,
     "nesterov needs function values, which problem 't' does not offer"},
    {"gd", HAS_ALL, 1, "step", -1, "gd: step = -1 is out of range [1e-15, 1e+15]"},
    {"gd", HAS_ALL, 1, "linesearch", 9,
     "gd: linesearch must be one of none, armijo, wolfe, exact, polyak"},
    {"gd", HAS_ALL, 1, "maxeval", 2.5, "gd: maxeval must be a whole number, not 2.5"},
    {"gd", PROB_VALUE | PROB_GRAD, 1, "linesearch", 3,
     "gd(linesearch = exact) needs the Hessian, which problem 't' does not offer"},
    {"gd", HAS_ALL, 0, "linesearch", 4,
     "gd(linesearch = polyak) needs the optimal value f*, which problem 't' does not know"},
    {"heavyball", HAS_ALL, 1, "momentum", 1,
     "heavyball: momentum = 1 is out of range [0, 0.999999]"},
    {"nesterov", HAS_ALL, 1, "schedule", 1,
     "nesterov(schedule = strong) needs 0 < mu * step <= 1 (mu = 0, step = 0.001)"},
};

static void test_refusals(void **state)
{
	static const double a[] = {1, 1}, c[] = {0, 0};
	for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) {
		prob *p = tp_new("t", 2, a, c, 0, refusals[i].caps, refusals[i].known);
		const meth *m = meth_find(refusals[i].meth);
		double prm[PARAM_MAX];
		param_defaults(m->params, m->nparams, prm);
		if (refusals[i].param)
			prm[param_find(m->params, m->nparams, refusals[i].param)] =
			    refusals[i].value;
		char err[256] = "";
		run *r = run_new(p, m, prm, NULL, NULL, err, sizeof err);
		assert_null(r);
		assert_string_equal(err, refusals[i].err);
		prob_free(p);
	}
}

/* ---- a scripted method: reports a chosen status at a chosen step ---- */

static const param_def fake_params[] = {
    {"at", 1, 1, 100, "the step that reports", NULL, 1},
    {"status", 0, 0, 3, "what it reports", NULL, 1},
};

typedef struct fake_state {
	long k;
} fake_state;

static int fake_init(void *state, meth_ctx *c)
{
	c->f = oracle_value(c->o, c->x);
	return METH_OK;
}

static int fake_step(void *state, meth_ctx *c)
{
	fake_state *s = state;
	c->x[0] += 1; /* always moves: no stall */
	c->f = oracle_value(c->o, c->x);
	c->extra[0] = (double)++s->k;
	if (s->k < (long)c->param[0])
		return METH_OK;
	snprintf(c->msg, sizeof c->msg, "scripted at step %ld", s->k);
	return (int)c->param[1];
}

static const char *const fake_extra[] = {"k", NULL};

static const meth fake = {
    .name = "fake",
    .family = "test",
    .summary = "scripted",
    .reference = "none",
    .params = fake_params,
    .nparams = 2,
    .needs = PROB_VALUE,
    .extra = fake_extra,
    .state_size = sizeof(fake_state),
    .init = fake_init,
    .step = fake_step,
    .free = NULL,
};

static void test_method_status(void **state)
{
	static const struct {
		int status;
		enum run_stop stop;
	} cases[] = {
	    {METH_CONVERGED, RUN_CONVERGED},
	    {METH_NO_PROGRESS, RUN_NO_PROGRESS},
	    {METH_FAILED, RUN_FAILED},
	};
	static const double a[] = {1, 1}, c[] = {0, 0};
	prob *p = tp_new("t", 2, a, c, 0, PROB_VALUE, 0); /* no gradient: gnorm is NAN */
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double prm[2] = {4, cases[i].status};
		char err[256];
		run *r = run_new(p, &fake, prm, NULL, NULL, err, sizeof err);
		assert_non_null(r);
		assert_int_equal(run_step(r, 100, NULL), 4);
		assert_int_equal(run_status(r), cases[i].stop);
		assert_string_equal(run_message(r), "scripted at step 4");
		const trace *t = run_trace(r);
		assert_true(isnan(trace_row_at(t, 4)->gnorm));
		assert_true(isnan(trace_row_at(t, 4)->dist));
		assert_true(trace_row_at(t, 4)->step == 1); /* not given: the length of the move */
		assert_string_equal(trace_extra_name(t, 0), "k");
		assert_true(trace_extra(t, 3, 0) == 3);
		run_free(r);
	}
	prob_free(p);
}

/* ftol and xtol: a fixed step on the contract problem shrinks both changes by half each
 * step; each test fires when its change falls below the bound. */
static void test_ftol_xtol(void **state)
{
	prob *p = tp_contract();
	double prm[6];
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, prm);
	prm[0] = 0.25;
	run_opts o;
	run_opts_default(&o);
	o.ftol = 1e-6;
	run *r = start(p, "gd", prm, NULL, &o);
	run_step(r, 1000, NULL);
	assert_int_equal(run_status(r), RUN_FTOL);
	const trace *t = run_trace(r);
	long k = trace_len(t) - 1;
	double df = fabs(trace_row_at(t, k)->f - trace_row_at(t, k - 1)->f);
	assert_true(df <= 1e-6 * (1 + fabs(trace_row_at(t, k)->f)));
	run_free(r);
	run_opts_default(&o);
	o.xtol = 1e-6;
	r = start(p, "gd", prm, NULL, &o);
	run_step(r, 1000, NULL);
	assert_int_equal(run_status(r), RUN_XTOL);
	assert_true(run_iter(r) > 10 && run_iter(r) < 40);
	run_free(r);
	prob_free(p);
}

/* The same seed gives the same trace bit for bit (time aside). */
static void test_determinism(void **state)
{
	static const double a[] = {1, 30, 100}, c[] = {1, -1, 2};
	prob *p = tp_new("d", 3, a, c, 0, HAS_ALL, 1);
	const char *names[] = {"gd", "heavyball", "nesterov"};
	for (int m = 0; m < 3; m++) {
		run_opts o;
		run_opts_default(&o);
		o.seed = 12345;
		run *r1 = start(p, names[m], NULL, NULL, &o),
		    *r2 = start(p, names[m], NULL, NULL, &o);
		run_step(r1, 500, NULL);
		run_step(r2, 500, NULL);
		const trace *t1 = run_trace(r1), *t2 = run_trace(r2);
		assert_int_equal(trace_len(t1), trace_len(t2));
		for (long i = 0; i < trace_len(t1); i++) {
			trace_row a1 = *trace_row_at(t1, i), a2 = *trace_row_at(t2, i);
			a1.time = a2.time = 0;
			assert_memory_equal(&a1, &a2, sizeof a1);
			assert_memory_equal(trace_x(t1, i), trace_x(t2, i), 3 * sizeof(double));
		}
		run_free(r1);
		run_free(r2);
	}
	prob_free(p);
}

/* nesterov keeps no gradient at x_k: the driver fills it for the trace uncounted, so
 * the counts are the method's own: one gradient at y_k and one value at x_k a step. */
static void test_trace_only_uncounted(void **state)
{
	prob *p = tp_contract();
	run *r = start(p, "nesterov", NULL, NULL, NULL);
	run_step(r, 10, NULL);
	const trace_row *row = trace_row_at(run_trace(r), 10);
	assert_int_equal(row->ng, 10); /* init's gradient serves step 1 (y_0 = x_0) */
	assert_int_equal(row->nf, 1 + 9 + 10);
	/* and gnorm is the true gradient norm at x_10 */
	const double *x = run_x(r);
	double g0 = 2 * (x[0] - 1), g1 = 2 * (x[1] + 2);
	assert_true(fabs(row->gnorm - sqrt(g0 * g0 + g1 * g1)) <= 1e-15);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_contract_rows),      cmocka_unit_test(test_converged_exact_zero),
	    cmocka_unit_test(test_defaults_do_not_stop_early),
	    cmocka_unit_test(test_maxiter_and_resume), cmocka_unit_test(test_diverged), cmocka_unit_test(test_diverged_nonfinite),
	    cmocka_unit_test(test_no_progress),        cmocka_unit_test(test_time_limit),
	    cmocka_unit_test(test_interrupt),          cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_method_status),      cmocka_unit_test(test_ftol_xtol),
	    cmocka_unit_test(test_determinism),        cmocka_unit_test(test_trace_only_uncounted),
	    cmocka_unit_test(test_tracelimit),         cmocka_unit_test(test_values_only_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
