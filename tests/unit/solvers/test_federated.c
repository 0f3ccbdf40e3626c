/* test_federated: federated and decentralized methods on heterogeneous quadratics
 * (fedquad: client k's f_k = 1/2 (x - c_k)' diag(a_k) (x - c_k)) against closed forms.
 * FedAvg with E local steps of size eta stops at sum_k (1 - b_k) c_k / sum_k (1 - b_k),
 * b_k = (1 - eta a_k)^E, not at x* (client drift); FedProx at the same with a_k + mu and
 * the weights a_k / (a_k + mu); SCAFFOLD and gradient tracking reach x*; DGD stops at
 * the fixed point of (I - W) x + alpha grad F(x) = 0, an O(alpha) neighbourhood. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testrun.h"

#define K 10
#define D 2

static prob *fedquad(void)
{
	return tr_lib("fedquad", NULL); /* clients 10, d 2, h 1, seed 1 */
}

/* a_k and c_k read back from the components' gradients: g(x) = a (x - c). */
static void clients(const prob *p, double a[K][D], double c[K][D])
{
	double z[D] = {0}, one[D] = {1, 1}, g0[D], g1[D];
	for (int k = 0; k < K; k++) {
		p->sum->comp_grad(p->sum->ctx, k, z, g0);
		p->sum->comp_grad(p->sum->ctx, k, one, g1);
		for (int j = 0; j < D; j++) {
			a[k][j] = g1[j] - g0[j];
			c[k][j] = -g0[j] / a[k][j];
		}
	}
}

static const double *final_x(const prob *p, const char *mname, const char *args, long k,
                             run **keep)
{
	run *r = tr_go(p, mname, args, NULL);
	run_step(r, k, NULL);
	*keep = r;
	return run_x(r);
}

static double dist(const double *x, const double *y)
{
	double s = 0;
	for (int j = 0; j < D; j++)
		s += (x[j] - y[j]) * (x[j] - y[j]);
	return sqrt(s);
}

static void fedavg_fixed_point(void **unused)
{
	prob *p = fedquad();
	double a[K][D], c[K][D], want[D], want_prox[D];
	clients(p, a, c);
	double eta = 0.05, mu = 0.5;
	int E = 5;
	for (int j = 0; j < D; j++) {
		double num = 0, den = 0, pn = 0, pd = 0;
		for (int k = 0; k < K; k++) {
			double b = pow(1 - eta * a[k][j], E), bp = pow(1 - eta * (a[k][j] + mu), E);
			double al = a[k][j] / (a[k][j] + mu);
			num += (1 - b) * c[k][j];
			den += 1 - b;
			pn += (1 - bp) * al * c[k][j];
			pd += (1 - bp) * al;
		}
		want[j] = num / den;
		want_prox[j] = pn / pd;
	}
	run *r;
	const double *x = final_x(p, "fedavg", "step=0.05,local=5", 400, &r);
	assert_true(dist(x, want) < 1e-10);
	assert_true(dist(want, p->xstar) > 1e-2); /* the drift is real */
	run_free(r);
	x = final_x(p, "fedprox", "step=0.05,local=5,mu=0.5", 400, &r);
	assert_true(dist(x, want_prox) < 1e-10);
	assert_true(dist(want_prox, p->xstar) < dist(want, p->xstar)); /* mu holds it back */
	run_free(r);
	prob_free(p);
}

static void exact_methods(void **unused)
{
	prob *p = fedquad();
	run *r;
	const double *x = final_x(p, "scaffold", "step=0.05,local=5", 400, &r);
	assert_true(dist(x, p->xstar) < 1e-10);
	run_free(r);
	x = final_x(p, "gt", "step=0.02,graph=ring", 3000, &r);
	assert_true(dist(x, p->xstar) < 1e-10);
	run_free(r);
	x = final_x(p, "gt", "step=0.02,graph=grid", 3000, &r);
	assert_true(dist(x, p->xstar) < 1e-10);
	run_free(r);
	prob_free(p);
}

/* Solves A z = b (K x K, Gaussian elimination with partial pivoting). */
static void solve(double A[K][K], double *b, double *z)
{
	for (int i = 0; i < K; i++) {
		int piv = i;
		for (int r = i + 1; r < K; r++)
			if (fabs(A[r][i]) > fabs(A[piv][i]))
				piv = r;
		for (int t = 0; t < K; t++) {
			double s = A[i][t];
			A[i][t] = A[piv][t];
			A[piv][t] = s;
		}
		double s = b[i];
		b[i] = b[piv];
		b[piv] = s;
		for (int r = i + 1; r < K; r++) {
			double f = A[r][i] / A[i][i];
			for (int t = i; t < K; t++)
				A[r][t] -= f * A[i][t];
			b[r] -= f * b[i];
		}
	}
	for (int i = K - 1; i >= 0; i--) {
		double s = b[i];
		for (int t = i + 1; t < K; t++)
			s -= A[i][t] * z[t];
		z[i] = s / A[i][i];
	}
}

/* On the ring with Metropolis weights (1/3 to each neighbour and to itself), node k's
 * fixed point solves, per coordinate, (I - W) x + alpha a_k (x_k - c_k) = 0. */
static void dgd_neighbourhood(void **unused)
{
	prob *p = fedquad();
	double a[K][D], c[K][D], alpha = 0.02, mean[D] = {0};
	clients(p, a, c);
	for (int j = 0; j < D; j++) {
		double A[K][K] = {{0}}, b[K], z[K];
		for (int k = 0; k < K; k++) {
			A[k][k] = 1 - 1.0 / 3 + alpha * a[k][j];
			A[k][(k + 1) % K] -= 1.0 / 3;
			A[k][(k + K - 1) % K] -= 1.0 / 3;
			b[k] = alpha * a[k][j] * c[k][j];
		}
		solve(A, b, z);
		for (int k = 0; k < K; k++)
			mean[j] += z[k] / K;
	}
	run *r;
	const double *x = final_x(p, "dgd", "step=0.02,graph=ring", 5000, &r);
	assert_true(dist(x, mean) < 1e-9);
	double off = dist(mean, p->xstar);
	assert_true(off > 1e-4 && off < 0.5); /* a neighbourhood of x*, not x* */
	run_free(r);
	/* half the step, about half the distance: O(alpha) */
	x = final_x(p, "dgd", "step=0.01,graph=ring", 10000, &r);
	double off2 = dist(x, p->xstar);
	assert_true(off2 < 0.7 * off && off2 > 0.3 * off);
	run_free(r);
	prob_free(p);
}

/* Partial participation is seeded: the same seed, the same trace. */
static void participation_seeded(void **unused)
{
	prob *p = fedquad();
	run *r1, *r2;
	const double *x1 = final_x(p, "fedavg", "participation=0.3", 50, &r1);
	const double *x2 = final_x(p, "fedavg", "participation=0.3", 50, &r2);
	assert_true(dist(x1, x2) == 0);
	run_free(r1);
	run_free(r2);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fedavg_fixed_point),
	    cmocka_unit_test(exact_methods),
	    cmocka_unit_test(dgd_neighbourhood),
	    cmocka_unit_test(participation_seeded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
