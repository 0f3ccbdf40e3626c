/* eval: a problem's value and derivatives at a point, every number as %.17g ("nan",
 * never "-nan"). Composite problems add g and F = f + g, constrained ones the
 * constraint values and the violation, `hessian` the dense Hessian. */
#include <stdlib.h>

#include "cmd_all.h"
#include "constr.h"
#include "fmt.h"
#include "parse.h"

#define EVAL_HESS_MAX 64 /* the Hessian is printed up to this dimension */

static void put_num(sess *s, const char *label, double v)
{
	char buf[40];
	fprintf(s->out, "%s = %s\n", label, fmt_num(buf, sizeof buf, v, 17));
}

static void put_vec(sess *s, const double *v, int n)
{
	char buf[40];
	fputc('[', s->out);
	for (int i = 0; i < n; i++)
		fprintf(s->out, "%s%s", i ? ", " : "", fmt_num(buf, sizeof buf, v[i], 17));
	fputc(']', s->out);
}

/* The constraint values c_i(x) (as LHS - RHS, inequalities first) and the violation. */
static int put_constraints(sess *s, const prob *p, const double *x)
{
	int m = constr_count(p->constr);
	double *c = malloc((size_t)m * sizeof *c);
	if (!c)
		return sess_fail(s, 0, "out of memory");
	constr_eval(p->constr, x, c);
	fprintf(s->out, "constraints = ");
	put_vec(s, c, m);
	fputc('\n', s->out);
	put_num(s, "violation", constr_violation(p->constr, x));
	free(c);
	return 0;
}

static int put_hessian(sess *s, const prob *p, const double *x, int col)
{
	int n = p->n;
	if (!(p->caps & PROB_HESS) || !p->ops->hess)
		return sess_fail(s, col, "problem '%s' offers no Hessian", p->name);
	if (n > EVAL_HESS_MAX)
		return sess_fail(s, col, "the Hessian is printed up to n = %d; problem '%s' has %d",
		                 EVAL_HESS_MAX, p->name, n);
	double *h = malloc((size_t)n * (size_t)n * sizeof *h);
	if (!h)
		return sess_fail(s, 0, "out of memory");
	oracle o = {.p = p};
	oracle_hess(&o, x, h);
	fprintf(s->out, "hessian = [");
	for (int i = 0; i < n; i++) {
		fprintf(s->out, "%s", i ? ", " : "");
		put_vec(s, h + (size_t)i * n, n);
	}
	fprintf(s->out, "]\n");
	free(h);
	return 0;
}

int cmd_eval(sess *s, lex *l)
{
	ws_item *it = parse_item(s, l, WS_PROBLEM);
	if (!it)
		return -1;
	const char *name = it->name;
	const prob *p = it->u.prob->p;
	if (parse_keyword(s, l, "at") != 0)
		return -1;
	int tcol = l->tok.col;
	double *x;
	int n;
	if (parse_tuple(s, l, &x, &n) != 0)
		return -1;
	int hcol = l->tok.col, hess = lex_word(l, "hessian");
	if (hess)
		lex_next(l);
	if (parse_end(s, l) != 0 || n != p->n) {
		free(x);
		if (n != p->n)
			return sess_fail(s, tcol, "problem '%s' has %d variable%s, the point has %d", name,
			                 p->n, p->n == 1 ? "" : "s", n);
		return -1;
	}
	double *g = calloc((size_t)p->n, sizeof *g);
	if (!g) {
		free(x);
		return sess_fail(s, 0, "out of memory");
	}
	oracle o = {.p = p};
	double f = (p->caps & PROB_GRAD) ? oracle_grad(&o, x, g) : oracle_value(&o, x);
	put_num(s, "f", f);
	if (p->caps & PROB_GRAD) {
		fprintf(s->out, "grad = ");
		put_vec(s, g, p->n);
		fputc('\n', s->out);
	}
	if (p->g) { /* composite: the nonsmooth part and the whole objective */
		double gv = p->g->value(p->g->ctx, x, p->n);
		put_num(s, "g", gv);
		put_num(s, "F", f + gv);
	}
	multi *m = multi_of(p);
	if (m) { /* several objectives: f is their mean; each value */
		double fv[MULTI_MAX];
		multi_values(m, x, fv);
		fprintf(s->out, "objectives = ");
		put_vec(s, fv, m->k);
		fputc('\n', s->out);
	}
	int rc = 0;
	if (p->constr)
		rc = put_constraints(s, p, x);
	if (!rc && hess)
		rc = put_hessian(s, p, x, hcol);
	free(g);
	free(x);
	return rc;
}
