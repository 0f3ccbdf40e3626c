/* prob_start: a typed problem's default start, where a run can begin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prob.h"
#include "rng.h"

#define START_DRAWS 20 /* seeded draws in [-1, 1]^n tried after the fixed candidates */

/* Whether f is finite at x with a gradient that is finite and not 0; *finite: f is. */
static int good_start(const prob *p, const double *x, double *g, int *finite)
{
	double f = p->ops->grad(p->ctx, x, g);
	double gg = 0;
	for (int i = 0; i < p->n; i++)
		gg += g[i] * g[i];
	*finite = isfinite(f);
	return *finite && isfinite(gg) && gg > 0;
}

void prob_default_start(prob *p, char *why, size_t cap)
{
	*why = 0;
	if (!(p->caps & PROB_GRAD) || (p->caps & PROB_PROJ) || p->n < 1)
		return; /* over a set, the set's own start (a simplex's centre) stays */
	double *x = malloc((size_t)p->n * sizeof *x), *g = malloc((size_t)p->n * sizeof *g);
	double *first = malloc((size_t)p->n * sizeof *first); /* the first finite candidate */
	int finite, have_first = 0;
	if (!x || !g || !first)
		goto out;
	memcpy(x, p->x0, (size_t)p->n * sizeof *x);
	if (good_start(p, x, g, &finite))
		goto out;
	const char *reason = finite ? "its gradient is 0 at the origin" : "f is not finite at the origin";
	static const double fill[] = {1, 0.5, 2, -1};
	rng r;
	rng_seed(&r, 1);
	for (int k = 0; k < 4 + START_DRAWS; k++) {
		for (int i = 0; i < p->n; i++)
			x[i] = k < 4 ? fill[k] : 2 * rng_uniform(&r) - 1;
		int ok = good_start(p, x, g, &finite);
		if (finite && !have_first) {
			memcpy(first, x, (size_t)p->n * sizeof *x);
			have_first = 1;
		}
		if (ok) {
			memcpy(first, x, (size_t)p->n * sizeof *x);
			have_first = 1;
			break;
		}
	}
	if (have_first) {
		prob_set_start(p, first);
		snprintf(why, cap, "%s", reason);
	}
out:
	free(x);
	free(g);
	free(first);
}
