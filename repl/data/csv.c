/* csv: a one-pass reader of numeric tables. The text is cut into lines by hand so that
 * \n, \r\n and \r all end a line and a NUL byte inside the file is just a bad cell. */
#include "csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELL_MAX 256 /* characters of one cell; longer ones are not numbers */

typedef struct reader {
	const char *p, *end;
	long line;
} reader;

/* The next line [*b, *e) (its ending skipped); 0 at the end of the text. */
static int next_line(reader *r, const char **b, const char **e)
{
	if (r->p >= r->end)
		return 0;
	r->line++;
	*b = r->p;
	while (r->p < r->end && *r->p != '\n' && *r->p != '\r')
		r->p++;
	*e = r->p;
	if (r->p < r->end && *r->p++ == '\r' && r->p < r->end && *r->p == '\n')
		r->p++; /* \r\n is one ending */
	return 1;
}

static int is_blank(const char *b, const char *e)
{
	for (; b < e; b++)
		if (*b != ' ' && *b != '\t')
			return 0;
	return 1;
}

/* Cell [b, e) trimmed into buf; 0 with the value in *v when it is a finite number,
 * 1 when it is not a number, 2 when it is a number out of range. */
static int cell_value(const char *b, const char *e, char *buf, double *v)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	size_t n = (size_t)(e - b);
	if (n >= CELL_MAX)
		n = CELL_MAX - 1;
	memcpy(buf, b, n);
	buf[n] = 0;
	if (b == e || n != (size_t)(e - b) || memchr(buf, 0, n))
		return 1;
	char *q;
	errno = 0;
	*v = strtod(buf, &q);
	if (q == buf || *q)
		return 1;
	return isfinite(*v) ? 0 : 2;
}

/* The cells of one line: their count (separators + 1). */
static long count_cells(const char *b, const char *e, char sep)
{
	long n = 1;
	for (; b < e; b++)
		n += *b == sep;
	return n;
}

/* The separator, from the first row: a semicolon where it has one (such files may
 * write decimal commas), else a tab where it has one, else a comma. */
static char find_sep(const char *b, const char *e)
{
	if (memchr(b, ';', (size_t)(e - b)))
		return ';';
	return memchr(b, '\t', (size_t)(e - b)) ? '\t' : ',';
}

static char *trimmed_name(const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - b >= 2 && *b == '"' && e[-1] == '"')
		b++, e--;
	return strndup(b, (size_t)(e - b));
}

void csv_free(csv *t)
{
	if (!t)
		return;
	if (t->names)
		for (int j = 0; j < t->cols; j++)
			free(t->names[j]);
	free(t->names);
	free(t->jumps);
	free(t->v);
	free(t);
}

long csv_line(const csv *t, long i)
{
	long lo = 0, hi = t->njumps; /* the last jump at or before row i is in [lo, hi) */
	if (hi == 0 || t->jumps[0] > i)
		return i + 1;
	while (hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;
		if (t->jumps[2 * mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return t->jumps[2 * lo + 1] + (i - t->jumps[2 * lo]);
}

/* Row t->rows is on line: a new jump unless it follows the previous row's line. 0, or -1
 * without memory. */
static int note_line(csv *t, long line, long prev, long *have)
{
	if (line == prev + 1)
		return 0;
	if (t->njumps == *have) {
		long nh = *have ? 2 * *have : 16;
		long *nj = realloc(t->jumps, (size_t)nh * 2 * sizeof *nj);
		if (!nj)
			return -1;
		t->jumps = nj;
		*have = nh;
	}
	t->jumps[2 * t->njumps] = t->rows;
	t->jumps[2 * t->njumps + 1] = line;
	t->njumps++;
	return 0;
}

/* The first row as a header: the names, or -1 without memory. */
static int read_header(csv *t, const char *b, const char *e, char sep)
{
	if (!(t->names = calloc((size_t)t->cols, sizeof *t->names)))
		return -1;
	for (int j = 0; j < t->cols; j++) {
		const char *c = b;
		while (c < e && *c != sep)
			c++;
		if (!(t->names[j] = trimmed_name(b, c)))
			return -1;
		b = c + 1;
	}
	return 0;
}

/* Is the first row a header: none of its cells a number. */
static int header_row(const char *b, const char *e, char sep)
{
	char buf[CELL_MAX];
	double v;
	while (b <= e) {
		const char *c = b;
		while (c < e && *c != sep)
			c++;
		if (cell_value(b, c, buf, &v) != 1)
			return 0;
		b = c + 1;
	}
	return 1;
}

csv *csv_parse(const char *text, size_t len, const char *source, char *err, size_t cap)
{
	if (len > (size_t)CSV_MAX_BYTES) {
		snprintf(err, cap, "%s: %zu bytes exceed the limit of %ld", source, len,
		         CSV_MAX_BYTES);
		return NULL;
	}
	csv *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, cap, "%s: out of memory", source);
		return NULL;
	}
	reader r = {text, text + len, 0};
	const char *b, *e;
	size_t have = 0, used = 0;
	long jumps_have = 0, prev_line = -1;
	char buf[CELL_MAX];
	while (next_line(&r, &b, &e)) {
		if (is_blank(b, e))
			continue;
		if (t->cols == 0)
			t->sep = find_sep(b, e);
		long n = count_cells(b, e, t->sep);
		if (t->cols == 0) { /* the first row sets the width */
			if (n > CSV_MAX_COLS) {
				snprintf(err, cap, "%s:%ld: %ld columns exceed the limit of %d", source,
				         r.line, n, CSV_MAX_COLS);
				goto fail;
			}
			t->cols = (int)n;
			if (header_row(b, e, t->sep)) {
				if (read_header(t, b, e, t->sep) != 0)
					goto oom;
				continue;
			}
		} else if (n != t->cols) {
			snprintf(err, cap, "%s:%ld: %ld cells, the first row has %d (separated by %s)",
			         source, r.line, n, t->cols,
			         t->sep == ';' ? "semicolons" : t->sep == ',' ? "commas" : "tabs");
			goto fail;
		}
		if (t->rows == CSV_MAX_ROWS || (double)(t->rows + 1) * t->cols > CSV_MAX_CELLS) {
			snprintf(err, cap, "%s:%ld: more than %ld rows or %ld cells (the limits)",
			         source, r.line, CSV_MAX_ROWS, CSV_MAX_CELLS);
			goto fail;
		}
		if (used + (size_t)t->cols > have) {
			size_t nh = have ? 2 * have : 1024;
			while (nh < used + (size_t)t->cols)
				nh *= 2;
			double *nv = realloc(t->v, nh * sizeof *nv);
			if (!nv)
				goto oom;
			t->v = nv;
			have = nh;
		}
		for (int j = 0; j < t->cols; j++) {
			const char *c = b;
			while (c < e && *c != t->sep)
				c++;
			int rc = cell_value(b, c, buf, &t->v[used + (size_t)j]);
			if (rc) {
				snprintf(err, cap, "%s:%ld:%d: %s: '%.40s%s'", source, r.line, j + 1,
				         rc == 1 ? "not a number" : "not a finite double", buf,
				         strlen(buf) > 40 ? "..." : "");
				goto fail;
			}
			b = c + 1;
		}
		if (note_line(t, r.line, prev_line, &jumps_have) != 0)
			goto oom;
		prev_line = r.line;
		used += (size_t)t->cols;
		t->rows++;
	}
	if (t->rows == 0) {
		snprintf(err, cap, "%s: no data rows%s", source,
		         t->names ? " after the header" : " (the file is empty)");
		goto fail;
	}
	return t;
oom:
	snprintf(err, cap, "%s: out of memory", source);
fail:
	csv_free(t);
	return NULL;
}

csv *csv_read(const char *path, char *err, size_t cap)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, cap, "%s: %s", path, strerror(errno));
		return NULL;
	}
	char *text = NULL;
	size_t len = 0, have = 0;
	for (;;) {
		if (len == have) {
			if (have > (size_t)CSV_MAX_BYTES) {
				snprintf(err, cap, "%s: the file exceeds the limit of %ld bytes", path,
				         CSV_MAX_BYTES);
				goto fail;
			}
			size_t nh = have ? 2 * have : 65536;
			char *nt = realloc(text, nh);
			if (!nt) {
				snprintf(err, cap, "%s: out of memory", path);
				goto fail;
			}
			text = nt;
			have = nh;
		}
		size_t got = fread(text + len, 1, have - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, cap, "%s: read error", path);
		goto fail;
	}
	fclose(f);
	csv *t = csv_parse(text, len, path, err, cap);
	free(text);
	return t;
fail:
	fclose(f);
	free(text);
	return NULL;
}
