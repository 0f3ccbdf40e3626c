/* problib_ot: optimal transport between two seeded histograms on the line [0, 1] with
 * the squared-distance cost (the ot problem kind, ot.h), and the preference game of
 * Nash learning from human feedback. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ot.h"
#include "problib_int.h"
#include "rng.h"

enum { OT_M, OT_K, OT_SEED, OT_REG, OT_WEIGHTS };

static const char *const weight_kinds[] = {"random", "uniform", NULL};

const param_def problib_ot_params[5] = {
    {"m", 5, 1, OT_MAX, "bins of the source histogram a", NULL, 1},
    {"k", 5, 1, OT_MAX, "bins of the target histogram b", NULL, 1},
    {"seed", 1, 0, 9007199254740992.0, "seed of the bins' positions and weights", NULL, 1},
    {"reg", 0.05, 1e-9, 1e6, "the entropic regularization eps", NULL, 0},
    {"weights", 0, 0, 1, "random: weights in [0.2, 1.2], normalized; uniform: 1/m, 1/k",
     weight_kinds, 0},
};

/* n sorted positions in [0, 1) and their weights, each summing to 1. */
static void histogram(rng *r, int n, int uniform, double *pos, double *w)
{
	double s = 0;
	for (int i = 0; i < n; i++) {
		double v = rng_uniform(r);
		int j = i;
		for (; j > 0 && pos[j - 1] > v; j--) /* insertion: n is small */
			pos[j] = pos[j - 1];
		pos[j] = v;
	}
	for (int i = 0; i < n; i++)
		s += w[i] = uniform ? 1 : 0.2 + rng_uniform(r);
	for (int i = 0; i < n; i++)
		w[i] /= s;
}

prob *problib_ot(const double *v, char *err, size_t cap)
{
	int m = (int)v[OT_M], k = (int)v[OT_K], uni = (int)v[OT_WEIGHTS];
	double *xs = malloc((size_t)m * sizeof *xs), *a = malloc((size_t)m * sizeof *a);
	double *ys = malloc((size_t)k * sizeof *ys), *b = malloc((size_t)k * sizeof *b);
	double *C = malloc((size_t)m * (size_t)k * sizeof *C);
	prob *p = NULL;
	if (!xs || !a || !ys || !b || !C) {
		snprintf(err, cap, "ot: out of memory");
		goto out;
	}
	rng r;
	rng_seed(&r, (uint64_t)v[OT_SEED]);
	histogram(&r, m, uni, xs, a);
	histogram(&r, k, uni, ys, b);
	for (int i = 0; i < m; i++)
		for (int j = 0; j < k; j++)
			C[(size_t)i * (size_t)k + (size_t)j] = (xs[i] - ys[j]) * (xs[i] - ys[j]);
	p = ot_problem("ot", m, k, a, b, C, v[OT_REG], err, cap);
	if (p && prob_set_desc(p, "entropic OT dual: eps sum_ij exp((f_i + g_j - C_ij)/eps) - "
	                          "<a, f> - <b, g>, C_ij = (x_i - y_j)^2")) {
		prob_free(p);
		p = NULL;
		snprintf(err, cap, "ot: out of memory");
	}
out:
	free(xs);
	free(a);
	free(ys);
	free(b);
	free(C);
	return p;
}
