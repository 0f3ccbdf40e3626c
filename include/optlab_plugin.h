/* optlab_plugin.h: the interface of an optlab objective plugin.
 *
 * A plugin is a shared object that exports one function,
 *
 *     const optlab_plugin_module *optlab_plugin_entry(void);
 *
 * returning a static description of the objectives it holds. optlab loads one with
 *
 *     problem p = plugin("./myobj.so", n = 10, name = "rosen", PARAM = V, ...)
 *
 * (name: which objective, by default the first) and calls it through the functions
 * below. Only `value` is required; every
 * other function may be NULL, and optlab fills in what is missing: a gradient by
 * central differences (`show` says so, and `check` and methods that need an exact
 * gradient refuse it), no Hessian without `hessvec`.
 *
 * Versioning: the module's `version` must be OPTLAB_PLUGIN_VERSION of the header
 * the plugin was built with; optlab refuses other versions, naming both. Fields
 * are only ever added at the end of optlab_plugin, with a new version;
 * `objective_size` (sizeof(optlab_plugin)) lets a newer optlab step through an
 * older plugin's array.
 *
 * Calls: optlab calls create once per problem, then the other functions with the
 * instance it returned, from one thread at a time per instance (clone gives
 * another thread its own). x, v, g, hv, lo, hi and xstar have n entries. A
 * crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL) or a NaN inside a call is reported as
 * the plugin's, with the call that failed; after a crash the instance is not
 * called again.
 *
 * Ownership: the description and its strings are the plugin's (static); an
 * instance is freed by destroy. */
#ifndef OPTLAB_PLUGIN_H
#define OPTLAB_PLUGIN_H

#include <stddef.h>

#define OPTLAB_PLUGIN_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* A named numeric parameter: `PARAM = V` in the plugin(...) call. */
typedef struct optlab_plugin_param {
	const char *name;
	double def;       /* the default */
	const char *help; /* one line, shown by `describe` */
} optlab_plugin_param;

typedef struct optlab_plugin {
	const char *name;    /* what `name = "..."` picks, e.g. "rosen" */
	const char *summary; /* one line */
	const optlab_plugin_param *params;
	int nparams;

	/* An instance in n variables with the parameters' values (nparams, in the
	 * order of params). NULL and a message in err (cap bytes) when n or a value
	 * is out of range. NULL create: the instance is NULL. */
	void *(*create)(int n, const double *params, char *err, size_t cap);
	void (*destroy)(void *inst);
	/* A copy for another thread; NULL: the instance is immutable and shared. */
	void *(*clone)(const void *inst);

	/* f(x). Required. */
	double (*value)(void *inst, int n, const double *x);
	/* Fills g with the gradient at x and returns f(x). */
	double (*gradient)(void *inst, int n, const double *x, double *g);
	/* Fills hv with H(x) v (the Hessian at x times v). */
	void (*hessvec)(void *inst, int n, const double *x, const double *v, double *hv);

	/* A finite sum f = (1/m) sum_i f_i, i = 0 .. m-1: m, and each f_i and its
	 * gradient (comp_gradient may be NULL: differences). m <= 0: not a sum. */
	long (*components)(void *inst, int n);
	double (*comp_value)(void *inst, int n, long i, const double *x);
	void (*comp_gradient)(void *inst, int n, long i, const double *x, double *g);

	/* A box lo <= x <= hi with the same bounds on every coordinate (the feasible
	 * set, with its projection): returns 1 and fills *lo, *hi; 0: none. */
	int (*box)(void *inst, int n, double *lo, double *hi);
	/* A known minimizer: returns 1 and fills xstar and *fstar; 0: none known. */
	int (*minimizer)(void *inst, int n, double *xstar, double *fstar);
	/* The default start: returns 1 and fills x0; 0: zeros. */
	int (*start)(void *inst, int n, double *x0);
} optlab_plugin;

/* What the entry returns. */
typedef struct optlab_plugin_module {
	int version;           /* OPTLAB_PLUGIN_VERSION */
	size_t objective_size; /* sizeof(optlab_plugin) */
	int count;
	const optlab_plugin *objectives; /* count descriptions */
} optlab_plugin_module;

/* The one symbol a plugin exports. */
typedef const optlab_plugin_module *(*optlab_plugin_entry_fn)(void);
#define OPTLAB_PLUGIN_ENTRY "optlab_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif
