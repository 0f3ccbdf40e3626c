/* `check PROBLEM [at (V, ...)] [hessian] [seed N] [export "FILE"]`: a problem's
 * derivatives against Taylor remainders and finite differences (check.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dcheck.h"
#include "cmd_all.h"
#include "fig.h"
#include "parse.h"
#include "plugin.h"
#include "version.h"

#define CHECK_MAXCOORDS 20000 /* coordinates compared one by one; a seeded sample beyond */

typedef struct check_req {
	ws_item *it;
	double *x; /* the point (owned), or NULL: the problem's default start */
	dcheck_opts o;
	char *path; /* the remainder figure, or NULL */
} check_req;

/* [at (V, ...)] [hessian] [seed N] [export "FILE"], in any order. */
static int parse_check(sess *s, lex *l, check_req *q)
{
	const prob *p = q->it->u.prob->p;
	while (l->tok.kind == LEX_WORD) {
		int col = l->tok.col;
		if (lex_word(l, "at") && !q->x) {
			lex_next(l);
			int tcol = l->tok.col, n;
			if (parse_tuple(s, l, &q->x, &n) != 0)
				return -1;
			if (n != p->n)
				return sess_fail(s, tcol, "problem '%s' has %d variable%s, the point has %d",
				                 q->it->name, p->n, p->n == 1 ? "" : "s", n);
		} else if (lex_word(l, "hessian")) {
			lex_next(l);
			q->o.hessian = 1;
		} else if (lex_word(l, "seed")) {
			lex_next(l);
			long k;
			if (parse_long(s, l, "seed", 0, 9007199254740991L, &k) != 0)
				return -1;
			q->o.seed = (uint64_t)k;
		} else if (lex_word(l, "export") && !q->path) {
			lex_next(l);
			int pcol = l->tok.col;
			if (parse_string(s, l, "a file name", &q->path) != 0)
				return -1;
			if (fig_format_from_path(q->path) < 0)
				return sess_fail(s, pcol, "a figure is .png, .svg or .pdf");
			if (s->sandbox) /* as every command that writes files */
				return sess_fail(s, pcol, "files are off in this session");
		} else {
			return sess_fail(s, col, "expected at (V, ...), hessian, seed N, export \"FILE\" "
			                         "or the end");
		}
	}
	return parse_end(s, l);
}

/* The remainders on log-log axes with dashed slopes 1 and 2 (3 for the Hessian)
 * through the fitted window, as Manopt draws them. */
static int write_figure(sess *s, lex *l, const check_req *q, const dcheck_result *r)
{
	enum { NS = 5 };
	double lt[DCHECK_NPTS], ref[NS - 1][DCHECK_NPTS];
	scene_series ser[NS];
	int ns = 0;
	double lo = INFINITY; /* reference lines stop a decade below the smallest remainder */
	for (int k = 0; k < DCHECK_NPTS; k++) {
		lt[k] = log10(r->grad.t[k]);
		if (r->grad.err[k] > 0)
			lo = fmin(lo, r->grad.err[k] / 10);
		if (r->hessian && r->hess.err[k] > 0)
			lo = fmin(lo, r->hess.err[k] / 10);
	}
	const dcheck_slope *sl[2] = {&r->grad, r->hessian ? &r->hess : NULL};
	const char *names[2] = {"first-order remainder", "second-order remainder"};
	static const char *const refs[3] = {"slope 1", "slope 2", "slope 3"};
	for (int w = 0; w < 2 && sl[w]; w++) {
		ser[ns++] = (scene_series){.label = names[w], .color = w, .x = lt, .y = sl[w]->err,
		                           .n = DCHECK_NPTS};
		int a = sl[w]->lo >= 0 ? sl[w]->lo : DCHECK_NPTS / 2;
		for (int e = w + 1; e <= w + 2 && sl[w]->err[a] > 0; e++) {
			if (w == 1 && e == 2)
				continue; /* slope 2 is drawn once */
			double *y = ref[ns - 1];
			for (int k = 0; k < DCHECK_NPTS; k++)
				y[k] = sl[w]->err[a] * pow(r->grad.t[k] / r->grad.t[a], e);
			for (int k = 0; k < DCHECK_NPTS; k++)
				if (y[k] < lo)
					y[k] = 0; /* not drawn on the log axis */
			ser[ns++] = (scene_series){.label = refs[e - 1], .color = e + 1, .x = lt, .y = y,
			                           .n = DCHECK_NPTS, .dashed = true};
		}
	}
	char title[160], software[64], err[512];
	snprintf(title, sizeof title, "Taylor remainders of %.80s", q->it->name);
	scene_conv sc = {.title = title, .xlabel = "log10 step t", .ylabel = "remainder",
	                 .ylog = true, .series = ser, .nseries = ns};
	snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
	char *source = cmd_figure_source(s, l->src);
	fig_opts fo = {.width = 1600, .height = 1200, .software = software, .source = source};
	int rc = fig_write(q->path, (fig_format)fig_format_from_path(q->path), &fo, NULL, &sc, err,
	                   sizeof err);
	free(source);
	return rc == 0 ? 0 : sess_fail(s, 0, "%s", err);
}

static void print_slope(sess *s, const char *what, const dcheck_slope *sl, int expect)
{
	if (sl->exact)
		fprintf(s->out, "  %sslope = inf (the remainder is at rounding level at every step)\n",
		        what);
	else if (isnan(sl->slope))
		fprintf(s->out, "  %sslope = nan (no step leaves the remainder clear of rounding)\n",
		        what);
	else
		fprintf(s->out, "  %sslope = %.2f over steps %.3g .. %.3g (%d when right, %d when wrong)\n",
		        what, sl->slope, sl->t[sl->lo], sl->t[sl->hi], expect, expect - 1);
}

static void report(sess *s, const check_req *q, const dcheck_result *r)
{
	const prob *p = q->it->u.prob->p;
	char name[64];
	fprintf(s->out, "check %s: Taylor remainders along a random direction (seed %llu)\n",
	        q->it->name, (unsigned long long)q->o.seed);
	print_slope(s, "", &r->grad, 2);
	fprintf(s->out, "  relative error %.2g of the directional derivative at step %.3g\n",
	        r->grad.relerr, r->grad.relerr_t);
	if (r->worst >= 0) {
		prob_coord_name(p, r->worst, name, sizeof name);
		fprintf(s->out, "  worst coordinate %s: gradient %.10g, differences %.10g, "
		        "relative error %.2g (%d of %d coordinates compared)\n",
		        name, r->worst_g, r->worst_fd, r->worst_rel, r->ncoords, p->n);
	}
	if (r->has_coord) {
		char what[96];
		snprintf(what, sizeof what, "along %s alone: ", name);
		print_slope(s, what, &r->coord, 2);
	}
	int gok = dcheck_grad_ok(r);
	if (gok)
		fprintf(s->out, "  the gradient agrees with finite differences\n");
	else
		fprintf(s->out, "  the gradient is WRONG%s%s\n", r->worst >= 0 ? ": look at " : "",
		        r->worst >= 0 ? name : "");
	if (!r->hessian)
		return;
	print_slope(s, "hessian ", &r->hess, 3);
	fprintf(s->out, "  relative error %.2g of H d against gradient differences at step %.3g\n",
	        r->hess.relerr, r->hess.relerr_t);
	prob_coord_name(p, r->hworst, name, sizeof name);
	fprintf(s->out, "  worst entry %s of H d: %.10g, differences %.10g, relative error %.2g\n",
	        name, r->hworst_hv, r->hworst_fd, r->hworst_rel);
	if (dcheck_hess_ok(r))
		fprintf(s->out, "  the Hessian agrees with finite differences\n");
	else
		fprintf(s->out, "  the Hessian is WRONG: look at %s\n", name);
}

int cmd_check(sess *s, lex *l)
{
	check_req q = {.o = {.seed = 1, .maxcoords = CHECK_MAXCOORDS}};
	if (!(q.it = parse_item(s, l, WS_PROBLEM)))
		return -1;
	int rc = -1;
	if (parse_check(s, l, &q) != 0)
		goto out;
	const prob *p = q.it->u.prob->p;
	if (plug_fd_gradient(p)) {
		sess_fail(s, 0, "check %s: its plugin gives no gradient: the one it has is central "
		          "differences, nothing to check", q.it->name);
		goto out;
	}
	dcheck_result *r = malloc(sizeof *r);
	if (!r) {
		sess_fail(s, 0, "out of memory");
		goto out;
	}
	char err[256];
	if (dcheck_run(p, q.x ? q.x : p->x0, &q.o, r, &s->interrupted, err, sizeof err) != 0) {
		sess_fail(s, 0, "check %s: %s", q.it->name, err);
	} else {
		report(s, &q, r);
		int may = q.path ? sess_may_write(s, 0, q.path) : 1; /* --replay writes one file */
		rc = may < 0 ? -1 : may == 0 ? write_figure(s, l, &q, r) : 0;
	}
	free(r);
out:
	free(q.x);
	free(q.path);
	return rc;
}
