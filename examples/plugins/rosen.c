/* rosen: an optlab plugin with the extended Rosenbrock function
 *
 *   f(x) = sum_{i < n} a (x[i+1] - x[i]^2)^2 + (1 - x[i])^2
 *
 * in three objectives: "rosen" with everything the interface offers (gradient,
 * Hessian-vector products, the sum's components, known minimizer, start, an
 * optional box), "rosen_values" with values only (optlab fills in the gradient by
 * differences) and "rosen_wrong", whose gradient is wrong in one coordinate, for
 * `check` to find.
 *
 * Build (optlab_plugin.h is installed with optlab; PREFIX is where):
 *
 *   cc -std=c11 -O2 -shared -fPIC -I PREFIX/include/optlab rosen.c -o rosen.so
 *
 * Use:
 *
 *   problem p = plugin("./rosen.so", n = 10)
 *   problem q = plugin("./rosen.so", n = 10, name = "rosen_values", a = 10)
 *   run r = lbfgs on p
 *   check p hessian
 *
 * The arithmetic follows the order in which optlab evaluates the expression
 * sum(i = 1, n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2) (terms in chunks of 256,
 * each chunk added with eight accumulators), so that this plugin and that
 * expression give the same values and gradients, bit for bit; any order would do
 * for a plugin of your own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "optlab_plugin.h"

/* ORDER params: a, bound, wrong (the index into v below) */
typedef struct rosen {
	double a;     /* the valley's steepness (100 is Rosenbrock's) */
	double bound; /* > 0: the box [-bound, bound]^n */
	int wrong;    /* rosen_wrong: the corrupted coordinate (0-based) */
} rosen;

static const optlab_plugin_param params[] = {
	{"a", 100.0, "the valley's steepness: a (x[i+1] - x[i]^2)^2"},
	{"bound", 0.0, "> 0: minimize over the box [-bound, bound]^n"},
	{"wrong", 0.0, "rosen_wrong only: the coordinate (0-based) whose derivative is off"},
};

/* v: a, bound (and wrong, for rosen_wrong: the objective's nparams says how many) */
static void *make(int n, const double *v, int wrong, char *err, size_t cap)
{
	if (n < 2) {
		snprintf(err, cap, "Rosenbrock needs n >= 2 (got %d)", n);
		return NULL;
	}
	if (!(v[0] > 0) || !(v[1] >= 0) || wrong < 0 || wrong >= n) {
		snprintf(err, cap, "a must be > 0, bound >= 0, wrong in 0 .. n-1");
		return NULL;
	}
	rosen *r = malloc(sizeof *r);
	if (r)
		*r = (rosen){v[0], v[1], wrong};
	return r;
}

static void *create(int n, const double *v, char *err, size_t cap)
{
	return make(n, v, 0, err, cap);
}

static void *create_wrong(int n, const double *v, char *err, size_t cap)
{
	return make(n, v, v[2] == floor(v[2]) ? (int)fmin(fmax(v[2], -1), n) : -1, err, cap);
}

static void destroy(void *inst)
{
	free(inst);
}

static double term(const rosen *r, const double *x, int i)
{
	double d = x[i + 1] - x[i] * x[i], e = x[i] - 1;
	return r->a * (d * d) + e * e;
}

/* The sum of the n - 1 terms, in chunks of 256 with eight accumulators a chunk. */
static double value(void *inst, int n, const double *x)
{
	const rosen *r = inst;
	double f = 0;
	for (int i0 = 0; i0 < n - 1; i0 += 256) {
		int m = n - 1 - i0 < 256 ? n - 1 - i0 : 256, j = 0;
		double s[8] = {0};
		for (; j + 8 <= m; j += 8)
			for (int u = 0; u < 8; u++)
				s[u] += term(r, x, i0 + j + u);
		for (; j < m; j++)
			s[0] += term(r, x, i0 + j);
		f += ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
	}
	return f;
}

/* The reverse sweep of the expression, one operation over every term at a time:
 * with d = x[i+1] - x[i]^2, 2 (x[i] - 1) into x[i], a (2 d) into x[i+1], then
 * a (-2 d) (2 x[i]) into x[i]. */
static double gradient(void *inst, int n, const double *x, double *g)
{
	const rosen *r = inst;
	for (int i = 0; i < n; i++)
		g[i] = 0;
	for (int i = 0; i + 1 < n; i++) /* (x[i] - 1)^2 */
		g[i] += 2.0 * (x[i] - 1);
	for (int i = 0; i + 1 < n; i++) /* a d^2 through x[i+1] */
		g[i + 1] += r->a * (2.0 * (x[i + 1] - x[i] * x[i]));
	for (int i = 0; i + 1 < n; i++) /* ... and through x[i]^2 */
		g[i] += r->a * (-2.0 * (x[i + 1] - x[i] * x[i])) * (2.0 * x[i]);
	return value(inst, n, x);
}

static double gradient_wrong(void *inst, int n, const double *x, double *g)
{
	const rosen *r = inst;
	double f = gradient(inst, n, x, g);
	g[r->wrong] = 1.01 * g[r->wrong] + 0.5;
	return f;
}

static void hessvec(void *inst, int n, const double *x, const double *v, double *hv)
{
	const rosen *r = inst;
	for (int i = 0; i < n; i++)
		hv[i] = 0;
	for (int i = 0; i + 1 < n; i++) {
		double hii = 2.0 + r->a * (12.0 * x[i] * x[i] - 4.0 * x[i + 1]);
		double hij = -4.0 * r->a * x[i], hjj = 2.0 * r->a;
		hv[i] += hii * v[i] + hij * v[i + 1];
		hv[i + 1] += hij * v[i] + hjj * v[i + 1];
	}
}

/* f = (1/m) sum f_i with m = n - 1 and f_i = m times the i-th term. */
static long components(void *inst, int n)
{
	return n - 1;
}

static double comp_value(void *inst, int n, long i, const double *x)
{
	return (n - 1) * term(inst, x, (int)i);
}

static void comp_gradient(void *inst, int n, long i, const double *x, double *g)
{
	const rosen *r = inst;
	double d = x[i + 1] - x[i] * x[i], e = x[i] - 1;
	for (int k = 0; k < n; k++)
		g[k] = 0;
	g[i] = (n - 1) * (2.0 * e - 4.0 * r->a * d * x[i]);
	g[i + 1] = (n - 1) * (2.0 * r->a * d);
}

static int box(void *inst, int n, double *lo, double *hi)
{
	const rosen *r = inst;
	if (r->bound <= 0)
		return 0;
	*lo = -r->bound;
	*hi = r->bound;
	return 1;
}

/* (1, ..., 1), f* = 0: inside the box only when bound >= 1. */
static int minimizer(void *inst, int n, double *xstar, double *fstar)
{
	const rosen *r = inst;
	if (r->bound > 0 && r->bound < 1)
		return 0;
	for (int i = 0; i < n; i++)
		xstar[i] = 1;
	*fstar = 0;
	return 1;
}

/* The classic start (-1.2, 1, -1.2, 1, ...). */
static int start(void *inst, int n, double *x0)
{
	for (int i = 0; i < n; i++)
		x0[i] = i % 2 ? 1.0 : -1.2;
	return 1;
}

static const optlab_plugin objectives[] = {
	{.name = "rosen", .summary = "extended Rosenbrock, with every derivative",
	 .params = params, .nparams = 2, .create = create, .destroy = destroy, .value = value,
	 .gradient = gradient, .hessvec = hessvec, .components = components,
	 .comp_value = comp_value, .comp_gradient = comp_gradient, .box = box,
	 .minimizer = minimizer, .start = start},
	{.name = "rosen_values", .summary = "extended Rosenbrock, values only",
	 .params = params, .nparams = 2, .create = create, .destroy = destroy, .value = value,
	 .box = box, .minimizer = minimizer, .start = start},
	{.name = "rosen_wrong", .summary = "extended Rosenbrock with a wrong partial derivative",
	 .params = params, .nparams = 3, .create = create_wrong, .destroy = destroy, .value = value,
	 .gradient = gradient_wrong, .start = start},
};

static const optlab_plugin_module module = {
	.version = OPTLAB_PLUGIN_VERSION,
	.objective_size = sizeof(optlab_plugin),
	.count = 3,
	.objectives = objectives,
};

const optlab_plugin_module *optlab_plugin_entry(void);
const optlab_plugin_module *optlab_plugin_entry(void)
{
	return &module;
}
