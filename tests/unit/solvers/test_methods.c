/* test_methods: every smooth method on every library problem it suits, from at
 * least two starts, reaches the nearest known minimizer within a tolerance and
 * an iteration budget. One row per (method, parameters, problem, start). The
 * rates and the other properties are in test_methods_rates.c.
 *
 * OPTLAB_TEST_VERBOSE=1 prints the iterations each row took (for budgets). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testrun.h"

#define DEF NAN /* start: the problem's default */
#define Q10 "n=10,cond=100,rotate=1,seed=1" /* rotated quadratics */
#define Q4 "n=4,cond=10,rotate=1,seed=1"
#define LR "m=1000,d=2,seed=1,lambda=0.1" /* a logistic regression (finite sum) */

typedef struct mcase {
	const char *meth, *mparams; /* "name=value,name=value"; a choice by its name */
	const char *prob, *pparams;
	double a, b; /* the start (a, b, a, b, ...), or DEF */
	long budget; /* iterations at most */
	double tol;  /* distance to the nearest known minimizer */
} mcase;

/* clang-format off */
static const mcase cases[] = {
	/* gradient descent with backtracking from a unit step */
	{"gd", "linesearch=armijo,step=1", "booth", "", DEF, DEF, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "booth", "", -5, 8, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "matyas", "", DEF, DEF, 2000, 1e-6},
	{"gd", "linesearch=armijo,step=1", "matyas", "", 5, 5, 2000, 1e-6},
	{"gd", "linesearch=armijo,step=1", "himmelblau", "", DEF, DEF, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "himmelblau", "", -1, -1, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"gd", "linesearch=armijo,step=1", "rosenbrock", "n=2", 1.5, -0.5, 20000, 1e-4},
	{"gd", "linesearch=armijo,step=1", "quadratic", Q10, 1, -2, 5000, 1e-6},
	{"gd", "linesearch=armijo,step=1", "quadratic", Q10, -3, 0.5, 5000, 1e-6},
	{"gd", "linesearch=wolfe,step=1", "styblinskitang", "n=2", DEF, DEF, 200, 1e-6},
	{"gd", "linesearch=wolfe,step=1", "styblinskitang", "n=2", -4, -2, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "rastrigin", "n=2", 0.15, -0.1, 200, 1e-6},
	{"gd", "linesearch=armijo,step=1", "rastrigin", "n=2", -0.2, 0.18, 200, 1e-6},
	/* heavy ball and Nesterov with a step 1/L and their usual momentum */
	{"heavyball", "step=0.05,momentum=0.5", "booth", "", DEF, DEF, 500, 1e-6},
	{"heavyball", "step=0.05,momentum=0.5", "booth", "", -5, 8, 500, 1e-6},
	{"heavyball", "step=1,momentum=0.6", "matyas", "", DEF, DEF, 2000, 1e-6},
	{"heavyball", "step=1,momentum=0.6", "matyas", "", 5, 5, 2000, 1e-6},
	{"heavyball", "step=0.01,momentum=0.8", "quadratic", Q10, 1, -2, 3000, 1e-6},
	{"heavyball", "step=0.01,momentum=0.8", "quadratic", Q10, -3, 0.5, 3000, 1e-6},
	{"nesterov", "step=0.05", "booth", "", DEF, DEF, 1000, 1e-6},
	{"nesterov", "step=0.05", "booth", "", -5, 8, 1000, 1e-6},
	{"nesterov", "step=1,schedule=strong,mu=0.04", "matyas", "", DEF, DEF, 2000, 1e-6},
	{"nesterov", "step=1,schedule=strong,mu=0.04", "matyas", "", 5, 5, 2000, 1e-6},
	{"nesterov", "step=0.01,schedule=strong,mu=1", "quadratic", Q10, 1, -2, 3000, 1e-6},
	{"nesterov", "step=0.01,schedule=strong,mu=1", "quadratic", Q10, -3, 0.5, 3000, 1e-6},
	{"nesterov", "step=0.001", "rosenbrock", "n=2", DEF, DEF, 50000, 1e-4},
	{"nesterov", "step=0.001", "rosenbrock", "n=2", 1.5, -0.5, 50000, 1e-4},
	/* conjugate gradient */
	{"cg", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"cg", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"cg", "variant=fr", "rosenbrock", "n=2", DEF, DEF, 2000, 1e-6},
	{"cg", "variant=fr", "rosenbrock", "n=2", 1.5, -0.5, 2000, 1e-6},
	{"cg", "", "rosenbrock", "n=10", DEF, DEF, 500, 1e-8},
	{"cg", "", "rosenbrock", "n=10", 0, 0, 500, 1e-8},
	{"cg", "", "himmelblau", "", DEF, DEF, 100, 1e-8},
	{"cg", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"cg", "", "beale", "", DEF, DEF, 200, 1e-8},
	{"cg", "", "beale", "", 2, 0, 200, 1e-8},
	{"cg", "", "booth", "", DEF, DEF, 20, 1e-8},
	{"cg", "", "booth", "", -5, 8, 20, 1e-8},
	{"cg", "", "matyas", "", DEF, DEF, 50, 1e-8},
	{"cg", "", "matyas", "", 5, 5, 50, 1e-8},
	{"cg", "", "threehump", "", 0.3, 0.3, 100, 1e-8},
	{"cg", "", "threehump", "", -0.3, 0.5, 100, 1e-8},
	{"cg", "", "mccormick", "", -0.5, -1, 100, 1e-8},
	{"cg", "", "mccormick", "", -1, -2, 100, 1e-8},
	{"cg", "", "goldsteinprice", "", 0.2, -0.8, 200, 1e-7},
	{"cg", "", "goldsteinprice", "", -0.3, -1.2, 200, 1e-7},
	{"cg", "", "rastrigin", "n=2", 0.15, -0.1, 100, 1e-8},
	{"cg", "", "rastrigin", "n=2", -0.2, 0.18, 100, 1e-8},
	{"cg", "", "styblinskitang", "n=5", DEF, DEF, 100, 1e-6},
	{"cg", "", "styblinskitang", "n=5", -4, -2, 100, 1e-6},
	{"cg", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"cg", "", "quadratic", Q10, -3, 0.5, 100, 1e-8},
	/* BFGS */
	{"bfgs", "", "rosenbrock", "n=2", DEF, DEF, 100, 1e-8},
	{"bfgs", "", "rosenbrock", "n=2", 1.5, -0.5, 100, 1e-8},
	{"bfgs", "", "rosenbrock", "n=10", DEF, DEF, 300, 1e-8},
	{"bfgs", "", "rosenbrock", "n=10", 0, 0, 300, 1e-8},
	{"bfgs", "", "himmelblau", "", DEF, DEF, 100, 1e-8},
	{"bfgs", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"bfgs", "", "beale", "", DEF, DEF, 100, 1e-8},
	{"bfgs", "", "beale", "", 2, 0, 100, 1e-8},
	{"bfgs", "", "booth", "", DEF, DEF, 20, 1e-8},
	{"bfgs", "", "booth", "", -5, 8, 20, 1e-8},
	{"bfgs", "", "matyas", "", DEF, DEF, 20, 1e-8},
	{"bfgs", "", "matyas", "", 5, 5, 20, 1e-8},
	{"bfgs", "", "threehump", "", 0.3, 0.3, 100, 1e-8},
	{"bfgs", "", "threehump", "", -0.3, 0.5, 100, 1e-8},
	{"bfgs", "", "mccormick", "", -0.5, -1, 100, 1e-8},
	{"bfgs", "", "mccormick", "", -1, -2, 100, 1e-8},
	{"bfgs", "", "goldsteinprice", "", 0.2, -0.8, 100, 1e-7},
	{"bfgs", "", "goldsteinprice", "", -0.3, -1.2, 100, 1e-7},
	{"bfgs", "", "rastrigin", "n=2", 0.15, -0.1, 100, 1e-8},
	{"bfgs", "", "rastrigin", "n=2", -0.2, 0.18, 100, 1e-8},
	{"bfgs", "", "styblinskitang", "n=5", DEF, DEF, 100, 1e-6},
	{"bfgs", "", "styblinskitang", "n=5", -4, -2, 100, 1e-6},
	{"bfgs", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"bfgs", "", "quadratic", Q10, -3, 0.5, 100, 1e-8},
	/* L-BFGS */
	{"lbfgs", "", "rosenbrock", "n=2", DEF, DEF, 100, 1e-8},
	{"lbfgs", "", "rosenbrock", "n=2", 1.5, -0.5, 100, 1e-8},
	{"lbfgs", "memory=3", "rosenbrock", "n=10", DEF, DEF, 300, 1e-8},
	{"lbfgs", "", "rosenbrock", "n=10", 0, 0, 300, 1e-8},
	{"lbfgs", "", "himmelblau", "", DEF, DEF, 100, 1e-8},
	{"lbfgs", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"lbfgs", "", "beale", "", DEF, DEF, 100, 1e-8},
	{"lbfgs", "", "beale", "", 2, 0, 100, 1e-8},
	{"lbfgs", "", "booth", "", DEF, DEF, 20, 1e-8},
	{"lbfgs", "", "booth", "", -5, 8, 20, 1e-8},
	{"lbfgs", "", "matyas", "", DEF, DEF, 20, 1e-8},
	{"lbfgs", "", "matyas", "", 5, 5, 20, 1e-8},
	{"lbfgs", "", "threehump", "", 0.3, 0.3, 100, 1e-8},
	{"lbfgs", "", "threehump", "", -0.3, 0.5, 100, 1e-8},
	{"lbfgs", "", "mccormick", "", -0.5, -1, 100, 1e-8},
	{"lbfgs", "", "mccormick", "", -1, -2, 100, 1e-8},
	{"lbfgs", "", "goldsteinprice", "", 0.2, -0.8, 100, 1e-7},
	{"lbfgs", "", "goldsteinprice", "", -0.3, -1.2, 100, 1e-7},
	{"lbfgs", "", "rastrigin", "n=2", 0.15, -0.1, 100, 1e-8},
	{"lbfgs", "", "rastrigin", "n=2", -0.2, 0.18, 100, 1e-8},
	{"lbfgs", "", "styblinskitang", "n=5", DEF, DEF, 100, 1e-6},
	{"lbfgs", "", "styblinskitang", "n=5", -4, -2, 100, 1e-6},
	{"lbfgs", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"lbfgs", "", "quadratic", Q10, -3, 0.5, 100, 1e-8},
	/* Newton, damped and pure */
	{"newton", "", "rosenbrock", "n=2", DEF, DEF, 50, 1e-10},
	{"newton", "", "rosenbrock", "n=2", 1.5, -0.5, 50, 1e-10},
	{"newton", "damped=0", "rosenbrock", "n=2", DEF, DEF, 20, 1e-10},
	{"newton", "damped=0", "rosenbrock", "n=2", 1.5, -0.5, 20, 1e-10},
	{"newton", "", "rosenbrock", "n=10", 1.2, 1.2, 100, 1e-10},
	{"newton", "", "rosenbrock", "n=10", 0, 0, 100, 1e-10},
	{"newton", "", "himmelblau", "", DEF, DEF, 50, 1e-10},
	{"newton", "", "himmelblau", "", -1, -1, 50, 1e-10},
	{"newton", "", "beale", "", DEF, DEF, 50, 1e-10},
	{"newton", "", "beale", "", 2, 0, 50, 1e-10},
	{"newton", "", "booth", "", DEF, DEF, 2, 1e-10},
	{"newton", "", "booth", "", -5, 8, 2, 1e-10},
	{"newton", "", "matyas", "", DEF, DEF, 2, 1e-10},
	{"newton", "", "matyas", "", 5, 5, 2, 1e-10},
	{"newton", "", "threehump", "", 0.3, 0.3, 50, 1e-10},
	{"newton", "", "threehump", "", -0.3, 0.5, 50, 1e-10},
	{"newton", "", "mccormick", "", -0.5, -1, 50, 1e-10},
	{"newton", "", "mccormick", "", -1, -2, 50, 1e-10},
	/* the second-order family: trust regions, cubic models, truncated Newton */
	/* ... the cubic model in a Lanczos basis (of 4 vectors: a subspace step) */
	{"arc", "dense=1,krylov=4", "quadratic", Q10, 1, -2, 200, 1e-8},
	{"arc", "dense=1", "rosenbrock", "n=10", 1.2, 1.2, 300, 1e-8},
	{"cubic", "dense=1,krylov=4", "quadratic", Q10, 1, -2, 200, 1e-8},
	{"cubic", "dense=1", "rosenbrock", "n=10", 1.2, 1.2, 300, 1e-8},
	{"dampednewton", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"dampednewton", "", "quadratic", Q10, -3, 0.5, 100, 1e-8},
	{"dampednewton", "", "booth", "", DEF, DEF, 100, 1e-8},
	{"dampednewton", "", "matyas", "", 5, 5, 100, 1e-8},
	{"newtoncg", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"newtoncg", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"newtoncg", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"newtoncg", "", "beale", "", 2, 0, 200, 1e-8},
	{"newtoncg", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"dogleg", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"dogleg", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"dogleg", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"dogleg", "", "beale", "", 2, 0, 200, 1e-8},
	{"dogleg", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"trnewton", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"trnewton", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"trnewton", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"trnewton", "", "beale", "", 2, 0, 200, 1e-8},
	{"trnewton", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"trnewton", "dense=0", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"trnewton", "dense=0", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"trnewton", "dense=0", "himmelblau", "", -1, -1, 100, 1e-8},
	{"trnewton", "dense=0", "beale", "", 2, 0, 200, 1e-8},
	{"trnewton", "dense=0", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"regnewton", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"regnewton", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"regnewton", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"regnewton", "", "beale", "", 2, 0, 200, 1e-8},
	{"regnewton", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"cubic", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"cubic", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"cubic", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"cubic", "", "beale", "", 2, 0, 200, 1e-8},
	{"cubic", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"arc", "", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"arc", "", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"arc", "", "himmelblau", "", -1, -1, 100, 1e-8},
	{"arc", "", "beale", "", 2, 0, 200, 1e-8},
	{"arc", "", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"lazynewton", "every=2", "rosenbrock", "n=2", DEF, DEF, 200, 1e-8},
	{"lazynewton", "every=2", "rosenbrock", "n=2", 1.5, -0.5, 200, 1e-8},
	{"lazynewton", "every=2", "himmelblau", "", -1, -1, 100, 1e-8},
	{"lazynewton", "every=2", "beale", "", 2, 0, 200, 1e-8},
	{"lazynewton", "every=2", "quadratic", Q10, 1, -2, 100, 1e-8},
	{"newton", "", "goldsteinprice", "", 0.2, -0.8, 50, 1e-8},
	{"newton", "", "goldsteinprice", "", -0.3, -1.2, 50, 1e-8},
	{"newton", "", "rastrigin", "n=2", 0.15, -0.1, 50, 1e-10},
	{"newton", "", "rastrigin", "n=2", -0.2, 0.18, 50, 1e-10},
	{"newton", "", "styblinskitang", "n=5", DEF, DEF, 50, 1e-10},
	{"newton", "", "styblinskitang", "n=5", -4, -2, 50, 1e-10},
	{"newton", "", "quadratic", Q10, 1, -2, 2, 1e-10},
	{"newton", "", "quadratic", Q10, -3, 0.5, 2, 1e-10},
	/* Nelder-Mead, values only */
	/* the subgradient method's normalized a/sqrt(k+1) steps: distance O(a/sqrt k) */
	{"subgradient", "step=0.05", "quadratic", Q4, 1, -2, 20000, 2e-3},
	{"subgradient", "step=0.05", "quadratic", Q4, -3, 0.5, 20000, 2e-3},
	{"subgradient", "step=0.05", "booth", "", DEF, DEF, 20000, 2e-3},
	{"subgradient", "step=0.05", "booth", "", -5, 8, 20000, 2e-3},
	{"neldermead", "", "rosenbrock", "n=2", DEF, DEF, 500, 1e-6},
	{"neldermead", "", "rosenbrock", "n=2", 1.5, -0.5, 500, 1e-6},
	{"neldermead", "", "himmelblau", "", DEF, DEF, 300, 1e-6},
	{"neldermead", "", "himmelblau", "", -1, -1, 300, 1e-6},
	{"neldermead", "", "beale", "", DEF, DEF, 300, 1e-6},
	{"neldermead", "", "beale", "", 2, 0, 300, 1e-6},
	{"neldermead", "", "booth", "", DEF, DEF, 300, 1e-6},
	{"neldermead", "", "booth", "", -5, 8, 300, 1e-6},
	{"neldermead", "", "matyas", "", DEF, DEF, 300, 1e-6},
	{"neldermead", "", "matyas", "", 5, 5, 300, 1e-6},
	/* random-direction estimates: two-point values, forward mode, a ranking oracle */
	/* zo: forward differences keep a floor from their curvature term mu/2 (u'Au) u */
	{"zo", "step=0.01", "booth", "", DEF, DEF, 5000, 1e-5},
	{"zo", "step=0.005,estimator=central", "himmelblau", "", -1, -1, 5000, 1e-6},
	{"fwdgrad", "step=0.01", "booth", "", DEF, DEF, 5000, 1e-6},
	{"fwdgrad", "step=0.005", "himmelblau", "", -1, -1, 5000, 1e-6},
	/* ranks only, normalized steps decaying as 1/sqrt(k): a few digits */
	{"zorank", "", "booth", "", DEF, DEF, 20000, 1e-2},
	{"zorank", "", "himmelblau", "", -1, -1, 20000, 1e-2},
	/* population methods (values only; the best point so far is the iterate) */
	{"cmaes", "", "rosenbrock", "n=2", DEF, DEF, 400, 1e-6},
	{"cmaes", "", "himmelblau", "", -1, -1, 400, 1e-6},
	{"cmaes", "", "quadratic", Q10, 1, -2, 800, 1e-6},
	{"de", "", "booth", "", DEF, DEF, 400, 1e-6},
	{"de", "", "himmelblau", "", -1, -1, 400, 1e-6},
	{"de", "", "rosenbrock", "n=2", DEF, DEF, 1000, 1e-6},
	{"ga", "", "booth", "", DEF, DEF, 3000, 1e-4},
	{"ga", "", "himmelblau", "", -1, -1, 3000, 1e-4},
	/* cbo's swarm contracts onto its consensus: a few digits */
	{"cbo", "", "booth", "", 2, 2, 1000, 0.05},
	{"cbo", "", "himmelblau", "", 2, 2, 1000, 0.05},
	{"neldermead", "", "threehump", "", 0.3, 0.3, 300, 1e-6},
	{"neldermead", "", "threehump", "", -0.3, 0.5, 300, 1e-6},
	{"neldermead", "", "mccormick", "", -0.5, -1, 300, 1e-6},
	{"neldermead", "", "mccormick", "", -1, -2, 300, 1e-6},
	{"neldermead", "", "goldsteinprice", "", 0.23, -0.77, 300, 1e-6},
	{"neldermead", "", "goldsteinprice", "", -0.31, -1.19, 300, 1e-6},
	{"neldermead", "", "rastrigin", "n=2", 0.15, -0.1, 300, 1e-6},
	{"neldermead", "", "rastrigin", "n=2", -0.2, 0.18, 300, 1e-6},
	{"neldermead", "", "ackley", "n=2", 0.15, -0.1, 300, 1e-6},
	{"neldermead", "", "ackley", "n=2", -0.2, 0.18, 300, 1e-6},
	{"neldermead", "", "styblinskitang", "n=2", -1, -1, 300, 1e-6},
	{"neldermead", "", "styblinskitang", "n=2", -4, -2, 300, 1e-6},
	{"neldermead", "initial=1", "quadratic", Q4, 1, -2, 2000, 1e-6},
	{"neldermead", "initial=1", "quadratic", Q4, -3, 0.5, 2000, 1e-6},
	/* coordinate descent */
	{"cd", "", "booth", "", DEF, DEF, 100, 1e-8},
	{"cd", "", "booth", "", -5, 8, 100, 1e-8},
	{"cd", "order=random", "booth", "", DEF, DEF, 200, 1e-8},
	{"cd", "order=random", "booth", "", -5, 8, 200, 1e-8},
	{"cd", "", "matyas", "", DEF, DEF, 500, 1e-8},
	{"cd", "", "matyas", "", 5, 5, 500, 1e-8},
	{"cd", "step=0.5", "matyas", "", DEF, DEF, 2000, 1e-6},
	{"cd", "step=0.5", "matyas", "", 5, 5, 2000, 1e-6},
	{"cd", "", "himmelblau", "", DEF, DEF, 200, 1e-8},
	{"cd", "", "himmelblau", "", -1, -1, 200, 1e-8},
	{"cd", "", "threehump", "", 0.3, 0.3, 500, 1e-8},
	{"cd", "", "threehump", "", -0.3, 0.5, 500, 1e-8},
	{"cd", "", "rastrigin", "n=2", 0.15, -0.1, 100, 1e-8},
	{"cd", "", "rastrigin", "n=2", -0.2, 0.18, 100, 1e-8},
	{"cd", "", "styblinskitang", "n=5", DEF, DEF, 100, 1e-6},
	{"cd", "", "styblinskitang", "n=5", -4, -2, 100, 1e-6},
	{"cd", "", "quadratic", Q10, 1, -2, 3000, 1e-6},
	{"cd", "order=random", "quadratic", Q10, -3, 0.5, 3000, 1e-6},
	{"cd", "", "quadratic", "n=100,cond=1000", 1, -2, 5, 1e-8},
	{"cd", "", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"cd", "", "rosenbrock", "n=2", 1.5, -0.5, 20000, 1e-4},
	/* stochastic and adaptive methods: exact gradients on plain problems (noise 0),
	 * single samples on a finite sum (seed 0) */
	{"sgd", "step=0.05", "booth", "", DEF, DEF, 1000, 1e-6},
	{"sgd", "step=0.05,momentum=0.5,nesterov=1", "booth", "", -5, 8, 1000, 1e-6},
	{"clipsgd", "step=0.05,clip=10", "booth", "", DEF, DEF, 1000, 1e-6},
	{"clipsgd", "step=0.05,clip=10", "booth", "", -5, 8, 1000, 1e-6},
	{"svrg", "step=0.2", "logreg", LR, 0, 0, 40000, 1e-6},
	{"svrg", "step=0.2", "logreg", LR, 2, -1, 40000, 1e-6},
	{"saga", "step=0.2", "logreg", LR, 0, 0, 40000, 1e-6},
	{"saga", "step=0.2", "logreg", LR, 2, -1, 40000, 1e-6},
	{"dog", "batch=100", "logreg", LR, 0, 0, 40000, 1e-2},
	{"dog", "", "booth", "", -5, 8, 20000, 1e-6},
	{"adagrad", "step=0.5", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"adagrad", "step=0.5", "booth", "", -5, 8, 20000, 1e-6},
	{"rmsprop", "step=0.001,schedule=invk,k0=1000", "booth", "", DEF, DEF, 20000, 1e-4},
	{"rmsprop", "step=0.01,schedule=invk,k0=1000", "booth", "", -5, 8, 20000, 1e-3},
	{"adam", "step=0.01", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"adam", "step=0.01", "rosenbrock", "n=2", 1.5, -0.5, 20000, 1e-4},
	{"adam8bit", "step=0.01", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"adam8bit", "step=0.01", "booth", "", -5, 8, 20000, 1e-4},
	{"adamw", "step=0.01,wd=0", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"adamw", "step=0.01,wd=0", "booth", "", -5, 8, 20000, 1e-4},
	{"amsgrad", "step=0.01", "booth", "", DEF, DEF, 20000, 1e-4},
	{"amsgrad", "step=0.01", "booth", "", -5, 8, 20000, 1e-4},
	{"diffgrad", "step=0.01", "rosenbrock", "n=2", DEF, DEF, 20000, 1e-4},
	{"diffgrad", "step=0.01", "rosenbrock", "n=2", 1.5, -0.5, 20000, 1e-4},
	{"lion", "step=0.001,schedule=invk,k0=2000", "booth", "", DEF, DEF, 20000, 1e-4},
	{"lion", "step=0.01,schedule=invk,k0=1000", "booth", "", -5, 8, 20000, 1e-3},
	/* proximal point, ADMM with g = 0 (a proximal point method too) and block coordinate
	 * descent on smooth problems */
	{"proxpoint", "t=1", "booth", "", DEF, DEF, 200, 1e-6},
	{"proxpoint", "t=1", "booth", "", -5, 8, 200, 1e-6},
	{"proxpoint", "t=1,grow=2", "quadratic", Q10, 1, -2, 200, 1e-6},
	{"admm", "rho=1", "booth", "", DEF, DEF, 500, 1e-6},
	{"admm", "rho=0.1", "quadratic", Q10, -3, 0.5, 500, 1e-6},
	{"bcd", "block=1", "booth", "", DEF, DEF, 2000, 1e-6},
	{"bcd", "block=2,order=random", "quadratic", Q10, 1, -2, 5000, 1e-6},
};
/* clang-format on */

static prob *make_prob(const char *name, const char *spec)
{
	const problib_entry *e = problib_find(name);
	double v[PARAM_MAX];
	char err[256];
	if (!e)
		return NULL;
	param_defaults(e->params, e->nparams, v);
	if (tr_apply(e->params, e->nparams, spec, v))
		return NULL;
	prob *p = e->make(v, err, sizeof err);
	if (!p)
		print_error("%s: %s\n", name, err);
	return p;
}

/* Runs one row; returns 0 when it reached the minimizer, and says why not. */
static int run_case(const mcase *k, int verbose)
{
	const meth *m = meth_find(k->meth);
	prob *p = make_prob(k->prob, k->pparams);
	if (!m || !p) {
		print_error("%s on %s: no such method or problem\n", k->meth, k->prob);
		prob_free(p);
		return -1;
	}
	double mp[PARAM_MAX];
	param_defaults(m->params, m->nparams, mp);
	if (tr_apply(m->params, m->nparams, k->mparams, mp)) {
		print_error("%s: bad parameters '%s'\n", k->meth, k->mparams);
		prob_free(p);
		return -1;
	}
	double *x0 = malloc((size_t)p->n * sizeof *x0);
	for (int i = 0; i < p->n; i++)
		x0[i] = isnan(k->a) ? p->x0[i] : i % 2 ? k->b : k->a;
	run_opts o;
	run_opts_default(&o);
	o.gtol = 1e-10;
	o.maxiter = k->budget;
	char err[256];
	run *r = run_new(p, m, mp, x0, &o, err, sizeof err);
	int bad = -1;
	if (r) {
		run_step(r, k->budget, NULL);
		double dist = prob_dist_to_sol(p, run_x(r));
		enum run_stop st = run_status(r);
		bad = !(dist <= k->tol) || st == RUN_FAILED || st == RUN_DIVERGED;
		if (bad || verbose)
			print_message("%s %-10s %-9s(%s) %-28s from (%g, %g): %5ld iterations, "
			              "dist %.2e, f %.6g, %s (%s)\n",
			              bad ? "FAIL" : "ok  ", k->meth, k->mparams, k->prob,
			              k->pparams, k->a, k->b, run_iter(r), dist, run_f(r),
			              run_stop_name(st), run_message(r));
	} else {
		print_error("%s on %s: %s\n", k->meth, k->prob, err);
	}
	run_free(r);
	free(x0);
	prob_free(p);
	return bad;
}

static void test_reaches_minimizers(void **state)
{
	int verbose = getenv("OPTLAB_TEST_VERBOSE") != NULL, failed = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		failed += run_case(&cases[i], verbose) != 0;
	assert_int_equal(failed, 0);
}

/* Every method of the catalogue that needs no more than values, gradients and
 * Hessians has rows here, from two starts at least. */
static void test_every_method_has_rows(void **state)
{
	int count;
	const meth *const *cat = meth_catalog(&count);
	for (int j = 0; j < count; j++) {
		if (cat[j]->needs & ~(unsigned)(PROB_VALUE | PROB_GRAD | PROB_HESS))
			continue;
		int rows = 0;
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
			rows += strcmp(cases[i].meth, cat[j]->name) == 0;
		if (rows < 2)
			print_error("%s has %d rows\n", cat[j]->name, rows);
		assert_true(rows >= 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reaches_minimizers),
		cmocka_unit_test(test_every_method_has_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
