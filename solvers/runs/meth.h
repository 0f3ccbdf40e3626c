/* meth: the method catalogue. A method is one file in solvers/methods/FAMILY/ with
 * everything static and one exported `const meth` entry; the catalogue is
 * one table (meth.c). The run driver owns the iterate, the trace and the
 * stop tests; a method only steps.
 *
 * Ownership: the catalogue is static; a method's state is allocated by the
 * run (state_size bytes, zeroed) and released by the method's free. */
#ifndef OPTLAB_METH_H
#define OPTLAB_METH_H

#include <stddef.h>

#include "oracle.h"
#include "param.h"
#include "rng.h"

#define METH_MAX_EXTRA 4 /* method-specific trace columns */

/* What a step reports. ORDER meth_status: with run_stop. */
enum meth_status {
	METH_OK = 0,
	METH_CONVERGED,   /* the method's own test (e.g. a zero gradient) */
	METH_NO_PROGRESS, /* cannot move (line search failed, simplex collapsed) */
	METH_FAILED       /* a structural failure; msg says what */
};

/* What a method sees: the iterate it updates, the oracle, its parameters. */
typedef struct meth_ctx {
	int n;
	double *x;   /* the current iterate; the method updates it in place */
	double f;    /* f(x) of the smooth part, kept current (the trace adds g(x)) */
	double *g;   /* the gradient of the smooth part at x */
	int g_valid; /* the method keeps g current; else the driver fills it for the trace */
	double gnorm; /* |g| when the method knows it (NAN: the driver computes it); cleared
	                 before each step */
	double step; /* the step size taken by the last step, for the trace */
	oracle *o;
	const double *param; /* values in the order of the method's table */
	rng *rng;
	double extra[METH_MAX_EXTRA]; /* values of the method's extra columns */
	/* A method with .mults: the multipliers of the problem's constraints, inequalities
	 * then equalities as constr_grad numbers them (the trace records them as columns
	 * mult1 .. multm in the order the constraints were written); NAN where unknown. */
	double *mult;
	/* Probe points for the picture (line-search trials, a simplex):
	 * meth_probe appends one; the driver clears them before each step. Only the
	 * coordinates the trace keeps are stored (n when n <= TRACE_MAX_FULL, else the
	 * first two), so that probing stays cheap in a million variables. */
	double *probes; /* nprobe x that width */
	int nprobe, probe_cap;
	char msg[160]; /* why, for METH_FAILED and METH_NO_PROGRESS */
	/* Set by a step that made progress x does not show (a simplex that shrank around
	 * its best vertex): the driver's stall count restarts. Cleared before each step. */
	int moved;
	/* Methods that sample a finite sum's components (.components): the component
	 * gradients taken so far, and whether f and gnorm are held from the last full
	 * evaluation rather than computed at this x (cleared before each step). */
	long ncg;
	int held;
} meth_ctx;

typedef struct meth {
	const char *name;      /* the catalogue name: "gd", "lbfgs" */
	const char *family;    /* "gradient", "quasi-newton", ... */
	const char *summary;   /* one line */
	const char *reference; /* the paper or book */
	const param_def *params;
	int nparams;
	unsigned needs;        /* prob_cap bits the problem must offer */
	const char *const *extra; /* names of extra trace columns, NULL-terminated, or NULL */
	/* Whether extra column k means something on p (a game's gap needs the simplex);
	 * the trace keeps only those. NULL: every column. */
	int (*extra_applies)(const prob *p, int k);
	/* Seeks a global minimum from values (population and global methods): a zero
	 * gradient at its best point so far (a saddle, a local minimum) does not stop it. */
	int global;
	int mults;                /* keeps c->mult: every constraint's multiplier */
	/* What the method's gnorm measures where it is not its kind's (describe), or NULL */
	const char *gnorm;
	/* Samples components (keeps c->ncg and c->held): the trace adds the columns ncg
	 * (component gradients) and fiter (the iteration f and gnorm were evaluated at). */
	int components;
	/* What the method learned, for the picture (NULL: nothing to draw). ellipse: the
	 * sampling distribution's mean and covariance restricted to coordinates a, b
	 * (mean[2]; cov[3] = {c_aa, c_ab, c_bb}). model: a surrogate of f at an n-vector x:
	 * its mean, standard deviation and the acquisition the next step maximizes; *what
	 * names that acquisition. Both read the state only (never the run's results):
	 * 0, or -1 when there is none yet. */
	int (*ellipse)(const void *state, int a, int b, double *mean, double *cov);
	int (*model)(const void *state, const double *x, double *mean, double *sd, double *acq,
	             const char **what);
	size_t state_size;
	/* Set up at c->x (which holds the start); may evaluate f and g. */
	int (*init)(void *state, meth_ctx *c);
	/* One iteration. */
	int (*step)(void *state, meth_ctx *c);
	/* Frees what init allocated inside state (not state itself). May be NULL. */
	void (*free)(void *state);
} meth;

/* The catalogue, in the order `methods` lists it (by family). */
const meth *const *meth_catalog(int *count);
const meth *meth_find(const char *name);
/* Appends a probe point (reads n values, keeps the trace's width) for the picture. */
void meth_probe(meth_ctx *c, const double *p);

#endif
