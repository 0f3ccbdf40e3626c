/* dense: Cholesky and its shifted variant for Newton's method. */
#include "dense.h"

#include <math.h>
#include <string.h>

int dense_cholesky(double *a, int n)
{
	/* Row-oriented: row i of L from rows 0..i of L, so that the inner loops
	 * run over contiguous memory. */
	for (int i = 0; i < n; i++) {
		double *ri = a + (size_t)i * n;
		for (int j = 0; j <= i; j++) {
			const double *rj = a + (size_t)j * n;
			double s = ri[j] - dense_dot(ri, rj, j);
			if (j < i) {
				ri[j] = s / rj[j];
			} else {
				if (!(s > 0.0) || !isfinite(s))
					return -1;
				ri[i] = sqrt(s);
			}
		}
	}
	return 0;
}

void dense_cholesky_solve(const double *l, int n, double *b)
{
	for (int i = 0; i < n; i++) { /* L y = b */
		const double *ri = l + (size_t)i * n;
		double s = b[i];
		for (int k = 0; k < i; k++)
			s -= ri[k] * b[k];
		b[i] = s / ri[i];
	}
	for (int i = n - 1; i >= 0; i--) { /* L' x = y, reading L by columns */
		double s = b[i];
		for (int k = i + 1; k < n; k++)
			s -= l[(size_t)k * n + i] * b[k];
		b[i] = s / l[(size_t)i * n + i];
	}
}

double dense_cholesky_shifted(const double *h, int n, double *l)
{
	size_t nn = (size_t)n * n;
	double fro = 0.0, dmin = INFINITY;
	for (size_t k = 0; k < nn; k++)
		fro += h[k] * h[k];
	fro = sqrt(fro);
	for (int i = 0; i < n; i++)
		dmin = fmin(dmin, h[(size_t)i * n + i]);
	if (!isfinite(fro))
		return -1.0;
	double beta = 1e-3 * fmax(1.0, fro);
	double tau = dmin > 0.0 ? 0.0 : beta - dmin;
	/* Doubling from beta reaches any needed shift in about 40 tries. */
	for (int tries = 0; tries < 60; tries++) {
		memcpy(l, h, nn * sizeof *l);
		for (int i = 0; i < n; i++)
			l[(size_t)i * n + i] += tau;
		if (dense_cholesky(l, n) == 0)
			return tau;
		tau = fmax(2.0 * tau, beta);
	}
	return -1.0;
}

double dense_dot(const double *x, const double *y, int n)
{
	double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
	int i = 0;
	for (; i + 4 <= n; i += 4) {
		s0 += x[i] * y[i];
		s1 += x[i + 1] * y[i + 1];
		s2 += x[i + 2] * y[i + 2];
		s3 += x[i + 3] * y[i + 3];
	}
	for (; i < n; i++)
		s0 += x[i] * y[i];
	return (s0 + s2) + (s1 + s3);
}

int dense_solve(double *a, int n, double *b)
{
	for (int i = 0; i < n; i++) {
		int piv = i;
		for (int r = i + 1; r < n; r++)
			if (fabs(a[(size_t)r * n + i]) > fabs(a[(size_t)piv * n + i]))
				piv = r;
		if (!(fabs(a[(size_t)piv * n + i]) > 0))
			return -1;
		if (piv != i) {
			for (int t = 0; t < n; t++) {
				double s = a[(size_t)i * n + t];
				a[(size_t)i * n + t] = a[(size_t)piv * n + t];
				a[(size_t)piv * n + t] = s;
			}
			double s = b[i];
			b[i] = b[piv];
			b[piv] = s;
		}
		const double *ri = a + (size_t)i * n;
		for (int r = i + 1; r < n; r++) {
			double *rr = a + (size_t)r * n, f = rr[i] / ri[i];
			if (f == 0)
				continue;
			for (int t = i; t < n; t++)
				rr[t] -= f * ri[t];
			b[r] -= f * b[i];
		}
	}
	for (int i = n - 1; i >= 0; i--) {
		double s = b[i];
		for (int t = i + 1; t < n; t++)
			s -= a[(size_t)i * n + t] * b[t];
		b[i] = s / a[(size_t)i * n + i];
	}
	return 0;
}
