/* trace: the full history of a run, always recorded. Row 0 is the start.
 *
 * Ownership: a trace belongs to its run; pointers it returns stay valid until
 * the next append (the run's next step) or the run's free. */
#ifndef OPTLAB_TRACE_H
#define OPTLAB_TRACE_H

#include <stddef.h>

#define TRACE_MAX_FULL 64 /* iterates kept whole up to this dimension */

typedef struct trace_row {
	long iter;
	double f;     /* f(x), or F = f + g for composite problems */
	double gnorm; /* norm of the gradient (of the smooth part) */
	double step;  /* the step size the method took (0 at row 0) */
	double time;  /* seconds since the run began, cumulative over steps */
	double dist;  /* distance to the nearest known minimizer, or NAN */
	long nf, ng, nh, nprox; /* cumulative oracle calls */
} trace_row;

typedef struct trace trace;

trace *trace_new(int n, int nextra, const char *const *extra_names);
void trace_free(trace *t);
/* Appends a row, the iterate (n values, of which trace_nx are kept), the
 * extra columns and the probe points (nprobe x trace_nx: each probe already cut to
 * the kept coordinates, as meth_probe stores them). 0, or -1 without memory. */
int trace_append(trace *t, const trace_row *row, const double *x, const double *extra,
                 const double *probes, int nprobe);

long trace_len(const trace *t);
/* Bytes the recorded rows take (rows, iterates, extra columns, probes). */
size_t trace_bytes(const trace *t);
const trace_row *trace_row_at(const trace *t, long i);
int trace_n(const trace *t);  /* the problem's dimension */
/* Coordinates kept a row: n when n <= TRACE_MAX_FULL, else the first two. */
int trace_nx(const trace *t);
const double *trace_x(const trace *t, long i);
int trace_nextra(const trace *t);
const char *trace_extra_name(const trace *t, int k);
double trace_extra(const trace *t, long i, int k);
/* The index of the extra column called name, or -1. */
int trace_extra_find(const trace *t, const char *name);
/* Passes over the data at row i: the stochastic methods' column epoch (component
 * gradients / m), else the full gradients taken since the start (ng less row 0's),
 * each one pass. */
double trace_epoch(const trace *t, long i);
/* The iteration at which row i's f and gnorm were evaluated: its own, or, for a method
 * that samples components between full evaluations (the column fiter), an earlier one. */
long trace_fiter(const trace *t, long i);
/* The probe points recorded with row i (each trace_nx wide); returns count. */
int trace_probes(const trace *t, long i, const double **pts);
/* The trial point x_i-1 + s of a model step at row i >= 1 (a method with a `pred`
 * column: trust regions, cubic models, Levenberg-Marquardt), trace_nx wide: x_i when the
 * step was taken (step > 0), else the row's last probe (the refused trial). 1 taken,
 * 0 refused, -1 no model step there (no decrease predicted, or no trial kept). */
int trace_model_trial(const trace *t, long i, const double **x);

#endif
