/* campaign: every (problem, seed, method) case of a benchmark run until a condition,
 * one CSV row per case. Rows are published in case order as soon as they and every
 * case before them are done, each by one write on a file opened for appending, so
 * an interrupted file holds a prefix of whole rows (a torn last line is cut off on
 * resume) and the finished file does not depend on the thread or rank count.
 *
 * Ownership: camp_spec owns its problems (camp_spec_free); camp_run borrows it. */
#ifndef OPTLAB_CAMPAIGN_H
#define OPTLAB_CAMPAIGN_H

#include <stdatomic.h>
#include <stddef.h>

#include "cond.h"
#include "optlab.h"

#define CAMP_MAX_CASES 1000000
#define CAMP_ROW_MAX 1024 /* bytes a row takes at most */
#define CAMP_HEADER "method,problem,seed,n,f,fstar,fgap,nf,ng,nh,time,iters,met,stop"

typedef struct camp_method {
	char label[64]; /* as typed: lbfgs, gd(step = 0.01), a solver's name */
	const meth *m;
	double params[PARAM_MAX];
} camp_method;

typedef struct camp_problem {
	char label[64]; /* mgh7, rosenbrock(n = 10), a workspace problem's name */
	prob *p;        /* owned */
} camp_problem;

typedef struct camp_spec {
	camp_method *meths;
	int nmeth;
	camp_problem *probs;
	int nprob;
	long seed0, seed1;  /* seeds seed0 .. seed1 */
	double radius;      /* 0: the default start; else random(radius) about it */
	const cond *c;      /* borrowed; read only by the workers */
	long max;           /* iterations a case at most */
	long evals;         /* value + gradient calls a case at most (0: no budget) */
	run_opts opts;
	int threads;        /* 0: every core */
	atomic_int *interrupt;
	void (*progress)(void *ctx, int finished, int ncases);
	void *progress_ctx;
} camp_spec;

void camp_spec_free(camp_spec *sp);
long camp_ncases(const camp_spec *sp);
int camp_case_problem(const camp_spec *sp, long i); /* the problem case i runs on */
/* Case i's row (no newline) into row: a fresh run of its method on prob (a copy of
 * its problem that the caller's thread owns). Sets *stopped when the interrupt cut
 * the case short (the row is then not to be published). */
void camp_case(const camp_spec *sp, long i, const prob *p, char *row, size_t cap,
               int *stopped);
/* The start of case (problem k, seed) into x (n values): the default start, or a
 * seeded uniform draw in the box x0 +- radius (1 + |x0|) the same for every method. */
void camp_start(const camp_spec *sp, int k, long seed, double *x);

/* Writes "# optlab campaign: TEXT" and the header to path (atomically: aside, then
 * renamed). 0, or -1 with a message. */
int camp_file_new(const char *path, const char *text, char *err, size_t cap);
/* Reads a campaign file: its definition line (malloc'd into *text) and the number of
 * whole rows; cuts a torn last row off the file. 0, or -1 with a message. */
int camp_file_open(const char *path, char **text, long *rows, char *err, size_t cap);
/* The ordered publisher: rows of cases first .. n-1 appended to path in case order as
 * soon as each one and every one before it are in. Not locked: one caller at a time. */
typedef struct camp_writer camp_writer;
camp_writer *camp_writer_open(const char *path, long first, long n, char *err, size_t cap);
/* Case i's row (taken; CAMP_ROW_MAX + 2 bytes, no newline), or NULL: not done. */
void camp_writer_put(camp_writer *w, long i, char *row);
/* Frees w: the cases now in the file, or -1 with a message (a failed write). */
long camp_writer_close(camp_writer *w, char *err, size_t cap);
/* Case i's row (malloc'd for camp_writer_put) or NULL when interrupted. */
char *camp_case_row(const camp_spec *sp, long i, const prob *p);

/* Runs cases first .. ncases-1 on the thread pool, appending rows to path in order.
 * Returns the cases now in the file, or -1 with a message. */
long camp_run(const camp_spec *sp, long first, const char *path, char *err, size_t cap);

#endif
