/* faulty: plugins that fail, for the tests: "crash" dereferences NULL in its value
 * at call `at` (from 1), "nan" returns NaN there; both are (x - 1)^2 summed
 * otherwise, with gradients. Build: cc -std=c11 -shared -fPIC -I include faulty.c -o faulty.so
 * (-DFUTURE: a module claiming a later interface version). */
#include <math.h>
#include <stdlib.h>

#include "optlab_plugin.h"

typedef struct inst {
	long at, calls;
} inst;

static const optlab_plugin_param params[] = {{"at", 1, "the call that fails"}};

static void *create(int n, const double *v, char *err, size_t cap)
{
	inst *k = malloc(sizeof *k);
	if (k)
		*k = (inst){(long)v[0], 0};
	return k;
}

static void destroy(void *k)
{
	free(k);
}

static double sq(int n, const double *x)
{
	double f = 0;
	for (int i = 0; i < n; i++)
		f += (x[i] - 1) * (x[i] - 1);
	return f;
}

static double crash_value(void *k_, int n, const double *x)
{
	inst *k = k_;
	if (++k->calls == k->at) {
		volatile int *p = NULL;
		return *p; /* the fault under test */
	}
	return sq(n, x);
}

static double nan_value(void *k_, int n, const double *x)
{
	inst *k = k_;
	return ++k->calls == k->at ? NAN : sq(n, x);
}

static double gradient(void *k_, int n, const double *x, double *g)
{
	inst *k = k_;
	for (int i = 0; i < n; i++)
		g[i] = 2 * (x[i] - 1);
	return ++k->calls == k->at ? NAN : sq(n, x);
}

static const optlab_plugin objectives[] = {
	{.name = "crash", .params = params, .nparams = 1, .create = create, .destroy = destroy,
	 .value = crash_value},
	{.name = "nan", .params = params, .nparams = 1, .create = create, .destroy = destroy,
	 .value = nan_value, .gradient = gradient},
};

static const optlab_plugin_module module = {
#ifdef FUTURE
	.version = OPTLAB_PLUGIN_VERSION + 1,
#else
	.version = OPTLAB_PLUGIN_VERSION,
#endif
	.objective_size = sizeof(optlab_plugin),
	.count = 2,
	.objectives = objectives,
};

const optlab_plugin_module *optlab_plugin_entry(void);
const optlab_plugin_module *optlab_plugin_entry(void)
{
	return &module;
}
