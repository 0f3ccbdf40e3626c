/* optlab's numeric core, for C programs and tests that link optlab_solvers. */
#ifndef OPTLAB_H
#define OPTLAB_H

#include "constr.h"
#include "dcheck.h"
#include "expr.h"
#include "linsys.h"
#include "lqr.h"
#include "mdp.h"
#include "meth.h"
#include "oracle.h"
#include "param.h"
#include "prob.h"
#include "problib.h"
#include "prox.h"
#include "rng.h"
#include "run.h"
#include "trace.h"

#endif
