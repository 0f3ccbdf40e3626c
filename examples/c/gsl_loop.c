/* gsl_loop: optlab's methods one step at a time from C, as a GSL multimin loop.
 *
 * Build against an installed optlab:
 *   cc gsl_loop.c $(pkg-config --cflags --libs optlab) -o gsl_loop
 *
 * Minimizes Rosenbrock's function given as a C oracle (value and gradient) with
 * L-BFGS, stepping until the gradient norm is below 1e-10, printing every fifth
 * iterate; then a quadratic typed as an expression with gradient descent, whose
 * step size is raised between steps (to 0.09, below 2/L = 0.1). Exits 1 unless
 * both reach their minimizers, (1, 1) and (1, 2). */
#include <math.h>
#include <stdio.h>

#include <optlab.h>

typedef struct params {
	double a, b;
} params;

/* f(x, y) = (a - x)^2 + b (y - x^2)^2 */
static double rosen_value(void *ctx, const double *x)
{
	const params *p = ctx;
	return (p->a - x[0]) * (p->a - x[0]) + p->b * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
}

static double rosen_grad(void *ctx, const double *x, double *g)
{
	const params *p = ctx;
	double d = x[1] - x[0] * x[0];
	g[0] = -2 * (p->a - x[0]) - 4 * p->b * x[0] * d;
	g[1] = 2 * p->b * d;
	return rosen_value(ctx, x);
}

/* ctx is the caller's here: no free */
static const prob_ops rosen_ops = {.value = rosen_value, .grad = rosen_grad};

int main(void)
{
	char err[256];
	if (optlab_version() / 100 != OPTLAB_VERSION_NUMBER / 100) {
		fprintf(stderr, "headers %s, library %d: rebuild\n", OPTLAB_VERSION_STRING,
		        optlab_version());
		return 1;
	}
	params par = {1.0, 100.0};
	prob *p = prob_new("rosen", 2, PROB_VALUE | PROB_GRAD, &rosen_ops, &par);
	double x0[2] = {-1.2, 1.0};
	run_opts o;
	run_opts_default(&o);
	o.gtol = 1e-10;
	run *r = p ? run_new(p, meth_find("lbfgs"), NULL, x0, &o, err, sizeof err) : NULL;
	if (!r) {
		fprintf(stderr, "lbfgs: %s\n", p ? err : "out of memory");
		return 1;
	}
	/* the loop: iterate, test, print */
	do {
		run_step(r, 1, NULL);
		const trace_row *row = trace_row_at(run_trace(r), trace_len(run_trace(r)) - 1);
		if (row->iter % 5 == 0)
			printf("%5ld %10.5f %10.5f %12.5e %10.3e\n", row->iter, run_x(r)[0], run_x(r)[1],
			       row->f, row->gnorm);
	} while (run_status(r) == RUN_RUNNING && run_iter(r) < 1000);
	const double *x = run_x(r);
	printf("lbfgs: %s after %ld iterations at (%.12f, %.12f), %ld values, %ld gradients\n",
	       run_stop_name(run_status(r)), run_iter(r), x[0], x[1],
	       trace_row_at(run_trace(r), run_iter(r))->nf,
	       trace_row_at(run_trace(r), run_iter(r))->ng);
	int ok = run_status(r) == RUN_CONVERGED && fabs(x[0] - 1) < 1e-8 && fabs(x[1] - 1) < 1e-8;
	run_free(r);
	prob_free(p);

	/* An expression; gd's step raised between steps. */
	expr_error e;
	p = prob_from_expr("quad", "(x - 1)^2 + 10*(y - 2)^2", NULL, &e);
	double gd_params[PARAM_MAX];
	const meth *gd = meth_find("gd");
	param_defaults(gd->params, gd->nparams, gd_params);
	gd_params[param_find(gd->params, gd->nparams, "step")] = 0.01;
	r = p ? run_new(p, gd, gd_params, x0, &o, err, sizeof err) : NULL;
	if (!r) {
		fprintf(stderr, "gd: %s\n", p ? err : e.msg);
		return 1;
	}
	run_step(r, 20, NULL);
	double f_slow = run_f(r);
	if (run_set_param(r, "step", 0.09, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	while (run_status(r) == RUN_RUNNING && run_iter(r) < 100000)
		run_step(r, 100, NULL);
	x = run_x(r);
	printf("gd: f = %.3e after 20 steps of 0.01, then %s after %ld at (%.9f, %.9f)\n",
	       f_slow, run_stop_name(run_status(r)), run_iter(r), x[0], x[1]);
	ok &= run_status(r) == RUN_CONVERGED && fabs(x[0] - 1) < 1e-8 && fabs(x[1] - 2) < 1e-8;
	run_free(r);
	prob_free(p);
	return ok ? 0 : 1;
}
