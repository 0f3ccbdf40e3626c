/* problib: the built-in library of test problems (classic functions with
 * known minimizers, quadratics with a chosen condition number, ...). */
#ifndef OPTLAB_PROBLIB_H
#define OPTLAB_PROBLIB_H

#include <stddef.h>

#include "dataset.h"
#include "param.h"
#include "prob.h"

typedef struct problib_entry {
	const char *name;    /* "rosenbrock" */
	const char *summary; /* one line */
	const char *formula; /* for `show` and help */
	const param_def *params; /* e.g. n, cond, seed */
	int nparams;
	/* Builds the problem; NULL and a message in err on failure. */
	prob *(*make)(const double *params, char *err, size_t cap);
} problib_entry;

const problib_entry *problib_catalog(int *count);
const problib_entry *problib_find(const char *name);
/* Checks params against the entry's table (NULL: the defaults) and builds the
 * problem; NULL and a message in err on failure. The caller frees the problem. */
prob *problib_make(const problib_entry *e, const double *params, char *err, size_t cap);
/* leastsq, logreg (data of kind DS_LOGISTIC, labels +-1), softmax (DS_SOFTMAX, k
 * classes: n = k d) or lasso by name, with weight
 * lambda, on data from elsewhere (a file): takes data, freed on failure too; desc says
 * where it came from. x* by Newton (fista for the lasso) when it is cheap, as for the
 * generated data. NULL and a message in err on failure. */
prob *problib_on_data(const char *name, ds *data, double lambda, const char *desc, char *err,
                      size_t cap);

/* A game (p->game set) put on two probability simplices, a player each: their product as
 * the feasible set, the entropy's mirror map (md, mirrorprox, omd) and the uniform
 * start. 0, or -1 without memory. */
int problib_game_simplices(prob *p);
/* The matrix game x'Ay on simplices with A (m x k, row-major) as typed (copied). */
prob *problib_matrixgame_typed(const double *a, int m, int k, char *err, size_t cap);
/* A matrix game's payoff matrix (m x k, row-major, owned by p); NULL for other problems. */
const double *problib_payoff(const prob *p, int *m, int *k);

#endif
