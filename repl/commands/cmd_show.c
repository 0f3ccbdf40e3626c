/* Commands that print: eval, show, list, describe, methods, problems. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_data.h"
#include "cmd_vec.h"
#include "fmt.h"
#include "bilevel.h"
#include "ot.h"
#include "parse.h"
#include "station.h"
#include "plugin.h"
#include "prob_sum.h"
#include "problib.h"

#define SHOW_HEAD 10 /* rows shown at each end of a long trace */

/* An OT problem's data: the histograms and the cost, when they fit a screen. */
static void show_transport(sess *s, const prob *p)
{
	const ot_data *d = ot_of(p);
	char buf[40];
	if (!d)
		return;
	fprintf(s->out, "  reg        %s\n", fmt_num(buf, sizeof buf, d->eps, s->set.precision));
	if (d->m > 12 || d->k > 12) {
		fprintf(s->out, "  data       histograms of %d and %d bins, a %d x %d cost\n", d->m,
		        d->k, d->m, d->k);
		return;
	}
	for (int h = 0; h < 2; h++) {
		fprintf(s->out, "  %-10s", h ? "b" : "a");
		for (int i = 0; i < (h ? d->k : d->m); i++)
			fprintf(s->out, " %s", fmt_num(buf, sizeof buf, h ? d->b[i] : d->a[i], s->set.precision));
		fputc('\n', s->out);
	}
	for (int i = 0; i < d->m; i++) {
		fprintf(s->out, "  %-10s", i ? "" : "C");
		for (int j = 0; j < d->k; j++)
			fprintf(s->out, " %s",
			        fmt_num(buf, sizeof buf, d->C[(size_t)i * d->k + j], s->set.precision));
		fputc('\n', s->out);
	}
}

/* A matrix game's payoffs: whole when they fit a screen, else their size and range. */
static void show_payoff(sess *s, const prob *p)
{
	int m, k;
	const double *a = problib_payoff(p, &m, &k);
	char buf[40], hi[40];
	if (!a)
		return;
	if (m > 12 || k > 12) {
		double lo = a[0], up = a[0];
		for (size_t i = 1; i < (size_t)m * (size_t)k; i++) {
			lo = fmin(lo, a[i]);
			up = fmax(up, a[i]);
		}
		fprintf(s->out, "  payoff     a %d x %d matrix, entries in [%s, %s]\n", m, k,
		        fmt_num(buf, sizeof buf, lo, s->set.precision),
		        fmt_num(hi, sizeof hi, up, s->set.precision));
		return;
	}
	fprintf(s->out, "  payoff     (the row player, x, pays x'Ay to the column player, y)\n");
	for (int i = 0; i < m; i++) {
		fprintf(s->out, "  %-10s", i ? "" : "A");
		for (int j = 0; j < k; j++)
			fprintf(s->out, " %10s",
			        fmt_num(buf, sizeof buf, a[(size_t)i * k + j], s->set.precision));
		fputc('\n', s->out);
	}
}

/* A finite sum's data: how many rows of how many features, what the labels are, whence. */
static void show_dataset(sess *s, const prob *p)
{
	static const char *const label[] = {"real targets b_i (squared loss)",
	                                    "labels b_i = +-1 (logistic loss)",
	                                    "class labels b_i (softmax loss)"};
	double lam = 0;
	const ds *d = psum_data(p, &lam);
	char buf[40];
	if (!d) {
		if (p->sum)
			fprintf(s->out, "  data       a sum of %ld components\n", p->sum->m);
		return;
	}
	int truth = 0;
	for (size_t i = 0; i < (size_t)d->k * (size_t)d->d && !truth; i++)
		truth = d->wtrue[i] != 0;
	fprintf(s->out, "  data       m = %ld rows a_i of d = %d features, %s\n", d->m, d->d,
	        label[d->kind]);
	if (d->kind == DS_SOFTMAX)
		fprintf(s->out, "  classes    %d (x is a %d x %d weight matrix)\n", d->k, d->k, d->d);
	fprintf(s->out, "  source     %s\n",
	        truth ? "generated (seeded); the ground truth is kept" : "read from a file");
	if (lam > 0)
		fprintf(s->out, "  l2 weight  %s\n", fmt_num(buf, sizeof buf, lam, s->set.precision));
}

/* A bilevel problem's levels: which variables each one moves. */
static void show_bilevel(sess *s, const prob *p)
{
	const bilevel *b = bilevel_of(p);
	if (!b)
		return;
	fprintf(s->out, "  upper      %s   (min over x: the first %d variable%s)\n", b->upper_src,
	        b->nx, b->nx == 1 ? "" : "s");
	fprintf(s->out, "  lower      %s   (y, the other %d: in its argmin, optimistic)\n",
	        b->lower_src, b->ny);
	for (int k = 0; k < b->mc; k++)
		fprintf(s->out, "  %-10s %s   (the lower level's, over x and y)\n",
		        k ? "" : "subject to", b->con_src[k]);
}

/* Several objectives: each formula, the reference point, the known front's hypervolume. */
static void show_objectives(sess *s, const prob *p)
{
	const multi *m = multi_of(p);
	char buf[64];
	if (!m)
		return;
	for (int i = 0; i < m->k; i++)
		fprintf(s->out, "  f%-9d %.200s%s\n", i + 1, m->src[i],
		        strlen(m->src[i]) > 200 ? " ..." : "");
	if (!isnan(m->ref[0])) {
		fprintf(s->out, "  ref        (");
		for (int i = 0; i < m->k; i++)
			fprintf(s->out, "%s%s", i ? ", " : "",
			        fmt_num(buf, sizeof buf, m->ref[i], s->set.precision));
		fprintf(s->out, ")  hypervolume's reference point\n");
	}
	if (m->nfront)
		fprintf(s->out, "  front      %d points of the true Pareto front, hypervolume %s\n",
		        m->nfront, fmt_num(buf, sizeof buf, m->hvstar, s->set.precision));
}

static void show_problem(sess *s, const ws_item *it)
{
	const prob *p = it->u.prob->p;
	char buf[64];
	int prec = s->set.precision;
	fprintf(s->out, "problem %s%s%s\n", it->name, *it->u.prob->def == '(' ? "" : " ",
	        it->u.prob->def);
	fprintf(s->out, "  dimension  %d\n", p->n);
	if (p->n <= 16) {
		fprintf(s->out, "  variables ");
		for (int i = 0; i < p->n; i++) {
			prob_coord_name(p, i, buf, sizeof buf);
			fprintf(s->out, " %s", buf);
		}
		fputc('\n', s->out);
	}
	fprintf(s->out, "  offers    ");
	for (unsigned cap = 1; cap <= PROB_CAP_LAST; cap <<= 1)
		if (p->caps & cap)
			fprintf(s->out, " %s", prob_cap_name(cap));
	fputc('\n', s->out);
	if (plug_fd_gradient(p))
		fprintf(s->out, "  warning    the gradient is central differences: the plugin gives "
		                "none (check and methods that need an exact one refuse it)\n");
	if (!isnan(p->fstar))
		fprintf(s->out, "  f*         %s\n", fmt_num(buf, sizeof buf, p->fstar, prec));
	show_transport(s, p);
	show_payoff(s, p);
	show_dataset(s, p);
	show_bilevel(s, p);
	show_objectives(s, p);
	for (int k = 0; k < p->nsol && p->n > 16; k++) { /* long: summarized */
		fprintf(s->out, "  x*%s\n", p->nsol > 1 ? " (one of several)" : "");
		cmd_vec_print(s, p->xstar + (size_t)k * (size_t)p->n, p->n, p, NULL);
	}
	for (int k = 0; k < p->nsol && p->n <= 16; k++) {
		fprintf(s->out, "  x*         (");
		for (int i = 0; i < p->n; i++)
			fprintf(s->out, "%s%s", i ? ", " : "",
			        fmt_num(buf, sizeof buf, p->xstar[k * p->n + i], prec));
		fprintf(s->out, ")\n");
	}
	if (p->n <= 16) {
		fprintf(s->out, "  start      (");
		for (int i = 0; i < p->n; i++)
			fprintf(s->out, "%s%s", i ? ", " : "", fmt_num(buf, sizeof buf, p->x0[i], prec));
		fprintf(s->out, ")\n");
	}
}

static void show_solver(sess *s, const ws_item *it)
{
	const ws_solver *sv = &it->u.solver;
	char buf[64];
	fprintf(s->out, "solver %s = %s\n", it->name, sv->m->name);
	for (int i = 0; i < sv->m->nparams; i++) {
		param_format(&sv->m->params[i], sv->params[i], buf, sizeof buf);
		fprintf(s->out, "  %-12s %s\n", sv->m->params[i].name, buf);
	}
}

static void show_row(sess *s, const trace *t, long i, int nx)
{
	const trace_row *row = trace_row_at(t, i);
	int p = s->set.precision;
	char a[32], b[32], c[32];
	bool held = trace_fiter(t, i) != row->iter; /* f and gnorm of an earlier iterate: blank */
	/* no time column: tables are compared exactly in tests (CSV has it) */
	fprintf(s->out, "%6ld %14s %12s %12s %6ld %6ld %6ld", row->iter,
	        held ? "" : fmt_num(a, sizeof a, row->f, p),
	        held ? "" : fmt_num(b, sizeof b, row->gnorm, p),
	        fmt_num(c, sizeof c, row->step, p), row->nf, row->ng, row->nh);
	for (int k = 0; k < trace_nextra(t); k++) /* the method's own columns */
		fprintf(s->out, " %12s", fmt_num(a, sizeof a, trace_extra(t, i, k), p));
	const double *x = trace_x(t, i);
	for (int j = 0; j < nx; j++)
		fprintf(s->out, " %13s", fmt_num(a, sizeof a, x[j], p));
	fputc('\n', s->out);
}

/* `show RUN x`: the current iterate, summarized beyond a screen. */
static int show_iterate(sess *s, lex *l, const ws_item *it)
{
	const run *r = it->u.run.r;
	const prob *p = run_prob(r);
	lex_next(l);
	if (parse_end(s, l) != 0)
		return -1;
	fprintf(s->out, "run %s: x at iter %ld (n = %d)\n", it->name, run_iter(r), p->n);
	cmd_vec_print(s, run_x(r), p->n, p, NULL);
	return 0;
}

/* `show RUN [all | first N | last N | x]`: a table of iterations, or the iterate. */
static int show_run(sess *s, lex *l, const ws_item *it)
{
	const run *r = it->u.run.r;
	const trace *t = run_trace(r);
	long len = trace_len(t), first = len, last = 0;
	if (lex_word(l, "x"))
		return show_iterate(s, l, it);
	if (lex_word(l, "multipliers")) {
		lex_next(l);
		if (parse_end(s, l) != 0)
			return -1;
		fprintf(s->out, "run %s: multipliers at iter %ld\n", it->name, run_iter(r));
		if (cmd_vec_mults(s, r, len - 1) == 0)
			fprintf(s->out, "  none: %s records no multipliers\n", run_meth(r)->name);
		return 0;
	}
	if (lex_word(l, "all")) {
		lex_next(l);
	} else if (lex_word(l, "first") || lex_word(l, "last")) {
		int is_first = lex_word(l, "first");
		long k;
		lex_next(l);
		if (parse_long(s, l, "the number of rows", 1, 1000000000L, &k) != 0)
			return -1;
		first = is_first ? k : 0;
		last = is_first ? 0 : k;
	} else if (len > 2 * SHOW_HEAD + 1) {
		first = last = SHOW_HEAD;
	}
	if (parse_end(s, l) != 0)
		return -1;
	if (first > len)
		first = len;
	if (last > len - first)
		last = len - first;
	const prob *p = run_prob(r);
	int nx = p->n <= 4 ? p->n : 0;
	fprintf(s->out, "run %s = %s on %s: %s\n", it->name, it->u.run.solver_def,
	        it->u.run.prob_name, run_stop_name(run_status(r)));
	fprintf(s->out, "%6s %14s %12s %12s %6s %6s %6s", "iter", "f", "gnorm", "step", "nf", "ng",
	        "nh");
	for (int k = 0; k < trace_nextra(t); k++)
		fprintf(s->out, " %12s", trace_extra_name(t, k));
	char name[64];
	for (int j = 0; j < nx; j++) {
		prob_coord_name(p, j, name, sizeof name);
		fprintf(s->out, " %13s", name);
	}
	fputc('\n', s->out);
	for (long i = 0; i < first; i++)
		show_row(s, t, i, nx);
	if (first + last < len)
		fprintf(s->out, "   ... %ld rows not shown (`show %s all`, `show %s last N`)\n",
		        len - first - last, it->name, it->name);
	for (long i = len - last; i < len; i++)
		show_row(s, t, i, nx);
	return 0;
}

static void show_settings(sess *s);

int cmd_show(sess *s, lex *l)
{
	if (l->tok.kind == LEX_END || lex_word(l, "settings")) {
		if (l->tok.kind != LEX_END)
			lex_next(l);
		if (parse_end(s, l) != 0)
			return -1;
		show_settings(s);
		return 0;
	}
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a name", name, sizeof name) != 0)
		return -1;
	ws_item *it = ws_get(&s->ws, name);
	if (!it)
		return sess_fail(s, col, "nothing named '%s'; `list` shows the workspace", name);
	if (it->kind == WS_RUN)
		return show_run(s, l, it);
	if (parse_end(s, l) != 0)
		return -1;
	char buf[64];
	switch (it->kind) {
	case WS_CONST:
		fprintf(s->out, "let %s = %s  # %s\n", it->name, it->u.c.def,
		        fmt_num(buf, sizeof buf, it->u.c.value, 17));
		break;
	case WS_PROBLEM:
		show_problem(s, it);
		break;
	case WS_SOLVER:
		show_solver(s, it);
		break;
	case WS_DATA:
		cmd_vec_show_data(s, it);
		break;
	case WS_RUN:
		break;
	}
	return 0;
}

static void show_settings(sess *s)
{
	char buf[32];
	const run_opts *o = &s->set.run;
	fprintf(s->out, "precision  %d\n", s->set.precision);
	fprintf(s->out, "maxsteps   %ld\n", s->set.maxsteps);
	fprintf(s->out, "steplimit  %ld\n", s->set.steplimit);
	fprintf(s->out, "gtol       %s\n", fmt_num(buf, sizeof buf, o->gtol, 6));
	fprintf(s->out, "ftol       %s\n", fmt_num(buf, sizeof buf, o->ftol, 6));
	fprintf(s->out, "xtol       %s\n", fmt_num(buf, sizeof buf, o->xtol, 6));
	fprintf(s->out, "maxiter    %ld\n", o->maxiter);
	fprintf(s->out, "maxtime    %s\n", fmt_num(buf, sizeof buf, o->maxtime, 6));
	fprintf(s->out, "seed       %llu\n", (unsigned long long)o->seed);
	fprintf(s->out, "tracelimit %s\n", fmt_num(buf, sizeof buf, o->tracelimit, 6));
	fprintf(s->out, "linelimit  %ld\n", s->set.linelimit);
	fprintf(s->out, "depthlimit %ld\n", s->set.depthlimit);
	fprintf(s->out, "dimlimit   %ld\n", s->set.dimlimit);
	fprintf(s->out, "gridlimit  %ld\n", s->set.gridlimit);
	fprintf(s->out, "worklimit  %ld\n", s->set.worklimit);
	fprintf(s->out, "colors     %s\n", s->set.colors_text);
}

int cmd_list(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	if (s->ws.count == 0) {
		fprintf(s->out, "the workspace is empty\n");
		return 0;
	}
	char buf[64];
	for (int i = 0; i < s->ws.count; i++) {
		const ws_item *it = s->ws.items[i];
		switch (it->kind) {
		case WS_CONST:
			fprintf(s->out, "constant %-10s = %s\n", it->name,
			        fmt_num(buf, sizeof buf, it->u.c.value, s->set.precision));
			break;
		case WS_PROBLEM:
			fprintf(s->out, "problem  %-10s n = %d\n", it->name, it->u.prob->p->n);
			break;
		case WS_SOLVER:
			parse_format_method(&it->u.solver, buf, sizeof buf);
			fprintf(s->out, "solver   %-10s = %s\n", it->name, buf);
			break;
		case WS_DATA:
			fprintf(s->out, "data     %-10s %d values\n", it->name, it->u.d.len);
			break;
		case WS_RUN:
			fprintf(s->out, "run      %-10s = %s on %s, iter %ld, %s%s%s%s\n", it->name,
			        it->u.run.solver_def, it->u.run.prob_name, run_iter(it->u.run.r),
			        run_stop_name(run_status(it->u.run.r)), it->u.run.label ? ", label \"" : "",
			        it->u.run.label ? it->u.run.label : "", it->u.run.label ? "\"" : "");
			break;
		}
	}
	return 0;
}

static void print_params(sess *s, const param_def *defs, int n)
{
	char d[64], lo[32], hi[32];
	for (int i = 0; i < n; i++) {
		const param_def *p = &defs[i];
		param_format(p, p->def, d, sizeof d);
		if (p->choices) {
			char list[256] = "";
			for (int k = 0; p->choices[k]; k++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? " | " : "",
				         p->choices[k]);
			fprintf(s->out, "  %-12s = %-10s %s (%s)\n", p->name, d, p->help, list);
		} else {
			fprintf(s->out, "  %-12s = %-10s %s [%s, %s]\n", p->name, d, p->help,
			        fmt_num(lo, sizeof lo, p->lo, 6), fmt_num(hi, sizeof hi, p->hi, 6));
		}
	}
}

/* A fixed test function's known minimizers and f* (those without parameters: cheap). */
static void describe_minimizers(sess *s, const problib_entry *e)
{
	char err[256], a[40];
	if (e->nparams)
		return;
	prob *p = problib_make(e, NULL, err, sizeof err);
	if (!p)
		return;
	if (p->nsol > 0 && p->n <= 16) {
		fprintf(s->out, "  minimizer%s", p->nsol > 1 ? "s" : "");
		for (int k = 0; k < p->nsol; k++) {
			fprintf(s->out, "%s(", k ? ", " : " ");
			for (int i = 0; i < p->n; i++)
				fprintf(s->out, "%s%s", i ? ", " : "",
				        fmt_num(a, sizeof a, p->xstar[k * p->n + i], s->set.precision));
			fprintf(s->out, ")");
		}
		fprintf(s->out, "\n");
	}
	if (!isnan(p->fstar))
		fprintf(s->out, "  f*         %s\n", fmt_num(a, sizeof a, p->fstar, s->set.precision));
	prob_free(p);
}

int cmd_describe(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a method or library problem", name, sizeof name) != 0 ||
	    parse_end(s, l) != 0)
		return -1;
	const meth *m = meth_find(name);
	if (m) {
		fprintf(s->out, "%s: %s\n", m->name, m->summary);
		fprintf(s->out, "  family     %s\n", m->family);
		fprintf(s->out, "  reference  %s\n", m->reference);
		fprintf(s->out, "  needs     ");
		for (unsigned cap = 1; cap <= PROB_CAP_LAST; cap <<= 1)
			if (m->needs & cap)
				fprintf(s->out, " %s", prob_cap_name(cap));
		enum station_kind sk = station_kind_caps(m->needs);
		fprintf(s->out, "\n  gnorm      %s%s\n", m->gnorm ? m->gnorm : station_name(sk),
		        sk == STATION_GRAD && !m->gnorm
		            ? " (of its kind on other problems: `help until`)"
		            : "");
		fprintf(s->out, "  parameters%s\n", m->nparams ? "" : " none");
		print_params(s, m->params, m->nparams);
		return 0;
	}
	const problib_entry *e = problib_find(name);
	if (e) {
		fprintf(s->out, "%s: %s\n  f = %s\n  parameters%s\n", e->name, e->summary, e->formula,
		        e->nparams ? "" : " none");
		print_params(s, e->params, e->nparams);
		if (cmd_data_accepts(e->name))
			fprintf(s->out, "  %-12s   %-10s data from a CSV file in place of the generated data,\n"
			                "  %-12s   %-10s with lambda, label = K (1-based; 0: the last column)"
			                " and intercept = yes\n",
			        "csv", "\"FILE\"", "", "");
		describe_minimizers(s, e);
		return 0;
	}
	char hint[96];
	return sess_fail(s, col, "no method or library problem '%s'%s; see `methods` and `problems`",
	                 name, parse_suggest(s, name, SUGGEST_METHOD | SUGGEST_LIBRARY, hint, sizeof hint));
}

int cmd_methods(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	int n;
	const meth *const *cat = meth_catalog(&n);
	const char *family = NULL;
	for (int i = 0; i < n; i++) {
		if (!family || strcmp(family, cat[i]->family) != 0) {
			family = cat[i]->family;
			fprintf(s->out, "%s%s:\n", i ? "\n" : "", family);
		}
		fprintf(s->out, "  %-14s %s\n", cat[i]->name, cat[i]->summary);
	}
	return 0;
}

int cmd_problems(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	int n;
	const problib_entry *lib = problib_catalog(&n);
	for (int i = 0; i < n; i++)
		fprintf(s->out, "  %-16s %s\n", lib[i].name, lib[i].summary);
	return 0;
}
