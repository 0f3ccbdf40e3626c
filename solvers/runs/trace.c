/* trace: growable arrays, one entry per row: the row, the kept coordinates of
 * the iterate, the extra columns, and a slice of the probe array. */
#include "trace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_MAX_EXTRA 160 /* a method's columns and every multiplier (2 CONSTR_MAX) */

struct trace {
	int n, nx, nextra;
	char *names[TRACE_MAX_EXTRA];
	long len, cap;
	trace_row *rows;
	double *x;      /* cap x nx */
	double *extra;  /* cap x nextra */
	long *probe_at; /* cap + 1: the probes of row i are [probe_at[i], probe_at[i+1]) */
	double *probes; /* probe_cap x nx */
	long nprobe, probe_cap;
};

static char *dup_str(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);
	if (d)
		memcpy(d, s, len);
	return d;
}

trace *trace_new(int n, int nextra, const char *const *extra_names)
{
	if (n < 1 || nextra < 0 || nextra > TRACE_MAX_EXTRA)
		return NULL;
	trace *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->n = n;
	t->nx = n <= TRACE_MAX_FULL ? n : 2;
	t->nextra = nextra;
	for (int k = 0; k < nextra; k++) {
		t->names[k] = dup_str(extra_names && extra_names[k] ? extra_names[k] : "extra");
		if (!t->names[k]) {
			trace_free(t);
			return NULL;
		}
	}
	t->probe_at = calloc(1, sizeof *t->probe_at);
	if (!t->probe_at) {
		trace_free(t);
		return NULL;
	}
	return t;
}

void trace_free(trace *t)
{
	if (!t)
		return;
	for (int k = 0; k < t->nextra; k++)
		free(t->names[k]);
	free(t->rows);
	free(t->x);
	free(t->extra);
	free(t->probe_at);
	free(t->probes);
	free(t);
}

/* Grows one array to cap elements of size sz; the old block stays on failure. */
static int grow(void **p, long cap, size_t sz)
{
	if (sz == 0)
		return 0;
	void *q = realloc(*p, (size_t)cap * sz);
	if (!q)
		return -1;
	*p = q;
	return 0;
}

static int reserve_rows(trace *t)
{
	if (t->len < t->cap)
		return 0;
	long cap = t->cap ? 2 * t->cap : 64;
	if (grow((void **)&t->rows, cap, sizeof *t->rows) ||
	    grow((void **)&t->x, cap, (size_t)t->nx * sizeof *t->x) ||
	    grow((void **)&t->extra, cap, (size_t)t->nextra * sizeof *t->extra) ||
	    grow((void **)&t->probe_at, cap + 1, sizeof *t->probe_at))
		return -1;
	t->cap = cap;
	return 0;
}

static int reserve_probes(trace *t, long need)
{
	if (need <= t->probe_cap)
		return 0;
	long cap = t->probe_cap ? t->probe_cap : 64;
	while (cap < need)
		cap *= 2;
	if (grow((void **)&t->probes, cap, (size_t)t->nx * sizeof *t->probes))
		return -1;
	t->probe_cap = cap;
	return 0;
}

int trace_append(trace *t, const trace_row *row, const double *x, const double *extra,
                 const double *probes, int nprobe)
{
	if (nprobe < 0 || (nprobe > 0 && !probes))
		return -1;
	if (reserve_rows(t) || reserve_probes(t, t->nprobe + nprobe))
		return -1;
	long i = t->len;
	t->rows[i] = *row;
	memcpy(t->x + i * t->nx, x, (size_t)t->nx * sizeof *x);
	for (int k = 0; k < t->nextra; k++)
		t->extra[i * t->nextra + k] = extra ? extra[k] : 0;
	if (nprobe > 0)
		memcpy(t->probes + t->nprobe * t->nx, probes,
		       (size_t)nprobe * (size_t)t->nx * sizeof *probes);
	t->nprobe += nprobe;
	t->probe_at[i + 1] = t->nprobe;
	t->len++;
	return 0;
}

int trace_extra_find(const trace *t, const char *name)
{
	for (int k = 0; name && k < t->nextra; k++)
		if (strcmp(t->names[k], name) == 0)
			return k;
	return -1;
}

double trace_epoch(const trace *t, long i)
{
	if (i < 0 || i >= t->len)
		return NAN;
	int k = trace_extra_find(t, "epoch");
	return k >= 0 ? t->extra[i * t->nextra + k] : (double)(t->rows[i].ng - t->rows[0].ng);
}

long trace_len(const trace *t)
{
	return t->len;
}

size_t trace_bytes(const trace *t)
{
	size_t row = sizeof *t->rows + (size_t)(t->nx + t->nextra) * sizeof(double) +
	             sizeof *t->probe_at;
	return (size_t)t->len * row + (size_t)t->nprobe * (size_t)t->nx * sizeof(double);
}

const trace_row *trace_row_at(const trace *t, long i)
{
	return i >= 0 && i < t->len ? &t->rows[i] : NULL;
}

int trace_n(const trace *t)
{
	return t->n;
}

int trace_nx(const trace *t)
{
	return t->nx;
}

const double *trace_x(const trace *t, long i)
{
	return i >= 0 && i < t->len ? t->x + i * t->nx : NULL;
}

int trace_nextra(const trace *t)
{
	return t->nextra;
}

const char *trace_extra_name(const trace *t, int k)
{
	return k >= 0 && k < t->nextra ? t->names[k] : NULL;
}

double trace_extra(const trace *t, long i, int k)
{
	if (i < 0 || i >= t->len || k < 0 || k >= t->nextra)
		return 0;
	return t->extra[i * t->nextra + k];
}

int trace_probes(const trace *t, long i, const double **pts)
{
	if (i < 0 || i >= t->len) {
		*pts = NULL;
		return 0;
	}
	long a = t->probe_at[i], b = t->probe_at[i + 1];
	*pts = b > a ? t->probes + a * t->nx : NULL;
	return (int)(b - a);
}

int trace_model_trial(const trace *t, long i, const double **x)
{
	int ip = trace_extra_find(t, "pred");
	*x = NULL;
	if (ip < 0 || i < 1 || i >= t->len || !(trace_extra(t, i, ip) > 0))
		return -1;
	if (trace_row_at(t, i)->step > 0) {
		*x = trace_x(t, i);
		return 1;
	}
	const double *pts;
	int np = trace_probes(t, i, &pts);
	if (np == 0)
		return -1;
	*x = pts + (size_t)(np - 1) * (size_t)t->nx;
	return 0;
}

long trace_fiter(const trace *t, long i)
{
	int k = trace_extra_find(t, "fiter");
	return k >= 0 ? (long)trace_extra(t, i, k) : trace_row_at(t, i)->iter;
}
