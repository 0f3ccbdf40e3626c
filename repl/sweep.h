/* sweep: one method over a grid of one parameter, or of two (a phase diagram: the
 * caller lists every pair), on one problem from one start,
 * each point run until a condition or a step limit, on a pool of threads. Each
 * worker has its own copy of the problem (prob_clone) and its own run, and writes
 * only its points' slots, so the results do not depend on the thread count.
 *
 * Ownership: sweep_run borrows everything in the job and fills the caller's
 * NPTS results. */
#ifndef OPTLAB_SWEEP_H
#define OPTLAB_SWEEP_H

#include <stdatomic.h>
#include <stddef.h>

#include "cond.h"
#include "optlab.h"

#define SWEEP_MAX_POINTS 1000   /* a grid's points along one parameter */
#define SWEEP_MAX_TOTAL 40000   /* points of a two-parameter grid in all */
#define SWEEP_MAX_THREADS 256 /* POOL_MAX_THREADS */

typedef struct sweep_job {
	const prob *p;
	const meth *m;
	const double *params; /* the method's nparams values; param k is swept */
	int k;
	const double *grid; /* npts values of parameter k */
	int npts;
	int k2;             /* the second parameter, with grid2 */
	const double *grid2; /* npts values of parameter k2, or NULL: one parameter */
	const double *x0;   /* n values, or NULL: the problem's default start */
	run_opts opts;
	const cond *c;      /* read only by the workers */
	long max;           /* steps per point at most */
	int threads;        /* 0: min(cores, npts) */
	atomic_int *interrupt; /* non-zero: every worker stops (set by a signal handler: atomic) */
	/* or NULL; else called on the calling thread about ten times a second while
	 * the workers run, with the points finished so far */
	void (*progress)(void *ctx, int finished, int npts);
	void *progress_ctx;
} sweep_job;

typedef struct sweep_point {
	double value;      /* the parameter */
	double value2;     /* the second one (NaN for a one-parameter sweep) */
	int met;           /* the condition held within max steps */
	long iters;        /* the iteration where it first held, or the last one */
	double f, fgap;    /* at that iteration (fgap NaN without f*) */
	double f0, gnorm0; /* at the start */
	long klast;        /* the last row with a finite f (a diverged run's last growth) */
	double flast, gnormlast; /* f and gnorm there */
	int nobj;          /* several objectives: their values there (the trace's f1 ..) */
	double obj[MULTI_MAX];
	enum run_stop stop; /* the run's status at the end (running: max or met) */
	int done;          /* 0: interrupted before the point finished */
	char err[128];     /* run_new's message, or "" */
} sweep_point;

/* The number of threads a job uses: its own, or min(online cores, npts), at least 1. */
int sweep_threads(const sweep_job *j);
/* Runs every point (on one thread, with the problem itself, when the problem cannot
 * be copied). 0, or -1 with a message (no memory). Interrupted points are left with
 * done = 0. */
int sweep_run(const sweep_job *j, sweep_point *out, char *err, size_t cap);

#endif
