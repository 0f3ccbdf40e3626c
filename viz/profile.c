/* profile: performance and data profiles of a results table. */
#include "profile.h"

#include <math.h>
#include <stdlib.h>

void prof_ratios(const prof_table *t, double *ratio)
{
	for (int p = 0; p < t->np; p++) {
		const double *c = t->cost + (size_t)p * t->ns;
		double best = INFINITY;
		for (int s = 0; s < t->ns; s++)
			if (c[s] < best)
				best = c[s];
		for (int s = 0; s < t->ns; s++) {
			double r = INFINITY;
			if (isfinite(c[s]) && isfinite(best))
				r = best > 0 ? c[s] / best : c[s] > 0 ? INFINITY : 1; /* a zero cost is best */
			ratio[(size_t)p * t->ns + s] = r;
		}
	}
}

double prof_perf(const prof_table *t, const double *ratio, int s, double tau)
{
	int k = 0;
	for (int p = 0; p < t->np; p++)
		k += ratio[(size_t)p * t->ns + s] <= tau;
	return t->np ? (double)k / t->np : 0;
}

double prof_data(const prof_table *t, int s, double alpha)
{
	int k = 0;
	for (int p = 0; p < t->np; p++)
		k += t->cost[(size_t)p * t->ns + s] / (t->n[p] + 1) <= alpha;
	return t->np ? (double)k / t->np : 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int prof_steps(const prof_table *t, const double *ratio, int s, int data, double *v)
{
	int k = 0;
	for (int p = 0; p < t->np; p++) {
		double x = data ? t->cost[(size_t)p * t->ns + s] / (t->n[p] + 1)
		                : ratio[(size_t)p * t->ns + s];
		if (isfinite(x))
			v[k++] = x;
	}
	qsort(v, (size_t)k, sizeof *v, cmp);
	return k;
}

int prof_solved(const prof_table *t, int s, double *median)
{
	double *v = malloc(((size_t)t->np + 1) * sizeof *v);
	int k = 0;
	for (int p = 0; v && p < t->np; p++)
		if (isfinite(t->cost[(size_t)p * t->ns + s]))
			v[k++] = t->cost[(size_t)p * t->ns + s];
	*median = NAN;
	if (v && k) {
		qsort(v, (size_t)k, sizeof *v, cmp);
		*median = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	}
	if (!v) /* no memory: the count alone */
		for (int p = 0; p < t->np; p++)
			k += isfinite(t->cost[(size_t)p * t->ns + s]);
	free(v);
	return k;
}
