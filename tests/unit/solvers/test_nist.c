/* test_nist: the NIST StRD nonlinear regression problems (tests/data/nist, the files
 * as NIST publishes them: data, both starts, certified parameters and residual sum of
 * squares) fitted from both published starts. lm must reach the certified parameters
 * to 6 significant digits (relative error <= 1e-6, the log relative error the StRD
 * reports of at least 6) and the certified RSS, on every problem listed with lm_must;
 * the table of which problems gaussnewton, lm, trnewton and lbfgs solve is printed.
 *
 * Each problem is min_b sum_i (y_i - model(b, x_i))^2 with the model typed as an
 * expression over b1..bk and x, so residuals, Jacobian (one reverse sweep per
 * observation), gradient and Hessian come from the expression's derivatives. */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optlab.h"
#include "testrun.h"

#define NIST_MAXP 9
#define NIST_MAXM 300

typedef struct nist_case {
	const char *name, *level, *model; /* model over b1..bk and x (x1, x2 for Nelson) */
	int logy;                         /* the model fits log(y) */
	int lm_must;                      /* lm solves it from both starts */
} nist_case;

/* clang-format off */
static const nist_case cases[] = {
	{"Misra1a", "lower", "b1*(1-exp(-b2*x))", 0, 1},
	{"Chwirut2", "lower", "exp(-b1*x)/(b2+b3*x)", 0, 1},
	{"Chwirut1", "lower", "exp(-b1*x)/(b2+b3*x)", 0, 1},
	{"Lanczos3", "lower", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", 0, 1},
	{"Gauss1", "lower", "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)", 0, 1},
	{"Gauss2", "lower", "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)", 0, 1},
	{"DanWood", "lower", "b1*x^b2", 0, 1},
	{"Misra1b", "lower", "b1*(1-(1+b2*x/2)^(-2))", 0, 1},
	{"Kirby2", "average", "(b1 + b2*x + b3*x^2)/(1 + b4*x + b5*x^2)", 0, 1},
	{"Hahn1", "average", "(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)", 0, 1},
	{"Nelson", "average", "b1 - b2*x1*exp(-b3*x2)", 1, 1},
	{"MGH17", "average", "b1 + b2*exp(-x*b4) + b3*exp(-x*b5)", 0, 1},
	{"Lanczos1", "average", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", 0, 1},
	{"Lanczos2", "average", "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", 0, 1},
	{"Gauss3", "average", "b1*exp(-b2*x) + b3*exp(-(x-b4)^2/b5^2) + b6*exp(-(x-b7)^2/b8^2)", 0, 1},
	{"Misra1c", "average", "b1*(1-(1+2*b2*x)^(-0.5))", 0, 1},
	{"Misra1d", "average", "b1*b2*x*((1+b2*x)^(-1))", 0, 1},
	{"Roszman1", "average", "b1 - b2*x - atan(b3/(x-b4))/pi", 0, 1},
	{"ENSO", "average", "b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + "
	                    "b6*sin(2*pi*x/b4) + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)", 0, 1},
	{"MGH09", "higher", "b1*(x^2+x*b2)/(x^2+x*b3+b4)", 0, 1},
	{"Thurber", "higher", "(b1+b2*x+b3*x^2+b4*x^3)/(1+b5*x+b6*x^2+b7*x^3)", 0, 1},
	{"BoxBOD", "higher", "b1*(1-exp(-b2*x))", 0, 0},
	{"Rat42", "higher", "b1/(1+exp(b2-b3*x))", 0, 1},
	{"MGH10", "higher", "b1*exp(b2/(x+b3))", 0, 1},
	{"Eckerle4", "higher", "(b1/b2)*exp(-0.5*((x-b3)/b2)^2)", 0, 1},
	{"Rat43", "higher", "b1/((1+exp(b2-b3*x))^(1/b4))", 0, 1},
	{"Bennett5", "higher", "b1*(b2+x)^(-1/b3)", 0, 1},
};
/* clang-format on */

typedef struct nist_data {
	int k, nx;
	long m;
	double start[2][NIST_MAXP], cert[NIST_MAXP], rss;
	double y[NIST_MAXM], x[NIST_MAXM][2];
} nist_data;

/* Reads a StRD file: the b lines (start 1, start 2, certified value, its standard
 * deviation), the residual sum of squares, then the rows after "Data:  y  x...". */
static int nist_read(const char *name, nist_data *d)
{
	char path[512], line[512];
	snprintf(path, sizeof path, "%s/tests/data/nist/%s.dat", OPTLAB_SOURCE_DIR, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	memset(d, 0, sizeof *d);
	int indata = 0;
	while (fgets(line, sizeof line, f)) {
		int j;
		double s1, s2, c;
		if (indata) {
			double v[3];
			int got = sscanf(line, "%lf %lf %lf", &v[0], &v[1], &v[2]);
			if (got >= 2 && d->m < NIST_MAXM) {
				d->y[d->m] = v[0];
				d->x[d->m][0] = v[1];
				d->x[d->m][1] = got > 2 ? v[2] : 0;
				d->nx = got - 1;
				d->m++;
			}
		} else if (sscanf(line, " b%d = %lf %lf %lf", &j, &s1, &s2, &c) == 4 && j >= 1 &&
		           j <= NIST_MAXP) {
			d->start[0][j - 1] = s1;
			d->start[1][j - 1] = s2;
			d->cert[j - 1] = c;
			d->k = j > d->k ? j : d->k;
		} else if (strncmp(line, "Residual Sum of Squares:", 24) == 0) {
			d->rss = strtod(line + 24, NULL);
		} else if (strncmp(line, "Data:", 5) == 0) {
			const char *p = line + 5;
			while (isspace((unsigned char)*p))
				p++;
			indata = p[0] == 'y' && isspace((unsigned char)p[1]);
		}
	}
	fclose(f);
	return d->m > 0 && d->k > 0 && d->rss > 0 ? 0 : -1;
}

/* The problem: the model's tape over (b1..bk, x[, x2]) and the data. */
typedef struct nist_prob {
	const nist_data *d;
	expr_tape *t;
	int logy;
	double z[NIST_MAXP + 2], gz[NIST_MAXP + 2], vz[NIST_MAXP + 2], hz[NIST_MAXP + 2];
} nist_prob;

static void nist_point(nist_prob *q, const double *b, long i)
{
	memcpy(q->z, b, (size_t)q->d->k * sizeof *b);
	q->z[q->d->k] = q->d->x[i][0];
	q->z[q->d->k + 1] = q->d->x[i][1];
}

static double nist_y(const nist_prob *q, long i)
{
	return q->logy ? log(q->d->y[i]) : q->d->y[i];
}

/* r_i = y_i - model: into r and its gradient -grad_b model into row i of jac. */
static double nist_jac(void *ctx, const double *b, double *r, double *jac)
{
	nist_prob *q = ctx;
	int k = q->d->k;
	double f = 0;
	for (long i = 0; i < q->d->m; i++) {
		nist_point(q, b, i);
		double mod = jac ? expr_gradient(q->t, q->z, q->gz) : expr_value(q->t, q->z);
		r[i] = nist_y(q, i) - mod;
		f += r[i] * r[i];
		for (int j = 0; jac && j < k; j++)
			jac[(size_t)i * k + j] = -q->gz[j];
	}
	return f;
}

static double nist_resid(void *ctx, const double *b, double *r)
{
	return nist_jac(ctx, b, r, NULL);
}

static double nist_grad(void *ctx, const double *b, double *g)
{
	nist_prob *q = ctx;
	int k = q->d->k;
	double f = 0;
	if (g)
		memset(g, 0, (size_t)k * sizeof *g);
	for (long i = 0; i < q->d->m; i++) {
		nist_point(q, b, i);
		double r = nist_y(q, i) - (g ? expr_gradient(q->t, q->z, q->gz) : expr_value(q->t, q->z));
		f += r * r;
		for (int j = 0; g && j < k; j++)
			g[j] -= 2 * r * q->gz[j];
	}
	return f;
}

static double nist_value(void *ctx, const double *b)
{
	return nist_grad(ctx, b, NULL);
}

/* H v = 2 sum_i (grad m_i (grad m_i . v) - r_i Hess m_i v) */
static double nist_hessvec(void *ctx, const double *b, const double *v, double *hv)
{
	nist_prob *q = ctx;
	int k = q->d->k;
	double f = 0;
	memset(hv, 0, (size_t)k * sizeof *hv);
	memset(q->vz, 0, sizeof q->vz);
	memcpy(q->vz, v, (size_t)k * sizeof *v);
	for (long i = 0; i < q->d->m; i++) {
		nist_point(q, b, i);
		double r = nist_y(q, i) - expr_hessvec(q->t, q->z, q->vz, q->gz, q->hz), gv = 0;
		f += r * r;
		for (int j = 0; j < k; j++)
			gv += q->gz[j] * v[j];
		for (int j = 0; j < k; j++)
			hv[j] += 2 * (q->gz[j] * gv - r * q->hz[j]);
	}
	return f;
}

static double nist_hess(void *ctx, const double *b, double *h)
{
	nist_prob *q = ctx;
	int k = q->d->k;
	double e[NIST_MAXP] = {0}, col[NIST_MAXP], f = 0;
	for (int j = 0; j < k; j++) {
		e[j] = 1;
		f = nist_hessvec(q, b, e, col);
		e[j] = 0;
		for (int i = 0; i < k; i++)
			h[(size_t)i * k + j] = col[i];
	}
	return f;
}

static const prob_ops nist_ops = {
	.value = nist_value, .grad = nist_grad, .hessvec = nist_hessvec, .hess = nist_hess};
static const prob_lsq nist_lsq = {.resid = nist_resid, .jac = nist_jac};

static prob *nist_prob_new(const nist_case *c, const nist_data *d, nist_prob *q)
{
	static const char *const bn[NIST_MAXP] = {"b1", "b2", "b3", "b4", "b5",
	                                          "b6", "b7", "b8", "b9"};
	expr_var vars[NIST_MAXP + 2];
	int nv = 0;
	for (int j = 0; j < d->k; j++)
		vars[nv++] = (expr_var){bn[j], 0};
	vars[nv++] = (expr_var){d->nx == 2 ? "x1" : "x", 0};
	vars[nv++] = (expr_var){"x2", 0};
	expr_options o = {.vars = vars, .nvars = nv};
	expr_error err;
	memset(q, 0, sizeof *q);
	q->d = d;
	q->logy = c->logy;
	q->t = expr_compile(c->model, &o, &err);
	if (!q->t)
		fail_msg("%s: %s at %d:%d", c->name, err.msg, err.line, err.col);
	prob *p = prob_new(c->name, d->k, PROB_VALUE | PROB_GRAD | PROB_HESS | PROB_LSQ, &nist_ops, q);
	assert_non_null(p);
	p->lsq = &nist_lsq;
	p->lsq_m = d->m;
	return p;
}

/* 1 when the run ends at the certified parameters (6 significant digits) and RSS. */
static int nist_solved(const prob *p, const nist_data *d, const char *mname, int start,
                       double *lre)
{
	run_opts o;
	run_opts_default(&o);
	o.gtol = 0; /* the methods' own tests, or the budget */
	o.maxiter = 5000;
	double v[PARAM_MAX];
	const meth *m = meth_find(mname);
	param_defaults(m->params, m->nparams, v);
	char err[256];
	run *r = run_new(p, m, v, d->start[start], &o, err, sizeof err);
	if (!r)
		fail_msg("%s: %s", mname, err);
	run_step(r, o.maxiter, NULL);
	const double *b = run_x(r);
	/* Lanczos1's certified RSS, 1.4e-25, is zero to rounding: there f must be as small */
	double yy = 0;
	for (long i = 0; i < d->m; i++)
		yy += d->y[i] * d->y[i];
	double worst = d->rss > 1e-20 * yy ? fabs(run_f(r) - d->rss) / d->rss
	                                   : (run_f(r) <= 1e-20 * yy ? 0 : 1);
	for (int j = 0; j < d->k; j++)
		worst = fmax(worst, fabs(b[j] - d->cert[j]) / fabs(d->cert[j]));
	*lre = worst > 0 ? -log10(worst) : 16;
	run_free(r);
	return worst <= 1e-6;
}

static void test_nist_strd(void **state)
{
	static const char *const meths[] = {"lm", "gaussnewton", "trnewton", "lbfgs"};
	enum { NM = sizeof meths / sizeof *meths };
	int solved[NM] = {0}, runs = 0, failed = 0;
	print_message("%-9s %-8s %s\n", "problem", "level",
	              "log relative error from starts 1 / 2: lm, gaussnewton, trnewton, lbfgs");
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		static nist_data d;
		nist_prob q;
		assert_int_equal(nist_read(cases[c].name, &d), 0);
		prob *p = nist_prob_new(&cases[c], &d, &q);
		char row[256];
		int len = snprintf(row, sizeof row, "%-9s %-8s", cases[c].name, cases[c].level);
		for (int mi = 0; mi < NM; mi++)
			for (int s = 0; s < 2; s++) {
				double lre;
				int ok = nist_solved(p, &d, meths[mi], s, &lre);
				solved[mi] += ok;
				if (mi == 0 && cases[c].lm_must && !ok) {
					print_error("lm on %s from start %d: log relative error %.1f\n",
					            cases[c].name, s + 1, lre);
					failed++;
				}
				len += snprintf(row + len, sizeof row - (size_t)len, "%s%4.1f", s ? "/" : "  ",
				                lre);
			}
		runs += 2;
		print_message("%s\n", row);
		prob_free(p);
		expr_free(q.t);
	}
	for (int mi = 0; mi < NM; mi++)
		print_message("%-11s solves %d of %d runs (27 problems, 2 starts)\n", meths[mi],
		              solved[mi], runs);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist_strd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
