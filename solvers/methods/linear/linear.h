/* linear: what the linear-system methods share (methods/linear/). Each works on a
 * linsys problem (linsys.h) and reports after a step f = |b - A x| with its gradient
 * through the oracle (one counted value and gradient a step); gnorm, the kind's
 * stationarity measure, is the residual norm f itself. The extra column "passes"
 * counts the method's own work in passes over A (Kaczmarz's row is 1/n of one). */
#ifndef OPTLAB_LINEAR_H
#define OPTLAB_LINEAR_H

#include "linsys.h"
#include "meth.h"

extern const char *const linear_extra[2]; /* "passes", NULL */

/* The system of the run's problem, checked: a linsys problem, a nonzero diagonal when
 * need_diag, A = A' when need_sym. NULL with c->msg naming the method otherwise. */
const linsys *linear_system(meth_ctx *c, const char *who, int need_diag, int need_sym);
/* c->f, c->g and c->gnorm at c->x; adds passes to the column. METH_CONVERGED when the
 * residual is exactly 0 (nothing left to do), else METH_OK. */
int linear_report(meth_ctx *c, double passes);

#endif
