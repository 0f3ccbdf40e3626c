/* problib_lasso: the lasso on generated data,
 *   F(x) = 1/m sum_i 1/2 (a_i'x - b_i)^2 + lambda |x|_1,
 * with the design of dataset.h (rows N(0, I/d)) and a k-sparse ground truth w: k
 * coordinates drawn without replacement from the seed, values +-(1 + U(0, 1)), labels
 * b = A w + noise N(0, 1). The smooth part is the least-squares finite sum of
 * prob_sum.h (lambda_2 = 0), so stochastic methods see its components too.
 *
 * x* is computed at construction by fista with the fixed step 1/L (L from 100 power
 * iterations on A'A/m, times 1.01) and function restarts, until the gradient mapping
 * |x+ - y| / t falls below 1e-12 (at most LASSO_SOLVE_ITERS steps); it is kept as the
 * known solution, with F*, when m d <= LASSO_SOLVE_MD, so that dist and f - f* work.
 * It is accurate to about 1e-12 / mu_min in x where the restricted curvature mu_min is
 * positive, a computed answer, not a closed form.
 *
 * Sparse coding is the same problem for one signal y = D a + noise in a seeded
 * dictionary D with unit columns (dataset.h, ds_sparse_code): min_a 1/2 |y - D a|^2 +
 * lambda |a|_1. problib_lasso_build also serves the lasso on data loaded from a file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prob_sum.h"
#include "problib_int.h"
#include "expr.h"
#include "prox.h"
#include "rng.h"
#include "run.h"

#define LASSO_MAX_MD 2e8
#define LASSO_SOLVE_MD 2e6
#define LASSO_SOLVE_ITERS 200000
#define LASSO_SOLVE_WORK 4e9 /* flops of the x* solve, a few seconds: m d per step, twice */
#define SEED_MAX 9007199254740992.0

const param_def problib_lasso_params[6] = {
    {"m", 100, 1, 1e7, "data points (rows of A)", NULL, 1},
    {"d", 20, 1, 10000, "features (the dimension)", NULL, 1},
    {"k", 3, 0, 10000, "nonzeros of the ground truth (at most d)", NULL, 1},
    {"seed", 1, 0, SEED_MAX, "seed of the data", NULL, 1},
    {"lambda", 0.05, 1e-12, 1e6, "the weight of |x|_1", NULL, 0},
    {"noise", 0.01, 0, 1e6, "standard deviation of the label noise", NULL, 0},
};

/* The largest eigenvalue of A'A/m by power iteration from a seeded start. */
static double lasso_lipschitz(const ds *s, rng *r)
{
	int d = s->d;
	double *v = malloc(2 * (size_t)d * sizeof *v), lam = 0;
	if (!v)
		return NAN;
	double *w = v + d;
	for (int j = 0; j < d; j++)
		v[j] = rng_normal(r);
	for (int it = 0; it < 100; it++) {
		double nv = 0;
		for (int j = 0; j < d; j++)
			nv += v[j] * v[j];
		nv = sqrt(nv);
		if (nv == 0)
			break;
		for (int j = 0; j < d; j++)
			v[j] /= nv;
		memset(w, 0, (size_t)d * sizeof *w);
		for (long i = 0; i < s->m; i++) {
			const double *a = s->a + (size_t)i * d;
			double av = 0;
			for (int j = 0; j < d; j++)
				av += a[j] * v[j];
			for (int j = 0; j < d; j++)
				w[j] += av * a[j];
		}
		lam = 0;
		for (int j = 0; j < d; j++) {
			w[j] /= (double)s->m;
			lam += w[j] * v[j];
		}
		memcpy(v, w, (size_t)d * sizeof *v);
	}
	free(v);
	return lam;
}

/* x* by fista to a gradient mapping of 1e-12 within LASSO_SOLVE_WORK (a large
 * problem with noisy labels never gets there: it ran 200,000 steps of m d); 0, or
 * -1 when it did not get there (x* stays unknown). */
static int lasso_solve(prob *p, double L, double md)
{
	const meth *m = meth_find("fista");
	if (!m || !(L > 0))
		return -1;
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	v[param_find(m->params, m->nparams, "step")] = 1 / (1.01 * L);
	v[param_find(m->params, m->nparams, "linesearch")] = 0;
	v[param_find(m->params, m->nparams, "restart")] = 2; /* function */
	run_opts o;
	run_opts_default(&o);
	o.gtol = 0;
	o.stall = 50;
	char err[256];
	run *r = run_new(p, m, v, NULL, &o, err, sizeof err);
	if (!r)
		return -1;
	int ok = -1;
	long iters = (long)fmin(LASSO_SOLVE_ITERS, LASSO_SOLVE_WORK / (2 * md));
	for (long k = 0; k < iters && !expr_interrupted(); k += 100) {
		run_step(r, 100, NULL);
		const trace *t = run_trace(r);
		double gm = trace_extra(t, trace_len(t) - 1, 0);
		if (gm <= 1e-12 || run_status(r) == RUN_CONVERGED) {
			ok = 0;
			break;
		}
		if (run_status(r) != RUN_RUNNING)
			break;
	}
	if (!ok) {
		const double *x = run_x(r);
		prob_set_solutions(p, 1, x, run_f(r));
	}
	run_free(r);
	return ok;
}

prob *problib_lasso(const double *v, char *err, size_t cap)
{
	long m = (long)v[0];
	int d = (int)v[1], k = (int)v[2];
	double lambda = v[4], noise = v[5];
	if (k > d) {
		snprintf(err, cap, "lasso: k = %d nonzeros exceed d = %d", k, d);
		return NULL;
	}
	if ((double)m * d > LASSO_MAX_MD) {
		snprintf(err, cap, "lasso: m d = %g exceeds the limit %g", (double)m * d,
		         LASSO_MAX_MD);
		return NULL;
	}
	ds *data = ds_gauss(DS_LINEAR, m, d, 1, 1, 0, (uint64_t)v[3]);
	int *idx = malloc((size_t)d * sizeof *idx);
	if (!data || !idx) {
		ds_free(data);
		free(idx);
		snprintf(err, cap, "lasso: out of memory for the data");
		return NULL;
	}
	rng r; /* the sparse truth and the noise: a stream of its own, from the same seed */
	rng_seed(&r, (uint64_t)v[3] ^ 0x6c6173736fULL);
	for (int j = 0; j < d; j++) {
		idx[j] = j;
		data->wtrue[j] = 0;
	}
	for (int j = 0; j < k; j++) { /* a partial Fisher-Yates shuffle picks the support */
		int q = j + (int)rng_below(&r, d - j), tmp = idx[j];
		idx[j] = idx[q];
		idx[q] = tmp;
		data->wtrue[idx[j]] = (rng_uniform(&r) < 0.5 ? -1 : 1) * (1 + rng_uniform(&r));
	}
	free(idx);
	for (long i = 0; i < m; i++) {
		const double *a = data->a + (size_t)i * d;
		double b = 0;
		for (int j = 0; j < d; j++)
			b += a[j] * data->wtrue[j];
		data->b[i] = b + noise * rng_normal(&r);
	}
	char desc[200];
	snprintf(desc, sizeof desc,
	         "lasso on %ld generated points in %d features, %d-sparse truth, lambda = %g", m, d,
	         k, lambda);
	return problib_lasso_build("lasso", data, lambda, desc, &r, err, cap);
}

prob *problib_lasso_build(const char *name, ds *data, double lambda, const char *desc, rng *r,
                          char *err, size_t cap)
{
	double md = (double)data->m * data->d;
	if (md > LASSO_MAX_MD) {
		snprintf(err, cap, "%s: m d = %g exceeds the limit %g", name, md, LASSO_MAX_MD);
		ds_free(data);
		return NULL;
	}
	rng own;
	if (!r) { /* data from elsewhere: the power iteration's start from a fixed seed */
		rng_seed(&own, 0x6c6173736fULL);
		r = &own;
	}
	double L = md <= LASSO_SOLVE_MD ? lasso_lipschitz(data, r) : NAN;
	prob *p = psum_new(name, data, 0, 0, err, cap);
	if (!p)
		return NULL;
	p->caps &= ~(unsigned)PROB_LSQ; /* F = f + norm1 is not a sum of squares */
	p->lsq = NULL;
	char why[200];
	prob_reg *g = prox_term_new("norm1", lambda, NAN, why, sizeof why);
	if (!g || prob_set_desc(p, desc)) {
		prox_reg_free(g);
		prob_free(p);
		snprintf(err, cap, "%s: %s", name, g ? "out of memory" : why);
		return NULL;
	}
	prox_attach_reg(p, g);
	if (md <= LASSO_SOLVE_MD)
		lasso_solve(p, L, md);
	return p;
}

const param_def problib_sparsecoding_params[6] = {
    {"m", 64, 1, 100000, "samples of the signal (rows of the dictionary)", NULL, 1},
    {"d", 128, 1, 10000, "atoms of the dictionary (the dimension)", NULL, 1},
    {"k", 4, 0, 10000, "nonzeros of the code (at most d)", NULL, 1},
    {"seed", 1, 0, SEED_MAX, "seed of the dictionary, the code and the noise", NULL, 1},
    {"lambda", 0.1, 1e-12, 1e6, "the weight of |a|_1", NULL, 0},
    {"noise", 0.01, 0, 1e6, "standard deviation of the noise on each sample", NULL, 0},
};

prob *problib_sparsecoding(const double *v, char *err, size_t cap)
{
	long m = (long)v[0];
	int d = (int)v[1], k = (int)v[2];
	if (k > d) {
		snprintf(err, cap, "sparsecoding: k = %d nonzeros exceed d = %d atoms", k, d);
		return NULL;
	}
	if ((double)m * d > LASSO_MAX_MD) {
		snprintf(err, cap, "sparsecoding: m d = %g exceeds the limit %g", (double)m * d,
		         LASSO_MAX_MD);
		return NULL;
	}
	ds *data = ds_sparse_code(m, d, k, v[5], (uint64_t)v[3]);
	if (!data) {
		snprintf(err, cap, "sparsecoding: out of memory for the data");
		return NULL;
	}
	char desc[200];
	snprintf(desc, sizeof desc,
	         "sparse coding: %ld samples, a dictionary of %d unit atoms, a %d-sparse code, "
	         "lambda = %g",
	         m, d, k, v[4]);
	return problib_lasso_build("sparsecoding", data, v[4], desc, NULL, err, cap);
}
