/* test_linear: the linear-system family against the classical theory. On the 2-D
 * Poisson matrix (n = m^2, h = 1/(m + 1)) the Jacobi matrix has spectral radius
 * rho_J = cos(pi h); Gauss-Seidel contracts by rho_J^2 and SOR by omega - 1 for omega
 * at or above its optimum omega* = 2 / (1 + sqrt(1 - rho_J^2)), which a sweep over
 * omega finds. Randomized Kaczmarz stays below the Strohmer-Vershynin bound in
 * expectation; CG ends in at most n steps; every method solves a system it applies to. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

/* |x - x*| after k steps of mname(args) on p from 0. */
static double err_after(const prob *p, const char *mname, const char *args, long k)
{
	double *x0 = calloc((size_t)p->n, sizeof *x0);
	run *r = tr_go(p, mname, args, x0);
	run_step(r, k, NULL);
	double d = prob_dist_to_sol(p, run_x(r));
	run_free(r);
	free(x0);
	return d;
}

/* The asymptotic contraction per step: the geometric mean of the error's ratios over
 * steps k1..k2 (complex eigenvalues make single ratios oscillate). */
static double rate(const prob *p, const char *mname, const char *args, long k1, long k2)
{
	return pow(err_after(p, mname, args, k2) / err_after(p, mname, args, k1),
	           1.0 / (double)(k2 - k1));
}

static void poisson_rates(void **unused)
{
	prob *p = tr_lib("poisson", "m=20");
	double rj = cos(M_PI / 21);
	assert_true(fabs(rate(p, "jacobi", NULL, 200, 600) - rj) < 2e-3);
	assert_true(fabs(rate(p, "gaussseidel", NULL, 200, 500) - rj * rj) < 2e-3);
	char args[64];
	snprintf(args, sizeof args, "omega=%.17g", 1.85);
	assert_true(fabs(rate(p, "sor", args, 60, 160) - 0.85) < 5e-3);
	snprintf(args, sizeof args, "omega=%.17g", 1.95);
	assert_true(fabs(rate(p, "sor", args, 100, 300) - 0.95) < 5e-3);
	prob_free(p);
}

/* Steps of sor(omega) until the error falls by 1e-8. */
static long steps_to(const prob *p, double omega)
{
	char args[64];
	snprintf(args, sizeof args, "omega=%.17g", omega);
	double *x0 = calloc((size_t)p->n, sizeof *x0);
	run *r = tr_go(p, "sor", args, x0);
	double e0 = prob_dist_to_sol(p, x0);
	long k = 0;
	while (k < 100000 && prob_dist_to_sol(p, run_x(r)) > 1e-8 * e0 &&
	       run_status(r) == RUN_RUNNING)
		k += run_step(r, 1, NULL);
	run_free(r);
	free(x0);
	return k;
}

static void sor_best_omega(void **unused)
{
	prob *p = tr_lib("poisson", "m=20");
	double rj = cos(M_PI / 21), wopt = 2 / (1 + sqrt(1 - rj * rj));
	long best = -1;
	double wbest = 0;
	for (double w = 1.0; w < 1.99; w += 0.01) { /* the sweep a user would run */
		long k = steps_to(p, w);
		if (best < 0 || k < best)
			best = k, wbest = w;
	}
	assert_true(fabs(wbest - wopt) <= 0.02);
	/* and at w*, far fewer steps than Gauss-Seidel's */
	assert_true(steps_to(p, wopt) * 5 < steps_to(p, 1.0));
	prob_free(p);
}

/* E|x_k - x*|^2 over seeds below (1 - 1/kappa^2)^k |x*|^2, kappa^2 = |A|_F^2 / lmin^2. */
static void kaczmarz_bound(void **unused)
{
	prob *p = tr_lib("poisson", "m=4");
	const linsys *L = linsys_of(p);
	double lmin = L->lmin, k2 = L->fro2 / (lmin * lmin), e0 = 0;
	for (int i = 0; i < p->n; i++)
		e0 += p->xstar[i] * p->xstar[i];
	const long K = 1500;
	const int S = 40;
	double mean = 0;
	double *x0 = calloc((size_t)p->n, sizeof *x0);
	for (int s = 0; s < S; s++) {
		run_opts o;
		run_opts_default(&o);
		o.seed = (uint64_t)s + 1;
		const meth *m = meth_find("kaczmarz");
		char err[200];
		run *r = run_new(p, m, NULL, x0, &o, err, sizeof err);
		assert_non_null(r);
		run_step(r, K, NULL);
		double d = prob_dist_to_sol(p, run_x(r));
		mean += d * d / S;
		run_free(r);
	}
	double bound = pow(1 - 1 / k2, (double)K) * e0;
	assert_true(mean < bound);
	assert_true(mean > 0); /* the bound is met by converging, not by a stuck run */
	free(x0);
	prob_free(p);
}

/* CG's residual after n steps is at rounding level on small systems (finite
 * termination); on the Poisson matrix already after its count of distinct eigenvalues,
 * 13 for m = 5. (With widely spread eigenvalues, rounding delays it past n: Greenbaum.) */
static void cg_n_steps(void **unused)
{
	static const struct {
		const char *prob, *spec;
		long steps;
	} rows[] = {{"randspd", "n=10,cond=10,seed=3", 10}, {"poisson", "m=5", 13}};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		prob *p = tr_lib(rows[i].prob, rows[i].spec);
		double *x0 = calloc((size_t)p->n, sizeof *x0);
		run *r = tr_go(p, "lincg", NULL, x0);
		run_step(r, rows[i].steps, NULL);
		const trace *t = run_trace(r);
		assert_true(trace_row_at(t, trace_len(t) - 1)->f < 1e-10);
		run_free(r);
		free(x0);
		prob_free(p);
	}
}

/* Chebyshev with the exact bounds contracts like CG's bound, (sqrt k - 1)/(sqrt k + 1). */
static void chebyshev_rate(void **unused)
{
	prob *p = tr_lib("randspd", "n=60,cond=400,seed=2");
	double q = (20.0 - 1) / (20.0 + 1);
	double rt = rate(p, "chebyshev", NULL, 40, 120);
	assert_true(rt < q + 0.01);
	assert_true(rt > q - 0.05); /* the bound is tight for a full spectrum */
	prob_free(p);
}

/* Every method of the family solves a system it applies to, to rounding. */
static void all_solve(void **unused)
{
	static const struct {
		const char *meth, *prob, *spec;
		long budget;
	} rows[] = {
	    {"jacobi", "diagdom", "n=200", 200},   {"gaussseidel", "diagdom", "n=200", 100},
	    {"sor", "poisson", "m=10", 300},        {"ssor", "poisson", "m=10", 300},
	    {"kaczmarz", "randspd", "n=10,cond=5", 20000},
	    {"lincg", "poisson", "m=10", 100},      {"chebyshev", "poisson", "m=10", 200},
	    {"jacobi", "poisson", "m=10", 2000},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		prob *p = tr_lib(rows[i].prob, rows[i].spec);
		double *x0 = calloc((size_t)p->n, sizeof *x0);
		run *r = tr_go(p, rows[i].meth, NULL, x0);
		run_step(r, rows[i].budget, NULL);
		double d = prob_dist_to_sol(p, run_x(r));
		if (!(d < 1e-8))
			fail_msg("%s on %s: |x - x*| = %g after %ld steps (%s)", rows[i].meth,
			         rows[i].prob, d, run_iter(r), run_message(r));
		run_free(r);
		free(x0);
		prob_free(p);
	}
}

/* learnsor learns omega across solves: the arm it plays most is next to Young's omega*,
 * and its late solves (the median of the last 31: UCB still explores now and then) take
 * few more sweeps than the best of its arms played alone, the bandit's benchmark. */
static void learnsor_learns(void **unused)
{
	prob *p = tr_lib("poisson", "m=24");
	double rj = cos(M_PI / 25), wopt = 2 / (1 + sqrt(1 - rj * rj));
	double *x0 = malloc((size_t)p->n * sizeof *x0);
	rng g;
	rng_seed(&g, 5);
	for (int i = 0; i < p->n; i++)
		x0[i] = 2 * rng_uniform(&g) - 1;
	long best = 100000;
	run *r;
	for (int k = 0; k < 12; k++) {
		char args[64];
		snprintf(args, sizeof args, "omega=%.17g", 1 + 0.98 * k / 11);
		r = tr_go(p, "sor", args, x0);
		double f0 = run_f(r);
		long n = 0;
		while (run_f(r) > 1e-6 * f0 && n < best)
			n += run_step(r, 1, NULL);
		best = n < best ? n : best;
		run_free(r);
	}
	r = tr_go(p, "learnsor", NULL, x0);
	run_step(r, 150, NULL);
	const trace *t = run_trace(r);
	int cw = trace_extra_find(t, "omega"), cs = trace_extra_find(t, "sweeps");
	int plays[12] = {0}, top = 0, nl = 0;
	double late[31];
	for (long i = 1; i < trace_len(t); i++) {
		plays[(int)lround((trace_extra(t, i, cw) - 1) / 0.98 * 11)]++;
		if (i >= trace_len(t) - 31)
			late[nl++] = trace_extra(t, i, cs);
	}
	for (int a = 1; a < nl; a++) /* sort the late sweeps for their median */
		for (int b = a; b > 0 && late[b - 1] > late[b]; b--) {
			double x = late[b];
			late[b] = late[b - 1];
			late[b - 1] = x;
		}
	for (int k = 1; k < 12; k++)
		if (plays[k] > plays[top])
			top = k;
	assert_true(fabs(1 + 0.98 * top / 11 - wopt) < 0.1);
	assert_true(late[nl / 2] < 1.5 * (double)best);
	run_free(r);
	free(x0);
	prob_free(p);
}

static void refusals(void **unused)
{
	prob *p = tr_lib("diagdom", "n=20");
	char err[256];
	run *r = tr_try(p, "lincg", NULL, NULL, err, sizeof err);
	assert_null(r);
	assert_non_null(strstr(err, "symmetric"));
	prob_free(p);
	const problib_entry *e = problib_find("rosenbrock");
	p = problib_make(e, NULL, err, sizeof err);
	r = tr_try(p, "sor", NULL, NULL, err, sizeof err);
	assert_null(r);
	assert_non_null(strstr(err, "linear system"));
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(poisson_rates),  cmocka_unit_test(sor_best_omega),
	    cmocka_unit_test(kaczmarz_bound), cmocka_unit_test(cg_n_steps),
	    cmocka_unit_test(chebyshev_rate), cmocka_unit_test(all_solve),
	    cmocka_unit_test(learnsor_learns), cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
