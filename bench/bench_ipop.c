/* bench_ipop: IPOP-CMA-ES on the shifted Rastrigin function in 10-D (f9 of the CEC 2005
 * real-parameter suite) with the protocol of Auger & Hansen, "A restart CMA evolution
 * strategy with increasing population size" (CEC 2005): search box [-5, 5]^10, the
 * start uniform in the box, initial sigma (B - A)/2 = 5, the population doubled at each
 * restart (restarts from a uniform point of the box), at most 10^4 n = 10^5 evaluations,
 * success when f - f* < 10^-2. The optimum is moved to a point o drawn uniform in
 * [-4, 4]^10 for each seed (the suite's shift: the box's centre is not the answer).
 * Prints, for each seed, whether it succeeded, its evaluations and restarts; then the
 * success count and the median evaluations of the successful seeds.
 *
 * Usage: bench_ipop [seeds] [n] [budget: evaluations, default 10^4 n] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optlab.h"

#define BOX 5.0
#define SHIFT 4.0
#define TARGET 1e-2

typedef struct shifted {
	int n;
	double o[64];
} shifted;

static double shifted_rastrigin(void *ctx, const double *x)
{
	const shifted *s = ctx;
	double f = 10.0 * s->n;
	for (int i = 0; i < s->n; i++) {
		double z = x[i] - s->o[i];
		f += z * z - 10.0 * cos(2 * M_PI * z);
	}
	return f;
}

static void free_ctx(void *ctx)
{
	free(ctx);
}

static const prob_ops rastrigin_ops = {.value = shifted_rastrigin, .free = free_ctx};

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* One seed: 1 on success, 0 on failure, -1 on error; *nf the evaluations spent. */
static int one_seed(int n, unsigned seed, long budget, long *nf, int *restarts)
{
	rng g;
	rng_seed(&g, 1000 + seed);
	shifted *ctx = malloc(sizeof *ctx);
	if (!ctx)
		return -1;
	ctx->n = n;
	double x0[64];
	for (int i = 0; i < n; i++) {
		ctx->o[i] = SHIFT * (2 * rng_uniform(&g) - 1);
		x0[i] = BOX * (2 * rng_uniform(&g) - 1);
	}
	prob *p = prob_new("rastrigin-shifted", n, PROB_VALUE, &rastrigin_ops, ctx);
	if (!p)
		return -1;
	prox_attach_set(p, prox_box(-BOX, BOX));
	const meth *m = meth_find("cmaes");
	double par[16];
	for (int i = 0; i < m->nparams; i++)
		par[i] = m->params[i].def;
	for (int i = 0; i < m->nparams; i++) {
		if (strcmp(m->params[i].name, "sigma") == 0)
			par[i] = BOX; /* (B - A) / 2 */
		if (strcmp(m->params[i].name, "restarts") == 0)
			par[i] = m->params[i].hi;
	}
	run_opts o;
	run_opts_default(&o);
	o.gtol = 0;
	o.seed = seed;
	char err[256];
	run *r = run_new(p, m, par, x0, &o, err, sizeof err);
	if (!r) {
		fprintf(stderr, "bench_ipop: %s\n", err);
		prob_free(p);
		return -1;
	}
	const trace *t = run_trace(r);
	int lam = trace_extra_find(t, "lambda");
	double lambda0 = trace_extra(t, 0, lam);
	int ok = 0;
	for (;;) {
		const trace_row *row = trace_row_at(t, trace_len(t) - 1);
		*nf = row->nf;
		if (row->f < TARGET) {
			ok = 1;
			break;
		}
		if (row->nf >= budget || run_status(r) != RUN_RUNNING || run_step(r, 1, NULL) < 1)
			break;
	}
	*restarts = (int)lround(log2(trace_extra(t, trace_len(t) - 1, lam) / lambda0));
	run_free(r);
	prob_free(p);
	return ok;
}

int main(int argc, char **argv)
{
	int seeds = argc > 1 ? atoi(argv[1]) : 20, n = argc > 2 ? atoi(argv[2]) : 10;
	long budget = argc > 3 ? atol(argv[3]) : 10000L * n, *won;
	if (seeds < 1 || seeds > 1000 || n < 2 || n > 64 || budget < 1) {
		fprintf(stderr, "usage: bench_ipop [seeds 1..1000] [n 2..64] [budget]\n");
		return 2;
	}
	won = malloc((size_t)seeds * sizeof *won);
	int nwon = 0;
	if (!won)
		return 1;
	printf("IPOP-CMA-ES on shifted Rastrigin, n = %d, box [-5, 5]^n, sigma0 = 5, "
	       "budget %ld evaluations, target f - f* < 1e-2\n", n, budget);
	printf("%6s %8s %10s %9s\n", "seed", "success", "evals", "restarts");
	for (int k = 1; k <= seeds; k++) {
		long nf = 0;
		int restarts = 0, rc = one_seed(n, (unsigned)k, budget, &nf, &restarts);
		if (rc < 0) {
			free(won);
			return 1;
		}
		printf("%6d %8s %10ld %9d\n", k, rc ? "yes" : "no", nf, restarts);
		fflush(stdout);
		if (rc)
			won[nwon++] = nf;
	}
	qsort(won, (size_t)nwon, sizeof *won, cmp_long);
	double med = nwon == 0 ? NAN
	             : nwon % 2 ? (double)won[nwon / 2]
	                        : 0.5 * (double)(won[nwon / 2 - 1] + won[nwon / 2]);
	printf("solved %d of %d; median evaluations of the solved: %.0f\n", nwon, seeds, med);
	free(won);
	return 0;
}
