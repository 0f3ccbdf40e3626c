/* problib: the catalogue of built-in problems. Names are part of the command
 * language; aliases map other spellings onto them. */
#include "problib.h"

#include <stdio.h>
#include <string.h>

#include "problib_int.h"

const param_def problib_n_params[1] = {
    {"n", 2, 1, PROBLIB_MAX_N, "dimension", NULL, 1},
};
static const param_def rosen_params[1] = {
    {"n", 2, 2, PROBLIB_MAX_N, "dimension", NULL, 1},
};

#define N_PARAMS problib_n_params, 1
#define NO_PARAMS NULL, 0

static const problib_entry catalog[] = {
    {"rosenbrock", "Rosenbrock's banana valley, extended to n dimensions",
     "sum_{i<n} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2", rosen_params, 1, problib_rosenbrock},
    {"himmelblau", "four global minima of equal value", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
     NO_PARAMS, problib_himmelblau},
    {"beale", "a narrow curved valley with sharp ridges at the corners",
     "(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2", NO_PARAMS, problib_beale},
    {"booth", "a convex quadratic (plate-shaped)", "(x + 2 y - 7)^2 + (2 x + y - 5)^2", NO_PARAMS,
     problib_booth},
    {"matyas", "a flat convex quadratic", "0.26 (x^2 + y^2) - 0.48 x y", NO_PARAMS, problib_matyas},
    {"threehump", "three-hump camel: one global and two local minima",
     "2 x^2 - 1.05 x^4 + x^6/6 + x y + y^2", NO_PARAMS, problib_threehump},
    {"mccormick", "minimum on its usual domain [-1.5, 4] x [-3, 4]; unbounded below on the plane",
     "sin(x + y) + (x - y)^2 - 1.5 x + 2.5 y + 1", NO_PARAMS, problib_mccormick},
    {"goldsteinprice", "Goldstein-Price: values over six decades, several local minima",
     "[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)] "
     "[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)]",
     NO_PARAMS, problib_goldsteinprice},
    {"branin", "Branin: three global minima on its usual domain [-5, 10] x [0, 15]",
     "(y - 5.1/(4 pi^2) x^2 + 5/pi x - 6)^2 + 10 (1 - 1/(8 pi)) cos x + 10", NO_PARAMS,
     problib_branin},
    {"sixhumpcamel", "six-hump camel: two global and four local minima on [-3, 3] x [-2, 2]",
     "(4 - 2.1 x^2 + x^4/3) x^2 + x y + (-4 + 4 y^2) y^2", NO_PARAMS, problib_sixhumpcamel},
    {"rastrigin", "a regular lattice of local minima around the global one",
     "10 n + sum_i x[i]^2 - 10 cos(2 pi x[i])", N_PARAMS, problib_rastrigin},
    {"ackley", "a nearly flat outer region and a sharp (nonsmooth) hole at the origin",
     "-20 exp(-0.2 sqrt(sum_i x[i]^2 / n)) - exp(sum_i cos(2 pi x[i]) / n) + 20 + e", N_PARAMS,
     problib_ackley},
    {"styblinskitang", "Styblinski-Tang: 2^n local minima, one global",
     "sum_i (x[i]^4 - 16 x[i]^2 + 5 x[i]) / 2", N_PARAMS, problib_styblinskitang},
    {"quadratic", "1/2 x'Ax, eigenvalues log-spaced from 1 to cond (L = cond, mu = 1)",
     "1/2 x' Q diag(cond^((i-1)/(n-1))) Q' x", problib_quad_params, 4, problib_quadratic},
    {"bilinear", "game: min over x, max over y of x y; saddle point at the origin", "x y",
     NO_PARAMS, problib_bilinear},
    {"ccquad", "game: strongly convex-concave quadratic; saddle point at the origin",
     "mu/2 x^2 + b x y - mu/2 y^2", problib_ccquad_params, 2, problib_ccquad},
    {"negcomon", "game: nonconvex-nonconcave, negative comonotone; saddle point at the origin",
     "a/2 x^2 + b x y - a/2 y^2, a < 0", problib_negcomon_params, 2, problib_negcomon},
    {"rps", "matrix game: rock-paper-scissors on simplices; equilibrium uniform",
     "x'Ay, A = [0 -1 1; 1 0 -1; -1 1 0]", NO_PARAMS, problib_rps},
    {"matrixgame", "matrix game: a seeded random payoff matrix on simplices",
     "x'Ay, A m x k uniform in [-1, 1]", problib_matrixgame_params, 3, problib_matrixgame},
    {"preference", "matrix game: Nash learning from preferences, P + P' = 1 (seeded); value 1/2",
     "x'P'y, P_ij = sigmoid(s_ij), s antisymmetric", problib_preference_params, 2,
     problib_preference},
    {"ot", "entropic optimal transport between two seeded histograms on a line (dual potentials)",
     "eps sum_ij exp((f_i + g_j - C_ij)/eps) - <a, f> - <b, g>, C_ij = (x_i - y_j)^2",
     problib_ot_params, 5, problib_ot},
    {"bltoy", "bilevel: a quadratic toy, y*(x) = c x / mu; x* = (1 + 2k)/(1 + k^2), k = c/mu",
     "min (x - 1)^2/2 + (y - 2)^2/2 s.t. y in argmin mu/2 y^2 - c x y", problib_bltoy_params, 2,
     problib_bltoy},
    {"blflat", "bilevel: a lower level with a line of solutions; optimistic x* = 2/3, y* = (1/3, 1/3)",
     "min x^2 + (y1 - 1)^2 + (y2 - 1)^2 s.t. y in argmin (y1 + y2 - x)^2/2", NO_PARAMS,
     problib_blflat},
    {"blcon", "bilevel: a lower-level constraint y <= x coupled with x; x* = 1, y* = 1, F* = 2",
     "min x^2 + (y - 2)^2 s.t. y in argmin over y <= x of (y - 2)^2/2", NO_PARAMS,
     problib_blcon},
    {"blridge", "bilevel: ridge regression's weight exp(lam) tuned on validation data (seeded)",
     "min |Xv w - yv|^2/(2 mv) s.t. w in argmin |X w - y|^2/(2 m) + exp(lam)/2 |w|^2",
     problib_blridge_params, 5, problib_blridge},
    {"gaussian", "density: N(0, A^-1), A the quadratic's (eigenvalues 1 .. cond), to sample",
     "U = 1/2 x'Ax", problib_quad_params, 4, problib_gaussian},
    {"banana", "density: Haario's banana, x ~ N(0, s^2), y | x ~ N(b (x^2 - s^2), 1)",
     "U = x^2/(2 s^2) + (y - b (x^2 - s^2))^2/2", problib_banana_params, 2, problib_banana},
    {"mixture", "density: two unit Gaussians at (+-sep/2, 0), equal weights",
     "U = -log(N((sep/2, 0), I) + N((-sep/2, 0), I))", problib_mixture_params, 1,
     problib_mixture},
    {"laplace", "density: the Laplace (l1) target exp(-|x|_1 / scale), composite",
     "U = |x|_1 / scale", problib_laplace_params, 2, problib_laplace},
    {"bandit", "policy: a multi-armed bandit over softmax logits, -E_pi[r]",
     "-sum_a pi_a mu_a, pi = softmax(theta)", problib_bandit_params, 3, problib_bandit},
    {"ctxbandit", "policy: a contextual bandit, a softmax policy per context (uniform)",
     "-mean_c sum_a pi(a|c) mu_ca", problib_ctxbandit_params, 4, problib_ctxbandit},
    {"klbandit", "policy: a KL-regularized bandit; optimum softmax(log pi_ref + r/beta)",
     "-(E_pi[r] - beta KL(pi | pi_ref))", problib_klbandit_params, 3, problib_klbandit},
    {"chain", "policy: a chain MDP, a small reward at the start and a large one at the end",
     "-rho'V_pi, softmax policy per state", problib_chain_params, 3, problib_chain},
    {"cliff", "policy: Sutton & Barto's cliff walk (gridworld)", "-rho'V_pi, 4 moves",
     problib_cliff_params, 3, problib_cliff},
    {"randmdp", "policy: a seeded random MDP", "-rho'V_pi, softmax policy per state",
     problib_randmdp_params, 4, problib_randmdp},
    {"cmdp", "policy: a random MDP with a cost and a binding budget (J* by the dual)",
     "-rho'V_pi subject to J_c(pi) <= budget", problib_cmdp_params, 5, problib_cmdp},
    {"lqr", "policy: the linear-quadratic regulator over a linear gain K (x* the Riccati gain)",
     "tr(P_K), P_K = Q + K'RK + (A - BK)'P_K(A - BK)", problib_lqr_params, 4, problib_lqr},
    {"poisson", "linear system: the 2-D Poisson matrix (5-point Laplacian), x* seeded",
     "|A x - b|, A = 5-point Laplacian on an m x m grid, b = A x*", problib_poisson_params, 2,
     problib_poisson},
    {"randspd", "linear system: a dense random SPD matrix of chosen condition, x* seeded",
     "|A x - b|, A = Q' diag(1 .. cond) Q, b = A x*", problib_randspd_params, 3,
     problib_randspd},
    {"diagdom", "linear system: sparse, nonsymmetric, strictly diagonally dominant",
     "|A x - b|, a_ii = (1 + margin) sum_j |a_ij|, b = A x*", problib_diagdom_params, 3,
     problib_diagdom},
    {"zdt1", "objectives: ZDT1 on [0, 1]^n, a convex Pareto front f2 = 1 - sqrt(f1)",
     "f1 = x1, f2 = g (1 - sqrt(x1/g)), g = 1 + 9 sum_{i>=2} x_i/(n - 1)", problib_zdt_params,
     1, problib_zdt1},
    {"zdt2", "objectives: ZDT2 on [0, 1]^n, a concave Pareto front f2 = 1 - f1^2",
     "f1 = x1, f2 = g (1 - (x1/g)^2), g = 1 + 9 sum_{i>=2} x_i/(n - 1)", problib_zdt_params, 1,
     problib_zdt2},
    {"zdt3", "objectives: ZDT3 on [0, 1]^n, a Pareto front in five disconnected pieces",
     "f1 = x1, f2 = g (1 - sqrt(x1/g) - x1/g sin(10 pi x1)), g as zdt1", problib_zdt_params, 1,
     problib_zdt3},
    {"schaffer", "objectives: Schaffer's N.1 on [-10, 10], Pareto set [0, 2]",
     "f1 = x^2, f2 = (x - 2)^2",
     NO_PARAMS, problib_schaffer},
    {"quadpair", "objectives: two quadratics; the Pareto set is the segment between the centres",
     "f1 = |x - 1|^2, f2 = |x + 1|^2", problib_quadpair_params, 1, problib_quadpair},
    {"leastsq", "finite sum: least squares on seeded Gaussian data, l2-regularized",
     "1/m sum_i 1/2 (a_i'x - b_i)^2 + lambda/2 |x|^2", problib_leastsq_params, 5,
     problib_leastsq},
    {"logreg", "finite sum: logistic regression on seeded Gaussian data, l2-regularized",
     "1/m sum_i log(1 + exp(-b_i a_i'x)) + lambda/2 |x|^2", problib_logreg_params, 5,
     problib_logreg},
    {"softmax", "finite sum: softmax regression, k classes, l2-regularized",
     "1/m sum_i logsumexp(X a_i) - (X a_i)_{b_i} + lambda/2 |X|^2", problib_softmax_params, 6,
     problib_softmax},
    {"fedquad", "finite sum: K clients' quadratics with spread centres (federated methods)",
     "1/K sum_k 1/2 (x - c_k)' diag(a_k) (x - c_k)", problib_fedquad_params, 4,
     problib_fedquad},
    {"lasso", "composite: lasso on seeded Gaussian data with a k-sparse truth (x* by fista)",
     "1/m sum_i 1/2 (a_i'x - b_i)^2 + lambda |x|_1", problib_lasso_params, 6, problib_lasso},
    {"sparsecoding",
     "composite: a k-sparse code of a signal in a seeded dictionary of unit atoms (x* by fista)",
     "1/2 |y - D a|^2 + lambda |a|_1, y = D a_true + noise", problib_sparsecoding_params, 6,
     problib_sparsecoding},
#define MGH_ENTRY(k, title, sizes, params, np)                                              \
	{"mgh" #k, "More-Garbow-Hillstrom " #k ": " title " (" sizes ")", "sum_i r_i(x)^2", params, \
	 np, problib_mgh##k},
    PROBLIB_MGH_LIST(MGH_ENTRY)
#undef MGH_ENTRY
};

static const struct {
	const char *alias, *name;
} aliases[] = {
    {"rosen", "rosenbrock"},
    {"goldstein-price", "goldsteinprice"},
    {"goldstein_price", "goldsteinprice"},
    {"three-hump", "threehump"},
    {"threehumpcamel", "threehump"},
    {"camel3", "threehump"},
    {"camel6", "sixhumpcamel"},
    {"sixhump", "sixhumpcamel"},
    {"styblinski-tang", "styblinskitang"},
    {"styblinski_tang", "styblinskitang"},
    {"quad", "quadratic"},
};

const problib_entry *problib_catalog(int *count)
{
	if (count)
		*count = (int)(sizeof catalog / sizeof *catalog);
	return catalog;
}

const problib_entry *problib_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].alias, name) == 0)
			name = aliases[i].name;
	for (size_t i = 0; i < sizeof catalog / sizeof *catalog; i++)
		if (strcmp(catalog[i].name, name) == 0)
			return &catalog[i];
	return NULL;
}

prob *problib_make(const problib_entry *e, const double *params, char *err, size_t cap)
{
	double v[PARAM_MAX];
	if (params) {
		for (int i = 0; i < e->nparams; i++) {
			char why[200];
			if (param_check(&e->params[i], params[i], why, sizeof why)) {
				snprintf(err, cap, "%s: %s", e->name, why);
				return NULL;
			}
			v[i] = params[i];
		}
	} else {
		param_defaults(e->params, e->nparams, v);
	}
	return e->make(v, err, cap);
}
