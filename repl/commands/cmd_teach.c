/* Commands for teaching: assert (scripts that test themselves), explain (what the
 * last step of a run did). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_vec.h"
#include "cond.h"
#include "explain_terms.h"
#include "fmt.h"
#include "game.h"
#include "parse.h"

#define EXPLAIN_COORDS 6 /* coordinates printed of a vector */

/* assert RUN CONDITION: the condition language of `until`, on the run's latest row. */
int cmd_assert(sess *s, lex *l)
{
	ws_item *it = parse_item(s, l, WS_RUN);
	if (!it)
		return -1;
	const char *name = it->name;
	int ccol = l->tok.col;
	cond *c = cond_parse(s, l);
	if (!c)
		return -1;
	int cend = l->tok.col;
	if (parse_end(s, l) != 0) {
		cond_free(c);
		return -1;
	}
	const run *r = it->u.run.r;
	const char *missing = cond_missing(c, r);
	if (missing) {
		cond_free(c);
		return sess_fail(s, ccol, "run '%s' has no %s", name, missing);
	}
	if (cond_eval(c, r)) {
		cond_free(c);
		return 0;
	}
	char got[256];
	cond_measured(c, r, s->set.precision, got, sizeof got);
	cond_free(c);
	int len = cend - ccol;
	while (len > 0 && (l->src[ccol + len - 1] == ' ' || l->src[ccol + len - 1] == '\t'))
		len--;
	return sess_fail(s, ccol, "assertion failed: run '%s' at iter %ld has %s, not %.*s", name,
	                 run_iter(r), got, len, l->src + ccol);
}

/* "(v1, v2, ...)" with at most EXPLAIN_COORDS coordinates. */
static const char *vec(char *buf, size_t cap, const double *v, int n, int prec)
{
	size_t len = 0;
	char num[32];
	buf[0] = 0;
	for (int i = 0; i < n && i < EXPLAIN_COORDS && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ", " : "(",
		                        fmt_num(num, sizeof num, v[i], prec));
	if (len < cap)
		snprintf(buf + len, cap - len, "%s)", n > EXPLAIN_COORDS ? ", ..." : "");
	return buf;
}

static double norm(const double *v, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += v[i] * v[i];
	return sqrt(s);
}

/* The move split into the plain gradient step -t grad f(x_{k-1}) and the rest. */
static void explain_move(sess *s, const run *r, long k)
{
	const trace *t = run_trace(r);
	const prob *p = run_prob(r);
	int n = trace_n(t), prec = s->set.precision;
	if (trace_nx(t) != n || !(p->caps & PROB_GRAD) || !p->ops->grad) {
		fprintf(s->out, "  (the iterate is not kept whole for n = %d: no move to split)\n", n);
		return;
	}
	const double *x0 = trace_x(t, k - 1), *x1 = trace_x(t, k);
	double *g = malloc((size_t)n * 3 * sizeof *g);
	if (!g)
		return;
	double *dx = g + n, *rest = g + 2 * n;
	p->ops->grad(p->ctx, x0, g); /* uncounted: explaining is not the run's work */
	int game = (p->caps & PROB_GAME) != 0; /* the operator F: the max player ascends */
	for (int i = game ? game_nx(p) : n; i < n; i++)
		g[i] = -g[i];
	double step = trace_row_at(t, k)->step;
	for (int i = 0; i < n; i++) {
		dx[i] = x1[i] - x0[i];
		rest[i] = dx[i] + step * g[i];
	}
	char b1[256], b2[32], b3[32];
	const char *G = game ? "F" : "g";
	fprintf(s->out, "  %s at x_%ld: %s, |%s| = %s\n",
	        game ? "operator F = (grad_x f, -grad_y f)" : "gradient g", k - 1,
	        vec(b1, sizeof b1, g, n, prec), G, fmt_num(b2, sizeof b2, norm(g, n), prec));
	fprintf(s->out, "  move x_%ld - x_%ld: %s, |dx| = %s\n", k, k - 1,
	        vec(b1, sizeof b1, dx, n, prec), fmt_num(b2, sizeof b2, norm(dx, n), prec));
	double nr = norm(rest, n), nd = norm(dx, n);
	const explain_terms *et = explain_terms_find(run_meth(r)->family);
	const char *own = et ? et->rest : "the method's own direction";
	if (nd == 0)
		fprintf(s->out, "  no move of the iterate (a refused step, or one that improved other points): %s\n", own);
	else if (et && et->valued)
		fprintf(s->out, "  not a gradient step: %s\n", own);
	else if (nr <= 1e-12 * nd)
		fprintf(s->out, "  = -step * %s: a plain %s step of size %s\n", G,
		        game ? "operator" : "gradient", fmt_num(b2, sizeof b2, step, prec));
	else
		fprintf(s->out, "  = -step * %s (|.| = %s) + the rest (|.| = %s): %s\n", G,
		        fmt_num(b2, sizeof b2, step * norm(g, n), prec), fmt_num(b3, sizeof b3, nr, prec),
		        own);
	free(g);
}

/* Trust-region and cubic steps: the model's predicted decrease against the actual
 * one, their ratio rho, and whether the step was taken. */
static void explain_model(sess *s, const trace *t, long k)
{
	int ip = trace_extra_find(t, "pred"), ia = trace_extra_find(t, "ared"),
	    ir = trace_extra_find(t, "rho");
	if (ip < 0)
		return;
	const trace_row *b = trace_row_at(t, k);
	double pred = trace_extra(t, k, ip), rho = ir >= 0 ? trace_extra(t, k, ir) : NAN;
	double ared = ia >= 0 ? trace_extra(t, k, ia) : rho * pred;
	if (isnan(pred))
		return;
	int prec = s->set.precision;
	char v1[32], v2[32], v3[32];
	if (isnan(rho) && pred != 0)
		rho = ared / pred;
	fprintf(s->out, "  model: predicted decrease %s, actual %s, rho = %s: the step was %s\n",
	        fmt_num(v1, sizeof v1, pred, prec), fmt_num(v2, sizeof v2, ared, prec),
	        fmt_num(v3, sizeof v3, rho, prec), b->step > 0 ? "taken" : "refused (x stays)");
	/* the model with its regularization, then the step it chose (the picture's marker) */
	int ig = trace_extra_find(t, "sigma"), iM = trace_extra_find(t, "M"),
	    iR = trace_extra_find(t, "radius");
	if (ig >= 0 || iM >= 0)
		fprintf(s->out, "  the model: m(s) = f + g's + s'Hs/2 + %s, %s = %s\n",
		        ig >= 0 ? "sigma |s|^3/3" : "M |s|^3/6", ig >= 0 ? "sigma" : "M",
		        fmt_num(v1, sizeof v1, trace_extra(t, k, ig >= 0 ? ig : iM), prec));
	else if (iR >= 0)
		fprintf(s->out, "  the model: m(s) = f + g's + s'Hs/2 within |s| <= radius = %s\n",
		        fmt_num(v1, sizeof v1, trace_extra(t, k, iR), prec));
	const double *xt;
	int taken = trace_model_trial(t, k, &xt);
	int n = trace_nx(t);
	if (taken < 0 || n != trace_n(t))
		return;
	const double *x = trace_x(t, k - 1);
	double *sv = malloc((size_t)n * sizeof *sv);
	if (!sv)
		return;
	for (int i = 0; i < n; i++)
		sv[i] = xt[i] - x[i];
	char b1[256], b2[256];
	fprintf(s->out, "  its minimizer: s = %s, |s| = %s, x + s = %s (%s in the picture)\n",
	        vec(b1, sizeof b1, sv, n, prec), fmt_num(v1, sizeof v1, norm(sv, n), prec),
	        vec(b2, sizeof b2, xt, n, prec), taken ? "a diamond" : "a cross");
	free(sv);
}

/* explain RUN: what the last step did, with its numbers. */
int cmd_explain(sess *s, lex *l)
{
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a run", name, sizeof name) != 0 || parse_end(s, l) != 0)
		return -1;
	ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
	if (!it)
		return sess_fail(s, col, "no run '%s'; `list` shows the workspace", name);
	const run *r = it->u.run.r;
	const trace *t = run_trace(r);
	long k = trace_len(t) - 1;
	if (k < 1)
		return sess_fail(s, col, "run '%s' has taken no step yet; `step %s` takes one", name,
		                 name);
	const trace_row *a = trace_row_at(t, k - 1), *b = trace_row_at(t, k);
	const meth *m = run_meth(r);
	int prec = s->set.precision;
	char v1[32], v2[32], v3[32], v4[32], v5[32];
	/* the numbers first: the view's message row shows the first line or two */
	fprintf(s->out, "%s: step %ld of %s on %s\n", name, k, it->u.run.solver_def,
	        it->u.run.prob_name);
	long at = trace_fiter(t, k);
	if (at != b->iter) /* a sampled step: f and gnorm are the last full evaluation's */
		fprintf(s->out, "  f and gnorm not evaluated at this step: %s and %s at iteration %ld\n",
		        fmt_num(v1, sizeof v1, b->f, prec), fmt_num(v2, sizeof v2, b->gnorm, prec), at);
	else
		fprintf(s->out, "  f: %s -> %s (change %s), gnorm: %s -> %s\n",
		        fmt_num(v1, sizeof v1, a->f, prec), fmt_num(v2, sizeof v2, b->f, prec),
		        fmt_num(v3, sizeof v3, b->f - a->f, prec),
		        fmt_num(v4, sizeof v4, a->gnorm, prec), fmt_num(v5, sizeof v5, b->gnorm, prec));
	fprintf(s->out, "  step size %s; oracle calls:", fmt_num(v1, sizeof v1, b->step, prec));
	static const char *const kinds[] = {"f", "gradient", "Hessian", "prox",
	                                    "component gradient"};
	int icg = trace_extra_find(t, "ncg");
	long calls[] = {b->nf - a->nf, b->ng - a->ng, b->nh - a->nh, b->nprox - a->nprox,
	                icg < 0 ? 0 : (long)(trace_extra(t, k, icg) - trace_extra(t, k - 1, icg))};
	int any = 0;
	for (int i = 0; i < 5; i++)
		if (calls[i] != 0)
			fprintf(s->out, "%s %ld %s", any++ ? "," : "", calls[i], kinds[i]);
	const double *probes;
	int np = trace_probes(t, k, &probes);
	if (np == 0)
		fprintf(s->out, "%s; no probe point\n", any ? "" : " none");
	else {
		const explain_terms *et = explain_terms_find(m->family);
		fprintf(s->out, "%s; %d probe point%s (%s)\n", any ? "" : " none", np, np == 1 ? "" : "s",
		        et ? et->probes : "the method's trial points");
	}
	explain_move(s, r, k);
	int ncols = trace_extra_find(t, "mult1"); /* the multipliers follow the method's columns */
	ncols = ncols < 0 ? trace_nextra(t) : ncols;
	if (ncols > 0) {
		fprintf(s->out, "  %s's columns:", m->name);
		for (int e = 0; e < ncols; e++) {
			double v = trace_extra(t, k, e);
			const char *word = explain_terms_column(m->name, trace_extra_name(t, e), v);
			fprintf(s->out, "%s %s = %s%s%s%s", e ? "," : "", trace_extra_name(t, e),
			        isnan(v) ? "n/a" : fmt_num(v1, sizeof v1, v, prec), word ? " (" : "",
			        word ? word : "", word ? ")" : "");
		}
		fprintf(s->out, "\n");
	}
	if (ncols < trace_nextra(t)) {
		fprintf(s->out, "  multipliers, with their constraints:\n");
		cmd_vec_mults(s, r, k);
	}
	explain_model(s, t, k);
	fprintf(s->out, "  method: %s\n", m->summary);
	const double *par = run_params(r);
	for (int i = 0; i < m->nparams; i++) {
		const param_def *d = &m->params[i];
		fprintf(s->out, "%s %s = %s", i ? "," : "  parameters:", d->name,
		        d->choices ? d->choices[(int)par[i]] : fmt_num(v1, sizeof v1, par[i], prec));
	}
	if (m->nparams > 0)
		fprintf(s->out, "\n");
	return 0;
}
