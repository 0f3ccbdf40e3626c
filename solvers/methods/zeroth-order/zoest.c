/* zoest: the two-point Gaussian-smoothing estimate (zoest.h). */
#include "zoest.h"

#include <math.h>
#include <string.h>

double zoest_gauss(meth_ctx *c, const double *x, double fx, double mu, int k, int central,
                   double *g, double *tmp)
{
	int n = c->n;
	double *u = tmp, *y = tmp + n, gn = 0;
	memset(g, 0, (size_t)n * sizeof *g);
	for (int d = 0; d < k; d++) {
		for (int i = 0; i < n; i++)
			u[i] = rng_normal(c->rng);
		for (int i = 0; i < n; i++)
			y[i] = x[i] + mu * u[i];
		double fp = oracle_value(c->o, y), q;
		if (central) {
			for (int i = 0; i < n; i++)
				y[i] = x[i] - mu * u[i];
			q = (fp - oracle_value(c->o, y)) / (2 * mu);
		} else {
			q = (fp - fx) / mu;
		}
		for (int i = 0; i < n; i++)
			g[i] += q * u[i] / k;
	}
	for (int i = 0; i < n; i++)
		gn += g[i] * g[i];
	return sqrt(gn);
}
