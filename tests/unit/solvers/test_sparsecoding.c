/* Sparse coding: the seeded dictionary has unit columns and the signal is D a + noise;
 * fista on min 1/2 |y - D x|^2 + lambda |x|_1 recovers the code's support (seed 3,
 * lambda 0.1, 64 samples, 128 atoms, 4 nonzeros), meets the lasso's optimality
 * conditions |D'(y - D x)|_j <= lambda (= lambda sign x_j on the support), and agrees
 * with the x* computed at construction. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"

#define M 64
#define D 128
#define K 4
#define SEED 3
#define LAMBDA 0.1
#define NOISE 0.01

static void test_dictionary(void **state)
{
	(void)state;
	ds *s = ds_sparse_code(M, D, K, NOISE, SEED);
	assert_non_null(s);
	double root = sqrt((double)M), res = 0;
	for (int j = 0; j < D; j++) { /* unit atoms (rows are stored times sqrt(m)) */
		double q = 0;
		for (int i = 0; i < M; i++)
			q += s->a[i * D + j] * s->a[i * D + j] / M;
		assert_true(fabs(q - 1) < 1e-12);
	}
	int nnz = 0;
	for (int j = 0; j < D; j++) {
		nnz += s->wtrue[j] != 0;
		if (s->wtrue[j] != 0)
			assert_true(fabs(s->wtrue[j]) >= 1 && fabs(s->wtrue[j]) <= 2);
	}
	assert_int_equal(nnz, K);
	for (int i = 0; i < M; i++) { /* y - D a is the noise: about NOISE per sample */
		double y = 0;
		for (int j = 0; j < D; j++)
			y += s->a[i * D + j] / root * s->wtrue[j];
		res += (s->b[i] / root - y) * (s->b[i] / root - y);
	}
	res = sqrt(res / M);
	assert_true(res > 0.5 * NOISE && res < 2 * NOISE);
	assert_null(ds_sparse_code(M, 3, 4, NOISE, SEED)); /* k > d */
	ds_free(s);
}

static void test_fista_support(void **state)
{
	(void)state;
	ds *s = ds_sparse_code(M, D, K, NOISE, SEED); /* the same data the problem draws */
	char err[256];
	double v[6] = {M, D, K, SEED, LAMBDA, NOISE};
	prob *p = problib_make(problib_find("sparsecoding"), v, err, sizeof err);
	assert_non_null(p);
	assert_non_null(s);
	assert_int_equal(p->n, D);
	assert_true(p->caps & PROB_PROX);
	const meth *m = meth_find("fista");
	double pv[PARAM_MAX];
	param_defaults(m->params, m->nparams, pv);
	pv[param_find(m->params, m->nparams, "restart")] = 2; /* function restarts */
	run_opts o;
	run_opts_default(&o);
	run *r = run_new(p, m, pv, NULL, &o, err, sizeof err);
	assert_non_null(r);
	run_step(r, 20000, NULL);
	const double *x = run_x(r);
	assert_int_equal(run_status(r), RUN_CONVERGED);
	for (int j = 0; j < D; j++) /* the support, exactly: prox zeros are exact zeros */
		assert_true((x[j] != 0) == (s->wtrue[j] != 0));
	/* optimality: c = D'(y - D x) with |c_j| <= lambda, = lambda sign x_j on the support */
	double root = sqrt((double)M), *res = malloc(M * sizeof *res);
	assert_non_null(res);
	for (int i = 0; i < M; i++) {
		res[i] = s->b[i] / root;
		for (int j = 0; j < D; j++)
			res[i] -= s->a[i * D + j] / root * x[j];
	}
	for (int j = 0; j < D; j++) {
		double c = 0;
		for (int i = 0; i < M; i++)
			c += s->a[i * D + j] / root * res[i];
		if (x[j] != 0)
			assert_true(fabs(c - LAMBDA * (x[j] > 0 ? 1 : -1)) < 1e-6);
		else
			assert_true(fabs(c) <= LAMBDA + 1e-6);
	}
	assert_int_equal(p->nsol, 1);
	for (int j = 0; j < D; j++)
		assert_true(fabs(x[j] - p->xstar[j]) < 1e-6);
	free(res);
	run_free(r);
	prob_free(p);
	ds_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dictionary),
	    cmocka_unit_test(test_fista_support),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
