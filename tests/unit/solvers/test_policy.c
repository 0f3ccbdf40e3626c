/* test_policy: the policy family on exactly solved problems. J* comes from value
 * iteration (or, for the KL-regularized bandit, the closed form softmax(log pi_ref +
 * r / beta)), never from the methods themselves. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mdp.h"
#include "testrun.h"

/* J* - J at the run's iterate (f - f*). */
static double gap(const run *r) { return run_f(r) - run_prob(r)->fstar; }

/* Value iteration's J* against an independent check: on the chain the optimal policy
 * goes right everywhere, whose value solves a 2-term recurrence; here, the optimum of
 * npg and pg agree with it, and pg's gap shrinks like 1/k (Mei et al.). */
static void exact_methods_reach_vstar(void **unused)
{
	prob *p = tr_lib("randmdp", "states=10,actions=3,gamma=0.9,seed=4");
	run *npg = tr_stepped(p, "npg", NULL, 60, 1);
	assert_true(gap(npg) < 1e-10);
	run *mdpo = tr_stepped(p, "mdpo", "step=10", 100, 1);
	assert_true(gap(mdpo) < 1e-10);
	run_free(npg);
	run_free(mdpo);
	run *pg1 = tr_stepped(p, "pg", NULL, 200, 1), *pg2 = tr_stepped(p, "pg", NULL, 800, 1);
	double g1 = gap(pg1), g2 = gap(pg2);
	assert_true(g2 < g1 / 2); /* O(1/k): four times the steps, well under half the gap */
	assert_true(g2 > 0);
	run_free(pg1);
	run_free(pg2);
	prob_free(p);
	/* the cliff walk's optimal return: 7 steps of -1 around the cliff */
	p = tr_lib("cliff", "rows=4,cols=6,gamma=0.95");
	assert_true(fabs(p->fstar - (1 - pow(0.95, 7)) / 0.05) < 1e-12);
	run *c = tr_stepped(p, "npg", "step=10", 100, 1);
	assert_true(gap(c) < 1e-8);
	run_free(c);
	prob_free(p);
}

/* npg contracts the gap geometrically with a large step (policy iteration in the limit). */
static void npg_linear(void **unused)
{
	prob *p = tr_lib("chain", "n=8,gamma=0.9");
	double g[4];
	for (int i = 0; i < 4; i++) {
		run *r = tr_stepped(p, "npg", "step=2", 10 * (i + 1), 1);
		g[i] = gap(r);
		run_free(r);
	}
	for (int i = 1; i < 4; i++)
		assert_true(g[i] < 0.2 * g[i - 1] || g[i] < 1e-13);
	prob_free(p);
}

/* A contextual bandit: J* is the mean over contexts of the best arm's mean (computed
 * here from the arms, not by value iteration); npg finds every context's best arm, and
 * reinforce from one-step episodes, sampled contexts and noisy rewards gets close. */
static void contextual_bandit(void **unused)
{
	prob *p = tr_lib("ctxbandit", "contexts=4,k=3,seed=2");
	const mdp *m = mdp_of(p);
	double jstar = 0;
	for (int c = 0; c < 4; c++) {
		double best = -INFINITY;
		for (int a = 0; a < 3; a++)
			best = fmax(best, m->R[c * 3 + a]);
		jstar += best / 4;
	}
	assert_true(fabs(p->fstar + jstar) < 1e-12);
	run *n = tr_stepped(p, "npg", "step=5", 200, 1);
	assert_true(gap(n) < 1e-6);
	run_free(n);
	run *r = tr_stepped(p, "reinforce", "baseline=rloo", 400, 3);
	assert_true(gap(r) < 0.05 * (1 + jstar));
	run_free(r);
	prob_free(p);
}

/* Every regularized method reaches softmax(log pi_ref + r / beta) to 1e-6. */
static void klbandit_optimum(void **unused)
{
	prob *p = tr_lib("klbandit", "k=6,beta=0.5,seed=3");
	const mdp *m = mdp_of(p);
	double want[6], got[6];
	mdp_policy(m, p->xstar, want);
	static const struct {
		const char *meth, *args;
		long steps;
	} rows[] = {{"pg", "step=2", 3000}, {"npg", NULL, 100}, {"mdpo", NULL, 100},
	            {"dpo", "step=20", 5000}};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		run *r = tr_stepped(p, rows[i].meth, rows[i].args, rows[i].steps, 1);
		mdp_policy(m, run_x(r), got);
		for (int a = 0; a < 6; a++)
			if (!(fabs(got[a] - want[a]) < 1e-6))
				fail_msg("%s: pi[%d] = %.10g, want %.10g", rows[i].meth, a, got[a], want[a]);
		run_free(r);
	}
	/* the closed form itself: r - beta log(pi_star / ref) is constant across arms */
	double c0 = m->R[0] - m->beta * (log(want[0]) - m->logref[0]);
	for (int a = 1; a < 6; a++)
		assert_true(fabs(m->R[a] - m->beta * (log(want[a]) - m->logref[a]) - c0) < 1e-12);
	prob_free(p);
}

/* PPO with one epoch, one minibatch and no clipping takes a2c's steps exactly. */
static void a2c_is_ppo(void **unused)
{
	prob *p = tr_lib("randmdp", "states=6,actions=3,seed=2");
	run *a = tr_stepped(p, "a2c", "episodes=8", 25, 9);
	run *b = tr_stepped(p, "ppo", "episodes=8,epochs=1,minibatches=1,clip=0", 25, 9);
	const trace *ta = run_trace(a), *tb = run_trace(b);
	assert_int_equal(trace_len(ta), trace_len(tb));
	for (long i = 0; i < trace_len(ta); i++)
		assert_memory_equal(trace_x(ta, i), trace_x(tb, i), (size_t)p->n * sizeof(double));
	/* and with clipping and epochs, a different method */
	run *c = tr_stepped(p, "ppo", "episodes=8", 25, 9);
	assert_true(memcmp(run_x(c), run_x(a), (size_t)p->n * sizeof(double)) != 0);
	run_free(a);
	run_free(b);
	run_free(c);
	prob_free(p);
}

/* mdpo(eta) is npg(eta (1 - gamma)): mirror descent per state with exact Q. */
static void mdpo_is_mirror_descent(void **unused)
{
	prob *p = tr_lib("randmdp", "states=5,actions=4,gamma=0.8,seed=5");
	run *a = tr_stepped(p, "mdpo", "step=0.5", 20, 1);
	run *b = tr_stepped(p, "npg", "step=0.1", 20, 1); /* 0.5 (1 - 0.8) */
	for (int i = 0; i < p->n; i++)
		assert_true(fabs(run_x(a)[i] - run_x(b)[i]) < 1e-9);
	run_free(a);
	run_free(b);
	prob_free(p);
}

/* A baseline lowers the variance of REINFORCE's gradient estimate: the total variance
 * (the trace of the covariance) of the first step's move over 400 seeds from the
 * uniform policy on a Bernoulli bandit. */
static double step_variance(const prob *p, const char *args)
{
	double s1[8] = {0}, s2[8] = {0}, tot = 0;
	const int S = 400;
	for (int seed = 1; seed <= S; seed++) {
		run *r = tr_stepped(p, "reinforce", args, 1, (uint64_t)seed);
		for (int i = 0; i < p->n; i++) {
			s1[i] += run_x(r)[i];
			s2[i] += run_x(r)[i] * run_x(r)[i];
		}
		run_free(r);
	}
	for (int i = 0; i < p->n; i++)
		tot += s2[i] / S - (s1[i] / S) * (s1[i] / S);
	return tot;
}

static void baseline_variance(void **unused)
{
	prob *p = tr_lib("bandit", "k=4,rewards=bernoulli,seed=2");
	double none = step_variance(p, "baseline=none,episodes=8");
	assert_true(step_variance(p, "baseline=rloo,episodes=8") < 0.8 * none);
	assert_true(step_variance(p, "baseline=mean,episodes=8") < 0.8 * none);
	prob_free(p);
}

/* Policy gradient on the LQR reaches the Riccati gain (computed at set-up by value
 * iteration on P) to 1e-6; the gradient agrees with central differences of J. */
static void lqr_riccati(void **unused)
{
	prob *p = tr_lib("lqr", "n=3,m=2,seed=2");
	double K[6] = {0.1, -0.05, 0.02, 0.03, 0.1, -0.02}, g[6], e[6];
	p->ops->grad(p->ctx, K, g);
	for (int i = 0; i < 6; i++) {
		double h = 1e-6, kp[6], km[6];
		memcpy(kp, K, sizeof kp);
		memcpy(km, K, sizeof km);
		kp[i] += h;
		km[i] -= h;
		e[i] = (p->ops->value(p->ctx, kp) - p->ops->value(p->ctx, km)) / (2 * h);
		assert_true(fabs(e[i] - g[i]) < 1e-6 * (1 + fabs(g[i])));
	}
	run *r = tr_stepped(p, "pg", "step=0.01", 5000, 1);
	double d = prob_dist_to_sol(p, run_x(r));
	if (!(d < 1e-6))
		fail_msg("pg on lqr: |K - K*| = %g (%s)", d, run_message(r));
	run_free(r);
	prob_free(p);
}

/* The constrained MDP's J* comes from its dual (golden section over lambda, value
 * iteration inside); primal-dual npg's averaged return reaches it and its averaged
 * cost the budget (Ding et al.'s guarantee is for the averages). */
static void cmdp_primal_dual(void **unused)
{
	prob *p = tr_lib("cmdp", "states=10,actions=3,seed=1");
	const mdp *m = mdp_of(p);
	run *r = tr_stepped(p, "lagrangianpg", NULL, 4000, 1);
	const trace *t = run_trace(r);
	long last = trace_len(t) - 1;
	double avgr = trace_extra(t, last, trace_extra_find(t, "avgreturn"));
	double avgc = trace_extra(t, last, trace_extra_find(t, "avgcost"));
	assert_true(fabs(avgr - m->Jstar) < 5e-3);
	assert_true(avgc < m->budget + 5e-3);
	/* the dual's optimum is feasible-tight: the reward-optimal policy is over budget */
	prob *u = tr_lib("randmdp", "states=10,actions=3,seed=1");
	assert_true(mdp_of(u)->Jstar > m->Jstar + 1e-3);
	prob_free(u);
	run_free(r);
	prob_free(p);
}

static void refusals(void **unused)
{
	prob *p = tr_lib("randmdp", "");
	char err[256];
	assert_null(tr_try(p, "dpo", NULL, NULL, err, sizeof err));
	assert_non_null(strstr(err, "klbandit"));
	prob_free(p);
	p = tr_lib("rosenbrock", "");
	assert_null(tr_try(p, "npg", NULL, NULL, err, sizeof err));
	assert_non_null(strstr(err, "policy problem"));
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(exact_methods_reach_vstar), cmocka_unit_test(npg_linear),
	    cmocka_unit_test(klbandit_optimum),          cmocka_unit_test(a2c_is_ppo),
	    cmocka_unit_test(mdpo_is_mirror_descent),    cmocka_unit_test(baseline_variance),
	    cmocka_unit_test(lqr_riccati),               cmocka_unit_test(cmdp_primal_dual),
	    cmocka_unit_test(refusals),                   cmocka_unit_test(contextual_bandit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
