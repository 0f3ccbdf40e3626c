/* run: a problem, a method with its parameters, a start and a seed; stepping
 * and the stop tests, each stop with a named reason. The same seed gives the
 * same trace, bit for bit (the time column aside).
 *
 * Ownership: run_new copies the parameters, start and options; it borrows
 * the problem and the method, which must outlive the run; run_free frees the
 * run and its trace. */
#ifndef OPTLAB_RUN_H
#define OPTLAB_RUN_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "meth.h"
#include "prob.h"
#include "trace.h"

/* ORDER run_stop: the names are part of the command language's output. */
#define RUN_STOP_LIST(X)                                                                       \
	X(RUN_RUNNING, "running")                                                               \
	X(RUN_CONVERGED, "converged")     /* gnorm <= gtol, or the method's own test; gnorm is */ \
	                                  /* the stationarity measure of the problem (station.h) */ \
	X(RUN_FTOL, "ftol")               /* |f_k - f_{k-1}| <= ftol (1 + |f_k|) */             \
	X(RUN_XTOL, "xtol")               /* |x_k - x_{k-1}| <= xtol (1 + |x_k|) */             \
	X(RUN_MAXITER, "maxiter")         /* the run's own iteration limit */                   \
	X(RUN_TIME, "time")               /* the run's own time limit */                        \
	X(RUN_DIVERGED, "diverged")       /* a non-finite value, or f 10^6 (1 + |f_0|) above f_0 */ \
	X(RUN_NO_PROGRESS, "no progress") /* x unchanged for `stall` steps, the method says, or */ \
	                                  /* a global method's own test at gnorm > gtol */         \
	X(RUN_FAILED, "failed")           /* the method failed; run_message says why */           \
	X(RUN_TRACELIMIT, "tracelimit")   /* the trace reached its memory limit */

enum run_stop {
#define X(id, name) id,
	RUN_STOP_LIST(X)
#undef X
};
const char *run_stop_name(enum run_stop s);

typedef struct run_opts {
	double gtol;     /* 0: stop only at a zero gradient */
	double ftol;     /* 0: off */
	double xtol;     /* 0: off */
	long maxiter;    /* 0: no limit */
	double maxtime;  /* seconds; 0: no limit */
	double tracelimit; /* MiB the trace may take; 0: no limit */
	int stall;       /* steps with x unchanged before `no progress` (default 3) */
	uint64_t seed;
} run_opts;

void run_opts_default(run_opts *o);

typedef struct run run;

/* NULL and a message in err when the problem lacks what the method needs,
 * a parameter is out of range, or the start has the wrong length. params:
 * the method's nparams values (NULL: defaults); x0: n values (NULL: the
 * problem's default start). Row 0 of the trace is recorded here. */
run *run_new(const prob *p, const meth *m, const double *params, const double *x0,
             const run_opts *o, char *err, size_t cap);
void run_free(run *r);

/* Takes up to k steps; stops early when a stop test fires or *interrupt
 * becomes non-zero (then the run can go on later). Returns the steps taken. */
long run_step(run *r, long k, atomic_int *interrupt);

enum run_stop run_status(const run *r);
const char *run_message(const run *r); /* details of the stop, or "" */
const trace *run_trace(const run *r);
const prob *run_prob(const run *r);
const meth *run_meth(const run *r);
const double *run_params(const run *r);
/* Changes a parameter between steps (the next step reads it). Only numeric ones:
 * whole-number and choice parameters (memory sizes, line-search kinds) shape what
 * the method set up and are fixed. 0, or -1 with a message (no such parameter,
 * fixed, out of range). */
int run_set_param(run *r, const char *name, double v, char *err, size_t cap);
const run_opts *run_options(const run *r);
/* The method's state, for tests that inspect what a method learned (cmaes.h). */
const void *run_state(const run *r);
long run_iter(const run *r);
/* Replaces the stop options (the seed is kept: the generator is already running).
 * A run stopped by maxiter, time or tracelimit goes on when the new limits allow it. */
void run_set_options(run *r, const run_opts *o);
const double *run_x(const run *r); /* the current iterate, n values */
double run_f(const run *r);

#endif
