/* cmaes: the covariance matrix adaptation evolution strategy (Hansen, The CMA Evolution
 * Strategy: A Tutorial, 2016, with its default constants and positive recombination
 * weights): lambda samples m + sigma B D z, weighted recombination of the mu best,
 * cumulative step-size adaptation (CSA), rank-one and rank-mu covariance updates.
 * Optional IPOP restarts (Auger & Hansen 2005): when a stop test fires, start again
 * with lambda times incpop, from a uniform point of the problem's box (else from the
 * start). Only the ranking of f is used, so the iterates on f and on any increasing
 * function of f are the same. One step is one generation; its probes are the population,
 * and the picture draws the next generation's distribution N(m, sigma^2 C) (.ellipse). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmaes.h"
#include "dense.h"
#include "pop.h"

enum { P_SIGMA, P_LAMBDA, P_RESTARTS, P_INCPOP, P_TOLX, P_TOLFUN, P_COUNT };

static const param_def cma_params[P_COUNT] = {
	[P_SIGMA] = {"sigma", 0.0, 0.0, 1e12,
	             "initial step size; 0: 0.3 of the box's mean width, else 0.5", NULL, 0},
	[P_LAMBDA] = {"lambda", 0.0, 0.0, 1e6, "population size; 0: 4 + floor(3 ln n)", NULL, 1},
	[P_RESTARTS] = {"restarts", 0.0, 0.0, 30.0,
	                "IPOP restarts with a larger population after a stop test", NULL, 1},
	[P_INCPOP] = {"incpop", 2.0, 1.0, 10.0, "population factor at each restart", NULL, 0},
	[P_TOLX] = {"tolx", 1e-12, 0.0, 1.0,
	            "stop when sigma max(|pc_i|, sqrt(C_ii)) < tolx sigma0", NULL, 0},
	[P_TOLFUN] = {"tolfun", 1e-12, 0.0, 1e10,
	              "stop when the best values of 10 + 30n/lambda generations and the "
	              "current one span less than tolfun",
	              NULL, 0},
};

static const char *const cma_extra[] = {"sigma", "spread", "genbest", "lambda", NULL};

typedef struct cma_state {
	int n, lambda, mu, lambda0, restarts_left;
	double sigma, sigma0, mueff, cc, cs, c1, cmu, damps, chin;
	long gen, eigen_gen;
	double *w;             /* mu recombination weights */
	double *m, *pc, *ps, *tmp, *tmp2; /* n each */
	double *cov, *b, *d;   /* C, its eigenvectors (columns), sqrt of its eigenvalues */
	double *x, *y, *fit;   /* lambda x n samples, their steps (x - m)/sigma, values */
	int *idx;
	double *hist;          /* best value of the last hlen generations */
	int hlen;
	pop_region reg;
} cma_state;

static void cma_release(cma_state *s)
{
	free(s->w);
	free(s->m);
	free(s->cov);
	free(s->x);
	free(s->idx);
	free(s->hist);
	s->w = s->m = s->cov = s->x = s->hist = NULL;
	s->idx = NULL;
}

static void cma_free(void *state)
{
	cma_state *s = state;
	cma_release(s);
	pop_region_free(&s->reg);
}

/* Allocates for population lambda and sets the strategy's constants (tutorial, Table 1). */
static int cma_setup(cma_state *s, int lambda)
{
	int n = s->n;
	cma_release(s);
	s->lambda = lambda;
	s->mu = lambda / 2;
	s->hlen = 10 + (int)ceil(30.0 * n / lambda);
	s->w = malloc((size_t)s->mu * sizeof *s->w);
	s->m = malloc(5 * (size_t)n * sizeof *s->m);
	s->cov = malloc((2 * (size_t)n * n + n) * sizeof *s->cov);
	s->x = malloc((2 * (size_t)lambda * n + lambda) * sizeof *s->x);
	s->idx = malloc((size_t)lambda * sizeof *s->idx);
	s->hist = malloc((size_t)s->hlen * sizeof *s->hist);
	if (!s->w || !s->m || !s->cov || !s->x || !s->idx || !s->hist)
		return -1;
	s->pc = s->m + n;
	s->ps = s->pc + n;
	s->tmp = s->ps + n;
	s->tmp2 = s->tmp + n;
	s->b = s->cov + (size_t)n * n;
	s->d = s->b + (size_t)n * n;
	s->y = s->x + (size_t)lambda * n;
	s->fit = s->y + (size_t)lambda * n;

	double sw = 0, sw2 = 0;
	for (int i = 0; i < s->mu; i++) {
		s->w[i] = log((lambda + 1) / 2.0) - log(i + 1.0);
		sw += s->w[i];
	}
	for (int i = 0; i < s->mu; i++) {
		s->w[i] /= sw;
		sw2 += s->w[i] * s->w[i];
	}
	s->mueff = 1 / sw2;
	double mueff = s->mueff;
	s->cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
	s->cs = (mueff + 2) / (n + mueff + 5);
	s->c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
	s->cmu = fmin(1 - s->c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2.0) * (n + 2.0) + mueff));
	s->damps = 1 + 2 * fmax(0, sqrt((mueff - 1) / (n + 1)) - 1) + s->cs;
	s->chin = sqrt((double)n) * (1 - 1 / (4.0 * n) + 1 / (21.0 * n * n));
	return 0;
}

/* A fresh strategy at mean m0: C = I, zero paths, sigma0. */
static void cma_reset(cma_state *s, const double *m0)
{
	int n = s->n;
	memcpy(s->m, m0, (size_t)n * sizeof *m0);
	memset(s->pc, 0, 2 * (size_t)n * sizeof *s->pc);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			s->cov[(size_t)i * n + j] = s->b[(size_t)i * n + j] = i == j;
	for (int i = 0; i < n; i++)
		s->d[i] = 1;
	s->sigma = s->sigma0;
	s->gen = s->eigen_gen = 0;
}

/* B and D from C (symmetrized): C = B diag(d^2) B'. */
static int cma_eigen(cma_state *s)
{
	int n = s->n;
	double *a = s->x; /* the samples are no longer needed: lambda n >= n^2 is not sure */
	double *buf = (size_t)s->lambda * n >= (size_t)n * n ? a : malloc((size_t)n * n * sizeof *buf);
	if (!buf)
		return -1;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			buf[(size_t)i * n + j] =
			    0.5 * (s->cov[(size_t)i * n + j] + s->cov[(size_t)j * n + i]);
	int rc = dense_eigsym(buf, n, s->d, s->b);
	if (buf != a)
		free(buf);
	if (rc)
		return -1;
	for (int i = 0; i < n; i++)
		s->d[i] = sqrt(fmax(s->d[i], 1e-300));
	s->eigen_gen = s->gen;
	return 0;
}

static int cma_init(void *state, meth_ctx *c)
{
	cma_state *s = state;
	int n = c->n;
	s->n = n;
	pop_start(c);
	if (pop_region_init(&s->reg, c, 1.0, 0, "cmaes") != METH_OK)
		return METH_FAILED;
	double sigma = c->param[P_SIGMA];
	if (sigma == 0) {
		sigma = 0.5;
		if (s->reg.boxed) {
			double w = 0;
			for (int i = 0; i < n; i++)
				w += s->reg.hi[i] - s->reg.lo[i];
			sigma = w > 0 ? 0.3 * w / n : 0.5;
		}
	}
	s->sigma0 = sigma;
	s->lambda0 = c->param[P_LAMBDA] > 0 ? (int)c->param[P_LAMBDA]
	                                    : 4 + (int)floor(3 * log((double)n));
	if (s->lambda0 < 2)
		s->lambda0 = 2;
	s->restarts_left = (int)c->param[P_RESTARTS];
	if (cma_setup(s, s->lambda0)) {
		cma_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for a population of %d", s->lambda0);
		return METH_FAILED;
	}
	cma_reset(s, c->x);
	c->extra[0] = s->sigma;
	c->extra[1] = NAN;
	c->extra[2] = c->f;
	c->extra[3] = s->lambda;
	return METH_OK;
}

/* The stop tests of Hansen's tutorial (B.3) that need no f scale beyond tolfun: 0, or
 * the name of the one that fired, with what it measured in why[0..cap). */
static const char *cma_stop(const cma_state *s, const double *par, char *why, size_t cap)
{
	int n = s->n;
	double dmax = 0, dmin = INFINITY, pmax = 0;
	for (int i = 0; i < n; i++) {
		dmax = fmax(dmax, s->d[i]);
		dmin = fmin(dmin, s->d[i]);
		pmax = fmax(pmax, fmax(fabs(s->pc[i]), sqrt(s->cov[(size_t)i * n + i])));
	}
	if (s->sigma * pmax < par[P_TOLX] * s->sigma0) {
		snprintf(why, cap, "the step scale sigma max(|pc_i|, sqrt(C_ii)) %g fell below tolx "
		         "sigma0 %g", s->sigma * pmax, par[P_TOLX] * s->sigma0);
		return "tolx";
	}
	if (dmax * dmax > 1e14 * dmin * dmin) {
		snprintf(why, cap, "the covariance's condition number %g exceeds 1e14",
		         dmax * dmax / (dmin * dmin));
		return "conditioncov";
	}
	if (s->gen >= s->hlen) {
		double lo = INFINITY, hi = -INFINITY;
		for (int i = 0; i < s->hlen; i++)
			lo = fmin(lo, s->hist[i]), hi = fmax(hi, s->hist[i]);
		for (int i = 0; i < s->lambda; i++)
			lo = fmin(lo, s->fit[i]), hi = fmax(hi, s->fit[i]);
		if (hi - lo < par[P_TOLFUN]) {
			snprintf(why, cap, "the population's f range over %d generations %g fell below "
			         "tolfun %g", s->hlen, hi - lo, par[P_TOLFUN]);
			return "tolfun";
		}
	}
	/* no effect axis: a tenth of a standard deviation along an axis leaves m unchanged */
	int i = (int)(s->gen % n);
	int still = 1;
	for (int k = 0; k < n && still; k++) {
		double mk = s->m[k];
		still = mk + 0.1 * s->sigma * s->d[i] * s->b[(size_t)k * n + i] == mk;
	}
	if (still)
		snprintf(why, cap, "a tenth of a standard deviation along a principal axis leaves "
		         "the mean unchanged");
	return still ? "noeffectaxis" : NULL;
}

/* One generation: sample, rank, recombine, adapt paths, C and sigma. */
static int cma_generation(cma_state *s, meth_ctx *c)
{
	int n = s->n, lambda = s->lambda, mu = s->mu;
	for (int k = 0; k < lambda; k++) {
		double *xk = s->x + (size_t)k * n, *yk = s->y + (size_t)k * n;
		for (int i = 0; i < n; i++)
			s->tmp[i] = s->d[i] * rng_normal(c->rng);
		for (int i = 0; i < n; i++) {
			double v = 0;
			for (int j = 0; j < n; j++)
				v += s->b[(size_t)i * n + j] * s->tmp[j];
			xk[i] = s->m[i] + s->sigma * v;
		}
		s->fit[k] = pop_eval(c, xk); /* may move xk onto the problem's set */
		for (int i = 0; i < n; i++)
			yk[i] = (xk[i] - s->m[i]) / s->sigma;
	}
	pop_rank(s->fit, lambda, s->idx);

	/* yw = sum w_i y_i:lambda; m += sigma yw */
	double *yw = s->tmp;
	memset(yw, 0, (size_t)n * sizeof *yw);
	for (int r = 0; r < mu; r++) {
		const double *yk = s->y + (size_t)s->idx[r] * n;
		for (int i = 0; i < n; i++)
			yw[i] += s->w[r] * yk[i];
	}
	for (int i = 0; i < n; i++)
		s->m[i] += s->sigma * yw[i];

	/* ps = (1 - cs) ps + sqrt(cs (2 - cs) mueff) C^(-1/2) yw, C^(-1/2) = B D^-1 B' */
	double *t = s->tmp2;
	for (int j = 0; j < n; j++) {
		double v = 0;
		for (int i = 0; i < n; i++)
			v += s->b[(size_t)i * n + j] * yw[i];
		t[j] = v / s->d[j];
	}
	double ks = sqrt(s->cs * (2 - s->cs) * s->mueff), psn = 0;
	for (int i = 0; i < n; i++) {
		double v = 0;
		for (int j = 0; j < n; j++)
			v += s->b[(size_t)i * n + j] * t[j];
		s->ps[i] = (1 - s->cs) * s->ps[i] + ks * v;
		psn += s->ps[i] * s->ps[i];
	}
	psn = sqrt(psn);
	s->gen++;
	double hnorm = psn / sqrt(1 - pow(1 - s->cs, 2.0 * s->gen)) / s->chin;
	int hsig = hnorm < 1.4 + 2.0 / (n + 1);
	double kc = sqrt(s->cc * (2 - s->cc) * s->mueff);
	for (int i = 0; i < n; i++)
		s->pc[i] = (1 - s->cc) * s->pc[i] + hsig * kc * yw[i];

	/* C = (1 - c1 - cmu) C + c1 (pc pc' + (1 - hsig) cc (2 - cc) C) + cmu sum w y y' */
	double keep = 1 - s->c1 - s->cmu + (1 - hsig) * s->c1 * s->cc * (2 - s->cc);
	for (int i = 0; i < n; i++)
		for (int j = 0; j <= i; j++) {
			double rmu = 0;
			for (int r = 0; r < mu; r++) {
				const double *yk = s->y + (size_t)s->idx[r] * n;
				rmu += s->w[r] * yk[i] * yk[j];
			}
			double v = keep * s->cov[(size_t)i * n + j] + s->c1 * s->pc[i] * s->pc[j] +
			           s->cmu * rmu;
			s->cov[(size_t)i * n + j] = s->cov[(size_t)j * n + i] = v;
		}
	s->sigma *= exp(s->cs / s->damps * (psn / s->chin - 1));
	s->hist[(s->gen - 1) % s->hlen] = s->fit[s->idx[0]];
	return 0;
}

/* The next generation's distribution in coordinates a, b: m and sigma^2 C restricted. */
static int cma_marginal(const void *state, int a, int b, double *mean, double *cov)
{
	const cma_state *s = state;
	if (!s->cov || !s->m || a < 0 || b < 0 || a >= s->n || b >= s->n)
		return -1;
	double s2 = s->sigma * s->sigma;
	mean[0] = s->m[a];
	mean[1] = s->m[b];
	cov[0] = s2 * s->cov[(size_t)a * s->n + a];
	cov[1] = s2 * s->cov[(size_t)a * s->n + b];
	cov[2] = s2 * s->cov[(size_t)b * s->n + b];
	return 0;
}

static int cma_step(void *state, meth_ctx *c)
{
	cma_state *s = state;
	int n = s->n;
	cma_generation(s, c);
	c->extra[2] = s->fit[s->idx[0]];
	c->extra[1] = pop_publish(c, s->x, s->lambda);
	c->extra[3] = s->lambda;
	/* B and D lag C by at most lambda / (c1 + cmu) / n / 10 generations (tutorial B.2) */
	if (s->gen - s->eigen_gen > s->lambda / (s->c1 + s->cmu) / n / 10 || n <= 8) {
		if (cma_eigen(s)) {
			snprintf(c->msg, sizeof c->msg, "the covariance matrix is not finite");
			return METH_FAILED;
		}
	}
	c->extra[0] = s->sigma;
	c->step = s->sigma;
	char what[120];
	const char *why = cma_stop(s, c->param, what, sizeof what);
	if (!why)
		return METH_OK;
	if (s->restarts_left <= 0) {
		/* a stop test, not a proof of stationarity: the driver decides what to call it */
		snprintf(c->msg, sizeof c->msg, "%s: %s", why, what);
		return METH_CONVERGED;
	}
	/* IPOP: a larger population from a new start */
	s->restarts_left--;
	double lam = s->lambda * c->param[P_INCPOP];
	int lambda = lam > 1e6 ? 1000000 : (int)lam;
	if (cma_setup(s, lambda)) {
		snprintf(c->msg, sizeof c->msg, "out of memory for a population of %d", lambda);
		return METH_FAILED;
	}
	double *m0 = s->tmp;
	if (s->reg.boxed)
		pop_uniform(&s->reg, c->rng, m0);
	else
		memcpy(m0, c->o->p->x0, (size_t)n * sizeof *m0);
	cma_reset(s, m0);
	c->extra[3] = s->lambda;
	return METH_OK;
}

int cmaes_covariance(const void *state, double *cov)
{
	const cma_state *s = state;
	if (!s->cov)
		return -1;
	memcpy(cov, s->cov, (size_t)s->n * s->n * sizeof *cov);
	return 0;
}

const meth meth_cmaes = {
	.name = "cmaes",
	.family = "population",
	.summary = "CMA-ES: rank-one and rank-mu covariance updates, CSA step size, "
	           "optional IPOP restarts; values only",
	.reference = "Hansen & Ostermeier, Completely derandomized self-adaptation in "
	             "evolution strategies (2001); Hansen, The CMA evolution strategy: a "
	             "tutorial (2016); Auger & Hansen, A restart CMA evolution strategy with "
	             "increasing population size (2005)",
	.params = cma_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE,
	.extra = cma_extra,
	.global = 1,
	.ellipse = cma_marginal,
	.state_size = sizeof(cma_state),
	.init = cma_init,
	.step = cma_step,
	.free = cma_free,
};
