/* run_int: the driver's state, shared by run.c (set up, steps, the trace's rows) and
 * run_stop.c (the stop tests). Not for use outside solvers/runs. */
#ifndef OPTLAB_RUN_INT_H
#define OPTLAB_RUN_INT_H

#include "oracle.h"
#include "rng.h"
#include "run.h"
#include "station.h"
#include "trace.h"

struct run {
	const prob *p;
	const meth *m;
	double *params;
	run_opts opts;
	oracle o;
	rng rng;
	meth_ctx c;
	void *state;
	int state_live; /* init succeeded: the method's free must run */
	trace *t;
	int nmult;      /* the problem's constraints when the method keeps multipliers */
	int nobj;       /* a multi-objective problem's objectives: columns f1 .. fk */
	double *extra;  /* a row's extra columns: the method's, mult1 .. multm, f1 .. fk */
	int keep[METH_MAX_EXTRA], nkeep; /* the method's columns the trace keeps (extra_applies) */
	int ncomp;      /* 2 with .components (columns ncg and fiter), else 0 */
	long fiter;     /* the iteration of the last full evaluation (.components) */
	station *st; /* the stationarity measure of the problem's kind: gnorm */
	double *xprev;
	long iter;
	long above; /* the first iteration of the current stretch with f above its start, or -1 */
	double time;
	int stalled;
	enum run_stop status;
	char msg[256];
};

/* The stop tests after a step whose method returned STATUS (meth.h), in order: finite
 * values, the method's own test, gtol, growth, ftol (from the previous row's FPREV),
 * xtol, stall, maxiter, time, tracelimit. Sets r->msg; RUN_RUNNING when none fires. */
enum run_stop run_stop_test(run *r, int status, const trace_row *row, double fprev);
/* The tests that apply at the start (row 0): finite values, the method's own test when
 * its init returned METH_CONVERGED, gtol. */
enum run_stop run_stop_start(run *r, int status, const trace_row *row);
/* Whether a run stopped by maxiter, time or tracelimit is within the limits now. */
int run_stop_lifted(run *r);

#endif
