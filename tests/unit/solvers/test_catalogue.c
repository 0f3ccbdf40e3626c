/* Every method of the catalogue with its defaults, on problems of its kind, must reach
 * a known answer within its family's budget of iterations (GSL's habit: the test loops
 * over every registered method). A method the table does not know fails the test: a new
 * method adds its rows here. The answers are published or closed-form:
 *   booth x* = (1, 3); rosenbrock x* = (1, 1) (More, Garbow & Hillstrom 1981); the
 *   rotated quadratic's x* = 0; the library lasso's x* (fista to a gradient mapping of
 *   1e-12); the KKT point (0.75, 0.25) of (x-2)^2 + (y-1)^2 s.t. x + y <= 1, x - y = 0.5;
 *   the projection (1, 0) of (2, 1) onto the simplex; the saddle 0 of ccquad; the
 *   uniform equilibrium of rock-paper-scissors; Sinkhorn's marginals; the Poisson
 *   system's x*; least squares' x*; the Gaussian's mean 0.
 *   fedquad's x* (the clients' average optimum); klbandit's f* (softmax(log pi_ref + r/beta));
 *   cmdp's J* (by the dual); bltoy's x* = (1 + 2k)/(1 + k^2) (its closed form); Pareto
 *   stationarity on Schaffer's N.1; ZDT1's front's hypervolume 2/3 (hvgap: 2/3 less the run's).
 * Measures: dist (to x*), gnorm (the stationarity measure of the kind), fgap (f - f*), or
 * an extra column (avggap, meanerr). */
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
#include "testrun.h"

enum { P_BOOTH, P_ROSEN, P_QUAD, P_QUAD2, P_LASSO, P_KKT, P_KKT2, P_SIMPLEX, P_CCQUAD, P_RPS,
       P_OT, P_POISSON, P_LSQ, P_FED, P_KLBANDIT, P_CMDP, P_BOXBOOTH, P_SCHAFFER, P_ZDT1, P_GAUSS,
       P_BLTOY,
       P_COUNT };

static prob *lib(const char *name, const char *args)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	assert_int_equal(tr_apply(e->params, e->nparams, args, v), 0);
	char err[200];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s: %s", name, err);
	return p;
}

static prob *expr(const char *src)
{
	expr_error e;
	prob *p = prob_from_expr("q", src, NULL, &e);
	assert_non_null(p);
	return p;
}

static prob *make(int k)
{
	char err[160];
	prob *p;
	switch (k) {
	case P_BOOTH:
		return lib("booth", NULL);
	case P_ROSEN:
		return lib("rosenbrock", NULL);
	case P_QUAD:
		return lib("quadratic", "n=10 cond=100 rotate=1");
	case P_QUAD2:
		return lib("quadratic", NULL);
	case P_LASSO:
		return lib("lasso", "m=100 d=20 k=3 lambda=0.05");
	case P_KKT: {
		p = expr("(x - 2)^2 + (y - 1)^2");
		expr_error e;
		assert_int_equal(constr_add(p, "x + y <= 1", NULL, 0, &e), 0);
		assert_int_equal(constr_add(p, "x - y = 0.5", NULL, 0, &e), 0);
		const double xs[2] = {0.75, 0.25}, x0[2] = {-1, 3};
		prob_set_solutions(p, 1, xs, 2.125);
		prob_set_start(p, x0);
		return p;
	}
	case P_KKT2: { /* the same point with x - y <= 0.5, from a strictly feasible start */
		p = expr("(x - 2)^2 + (y - 1)^2");
		expr_error e;
		assert_int_equal(constr_add(p, "x + y <= 1", NULL, 0, &e), 0);
		assert_int_equal(constr_add(p, "x - y <= 0.5", NULL, 0, &e), 0);
		const double xs[2] = {0.75, 0.25}, x0[2] = {0, 0};
		prob_set_solutions(p, 1, xs, 2.125);
		prob_set_start(p, x0);
		return p;
	}
	case P_SIMPLEX: {
		p = expr("(x - 2)^2 + (y - 1)^2");
		prox_attach_set(p, prox_set_new("simplex", NAN, NAN, err, sizeof err));
		const double xs[2] = {1, 0}, x0[2] = {0.5, 0.5};
		prob_set_solutions(p, 1, xs, 2);
		prob_set_start(p, x0);
		return p;
	}
	case P_CCQUAD:
		return lib("ccquad", NULL);
	case P_RPS:
		return lib("rps", NULL);
	case P_OT:
		return lib("ot", NULL);
	case P_POISSON:
		return lib("poisson", "m=8");
	case P_LSQ:
		return lib("leastsq", "m=100 d=5");
	case P_FED:
		return lib("fedquad", NULL);
	case P_KLBANDIT:
		return lib("klbandit", NULL);
	case P_CMDP:
		return lib("cmdp", NULL);
	case P_SCHAFFER:
		return lib("schaffer", NULL);
	case P_ZDT1:
		return lib("zdt1", NULL);
	case P_BOXBOOTH: { /* booth over [-10, 10]^2, from the corner (0, 0) of no method's liking */
		p = lib("booth", NULL);
		prox_attach_set(p, prox_set_new("box", -10, 10, err, sizeof err));
		const double x0[2] = {0, 0};
		prob_set_start(p, x0);
		return p;
	}
	case P_BLTOY:
		return lib("bltoy", NULL);
	default: { /* away from the mean, which the chain's average must find */
		p = lib("gaussian", NULL);
		const double x0[2] = {3, -3};
		prob_set_start(p, x0);
		return p;
	}
	}
}

typedef struct row {
	const char *meth;
	int prob;
	const char *measure; /* "dist", "gnorm" or an extra column */
	double tol;
	long budget; /* the family's budget, or less */
	int at_end;  /* judged after the whole budget (samplers: averages over the chain) */
} row;

/* Budgets by family: the iterations a textbook method with its defaults needs here. */
#define B_GRADIENT 20000 /* fixed step 1e-3 (gd), momentum; 1/(1 - rate) steps */
#define B_NEWTONLIKE 100 /* cg, bfgs, lbfgs, newton: superlinear */
#define B_COORD 6000
#define B_DFO 2000
#define B_ADAPTIVE 20000 /* to a neighbourhood of x*: constant steps */
#define B_PROXIMAL 500
#define B_CONSTRAINED 2000
#define B_GAME 2000
#define B_MIRROR 3000
#define B_TRANSPORT 100
#define B_LINEAR 2000
#define B_BILEVEL 20000 /* the penalty methods: O(1/gamma), O(1/c_k) from x* */
#define B_STOCH 20000
#define B_SAMPLING 2000
#define B_NONSMOOTH 100000
#define B_FEDERATED 500 /* rounds */
#define B_POLICY 2000
#define B_MULTI 500

static const row table[] = {
    {"gd", P_BOOTH, "dist", 1e-6, B_GRADIENT, 0},
    {"gd", P_QUAD, "dist", 1e-6, B_GRADIENT, 0},
    {"heavyball", P_BOOTH, "dist", 1e-6, B_GRADIENT, 0},
    {"heavyball", P_ROSEN, "dist", 1e-6, B_GRADIENT, 0},
    {"nesterov", P_BOOTH, "dist", 1e-6, B_GRADIENT, 0},
    {"nesterov", P_ROSEN, "dist", 1e-6, B_GRADIENT, 0},
    {"cg", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"cg", P_QUAD, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"bfgs", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"bfgs", P_QUAD, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"lbfgs", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"lbfgs", P_QUAD, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"newton", P_ROSEN, "dist", 1e-10, 50, 0},
    {"newton", P_QUAD, "dist", 1e-10, 5, 0},
    {"newtoncg", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"dogleg", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"trnewton", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"regnewton", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"dampednewton", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"cubic", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"arc", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"lazynewton", P_ROSEN, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"gaussnewton", P_LSQ, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"lm", P_LSQ, "dist", 1e-6, B_NEWTONLIKE, 0},
    {"cd", P_BOOTH, "dist", 1e-6, B_COORD, 0},
    {"cd", P_QUAD, "dist", 1e-6, B_COORD, 0},
    {"neldermead", P_ROSEN, "dist", 1e-5, B_DFO, 0},
    {"neldermead", P_BOOTH, "dist", 1e-5, B_DFO, 0},
    /* zeroth-order estimates converge like gd with noise; population and global
     * methods to the box's global minimum (booth's x* is inside) */
    {"zo", P_BOXBOOTH, "dist", 0.1, B_DFO, 0},
    {"zorank", P_BOXBOOTH, "dist", 1e-3, B_DFO, 0},
    {"zofw", P_BOXBOOTH, "dist", 0.5, B_DFO, 0},
    {"fwdgrad", P_BOXBOOTH, "dist", 0.1, B_DFO, 0},
    {"randomsearch", P_BOXBOOTH, "dist", 0.5, B_DFO, 0},
    {"de", P_BOXBOOTH, "dist", 1e-3, B_DFO, 0},
    {"ga", P_BOXBOOTH, "dist", 1e-3, B_DFO, 0},
    {"cbo", P_BOXBOOTH, "dist", 0.2, B_DFO, 0},
    {"cmaes", P_BOXBOOTH, "dist", 1e-3, B_DFO, 0},
    {"direct", P_BOXBOOTH, "dist", 1e-3, B_DFO, 0},
    {"bo", P_BOXBOOTH, "dist", 1e-2, B_DFO, 0},
    {"adagrad", P_QUAD, "dist", 1e-2, B_ADAPTIVE, 0},
    {"rmsprop", P_BOOTH, "dist", 1e-2, B_ADAPTIVE, 0},
    {"adam", P_ROSEN, "dist", 1e-2, B_ADAPTIVE, 0},
    {"adam8bit", P_ROSEN, "dist", 1e-2, B_ADAPTIVE, 0},
    {"adamw", P_QUAD, "dist", 1e-2, B_ADAPTIVE, 0},
    {"amsgrad", P_QUAD2, "dist", 1e-2, B_ADAPTIVE, 0},
    {"diffgrad", P_ROSEN, "dist", 1e-2, B_ADAPTIVE, 0},
    {"lion", P_QUAD, "dist", 1e-2, B_ADAPTIVE, 0},
    {"subgradient", P_LASSO, "dist", 1e-2, B_NONSMOOTH, 0},
    {"ista", P_LASSO, "dist", 1e-6, B_PROXIMAL, 0},
    {"fista", P_LASSO, "dist", 1e-6, B_PROXIMAL, 0},
    {"proxpoint", P_LASSO, "dist", 1e-6, B_PROXIMAL, 0},
    {"admm", P_LASSO, "dist", 1e-6, B_PROXIMAL, 0},
    {"bcd", P_LASSO, "dist", 1e-6, B_PROXIMAL, 0},
    {"pgd", P_SIMPLEX, "dist", 1e-6, B_CONSTRAINED, 0},
    {"frankwolfe", P_SIMPLEX, "dist", 1e-6, B_CONSTRAINED, 0},
    {"penalty", P_KKT, "dist", 1e-6, B_CONSTRAINED, 0},
    {"auglag", P_KKT, "dist", 1e-6, B_CONSTRAINED, 0},
    {"barrier", P_KKT2, "dist", 1e-6, B_CONSTRAINED, 0},
    {"primaldual", P_KKT, "dist", 1e-6, B_CONSTRAINED, 0},
    {"gda", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"ttgda", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"extragradient", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"ogda", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"halpern", P_CCQUAD, "gnorm", 1e-2, B_GAME, 0},
    {"gproxpoint", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"chambollepock", P_CCQUAD, "dist", 1e-6, B_GAME, 0},
    {"md", P_RPS, "avggap", 5e-2, B_MIRROR, 0},
    {"mirrorprox", P_RPS, "avggap", 1e-2, B_MIRROR, 0},
    {"omd", P_RPS, "avggap", 1e-2, B_MIRROR, 0},
    {"sinkhorn", P_OT, "gnorm", 1e-9, B_TRANSPORT, 0},
    {"bilevelpenalty", P_BLTOY, "dist", 1e-2, B_BILEVEL, 0},
    {"lvhba", P_BLTOY, "dist", 1e-2, B_BILEVEL, 0},
    {"aid", P_BLTOY, "gnorm", 1e-9, 500, 0},
    {"itd", P_BLTOY, "gnorm", 1e-9, 500, 0},
    {"bome", P_BLTOY, "gnorm", 1e-9, 2000, 0},
    {"jacobi", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"gaussseidel", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"sor", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"ssor", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"lincg", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"chebyshev", P_POISSON, "dist", 1e-6, B_LINEAR, 0},
    {"learnsor", P_POISSON, "gnorm", 1e-4, B_LINEAR, 0},
    {"sgd", P_LSQ, "gnorm", 1e-2, B_STOCH, 0},
    {"clipsgd", P_LSQ, "gnorm", 1e-2, B_STOCH, 0},
    {"dog", P_LSQ, "gnorm", 1e-2, B_STOCH, 0},
    {"svrg", P_LSQ, "gnorm", 1e-9, B_STOCH, 0},
    {"saga", P_LSQ, "gnorm", 1e-9, B_STOCH, 0},
    /* local steps and constant steps stop at a biased point: a neighbourhood of x* */
    {"fedavg", P_FED, "dist", 0.1, B_FEDERATED, 0},
    {"fedprox", P_FED, "dist", 0.1, B_FEDERATED, 0},
    {"scaffold", P_FED, "dist", 1e-5, B_FEDERATED, 0},
    {"dgd", P_FED, "dist", 0.1, B_FEDERATED, 0},
    {"gt", P_FED, "dist", 1e-5, B_FEDERATED, 0},
    {"pg", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"npg", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"mdpo", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"reinforce", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"a2c", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"ppo", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    {"dpo", P_KLBANDIT, "fgap", 1e-3, B_POLICY, 0},
    /* the averaged policy's return reaches J* = -f* (the dual's) */
    {"lagrangianpg", P_CMDP, "avgreturn", 1e-2, B_POLICY, 1},
    /* Pareto stationarity (or the scalarization's) on Schaffer's N.1; nsga2's hypervolume
     * within 0.012 of ZDT1's 2/3 in 250 generations */
    {"weightedsum", P_SCHAFFER, "gnorm", 1e-10, B_MULTI, 0},
    {"tchebycheff", P_SCHAFFER, "gnorm", 1e-10, B_MULTI, 0},
    {"mgda", P_SCHAFFER, "gnorm", 1e-10, B_MULTI, 0},
    {"pcgrad", P_SCHAFFER, "gnorm", 1e-10, B_MULTI, 0},
    {"nsga2", P_ZDT1, "hvgap", 0.012, 250, 1},
    {"ula", P_GAUSS, "meanerr", 0.15, B_SAMPLING, 1},
    {"mala", P_GAUSS, "meanerr", 0.15, B_SAMPLING, 1},
    {"proxlangevin", P_GAUSS, "meanerr", 0.15, B_SAMPLING, 1},
    {"hmc", P_GAUSS, "meanerr", 0.15, B_SAMPLING, 1},
    {"svgd", P_GAUSS, "meanerr", 0.15, B_SAMPLING, 1},
};
#define NROWS (sizeof table / sizeof *table)

/* Methods the table leaves out on purpose, with why. */
static const char *const skipped[][2] = {
    {"kaczmarz", "one row a step: poisson(m = 8) needs 10^5 of them, over the budget (test_linear checks it against the Strohmer-Vershynin bound)"},
};

static double measure(const run *r, const char *what)
{
	const trace *t = run_trace(r);
	long last = trace_len(t) - 1;
	if (strcmp(what, "dist") == 0)
		return prob_dist_to_sol(run_prob(r), run_x(r));
	if (strcmp(what, "gnorm") == 0)
		return trace_row_at(t, last)->gnorm;
	if (strcmp(what, "fgap") == 0)
		return trace_row_at(t, last)->f - run_prob(r)->fstar;
	if (strcmp(what, "hvgap") == 0) /* the true front's hypervolume less the run's */
		return multi_of(run_prob(r))->hvstar - trace_extra(t, last, trace_extra_find(t, "hv"));
	if (strcmp(what, "avgreturn") == 0) /* |J(average) - J*|, f = -J */
		return fabs(trace_extra(t, last, trace_extra_find(t, what)) + run_prob(r)->fstar);
	int k = trace_extra_find(t, what);
	assert_true(k >= 0);
	return trace_extra(t, last, k);
}

/* Steps until the measure is within tol; the iterations taken, or -1. */
static long reach(run *r, const row *w)
{
	if (w->at_end) {
		run_step(r, w->budget, NULL);
		return measure(r, w->measure) <= w->tol ? run_iter(r) : -1;
	}
	for (long k = 0; k <= w->budget; k++) {
		if (measure(r, w->measure) <= w->tol)
			return run_iter(r);
		if (run_status(r) != RUN_RUNNING || run_step(r, 1, NULL) != 1)
			return measure(r, w->measure) <= w->tol ? run_iter(r) : -1;
	}
	return -1;
}

static void test_every_method(void **st)
{
	prob *probs[P_COUNT];
	for (int k = 0; k < P_COUNT; k++)
		probs[k] = make(k);
	int n, bad = 0;
	const meth *const *cat = meth_catalog(&n);
	for (int i = 0; i < n; i++) {
		int rows = 0, skip = 0;
		for (size_t s = 0; s < sizeof skipped / sizeof *skipped; s++)
			skip |= strcmp(skipped[s][0], cat[i]->name) == 0;
		for (size_t j = 0; j < NROWS; j++) {
			const row *w = &table[j];
			if (strcmp(w->meth, cat[i]->name) != 0)
				continue;
			rows++;
			char err[256];
			run *r = tr_try(probs[w->prob], w->meth, NULL, NULL, err, sizeof err);
			if (!r) {
				printf("FAIL %-14s refused: %s\n", w->meth, err);
				bad++;
				continue;
			}
			long k = reach(r, w);
			printf("%s %-14s %-10s %-8s %-10.3g <= %-6g in %6ld of %6ld (%s)\n",
			       k < 0 ? "FAIL" : "ok  ", w->meth, probs[w->prob]->name, w->measure,
			       measure(r, w->measure), w->tol, k < 0 ? run_iter(r) : k, w->budget,
			       run_stop_name(run_status(r)));
			bad += k < 0;
			run_free(r);
		}
		if (!rows && !skip) {
			printf("FAIL %-14s has no row: add one to test_catalogue.c\n", cat[i]->name);
			bad++;
		}
	}
	for (int k = 0; k < P_COUNT; k++)
		prob_free(probs[k]);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_method),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
