/* test_sampling: the samplers against closed forms and known moments. ULA's stationary
 * variance on N(0, 1) with step h is 1 / (1 - h/2) (its chain is AR(1): x+ = (1 - h) x
 * + sqrt(2h) xi); MALA removes that bias; HMC, proximal Langevin and SVGD reach the
 * library targets' moments within their Monte Carlo (or discretization) error. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

/* The extra column called name at the last row of mname(args) after k steps. */
static double final_extra(const prob *p, const char *mname, const char *args, long k,
                          const char *name, uint64_t seed)
{
	run *r = tr_stepped(p, mname, args, k, seed);
	assert_int_equal(run_status(r), RUN_RUNNING); /* samplers never stop by themselves */
	const trace *t = run_trace(r);
	double e = trace_extra(t, trace_len(t) - 1, trace_extra_find(t, name));
	run_free(r);
	return e;
}

static void ula_bias(void **unused)
{
	prob *p = tr_lib("gaussian", "n=1,cond=1");
	double h = 0.5, want = 1 / (1 - h / 2); /* coverr = |var - 1| = want - 1 */
	double ce = final_extra(p, "ula", "step=0.5,chains=4000,burnin=50", 400, "coverr", 1);
	assert_true(fabs(ce - (want - 1)) < 0.01);
	/* a smaller step, a smaller bias: h = 0.1 gives 1/0.95 - 1 = 0.0526 */
	ce = final_extra(p, "ula", "step=0.1,chains=4000,burnin=200", 800, "coverr", 2);
	assert_true(fabs(ce - (1 / 0.95 - 1)) < 0.01);
	/* MALA at the same large step: unbiased */
	ce = final_extra(p, "mala", "step=0.5,chains=4000,burnin=50", 400, "coverr", 3);
	assert_true(ce < 0.01);
	double me = final_extra(p, "mala", "step=0.5,chains=4000,burnin=50", 400, "meanerr", 3);
	assert_true(me < 0.01);
	prob_free(p);
}

static void library_moments(void **unused)
{
	static const struct {
		const char *meth, *args, *prob, *spec;
		long steps;
		double meanerr, coverr;
	} rows[] = {
	    {"mala", "step=0.5,chains=500,burnin=100", "gaussian", "n=2,cond=4,rotate=1", 600, 0.02,
	     0.03},
	    {"hmc", "leapfrog=20,chains=400,burnin=50", "gaussian", "n=5,cond=10,rotate=1", 400, 0.03,
	     0.05},
	    {"hmc", "step=0.2,chains=400,burnin=100", "banana", "", 600, 0.05, 0.05},
	    {"mala", "step=0.5,chains=1000,burnin=100", "mixture", "sep=3", 800, 0.1, 0.05},
	    {"proxlangevin", "step=0.05,lambda=0.1,chains=500,burnin=200", "laplace", "", 2000,
	     0.05, 0.06},
	    {"svgd", "particles=100", "gaussian", "n=2,cond=4,rotate=1", 500, 0.01, 0.15},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		prob *p = tr_lib(rows[i].prob, rows[i].spec);
		double me = final_extra(p, rows[i].meth, rows[i].args, rows[i].steps, "meanerr", 7);
		double ce = final_extra(p, rows[i].meth, rows[i].args, rows[i].steps, "coverr", 7);
		if (!(me < rows[i].meanerr) || !(ce < rows[i].coverr))
			fail_msg("%s on %s: meanerr %g, coverr %g", rows[i].meth, rows[i].prob, me, ce);
		prob_free(p);
	}
}

/* HMC's acceptance stays high with a small leapfrog step and falls as the step grows
 * (the energy error of the leapfrog integrator is O(h^2)). */
static void hmc_acceptance(void **unused)
{
	prob *p = tr_lib("gaussian", "n=2,cond=10");
	double a1 = final_extra(p, "hmc", "step=0.05,chains=50", 100, "accept", 1);
	double a2 = final_extra(p, "hmc", "step=0.55,chains=50", 100, "accept", 1);
	assert_true(a1 > 0.99);
	assert_true(a2 < a1);
	prob_free(p);
}

static void refusals(void **unused)
{
	prob *p = tr_lib("rosenbrock", "");
	char err[256];
	assert_null(tr_try(p, "ula", NULL, NULL, err, sizeof err));
	assert_non_null(strstr(err, "density"));
	prob_free(p);
	p = tr_lib("laplace", "");
	assert_null(tr_try(p, "ula", NULL, NULL, err, sizeof err));
	assert_non_null(strstr(err, "proxlangevin"));
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ula_bias),
	    cmocka_unit_test(library_moments),
	    cmocka_unit_test(hmc_acceptance),
	    cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
