/* campaign: a benchmark's cases on the thread pool, rows published in order. */
#include "campaign.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pool.h"

void camp_spec_free(camp_spec *sp)
{
	for (int k = 0; k < sp->nprob; k++)
		prob_free(sp->probs[k].p);
	free(sp->probs);
	free(sp->meths);
	sp->probs = NULL, sp->meths = NULL;
	sp->nprob = sp->nmeth = 0;
}

long camp_ncases(const camp_spec *sp)
{
	return (long)sp->nprob * (sp->seed1 - sp->seed0 + 1) * sp->nmeth;
}

/* ORDER: case i is problem-major, then seed, then method (a prefix of the file holds
 * whole comparisons of the methods on one instance). */
static void decode(const camp_spec *sp, long i, int *k, long *seed, int *mi)
{
	long nseed = sp->seed1 - sp->seed0 + 1;
	*mi = (int)(i % sp->nmeth);
	*seed = sp->seed0 + (i / sp->nmeth) % nseed;
	*k = (int)(i / ((long)sp->nmeth * nseed));
}

int camp_case_problem(const camp_spec *sp, long i)
{
	int k, mi;
	long seed;
	decode(sp, i, &k, &seed, &mi);
	return k;
}

void camp_start(const camp_spec *sp, int k, long seed, double *x)
{
	const prob *p = sp->probs[k].p;
	rng r;
	rng_seed(&r, (uint64_t)seed * 0x9E3779B97F4A7C15u + (uint64_t)k + 1);
	for (int i = 0; i < p->n; i++) {
		double u = sp->radius > 0 ? 2 * rng_uniform(&r) - 1 : 0;
		x[i] = p->x0[i] + sp->radius * (1 + fabs(p->x0[i])) * u;
	}
}

/* A CSV field: quoted when it holds a comma or a quote. */
static int field(char *out, size_t cap, const char *s)
{
	if (!strpbrk(s, ",\"\n"))
		return snprintf(out, cap, "%s", s);
	size_t j = 0;
	if (j < cap)
		out[j++] = '"';
	for (; *s && j + 3 < cap; s++) {
		if (*s == '"')
			out[j++] = '"';
		out[j++] = *s == '\n' ? ' ' : *s;
	}
	out[j++] = '"';
	out[j] = 0;
	return (int)j;
}

void camp_case(const camp_spec *sp, long i, const prob *p, char *row, size_t cap,
               int *stopped)
{
	int k, mi;
	long seed;
	decode(sp, i, &k, &seed, &mi);
	const camp_method *m = &sp->meths[mi];
	*stopped = 0;
	char mf[160], pf[160];
	field(mf, sizeof mf, m->label);
	field(pf, sizeof pf, sp->probs[k].label);
	double *x = malloc((size_t)p->n * sizeof *x);
	char err[256] = "out of memory";
	run_opts o = sp->opts;
	o.seed = (uint64_t)seed;
	run *r = NULL;
	if (x) {
		camp_start(sp, k, seed, x);
		r = run_new(p, m->m, m->params, x, &o, err, sizeof err);
	}
	free(x);
	if (!r) { /* the method refuses the problem: a row that says so, never solved */
		snprintf(row, cap, "%s,%s,%ld,%d,nan,%.17g,nan,0,0,0,0,0,0,refused", mf, pf, seed,
		         p->n, p->fstar);
		return;
	}
	long steps = 0;
	int met = cond_eval(sp->c, r), budget = 0;
	const trace *t = run_trace(r);
	while (!met && steps < sp->max && run_status(r) == RUN_RUNNING) {
		if (sp->interrupt && *sp->interrupt)
			break;
		if (run_step(r, 1, sp->interrupt) == 0)
			break;
		steps++;
		met = cond_eval(sp->c, r);
		const trace_row *tr = trace_row_at(t, trace_len(t) - 1);
		if (!met && sp->evals > 0 && tr->nf + tr->ng >= sp->evals) {
			budget = 1;
			break;
		}
	}
	const char *stop = met ? "met" : budget ? "evals" : steps >= sp->max ? "max"
	                                                 : run_stop_name(run_status(r));
	if (!met && !budget && steps < sp->max && run_status(r) == RUN_RUNNING)
		*stopped = 1; /* interrupted: not a result */
	const trace_row *tr = trace_row_at(t, trace_len(t) - 1);
	double f = run_f(r), gap = isnan(p->fstar) ? NAN : f - p->fstar;
	snprintf(row, cap, "%s,%s,%ld,%d,%.17g,%.17g,%.17g,%ld,%ld,%ld,%.6g,%ld,%d,%s", mf, pf,
	         seed, p->n, f, p->fstar, gap, tr->nf, tr->ng, tr->nh, tr->time, run_iter(r), met,
	         stop);
	run_free(r);
}

int camp_file_new(const char *path, const char *text, char *err, size_t cap)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "# optlab campaign: %s\n%s\n", text, CAMP_HEADER);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

int camp_file_open(const char *path, char **text, long *rows, char *err, size_t cap)
{
	*text = NULL;
	*rows = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	static const char tag[] = "# optlab campaign: ";
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	long whole = 0, lineno = 0; /* bytes of whole lines */
	int rc = 0;
	while ((len = getline(&line, &lcap, f)) > 0) {
		lineno++;
		if (line[len - 1] != '\n')
			break; /* torn: the process stopped inside this write */
		if (lineno == 1) {
			if (strncmp(line, tag, sizeof tag - 1) != 0) {
				rc = -1;
				break;
			}
			line[len - 1] = 0;
			*text = strdup(line + sizeof tag - 1);
		} else if (lineno == 2) {
			if (strncmp(line, CAMP_HEADER "\n", (size_t)len) != 0) {
				rc = -1;
				break;
			}
		} else {
			(*rows)++;
		}
		whole += len;
	}
	free(line);
	fclose(f);
	if (rc != 0 || !*text || lineno < 2) {
		free(*text);
		*text = NULL;
		snprintf(err, cap, "%s is not a campaign's results file", path);
		return -1;
	}
	if (truncate(path, whole) != 0) {
		snprintf(err, cap, "cannot cut the torn last row of %s: %s", path, strerror(errno));
		free(*text);
		*text = NULL;
		return -1;
	}
	return 0;
}

struct camp_writer {
	long first, n, next; /* cases first .. n-1; the next to write */
	char **rows;         /* finished rows waiting for their turn */
	unsigned char *st;   /* 0 waiting, 1 done, 2 not done (interrupted) */
	int fd, werr;
	const char *path;
};

camp_writer *camp_writer_open(const char *path, long first, long n, char *err, size_t cap)
{
	camp_writer *w = calloc(1, sizeof *w);
	if (w) {
		*w = (camp_writer){first, n, first, NULL, NULL, -1, 0, path};
		w->rows = calloc((size_t)(n - first) + 1, sizeof *w->rows);
		w->st = calloc((size_t)(n - first) + 1, 1);
	}
	if (!w || !w->rows || !w->st) {
		snprintf(err, cap, "out of memory");
		camp_writer_close(w, NULL, 0);
		return NULL;
	}
	if ((w->fd = open(path, O_WRONLY | O_APPEND)) < 0) {
		snprintf(err, cap, "cannot append to %s: %s", path, strerror(errno));
		camp_writer_close(w, NULL, 0);
		return NULL;
	}
	return w;
}

void camp_writer_put(camp_writer *w, long i, char *row)
{
	w->rows[i - w->first] = row;
	w->st[i - w->first] = row ? 1 : 2;
	while (w->next < w->n && w->st[w->next - w->first] == 1) {
		char *r = w->rows[w->next - w->first];
		size_t len = strlen(r);
		r[len] = '\n'; /* one write a row: a kill leaves whole rows and at most one torn */
		if (!w->werr && write(w->fd, r, len + 1) != (ssize_t)(len + 1))
			w->werr = errno ? errno : EIO;
		free(r);
		w->rows[w->next - w->first] = NULL;
		w->next++;
	}
}

long camp_writer_close(camp_writer *w, char *err, size_t cap)
{
	if (!w)
		return -1;
	long done = w->werr ? -1 : w->next;
	if (w->werr && err)
		snprintf(err, cap, "cannot write %s: %s", w->path, strerror(w->werr));
	if (w->fd >= 0)
		close(w->fd);
	for (long j = 0; w->rows && j < w->n - w->first; j++)
		free(w->rows[j]);
	free(w->rows);
	free(w->st);
	free(w);
	return done;
}

/* A finished case's row, CAMP_ROW_MAX + 1 bytes (room for the newline), or NULL
 * when interrupted or out of memory. */
char *camp_case_row(const camp_spec *sp, long i, const prob *p)
{
	char *row = malloc(CAMP_ROW_MAX + 2);
	int stopped = 1;
	if (row && p)
		camp_case(sp, i, p, row, CAMP_ROW_MAX, &stopped);
	if (stopped) {
		free(row);
		return NULL;
	}
	return row;
}

typedef struct camp_ctx {
	const camp_spec *sp;
	long first;
	camp_writer *w;
	pthread_mutex_t mu;
	prob **copies; /* worker w's copy of problem k: copies[w * nprob + k] */
} camp_ctx;

static void task(void *ctx, int w, int j)
{
	camp_ctx *c = ctx;
	long i = c->first + j;
	int k, mi;
	long seed;
	decode(c->sp, i, &k, &seed, &mi);
	prob **pp = &c->copies[(size_t)w * c->sp->nprob + k];
	if (!*pp)
		*pp = prob_clone(c->sp->probs[k].p);
	char *row = camp_case_row(c->sp, i, *pp);
	pthread_mutex_lock(&c->mu);
	camp_writer_put(c->w, i, row);
	pthread_mutex_unlock(&c->mu);
}

long camp_run(const camp_spec *sp, long first, const char *path, char *err, size_t cap)
{
	long n = camp_ncases(sp);
	if (first >= n)
		return n;
	int nt = pool_threads(sp->threads, (int)(n - first));
	camp_ctx c = {.sp = sp, .first = first};
	c.copies = calloc((size_t)nt * (size_t)sp->nprob, sizeof *c.copies);
	if (!c.copies) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	if (!(c.w = camp_writer_open(path, first, n, err, cap))) {
		free(c.copies);
		return -1;
	}
	pthread_mutex_init(&c.mu, NULL);
	/* tracelimit bounds the campaign's memory in total: nt runs live at once */
	camp_spec shared = *sp;
	if (shared.opts.tracelimit > 0)
		shared.opts.tracelimit /= nt;
	c.sp = &shared;
	pool_job pj = {.ntasks = (int)(n - first), .threads = nt, .task = task, .ctx = &c,
	               .interrupt = sp->interrupt, .progress = sp->progress,
	               .progress_ctx = sp->progress_ctx};
	int rc = pool_run(&pj);
	pthread_mutex_destroy(&c.mu);
	long done = camp_writer_close(c.w, err, cap);
	if (rc != 0) {
		snprintf(err, cap, "out of memory");
		done = -1;
	}
	for (size_t w = 0; w < (size_t)nt * (size_t)sp->nprob; w++)
		prob_free(c.copies[w]);
	free(c.copies);
	return done;
}
