/* profile: benchmark profiles from a results table of S solvers on P problems (each
 * (problem, seed) of a campaign one problem here).
 *  - Dolan & More, "Benchmarking optimization software with performance profiles",
 *    Math. Program. 91 (2002): r_ps = t_ps / min_s t_ps, rho_s(tau) = |{p : r_ps <= tau}| / P.
 *  - More & Wild, "Benchmarking derivative-free optimization algorithms", SIAM J. Optim.
 *    20 (2009): d_s(alpha) = |{p : t_ps / (n_p + 1) <= alpha}| / P, alpha in simplex
 *    gradients (n + 1 evaluations).
 * t_ps is the cost (evaluations, iterations, seconds) to meet the test, INFINITY where
 * the solver did not.
 *
 * Ownership: everything is borrowed; results go to the caller's arrays. */
#ifndef OPTLAB_PROFILE_H
#define OPTLAB_PROFILE_H

#include <stddef.h>

typedef struct prof_table {
	int ns, np;
	const double *cost; /* np x ns, row p: t_p1 .. t_pS; INFINITY: not met */
	const int *n;       /* np dimensions (data profiles) */
} prof_table;

/* ratio[p * ns + s] = r_ps (INFINITY where s failed or no solver met p). */
void prof_ratios(const prof_table *t, double *ratio);
/* rho_s(tau), the fraction of problems solver s met within tau times the best. */
double prof_perf(const prof_table *t, const double *ratio, int s, double tau);
/* d_s(alpha), the fraction met within alpha (n_p + 1) of the cost. */
double prof_data(const prof_table *t, int s, double alpha);
/* The steps of solver s's curve: the finite values among its np (ratios, or costs in
 * units of n + 1 when data is set), sorted, into v; returns their count. The curve
 * rises by 1/np at each. */
int prof_steps(const prof_table *t, const double *ratio, int s, int data, double *v);
/* Solver s: problems met, and the median cost over them (NAN: none). */
int prof_solved(const prof_table *t, int s, double *median);

#endif
