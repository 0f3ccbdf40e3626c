/* test_multiobjective: the multi-objective family against known answers. mgda stops in
 * Schaffer's Pareto set [0, 2] from any start; nsga2's hypervolume on ZDT1 (n = 30, pop
 * 100, 250 generations = 25,100 evaluations, the paper's budget) comes within 0.012 of
 * the true front's 2/3 from (1, 1); weighted sums on ZDT2's concave front end at one of
 * its two ends for every weight, while tchebycheff ends on the front at the closed-form point
 * w f1 = (1 - w)(1 - f1^2); weightedsum on quadpair reaches x = (2w - 1) 1; pcgrad's
 * step on two linear objectives is the hand-computed surgery. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

/* A run of mname(args) from x0 stepped until it stops (at most maxit steps). */
static run *until_stop(const prob *p, const char *mname, const char *args, const double *x0,
                       long maxit, double gtol)
{
	const meth *m = meth_find(mname);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	assert_int_equal(tr_apply(m->params, m->nparams, args, v), 0);
	run_opts o;
	run_opts_default(&o);
	o.gtol = gtol;
	o.maxiter = maxit;
	char err[256];
	run *r = run_new(p, m, v, x0, &o, err, sizeof err);
	if (!r)
		fail_msg("%s: %s", mname, err);
	run_step(r, maxit, NULL);
	return r;
}

static double last_col(const run *r, const char *name)
{
	const trace *t = run_trace(r);
	int k = trace_extra_find(t, name);
	assert_true(k >= 0);
	return trace_extra(t, trace_len(t) - 1, k);
}

static void mgda_schaffer(void **state)
{
	(void)state;
	prob *p = tr_lib("schaffer", NULL);
	const double starts[] = {-10, -3, -1, 0.5, 1.3, 2, 3, 5, 10}; /* its box [-10, 10] */
	for (int i = 0; i < 9; i++) {
		run *r = until_stop(p, "mgda", NULL, starts + i, 1000, 1e-12);
		double x = run_x(r)[0];
		if (run_status(r) != RUN_CONVERGED || !(x >= 0 && x <= 2))
			fail_msg("mgda from %g: %s at x = %.17g (%s)", starts[i],
			         run_stop_name(run_status(r)), x, run_message(r));
		run_free(r);
	}
	/* the fixed step: x <- x - 0.1 * 2x contracts to 0 from the left, within gtol of the set */
	const double left = -3;
	run *r = until_stop(p, "mgda", "linesearch=none step=0.1", &left, 1000, 1e-10);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	assert_true(run_x(r)[0] < 0 && run_x(r)[0] > -1e-10);
	/* row 0's gnorm: the shorter of the gradients -6 and -10 */
	assert_true(fabs(trace_row_at(run_trace(r), 0)->gnorm - 6) < 1e-14);
	run_free(r);
	prob_free(p);
}

static void nsga2_zdt1(void **state)
{
	(void)state;
	prob *p = tr_lib("zdt1", NULL);
	double hv1 = NAN;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		run *r = tr_stepped(p, "nsga2", NULL, 250, seed);
		double hv = last_col(r, "hv");
		if (!(hv > 2.0 / 3 - 0.012 && hv < 2.0 / 3))
			fail_msg("nsga2 on zdt1, seed %d: hv %.6f after 250 generations", (int)seed, hv);
		assert_true(trace_row_at(run_trace(r), trace_len(run_trace(r)) - 1)->nf == 25100);
		/* nothing beats the true front: g >= 1 makes f2 >= 1 - sqrt(f1) */
		const double *pts;
		int np = trace_probes(run_trace(r), trace_len(run_trace(r)) - 1, &pts);
		assert_int_equal(np, 100);
		for (int i = 0; i < np; i++) {
			double fv[2];
			multi_values(multi_of(p), pts + 30 * i, fv);
			assert_true(fv[1] >= 1 - sqrt(fv[0]) - 1e-12);
		}
		if (seed == 1)
			hv1 = hv;
		run_free(r);
	}
	run *r = tr_stepped(p, "nsga2", NULL, 250, 1); /* the same seed, the same population */
	assert_true(last_col(r, "hv") == hv1);
	run_free(r);
	prob_free(p);
}

/* Tchebycheff's point on ZDT2's front for weight w on f1 (ideal 0): w f1 = (1-w)(1-f1^2). */
static double tch_zdt2(double w)
{
	double a = 1 - w;
	return (-w + sqrt(w * w + 4 * a * a)) / (2 * a);
}

static void concave_front(void **state)
{
	(void)state;
	prob *p = tr_lib("zdt2", NULL);
	for (int j = 0; j < 10; j++) {
		double w = 0.05 + 0.1 * j; /* 0.45 and 0.55 on either side of the tie at 1/2 */
		char args[32];
		snprintf(args, sizeof args, "w=%.17g", w);
		run *ws = until_stop(p, "weightedsum", args, NULL, 2000, 1e-12);
		run *tc = until_stop(p, "tchebycheff", args, NULL, 2000, 1e-12);
		double f1w = last_col(ws, "f1"), f2w = last_col(ws, "f2");
		double f1t = last_col(tc, "f1"), f2t = last_col(tc, "f2");
		/* the weighted sum w f1 + (1 - w)(1 - f1^2) is concave along the front: its
		 * minimizers are the ends (1, 0) and (0, 1), local or global, never inside */
		int end = (fabs(f1w - 1) < 1e-9 && fabs(f2w) < 1e-9) ||
		          (fabs(f1w) < 1e-9 && fabs(f2w - 1) < 1e-9);
		if (run_status(ws) != RUN_CONVERGED || !end)
			fail_msg("weightedsum(w = %g): (%.17g, %.17g), %s", w, f1w, f2w,
			         run_message(ws));
		if (run_status(tc) != RUN_CONVERGED || !(fabs(f1t - tch_zdt2(w)) < 1e-7) ||
		    !(fabs(f2t - (1 - f1t * f1t)) < 1e-9) || !(f1t > 0.01 && f1t < 0.99))
			fail_msg("tchebycheff(w = %g): (%.17g, %.17g), expected f1 = %.17g, %s", w, f1t,
			         f2t, tch_zdt2(w), run_message(tc));
		run_free(ws);
		run_free(tc);
	}
	prob_free(p);
}

static void weighted_quadpair(void **state)
{
	(void)state;
	prob *p = tr_lib("quadpair", NULL);
	const double w[] = {0.1, 0.5, 0.8};
	for (int j = 0; j < 3; j++) {
		char args[32];
		snprintf(args, sizeof args, "w=%g", w[j]);
		run *r = until_stop(p, "weightedsum", args, NULL, 500, 1e-12);
		assert_int_equal(run_status(r), RUN_CONVERGED);
		for (int i = 0; i < 2; i++) /* argmin w|x - 1|^2 + (1 - w)|x + 1|^2 = (2w - 1) 1 */
			assert_true(fabs(run_x(r)[i] - (2 * w[j] - 1)) < 1e-10);
		run_free(r);
	}
	prob_free(p);
}

/* One pcgrad step on objectives(F1, F2) from the origin. */
static void pcgrad_once(const char *f1, const char *f2, double step, double *x, double *conf)
{
	const char *srcs[2] = {f1, f2};
	expr_error e;
	int which;
	prob *p = multi_problem("m", srcs, 2, NULL, &e, &which);
	assert_non_null(p);
	const double x0[2] = {0, 0};
	char args[32];
	snprintf(args, sizeof args, "step=%g", step);
	run *r = tr_seeded(p, "pcgrad", args, x0, 1);
	run_step(r, 1, NULL);
	x[0] = run_x(r)[0];
	x[1] = run_x(r)[1];
	*conf = last_col(r, "conflicts");
	run_free(r);
	prob_free(p);
}

static void pcgrad_by_hand(void **state)
{
	(void)state;
	double x[2], conf;
	/* g1 = (1, 0), g2 = (-1, 1) conflict (g1.g2 = -1): g1 - (-1/2) g2 = (1/2, 1/2) and
	 * g2 - (-1/1) g1 = (0, 1), summed (1/2, 3/2): the step moves by -0.1 times that */
	pcgrad_once("x", "y - x", 0.1, x, &conf);
	assert_true(fabs(x[0] + 0.05) < 1e-16 && fabs(x[1] + 0.15) < 1e-16 && conf == 2);
	/* g1 = (1, 0), g2 = (1, 1) agree: the plain sum (2, 1) */
	pcgrad_once("x", "x + y", 0.1, x, &conf);
	assert_true(fabs(x[0] + 0.2) < 1e-16 && fabs(x[1] + 0.1) < 1e-16 && conf == 0);
}

static void refusals(void **state)
{
	(void)state;
	prob *p = tr_lib("rosenbrock", NULL);
	char err[256];
	const char *names[] = {"weightedsum", "tchebycheff", "mgda", "pcgrad", "nsga2"};
	for (int i = 0; i < 5; i++) {
		assert_null(tr_try(p, names[i], NULL, NULL, err, sizeof err));
		assert_non_null(strstr(err, "several objectives"));
	}
	prob_free(p);
	p = tr_lib("schaffer", NULL);
	assert_null(tr_try(p, "nsga2", "pop=6", NULL, err, sizeof err));
	assert_string_equal(err, "nsga2: pop = 6 is not a multiple of 4");
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mgda_schaffer),     cmocka_unit_test(nsga2_zdt1),
	    cmocka_unit_test(concave_front),     cmocka_unit_test(weighted_quadpair),
	    cmocka_unit_test(pcgrad_by_hand),    cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
