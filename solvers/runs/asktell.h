/* asktell: a run of a values-only method (the derivative-free family) driven by
 * its caller: the run asks for the value at a point, the caller computes it and
 * tells it back. For objectives that cannot be a callback: a simulation, an
 * experiment, another process.
 *
 *   askt *a = askt_new(meth_find("neldermead"), n, NULL, x0, NULL, err, sizeof err);
 *   const double *x;
 *   while ((x = askt_ask(a)))
 *           askt_tell(a, f(x));
 *   ... run_status(askt_run(a)), run_trace(askt_run(a)) ...
 *   askt_free(a);
 *
 * The method steps in a thread of its own that waits inside each value call, so
 * any method that needs only values works unchanged, and the trace is the one the
 * same method would record with the values as a callback. Calls must alternate:
 * ask, tell, ask, ... from one thread.
 *
 * Ownership: askt_new copies what it is given and owns the problem and run it
 * makes; askt_free ends the run (a pending ask is abandoned) and frees it all. */
#ifndef OPTLAB_ASKTELL_H
#define OPTLAB_ASKTELL_H

#include <stddef.h>

#include "meth.h"
#include "run.h"

typedef struct askt askt;

/* A run of m in n variables from x0 (n values) with params (NULL: defaults) and
 * options o (NULL: run_opts_default; set maxiter, or the run goes until a stop test
 * fires). NULL and a message when m needs more than values, or run_new refuses. */
askt *askt_new(const meth *m, int n, const double *params, const double *x0,
               const run_opts *o, char *err, size_t cap);
/* The point whose value the run needs next (n values, valid until askt_tell), or
 * NULL when the run has stopped (run_status says why). */
const double *askt_ask(askt *a);
/* The value at the point askt_ask returned (NaN or inf: the run stops, diverged). */
void askt_tell(askt *a, double f);
/* The run, to read between a tell and the next ask, or after the last ask: its
 * status, trace and iterate. Its parameters may be changed (run_set_param). NULL
 * while it is being set up (the method's first values, such as a simplex's). */
run *askt_run(askt *a);
void askt_free(askt *a);

#endif
