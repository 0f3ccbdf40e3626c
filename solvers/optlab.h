/* optlab's numeric core, for C programs and tests that link optlab_solvers, and the
 * installed liboptlab (`pkg-config --cflags --libs optlab`; README, "The library").
 *
 * The stepping API, as the command language uses it:
 *   prob_from_expr or prob_new (a C oracle: prob_ops)  a problem
 *   meth_find("lbfgs"), run_new(p, m, params, x0, &opts, err, cap)  a run
 *   run_step(r, k, NULL), run_status, run_x, run_f  step it, read it
 *   run_trace, trace_len, trace_row_at, trace_x  the history
 *   run_set_param(r, "step", 0.01, err, cap)  change a parameter between steps
 *   run_free(r), prob_free(p)
 * and asktell.h for values-only methods driven by the caller (ask a point, tell its
 * value). Every header says who frees what. */
#ifndef OPTLAB_H
#define OPTLAB_H

#include "asktell.h"
#include "bilevel.h"
#include "constr.h"
#include "dcheck.h"
#include "expr.h"
#include "linsys.h"
#include "lqr.h"
#include "mdp.h"
#include "meth.h"
#include "multi.h"
#include "optlab_version.h"
#include "oracle.h"
#include "param.h"
#include "prob.h"
#include "problib.h"
#include "prox.h"
#include "rng.h"
#include "run.h"
#include "station.h"
#include "trace.h"

#endif
