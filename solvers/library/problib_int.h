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
extern const param_def problib_ctxbandit_params[4];
extern const param_def problib_klbandit_params[3];
extern const param_def problib_chain_params[3];
extern const param_def problib_cliff_params[3];
extern const param_def problib_randmdp_params[4];
prob *problib_bandit(const double *v, char *err, size_t cap);
prob *problib_ctxbandit(const double *v, char *err, size_t cap);
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
/* problib_multi.c: several objectives with their true Pareto fronts (PROB_MULTI) */
extern const param_def problib_zdt_params[1];
extern const param_def problib_quadpair_params[1];
prob *problib_zdt1(const double *v, char *err, size_t cap);
prob *problib_zdt2(const double *v, char *err, size_t cap);
prob *problib_zdt3(const double *v, char *err, size_t cap);
prob *problib_schaffer(const double *v, char *err, size_t cap);
prob *problib_quadpair(const double *v, char *err, size_t cap);
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
/* problib_bilevel.c: bilevel problems with closed-form answers (bilevel.h) */
extern const param_def problib_bltoy_params[2];
extern const param_def problib_blridge_params[5];
prob *problib_bltoy(const double *v, char *err, size_t cap);
prob *problib_blflat(const double *v, char *err, size_t cap);
prob *problib_blcon(const double *v, char *err, size_t cap);
prob *problib_blridge(const double *v, char *err, size_t cap);
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

/* problib_mgh.c: the More-Garbow-Hillstrom problems, f = sum_i r_i(x)^2 (mgh1 .. mgh35).
 * X(number, name, sizes, params) ORDER: MGH numbers */
#define PROBLIB_MGH_LIST(X) \
	X(1, "Rosenbrock", "n = 2", NULL, 0) \
	X(2, "Freudenstein and Roth", "n = 2", NULL, 0) \
	X(3, "Powell badly scaled", "n = 2", NULL, 0) \
	X(4, "Brown badly scaled", "n = 2, m = 3", NULL, 0) \
	X(5, "Beale", "n = 2, m = 3", NULL, 0) \
	X(6, "Jennrich and Sampson", "n = 2, m = 10", NULL, 0) \
	X(7, "helical valley", "n = 3", NULL, 0) \
	X(8, "Bard", "n = 3, m = 15", NULL, 0) \
	X(9, "Gaussian", "n = 3, m = 15", NULL, 0) \
	X(10, "Meyer", "n = 3, m = 16", NULL, 0) \
	X(11, "Gulf research and development", "n = 3, m = 99", NULL, 0) \
	X(12, "Box three-dimensional", "n = 3, m = 10", NULL, 0) \
	X(13, "Powell singular", "n = 4", NULL, 0) \
	X(14, "Wood", "n = 4, m = 6", NULL, 0) \
	X(15, "Kowalik and Osborne", "n = 4, m = 11", NULL, 0) \
	X(16, "Brown and Dennis", "n = 4, m = 20", NULL, 0) \
	X(17, "Osborne 1", "n = 5, m = 33", NULL, 0) \
	X(18, "Biggs EXP6", "n = 6, m = 13", NULL, 0) \
	X(19, "Osborne 2", "n = 11, m = 65", NULL, 0) \
	X(20, "Watson", "m = 31", problib_mgh_watson_params, 1) \
	X(21, "extended Rosenbrock", "n even", problib_mgh_n_params, 1) \
	X(22, "extended Powell singular", "n a multiple of 4", problib_mgh_powell_params, 1) \
	X(23, "penalty I", "m = n + 1", problib_mgh_n_params, 1) \
	X(24, "penalty II", "m = 2n", problib_mgh_n_params, 1) \
	X(25, "variably dimensioned", "m = n + 2", problib_mgh_n_params, 1) \
	X(26, "trigonometric", "m = n", problib_mgh_n_params, 1) \
	X(27, "Brown almost-linear", "m = n", problib_mgh_n_params, 1) \
	X(28, "discrete boundary value", "m = n", problib_mgh_n_params, 1) \
	X(29, "discrete integral equation", "m = n", problib_mgh_n_params, 1) \
	X(30, "Broyden tridiagonal", "m = n", problib_mgh_n_params, 1) \
	X(31, "Broyden banded", "m = n", problib_mgh_n_params, 1) \
	X(32, "linear function, full rank", "m >= n", problib_mgh_linear_params, 2) \
	X(33, "linear function, rank 1", "m >= n", problib_mgh_linear_params, 2) \
	X(34, "linear function, rank 1 with zero columns and rows", "m >= n", problib_mgh_linear_params, 2) \
	X(35, "Chebyquad", "m = n", problib_mgh_cheb_params, 1)
extern const param_def problib_mgh_n_params[1];
extern const param_def problib_mgh_watson_params[1];
extern const param_def problib_mgh_powell_params[1];
extern const param_def problib_mgh_cheb_params[1];
extern const param_def problib_mgh_linear_params[2];
/* MGH problem k (1 .. 35) with its params (n, m where it has them) */
prob *problib_mgh(int k, const double *v, char *err, size_t cap);
#define PROBLIB_MGH_DECL(k, title, sizes, params, np) \
	prob *problib_mgh##k(const double *v, char *err, size_t cap);
PROBLIB_MGH_LIST(PROBLIB_MGH_DECL)

#endif
