/* test_cmaes: CMA-ES against what is known of it: invariance under increasing transforms
 * of f, a learned covariance that whitens an ill-conditioned Hessian, IPOP restarts on
 * Rastrigin, seeded determinism and counted evaluations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmaes.h"
#include "dense.h"
#include "optlab.h"
#include "testrun.h"

static prob *expr_prob(const char *src)
{
	expr_error e;
	prob *p = prob_from_expr("p", src, NULL, &e);
	if (!p)
		fail_msg("%s: %s", src, e.msg);
	return p;
}

static prob *lib(const char *name, const char *args)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	assert_int_equal(tr_apply(e->params, e->nparams, args, v), 0);
	char err[256];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	return p;
}

static run *seeded(const prob *p, const char *args, const double *x0, uint64_t seed)
{
	return tr_seeded(p, "cmaes", args, x0, seed);
}

/* Only ranks matter: on f and exp(f) every sample and every mean are the same bits. */
static void test_rank_invariance(void **state)
{
	(void)state;
	const char *f = "(x - 1)^2 + 2*(y + 0.5)^2 + 3*(z - 2)^2 + x*y + (w + 1)^2";
	char g[256];
	snprintf(g, sizeof g, "exp(%s)", f);
	prob *p = expr_prob(f), *q = expr_prob(g);
	const double x0[4] = {0.5, 0.5, 0.5, 0.5};
	run *a = seeded(p, "sigma=0.5", x0, 7), *b = seeded(q, "sigma=0.5", x0, 7);
	assert_int_equal(run_step(a, 40, NULL), 40);
	assert_int_equal(run_step(b, 40, NULL), 40);
	const trace *ta = run_trace(a), *tb = run_trace(b);
	for (long i = 0; i <= 40; i++) {
		assert_memory_equal(trace_x(ta, i), trace_x(tb, i), 4 * sizeof(double));
		const double *pa, *pb;
		int ka = trace_probes(ta, i, &pa), kb = trace_probes(tb, i, &pb);
		assert_int_equal(ka, kb);
		assert_memory_equal(pa, pb, (size_t)ka * 4 * sizeof(double));
		assert_true(fabs(exp(trace_row_at(ta, i)->f) - trace_row_at(tb, i)->f) <=
		            1e-12 * trace_row_at(tb, i)->f);
	}
	run_free(a);
	run_free(b);
	prob_free(p);
	prob_free(q);
}

/* On a rotated quadratic of condition 10^6 in 10-D, C learns H^-1 up to a factor:
 * cond(C^(1/2) H C^(1/2)) = cond(L' H L) for C = L L' falls below 10. */
static void test_learns_hessian(void **state)
{
	(void)state;
	enum { N = 10 };
	prob *p = lib("quadratic", "n=10 cond=1e6 seed=3 rotate=1");
	double x0[N];
	for (int i = 0; i < N; i++)
		x0[i] = 1;
	run *r = seeded(p, "sigma=1", x0, 11);
	run_step(r, 3000, NULL);
	assert_true(run_f(r) < 1e-10); /* the run went well down the valley */
	static double c[N * N], h[N * N], m[N * N], e[N];
	assert_int_equal(cmaes_covariance(run_state(r), c), 0);
	p->ops->hess(p->ctx, x0, h);
	assert_int_equal(dense_cholesky(c, N), 0); /* L in the lower triangle */
	for (int i = 0; i < N; i++) /* m = L' H L */
		for (int j = 0; j < N; j++) {
			double s = 0;
			for (int k = i; k < N; k++)
				for (int l = j; l < N; l++)
					s += c[k * N + i] * h[k * N + l] * c[l * N + j];
			m[i * N + j] = s;
		}
	assert_int_equal(dense_eigsym(m, N, e, NULL), 0);
	double cond = e[N - 1] / e[0];
	print_message("cmaes: cond(C^1/2 H C^1/2) = %.3g after %ld generations (H: 1e6)\n", cond,
	              run_iter(r));
	assert_true(e[0] > 0 && cond < 10);
	run_free(r);
	prob_free(p);
}

/* Rastrigin in 10-D over [-5.12, 5.12]^10, IPOP restarts: the global minimum within
 * 2 10^5 evaluations (f < 1e-8), in most of 20 seeds. */
static void test_ipop_rastrigin(void **state)
{
	(void)state;
	prob *p = lib("rastrigin", "n=10");
	prox_attach_set(p, prox_box(-5.12, 5.12));
	int ok = 0;
	long evals = 0;
	for (uint64_t seed = 1; seed <= 20; seed++) {
		run *r = seeded(p, "restarts=9", NULL, seed);
		const trace *t = run_trace(r);
		while (run_status(r) == RUN_RUNNING && run_f(r) > 1e-8 &&
		       trace_row_at(t, trace_len(t) - 1)->nf < 200000)
			run_step(r, 1, NULL);
		if (run_f(r) <= 1e-8) {
			ok++;
			evals += trace_row_at(t, trace_len(t) - 1)->nf;
		}
		run_free(r);
	}
	print_message("cmaes IPOP on rastrigin 10-D: %d of 20 seeds reach f < 1e-8 within 2e5 "
	              "evaluations (mean %ld evaluations when they do)\n",
	              ok, ok ? evals / ok : 0);
	assert_true(ok >= 15);
	prob_free(p);
}

/* tolfun stops the population on Rastrigin: the run names tolfun, and says
 * "converged" only at a stationary point (gradient 2 x_i + 20 pi sin(2 pi x_i) down by
 * 1e-5 from the start's), never where that gradient is far from zero (its best sample
 * off the minimum the population sits in); with gtol above the gradient at its end a
 * run that reached the global minimum is called converged. */
static void test_tolfun_not_converged(void **state)
{
	(void)state;
	prob *p = lib("rastrigin", "");
	int n = p->n, stuck = 0, home = 0;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		run *r = seeded(p, "sigma=2 lambda=40", NULL, seed);
		run_step(r, 5000, NULL);
		const double *x = run_x(r);
		double g2 = 0;
		for (int i = 0; i < n; i++) {
			double gi = 2 * x[i] + 20 * M_PI * sin(2 * M_PI * x[i]);
			g2 += gi * gi;
		}
		const trace *t = run_trace(r);
		double gnorm = trace_row_at(t, trace_len(t) - 1)->gnorm;
		assert_true(fabs(gnorm - sqrt(g2)) <= 1e-9 * (1 + sqrt(g2)));
		/* converged only where the gradient fell by 1e-5 from the start's; a gradient
		 * above 1 leaves a descent direction that the run names */
		double g0 = trace_row_at(t, 0)->gnorm;
		if (gnorm <= 1e-5 * fmax(1, g0))
			assert_int_equal(run_status(r), RUN_CONVERGED);
		else if (gnorm > 1)
			assert_int_equal(run_status(r), RUN_NO_PROGRESS);
		assert_non_null(strstr(run_message(r), "tolfun"));
		if (run_f(r) > 0.1 && gnorm > 1)
			stuck++;
		if (run_f(r) < 1e-10) {
			run_free(r);
			run_opts o;
			run_opts_default(&o);
			o.seed = seed;
			o.gtol = 2 * gnorm;
			const meth *m = meth_find("cmaes");
			double v[PARAM_MAX];
			param_defaults(m->params, m->nparams, v);
			assert_int_equal(tr_apply(m->params, m->nparams, "sigma=2 lambda=40", v), 0);
			char err[256];
			r = run_new(p, m, v, NULL, &o, err, sizeof err);
			assert_non_null(r);
			run_step(r, 5000, NULL);
			assert_int_equal(run_status(r), RUN_CONVERGED);
			home++;
		}
		run_free(r);
	}
	assert_true(stuck >= 1);
	assert_true(home >= 1);
	prob_free(p);
}

/* Every evaluated point is counted: lambda a generation, plus the start. */
static void test_counts_and_seed(void **state)
{
	(void)state;
	prob *p = lib("rosenbrock", "n=4");
	run *a = seeded(p, "", NULL, 5), *b = seeded(p, "", NULL, 5), *c = seeded(p, "", NULL, 6);
	run_step(a, 30, NULL);
	run_step(b, 30, NULL);
	run_step(c, 30, NULL);
	int lambda = 4 + (int)floor(3 * log(4.0));
	assert_int_equal(trace_row_at(run_trace(a), 30)->nf, 1 + 30 * lambda);
	assert_memory_equal(run_x(a), run_x(b), 4 * sizeof(double));
	assert_true(memcmp(run_x(a), run_x(c), 4 * sizeof(double)) != 0);
	run_free(a);
	run_free(b);
	run_free(c);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rank_invariance),
	    cmocka_unit_test(test_learns_hessian),
	    cmocka_unit_test(test_ipop_rastrigin),
	    cmocka_unit_test(test_counts_and_seed),
	    cmocka_unit_test(test_tolfun_not_converged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
