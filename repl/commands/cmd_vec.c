/* cmd_vec: data vectors (`data NAME = [V, ...]`, `data A, B = csv("FILE")`) and the
 * printing of long vectors that `show` shares (data, a run's iterate, a problem's x*). */
#include "cmd_vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "csv.h"
#include "fmt.h"
#include "afile.h"
#include "cmd_start.h"
#include "constr.h"
#include "parse.h"
#include "script.h"

#define VEC_SCREEN 40  /* values printed one a line; beyond, a summary */
#define VEC_CHUNK 2000  /* values a saved line holds when the vector is split (26 bytes each) */
#define VEC_LARGEST 10 /* entries a summary lists */
#define DATA_MAX_NAMES 64

static void coord_name(const prob *p, const char *base, long i, char *buf, size_t cap)
{
	if (p)
		prob_coord_name(p, (int)i, buf, cap);
	else
		snprintf(buf, cap, "%s[%ld]", base, i + 1);
}

void cmd_vec_print(sess *s, const double *v, long n, const prob *p, const char *base)
{
	char name[64], a[40];
	int prec = s->set.precision;
	if (n <= VEC_SCREEN) {
		for (long i = 0; i < n; i++) {
			coord_name(p, base, i, name, sizeof name);
			fprintf(s->out, "  %-12s %s\n", name, fmt_num(a, sizeof a, v[i], prec));
		}
		return;
	}
	long zeros = 0, nonfinite = 0;
	long top[VEC_LARGEST];
	int ntop = 0;
	for (long i = 0; i < n; i++) {
		if (v[i] == 0) {
			zeros++;
			continue;
		}
		if (!isfinite(v[i]))
			nonfinite++;
		/* keep the VEC_LARGEST largest |v| in order, the first index at a tie */
		double m = isnan(v[i]) ? INFINITY : fabs(v[i]);
		int k = ntop;
		while (k > 0 && m > (isnan(v[top[k - 1]]) ? INFINITY : fabs(v[top[k - 1]])))
			k--;
		if (k >= VEC_LARGEST)
			continue;
		if (ntop < VEC_LARGEST)
			ntop++;
		memmove(top + k + 1, top + k, (size_t)(ntop - 1 - k) * sizeof *top);
		top[k] = i;
	}
	fprintf(s->out, "  %ld values, %ld zero, %ld nonzero", n, zeros, n - zeros);
	if (nonfinite)
		fprintf(s->out, ", %ld not finite", nonfinite);
	fprintf(s->out, "\n  largest |value|:\n");
	for (int k = 0; k < ntop; k++) {
		coord_name(p, base, top[k], name, sizeof name);
		fprintf(s->out, "  %-12s %s\n", name, fmt_num(a, sizeof a, v[top[k]], prec));
	}
}

/* `[V, ...]`: the values of a typed vector. */
int cmd_vec_parse_values(sess *s, lex *l, double **v, int *n)
{
	int cap = 0;
	*v = NULL;
	*n = 0;
	if (parse_punct(s, l, "[") != 0)
		return -1;
	while (!lex_is(l, "]")) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			double *nv = cap <= CSV_MAX_ROWS ? realloc(*v, (size_t)cap * sizeof *nv) : NULL;
			if (!nv) {
				free(*v);
				return sess_fail(s, l->tok.col, "out of memory");
			}
			*v = nv;
		}
		if (parse_const(s, l, &(*v)[*n]) != 0) {
			free(*v);
			return -1;
		}
		(*n)++;
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, "]")) {
			free(*v);
			return parse_punct(s, l, "]");
		}
	}
	lex_next(l);
	if (*n == 0)
		return sess_fail(s, l->tok.col, "a data vector needs at least one value");
	return 0;
}

int cmd_vec_parse_matrix(sess *s, lex *l, double **a, int *m, int *k)
{
	int col = l->tok.col, cap = 0;
	*a = NULL;
	*m = *k = 0;
	if (parse_punct(s, l, "[") != 0)
		return -1;
	while (!lex_is(l, "]")) {
		double *row;
		int n, rcol = l->tok.col;
		if (cmd_vec_parse_values(s, l, &row, &n) != 0)
			goto fail;
		if (*m && n != *k) {
			free(row);
			sess_fail(s, rcol, "row %d has %d values, the first %d", *m + 1, n, *k);
			goto fail;
		}
		*k = n;
		if ((*m + 1) * n > cap) {
			cap = 2 * (*m + 1) * n;
			double *na = realloc(*a, (size_t)cap * sizeof *na);
			if (!na) {
				free(row);
				sess_fail(s, rcol, "out of memory");
				goto fail;
			}
			*a = na;
		}
		memcpy(*a + (size_t)*m * n, row, (size_t)n * sizeof *row);
		free(row);
		(*m)++;
		if (lex_is(l, ","))
			lex_next(l);
		else if (!lex_is(l, "]")) {
			parse_punct(s, l, "]");
			goto fail;
		}
	}
	lex_next(l);
	if (*m == 0) {
		sess_fail(s, col, "a matrix needs at least one row");
		goto fail;
	}
	return 0;
fail:
	free(*a);
	*a = NULL;
	return -1;
}

static int put_data(sess *s, const char *name, int col, double *v, int len, const char *def)
{
	char *d = def ? strdup(def) : NULL;
	ws_item *it = !def || d ? ws_put(&s->ws, name, WS_DATA) : NULL;
	if (!it) {
		free(v);
		free(d);
		ws_item *other = ws_get(&s->ws, name);
		if (!other)
			return sess_fail(s, col, "out of memory");
		return sess_fail(s, col, "'%s' is already a %s", name, ws_kind_name(other->kind));
	}
	it->u.d.v = v;
	it->u.d.len = len;
	it->u.d.def = d;
	return 0;
}

/* The columns of a CSV file named by names (header cells, else the first ones in order). */
static int data_csv(sess *s, lex *l, char names[][WS_NAME_MAX], const int *cols, int nn)
{
	int col = l->tok.col;
	lex_next(l); /* csv */
	if (parse_punct(s, l, "(") != 0)
		return -1;
	if (s->sandbox)
		return sess_fail(s, col, "files are off in this session");
	char *path = NULL;
	int pcol = l->tok.col;
	if (parse_string(s, l, "a CSV file", &path) != 0)
		return -1;
	if (parse_punct(s, l, ")") != 0 || parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	char err[400];
	csv *t = csv_read(path, err, sizeof err);
	if (!t) {
		free(path);
		return sess_fail(s, pcol, "%s", err);
	}
	int which[DATA_MAX_NAMES];
	int rc = 0;
	for (int k = 0; k < nn && rc == 0; k++) {
		which[k] = -1;
		if (!t->names) {
			which[k] = k;
			if (k >= t->cols)
				rc = sess_fail(s, cols[k], "%s has %d column%s and no header", path, t->cols,
				               t->cols == 1 ? "" : "s");
			continue;
		}
		for (int j = 0; j < t->cols; j++)
			if (!strcmp(t->names[j], names[k]))
				which[k] = j;
		if (which[k] < 0) {
			char list[200] = "";
			for (int j = 0; j < t->cols && strlen(list) < 150; j++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%.40s",
				         j ? ", " : "", t->names[j]);
			rc = sess_fail(s, cols[k], "%s has no column '%s' (its header: %s)", path,
			               names[k], list);
		}
	}
	if (rc == 0 && t->rows < 1)
		rc = sess_fail(s, pcol, "%s has no data rows", path);
	if (rc == 0 && t->rows > CSV_MAX_ROWS)
		rc = sess_fail(s, pcol, "%s has more than %ld rows", path, CSV_MAX_ROWS);
	free(path);
	for (int k = 0; k < nn && rc == 0; k++) {
		double *v = malloc((size_t)t->rows * sizeof *v);
		if (!v) {
			rc = sess_fail(s, cols[k], "out of memory");
			break;
		}
		for (long i = 0; i < t->rows; i++)
			v[i] = t->v[i * t->cols + which[k]];
		rc = put_data(s, names[k], cols[k], v, (int)t->rows, l->src + cols[0]);
	}
	csv_free(t);
	return rc;
}

/* `[V, ...]` ending the command: the values in *v (the caller frees them), or -1. */
static int values_to_end(sess *s, lex *l, double **v, int *n)
{
	if (cmd_vec_parse_values(s, l, v, n) != 0)
		return -1;
	if (parse_end(s, l) != 0) {
		free(*v);
		*v = NULL;
		return -1;
	}
	return 0;
}

/* `data NAME += [V, ...]`: NAME with values appended, as if typed whole (how a figure's
 * script carries a vector too long for one line). */
static int data_append(sess *s, lex *l, const char *name, int col)
{
	const ws_item *it = ws_get(&s->ws, name);
	if (!it)
		return sess_fail(s, col, "no data vector '%s' to append to", name);
	double *v, *all;
	int n;
	if (values_to_end(s, l, &v, &n) != 0)
		return -1;
	long len = (long)it->u.d.len + n;
	if (len > CSV_MAX_ROWS) {
		free(v);
		return sess_fail(s, col, "'%s' would have more than %ld values", name, CSV_MAX_ROWS);
	}
	if (!(all = malloc((size_t)len * sizeof *all))) {
		free(v);
		return sess_fail(s, col, "out of memory");
	}
	memcpy(all, it->u.d.v, (size_t)it->u.d.len * sizeof *all);
	memcpy(all + it->u.d.len, v, (size_t)n * sizeof *all);
	free(v);
	return put_data(s, name, col, all, (int)len, NULL);
}

int cmd_data(sess *s, lex *l)
{
	char names[DATA_MAX_NAMES][WS_NAME_MAX];
	int cols[DATA_MAX_NAMES], nn = 0;
	for (;;) {
		if (nn == DATA_MAX_NAMES)
			return sess_fail(s, l->tok.col, "more than %d names", DATA_MAX_NAMES);
		cols[nn] = l->tok.col;
		if (parse_name(s, l, "a data vector's name", names[nn], WS_NAME_MAX) != 0)
			return -1;
		for (int k = 0; k < nn; k++)
			if (!strcmp(names[k], names[nn]))
				return sess_fail(s, cols[nn], "'%s' is named twice", names[nn]);
		ws_item *other = ws_get(&s->ws, names[nn]);
		if (other && other->kind != WS_DATA)
			return sess_fail(s, cols[nn], "'%s' is already a %s", names[nn],
			                 ws_kind_name(other->kind));
		nn++;
		if (!lex_is(l, ","))
			break;
		lex_next(l);
	}
	if (nn == 1 && lex_is(l, "+")) {
		lex_next(l);
		if (parse_punct(s, l, "=") != 0)
			return -1;
		return data_append(s, l, names[0], cols[0]);
	}
	if (parse_punct(s, l, "=") != 0)
		return -1;
	if (lex_word(l, "csv"))
		return data_csv(s, l, names, cols, nn);
	if (nn > 1)
		return sess_fail(s, cols[1], "several names take their columns from csv(\"FILE\")");
	double *v;
	int n;
	if (values_to_end(s, l, &v, &n) != 0)
		return -1;
	return put_data(s, names[0], cols[0], v, n, NULL);
}

void cmd_vec_show_data(sess *s, const ws_item *it)
{
	char a[40];
	int n = it->u.d.len;
	if (n <= VEC_SCREEN) {
		fprintf(s->out, "data %s = [", it->name);
		for (int i = 0; i < n; i++)
			fprintf(s->out, "%s%s", i ? ", " : "", fmt_num(a, sizeof a, it->u.d.v[i], 17));
		fprintf(s->out, "]\n");
		return;
	}
	fprintf(s->out, "data %s: %d values\n", it->name, n);
	cmd_vec_print(s, it->u.d.v, n, NULL, it->name);
}

long cmd_vec_line_len(const ws_item *it)
{
	return 32L + WS_NAME_MAX + 26L * it->u.d.len;
}

void cmd_vec_save(sess *s, FILE *f, const ws_item *it)
{
	char path[1200], err[512];
	afile a;
	if (cmd_vec_line_len(it) > SCRIPT_LINE_CAP && it->u.d.def) {
		fprintf(f, "# %s: %d values, too many for a line: read again from the file\n",
		        it->name, it->u.d.len);
		fprintf(f, "data %s\n", it->u.d.def);
		return;
	}
	if (cmd_vec_line_len(it) > SCRIPT_LINE_CAP &&
	    cmd_start_companion(s, it->name, path, sizeof path) == 0 &&
	    afile_open(&a, path, err, sizeof err) == 0) {
		fprintf(a.f, "%s\n", it->name);
		for (int i = 0; i < it->u.d.len; i++)
			fprintf(a.f, "%.17g\n", it->u.d.v[i]);
		if (afile_commit(&a, err, sizeof err) == 0) {
			fprintf(f, "# %s: %d values, too many for a line: written beside this file\n",
			        it->name, it->u.d.len);
			fprintf(f, "data %s = csv(\"", it->name);
			for (const char *q = path; *q; q++)
				fprintf(f, *q == '"' || *q == '\\' ? "\\%c" : "%c", *q);
			fprintf(f, "\")\n");
			return;
		}
	}
	/* no file beside (a figure's script): lines of VEC_CHUNK values, appended in turn */
	int chunk = cmd_vec_line_len(it) > SCRIPT_LINE_CAP ? VEC_CHUNK : it->u.d.len;
	for (int i0 = 0; i0 < it->u.d.len; i0 += chunk) {
		fprintf(f, "data %s %s [", it->name, i0 ? "+=" : "=");
		for (int i = i0; i < it->u.d.len && i < i0 + chunk; i++)
			fprintf(f, "%s%.17g", i > i0 ? ", " : "", it->u.d.v[i]);
		fprintf(f, "]\n");
	}
}

int cmd_vec_mults(sess *s, const run *r, long row)
{
	const trace *t = run_trace(r);
	const prob_constr *pc = run_prob(r)->constr;
	int k0 = trace_extra_find(t, "mult1"), m = constr_count(pc);
	char a[40];
	if (k0 < 0 || !pc)
		return 0;
	for (int w = 0; w < m; w++) {
		const char *src;
		double v = trace_extra(t, row, k0 + w);
		constr_written(pc, w, &src);
		while (src && *src == ' ')
			src++;
		fprintf(s->out, "    mult%-3d %14s  %s\n", w + 1,
		        isnan(v) ? "n/a" : fmt_num(a, sizeof a, v, s->set.precision), src ? src : "");
	}
	return m;
}
