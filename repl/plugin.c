/* plugin: an objective from a shared object (optlab_plugin.h) as a problem. Every
 * call into the plugin runs under a guard: a crash there jumps back here and is
 * reported as the plugin's, with the call that failed. */
#include "plugin.h"

#include <dlfcn.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optlab_plugin.h"
#include "prox.h"

/* ---------------------------------------------------------------- the guard */

static const int guard_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
#define NSIGS (int)(sizeof guard_sigs / sizeof guard_sigs[0])
static struct sigaction guard_old[NSIGS]; /* the handlers before ours */
static atomic_int guard_armed;
static _Thread_local sigjmp_buf *guard_jmp;    /* set while this thread is in a plugin */
static _Thread_local volatile sig_atomic_t guard_sig;

/* The first fault since plug_take_fault; threads of a sweep may race for it. */
static atomic_int fault_set;
static char fault_msg[320];

static void guard_handler(int sig)
{
	if (guard_jmp) {
		guard_sig = sig;
		siglongjmp(*guard_jmp, 1);
	}
	/* not ours: the old handler takes the fault when the instruction runs again */
	for (int k = 0; k < NSIGS; k++)
		if (guard_sigs[k] == sig)
			sigaction(sig, &guard_old[k], NULL);
}

static void guard_arm(void)
{
	if (atomic_exchange(&guard_armed, 1))
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = guard_handler;
	sa.sa_flags = SA_NODEFER; /* the jump out leaves the signal unblocked */
	sigemptyset(&sa.sa_mask);
	for (int k = 0; k < NSIGS; k++)
		sigaction(guard_sigs[k], &sa, &guard_old[k]);
}

static void record_fault(const char *fmt, const char *file, const char *a, const char *b,
                         const char *c, long call)
{
	if (atomic_exchange(&fault_set, 1))
		return;
	snprintf(fault_msg, sizeof fault_msg, fmt, file, a, b, c, call);
}

int plug_take_fault(char *buf, size_t cap)
{
	if (!atomic_load(&fault_set))
		return 0;
	snprintf(buf, cap, "%s", fault_msg);
	atomic_store(&fault_set, 0);
	return 1;
}

/* ---------------------------------------------------------------- instances */

/* An instance and what it came from, shared by the handles of every thread that
 * uses it (the plugin's clone makes a new one); freed with the last handle. */
typedef struct plug_core {
	void *dl;    /* the library, held open */
	void *inst;
	char *file;  /* the file's name, for messages */
	char *path;  /* as opened: clones open it again */
	atomic_int crashed; /* no more calls */
	atomic_int refs;
	void (*destroy)(void *inst);
} plug_core;

/* A handle: one thread's view of an instance, with its own scratch. */
typedef struct plug {
	plug_core *k;
	const optlab_plugin *d;
	void *inst;
	int n;
	long calls;
	double *y, *ga, *gb; /* scratch for differences, n each */
} plug;

/* " at (x1, x2, ...)" for a message, the first few coordinates. */
static void point_text(char *buf, size_t cap, const double *x, int n)
{
	int len = snprintf(buf, cap, " at (");
	for (int i = 0; i < n && i < 4 && len > 0 && (size_t)len < cap; i++)
		len += snprintf(buf + len, cap - (size_t)len, "%s%.17g", i ? ", " : "", x[i]);
	if (len > 0 && (size_t)len < cap)
		snprintf(buf + len, cap - (size_t)len, "%s)", n > 4 ? ", ..." : "");
}

/* One guarded call: fn(arg) with the plugin's code under the guard; x: the point
 * (NULL: a call outside the oracle, not counted). 0, or -1 after a crash (recorded;
 * the instance is not called again). */
static int guarded(plug *p, const char *what, const double *x, void (*fn)(plug *, void *),
                   void *arg)
{
	if (atomic_load(&p->k->crashed))
		return -1;
	if (x)
		p->calls++;
	sigjmp_buf env, *prev = guard_jmp;
	if (sigsetjmp(env, 0)) {
		guard_jmp = prev;
		atomic_store(&p->k->crashed, 1);
		const char *how = guard_sig == SIGSEGV  ? "SIGSEGV"
		                  : guard_sig == SIGBUS ? "SIGBUS"
		                  : guard_sig == SIGFPE ? "SIGFPE"
		                                        : "SIGILL";
		char at[160] = "";
		if (x)
			point_text(at, sizeof at, x, p->n);
		record_fault("plugin %s crashed (%s) in %s%s, oracle call %ld; it is not called again",
		             p->k->file, how, what, at, p->calls);
		return -1;
	}
	guard_jmp = &env;
	fn(p, arg);
	guard_jmp = prev;
	return 0;
}

static int finite_all(const double *v, int n)
{
	for (int i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

/* A NaN from a finite point is the plugin's (an overflow to inf is the run's). */
static void check_nan(plug *p, const char *what, const double *x, double f)
{
	if (isnan(f) && finite_all(x, p->n)) {
		char at[160];
		point_text(at, sizeof at, x, p->n);
		record_fault("plugin %s returned NaN from %s%s%s, oracle call %ld", p->k->file, what, at,
		             "", p->calls);
	}
}

typedef struct call_args {
	const double *x, *v;
	double *out;
	long i;
	double f;
} call_args;

static void do_value(plug *p, void *a_)
{
	call_args *a = a_;
	a->f = p->d->value(p->inst, p->n, a->x);
}
static void do_grad(plug *p, void *a_)
{
	call_args *a = a_;
	a->f = p->d->gradient(p->inst, p->n, a->x, a->out);
}
static void do_hessvec(plug *p, void *a_)
{
	call_args *a = a_;
	p->d->hessvec(p->inst, p->n, a->x, a->v, a->out);
}
static void do_cvalue(plug *p, void *a_)
{
	call_args *a = a_;
	a->f = p->d->comp_value(p->inst, p->n, a->i, a->x);
}
static void do_cgrad(plug *p, void *a_)
{
	call_args *a = a_;
	p->d->comp_gradient(p->inst, p->n, a->i, a->x, a->out);
}

static double pl_value(void *ctx, const double *x)
{
	plug *p = ctx;
	call_args a = {.x = x};
	if (guarded(p, "value", x, do_value, &a) != 0)
		return NAN;
	check_nan(p, "value", x, a.f);
	return a.f;
}

/* Central differences of f (fi: a component, or -1), step cbrt(eps) max(|x_i|, 1). */
static void fd_grad(plug *p, long comp, const double *x, double *g)
{
	memcpy(p->y, x, (size_t)p->n * sizeof *x);
	for (int i = 0; i < p->n; i++) {
		double h = 6.0554544523933395e-06 * fmax(fabs(x[i]), 1.0);
		call_args a = {.x = p->y, .i = comp};
		void (*fn)(plug *, void *) = comp < 0 ? do_value : do_cvalue;
		p->y[i] = x[i] + h;
		double xp = p->y[i];
		if (guarded(p, comp < 0 ? "value" : "comp_value", p->y, fn, &a) != 0)
			goto fail;
		double fp = a.f;
		p->y[i] = x[i] - h;
		double xm = p->y[i];
		if (guarded(p, comp < 0 ? "value" : "comp_value", p->y, fn, &a) != 0)
			goto fail;
		g[i] = (fp - a.f) / (xp - xm);
		p->y[i] = x[i];
	}
	return;
fail:
	for (int i = 0; i < p->n; i++)
		g[i] = NAN;
}

static double pl_grad(void *ctx, const double *x, double *g)
{
	plug *p = ctx;
	if (!p->d->gradient) {
		double f = pl_value(ctx, x);
		fd_grad(p, -1, x, g);
		return f;
	}
	call_args a = {.x = x, .out = g};
	if (guarded(p, "gradient", x, do_grad, &a) != 0) {
		for (int i = 0; i < p->n; i++)
			g[i] = NAN;
		return NAN;
	}
	double any = a.f;
	for (int i = 0; i < p->n; i++)
		if (isnan(g[i]))
			any = NAN;
	check_nan(p, "gradient", x, any);
	return a.f;
}

static double pl_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	plug *p = ctx;
	call_args a = {.x = x, .v = v, .out = hv};
	if (guarded(p, "hessvec", x, do_hessvec, &a) != 0) {
		for (int i = 0; i < p->n; i++)
			hv[i] = NAN;
		return NAN;
	}
	return pl_value(ctx, x);
}

/* The dense Hessian column by column through H e_j. */
static double pl_hess(void *ctx, const double *x, double *h)
{
	plug *p = ctx;
	int n = p->n;
	double f = NAN;
	memset(p->ga, 0, (size_t)n * sizeof *p->ga);
	for (int j = 0; j < n; j++) {
		p->ga[j] = 1;
		call_args a = {.x = x, .v = p->ga, .out = p->gb};
		int rc = guarded(p, "hessvec", x, do_hessvec, &a);
		p->ga[j] = 0;
		for (int i = 0; i < n; i++)
			h[(size_t)i * n + j] = rc == 0 ? p->gb[i] : NAN;
	}
	f = pl_value(ctx, x);
	return f;
}

static void pl_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	plug *p = ctx;
	prob_batch_each(pl_value, ctx, p->n, k, cols, strides, out);
}

static double pl_comp_value(void *ctx, long i, const double *x)
{
	plug *p = ctx;
	call_args a = {.x = x, .i = i};
	if (guarded(p, "comp_value", x, do_cvalue, &a) != 0)
		return NAN;
	check_nan(p, "comp_value", x, a.f);
	return a.f;
}

static void pl_comp_grad(void *ctx, long i, const double *x, double *g)
{
	plug *p = ctx;
	if (!p->d->comp_gradient) {
		fd_grad(p, i, x, g);
		return;
	}
	call_args a = {.x = x, .i = i, .out = g};
	if (guarded(p, "comp_gradient", x, do_cgrad, &a) != 0)
		for (int k = 0; k < p->n; k++)
			g[k] = NAN;
}

static void core_unref(plug_core *k)
{
	if (!k || atomic_fetch_sub(&k->refs, 1) > 1)
		return;
	/* a crashed instance may be broken: it is left alone, not destroyed */
	if (k->inst && k->destroy && !atomic_load(&k->crashed))
		k->destroy(k->inst);
	if (k->dl)
		dlclose(k->dl);
	free(k->file);
	free(k->path);
	free(k);
}

static plug_core *core_new(const char *file, const char *path)
{
	plug_core *k = calloc(1, sizeof *k);
	if (k && (!(k->file = strdup(file)) || !(k->path = strdup(path)))) {
		free(k->file);
		free(k);
		return NULL;
	}
	if (k)
		atomic_store(&k->refs, 1);
	return k;
}

static void pl_free(void *ctx)
{
	plug *p = ctx;
	if (!p)
		return;
	core_unref(p->k);
	free(p->y);
	free(p);
}

/* A handle on core k (whose reference it takes), or NULL (k released). */
static plug *plug_alloc(plug_core *k, const optlab_plugin *d, int n)
{
	plug *p = calloc(1, sizeof *p);
	double *y = p ? malloc(3 * (size_t)(n > 0 ? n : 1) * sizeof *y) : NULL;
	if (!y) {
		free(p);
		core_unref(k);
		return NULL;
	}
	*p = (plug){.k = k, .d = d, .inst = k->inst, .n = n, .y = y, .ga = y + n, .gb = y + 2 * n};
	return p;
}

/* A handle for another thread: the plugin's clone of the instance in a core of its
 * own (holding the library open too), or the shared immutable one. */
static void *pl_clone(const void *ctx)
{
	const plug *src = ctx;
	if (!src->d->clone) {
		atomic_fetch_add(&src->k->refs, 1);
		return plug_alloc(src->k, src->d, src->n);
	}
	plug_core *k = core_new(src->k->file, src->k->path);
	if (!k)
		return NULL;
	k->dl = dlopen(k->path, RTLD_NOW | RTLD_LOCAL);
	k->destroy = src->d->destroy;
	if (!k->dl || !(k->inst = src->d->clone(src->inst))) {
		core_unref(k);
		return NULL;
	}
	return plug_alloc(k, src->d, src->n);
}

static const prob_ops plug_ops = {.value = pl_value, .grad = pl_grad, .hessvec = pl_hessvec,
                                  .hess = pl_hess, .batch = pl_batch, .clone = pl_clone,
                                  .free = pl_free};

/* ---------------------------------------------------------------- loading */

static prob *load_fail(plug *p, char *err, size_t cap, const char *fmt, const char *a,
                       const char *b)
{
	snprintf(err, cap, fmt, a, b);
	pl_free(p);
	return NULL;
}

static void do_create(plug *p, void *a_)
{
	void **a = a_;
	p->k->inst = p->inst = p->d->create(p->n, (const double *)a[0], (char *)a[1], 256);
}

/* The description called name in the module (NULL: the first), or NULL. */
static const optlab_plugin *find_objective(const optlab_plugin_module *m, const char *name)
{
	for (int k = 0; k < m->count; k++) {
		const optlab_plugin *d =
		    (const optlab_plugin *)((const char *)m->objectives + (size_t)k * m->objective_size);
		if (!name || (d->name && strcmp(d->name, name) == 0))
			return d;
	}
	return NULL;
}

/* The parameters' values: the defaults, then the given ones by name. */
static int fill_params(const optlab_plugin *d, const plug_arg *args, int nargs, double *v,
                       char *err, size_t cap)
{
	for (int k = 0; k < d->nparams; k++)
		v[k] = d->params[k].def;
	for (int j = 0; j < nargs; j++) {
		int k = 0;
		while (k < d->nparams && strcmp(d->params[k].name, args[j].name) != 0)
			k++;
		if (k == d->nparams) {
			int len = snprintf(err, cap, "objective '%s' has no parameter '%s' (it has:",
			                   d->name ? d->name : "?", args[j].name);
			for (int i = 0; i < d->nparams && len >= 0 && (size_t)len < cap; i++)
				len += snprintf(err + len, cap - (size_t)len, " %s", d->params[i].name);
			if (len >= 0 && (size_t)len < cap)
				snprintf(err + len, cap - (size_t)len, "%s)", d->nparams ? "" : " none");
			return -1;
		}
		v[k] = args[j].value;
	}
	return 0;
}

/* What the plugin knows beyond the oracle, asked once under the guard. */
typedef struct known {
	double *x0, *xstar, fstar, lo, hi;
	int has_x0, has_xstar, has_box;
	long m;
} known;

static void do_known(plug *p, void *a_)
{
	known *k = a_;
	const optlab_plugin *d = p->d;
	k->has_x0 = d->start && d->start(p->inst, p->n, k->x0) == 1;
	k->has_xstar = d->minimizer && d->minimizer(p->inst, p->n, k->xstar, &k->fstar) == 1;
	k->has_box = d->box && d->box(p->inst, p->n, &k->lo, &k->hi) == 1;
	k->m = d->components && d->comp_value ? d->components(p->inst, p->n) : 0;
}

/* The start, minimizer, box and finite sum the plugin offers. */
static int attach_known(plug *pl, prob *p, char *err, size_t cap)
{
	int n = pl->n;
	known k = {.fstar = NAN};
	double *buf = malloc(2 * (size_t)n * sizeof *buf);
	if (!buf)
		return snprintf(err, cap, "out of memory"), -1;
	k.x0 = buf, k.xstar = buf + n;
	if (guarded(pl, "start, minimizer, box or components", NULL, do_known, &k) != 0) {
		free(buf);
		plug_take_fault(err, cap);
		return -1;
	}
	if (k.has_x0)
		prob_set_start(p, k.x0);
	if (k.has_xstar)
		prob_set_solutions(p, 1, k.xstar, k.fstar);
	free(buf);
	if (k.has_box) {
		prob_set *set = k.lo <= k.hi && isfinite(k.lo) && isfinite(k.hi) ? prox_box(k.lo, k.hi)
		                                                                  : NULL;
		if (!set)
			return snprintf(err, cap, "the plugin's box [%g, %g] is not a finite interval",
			                k.lo, k.hi), -1;
		prox_attach_set(p, set);
	}
	if (k.m > 0) {
		prob_sum *sum = calloc(1, sizeof *sum);
		plug *sc = sum ? pl_clone(pl) : NULL;
		if (!sc) {
			free(sum);
			return snprintf(err, cap, "out of memory"), -1;
		}
		*sum = (prob_sum){.m = k.m, .comp_grad = pl_comp_grad, .comp_value = pl_comp_value,
		                  .ctx = sc, .free = pl_free, .clone = pl_clone};
		p->sum = sum;
		p->caps |= PROB_SUM;
	}
	return 0;
}

prob *plug_load(const char *path, const char *objective, int n, const plug_arg *args,
                int nargs, char *err, size_t cap)
{
	/* a bare file name is the file here, not a search of the library path */
	const char *base = strrchr(path, '/');
	char *full = malloc(strlen(path) + 3);
	if (full)
		sprintf(full, "%s%s", base ? "" : "./", path);
	plug_core *k = full ? core_new(base ? base + 1 : path, full) : NULL;
	free(full);
	plug *p = k ? plug_alloc(k, NULL, n) : NULL;
	if (!p)
		return snprintf(err, cap, "out of memory"), NULL;
	k->dl = dlopen(k->path, RTLD_NOW | RTLD_LOCAL);
	if (!k->dl)
		return load_fail(p, err, cap, "cannot load plugin: %s%s", dlerror(), "");
	optlab_plugin_entry_fn entry;
	*(void **)&entry = dlsym(k->dl, OPTLAB_PLUGIN_ENTRY);
	if (!entry)
		return load_fail(p, err, cap, "%s exports no %s(): not an optlab plugin", p->k->file,
		                 OPTLAB_PLUGIN_ENTRY);
	guard_arm();
	const optlab_plugin_module *m = entry();
	if (!m || m->version != OPTLAB_PLUGIN_VERSION) {
		char vs[64];
		snprintf(vs, sizeof vs, "%d", m ? m->version : -1);
		snprintf(err, cap, "plugin %s has interface version %s; this optlab reads version %d "
		         "(rebuild it against this optlab's optlab_plugin.h)", p->k->file, vs,
		         OPTLAB_PLUGIN_VERSION);
		pl_free(p);
		return NULL;
	}
	if (m->objective_size < sizeof(optlab_plugin) || m->count < 1 || !m->objectives)
		return load_fail(p, err, cap, "plugin %s describes no objective%s", p->k->file, "");
	if (!(p->d = find_objective(m, objective)))
		return load_fail(p, err, cap, "plugin %s has no objective '%s'", p->k->file, objective);
	if (!p->d->value)
		return load_fail(p, err, cap, "plugin %s: objective '%s' has no value function",
		                 p->k->file, p->d->name ? p->d->name : "?");
	double v[64] = {0};
	if (p->d->nparams < 0 || p->d->nparams > 64)
		return load_fail(p, err, cap, "plugin %s: objective '%s' has too many parameters",
		                 p->k->file, p->d->name ? p->d->name : "?");
	if (fill_params(p->d, args, nargs, v, err, cap) != 0) {
		pl_free(p);
		return NULL;
	}
	if (p->d->create) {
		char cerr[256] = "";
		void *a[2] = {v, cerr};
		if (guarded(p, "create", NULL, do_create, a) != 0) {
			plug_take_fault(err, cap);
			pl_free(p);
			return NULL;
		}
		if (!p->inst)
			return load_fail(p, err, cap, "plugin %s refused: %s", p->k->file,
			                 *cerr ? cerr : "create returned NULL");
	}
	k->destroy = p->d->destroy;
	unsigned caps = PROB_VALUE | PROB_GRAD | (p->d->hessvec ? PROB_HESS : 0);
	prob *pr = prob_new(p->d->name ? p->d->name : "plugin", n, caps, &plug_ops, p);
	if (!pr) {
		pl_free(p);
		return snprintf(err, cap, "out of memory"), NULL;
	}
	if (attach_known(p, pr, err, cap) != 0) {
		prob_free(pr);
		return NULL;
	}
	return pr;
}

int plug_fd_gradient(const prob *p)
{
	return p->ops == &plug_ops && !((const plug *)p->ctx)->d->gradient;
}
