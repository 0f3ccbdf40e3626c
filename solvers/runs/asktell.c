/* asktell: the method in a worker thread; the problem's value oracle hands each
 * point to the caller and waits for its value. */
#include "asktell.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who holds the turn: the worker computing, or the caller answering. */
enum askt_turn { T_WORKER, T_CALLER_ASKED, T_CALLER_DONE };

struct askt {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	enum askt_turn turn;
	atomic_int cancel; /* askt_free: values are NaN from here on and the worker ends */
	int n;
	double *point; /* the asked point */
	double value;
	prob *p;
	run *r;
	const meth *m;
	double *params, *x0;
	run_opts o;
	char err[256];
};

/* Hands the turn to the other side and waits for it back (mu held). */
static void pass(askt *a, enum askt_turn give, int (*back)(const askt *))
{
	a->turn = give;
	pthread_cond_broadcast(&a->cv);
	while (!back(a))
		pthread_cond_wait(&a->cv, &a->mu);
}

static int worker_turn(const askt *a)
{
	return a->turn == T_WORKER || atomic_load(&a->cancel);
}

static int caller_turn(const askt *a)
{
	return a->turn != T_WORKER;
}

static double at_value(void *ctx, const double *x)
{
	askt *a = ctx;
	if (atomic_load(&a->cancel))
		return NAN;
	pthread_mutex_lock(&a->mu);
	memcpy(a->point, x, (size_t)a->n * sizeof *x);
	pass(a, T_CALLER_ASKED, worker_turn);
	double f = atomic_load(&a->cancel) ? NAN : a->value;
	pthread_mutex_unlock(&a->mu);
	return f;
}

static void at_batch(void *ctx, int k, const double *const *cols, const int *strides,
                     double *out)
{
	askt *a = ctx;
	prob_batch_each(at_value, ctx, a->n, k, cols, strides, out);
}

/* The problem does not own the context: askt_free frees it. */
static const prob_ops askt_ops = {.value = at_value, .batch = at_batch};

static void *worker(void *arg)
{
	askt *a = arg;
	a->r = run_new(a->p, a->m, a->params, a->x0, &a->o, a->err, sizeof a->err);
	while (a->r && run_status(a->r) == RUN_RUNNING && !atomic_load(&a->cancel))
		run_step(a->r, 1, &a->cancel);
	pthread_mutex_lock(&a->mu);
	a->turn = T_CALLER_DONE;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

static void askt_release(askt *a)
{
	run_free(a->r);
	prob_free(a->p);
	free(a->point);
	free(a->params);
	free(a->x0);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a);
}

askt *askt_new(const meth *m, int n, const double *params, const double *x0,
               const run_opts *o, char *err, size_t cap)
{
	if (!m || n < 1 || !x0) {
		snprintf(err, cap, "ask/tell needs a method, n >= 1 and a start");
		return NULL;
	}
	if (m->needs & ~(unsigned)PROB_VALUE) {
		snprintf(err, cap, "%s needs more than values: ask/tell drives values-only methods "
		         "(the derivative-free family)", m->name);
		return NULL;
	}
	askt *a = calloc(1, sizeof *a);
	if (!a) {
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	a->n = n, a->m = m, a->turn = T_WORKER;
	if (o)
		a->o = *o;
	else
		run_opts_default(&a->o);
	a->point = malloc((size_t)n * sizeof *a->point);
	a->x0 = malloc((size_t)n * sizeof *a->x0);
	a->params = params ? malloc(((size_t)m->nparams + 1) * sizeof *a->params) : NULL;
	a->p = prob_new("asktell", n, PROB_VALUE, &askt_ops, NULL);
	if (!a->point || !a->x0 || (params && !a->params) || !a->p) {
		askt_release(a);
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	a->p->ctx = a; /* after prob_new: the problem must not free it */
	memcpy(a->x0, x0, (size_t)n * sizeof *x0);
	if (params)
		memcpy(a->params, params, (size_t)m->nparams * sizeof *params);
	if (pthread_create(&a->th, NULL, worker, a) != 0) {
		askt_release(a);
		snprintf(err, cap, "cannot start the run's thread");
		return NULL;
	}
	/* run_new asks for its first values, or refuses */
	pthread_mutex_lock(&a->mu);
	while (!caller_turn(a))
		pthread_cond_wait(&a->cv, &a->mu);
	int refused = a->turn == T_CALLER_DONE && !a->r;
	pthread_mutex_unlock(&a->mu);
	if (refused) {
		pthread_join(a->th, NULL);
		snprintf(err, cap, "%s", a->err);
		askt_release(a);
		return NULL;
	}
	return a;
}

const double *askt_ask(askt *a)
{
	pthread_mutex_lock(&a->mu);
	while (!caller_turn(a))
		pthread_cond_wait(&a->cv, &a->mu);
	enum askt_turn t = a->turn;
	pthread_mutex_unlock(&a->mu);
	return t == T_CALLER_ASKED ? a->point : NULL;
}

void askt_tell(askt *a, double f)
{
	pthread_mutex_lock(&a->mu);
	if (a->turn == T_CALLER_ASKED) {
		a->value = f;
		a->turn = T_WORKER;
		pthread_cond_broadcast(&a->cv);
		/* wait until the worker asks again or stops: the run is then quiet to read */
		while (!caller_turn(a))
			pthread_cond_wait(&a->cv, &a->mu);
	}
	pthread_mutex_unlock(&a->mu);
}

run *askt_run(askt *a)
{
	return a->r;
}

void askt_free(askt *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	atomic_store(&a->cancel, 1);
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->th, NULL);
	askt_release(a);
}
