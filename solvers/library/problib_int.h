/* problib_int: the library's makers, shared by problib*.c only. */
#ifndef OPTLAB_PROBLIB_INT_H
#define OPTLAB_PROBLIB_INT_H

#include <stddef.h>

#include "dataset.h"
#include "param.h"
#include "prob.h"
#include "rng.h"

#define PROBLIB_MAX_N 10000000 /* dimension of the library's n-dimensional problems */

extern const param_def problib_n_params[1]; /* n alone: rosenbrock, rastrigin, ... */
extern const param_def problib_quad_params[4];

/* problib_classic.c: formulas through the expression compiler. */
prob *problib_rosenbrock(const double *v, char *err, size_t cap);
prob *problib_himmelblau(const double *v, char *err, size_t cap);
prob *problib_beale(const double *v, char *err, size_t cap);
prob *problib_booth(const double *v, char *err, size_t cap);
prob *problib_matyas(const double *v, char *err, size_t cap);
prob *problib_threehump(const double *v, char *err, size_t cap);
prob *problib_mccormick(const double *v, char *err, size_t cap);
prob *problib_goldsteinprice(const double *v, char *err, size_t cap);
prob *problib_branin(const double *v, char *err, size_t cap);
prob *problib_sixhumpcamel(const double *v, char *err, size_t cap);
prob *problib_rastrigin(const double *v, char *err, size_t cap);
prob *problib_styblinskitang(const double *v, char *err, size_t cap);
/* problib_ackley.c: by hand, with the subgradient 0 at the kink at the origin. */
prob *problib_ackley(const double *v, char *err, size_t cap);
/* problib_quad.c */
prob *problib_quadratic(const double *v, char *err, size_t cap);
/* Rows of qm (n x n) become a seeded random rotation (Haar, up to signs); -1 when
 * degenerate. */
int problib_rotation(double *qm, int n, uint64_t seed);
/* problib_density.c: target densities exp(-U) with known moments (PROB_DENSITY) */
extern const param_def problib_banana_params[2];
extern const param_def problib_mixture_params[1];
extern const param_def problib_laplace_params[2];
prob *problib_gaussian(const double *v, char *err, size_t cap);
prob *problib_banana(const double *v, char *err, size_t cap);
prob *problib_mixture(const double *v, char *err, size_t cap);
prob *problib_laplace(const double *v, char *err, size_t cap);
/* problib_fed.c: heterogeneous quadratics over K clients (PROB_SUM, one component each) */
extern const param_def problib_fedquad_params[4];
prob *problib_fedquad(const double *v, char *err, size_t cap);
/* problib_mdp.c: bandits and tabular MDPs over softmax policies (PROB_POLICY) */
extern const param_def problib_bandit_params[3];
extern const param_def problib_klbandit_params[3];
extern const param_def problib_chain_params[3];
extern const param_def problib_cliff_params[3];
extern const param_def problib_randmdp_params[4];
prob *problib_bandit(const double *v, char *err, size_t cap);
prob *problib_klbandit(const double *v, char *err, size_t cap);
prob *problib_chain(const double *v, char *err, size_t cap);
prob *problib_cliff(const double *v, char *err, size_t cap);
prob *problib_randmdp(const double *v, char *err, size_t cap);
extern const param_def problib_cmdp_params[5];
prob *problib_cmdp(const double *v, char *err, size_t cap);
extern const param_def problib_lqr_params[4];
prob *problib_lqr(const double *v, char *err, size_t cap);
/* problib_linsys.c: linear systems A x = b (linsys.h), x* chosen and b = A x* */
extern const param_def problib_poisson_params[2];
extern const param_def problib_randspd_params[3];
extern const param_def problib_diagdom_params[3];
prob *problib_poisson(const double *v, char *err, size_t cap);
prob *problib_randspd(const double *v, char *err, size_t cap);
prob *problib_diagdom(const double *v, char *err, size_t cap);
/* problib_games.c: min-max games (PROB_GAME), matrix games on simplices (PROB_MIRROR) */
extern const param_def problib_ccquad_params[2];
extern const param_def problib_negcomon_params[2];
extern const param_def problib_matrixgame_params[3];
prob *problib_bilinear(const double *v, char *err, size_t cap);
prob *problib_ccquad(const double *v, char *err, size_t cap);
prob *problib_negcomon(const double *v, char *err, size_t cap);
prob *problib_rps(const double *v, char *err, size_t cap);
prob *problib_matrixgame(const double *v, char *err, size_t cap);
extern const param_def problib_preference_params[2];
prob *problib_preference(const double *v, char *err, size_t cap);
/* problib_ot.c: entropic optimal transport (ot.h) */
extern const param_def problib_ot_params[5];
prob *problib_ot(const double *v, char *err, size_t cap);
/* problib_sum.c: finite sums on generated data (PROB_SUM) */
extern const param_def problib_leastsq_params[5];
extern const param_def problib_logreg_params[5];
extern const param_def problib_softmax_params[6];
prob *problib_leastsq(const double *v, char *err, size_t cap);
prob *problib_logreg(const double *v, char *err, size_t cap);
prob *problib_softmax(const double *v, char *err, size_t cap);
/* problib_lasso.c: the lasso on generated data with a k-sparse truth (x* by fista) */
extern const param_def problib_lasso_params[6];
prob *problib_lasso(const double *v, char *err, size_t cap);
extern const param_def problib_sparsecoding_params[6];
prob *problib_sparsecoding(const double *v, char *err, size_t cap);
/* The lasso on any data (taken, freed on failure too): r seeds the power iteration
 * (NULL: a fixed seed). */
prob *problib_lasso_build(const char *name, ds *data, double lambda, const char *desc, rng *r,
                          char *err, size_t cap);

#endif
