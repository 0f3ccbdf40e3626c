/* problib_sum: the library's finite sums on generated data (dataset.h, prob_sum.h).
 * x* is computed by Newton when it is cheap (solve_cheap), else unknown. */
#include <stdio.h>
#include <string.h>

#include "prob_sum.h"
#include "problib.h"
#include "problib_int.h"

#define PSUM_MAX_MD 2e8      /* entries of the design matrix (1.6 GB) */
#define PSUM_SOLVE_MAX 4e9   /* flops of one Newton step: the Hessian and its Cholesky factor */
#define PSUM_SOLVE_N 4000    /* unknowns: the dense Hessian's n^2 doubles (128 MB) */

/* Newton's x* is cheap: forming the Hessian costs m n^2, factoring it n^3 / 3,
 * and a wide problem (n >> m) pays the second (a 1 x 10^4 data set: 3 10^11). */
static int solve_cheap(double m, double n)
{
	return n <= PSUM_SOLVE_N && m * n * n + n * n * n / 3 <= PSUM_SOLVE_MAX;
}
#define SEED_MAX 9007199254740992.0

const param_def problib_leastsq_params[5] = {
    {"m", 1000, 1, 1e7, "data points (components of the sum)", NULL, 1},
    {"d", 2, 1, 10000, "features (the dimension)", NULL, 1},
    {"seed", 1, 0, SEED_MAX, "seed of the data", NULL, 1},
    {"lambda", 0.01, 0, 1e6, "l2 regularization lambda/2 |x|^2", NULL, 0},
    {"noise", 0.5, 0, 1e6, "standard deviation of the label noise", NULL, 0},
};

const param_def problib_logreg_params[5] = {
    {"m", 1000, 1, 1e7, "data points (components of the sum)", NULL, 1},
    {"d", 2, 1, 10000, "features (the dimension)", NULL, 1},
    {"seed", 1, 0, SEED_MAX, "seed of the data", NULL, 1},
    {"lambda", 0.01, 0, 1e6, "l2 regularization lambda/2 |x|^2 (> 0: x* unique)", NULL, 0},
    {"scale", 2, 0, 1e3, "standard deviation of the ground truth's entries", NULL, 0},
};

const param_def problib_softmax_params[6] = {
    {"m", 1000, 1, 1e7, "data points (components of the sum)", NULL, 1},
    {"d", 2, 1, 10000, "features", NULL, 1},
    {"k", 3, 2, 64, "classes (the dimension is k d)", NULL, 1},
    {"seed", 1, 0, SEED_MAX, "seed of the data", NULL, 1},
    {"lambda", 0.01, 0, 1e6, "l2 regularization lambda/2 |X|^2 (> 0: X* unique)", NULL, 0},
    {"scale", 2, 0, 1e3, "standard deviation of the ground truth's entries", NULL, 0},
};

static prob *make(const char *name, enum ds_kind kind, double m, int d, int k, double seed,
                  double lambda, double scale, double noise, char *err, size_t cap)
{
	if (m * d * k > PSUM_MAX_MD) {
		snprintf(err, cap, "%s: m d k = %g exceeds the limit %g", name, m * d * k,
		         PSUM_MAX_MD);
		return NULL;
	}
	ds *data = ds_gauss(kind, (long)m, d, k, scale, noise, (uint64_t)seed);
	if (!data) {
		snprintf(err, cap, "%s: out of memory for the data", name);
		return NULL;
	}
	double n = (double)d * k;
	prob *p = psum_new(name, data, lambda, solve_cheap(m, n), err, cap);
	if (!p)
		return NULL;
	char desc[200];
	snprintf(desc, sizeof desc, "%s on %ld generated points in %d features, lambda = %g",
	         kind == DS_LINEAR ? "least squares" : kind == DS_LOGISTIC ? "logistic loss"
	                                                                  : "softmax loss",
	         (long)m, d, lambda);
	if (prob_set_desc(p, desc)) {
		prob_free(p);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	return p;
}

prob *problib_leastsq(const double *v, char *err, size_t cap)
{
	return make("leastsq", DS_LINEAR, v[0], (int)v[1], 1, v[2], v[3], 1, v[4], err, cap);
}

prob *problib_logreg(const double *v, char *err, size_t cap)
{
	return make("logreg", DS_LOGISTIC, v[0], (int)v[1], 1, v[2], v[3], v[4], 0, err, cap);
}

prob *problib_softmax(const double *v, char *err, size_t cap)
{
	return make("softmax", DS_SOFTMAX, v[0], (int)v[1], (int)v[2], v[3], v[4], v[5], 0, err,
	            cap);
}

prob *problib_on_data(const char *name, ds *data, double lambda, const char *desc, char *err,
                      size_t cap)
{
	if (strcmp(name, "lasso") == 0)
		return problib_lasso_build(name, data, lambda, desc, NULL, err, cap);
	enum ds_kind kind = strcmp(name, "logreg") == 0    ? DS_LOGISTIC
	                    : strcmp(name, "softmax") == 0 ? DS_SOFTMAX
	                                                   : DS_LINEAR;
	if (data->kind != kind || (strcmp(name, "leastsq") && kind == DS_LINEAR)) {
		snprintf(err, cap, "%s: no such problem on data (leastsq, logreg, softmax, lasso)",
		         name);
		ds_free(data);
		return NULL;
	}
	double m = (double)data->m, n = (double)data->d * data->k;
	if (m * n > PSUM_MAX_MD) {
		snprintf(err, cap, "%s: %s = %g exceeds the limit %g", name,
		         kind == DS_SOFTMAX ? "m d k" : "m d", m * n, PSUM_MAX_MD);
		ds_free(data);
		return NULL;
	}
	prob *p = psum_new(name, data, lambda, solve_cheap(m, n), err, cap);
	if (p && prob_set_desc(p, desc)) {
		prob_free(p);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	return p;
}
