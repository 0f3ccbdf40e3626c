/* TV denoising (tv.h): the gradient against central differences; lambda = 0 keeps the
 * image; on optlab's example (a piecewise-constant pattern plus noise) lbfgs lowers the
 * error to the clean image to less than a third of the noise; the refusals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "tv.h"

static void test_gradient(void **st)
{
	(void)st;
	enum { W = 5, H = 4, N = W * H };
	double b[N], u[N], g[N];
	rng r;
	rng_seed(&r, 9);
	for (int k = 0; k < N; k++) {
		b[k] = rng_uniform(&r);
		u[k] = rng_uniform(&r);
	}
	char err[200];
	prob *p = tv_new("t", b, W, H, 0.3, 0.05, err, sizeof err);
	assert_non_null(p);
	int w, h;
	assert_int_equal(tv_dims(p, &w, &h), 0);
	assert_int_equal(w, W);
	assert_int_equal(h, H);
	double f = p->ops->grad(p->ctx, u, g);
	assert_true(fabs(f - p->ops->value(p->ctx, u)) <= 1e-14 * fabs(f));
	for (int k = 0; k < N; k++) {
		double e = 1e-6, up[N], dn[N];
		memcpy(up, u, sizeof up);
		memcpy(dn, u, sizeof dn);
		up[k] += e;
		dn[k] -= e;
		double fd = (p->ops->value(p->ctx, up) - p->ops->value(p->ctx, dn)) / (2 * e);
		if (!(fabs(fd - g[k]) <= 1e-7))
			fail_msg("pixel %d: grad %.12g, differences %.12g", k, g[k], fd);
	}
	/* a constant image: no variation, f = lambda N eps at u = b */
	for (int k = 0; k < N; k++)
		u[k] = 0.5;
	prob_free(p);
	p = tv_new("t", u, W, H, 0.3, 0.05, err, sizeof err);
	assert_true(fabs(p->ops->value(p->ctx, u) - 0.3 * N * 0.05) < 1e-15);
	prob_free(p);
	assert_null(tv_new("t", u, 1, H, 0.3, 0.05, err, sizeof err));
	assert_null(tv_new("t", u, W, H, 0.3, 0, err, sizeof err));
	assert_string_equal(err, "tv: lambda must be >= 0 and eps > 0 (lambda = 0.3, eps = 0)");
}

static double denoise(const double *noisy, int s, double lambda, long steps, double *out)
{
	char err[200];
	prob *p = tv_new("t", noisy, s, s, lambda, 0.01, err, sizeof err);
	assert_non_null(p);
	run *r = run_new(p, meth_find("lbfgs"), NULL, NULL, NULL, err, sizeof err);
	assert_non_null(r);
	run_step(r, steps, NULL);
	memcpy(out, run_x(r), (size_t)s * s * sizeof *out);
	double gn = trace_row_at(run_trace(r), trace_len(run_trace(r)) - 1)->gnorm;
	run_free(r);
	prob_free(p);
	return gn;
}

static void test_example_denoised(void **st)
{
	(void)st;
	enum { S = 64, N = S * S };
	static double clean[N], noisy[N], u[N];
	tv_example(S, S, 0.15, 3, clean, noisy);
	double before = tv_rmse(noisy, clean, N);
	assert_true(fabs(before - 0.15) < 0.01); /* the noise is what was asked */
	int levels = 0;                          /* piecewise constant: four grey levels */
	for (double v = 0; v <= 1; v += 0.05)
		for (int k = 0; k < N; k++)
			if (fabs(clean[k] - v) < 1e-9) {
				levels++;
				break;
			}
	assert_int_equal(levels, 4);
	double gn = denoise(noisy, S, 0.12, 300, u);
	assert_true(gn < 1e-3);
	double after = tv_rmse(u, clean, N);
	print_message("rmse to the clean image: %g -> %g\n", before, after);
	assert_true(after < before / 3);
	/* lambda = 0: the minimizer is the image itself */
	denoise(noisy, S, 0, 5, u);
	assert_true(tv_rmse(u, noisy, N) < 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gradient),
	    cmocka_unit_test(test_example_denoised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
