/* dense_eig: the symmetric eigenproblem (cyclic Jacobi: short, accurate, and fast
 * enough for the n <= a few hundred the exact subproblem solvers use) and Householder
 * QR with triangular solves, for least squares. */
#include "dense.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sorts w increasingly and v's columns with it (insertion: n is small). */
static void sort_eig(double *w, double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && w[j] < w[j - 1]; j--) {
			double t = w[j];
			w[j] = w[j - 1];
			w[j - 1] = t;
			if (v)
				for (int k = 0; k < n; k++) {
					double *r = v + (size_t)k * n;
					t = r[j];
					r[j] = r[j - 1];
					r[j - 1] = t;
				}
		}
}

int dense_eigsym(double *a, int n, double *w, double *v)
{
	size_t nn = (size_t)n * n;
	double fro = 0.0;
	for (size_t k = 0; k < nn; k++)
		fro += a[k] * a[k];
	if (!isfinite(fro))
		return -1;
	if (v) {
		memset(v, 0, nn * sizeof *v);
		for (int i = 0; i < n; i++)
			v[(size_t)i * n + i] = 1.0;
	}
	for (int sweep = 0; sweep < 100; sweep++) {
		double off = 0.0;
		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++)
				off += a[(size_t)p * n + q] * a[(size_t)p * n + q];
		if (off <= 1e-30 * fro || off == 0.0)
			break;
		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++) {
				double apq = a[(size_t)p * n + q];
				if (apq == 0.0)
					continue;
				double app = a[(size_t)p * n + p], aqq = a[(size_t)q * n + q];
				/* the rotation that zeroes a_pq (Golub & Van Loan, alg. 8.5.1) */
				double th = (aqq - app) / (2.0 * apq);
				double t = (th >= 0 ? 1.0 : -1.0) / (fabs(th) + sqrt(1.0 + th * th));
				double c = 1.0 / sqrt(1.0 + t * t), s = t * c;
				for (int k = 0; k < n; k++) { /* columns p and q */
					double *r = a + (size_t)k * n;
					double kp = r[p], kq = r[q];
					r[p] = c * kp - s * kq;
					r[q] = s * kp + c * kq;
				}
				double *rp = a + (size_t)p * n, *rq = a + (size_t)q * n;
				for (int k = 0; k < n; k++) { /* rows p and q */
					double pk = rp[k], qk = rq[k];
					rp[k] = c * pk - s * qk;
					rq[k] = s * pk + c * qk;
				}
				if (v)
					for (int k = 0; k < n; k++) {
						double *r = v + (size_t)k * n;
						double kp = r[p], kq = r[q];
						r[p] = c * kp - s * kq;
						r[q] = s * kp + c * kq;
					}
			}
	}
	for (int i = 0; i < n; i++)
		w[i] = a[(size_t)i * n + i];
	sort_eig(w, v, n);
	return 0;
}

void dense_qr(double *a, int m, int n, double *tau, double *b)
{
	for (int j = 0; j < n; j++) {
		double s = 0.0;
		for (int i = j; i < m; i++)
			s += a[(size_t)i * n + j] * a[(size_t)i * n + j];
		double nrm = sqrt(s), ajj = a[(size_t)j * n + j];
		if (nrm == 0.0) {
			tau[j] = 0.0;
			continue;
		}
		double alpha = ajj > 0 ? -nrm : nrm; /* no cancellation in v0 = ajj - alpha */
		double v0 = ajj - alpha;
		/* v = (1, a_{j+1,j}/v0, ...), H = I - tau v v' */
		for (int i = j + 1; i < m; i++)
			a[(size_t)i * n + j] /= v0;
		tau[j] = -v0 / alpha;
		a[(size_t)j * n + j] = alpha;
		for (int k = j + 1; k < n; k++) {
			double d = a[(size_t)j * n + k];
			for (int i = j + 1; i < m; i++)
				d += a[(size_t)i * n + j] * a[(size_t)i * n + k];
			d *= tau[j];
			a[(size_t)j * n + k] -= d;
			for (int i = j + 1; i < m; i++)
				a[(size_t)i * n + k] -= d * a[(size_t)i * n + j];
		}
		if (b) {
			double d = b[j];
			for (int i = j + 1; i < m; i++)
				d += a[(size_t)i * n + j] * b[i];
			d *= tau[j];
			b[j] -= d;
			for (int i = j + 1; i < m; i++)
				b[i] -= d * a[(size_t)i * n + j];
		}
	}
}

int dense_trisolve(const double *r, int ld, int n, int trans, double *b)
{
	if (!trans) {
		for (int i = n - 1; i >= 0; i--) {
			double s = b[i];
			for (int k = i + 1; k < n; k++)
				s -= r[(size_t)i * ld + k] * b[k];
			if (r[(size_t)i * ld + i] == 0.0)
				return -1;
			b[i] = s / r[(size_t)i * ld + i];
		}
	} else {
		for (int i = 0; i < n; i++) {
			double s = b[i];
			for (int k = 0; k < i; k++)
				s -= r[(size_t)k * ld + i] * b[k];
			if (r[(size_t)i * ld + i] == 0.0)
				return -1;
			b[i] = s / r[(size_t)i * ld + i];
		}
	}
	return 0;
}
