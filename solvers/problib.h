/* problib: the built-in library of test problems (classic functions with
 * known minimizers, quadratics with a chosen condition number, ...). */
#ifndef OPTLAB_PROBLIB_H
#define OPTLAB_PROBLIB_H

#include <stddef.h>

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

#endif
