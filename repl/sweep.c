/* sweep: a grid of runs of one method on a pool of threads. */
#include "sweep.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct pool {
	const sweep_job *j;
	sweep_point *out;
	atomic_int next;     /* the next point to take */
	atomic_int finished; /* points done */
	atomic_int active;   /* workers still working */
} pool;

typedef struct worker {
	pool *pl;
	const prob *p; /* this worker's own copy (or the original, alone) */
} worker;

int sweep_threads(const sweep_job *j)
{
	int t = j->threads;
	if (t <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		t = cores < 1 ? 1 : cores > SWEEP_MAX_THREADS ? SWEEP_MAX_THREADS : (int)cores;
	}
	if (t > j->npts)
		t = j->npts;
	return t < 1 ? 1 : t;
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
	o->stop = run_status(r);
	o->done = met || steps >= j->max || run_status(r) != RUN_RUNNING;
	run_free(r);
}

static void *work(void *arg)
{
	worker *w = arg;
	const sweep_job *j = w->pl->j;
	for (;;) {
		int i = atomic_fetch_add(&w->pl->next, 1);
		if (i >= j->npts || *j->interrupt)
			break;
		point(j, w->p, i, &w->pl->out[i]);
		atomic_fetch_add(&w->pl->finished, 1);
	}
	atomic_fetch_sub(&w->pl->active, 1);
	return NULL;
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
	pool pl = {.j = j, .out = out};
	atomic_init(&pl.next, 0);
	atomic_init(&pl.finished, 0);
	atomic_init(&pl.active, 0);
	worker *w = calloc((size_t)nt, sizeof *w);
	pthread_t *tid = calloc((size_t)nt, sizeof *tid);
	int rc = 0, started = 0;
	if (!w || !tid) {
		snprintf(err, cap, "out of memory");
		rc = -1;
		goto out;
	}
	for (int t = 0; t < nt; t++) {
		w[t].pl = &pl;
		prob *q = prob_clone(j->p); /* the tape's scratch and a problem's ctx are per copy */
		if (!q) { /* no copy to be had: one thread, on the problem itself */
			for (int u = 0; u < t; u++) {
				prob_free((prob *)w[u].p);
				w[u].p = NULL;
			}
			w[0].p = j->p;
			nt = 1;
			break;
		}
		w[t].p = q;
	}
	if (nt == 1 && !j->progress) {
		atomic_store(&pl.active, 1);
		work(&w[0]);
		goto out;
	}
	atomic_store(&pl.active, nt);
	for (; started < nt; started++)
		if (pthread_create(&tid[started], NULL, work, &w[started]) != 0)
			break;
	atomic_fetch_sub(&pl.active, nt - started); /* the workers that never started */
	if (started == 0) {
		atomic_store(&pl.active, 1);
		work(&w[0]); /* no thread to be had: this one does it all */
	}
	/* the calling thread reports progress while the workers run */
	while (j->progress && started > 0 && atomic_load(&pl.active) > 0) {
		j->progress(j->progress_ctx, atomic_load(&pl.finished), j->npts);
		nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
out:
	for (int t = 0; w && t < nt; t++)
		if (w[t].p != j->p)
			prob_free((prob *)w[t].p);
	free(w);
	free(tid);
	return rc;
}
