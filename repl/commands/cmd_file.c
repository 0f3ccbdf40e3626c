/* Commands that read and write files: load, save, export. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "afile.h"
#include "cmd_all.h"
#include "fmt.h"
#include "fig.h"
#include "figreq.h"
#include "parse.h"
#include "save.h"

#define LOAD_MAX_DEPTH 16

/* A script is text of a sane size: refuses binaries and huge files. */
static int check_script(sess *s, int col, const char *path, FILE *f)
{
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
		return sess_fail(s, col, "cannot load '%s': it is a directory", path);
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > SAVE_MAX_BYTES)
		return sess_fail(s, col, "cannot load '%s': larger than the limit of %ld MiB", path,
		                 SAVE_MAX_BYTES >> 20);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, f);
	if (memchr(buf, '\0', n))
		return sess_fail(s, col, "cannot load '%s': not a text file", path);
	rewind(f);
	return 0;
}

/* In the sandbox, commands that touch files refuse. */
static int no_files(sess *s, int col)
{
	return s->sandbox ? sess_fail(s, col, "files are off in this session") : 0;
}

int cmd_load(sess *s, lex *l)
{
	char *path;
	int col = l->tok.col;
	if (no_files(s, col) != 0)
		return -1;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	if (parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	if (s->depth >= LOAD_MAX_DEPTH) {
		free(path);
		return sess_fail(s, col, "load nested deeper than the limit of %d files (does a script load itself?)",
		                 LOAD_MAX_DEPTH);
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		int rc = sess_fail(s, col, "cannot open '%s': %s", path, strerror(errno));
		free(path);
		return rc;
	}
	if (check_script(s, col, path, f) != 0) {
		fclose(f);
		free(path);
		return -1;
	}
	/* the script reports its own errors at its own lines */
	const char *source = s->source, *text = s->text;
	int line = s->line, off = s->cmd_off;
	s->depth++;
	int rc = sess_run_stream(s, f, path);
	s->depth--;
	fclose(f);
	free(path);
	s->source = source;
	s->text = text;
	s->line = line;
	s->cmd_off = off;
	return rc;
}

int cmd_save(sess *s, lex *l)
{
	char *path, err[512];
	int col = l->tok.col;
	if (no_files(s, col) != 0)
		return -1;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	afile a;
	int may = parse_end(s, l) != 0 ? -1 : sess_may_write(s, col, path);
	if (may != 0) {
		free(path);
		return may < 0 ? -1 : 0;
	}
	if (afile_open(&a, path, err, sizeof err) != 0) {
		free(path);
		return sess_fail(s, col, "%s", err);
	}
	s->save_path = path;
	int rc = save_script(s, a.f);
	s->save_path = NULL;
	free(path);
	if (rc != 0) {
		afile_abort(&a);
		return sess_fail(s, col, "out of memory");
	}
	long size = ftell(a.f);
	if (size > SAVE_MAX_BYTES) { /* `load` would refuse it: write nothing */
		afile_abort(&a);
		return sess_fail(s, col,
		                 "the workspace's script would be %.1f MiB, over the %ld MiB `load` "
		                 "reads; delete what is not needed",
		                 size / 1048576.0, SAVE_MAX_BYTES >> 20);
	}
	if (afile_commit(&a, err, sizeof err) != 0)
		return sess_fail(s, col, "%s", err);
	return 0;
}

/* TEXT as one CSV field: in double quotes, inner quotes doubled (RFC 4180). */
static void csv_quoted(FILE *f, const char *text)
{
	fputc('"', f);
	for (const char *c = text; *c; c++) {
		if (*c == '"')
			fputc('"', f);
		fputc(*c, f);
	}
	fputc('"', f);
}

/* The trace as CSV: a header naming the columns, then a row per iteration; a
 * labelled run adds a last column `label` that repeats its label on every row. */
static void write_csv(FILE *f, const run *r, const char *label)
{
	const trace *t = run_trace(r);
	const prob *p = run_prob(r);
	int has_dist = p->nsol > 0, nextra = trace_nextra(t);
	int coords = trace_nx(t); /* every coordinate up to TRACE_MAX_FULL, else the first two */
	fprintf(f, "iter,f,gnorm,step,nf,ng,nh,nprox,time");
	if (has_dist)
		fprintf(f, ",dist");
	for (int k = 0; k < nextra; k++)
		fprintf(f, ",%s", trace_extra_name(t, k));
	char name[64];
	for (int j = 0; j < coords; j++) {
		prob_coord_name(p, j, name, sizeof name);
		fprintf(f, ",%s", name);
	}
	if (label)
		fprintf(f, ",label");
	fputc('\n', f);
	for (long i = 0; i < trace_len(t); i++) {
		const trace_row *row = trace_row_at(t, i);
		fprintf(f, "%ld,%.17g,%.17g,%.17g,%ld,%ld,%ld,%ld,%.17g", row->iter, row->f, row->gnorm,
		        row->step, row->nf, row->ng, row->nh, row->nprox, row->time);
		if (has_dist)
			fprintf(f, ",%.17g", row->dist);
		for (int k = 0; k < nextra; k++)
			fprintf(f, ",%.17g", trace_extra(t, i, k));
		const double *x = trace_x(t, i);
		for (int j = 0; j < coords; j++)
			fprintf(f, ",%.17g", x[j]);
		if (label) {
			fputc(',', f);
			csv_quoted(f, label);
		}
		fputc('\n', f);
	}
}

/* A run's current iterate: `name,value`, then a row per coordinate. */
static void write_iterate(FILE *f, const run *r)
{
	const prob *p = run_prob(r);
	const double *x = run_x(r);
	char name[64];
	fprintf(f, "name,value\n");
	for (int j = 0; j < p->n; j++) {
		prob_coord_name(p, j, name, sizeof name);
		fprintf(f, "%s,%.17g\n", name, x[j]);
	}
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* A trace goes to FILE.csv, or to a device or pipe (/dev/stdout). */
static int csv_target(const char *path)
{
	struct stat st;
	return has_suffix(path, ".csv") ||
	       (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

int cmd_export(sess *s, lex *l)
{
	char *path, err[512];
	int col = l->tok.col;
	if (no_files(s, col) != 0)
		return -1;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	int may = sess_may_write(s, col, path);
	if (may != 0) {
		free(path);
		return may < 0 ? -1 : 0;
	}
	if (!csv_target(path) && has_suffix(path, ".gif")) {
		int rc = cmd_export_anim(s, l, path, col);
		free(path);
		return rc;
	}
	if (!csv_target(path)) {
		if (fig_format_from_path(path) < 0) {
			free(path);
			return sess_fail(s, col, "export writes .csv (a run's trace), .png, .svg, .pdf or .gif");
		}
		int rc = cmd_export_figure(s, l, path, col);
		free(path);
		return rc;
	}
	ws_item *it = parse_item(s, l, WS_RUN);
	int iterate = it && lex_word(l, "x"); /* `export "x.csv" RUN x`: the current iterate */
	if (iterate)
		lex_next(l);
	if (!it || parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	afile a;
	if (afile_open(&a, path, err, sizeof err) != 0) {
		free(path);
		return sess_fail(s, col, "%s", err);
	}
	free(path);
	if (iterate)
		write_iterate(a.f, it->u.run.r);
	else
		write_csv(a.f, it->u.run.r, it->u.run.label);
	if (afile_commit(&a, err, sizeof err) != 0)
		return sess_fail(s, col, "%s", err);
	return 0;
}
