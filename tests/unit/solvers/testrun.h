/* testrun: runs from "name=value ..." specs for the solver tests. Header only (static
 * inline): each test file that includes it, after cmocka.h, is its own program. Items
 * are separated by spaces or commas; a choice parameter takes the choice's name. */
#ifndef OPTLAB_TESTRUN_H
#define OPTLAB_TESTRUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optlab.h"

/* Applies spec to vals, values of the table defs; -1 for an unknown name or no '='. */
static inline int tr_apply(const param_def *defs, int n, const char *spec, double *vals)
{
	char buf[256], *save = NULL;
	snprintf(buf, sizeof buf, "%s", spec ? spec : "");
	for (char *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return -1;
		*eq = 0;
		int k = param_find(defs, n, tok);
		if (k < 0)
			return -1;
		int ch = defs[k].choices ? param_choice(&defs[k], eq + 1) : -1;
		vals[k] = ch >= 0 ? ch : strtod(eq + 1, NULL);
	}
	return 0;
}

/* A run of method mname with args over its defaults from x0 (NULL: the problem's
 * start), default options; NULL and err filled when the driver refuses it. */
static inline run *tr_try(const prob *p, const char *mname, const char *args, const double *x0,
                          char *err, size_t cap)
{
	const meth *m = meth_find(mname);
	assert_non_null(m);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	assert_int_equal(tr_apply(m->params, m->nparams, args, v), 0);
	return run_new(p, m, v, x0, NULL, err, cap);
}

/* The same, failing the test when refused. */
static inline run *tr_go(const prob *p, const char *mname, const char *args, const double *x0)
{
	char err[256];
	run *r = tr_try(p, mname, args, x0, err, sizeof err);
	if (!r)
		fail_msg("%s(%s): %s", mname, args ? args : "", err);
	return r;
}

/* A run of method mname with args from x0 (NULL: the problem's start) and the given
 * seed, default options otherwise; fails the test when refused. */
static inline run *tr_seeded(const prob *p, const char *mname, const char *args,
                             const double *x0, uint64_t seed)
{
	const meth *m = meth_find(mname);
	assert_non_null(m);
	double v[PARAM_MAX];
	param_defaults(m->params, m->nparams, v);
	assert_int_equal(tr_apply(m->params, m->nparams, args, v), 0);
	run_opts o;
	run_opts_default(&o);
	o.seed = seed;
	char err[256];
	run *r = run_new(p, m, v, x0, &o, err, sizeof err);
	if (!r)
		fail_msg("%s(%s): %s", mname, args ? args : "", err);
	return r;
}

/* A library problem with spec over its defaults, failing the test when refused. */
static inline prob *tr_lib(const char *name, const char *spec)
{
	const problib_entry *e = problib_find(name);
	assert_non_null(e);
	double v[PARAM_MAX];
	param_defaults(e->params, e->nparams, v);
	assert_int_equal(tr_apply(e->params, e->nparams, spec, v), 0);
	char err[256];
	prob *p = problib_make(e, v, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	return p;
}

/* tr_seeded from the problem's start, then k steps. */
static inline run *tr_stepped(const prob *p, const char *mname, const char *args, long k,
                              uint64_t seed)
{
	run *r = tr_seeded(p, mname, args, NULL, seed);
	run_step(r, k, NULL);
	return r;
}

#endif
