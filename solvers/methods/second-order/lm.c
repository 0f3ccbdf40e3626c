/* lm: Levenberg-Marquardt as MINPACK's lmder (Moré 1978). The step solves
 * min |J p + r|^2 + lambda |D p|^2, D the largest column norms of J seen so far (Moré's
 * scaling, which makes the method invariant to the units of x), with lambda chosen by
 * the secular equation |D p| = radius to 10% (lmpar: Newton's iteration on
 * phi(lambda) = |D p(lambda)| - radius within safeguarding bounds). The radius follows
 * rho = actual / predicted reduction of |r|^2: times 0.1..0.5 below 1/4, set to
 * 2 |D p| above 3/4; the step is taken when rho >= 1e-4. Every system is solved by
 * Householder QR of [J; sqrt(lambda) D], never by J'J. Converged when the relative
 * reductions fall below ftol or the radius below xtol |D x|. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"
#include "lsq.h"
#include "so.h"

enum { P_FACTOR, P_FTOL, P_XTOL, P_COUNT };

static const param_def lm_params[P_COUNT] = {
	[P_FACTOR] = {"factor", 100, 0.1, 1e6, "initial radius: factor |D x0| (factor when 0)",
	              NULL, 0},
	[P_FTOL] = {"ftol", 1e-15, 0, 1, "converged when the actual and predicted relative "
	            "reductions of |r|^2 fall below it", NULL, 0},
	[P_XTOL] = {"xtol", 1e-15, 0, 1, "converged when the radius falls below xtol |D x|",
	            NULL, 0},
};

static const char *const lm_extra[] = {"radius", "rho", "lambda", "pred", NULL};

typedef struct lm_state {
	lsq_work w;
	double *st, *rhs, *tau;  /* [J; sqrt(lambda) D] ((m + n) x n), its rhs, reflectors */
	double *d, *p, *xt, *wa; /* scaling, step, trial point, scratch */
	double radius, lam;
	int first;
} lm_state;

static void lm_free(void *state)
{
	lm_state *s = state;
	lsq_free(&s->w);
	free(s->st);
	free(s->rhs);
	s->st = s->rhs = NULL;
}

static int lm_init(void *state, meth_ctx *c)
{
	lm_state *s = state;
	int st = lsq_alloc(&s->w, c);
	if (st != METH_OK)
		return st;
	size_t n = (size_t)c->n, mn = (size_t)s->w.m + n;
	s->st = malloc(mn * n * sizeof *s->st);
	s->rhs = malloc((mn + 5 * n) * sizeof *s->rhs);
	if (!s->st || !s->rhs) {
		lm_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->tau = s->rhs + mn;
	s->d = s->tau + n;
	s->p = s->d + n;
	s->xt = s->p + n;
	s->wa = s->xt + n;
	s->first = 1;
	lsq_eval(&s->w, c);
	for (int i = 0; i < 4; i++)
		c->extra[i] = NAN;
	return METH_OK;
}

/* p(lambda) from the QR of [J; sqrt(lambda) D] (R stays on top of s->st); -1 when R is
 * singular (lambda = 0 and J rank deficient). */
static int lm_solve(lm_state *s, double lam)
{
	int n = s->w.n;
	long m = s->w.m;
	size_t mn = (size_t)m * (size_t)n;
	memcpy(s->st, s->w.jac, mn * sizeof *s->st);
	memset(s->st + mn, 0, (size_t)n * n * sizeof *s->st);
	for (int j = 0; j < n; j++)
		s->st[mn + (size_t)j * n + j] = sqrt(lam) * s->d[j];
	memcpy(s->rhs, s->w.r, (size_t)m * sizeof *s->rhs);
	memset(s->rhs + m, 0, (size_t)n * sizeof *s->rhs);
	dense_qr(s->st, (int)m + n, n, s->tau, s->rhs);
	if (lsq_singular(s->st, n))
		return -1;
	for (int j = 0; j < n; j++)
		s->p[j] = -s->rhs[j];
	return dense_trisolve(s->st, n, n, 0, s->p);
}

/* |D p| */
static double dnorm(const lm_state *s, const double *p)
{
	double t = 0.0;
	for (int j = 0; j < s->w.n; j++)
		t += (s->d[j] * p[j]) * (s->d[j] * p[j]);
	return sqrt(t);
}

/* phi'(lambda) |D p| / phi (as lmpar): |R^-T D (D p) / |D p||^2 from R on s->st. */
static double lm_dphi(lm_state *s, double dxn)
{
	int n = s->w.n;
	for (int j = 0; j < n; j++)
		s->wa[j] = s->d[j] * (s->d[j] * s->p[j]) / dxn;
	dense_trisolve(s->st, n, n, 1, s->wa);
	return dense_dot(s->wa, s->wa, n);
}

/* lmpar: lambda >= 0 with |D p(lambda)| within 10% of the radius (or lambda = 0 when the
 * Gauss-Newton step lies inside), p into s->p. */
static void lm_par(lm_state *s)
{
	int n = s->w.n;
	double delta = s->radius, parl = 0.0, dxn = 0.0, fp = INFINITY;
	if (lm_solve(s, 0.0) == 0) {
		dxn = dnorm(s, s->p);
		fp = dxn - delta;
		if (fp <= 0.1 * delta) {
			s->lam = 0.0;
			return;
		}
		parl = fp / delta / lm_dphi(s, dxn);
	}
	double gn = 0.0; /* |D^-1 J'r| from the gradient 2 J'r */
	for (int j = 0; j < n; j++) {
		double t = 0.0;
		for (long i = 0; i < s->w.m; i++)
			t += s->w.jac[(size_t)i * n + j] * s->w.r[i];
		gn += (t / s->d[j]) * (t / s->d[j]);
	}
	gn = sqrt(gn);
	double paru = gn / delta;
	if (paru == 0.0)
		paru = DBL_MIN / fmin(delta, 0.1);
	double lam = fmin(fmax(s->lam, parl), paru);
	if (lam == 0.0)
		lam = dxn > 0.0 ? gn / dxn : 0.0;
	for (int iter = 1;; iter++) {
		if (lam == 0.0)
			lam = fmax(DBL_MIN, 0.001 * paru);
		lm_solve(s, lam);
		dxn = dnorm(s, s->p);
		double prev = fp;
		fp = dxn - delta;
		if (fabs(fp) <= 0.1 * delta || (parl == 0.0 && fp <= prev && prev < 0.0) ||
		    iter == 10 || dxn == 0.0)
			break;
		double parc = fp / delta / lm_dphi(s, dxn);
		if (fp > 0.0)
			parl = fmax(parl, lam);
		if (fp < 0.0)
			paru = fmin(paru, lam);
		lam = fmax(parl, lam + parc);
	}
	s->lam = lam;
}

static int lm_step(void *state, meth_ctx *c)
{
	lm_state *s = state;
	int n = c->n;
	long m = s->w.m;
	double fnorm = sqrt(c->f);
	if (fnorm == 0.0)
		return METH_CONVERGED;
	for (int j = 0; j < n; j++) { /* Moré's scaling: the largest column norms so far */
		double t = 0.0;
		for (long i = 0; i < m; i++)
			t += s->w.jac[(size_t)i * n + j] * s->w.jac[(size_t)i * n + j];
		t = sqrt(t);
		s->d[j] = s->first ? (t > 0.0 ? t : 1.0) : fmax(s->d[j], t);
	}
	if (s->first) {
		double xn = dnorm(s, c->x);
		s->radius = xn > 0.0 ? c->param[P_FACTOR] * xn : c->param[P_FACTOR];
	}
	lm_par(s);
	double pn = dnorm(s, s->p);
	if (s->first)
		s->radius = fmin(s->radius, pn);
	s->first = 0;
	for (int j = 0; j < n; j++)
		s->xt[j] = c->x[j] + s->p[j];
	double f1 = oracle_resid(c->o, s->xt, s->w.rt), fnorm1 = sqrt(f1);
	double actred = 0.1 * fnorm1 < fnorm ? 1.0 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1.0;
	double jp = 0.0;
	for (long i = 0; i < m; i++) {
		double t = dense_dot(s->w.jac + (size_t)i * n, s->p, n);
		jp += t * t;
	}
	double t1 = sqrt(jp) / fnorm, t2 = sqrt(s->lam) * pn / fnorm;
	double prered = t1 * t1 + 2.0 * t2 * t2, dirder = -(t1 * t1 + t2 * t2);
	double ratio = prered != 0.0 ? actred / prered : 0.0;
	if (ratio <= 0.25) {
		double t = actred >= 0.0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
		if (0.1 * fnorm1 >= fnorm || t < 0.1)
			t = 0.1;
		s->radius = t * fmin(s->radius, pn / 0.1);
		s->lam /= t;
	} else if (s->lam == 0.0 || ratio >= 0.75) {
		s->radius = pn / 0.5;
		s->lam *= 0.5;
	}
	c->extra[0] = s->radius;
	c->extra[1] = ratio;
	c->extra[2] = s->lam;
	c->extra[3] = prered * c->f; /* the model's decrease of |r|^2 */
	int done = (fabs(actred) <= c->param[P_FTOL] && prered <= c->param[P_FTOL] &&
	            0.5 * ratio <= 1.0) ||
	           s->radius <= c->param[P_XTOL] * dnorm(s, c->x);
	if (ratio >= 1e-4) {
		c->step = so_norm(s->p, n);
		memcpy(c->x, s->xt, (size_t)n * sizeof *c->x);
		lsq_eval(&s->w, c);
	} else {
		meth_probe(c, s->xt);
		c->step = 0.0;
		c->moved = 1; /* lambda and the radius changed: progress x does not show */
	}
	return done ? METH_CONVERGED : METH_OK;
}

const meth meth_lm = {
	.name = "lm",
	.family = "second-order",
	.summary = "Levenberg-Marquardt for least squares (sumsq, leastsq): Moré's scaling and "
	           "lambda by the secular equation, as MINPACK's lmder",
	.reference = "Moré, The Levenberg-Marquardt algorithm: implementation and theory, "
	             "Lecture Notes in Math. 630 (1978); MINPACK lmder, lmpar",
	.params = lm_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_LSQ,
	.extra = lm_extra,
	.state_size = sizeof(lm_state),
	.init = lm_init,
	.step = lm_step,
	.free = lm_free,
};
