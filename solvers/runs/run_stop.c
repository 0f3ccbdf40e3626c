/* run_stop: the driver's stop tests, each a small function that returns its reason
 * (with the details in r->msg) or RUN_RUNNING. */
#include "run_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int all_finite(const double *v, int n)
{
	for (int i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

static enum run_stop test_finite(run *r, const trace_row *row)
{
	/* a finite distance to x* needs every coordinate finite: then x need not be read */
	int x_finite = isfinite(row->dist) || all_finite(r->c.x, r->p->n);
	if (isfinite(row->f) && x_finite &&
	    (!(r->p->caps & PROB_GRAD) || isfinite(row->gnorm)))
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "a non-finite value at iteration %ld (f = %g)", r->iter,
	         row->f);
	return RUN_DIVERGED;
}

/* f far above its start (RUN_GROWTH times 1 + |f_0|): a diverging run, stopped long
 * before overflow, with the iteration from which f stayed above its start. Not for
 * games, whose f is a saddle function that no method decreases. */
#define RUN_GROWTH 1e6

static enum run_stop test_growth(run *r, const trace_row *row)
{
	double f0 = trace_row_at(r->t, 0)->f;
	if (!isfinite(f0) || !isfinite(row->f) || (r->p->caps & (PROB_GAME | PROB_MIRROR)))
		return RUN_RUNNING;
	if (!(row->f > f0)) {
		r->above = -1;
		return RUN_RUNNING;
	}
	if (r->above < 0)
		r->above = r->iter;
	if (!(row->f - f0 > RUN_GROWTH * (1 + fabs(f0))))
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg,
	         "f grew from %g to %g: diverging since iteration %ld, where f rose above its "
	         "start for good",
	         f0, row->f, r->above);
	return RUN_DIVERGED;
}

/* Population, global and derivative-free methods stop on values alone (a collapsed
 * simplex, a flat population), which also happens at a point that is not stationary. */
static int values_only(const meth *m)
{
	return m->global || !(m->needs & PROB_GRAD);
}

/* Whether f decreases from x along -grad f by Armijo's test for some step of 10^-1 ..
 * 10^-9 (1 + |x|): a witness that x is not a minimizer. Without one (a kink, a flat
 * valley) the method's own stop stands. These values are not the method's: uncounted. */
static int descends(const run *r)
{
	const prob *p = r->p;
	int n = p->n;
	double *g = malloc(2 * (size_t)n * sizeof *g), *y = g + n, gg = 0, xx = 0;
	int found = 0;
	if (!g)
		return 0;
	p->ops->grad(p->ctx, r->c.x, g);
	for (int i = 0; i < n; i++)
		gg += g[i] * g[i], xx += r->c.x[i] * r->c.x[i];
	for (double s = 1e-1; s >= 1e-9 && gg > 0 && isfinite(gg) && !found; s *= 1e-2) {
		double t = s * (1 + sqrt(xx)) / sqrt(gg);
		for (int i = 0; i < n; i++)
			y[i] = r->c.x[i] - t * g[i];
		found = p->ops->value(p->ctx, y) < r->c.f - 1e-4 * t * gg;
	}
	free(g);
	return found;
}

/* Stationary as far as a stop on values can tell: gnorm within gtol or down by 1e-5
 * from the start's (the relative test of Nocedal & Wright), else no descent found
 * along -grad f (for a smooth f without structure). */
static int stationary_enough(const run *r, const trace_row *row)
{
	if (row->gnorm <= r->opts.gtol)
		return 1;
	const trace_row *r0 = trace_row_at(r->t, 0);
	double g0 = r0 && isfinite(r0->gnorm) ? r0->gnorm : 1;
	if (row->gnorm <= 1e-5 * fmax(1, g0))
		return 1;
	return station_kind_of(r->p) == STATION_GRAD && !r->p->g && !descends(r);
}

static enum run_stop test_method(run *r, int status, const trace_row *row)
{
	switch (status) {
	case METH_CONVERGED:
		snprintf(r->msg, sizeof r->msg, "%s",
		         r->c.msg[0] ? r->c.msg : "the method's own test");
		if (isnan(row->gnorm) && r->m->global) {
			strncat(r->msg, " (no stationarity measure to call it converged)",
			        sizeof r->msg - strlen(r->msg) - 1);
			return RUN_NO_PROGRESS;
		}
		if (values_only(r->m) && !isnan(row->gnorm) && !stationary_enough(r, row)) {
			size_t k = strlen(r->msg);
			snprintf(r->msg + k, sizeof r->msg - k,
			         " (%s %g > gtol %g: not a stationary point)",
			         station_kind_of(r->p) == STATION_GRAD ? "gradient norm" : "stationarity",
			         row->gnorm, r->opts.gtol);
			return RUN_NO_PROGRESS;
		}
		return RUN_CONVERGED;
	case METH_NO_PROGRESS:
		snprintf(r->msg, sizeof r->msg, "%s",
		         r->c.msg[0] ? r->c.msg : "the method cannot move");
		return RUN_NO_PROGRESS;
	case METH_FAILED:
		snprintf(r->msg, sizeof r->msg, "%s", r->c.msg[0] ? r->c.msg : "the method failed");
		return RUN_FAILED;
	default:
		return RUN_RUNNING;
	}
}

static enum run_stop test_gradient(run *r, const trace_row *row)
{
	if (r->m->needs & PROB_DENSITY) /* a sampler's iterate is a sample, not a point to stop at */
		return RUN_RUNNING;
	if (r->m->global) /* a zero gradient at the best point so far may be a saddle */
		return RUN_RUNNING;
	if (!(row->gnorm <= r->opts.gtol))
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "%s %g <= gtol %g",
	         station_kind_of(r->p) == STATION_GRAD ? "gradient norm" : "stationarity",
	         row->gnorm, r->opts.gtol);
	return RUN_CONVERGED;
}

static enum run_stop test_ftol(run *r, const trace_row *row, double fprev)
{
	if (!(r->opts.ftol > 0) || !(fabs(row->f - fprev) <= r->opts.ftol * (1 + fabs(row->f))))
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "|f change| %g <= ftol (1 + |f|)", fabs(row->f - fprev));
	return RUN_FTOL;
}

static enum run_stop test_xtol(run *r)
{
	if (!(r->opts.xtol > 0))
		return RUN_RUNNING;
	int n = r->p->n;
	double dx = 0, x = 0;
	for (int i = 0; i < n; i++) {
		dx += (r->c.x[i] - r->xprev[i]) * (r->c.x[i] - r->xprev[i]);
		x += r->c.x[i] * r->c.x[i];
	}
	if (!(sqrt(dx) <= r->opts.xtol * (1 + sqrt(x))))
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "|x change| %g <= xtol (1 + |x|)", sqrt(dx));
	return RUN_XTOL;
}

/* x bitwise unchanged for `stall` steps in a row, and the method says it did not
 * move otherwise either. */
static enum run_stop test_stall(run *r)
{
	if (r->c.moved || memcmp(r->c.x, r->xprev, (size_t)r->p->n * sizeof *r->c.x) != 0) {
		r->stalled = 0;
		return RUN_RUNNING;
	}
	r->stalled++;
	if (r->opts.stall <= 0 || r->stalled < r->opts.stall)
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "x unchanged for %d steps", r->stalled);
	return RUN_NO_PROGRESS;
}

static enum run_stop test_maxiter(run *r)
{
	if (r->opts.maxiter <= 0 || r->iter < r->opts.maxiter)
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "%ld iterations", r->iter);
	return RUN_MAXITER;
}

static enum run_stop test_tracelimit(run *r)
{
	double mib = (double)trace_bytes(r->t) / (1024.0 * 1024.0);
	if (!(r->opts.tracelimit > 0) || mib < r->opts.tracelimit)
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "%.4g MiB of trace (`set tracelimit MIB` raises it)", mib);
	return RUN_TRACELIMIT;
}

static enum run_stop test_time(run *r)
{
	if (!(r->opts.maxtime > 0) || r->time < r->opts.maxtime)
		return RUN_RUNNING;
	snprintf(r->msg, sizeof r->msg, "%.3g s in the method", r->time);
	return RUN_TIME;
}

enum run_stop run_stop_start(run *r, int st, const trace_row *row)
{
	enum run_stop s = test_finite(r, row);
	if (s == RUN_RUNNING && st == METH_CONVERGED)
		s = test_method(r, st, row);
	if (s == RUN_RUNNING)
		s = test_gradient(r, row);
	return s;
}

enum run_stop run_stop_test(run *r, int st, const trace_row *row, double fprev)
{
	enum run_stop s = test_finite(r, row);
	if (s == RUN_RUNNING)
		s = test_method(r, st, row);
	if (s == RUN_RUNNING)
		s = test_gradient(r, row);
	if (s == RUN_RUNNING)
		s = test_growth(r, row);
	if (s == RUN_RUNNING)
		s = test_ftol(r, row, fprev);
	if (s == RUN_RUNNING)
		s = test_xtol(r);
	if (s == RUN_RUNNING)
		s = test_stall(r);
	if (s == RUN_RUNNING)
		s = test_maxiter(r);
	if (s == RUN_RUNNING)
		s = test_time(r);
	if (s == RUN_RUNNING)
		s = test_tracelimit(r);
	return s;
}

int run_stop_lifted(run *r)
{
	return (r->status == RUN_MAXITER && test_maxiter(r) == RUN_RUNNING) ||
	       (r->status == RUN_TIME && test_time(r) == RUN_RUNNING) ||
	       (r->status == RUN_TRACELIMIT && test_tracelimit(r) == RUN_RUNNING);
}
