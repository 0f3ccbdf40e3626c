/* pool: tasks on a pool of threads. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct pool {
	const pool_job *j;
	atomic_int next;     /* the next task to take */
	atomic_int finished; /* tasks done */
	atomic_int active;   /* workers still working */
} pool;

typedef struct worker {
	pool *pl;
	int id;
} worker;

int pool_threads(int threads, int ntasks)
{
	int t = threads;
	if (t <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		t = cores < 1 ? 1 : cores > POOL_MAX_THREADS ? POOL_MAX_THREADS : (int)cores;
	}
	if (t > ntasks)
		t = ntasks;
	return t < 1 ? 1 : t;
}

static void *work(void *arg)
{
	worker *w = arg;
	const pool_job *j = w->pl->j;
	for (;;) {
		int i = atomic_fetch_add(&w->pl->next, 1);
		if (i >= j->ntasks || (j->interrupt && *j->interrupt))
			break;
		j->task(j->ctx, w->id, i);
		atomic_fetch_add(&w->pl->finished, 1);
	}
	atomic_fetch_sub(&w->pl->active, 1);
	return NULL;
}

int pool_run(const pool_job *j)
{
	int nt = pool_threads(j->threads, j->ntasks);
	pool pl = {.j = j};
	atomic_init(&pl.next, 0);
	atomic_init(&pl.finished, 0);
	atomic_init(&pl.active, 1);
	worker *w = calloc((size_t)nt, sizeof *w);
	pthread_t *tid = calloc((size_t)nt, sizeof *tid);
	if (!w || !tid) {
		free(w);
		free(tid);
		return -1;
	}
	for (int t = 0; t < nt; t++)
		w[t] = (worker){&pl, t};
	int started = 0;
	if (nt > 1 || j->progress) {
		atomic_store(&pl.active, nt);
		for (; started < nt; started++)
			if (pthread_create(&tid[started], NULL, work, &w[started]) != 0)
				break;
		atomic_fetch_sub(&pl.active, nt - started); /* the workers that never started */
	}
	if (started == 0) {
		atomic_store(&pl.active, 1);
		work(&w[0]); /* one thread, or none to be had: this one does it all */
	}
	/* the calling thread reports progress while the workers run */
	while (j->progress && started > 0 && atomic_load(&pl.active) > 0) {
		j->progress(j->progress_ctx, atomic_load(&pl.finished), j->ntasks);
		nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	free(w);
	free(tid);
	return 0;
}
