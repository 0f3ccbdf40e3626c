/* Fixtures of the stochastic tests: library problems and seeded runs from
 * "name=value,..." specs. Header-only (static inline): each test file that
 * includes it is its own program. */
#ifndef OPTLAB_STOCH_FIXTURE_H
#define OPTLAB_STOCH_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optlab.h"
#include "testrun.h"

static inline prob *mkprob(const char *name, const char *spec)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	char err[256];
	param_defaults(e->params, e->nparams, v);
	assert_int_equal(tr_apply(e->params, e->nparams, spec, v), 0);
	prob *p = problib_make(e, v, err, sizeof err);
	assert_non_null(p);
	return p;
}

/* A run of `steps` steps of method mn with parameters ms from x0 (NULL: the
 * problem's start), seeded. */
static inline run *mkrun(const char *mn, const char *ms, const prob *p, const double *x0, long steps,
                  uint64_t seed)
{
	const meth *m = meth_find(mn);
	assert_non_null(m);
	double v[PARAM_MAX];
	char err[256];
	param_defaults(m->params, m->nparams, v);
	assert_int_equal(tr_apply(m->params, m->nparams, ms, v), 0);
	run_opts o;
	run_opts_default(&o);
	o.seed = seed;
	o.gtol = 0; /* run the whole budget */
	run *r = run_new(p, m, v, x0 ? x0 : p->x0, &o, err, sizeof err);
	if (!r)
		print_error("%s: %s\n", mn, err);
	assert_non_null(r);
	run_step(r, steps, NULL);
	return r;
}

/* The mean distance to x* over rows [from, len) of the trace. */
static inline double mean_dist(const run *r, long from)
{
	const trace *t = run_trace(r);
	double s = 0;
	long len = trace_len(t);
	for (long i = from; i < len; i++)
		s += trace_row_at(t, i)->dist;
	return s / (double)(len - from);
}

#endif
