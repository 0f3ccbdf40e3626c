/* cmd_start: where a run starts, what follows `from`: a point (V, ...), default or x0
 * (the problem's own start), ones, zeros, fill(V), another run's current iterate, or
 * a file of values ("start.csv": one a line, the last cell of each, as `export RUN x`
 * writes them; a header line is skipped). */
#include "cmd_start.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "fmt.h"
#include "script.h"
#include "parse.h"

/* The values of a start file; n must match. 0, or -1 with msg. */
static int read_start(const char *path, double *x, int n, char *msg, size_t cap)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(msg, cap, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	char line[512];
	int k = 0, lineno = 0, rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = 0;
		if (!len)
			continue;
		const char *cell = line;
		for (const char *q = line; *q; q++)
			if (*q == ',' || *q == ';' || *q == '\t')
				cell = q + 1;
		while (*cell == ' ')
			cell++;
		char *end;
		errno = 0;
		double v = strtod(cell, &end);
		if (end == cell || *end || !isfinite(v)) {
			if (lineno == 1 && k == 0)
				continue; /* a header */
			snprintf(msg, cap, "%s:%d: not a number: '%.40s'", path, lineno, cell);
			rc = -1;
		} else if (k == n) {
			snprintf(msg, cap, "%s has more than the %d values of the problem", path, n);
			rc = -1;
		} else {
			x[k++] = v;
		}
	}
	fclose(f);
	if (rc == 0 && k != n) {
		snprintf(msg, cap, "%s has %d value%s, the problem %d", path, k, k == 1 ? "" : "s", n);
		rc = -1;
	}
	return rc;
}

static int start_fill(sess *s, lex *l, const prob *p, double v, double **x0, char **def,
                      const char *text)
{
	double *x = malloc((size_t)p->n * sizeof *x);
	*def = strdup(text);
	if (!x || !*def) {
		free(x);
		free(*def);
		*def = NULL;
		return sess_fail(s, l->tok.col, "out of memory");
	}
	for (int i = 0; i < p->n; i++)
		x[i] = v;
	*x0 = x;
	return 0;
}

int cmd_start_parse(sess *s, lex *l, const prob *p, const char *pname, double **x0, char **def)
{
	int col = l->tok.col, n0 = 0;
	*x0 = NULL;
	*def = NULL;
	if (lex_word(l, "default") || lex_word(l, "x0")) {
		lex_next(l);
		return 0;
	}
	if (lex_word(l, "ones") || lex_word(l, "zeros")) {
		int one = lex_word(l, "ones");
		lex_next(l);
		return start_fill(s, l, p, one, x0, def, one ? "ones" : "zeros");
	}
	if (lex_word(l, "fill")) {
		lex_next(l);
		double v;
		char text[64];
		if (parse_punct(s, l, "(") != 0 || parse_const(s, l, &v) != 0 ||
		    parse_punct(s, l, ")") != 0)
			return -1;
		snprintf(text, sizeof text, "fill(%.17g)", v);
		return start_fill(s, l, p, v, x0, def, text);
	}
	if (l->tok.kind == LEX_STRING) {
		char *path, msg[400];
		if (s->sandbox)
			return sess_fail(s, col, "files are off in this session");
		if (parse_string(s, l, "a start file", &path) != 0)
			return -1;
		double *x = malloc((size_t)p->n * sizeof *x);
		if (!x) {
			free(path);
			return sess_fail(s, col, "out of memory");
		}
		int rc = read_start(path, x, p->n, msg, sizeof msg);
		free(path);
		if (rc != 0) {
			free(x);
			return sess_fail(s, col, "%s", msg);
		}
		*x0 = x;
		return 0;
	}
	if (l->tok.kind == LEX_WORD) { /* another run: its current iterate */
		char name[WS_NAME_MAX];
		snprintf(name, sizeof name, "%.*s", l->tok.len, l->tok.text);
		ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
		if (!it)
			return sess_fail(s, col,
			                 "a start is (V, ...), default, x0, ones, zeros, fill(V), a "
			                 "run's name or \"FILE\"; no run '%s'",
			                 name);
		const run *r = it->u.run.r;
		if (run_prob(r)->n != p->n)
			return sess_fail(s, col, "run '%s' has %d variables, problem '%s' %d", name,
			                 run_prob(r)->n, pname, p->n);
		double *x = malloc((size_t)p->n * sizeof *x);
		if (!x)
			return sess_fail(s, col, "out of memory");
		memcpy(x, run_x(r), (size_t)p->n * sizeof *x);
		lex_next(l);
		*x0 = x;
		return 0;
	}
	if (parse_tuple(s, l, x0, &n0) != 0)
		return -1;
	if (n0 != p->n) {
		free(*x0);
		*x0 = NULL;
		return sess_fail(s, col, "problem '%s' has %d variable%s, the start has %d", pname, p->n,
		                 p->n == 1 ? "" : "s", n0);
	}
	return 0;
}

int cmd_start_companion(sess *s, const char *name, char *path, size_t cap)
{
	if (!s->save_path)
		return -1;
	int k = snprintf(path, cap, "%s.%s.csv", s->save_path, name);
	return k > 0 && (size_t)k < cap ? 0 : -1;
}

void cmd_start_write(sess *s, FILE *f, const ws_item *it)
{
	const ws_run *wr = &it->u.run;
	int n = run_prob(wr->r)->n;
	char path[1200], err[512];
	if (wr->default_start) {
		fprintf(f, "default");
		return;
	}
	if (wr->start_def) {
		fprintf(f, "%s", wr->start_def);
		return;
	}
	/* a start no line can hold goes to a file beside the script */
	afile a;
	if (26L * n + 200 > SCRIPT_LINE_CAP && cmd_start_companion(s, it->name, path, sizeof path) == 0 &&
	    afile_open(&a, path, err, sizeof err) == 0) {
		fprintf(a.f, "name,value\n");
		char name[64];
		for (int i = 0; i < n; i++) {
			prob_coord_name(run_prob(wr->r), i, name, sizeof name);
			fprintf(a.f, "%s,%.17g\n", name, wr->x0[i]);
		}
		if (afile_commit(&a, err, sizeof err) == 0) {
			fprintf(f, "\"");
			for (const char *q = path; *q; q++)
				fprintf(f, *q == '"' || *q == '\\' ? "\\%c" : "%c", *q);
			fprintf(f, "\"");
			return;
		}
	}
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%.17g", i ? ", " : "(", wr->x0[i]);
	fprintf(f, ")");
}
