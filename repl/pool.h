/* pool: N tasks on a pool of threads, each task taken by the next free worker (dynamic
 * scheduling). Tasks write only their own results, so what they compute does not depend
 * on the thread count; a task that must publish in order does so under its own lock.
 *
 * Ownership: pool_run borrows the job. */
#ifndef OPTLAB_POOL_H
#define OPTLAB_POOL_H

#include <stdatomic.h>

#define POOL_MAX_THREADS 256

typedef struct pool_job {
	int ntasks;
	int threads; /* 0: min(online cores, ntasks) */
	/* task i on worker w (0 .. threads-1), on that worker's thread */
	void (*task)(void *ctx, int worker, int i);
	void *ctx;
	atomic_int *interrupt; /* non-zero: no further task starts (a signal handler may set it) */
	/* or NULL; else called on the calling thread about ten times a second while the
	 * workers run, with the tasks finished so far */
	void (*progress)(void *pctx, int finished, int ntasks);
	void *progress_ctx;
} pool_job;

/* The threads a job uses: its own count or the online cores, at most ntasks, at least 1. */
int pool_threads(int threads, int ntasks);
/* Runs the tasks (on the calling thread alone when one thread is asked for, or when no
 * thread can be started). 0, or -1 without memory. */
int pool_run(const pool_job *j);

#endif
