/* `profile`: performance and data profiles, and a summary table, from a campaign's
 * results file (or any CSV with its columns). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "fig_profile.h"
#include "fmt.h"
#include "parse.h"
#include "profile.h"
#include "version.h"

#define PROF_MAX_FIELDS 64

enum cost { COST_EVALS, COST_ITERS, COST_TIME };

typedef struct names {
	char **v;
	int n, cap;
} names;

/* The index of s in a, added at the end when new; -1 without memory. */
static int intern(names *a, const char *s)
{
	for (int i = a->n - 1; i >= 0; i--)
		if (!strcmp(a->v[i], s))
			return i;
	if (a->n == a->cap) {
		int cap = a->cap ? 2 * a->cap : 16;
		char **v = realloc(a->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		a->v = v, a->cap = cap;
	}
	if (!(a->v[a->n] = strdup(s)))
		return -1;
	return a->n++;
}

static void names_free(names *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
}

/* Splits a CSV line in place (quotes as campaign writes them); returns the fields. */
static int split(char *line, char **f, int cap)
{
	int n = 0;
	char *p = line;
	line[strcspn(line, "\r\n")] = 0;
	while (n < cap) {
		if (*p == '"') {
			char *w = ++p;
			f[n++] = w;
			for (; *p; p++) {
				if (*p == '"' && p[1] == '"')
					*w++ = '"', p++;
				else if (*p == '"')
					break;
				else
					*w++ = *p;
			}
			char *after = *p ? p + 1 : p; /* past the closing quote, before w ends the field */
			*w = 0;
			p = strchr(after, ',');
		} else {
			f[n++] = p;
			p = strchr(p, ',');
		}
		if (!p)
			break;
		*p++ = 0;
	}
	return n;
}

typedef struct results {
	names meth, inst;
	double *cost; /* rows of inst x meth, grown as instances come */
	int *n;
	int rows_cap;
} results;

static int col(char **h, int nh, const char *name)
{
	for (int i = 0; i < nh; i++)
		if (!strcmp(h[i], name))
			return i;
	return -1;
}

/* Reads path into r; 0, or -1 after a message. */
static int read_results(sess *s, int pcol, const char *path, enum cost c, results *r)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return sess_fail(s, pcol, "cannot read %s", path);
	char *line = NULL, *h[PROF_MAX_FIELDS], *fl[PROF_MAX_FIELDS], *header = NULL;
	size_t cap = 0;
	int nh = 0, rc = 0, ci[7] = {-1, -1, -1, -1, -1, -1, -1};
	enum { C_METHOD, C_PROBLEM, C_SEED, C_N, C_MET, C_A, C_B };
	long lineno = 0;
	while (rc == 0 && getline(&line, &cap, f) > 0) {
		lineno++;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0)
			continue;
		if (!header) {
			if (!(header = strdup(line))) {
				rc = sess_fail(s, 0, "out of memory");
				break;
			}
			nh = split(header, h, PROF_MAX_FIELDS);
			static const char *const need[] = {"method", "problem", "seed", "n", "met"};
			for (int k = 0; k < 5; k++)
				ci[k] = col(h, nh, need[k]);
			ci[C_A] = col(h, nh, c == COST_EVALS ? "nf" : c == COST_ITERS ? "iters" : "time");
			ci[C_B] = c == COST_EVALS ? col(h, nh, "ng") : -1;
			if (ci[C_METHOD] < 0 || ci[C_PROBLEM] < 0 || ci[C_N] < 0 || ci[C_MET] < 0 ||
			    ci[C_A] < 0 || (c == COST_EVALS && ci[C_B] < 0))
				rc = sess_fail(s, pcol, "%s: needs the columns method, problem, n, met and "
				                        "%s", path, c == COST_EVALS ? "nf, ng" :
				                        c == COST_ITERS ? "iters" : "time");
			continue;
		}
		int nf = split(line, fl, PROF_MAX_FIELDS);
		if (nf != nh) {
			rc = sess_fail(s, pcol, "%s:%ld: %d fields, the header has %d", path, lineno, nf,
			               nh);
			break;
		}
		char key[512];
		snprintf(key, sizeof key, "%s\x1f%s", fl[ci[C_PROBLEM]],
		         ci[C_SEED] >= 0 ? fl[ci[C_SEED]] : "");
		int ni = r->inst.n;
		int m = intern(&r->meth, fl[ci[C_METHOD]]), p = intern(&r->inst, key);
		if (m < 0 || p < 0) {
			rc = sess_fail(s, 0, "out of memory");
			break;
		}
		if (p >= ni) { /* a new instance: a row of INFINITY */
			if (p >= r->rows_cap) {
				int rcap = r->rows_cap ? 2 * r->rows_cap : 64;
				double *cc = realloc(r->cost, (size_t)rcap * PROF_MAX_FIELDS * sizeof *cc);
				int *nn = cc ? realloc(r->n, (size_t)rcap * sizeof *nn) : NULL;
				if (cc)
					r->cost = cc;
				if (!nn) {
					rc = sess_fail(s, 0, "out of memory");
					break;
				}
				r->n = nn, r->rows_cap = rcap;
			}
			for (int k = 0; k < PROF_MAX_FIELDS; k++)
				r->cost[(size_t)p * PROF_MAX_FIELDS + k] = INFINITY;
			r->n[p] = atoi(fl[ci[C_N]]);
		}
		if (m >= PROF_MAX_FIELDS) {
			rc = sess_fail(s, pcol, "%s: more than %d methods", path, PROF_MAX_FIELDS);
			break;
		}
		double v = strtod(fl[ci[C_A]], NULL) + (ci[C_B] >= 0 ? strtod(fl[ci[C_B]], NULL) : 0);
		if (atoi(fl[ci[C_MET]]) == 1 && isfinite(v))
			r->cost[(size_t)p * PROF_MAX_FIELDS + m] = v;
	}
	if (rc == 0 && r->inst.n == 0)
		rc = sess_fail(s, pcol, "%s: no results", path);
	free(line);
	free(header);
	fclose(f);
	return rc;
}

/* The table packed to np x ns. */
static double *pack(const results *r)
{
	int ns = r->meth.n, np = r->inst.n;
	double *c = malloc((size_t)np * (size_t)ns * sizeof *c + 1);
	for (int p = 0; c && p < np; p++)
		for (int k = 0; k < ns; k++)
			c[(size_t)p * ns + k] = r->cost[(size_t)p * PROF_MAX_FIELDS + k];
	return c;
}

static void print_summary(sess *s, const char *path, const prof_table *t, const double *ratio,
                          const results *r, int data, const char *what)
{
	static const double taus[] = {1, 2, 4, 10}, alphas[] = {10, 100, 1000, 10000};
	fprintf(s->out, "profile of %s: %d method%s on %d problems (problem, seed); cost: %s\n",
	        path, t->ns, t->ns == 1 ? "" : "s", t->np, what);
	int w = 6; /* the longest label */
	for (int m = 0; m < t->ns; m++)
		w = (int)strlen(r->meth.v[m]) > w ? (int)strlen(r->meth.v[m]) : w;
	fprintf(s->out, "  %-*s %9s %12s", w, "method", "solved", "median cost");
	for (int k = 0; k < 4; k++) {
		char h[16];
		snprintf(h, sizeof h, data ? "d(%g)" : "rho(%g)", data ? alphas[k] : taus[k]);
		fprintf(s->out, " %8s", h);
	}
	fprintf(s->out, "\n");
	for (int m = 0; m < t->ns; m++) {
		double med;
		int k = prof_solved(t, m, &med);
		char solved[32], mc[32];
		snprintf(solved, sizeof solved, "%d/%d", k, t->np);
		fprintf(s->out, "  %-*s %9s %12s", w, r->meth.v[m], solved,
		        k ? fmt_num(mc, sizeof mc, med, 4) : "-");
		for (int j = 0; j < 4; j++)
			fprintf(s->out, " %8.3f", data ? prof_data(t, m, alphas[j])
			                               : prof_perf(t, ratio, m, taus[j]));
		fprintf(s->out, "\n");
	}
}

static int write_figure(sess *s, lex *l, const char *fig, int width, int height,
                        const prof_table *t,
                        const double *ratio, const results *r, int data, const char *what,
                        const char *path)
{
	double **steps = calloc((size_t)t->ns, sizeof *steps);
	int *nsteps = calloc((size_t)t->ns, sizeof *nsteps), rc = -1;
	for (int m = 0; steps && nsteps && m < t->ns; m++) {
		if (!(steps[m] = malloc(((size_t)t->np + 1) * sizeof **steps)))
			break;
		nsteps[m] = prof_steps(t, ratio, m, data, steps[m]);
	}
	if (!steps || !nsteps || !steps[t->ns - 1]) {
		sess_fail(s, 0, "out of memory");
		goto out;
	}
	char title[400], xlabel[200], software[64];
	const char *base = strrchr(path, '/');
	snprintf(title, sizeof title, "%s profile: %d problems (%s)", data ? "data" : "performance",
	         t->np, base ? base + 1 : path);
	if (data)
		snprintf(xlabel, sizeof xlabel, "%s / (n + 1)%s", what,
		         strstr(what, "evaluations") ? ": simplex gradients" : "");
	else
		snprintf(xlabel, sizeof xlabel, "tau: %s within tau x the best", what);
	scene_profile sc = {.title = title, .xlabel = xlabel,
	                    .ylabel = "fraction of problems solved", .ns = t->ns,
	                    .labels = (const char *const *)r->meth.v,
	                    .steps = (const double *const *)steps, .nsteps = nsteps, .np = t->np,
	                    .data = data, .xlog = !data};
	double lo = INFINITY, hi = 0; /* a data profile spanning decades: log alpha */
	for (int m = 0; m < t->ns; m++)
		for (int i = 0; i < nsteps[m]; i++)
			if (steps[m][i] > 0)
				lo = fmin(lo, steps[m][i]), hi = fmax(hi, steps[m][i]);
	if (data && hi > 100 * lo)
		sc.xlog = true;
	snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
	char *source = cmd_figure_source(s, l->src);
	fig_opts fo = {.width = width, .height = height, .software = software, .source = source};
	char err[512];
	rc = fig_profile_write(fig, (fig_format)fig_format_from_path(fig), &fo, &sc, err,
	                       sizeof err);
	free(source);
	if (rc != 0)
		sess_fail(s, 0, "%s", err);
out:
	for (int m = 0; steps && m < t->ns; m++)
		free(steps[m]);
	free(steps);
	free(nsteps);
	return rc;
}

/* profile [performance|data] "RESULTS.csv" [cost evals|iters|time] [export "FILE"] */
int cmd_profile(sess *s, lex *l)
{
	int data = 0;
	if (lex_word(l, "performance") || lex_word(l, "data")) {
		data = lex_word(l, "data");
		lex_next(l);
	}
	int pcol = l->tok.col, fcol = 0, width = 1600, height = 1200;
	char *path = NULL, *fig = NULL;
	enum cost c = COST_EVALS;
	results r = {0};
	double *cost = NULL, *ratio = NULL;
	int rc = -1;
	if (s->sandbox) {
		sess_fail(s, 0, "files are off in this session");
		goto out;
	}
	if (parse_string(s, l, "a results file", &path) != 0)
		goto out;
	while (l->tok.kind != LEX_END) {
		int col = l->tok.col;
		if (lex_word(l, "cost")) {
			lex_next(l);
			if (lex_word(l, "evals") || lex_word(l, "iters") || lex_word(l, "time")) {
				c = lex_word(l, "evals") ? COST_EVALS : lex_word(l, "iters") ? COST_ITERS
				                                                               : COST_TIME;
				lex_next(l);
				continue;
			}
			sess_fail(s, l->tok.col, "cost is evals, iters or time");
			goto out;
		}
		if (lex_word(l, "export") && !fig) {
			lex_next(l);
			fcol = l->tok.col;
			if (parse_string(s, l, "a file name", &fig) != 0)
				goto out;
			if (fig_format_from_path(fig) < 0) {
				sess_fail(s, fcol, "a profile's figure is .png, .svg or .pdf");
				goto out;
			}
			continue;
		}
		if (lex_word(l, "size") && fig) {
			lex_next(l);
			if (cmd_figure_size(s, l, &width, &height) != 0)
				goto out;
			continue;
		}
		sess_fail(s, col, "expected cost evals|iters|time, export \"FILE\" [size WxH] or "
		                  "the end");
		goto out;
	}
	if (read_results(s, pcol, path, c, &r) != 0)
		goto out;
	prof_table t = {.ns = r.meth.n, .np = r.inst.n, .n = r.n};
	cost = pack(&r);
	ratio = malloc((size_t)t.ns * (size_t)t.np * sizeof *ratio + 1);
	if (!cost || !ratio) {
		sess_fail(s, 0, "out of memory");
		goto out;
	}
	t.cost = cost;
	prof_ratios(&t, ratio);
	const char *what = c == COST_EVALS ? "evaluations (nf + ng)" : c == COST_ITERS ? "iterations"
	                                                                                : "seconds";
	print_summary(s, path, &t, ratio, &r, data, what);
	int may = fig ? sess_may_write(s, fcol, fig) : 1;
	rc = may < 0 ? -1 : may == 0 ? write_figure(s, l, fig, width, height, &t, ratio, &r, data, what, path) : 0;
out:
	names_free(&r.meth);
	names_free(&r.inst);
	free(r.cost);
	free(r.n);
	free(cost);
	free(ratio);
	free(path);
	free(fig);
	return rc;
}
