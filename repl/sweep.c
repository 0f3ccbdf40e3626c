/* sweep: a grid of runs of one method on a pool of threads. */
#include "sweep.h"

#include "pool.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct swctx {
	const sweep_job *j;
	sweep_point *out;
	const prob **p; /* each worker's own copy (or the original, alone) */
} swctx;

int sweep_threads(const sweep_job *j)
{
	return pool_threads(j->threads, j->npts);
}

/* One point: a fresh run stepped until the condition, max, a stop or an interrupt. */
static void point(const sweep_job *j, const prob *p, int i, sweep_point *o)
{
	double par[PARAM_MAX];
	memcpy(par, j->params, (size_t)j->m->nparams * sizeof *par);
	par[j->k] = j->grid[i];
	if (j->grid2)
		par[j->k2] = j->grid2[i];
	o->fgap = o->f = o->f0 = o->gnorm0 = o->flast = o->gnormlast = NAN;
	run *r = run_new(p, j->m, par, j->x0, &j->opts, o->err, sizeof o->err);
	if (!r) {
		o->done = 1;
		o->stop = RUN_FAILED;
		return;
	}
	o->f0 = trace_row_at(run_trace(r), 0)->f;
	o->gnorm0 = trace_row_at(run_trace(r), 0)->gnorm;
	long steps = 0;
	int met = cond_eval(j->c, r);
	while (!met && steps < j->max && run_status(r) == RUN_RUNNING && !*j->interrupt) {
		if (run_step(r, 1, j->interrupt) == 0)
			break;
		steps++;
		met = cond_eval(j->c, r);
	}
	o->met = met;
	o->iters = run_iter(r);
	o->f = run_f(r);
	const trace *t = run_trace(r);
	long kl = trace_len(t) - 1;
	while (kl > 0 && !isfinite(trace_row_at(t, kl)->f))
		kl--;
	o->klast = kl;
	o->flast = trace_row_at(t, kl)->f;
	o->gnormlast = trace_row_at(t, kl)->gnorm;
	o->fgap = isnan(p->fstar) ? NAN : o->f - p->fstar;
	int c1 = trace_extra_find(t, "f1");
	o->nobj = c1 >= 0 && multi_of(p) ? multi_of(p)->k : 0;
	for (int w = 0; w < o->nobj; w++)
		o->obj[w] = trace_extra(t, trace_len(t) - 1, c1 + w);
	o->stop = run_status(r);
	o->done = met || steps >= j->max || run_status(r) != RUN_RUNNING;
	run_free(r);
}

static void task(void *ctx, int w, int i)
{
	swctx *c = ctx;
	point(c->j, c->p[w], i, &c->out[i]);
}

int sweep_run(const sweep_job *j, sweep_point *out, char *err, size_t cap)
{
	int nt = sweep_threads(j);
	memset(out, 0, (size_t)j->npts * sizeof *out);
	for (int i = 0; i < j->npts; i++) {
		out[i].value = j->grid[i];
		out[i].value2 = j->grid2 ? j->grid2[i] : NAN;
	}
	/* tracelimit bounds the sweep's memory in total: nt runs live at once */
	sweep_job shared = *j;
	if (shared.opts.tracelimit > 0)
		shared.opts.tracelimit /= nt;
	j = &shared;
	const prob **p = calloc((size_t)nt, sizeof *p);
	if (!p) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	for (int t = 0; t < nt; t++) {
		prob *q = prob_clone(j->p); /* the tape's scratch and a problem's ctx are per copy */
		if (!q) { /* no copy to be had: one thread, on the problem itself */
			for (int u = 0; u < t; u++)
				prob_free((prob *)p[u]);
			p[0] = j->p;
			nt = 1;
			break;
		}
		p[t] = q;
	}
	swctx c = {j, out, p};
	pool_job pj = {.ntasks = j->npts, .threads = nt, .task = task, .ctx = &c,
	               .interrupt = j->interrupt, .progress = j->progress,
	               .progress_ctx = j->progress_ctx};
	int rc = pool_run(&pj);
	if (rc != 0)
		snprintf(err, cap, "out of memory");
	for (int t = 0; t < nt; t++)
		if (p[t] != j->p)
			prob_free((prob *)p[t]);
	free(p);
	return rc;
}
