/* run: the driver. It owns x, f, g and the trace, calls the method's init and
 * step through the catalogue entry, records a row after each step and applies
 * the stop tests (run_stop.c). */
#include "run_int.h"

#include "constr.h"
#include "multi.h"
#include "station.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const stop_names[] = {
#define X(id, name) name,
    RUN_STOP_LIST(X)
#undef X
};

const char *run_stop_name(enum run_stop s)
{
	if ((unsigned)s >= sizeof stop_names / sizeof *stop_names)
		return "?";
	return stop_names[s];
}

void run_opts_default(run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->stall = 3;
}

/* What a capability is, in a sentence: "gd needs the gradient, which ...". */
static const char *cap_phrase(unsigned cap)
{
	switch (cap) {
	case PROB_VALUE:
		return "function values";
	case PROB_GRAD:
		return "the gradient";
	case PROB_HESS:
		return "the Hessian";
	case PROB_PROX:
		return "a proximal operator (a nonsmooth part)";
	case PROB_PROJ:
		return "a projection onto a feasible set";
	case PROB_LMO:
		return "a linear minimization oracle";
	case PROB_CONSTR:
		return "explicit constraints";
	case PROB_SUM:
		return "a finite-sum structure";
	case PROB_GAME:
		return "a split into players";
	case PROB_MIRROR:
		return "a mirror map";
	case PROB_BILEVEL:
		return "upper and lower levels";
	case PROB_TRANSPORT:
		return "an optimal-transport structure (marginals and costs)";
	case PROB_DENSITY:
		return "a target density (problem NAME = density(EXPR), or gaussian, banana, ...)";
	case PROB_POLICY:
		return "a policy problem (bandit, klbandit, chain, cliff, randmdp, lqr)";
	case PROB_LINSYS:
		return "a linear system A x = b (poisson, randspd, diagdom)";
	case PROB_MULTI:
		return "several objectives (objectives(F1, F2, ...), zdt1, schaffer, ...)";
	default:
		return prob_cap_name(cap);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* gnorm: the stationarity measure of the problem's kind (station.h) from the smooth
 * part's gradient, which the driver computes where the method did not keep it current;
 * such calls bypass the oracle, so they are not counted. The game methods keep the
 * operator residual in g; a method that knows its measure sets c->gnorm. NAN without
 * a gradient. */
static double trace_gnorm(run *r)
{
	const prob *p = r->p;
	if (!(p->caps & PROB_GRAD))
		return NAN;
	if (!r->c.g_valid)
		p->ops->grad(p->ctx, r->c.x, r->c.g);
	else if (!isnan(r->c.gnorm))
		return r->c.gnorm;
	return station_measure(r->st, r->c.x, r->c.g);
}

/* The objective the trace shows: F = f + g(x) for composite problems (methods keep
 * the smooth part's f in c->f); g is cheap next to f, and not counted. */
static double trace_f(const run *r)
{
	const prob_reg *g = r->p->g;
	return g ? r->c.f + g->value(g->ctx, r->c.x, r->p->n) : r->c.f;
}

static int count_extra(const meth *m);

static int record(run *r)
{
	const meth_ctx *c = &r->c;
	trace_row row = {
	    .iter = r->iter,
	    .f = trace_f(r),
	    .gnorm = trace_gnorm(r),
	    .step = r->iter ? c->step : 0,
	    .time = r->time,
	    .dist = prob_dist_to_sol(r->p, c->x),
	    .nf = r->o.nf,
	    .ng = r->o.ng,
	    .nh = r->o.nh,
	    .nprox = r->o.nprox,
	};
	int ne = r->nkeep;
	for (int k = 0; k < ne; k++)
		r->extra[k] = c->extra[r->keep[k]];
	if (r->ncomp) {
		r->fiter = c->held && r->iter > 0 ? r->fiter : r->iter;
		r->extra[ne++] = (double)c->ncg;
		r->extra[ne++] = (double)r->fiter;
	}
	for (int w = 0; w < r->nmult; w++) /* as the constraints were written */
		r->extra[ne + w] = c->mult[constr_written(r->p->constr, w, NULL)];
	if (r->nobj) /* for the trace, as g's value: not counted */
		multi_values(multi_of(r->p), c->x, r->extra + ne + r->nmult);
	if (trace_append(r->t, &row, c->x, r->extra, c->probes, c->nprobe)) {
		r->status = RUN_FAILED;
		snprintf(r->msg, sizeof r->msg, "out of memory for the trace at iteration %ld",
		         r->iter);
		return -1;
	}
	return 0;
}

/* ---- set up ---- */

static int check_params(const meth *m, const double *params, char *err, size_t cap)
{
	for (int i = 0; i < m->nparams; i++) {
		char why[200];
		if (param_check(&m->params[i], params[i], why, sizeof why)) {
			snprintf(err, cap, "%s: %s", m->name, why);
			return -1;
		}
	}
	return 0;
}

static int check_needs(const prob *p, const meth *m, char *err, size_t cap)
{
	unsigned missing = m->needs & ~p->caps;
	if ((p->caps & PROB_BILEVEL) && !(m->needs & PROB_BILEVEL)) { /* what is typed is solved */
		snprintf(err, cap, "%s would minimize the upper level alone; problem '%s' is bilevel: "
		         "use a method of the bilevel family (bilevelpenalty, lvhba, aid, itd, bome)",
		         m->name, p->name);
		return -1;
	}
	for (unsigned bit = 1; missing; bit <<= 1) {
		if (missing & bit) {
			snprintf(err, cap, "%s needs %s, which problem '%s' does not offer",
			         m->name, cap_phrase(bit), p->name);
			return -1;
		}
	}
	return 0;
}

static int count_extra(const meth *m)
{
	int k = 0;
	while (m->extra && m->extra[k] && k < METH_MAX_EXTRA)
		k++;
	return k;
}

/* The trace with the method's columns that apply to the problem (r->keep), ncg and fiter
 * with .components, then mult1 .. multm, then f1 .. fk. */
static trace *new_trace(run *r, int n, const meth *m, int nmult, int nobj)
{
	int ne = 0;
	const char *names[METH_MAX_EXTRA + 2 + 2 * CONSTR_MAX + MULTI_MAX];
	char buf[2 * CONSTR_MAX + MULTI_MAX][16];
	for (int k = 0; k < count_extra(m); k++)
		if (!m->extra_applies || m->extra_applies(r->p, k)) {
			r->keep[ne] = k;
			names[ne++] = m->extra[k];
		}
	r->nkeep = ne;
	r->ncomp = m->components ? 2 : 0;
	if (r->ncomp) {
		names[ne++] = "ncg";
		names[ne++] = "fiter";
	}
	for (int w = 0; w < nmult && w < 2 * CONSTR_MAX; w++) {
		snprintf(buf[w], sizeof buf[w], "mult%d", w + 1);
		names[ne + w] = buf[w];
	}
	for (int i = 0; i < nobj && i < MULTI_MAX; i++) {
		snprintf(buf[nmult + i], sizeof buf[nmult + i], "f%d", i + 1);
		names[ne + nmult + i] = buf[nmult + i];
	}
	return trace_new(n, ne + nmult + nobj, names);
}

run *run_new(const prob *p, const meth *m, const double *params, const double *x0,
             const run_opts *o, char *err, size_t cap)
{
	if (!p || !m) {
		snprintf(err, cap, "no problem or no method");
		return NULL;
	}
	if (check_needs(p, m, err, cap))
		return NULL;
	run *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	int n = p->n;
	r->p = p;
	r->m = m;
	if (o)
		r->opts = *o;
	else
		run_opts_default(&r->opts);
	r->params = calloc((size_t)m->nparams + 1, sizeof *r->params);
	r->c.x = malloc((size_t)n * sizeof *r->c.x);
	r->c.g = calloc((size_t)n, sizeof *r->c.g);
	r->xprev = malloc((size_t)n * sizeof *r->xprev);
	r->state = calloc(1, m->state_size ? m->state_size : 1);
	r->nmult = m->mults ? constr_count(p->constr) : 0;
	r->nobj = multi_of(p) ? multi_of(p)->k : 0;
	r->t = new_trace(r, n, m, r->nmult, r->nobj);
	r->st = station_new(p);
	r->extra = calloc((size_t)(count_extra(m) + 2 + r->nmult + r->nobj + 1), sizeof *r->extra);
	r->c.mult = calloc((size_t)r->nmult + 1, sizeof *r->c.mult);
	if (!r->params || !r->c.x || !r->c.g || !r->xprev || !r->state || !r->t || !r->st ||
	    !r->extra || !r->c.mult) {
		snprintf(err, cap, "out of memory");
		run_free(r);
		return NULL;
	}
	if (params)
		memcpy(r->params, params, (size_t)m->nparams * sizeof *params);
	else
		param_defaults(m->params, m->nparams, r->params);
	if (check_params(m, r->params, err, cap)) {
		run_free(r);
		return NULL;
	}
	memcpy(r->c.x, x0 ? x0 : p->x0, (size_t)n * sizeof *r->c.x);
	r->o.p = p;
	rng_seed(&r->rng, r->opts.seed);
	r->c.n = n;
	r->c.f = NAN;
	r->c.o = &r->o;
	r->c.param = r->params;
	r->c.rng = &r->rng;
	r->c.step = 0;
	r->c.gnorm = NAN;
	r->above = -1;
	for (int k = 0; k < r->nmult; k++)
		r->c.mult[k] = NAN;

	int st = m->init(r->state, &r->c); /* not timed: the time column counts steps only */
	r->state_live = 1;
	if (st == METH_FAILED || st == METH_NO_PROGRESS) {
		snprintf(err, cap, "%s", r->c.msg[0] ? r->c.msg : "the method could not start");
		run_free(r);
		return NULL;
	}
	if (isnan(r->c.f) && (p->caps & PROB_VALUE))
		r->c.f = p->ops->value(p->ctx, r->c.x); /* for the trace: not counted */
	r->status = RUN_RUNNING;
	if (record(r)) {
		snprintf(err, cap, "%s", r->msg);
		run_free(r);
		return NULL;
	}
	r->status = run_stop_start(r, st, trace_row_at(r->t, 0));
	return r;
}

void run_free(run *r)
{
	if (!r)
		return;
	if (r->state_live && r->m->free)
		r->m->free(r->state);
	free(r->state);
	free(r->params);
	free(r->c.x);
	free(r->c.g);
	free(r->c.mult);
	free(r->extra);
	free(r->c.probes);
	free(r->xprev);
	trace_free(r->t);
	station_free(r->st);
	free(r);
}

/* ---- stepping ---- */

static void step_once(run *r)
{
	meth_ctx *c = &r->c;
	int n = r->p->n;
	double fprev = trace_row_at(r->t, trace_len(r->t) - 1)->f;
	memcpy(r->xprev, c->x, (size_t)n * sizeof *c->x);
	c->nprobe = 0;
	c->moved = 0;
	c->held = 0;
	c->msg[0] = 0;
	c->step = NAN;
	c->gnorm = NAN;

	double t0 = now();
	int st = r->m->step(r->state, c);
	r->time += now() - t0;
	r->iter++;
	if (isnan(c->step)) { /* the method did not say: the length of the move */
		double s = 0;
		for (int i = 0; i < n; i++)
			s += (c->x[i] - r->xprev[i]) * (c->x[i] - r->xprev[i]);
		c->step = sqrt(s);
	}
	if (record(r))
		return;
	const trace_row *row = trace_row_at(r->t, trace_len(r->t) - 1);
	r->status = run_stop_test(r, st, row, fprev);
}

long run_step(run *r, long k, atomic_int *interrupt)
{
	long taken = 0;
	while (taken < k && r->status == RUN_RUNNING) {
		if (interrupt && *interrupt)
			break;
		step_once(r);
		taken++;
	}
	return taken;
}

void run_set_options(run *r, const run_opts *o)
{
	uint64_t seed = r->opts.seed;
	r->opts = *o;
	r->opts.seed = seed;
	if (run_stop_lifted(r)) {
		r->status = RUN_RUNNING;
		r->msg[0] = 0;
	}
}

enum run_stop run_status(const run *r)
{
	return r->status;
}
const char *run_message(const run *r)
{
	return r->msg;
}
const trace *run_trace(const run *r)
{
	return r->t;
}
const prob *run_prob(const run *r)
{
	return r->p;
}
const meth *run_meth(const run *r)
{
	return r->m;
}
const double *run_params(const run *r)
{
	return r->params;
}
const void *run_state(const run *r)
{
	return r->state;
}

const run_opts *run_options(const run *r)
{
	return &r->opts;
}
long run_iter(const run *r)
{
	return r->iter;
}
const double *run_x(const run *r)
{
	return r->c.x;
}
double run_f(const run *r)
{
	return trace_row_at(r->t, trace_len(r->t) - 1)->f;
}

int run_set_param(run *r, const char *name, double v, char *err, size_t cap)
{
	const meth *m = r->m;
	int k = param_find(m->params, m->nparams, name);
	char why[200];
	if (k < 0) {
		snprintf(err, cap, "%s has no parameter '%s'", m->name, name);
		return -1;
	}
	/* sizes and choices shape the state init allocated: they stay */
	if (m->params[k].integer || m->params[k].choices) {
		snprintf(err, cap, "%s: %s is fixed when the run starts", m->name, name);
		return -1;
	}
	if (param_check(&m->params[k], v, why, sizeof why)) {
		snprintf(err, cap, "%s: %s", m->name, why);
		return -1;
	}
	r->params[k] = v;
	return 0;
}
