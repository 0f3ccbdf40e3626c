/* multi_geom: dominance, the hypervolume and the steepest common descent step of a
 * multi-objective problem (multi.h). */
#include "multi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "prox.h"

int multi_dominates(const double *a, const double *b, int k)
{
	int better = 0;
	for (int i = 0; i < k; i++) {
		if (a[i] > b[i])
			return 0;
		better |= a[i] < b[i];
	}
	return better;
}

typedef struct hv_key {
	double key;
	int i;
} hv_key;

static int hv_cmp(const void *a, const void *b)
{
	double x = ((const hv_key *)a)->key, y = ((const hv_key *)b)->key;
	return (x > y) - (x < y);
}

/* The 2-D staircase: points sorted by f1, each adding the strip below the best f2 so far. */
static double hv2(const double *pts, int npts, int k, const double *ref, hv_key *key)
{
	for (int j = 0; j < npts; j++)
		key[j] = (hv_key){pts[(size_t)j * k], j};
	qsort(key, (size_t)npts, sizeof *key, hv_cmp);
	double best = ref[1], v = 0;
	for (int j = 0; j < npts; j++) {
		const double *p = pts + (size_t)key[j].i * k;
		if (p[1] < best) {
			v += (ref[0] - p[0]) * (best - p[1]);
			best = p[1];
		}
	}
	return v;
}

/* HSO: slabs along objective d - 1, each the (d - 1)-dimensional volume of the points
 * below it times its depth. pts are rows of k values, of which the first d count. */
static double hv_rec(const double *pts, int npts, int k, int d, const double *ref)
{
	if (npts == 0)
		return 0;
	hv_key *key = malloc((size_t)npts * sizeof *key);
	if (!key)
		return NAN;
	if (d == 2) {
		double v = hv2(pts, npts, k, ref, key);
		free(key);
		return v;
	}
	if (d == 1) {
		double lo = ref[0];
		for (int j = 0; j < npts; j++)
			lo = fmin(lo, pts[(size_t)j * k]);
		free(key);
		return ref[0] - lo;
	}
	double *sub = malloc((size_t)npts * (size_t)k * sizeof *sub);
	if (!sub) {
		free(key);
		return NAN;
	}
	for (int j = 0; j < npts; j++)
		key[j] = (hv_key){pts[(size_t)j * k + d - 1], j};
	qsort(key, (size_t)npts, sizeof *key, hv_cmp);
	double v = 0;
	for (int j = 0; j < npts; j++) { /* the points with the j + 1 smallest last values */
		memcpy(sub + (size_t)j * k, pts + (size_t)key[j].i * k, (size_t)k * sizeof *sub);
		double top = j + 1 < npts ? key[j + 1].key : ref[d - 1];
		if (top > key[j].key)
			v += (top - key[j].key) * hv_rec(sub, j + 1, k, d - 1, ref);
	}
	free(sub);
	free(key);
	return v;
}

double multi_hv(const double *pts, int npts, int k, const double *ref)
{
	for (int i = 0; i < k; i++)
		if (isnan(ref[i]))
			return NAN;
	/* only points strictly inside the reference box count */
	double *in = malloc(((size_t)npts + 1) * (size_t)k * sizeof *in);
	if (!in)
		return NAN;
	int m = 0;
	for (int j = 0; j < npts; j++) {
		const double *p = pts + (size_t)j * k;
		int ok = 1;
		for (int i = 0; i < k && ok; i++)
			ok = p[i] < ref[i];
		if (ok)
			memcpy(in + (size_t)m++ * k, p, (size_t)k * sizeof *in);
	}
	double v = hv_rec(in, m, k, k, ref);
	free(in);
	return v;
}

size_t multi_descent_work(int k, int n)
{
	return (size_t)k * k + (size_t)(k + 1) * (k + 1) + 6 * (size_t)(k + 1) + 3 * (size_t)n;
}

/* q(l) = (t/2) l'Ml - a'l. */
static double qp_value(const double *M, const double *a, const double *l, int k, double t)
{
	double q = 0;
	for (int i = 0; i < k; i++) {
		double s = 0;
		for (int j = 0; j < k; j++)
			s += M[i * k + j] * l[j];
		q += 0.5 * t * l[i] * s - (a ? a[i] : 0) * l[i];
	}
	return q;
}

/* The exact minimizer of q over the simplex: the optimum's smallest support S has
 * affinely independent b_i, so that its bordered system [t M_SS 1; 1' 0] is regular and
 * gives it; every candidate with l >= 0 is feasible, so the least q among them is the
 * optimum. A = (k+1)^2 doubles, r and c k+1 each. */
static void qp_simplex(const double *M, const double *a, int k, double t, double *l, double *A,
                       double *r, double *c)
{
	double best = INFINITY;
	for (unsigned S = 1; S < 1u << k; S++) {
		int idx[MULTI_MAX], s = 0;
		for (int i = 0; i < k; i++)
			if (S & 1u << i)
				idx[s++] = i;
		for (int i = 0; i < s; i++) {
			for (int j = 0; j < s; j++)
				A[i * (s + 1) + j] = t * M[idx[i] * k + idx[j]];
			A[i * (s + 1) + s] = A[s * (s + 1) + i] = 1;
			r[i] = a ? a[idx[i]] : 0;
		}
		A[s * (s + 1) + s] = 0;
		r[s] = 1;
		if (dense_solve(A, s + 1, r) != 0)
			continue;
		int ok = 1;
		for (int i = 0; i < s && ok; i++)
			ok = r[i] >= 0 && isfinite(r[i]);
		if (!ok)
			continue;
		memset(c, 0, (size_t)k * sizeof *c);
		double sum = 0;
		for (int i = 0; i < s; i++)
			sum += r[i];
		for (int i = 0; i < s; i++)
			c[idx[i]] = r[i] / sum;
		double q = qp_value(M, a, c, k, t);
		if (q < best) {
			best = q;
			memcpy(l, c, (size_t)k * sizeof *l);
		}
	}
}

/* d = P(x - t v) - x for v = sum l_i b_i (y: scratch). */
static void dual_step(const double *B, const double *l, int k, int n, double t, multi_proj proj,
                      const void *pctx, const double *x, double *y, double *d)
{
	for (int j = 0; j < n; j++) {
		double v = 0;
		for (int i = 0; i < k; i++)
			v += l[i] * B[(size_t)i * n + j];
		y[j] = x[j] - t * v;
	}
	proj(pctx, y, d, n);
	for (int j = 0; j < n; j++)
		d[j] -= x[j];
}

int multi_descent(const double *a, const double *B, int k, int n, double t, multi_proj proj,
                  const void *pctx, const double *x, int iters, double *lambda, double *d,
                  double *work)
{
	double *M = work, *A = M + k * k, *r = A + (k + 1) * (k + 1), *c = r + k + 1;
	double *l = c + k + 1, *z = l + k + 1, *g = z + k + 1, *y = g + k + 1 + k + 1;
	double *dz = y + n;
	for (int i = 0; i < k; i++)
		for (int j = 0; j <= i; j++)
			M[i * k + j] = M[j * k + i] =
			    dense_dot(B + (size_t)i * n, B + (size_t)j * n, n);
	int used = 0;
	if (!proj) {
		for (int i = 0; i < k; i++)
			l[i] = 1.0 / k;
		qp_simplex(M, a, k, t, l, A, r, c);
		for (int j = 0; j < n; j++) {
			double v = 0;
			for (int i = 0; i < k; i++)
				v += l[i] * B[(size_t)i * n + j];
			d[j] = -t * v;
		}
	} else if (k == 2) {
		/* one weight l = l_1: the dual is concave in l, its derivative a_1 - a_2 +
		 * (b_1 - b_2).d(l) nonincreasing; bisection finds its root to rounding */
		double lo = 0, hi = 1;
		for (int it = 0; it < 2 * iters && hi - lo > 1e-16; it++) {
			double mid = it == 0 ? 0 : it == 1 ? 1 : 0.5 * (lo + hi);
			l[0] = mid, l[1] = 1 - mid;
			dual_step(B, l, k, n, t, proj, pctx, x, y, dz);
			used++;
			double slope = (a ? a[0] - a[1] : 0);
			for (int j = 0; j < n; j++)
				slope += (B[j] - B[(size_t)n + j]) * dz[j];
			if (it == 0 && slope <= 0) { /* l = 0 is optimal */
				hi = 0;
				break;
			}
			if (it == 1 && slope >= 0) { /* l = 1 is optimal */
				lo = 1;
				break;
			}
			if (it >= 2 && slope > 0)
				lo = mid;
			else if (it >= 2)
				hi = mid;
		}
		l[0] = 0.5 * (lo + hi), l[1] = 1 - l[0];
		dual_step(B, l, k, n, t, proj, pctx, x, y, d);
		used++;
	} else {
		/* the dual max_l sum l_i (a_i + b_i.d) + |d|^2/(2t) is concave with a t|M|-Lipschitz
		 * gradient a_i + b_i.d(l): accelerated projected ascent on the simplex */
		double L = 0;
		for (int i = 0; i < k; i++)
			L += M[i * k + i];
		L *= t;
		for (int i = 0; i < k; i++)
			l[i] = z[i] = 1.0 / k;
		double theta = 1;
		for (int it = 0; it < iters && L > 0; it++) {
			dual_step(B, z, k, n, t, proj, pctx, x, y, dz);
			used++;
			for (int i = 0; i < k; i++)
				g[i] = z[i] + ((a ? a[i] : 0) + dense_dot(B + (size_t)i * n, dz, n)) / L;
			prox_project_simplex(g, 1, g, k);
			double tn = 0.5 * (1 + sqrt(1 + 4 * theta * theta)), move = 0;
			for (int i = 0; i < k; i++) {
				move = fmax(move, fabs(g[i] - l[i]));
				z[i] = g[i] + (theta - 1) / tn * (g[i] - l[i]);
				l[i] = g[i];
			}
			theta = tn;
			if (move < 1e-13)
				break;
		}
		dual_step(B, l, k, n, t, proj, pctx, x, y, d);
		used++;
	}
	if (lambda)
		memcpy(lambda, l, (size_t)k * sizeof *lambda);
	return used;
}

double multi_pareto_measure(const prob *p, const double *x, const double *G, double *lambda,
                            double *work)
{
	const multi *m = multi_of(p);
	if (!m)
		return NAN;
	int n = p->n;
	double *d = work + multi_descent_work(m->k, n);
	multi_descent(NULL, G, m->k, n, 1, p->set ? p->set->project : NULL,
	              p->set ? p->set->ctx : NULL, x, 500, lambda, d, work);
	double s = 0;
	for (int j = 0; j < n; j++)
		s += d[j] * d[j];
	return sqrt(s);
}
