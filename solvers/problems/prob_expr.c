/* prob_expr: a problem whose oracle is a compiled expression tape. The tape is the
 * problem's ctx (and p->tape): value, gradient, Hessian-vector product, dense
 * Hessian, directional derivatives (forward mode) and batch values all come from it,
 * so the caps are VALUE|GRAD|HESS. */
#include <stdio.h>
#include <string.h>

#include "prob.h"

static double ex_value(void *ctx, const double *x)
{
	return expr_value(ctx, x);
}

static double ex_grad(void *ctx, const double *x, double *g)
{
	return expr_gradient(ctx, x, g);
}

static double ex_hessvec(void *ctx, const double *x, const double *v, double *hv)
{
	return expr_hessvec(ctx, x, v, NULL, hv);
}

static double ex_dirderiv(void *ctx, const double *x, const double *v, double *df)
{
	return expr_dirderiv(ctx, x, v, df);
}

static double ex_hess(void *ctx, const double *x, double *h)
{
	return expr_hessian(ctx, x, h);
}

static void ex_batch(void *ctx, int k, const double *const *cols, const int *strides, double *out)
{
	expr_value_batch(ctx, k, cols, strides, out);
}

static void *ex_clone(const void *ctx)
{
	return expr_clone(ctx);
}

static void ex_free(void *ctx)
{
	expr_free(ctx);
}

/* sumsq: residuals and Jacobian rows, one reverse sweep per term */
static double ex_resid(void *ctx, const double *x, double *r)
{
	long m = expr_lsq_terms(ctx);
	double f = 0.0;
	for (long k = 0; k < m; k++) {
		r[k] = expr_residual(ctx, x, k, NULL);
		f += r[k] * r[k];
	}
	return f;
}

static double ex_jac(void *ctx, const double *x, double *r, double *jac)
{
	long m = expr_lsq_terms(ctx);
	size_t n = (size_t)expr_dim(ctx);
	double f = 0.0;
	for (long k = 0; k < m; k++) {
		r[k] = expr_residual(ctx, x, k, jac + (size_t)k * n);
		f += r[k] * r[k];
	}
	return f;
}

static const prob_lsq expr_lsq = {.resid = ex_resid, .jac = ex_jac};

static const prob_ops expr_ops = {
    .value = ex_value,
    .grad = ex_grad,
    .hessvec = ex_hessvec,
    .hess = ex_hess,
    .dirderiv = ex_dirderiv,
    .batch = ex_batch,
    .clone = ex_clone,
    .free = ex_free,
};

prob *prob_from_expr(const char *name, const char *src, const expr_options *opt, expr_error *err)
{
	expr_tape *t = expr_compile(src, opt, err);
	if (!t)
		return NULL;
	int n = expr_dim(t);
	if (n < 1) {
		err->line = err->col = 1;
		snprintf(err->msg, sizeof err->msg,
		         "the expression has no variables to minimize over");
		expr_free(t);
		return NULL;
	}
	prob *p = prob_new(name, n, PROB_VALUE | PROB_GRAD | PROB_HESS, &expr_ops, t);
	if (!p || prob_set_desc(p, src)) {
		prob_free(p);
		err->line = err->col = 1;
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return NULL;
	}
	p->tape = t;
	if (expr_lsq_terms(t) > 0) {
		p->caps |= PROB_LSQ;
		p->lsq = &expr_lsq;
		p->lsq_m = expr_lsq_terms(t);
	}
	return p;
}
