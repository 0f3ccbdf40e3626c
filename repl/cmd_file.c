/* Commands that read and write files: load, save, export. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afile.h"
#include "cmd_all.h"
#include "fmt.h"
#include "parse.h"
#include "version.h"

#define LOAD_MAX_DEPTH 16

int cmd_load(sess *s, lex *l)
{
	char *path;
	int col = l->tok.col;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	if (parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	if (s->depth >= LOAD_MAX_DEPTH) {
		free(path);
		return sess_fail(s, col, "load nested deeper than %d files", LOAD_MAX_DEPTH);
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		int rc = sess_fail(s, col, "cannot open '%s': %s", path, strerror(errno));
		free(path);
		return rc;
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

/* Writes `problem NAME DEF` unless that very definition was the last one
 * written under NAME (runs keep the problem they were made on). */
static void save_problem(FILE *f, const char *name, ws_prob *wp, const char **names,
                         ws_prob **written, int *n)
{
	for (int i = *n - 1; i >= 0; i--)
		if (strcmp(names[i], name) == 0) {
			if (written[i] == wp)
				return;
			break;
		}
	fprintf(f, "problem %s%s\n", name, wp->def);
	names[*n] = name;
	written[(*n)++] = wp;
}

static void save_run(FILE *f, const ws_item *it, const run_opts *defaults)
{
	const ws_run *wr = &it->u.run;
	const run_opts *o = run_options(wr->r);
	int n = run_prob(wr->r)->n;
	fprintf(f, "run %s = %s on %s from ", it->name, wr->solver_def, wr->prob_name);
	if (wr->default_start) {
		fprintf(f, "default");
	} else {
		for (int i = 0; i < n; i++)
			fprintf(f, "%s%.17g", i ? ", " : "(", wr->x0[i]);
		fprintf(f, ")");
	}
	if (o->seed != defaults->seed)
		fprintf(f, " seed %llu", (unsigned long long)o->seed);
	if (o->gtol != defaults->gtol)
		fprintf(f, " gtol %.17g", o->gtol);
	if (o->ftol != defaults->ftol)
		fprintf(f, " ftol %.17g", o->ftol);
	if (o->xtol != defaults->xtol)
		fprintf(f, " xtol %.17g", o->xtol);
	if (o->maxiter != defaults->maxiter)
		fprintf(f, " maxiter %ld", o->maxiter);
	if (o->maxtime != defaults->maxtime)
		fprintf(f, " maxtime %.17g", o->maxtime);
	fputc('\n', f);
	if (run_iter(wr->r) > 0)
		fprintf(f, "step %s %ld\n", it->name, run_iter(wr->r));
}

int cmd_save(sess *s, lex *l)
{
	char *path, err[512];
	int col = l->tok.col;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	afile a;
	if (parse_end(s, l) != 0 || afile_open(&a, path, err, sizeof err) != 0) {
		free(path);
		return s->error_col >= 0 ? -1 : sess_fail(s, col, "%s", err);
	}
	free(path);
	FILE *f = a.f;
	sess_settings def;
	sess_settings_default(&def);
	fprintf(f, "# optlab %s workspace: `load` this file to rebuild it\n", OPTLAB_VERSION);
	if (s->set.precision != def.precision)
		fprintf(f, "set precision %d\n", s->set.precision);
	if (s->set.maxsteps != def.maxsteps)
		fprintf(f, "set maxsteps %ld\n", s->set.maxsteps);
	int count = s->ws.count, n = 0;
	const char **names = calloc((size_t)count * 2 + 1, sizeof *names);
	ws_prob **written = calloc((size_t)count * 2 + 1, sizeof *written);
	if (!names || !written) {
		free(names);
		free(written);
		afile_abort(&a);
		return sess_fail(s, col, "out of memory");
	}
	for (int i = 0; i < count; i++) {
		const ws_item *it = s->ws.items[i];
		char buf[512];
		switch (it->kind) {
		case WS_CONST:
			fprintf(f, "let %s = %.17g\n", it->name, it->u.c.value);
			break;
		case WS_PROBLEM:
			save_problem(f, it->name, it->u.prob, names, written, &n);
			break;
		case WS_SOLVER:
			parse_format_method(&it->u.solver, buf, sizeof buf);
			fprintf(f, "solver %s = %s\n", it->name, buf);
			break;
		case WS_RUN:
			save_problem(f, it->u.run.prob_name, it->u.run.prob, names, written, &n);
			save_run(f, it, &def.run);
			break;
		}
	}
	/* the names must end bound as they are now */
	for (int i = 0; i < count; i++)
		if (s->ws.items[i]->kind == WS_PROBLEM)
			save_problem(f, s->ws.items[i]->name, s->ws.items[i]->u.prob, names, written, &n);
	free(names);
	free(written);
	if (afile_commit(&a, err, sizeof err) != 0)
		return sess_fail(s, col, "%s", err);
	return 0;
}

/* The trace as CSV: a header naming the columns, then a row per iteration. */
static void write_csv(FILE *f, const run *r)
{
	const trace *t = run_trace(r);
	const prob *p = run_prob(r);
	int has_dist = p->nsol > 0, nextra = trace_nextra(t);
	int coords = p->n <= 16 && trace_nx(t) == p->n ? p->n : 0;
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
		fputc('\n', f);
	}
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int cmd_export(sess *s, lex *l)
{
	char *path, err[512];
	int col = l->tok.col;
	if (parse_string(s, l, "a file name", &path) != 0)
		return -1;
	if (!has_suffix(path, ".csv")) {
		free(path);
		return sess_fail(s, col, "export writes .csv files (a run's trace)");
	}
	char name[WS_NAME_MAX];
	int rcol = l->tok.col;
	if (parse_name(s, l, "a run name", name, sizeof name) != 0 || parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
	if (!it) {
		free(path);
		return sess_fail(s, rcol, "no run '%s'; `list` shows the workspace", name);
	}
	afile a;
	if (afile_open(&a, path, err, sizeof err) != 0) {
		free(path);
		return sess_fail(s, col, "%s", err);
	}
	free(path);
	write_csv(a.f, it->u.run.r);
	if (afile_commit(&a, err, sizeof err) != 0)
		return sess_fail(s, col, "%s", err);
	return 0;
}
