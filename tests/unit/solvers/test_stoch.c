/* test_stoch: finite-sum problems (dataset, prob_sum) and the stochastic methods
 * (stoch.h): component gradients against the full gradient and finite differences,
 * x* by Newton, sgd's 1/k convergence and its noise ball, the linear rates of svrg
 * and saga, the adaptive family near the minimizers, clipping under heavy-tailed
 * noise, epochs and the evaluation schedule, determinism with a seed. Seeds,
 * tolerances and budgets are stated in each test; every check reads a measured trace. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dataset.h"
#include "optlab.h"
#include "stoch_fixture.h"
#include "prob_sum.h"

#define LOGREG "m=1000,d=2,seed=1,lambda=0.1"


static double last_dist(const run *r)
{
	const trace *t = run_trace(r);
	return trace_row_at(t, trace_len(t) - 1)->dist;
}

static double norm(const double *v, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] * v[i];
	return sqrt(s);
}

/* ---- data and problems ---- */

static void test_dataset(void **state)
{
	(void)state;
	ds *a = ds_gauss(DS_LOGISTIC, 500, 3, 1, 2, 0, 5), *b = ds_gauss(DS_LOGISTIC, 500, 3, 1, 2, 0, 5);
	ds *c = ds_gauss(DS_LOGISTIC, 500, 3, 1, 2, 0, 6);
	assert_memory_equal(a->a, b->a, 500 * 3 * sizeof(double));
	assert_memory_equal(a->b, b->b, 500 * sizeof(double));
	assert_true(memcmp(a->a, c->a, 500 * 3 * sizeof(double)) != 0);
	long agree = 0; /* labels follow the ground truth's sign more often than not */
	for (long i = 0; i < 500; i++) {
		double z = 0;
		for (int j = 0; j < 3; j++)
			z += a->a[i * 3 + j] * a->wtrue[j];
		assert_true(a->b[i] == 1 || a->b[i] == -1);
		agree += (z > 0) == (a->b[i] > 0);
	}
	assert_true(agree > 300);
	ds *s = ds_gauss(DS_SOFTMAX, 200, 2, 4, 1, 0, 1);
	for (long i = 0; i < 200; i++)
		assert_true(s->b[i] >= 0 && s->b[i] <= 3 && s->b[i] == floor(s->b[i]));
	assert_null(ds_gauss(DS_SOFTMAX, 10, 2, 1, 1, 0, 1));
	ds_free(a);
	ds_free(b);
	ds_free(c);
	ds_free(s);
}

/* The mean of the components is the full gradient; components match central
 * differences of their values; x* has a zero gradient; Hv matches the dense H. */
static void check_sum(prob *p)
{
	int n = p->n;
	double x[64], g[64], gi[64], acc[64] = {0}, h[64 * 64], hv[64], v[64], hx[64];
	for (int j = 0; j < n; j++) {
		x[j] = 0.3 * (j + 1) - 0.5;
		v[j] = 1.0 / (j + 2);
	}
	double f = p->ops->grad(p->ctx, x, g), fs = 0;
	for (long i = 0; i < p->sum->m; i++) {
		p->sum->comp_grad(p->sum->ctx, i, x, gi);
		fs += p->sum->comp_value(p->sum->ctx, i, x);
		for (int j = 0; j < n; j++)
			acc[j] += gi[j] / (double)p->sum->m;
	}
	assert_true(fabs(fs / (double)p->sum->m - f) < 1e-12);
	for (int j = 0; j < n; j++)
		assert_true(fabs(acc[j] - g[j]) < 1e-12);
	p->sum->comp_grad(p->sum->ctx, 7, x, gi);
	for (int j = 0; j < n; j++) {
		double e = 1e-6, xp[64], xm[64];
		memcpy(xp, x, sizeof xp);
		memcpy(xm, x, sizeof xm);
		xp[j] += e;
		xm[j] -= e;
		double fd = (p->sum->comp_value(p->sum->ctx, 7, xp) -
		             p->sum->comp_value(p->sum->ctx, 7, xm)) / (2 * e);
		assert_true(fabs(fd - gi[j]) < 1e-7);
	}
	p->ops->hess(p->ctx, x, h);
	p->ops->hessvec(p->ctx, x, v, hv);
	for (int j = 0; j < n; j++) {
		hx[j] = 0;
		for (int l = 0; l < n; l++)
			hx[j] += h[j * n + l] * v[l];
		assert_true(fabs(hx[j] - hv[j]) < 1e-12);
	}
	assert_int_equal(p->nsol, 1);
	p->ops->grad(p->ctx, p->xstar, g);
	assert_true(norm(g, n) <= 1e-12);
	assert_true(fabs(p->ops->value(p->ctx, p->xstar) - p->fstar) < 1e-15);
}

static void test_problems(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", LOGREG);
	assert_true(p->caps & PROB_SUM);
	assert_int_equal(p->sum->m, 1000);
	check_sum(p);
	prob *q = prob_clone(p); /* clones share the data and answer the same */
	assert_non_null(q);
	double x[2] = {0.3, -0.2};
	assert_true(q->ops->value(q->ctx, x) == p->ops->value(p->ctx, x));
	prob_free(p);
	assert_true(q->sum->comp_value(q->sum->ctx, 3, x) > 0);
	prob_free(q);
	p = mkprob("leastsq", "m=300,d=3,seed=2,lambda=0");
	check_sum(p);
	prob_free(p);
	p = mkprob("softmax", "m=300,d=2,k=3,seed=3");
	assert_int_equal(p->n, 6);
	check_sum(p);
	prob_free(p);
	double big[5] = {1e7, 100, 1, 0.01, 2}; /* m d above the data limit */
	char err[200];
	assert_null(problib_make(problib_find("logreg"), big, err, sizeof err));
	assert_string_equal(err, "logreg: m d k = 1e+09 exceeds the limit 2e+08");
}

/* ---- methods ---- */

/* sgd with a = 2 k0 / (k0 + k), k0 = 50, seed 7: within 0.05 of x* on average over the
 * last 10^4 of 4 10^4 steps (40 epochs); a constant step stalls in a ball whose mean
 * radius shrinks by at least 1/3 when the step is divided by 4 (theory: by 1/2). */
static void test_sgd(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", LOGREG);
	double z[2] = {0, 0};
	run *r = mkrun("sgd", "step=2,schedule=invk,k0=50", p, z, 40000, 7);
	double d_invk = mean_dist(r, 30000);
	assert_true(d_invk < 0.05);
	run_free(r);
	double ball[2];
	const char *steps[2] = {"step=0.4", "step=0.1"};
	for (int k = 0; k < 2; k++) {
		r = mkrun("sgd", steps[k], p, z, 40000, 7);
		ball[k] = mean_dist(r, 20000);
		assert_true(ball[k] > d_invk); /* a noise ball, not convergence */
		run_free(r);
	}
	assert_true(ball[1] < ball[0] * 2 / 3);
	assert_true(ball[1] > ball[0] / 4); /* and it scales like sqrt(a), not a */
	prob_free(p);
}

/* The slope of log10 dist against epochs, by least squares over rows whose dist is
 * above 1e-12 (below, rounding rules). */
static double log_slope(const run *r)
{
	const trace *t = run_trace(r);
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	long k = 0;
	for (long i = 0; i < trace_len(t); i++) {
		double d = trace_row_at(t, i)->dist, e = trace_extra(t, i, 0);
		if (!(d > 1e-12))
			break;
		double y = log10(d);
		sx += e;
		sy += y;
		sxx += e * e;
		sxy += e * y;
		k++;
	}
	return (k * sxy - sx * sy) / (k * sxx - sx * sx);
}

/* svrg and saga, step 0.2, seed 7: linear convergence on the same problem, below
 * 1e-9 within 40 epochs, at least 0.15 decades an epoch. */
static void test_variance_reduction(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", LOGREG);
	double z[2] = {0, 0};
	const char *ms[2] = {"svrg", "saga"};
	for (int k = 0; k < 2; k++) {
		run *r = mkrun(ms[k], "step=0.2", p, z, 40000, 7);
		const trace *t = run_trace(r);
		long at = 0;
		while (at < trace_len(t) && trace_extra(t, at, 0) <= 40)
			at++;
		if (getenv("OPTLAB_TEST_VERBOSE"))
			printf("%s: %.3g at epoch 40\n", ms[k], trace_row_at(t, at - 1)->dist);
		assert_true(trace_row_at(t, at - 1)->dist < 1e-8);
		double s = log_slope(r);
		if (getenv("OPTLAB_TEST_VERBOSE"))
			printf("%s: %.3f decades an epoch\n", ms[k], s);
		assert_true(s < -0.15);
		run_free(r);
	}
	prob_free(p);
}

typedef struct acase {
	const char *meth, *params;
	const char *prob, *pparams;
	double a, b;
	long steps;
	double tol; /* the distance to x* at the end */
} acase;

/* The adaptive family from (-1.2, 1) on Rosenbrock (exact gradients) and from 0 on the
 * logistic regression (single samples, seed 7). */
static const acase acases[] = {
    {"adam", "step=0.01", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-4},
    {"adamw", "step=0.01,wd=0", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-4},
    {"amsgrad", "step=0.01", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-3},
    {"rmsprop", "step=0.001", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-2},
    {"adagrad", "step=0.5", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-4},
    {"diffgrad", "step=0.01", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-4},
    {"lion", "step=0.001", "rosenbrock", "n=2", -1.2, 1, 20000, 1e-2},
    {"adam", "step=0.01", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"adamw", "step=0.01,wd=0", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"amsgrad", "step=0.01", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"rmsprop", "step=0.01", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"adagrad", "step=0.5", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"diffgrad", "step=0.01", "logreg", LOGREG, 0, 0, 5000, 0.15},
    {"lion", "step=0.001", "logreg", LOGREG, 0, 0, 5000, 0.15},
};

static void test_adaptive(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof acases / sizeof *acases; k++) {
		const acase *c = &acases[k];
		prob *p = mkprob(c->prob, c->pparams);
		double x0[2] = {c->a, c->b};
		run *r = mkrun(c->meth, c->params, p, x0, c->steps, 7);
		double d = last_dist(r), d0 = trace_row_at(run_trace(r), 0)->dist;
		if (getenv("OPTLAB_TEST_VERBOSE"))
			printf("%s on %s: %.3e after %ld\n", c->meth, c->prob, d, run_iter(r));
		if (!(d < c->tol))
			print_error("%s on %s: %g\n", c->meth, c->prob, d);
		assert_true(d < c->tol && d < d0);
		run_free(r);
		prob_free(p);
	}
}

/* Student-t noise of scale 3 on Rosenbrock's gradient, step 1e-3, 2 10^4 steps from
 * (-1.2, 1), seeds 1..5. With 2 degrees of freedom (infinite variance), clipping at 3
 * keeps the iterates closer to x* over the second half: the mean distance over the
 * seeds at most 0.6 times sgd's. With 1 (Cauchy), sgd diverges on every seed while
 * clipsgd stays within 0.3 of x* on average. */
static void test_clipping(void **state)
{
	(void)state;
	prob *p = mkprob("rosenbrock", "n=2");
	double x0[2] = {-1.2, 1}, sa = 0, sb = 0;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		run *a = mkrun("sgd", "step=0.001,noise=3,noisedist=student,dof=2", p, x0, 20000, seed);
		run *b = mkrun("clipsgd", "step=0.001,clip=3,noise=3,noisedist=student,dof=2", p, x0,
		               20000, seed);
		assert_int_equal(run_status(a), RUN_RUNNING);
		sa += mean_dist(a, 10000);
		sb += mean_dist(b, 10000);
		assert_true(trace_extra(run_trace(b), 20000, 1) > 0); /* some steps were clipped */
		run_free(a);
		run_free(b);
		a = mkrun("sgd", "step=0.001,noise=3,noisedist=student,dof=1", p, x0, 20000, seed);
		b = mkrun("clipsgd", "step=0.001,clip=3,noise=3,noisedist=student,dof=1", p, x0, 20000,
		          seed);
		assert_int_equal(run_status(a), RUN_DIVERGED);
		assert_int_equal(run_status(b), RUN_RUNNING);
		assert_true(mean_dist(b, 10000) < 0.3);
		run_free(a);
		run_free(b);
	}
	if (getenv("OPTLAB_TEST_VERBOSE"))
		printf("student 2: sgd %.3g clipsgd %.3g\n", sa / 5, sb / 5);
	assert_true(sb < 0.6 * sa);
	prob_free(p);
}

/* Epochs count component gradients / m; the full f is evaluated once an epoch, or
 * every evalevery steps, and held in between; noise 0 on a plain problem is gd. */
static void test_epochs_and_eval(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", LOGREG);
	double z[2] = {0, 0};
	run *r = mkrun("sgd", "step=0.1,batch=10", p, z, 250, 3);
	const trace *t = run_trace(r);
	assert_true(trace_extra(t, 100, 0) == 1.0 && trace_extra(t, 250, 0) == 2.5);
	assert_int_equal(trace_row_at(t, 250)->nf, 3); /* the start and two epochs */
	assert_true(trace_row_at(t, 101)->f == trace_row_at(t, 199)->f);
	assert_true(trace_row_at(t, 200)->f != trace_row_at(t, 199)->f);
	assert_true(trace_row_at(t, 200)->f == p->ops->value(p->ctx, trace_x(t, 200)));
	run_free(r);
	r = mkrun("sgd", "step=0.1,evalevery=7", p, z, 70, 3);
	assert_int_equal(trace_row_at(run_trace(r), 70)->nf, 11);
	run_free(r);
	r = mkrun("saga", "step=0.1", p, z, 10, 3); /* the table costs an epoch */
	assert_true(trace_extra(run_trace(r), 10, 0) == 1.01);
	run_free(r);
	prob_free(p);
	p = mkprob("rosenbrock", "n=2");
	double x0[2] = {-1.2, 1}, g[2];
	r = mkrun("sgd", "step=0.001", p, x0, 1, 3);
	p->ops->grad(p->ctx, x0, g);
	assert_true(run_x(r)[0] == -1.2 - 0.001 * g[0] && run_x(r)[1] == 1 - 0.001 * g[1]);
	run_free(r);
	prob_free(p);
}

/* The same seed gives the same trace bit for bit; another seed another trace. */
static void test_determinism(void **state)
{
	(void)state;
	prob *p = mkprob("logreg", LOGREG);
	double z[2] = {0, 0};
	const char *ms[] = {"sgd", "clipsgd", "svrg", "saga", "adam", "lion"};
	for (size_t k = 0; k < sizeof ms / sizeof *ms; k++) {
		run *a = mkrun(ms[k], "step=0.01,noise=0.5,batch=3,replacement=1", p, z, 500, 11);
		run *b = mkrun(ms[k], "step=0.01,noise=0.5,batch=3,replacement=1", p, z, 500, 11);
		run *c = mkrun(ms[k], "step=0.01,noise=0.5,batch=3,replacement=1", p, z, 500, 12);
		const trace *ta = run_trace(a), *tb = run_trace(b), *tc = run_trace(c);
		for (long i = 0; i <= 500; i++) {
			assert_memory_equal(trace_x(ta, i), trace_x(tb, i), 2 * sizeof(double));
			assert_true(trace_row_at(ta, i)->f == trace_row_at(tb, i)->f);
		}
		assert_true(memcmp(trace_x(ta, 500), trace_x(tc, 500), 2 * sizeof(double)) != 0);
		run_free(a);
		run_free(b);
		run_free(c);
	}
	prob_free(p);
}

/* The component sgd used at each step, read back from the iterates: the one whose
 * gradient at x_{k-1} is (x_{k-1} - x_k) / step. -1 when none matches. */
static void steps_components(const prob *p, const run *r, long steps, double a, long *idx)
{
	const trace *t = run_trace(r);
	for (long k = 1; k <= steps; k++) {
		const double *x0 = trace_x(t, k - 1), *x1 = trace_x(t, k);
		idx[k - 1] = -1;
		for (long i = 0; i < p->sum->m; i++) {
			double g[2];
			p->sum->comp_grad(p->sum->ctx, i, x0, g);
			if (fabs(x0[0] - a * g[0] - x1[0]) < 1e-12 && fabs(x0[1] - a * g[1] - x1[1]) < 1e-12)
				idx[k - 1] = i;
		}
	}
}

/* The sampler: with replacement, step k uses the k-th draw of the run's seeded rng
 * (looking one draw ahead for the prefetch must not reorder them); shuffled passes
 * use every component once an epoch. */
static void test_sampler(void **state)
{
	(void)state;
	enum { M = 20, STEPS = 60 };
	prob *p = mkprob("leastsq", "m=20,d=2,seed=4");
	double z[2] = {0.5, -0.5};
	long idx[STEPS];
	run *r = mkrun("sgd", "step=0.01,replacement=1", p, z, STEPS, 9);
	steps_components(p, r, STEPS, 0.01, idx);
	rng g;
	rng_seed(&g, 9);
	for (long k = 0; k < STEPS; k++)
		assert_int_equal(idx[k], rng_below(&g, M));
	run_free(r);
	r = mkrun("sgd", "step=0.01", p, z, STEPS, 9);
	steps_components(p, r, STEPS, 0.01, idx);
	for (long e = 0; e < STEPS / M; e++) {
		int seen[M] = {0};
		for (long k = 0; k < M; k++) {
			assert_true(idx[e * M + k] >= 0);
			seen[idx[e * M + k]]++;
		}
		for (int i = 0; i < M; i++)
			assert_int_equal(seen[i], 1);
	}
	run_free(r);
	prob_free(p);
}

/* Schedules: the multiplier at steps 0 and k for each. */
static void test_schedules(void **state)
{
	(void)state;
	prob *p = mkprob("rosenbrock", "n=2");
	double x0[2] = {-1.2, 1};
	struct {
		const char *spec;
		long k;
		double mult;
	} cases[] = {
	    {"schedule=constant", 50, 1},
	    {"schedule=invk,k0=10", 30, 0.25},
	    {"schedule=invsqrt,k0=10", 30, 0.5},
	    {"schedule=stepdecay,k0=10,gamma=0.5", 25, 0.25},
	    {"schedule=cosine,horizon=60", 30, 0.5},
	    {"schedule=constant,warmup=4", 1, 0.5},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char spec[128];
		snprintf(spec, sizeof spec, "step=1e-6,%s", cases[i].spec);
		run *r = mkrun("sgd", spec, p, x0, cases[i].k + 1, 1);
		double got = trace_row_at(run_trace(r), cases[i].k + 1)->step;
		assert_true(fabs(got - 1e-6 * cases[i].mult) < 1e-18);
		run_free(r);
	}
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dataset),        cmocka_unit_test(test_problems),
	    cmocka_unit_test(test_sgd),            cmocka_unit_test(test_variance_reduction),
	    cmocka_unit_test(test_adaptive),       cmocka_unit_test(test_clipping),
	    cmocka_unit_test(test_epochs_and_eval), cmocka_unit_test(test_determinism),
	    cmocka_unit_test(test_schedules),      cmocka_unit_test(test_sampler),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
