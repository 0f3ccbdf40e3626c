/* test_sweep: a parameter sweep gives the same table on 1 and 4 threads, bit for
 * bit, and shows gd's cliff at step 2/L on a quadratic with L = 10, mu = 1: steps
 * below 2/L meet the condition within the bound rho^(2k) (f0 - f*), rho =
 * max|1 - t lambda|, steps above diverge, and the fewest iterations fall at the
 * grid point of smallest rho (2/(L + mu) = 2/11 is the best step); tracelimit bounds
 * the memory of all the sweep's runs together. Over two
 * parameters, heavy ball's step and momentum on condition 100: the runs converge
 * exactly where a L < 2 (1 + b) (the stability region of x+ = x - a g + b (x - x-)
 * for every eigenvalue in [mu, L]), and the fewest iterations on a fine grid sit
 * within a grid spacing of Polyak's optimum a = 4/(sqrt L + sqrt mu)^2,
 * b = ((sqrt k - 1)/(sqrt k + 1))^2. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cond.h"
#include "sess.h"
#include "sweep.h"

#define NPTS 17

typedef struct fixture {
	sess s;
	char *out;
	size_t len;
	FILE *f;
	const prob *p;
	cond *c;
} fixture;

static void setup_on(fixture *x, const char *problem, const char *cond_text)
{
	x->f = open_memstream(&x->out, &x->len);
	sess_init(&x->s, x->f, x->f, 0);
	assert_int_equal(sess_run_text(&x->s, problem, "t"), 0);
	x->p = ws_get_kind(&x->s.ws, "q", WS_PROBLEM)->u.prob->p;
	lex l;
	lex_init(&l, cond_text);
	x->c = cond_parse(&x->s, &l);
	assert_non_null(x->c);
}

static void setup(fixture *x, const char *cond_text)
{
	setup_on(x, "problem q = quadratic(n = 2, cond = 10)", cond_text);
}

static void teardown(fixture *x)
{
	cond_free(x->c);
	sess_free(&x->s);
	fclose(x->f);
	free(x->out);
}

static sweep_job job(fixture *x, const double *grid, const double *params, int threads)
{
	sweep_job j = {.p = x->p, .m = meth_find("gd"), .params = params, .k = 0, .grid = grid,
	               .npts = NPTS, .x0 = NULL, .c = x->c, .max = 3000, .threads = threads,
	               .interrupt = &x->s.interrupted};
	run_opts_default(&j.opts);
	j.opts.gtol = 0; /* only the condition and max stop a point */
	return j;
}

static void test_threads_same(void **st)
{
	(void)st;
	fixture x;
	setup(&x, "f - fstar < 1e-8");
	double grid[NPTS], params[PARAM_MAX];
	for (int i = 0; i < NPTS; i++)
		grid[i] = 0.021 + 0.015 * i; /* 0.021 .. 0.261, across the cliff */
	param_defaults(meth_find("gd")->params, meth_find("gd")->nparams, params);
	sweep_point one[NPTS], four[NPTS];
	char err[256];
	sweep_job j1 = job(&x, grid, params, 1), j4 = job(&x, grid, params, 4);
	assert_int_equal(sweep_threads(&j4), 4);
	assert_int_equal(sweep_run(&j1, one, err, sizeof err), 0);
	assert_int_equal(sweep_run(&j4, four, err, sizeof err), 0);
	for (int i = 0; i < NPTS; i++) {
		assert_int_equal(one[i].done, 1);
		assert_int_equal(four[i].done, 1);
		assert_int_equal(one[i].met, four[i].met);
		assert_int_equal(one[i].iters, four[i].iters);
		assert_int_equal(one[i].stop, four[i].stop);
		assert_memory_equal(&one[i].f, &four[i].f, sizeof(double)); /* bit for bit */
	}
	teardown(&x);
}

static void test_cliff(void **st)
{
	(void)st;
	fixture x;
	setup(&x, "f - fstar < 1e-8");
	const double L = 10, mu = 1, eps = 1e-8;
	double grid[NPTS], params[PARAM_MAX];
	for (int i = 0; i < NPTS; i++)
		grid[i] = 0.021 + 0.015 * i; /* 2/L itself (neither side) is not on it */
	param_defaults(meth_find("gd")->params, meth_find("gd")->nparams, params);
	sweep_point pt[NPTS];
	char err[256];
	sweep_job j = job(&x, grid, params, 3);
	assert_int_equal(sweep_run(&j, pt, err, sizeof err), 0);
	double gap0 = x.p->ops->value(x.p->ctx, x.p->x0) - x.p->fstar;
	int best = -1, best_rho = -1;
	for (int i = 0; i < NPTS; i++) {
		double t = grid[i], rho = fmax(fabs(1 - t * mu), fabs(1 - t * L));
		if (t < 2 / L) {
			assert_true(pt[i].met);
			assert_true(pt[i].fgap < eps);
			/* f - f* <= rho^(2k) (f0 - f*): met by the first k where that is below eps */
			long kmax = (long)ceil(log(eps / gap0) / (2 * log(rho)));
			assert_true(pt[i].iters >= 1 && pt[i].iters <= kmax);
			if (best < 0 || pt[i].iters < pt[best].iters)
				best = i;
			double rb = best_rho < 0 ? 2 : fmax(fabs(1 - grid[best_rho] * mu),
			                                    fabs(1 - grid[best_rho] * L));
			if (rho < rb)
				best_rho = i;
		} else {
			/* |1 - tL| > 1: the gap grows, to overflow where rho is well above 1 */
			assert_false(pt[i].met);
			assert_true(pt[i].stop == RUN_DIVERGED || pt[i].fgap > gap0);
			if (rho > 1.2)
				assert_int_equal(pt[i].stop, RUN_DIVERGED);
		}
	}
	assert_int_equal(best, best_rho);
	assert_true(fabs(grid[best] - 2 / (L + mu)) < 0.015);
	teardown(&x);
}

/* Heavy ball over step x momentum on a quadratic with L = 100, mu = 1. */
#define PH_N 41
static void test_phase_heavyball(void **st)
{
	(void)st;
	fixture x;
	/* a deep tolerance: the asymptotic rate, not the first oscillations, decides */
	setup_on(&x, "problem q = quadratic(n = 2, cond = 100)", "f - fstar < 1e-100");
	const double L = 100, mu = 1, a0 = 0.025, da = 0.0005, b0 = 0.5, db = 0.01;
	double *grid = malloc(2 * PH_N * PH_N * sizeof *grid), params[PARAM_MAX];
	sweep_point *pt = malloc(PH_N * PH_N * sizeof *pt);
	for (int j = 0; j < PH_N; j++)
		for (int i = 0; i < PH_N; i++) {
			grid[j * PH_N + i] = a0 + da * i;                    /* 0.025 .. 0.045 */
			grid[PH_N * PH_N + j * PH_N + i] = b0 + db * j;      /* 0.5 .. 0.9 */
		}
	const meth *hb = meth_find("heavyball");
	param_defaults(hb->params, hb->nparams, params);
	sweep_job j = {.p = x.p, .m = hb, .params = params, .k = 0, .grid = grid,
	               .npts = PH_N * PH_N, .k2 = 1, .grid2 = grid + PH_N * PH_N, .x0 = NULL,
	               .c = x.c, .max = 5000, .interrupt = &x.s.interrupted};
	assert_string_equal(hb->params[0].name, "step");
	assert_string_equal(hb->params[1].name, "momentum");
	run_opts_default(&j.opts);
	j.opts.gtol = 0;
	char err[256];
	assert_int_equal(sweep_run(&j, pt, err, sizeof err), 0);
	int best = -1;
	for (int i = 0; i < PH_N * PH_N; i++) {
		double a = pt[i].value, b = pt[i].value2, edge = 2 * (1 + b) / L;
		assert_true(pt[i].done);
		if (a < edge - 1e-3) /* inside the stability region, away from its edge */
			assert_true(pt[i].met);
		if (a > edge + 1e-3)
			assert_false(pt[i].met);
		if (pt[i].met && (best < 0 || pt[i].iters < pt[best].iters))
			best = i;
	}
	double sk = sqrt(L / mu), a_opt = 4 / ((sqrt(L) + sqrt(mu)) * (sqrt(L) + sqrt(mu)));
	double b_opt = (sk - 1) / (sk + 1) * ((sk - 1) / (sk + 1));
	assert_true(best >= 0);
	print_message("fewest %ld at step %g momentum %g; theory %g %g\n", pt[best].iters,
	              pt[best].value, pt[best].value2, a_opt, b_opt);
	assert_true(fabs(pt[best].value - a_opt) <= da);
	assert_true(fabs(pt[best].value2 - b_opt) <= db);
	free(grid);
	free(pt);
	teardown(&x);
}

/* An interrupt before the start leaves every point unfinished. */
static void test_interrupt(void **st)
{
	(void)st;
	fixture x;
	setup(&x, "gnorm < 1e-6");
	double grid[NPTS], params[PARAM_MAX];
	for (int i = 0; i < NPTS; i++)
		grid[i] = 0.01 * (i + 1);
	param_defaults(meth_find("gd")->params, meth_find("gd")->nparams, params);
	sweep_point pt[NPTS];
	char err[256];
	x.s.interrupted = 1;
	sweep_job j = job(&x, grid, params, 2);
	assert_int_equal(sweep_run(&j, pt, err, sizeof err), 0);
	for (int i = 0; i < NPTS; i++)
		assert_int_equal(pt[i].done, 0);
	teardown(&x);
}

/* The command prints the same table whatever the thread count. */
static void test_command_table(void **st)
{
	(void)st;
	const char *cmd = "sweep gd(step = logspace(0.01, 0.5, 12)) on q from (1, -2) until "
	                  "f - fstar < 1e-10 max 2000 threads ";
	char *text[2];
	for (int k = 0; k < 2; k++) {
		fixture x;
		setup(&x, "f < 1");
		char line[256];
		snprintf(line, sizeof line, "%s%d", cmd, k ? 4 : 1);
		size_t before = (fflush(x.f), x.len);
		assert_int_equal(sess_run_text(&x.s, line, "t"), 0);
		fflush(x.f);
		text[k] = strdup(x.out + before);
		teardown(&x);
	}
	assert_string_equal(text[0], text[1]);
	assert_non_null(strstr(text[0], "met at 9 of 12 points")); /* 0.01 .. 0.175 < 2/L */
	free(text[0]);
	free(text[1]);
}

/* tracelimit bounds a sweep's memory in total: on 4 threads each of the 4 runs
 * alive at once gets a quarter, so each stops with a quarter of the rows. */
static void test_tracelimit_total(void **st)
{
	(void)st;
	fixture x;
	setup(&x, "f < -1"); /* never met: only the trace's memory stops a point */
	double grid[NPTS], params[PARAM_MAX];
	for (int i = 0; i < NPTS; i++)
		grid[i] = 1e-6;
	param_defaults(meth_find("gd")->params, meth_find("gd")->nparams, params);
	sweep_point one[NPTS], four[NPTS];
	char err[256];
	sweep_job j1 = job(&x, grid, params, 1), j4 = job(&x, grid, params, 4);
	j1.max = j4.max = 1000000;
	j1.opts.tracelimit = j4.opts.tracelimit = 0.2; /* MiB */
	assert_int_equal(sweep_run(&j1, one, err, sizeof err), 0);
	assert_int_equal(sweep_run(&j4, four, err, sizeof err), 0);
	for (int i = 0; i < NPTS; i++) {
		assert_int_equal(one[i].stop, RUN_TRACELIMIT);
		assert_int_equal(four[i].stop, RUN_TRACELIMIT);
		assert_true(one[i].iters > 100);
		assert_true(labs(4 * four[i].iters - one[i].iters) <= 8);
	}
	teardown(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_cliff),
		cmocka_unit_test(test_phase_heavyball),
		cmocka_unit_test(test_interrupt),
		cmocka_unit_test(test_command_table),
		cmocka_unit_test(test_tracelimit_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
