/* asktell: a black-box objective driven from C: the run asks for a point's value,
 * the program computes it (here a function standing in for a simulation or an
 * experiment) and tells it back.
 *
 * Build against an installed optlab:
 *   cc asktell.c $(pkg-config --cflags --libs optlab) -o asktell
 *
 * Nelder-Mead on Himmelblau's function from (0, 0); exits 1 unless it reaches the
 * minimizer (3, 2) with f < 1e-12. */
#include <math.h>
#include <stdio.h>

#include <optlab.h>

/* The black box: here Himmelblau's function, f = 0 at (3, 2). */
static double experiment(const double *x)
{
	double a = x[0] * x[0] + x[1] - 11, b = x[0] + x[1] * x[1] - 7;
	return a * a + b * b;
}

int main(void)
{
	char err[256];
	double x0[2] = {0, 0};
	run_opts o;
	run_opts_default(&o);
	o.maxiter = 500;
	askt *a = askt_new(meth_find("neldermead"), 2, NULL, x0, &o, err, sizeof err);
	if (!a) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	const double *x;
	long asked = 0;
	while ((x = askt_ask(a))) {
		askt_tell(a, experiment(x));
		asked++;
	}
	run *r = askt_run(a);
	const double *xb = run_x(r);
	printf("neldermead: %s after %ld iterations and %ld values at (%.9f, %.9f), f = %.3e\n",
	       run_stop_name(run_status(r)), run_iter(r), asked, xb[0], xb[1], run_f(r));
	int ok = fabs(xb[0] - 3) < 1e-6 && fabs(xb[1] - 2) < 1e-6 && run_f(r) < 1e-12 &&
	         trace_row_at(run_trace(r), run_iter(r))->nf == asked;
	askt_free(a);
	return ok ? 0 : 1;
}
