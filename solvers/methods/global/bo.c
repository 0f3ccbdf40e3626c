/* bo: Bayesian optimization over a box (Jones, Schonlau & Welch 1998; Frazier, A
 * tutorial on Bayesian optimization, 2018): a Gaussian process (gp.h: Matern 5/2, length
 * scales fitted by maximum likelihood at every step) models f from the points so far;
 * the next point maximizes an acquisition, expected improvement
 *   EI(x) = (f_best - mu) Phi(z) + sd phi(z),  z = (f_best - mu) / sd,
 * or the lower confidence bound mu - beta sd (UCB for minimization), by multistart:
 * the best of `candidates` uniform points and of the data's neighbourhoods, each of
 * the best few refined by a pattern search in the box. The first `init` points are the
 * start and a Latin hypercube design. One step evaluates one point. The GP is fitted
 * to every point as soon as it is added, so that the picture (.model) shows the
 * posterior and the acquisition the next step maximizes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gp.h"
#include "pop.h"

enum { P_ACQ, P_BETA, P_INIT, P_CAND, P_MAXPTS, P_COUNT };

static const char *const bo_acqs[] = {"ei", "ucb", NULL};

static const param_def bo_params[P_COUNT] = {
	[P_ACQ] = {"acq", 0, 0, 1, "ei: expected improvement; ucb: minimize mu - beta sd", bo_acqs,
	           0},
	[P_BETA] = {"beta", 2, 0, 100, "ucb's weight of the standard deviation", NULL, 0},
	[P_INIT] = {"init", 0, 0, 1000, "initial design points (the start first); 0: 2n + 1",
	            NULL, 1},
	[P_CAND] = {"candidates", 1000, 10, 1e6, "random points the acquisition is scanned at",
	            NULL, 1},
	[P_MAXPTS] = {"maxpoints", 500, 2, 5000, "evaluations at most (the GP grows as m^3)",
	              NULL, 1},
};

static const char *const bo_extra[] = {"acq", "sd", "ls", NULL};

#define BO_REFINE 5 /* candidates refined by pattern search */

typedef struct bo_state {
	int n, init;
	int fitted; /* the GP is factored for all its points (fitted once past the design) */
	gp g;
	double *u, *best, *cand, *cval, *x; /* unit points: a trial, the refined best, ... */
	double *pic;                        /* the picture's unit point (.model) */
	double *design;                     /* init x n Latin hypercube */
	const double *par;                  /* the run's parameters, for the picture */
	pop_region reg;
} bo_state;

static void bo_free(void *state)
{
	bo_state *s = state;
	gp_free(&s->g);
	free(s->u);
	free(s->design);
	s->u = s->design = NULL;
	pop_region_free(&s->reg);
}

/* The acquisition to maximize at unit point u (EI >= 0, or -(mu - beta sd)); the
 * posterior's mean in *mu and standard deviation in *sd. */
static double bo_acq_at(const bo_state *s, const double *u, const double *par, double fbest,
                        double *mu_out, double *sd)
{
	double mu;
	gp_predict(&s->g, u, &mu, sd);
	*mu_out = mu;
	if (par[P_ACQ] == 1)
		return -(mu - par[P_BETA] * *sd);
	if (!(*sd > 0))
		return fmax(fbest - mu, 0);
	double z = (fbest - mu) / *sd;
	return (fbest - mu) * 0.5 * erfc(-z / sqrt(2)) + *sd * exp(-0.5 * z * z) / sqrt(2 * M_PI);
}

static double bo_acq(const bo_state *s, const double *u, const double *par, double fbest,
                     double *sd)
{
	double mu;
	return bo_acq_at(s, u, par, fbest, &mu, sd);
}

static double bo_fbest(const bo_state *s)
{
	double fbest = INFINITY;
	for (int i = 0; i < s->g.m; i++)
		fbest = fmin(fbest, s->g.y[i]);
	return fbest;
}

/* Past the design, the length scales fitted to all the points (the next step's GP);
 * before, the factor at the current scales (the fit starts from them, so this changes
 * no result). */
static void bo_update(bo_state *s)
{
	s->fitted = s->g.m >= s->init ? gp_fit(&s->g) == 0 : gp_factor(&s->g) > -INFINITY;
}

/* A Latin hypercube of k points in the unit cube: one point in each of k slices per
 * coordinate, the slices permuted at random. */
static void bo_lhs(double *d, int k, int n, rng *r)
{
	for (int j = 0; j < n; j++) {
		for (int i = 0; i < k; i++)
			d[(size_t)i * n + j] = (i + rng_uniform(r)) / k;
		for (int i = k - 1; i > 0; i--) { /* Fisher-Yates */
			int t = (int)rng_below(r, i + 1);
			double v = d[(size_t)i * n + j];
			d[(size_t)i * n + j] = d[(size_t)t * n + j];
			d[(size_t)t * n + j] = v;
		}
	}
}

static int bo_init(void *state, meth_ctx *c)
{
	bo_state *s = state;
	int n = c->n;
	s->n = n;
	c->g_valid = 0;
	if (pop_region_init(&s->reg, c, 0, 1, "bo") != METH_OK)
		return METH_FAILED;
	s->init = c->param[P_INIT] > 0 ? (int)c->param[P_INIT] : 2 * n + 1;
	int cap = (int)c->param[P_MAXPTS], nc = (int)c->param[P_CAND];
	if (s->init > cap)
		s->init = cap;
	s->u = malloc(((size_t)n * (4 + BO_REFINE) + (size_t)nc * n + nc) * sizeof *s->u);
	s->design = malloc((size_t)s->init * n * sizeof *s->design);
	if (!s->u || !s->design || gp_init(&s->g, n, cap)) {
		bo_free(s);
		snprintf(c->msg, sizeof c->msg, "out of memory for %d points", cap);
		return METH_FAILED;
	}
	s->best = s->u + n;
	s->x = s->best + n;
	s->cand = s->x + n;
	s->cval = s->cand + (size_t)nc * n + (size_t)BO_REFINE * n;
	s->pic = s->cval + nc;
	s->par = c->param;
	bo_lhs(s->design, s->init, n, c->rng);
	/* the start, moved into the box, is the first design point */
	pop_start(c);
	for (int i = 0; i < n; i++)
		s->u[i] = (c->x[i] - s->reg.lo[i]) / (s->reg.hi[i] - s->reg.lo[i]);
	gp_add(&s->g, s->u, c->f);
	bo_update(s);
	c->extra[0] = c->extra[1] = c->extra[2] = NAN;
	return METH_OK;
}

/* Pattern search on the acquisition from u (in the unit cube): coordinate steps halved
 * from 0.05 to 1e-6; u becomes the best point found, returns its value. */
static double bo_refine(const bo_state *s, double *u, double v, const double *par,
                        double fbest)
{
	double step = 0.05, sd;
	while (step > 1e-6) {
		int improved = 0;
		for (int i = 0; i < s->n; i++)
			for (int sgn = -1; sgn <= 1; sgn += 2) {
				double old = u[i];
				u[i] = fmin(fmax(old + sgn * step, 0), 1);
				double w = bo_acq(s, u, par, fbest, &sd);
				if (w > v) {
					v = w;
					improved = 1;
				} else {
					u[i] = old;
				}
			}
		if (!improved)
			step /= 2;
	}
	return v;
}

/* The next point: argmax of the acquisition by multistart, in s->best. */
static double bo_next(bo_state *s, meth_ctx *c, double *sd_out)
{
	int n = s->n, nc = (int)c->param[P_CAND];
	const double *par = c->param;
	double fbest = bo_fbest(s), sd;
	/* candidates: uniform points, and the data points nudged (EI is flat far away) */
	for (int k = 0; k < nc; k++) {
		double *u = s->cand + (size_t)k * n;
		if (k < s->g.m && k < nc / 10)
			for (int i = 0; i < n; i++)
				u[i] = fmin(fmax(s->g.x[(size_t)k * n + i] + 0.01 * rng_normal(c->rng), 0), 1);
		else
			for (int i = 0; i < n; i++)
				u[i] = rng_uniform(c->rng);
		s->cval[k] = bo_acq(s, u, par, fbest, &sd);
	}
	/* refine the best few */
	int top[BO_REFINE], ntop = 0;
	for (int k = 0; k < nc; k++) {
		int j = ntop < BO_REFINE ? ntop++ : BO_REFINE;
		if (j == BO_REFINE && !(s->cval[k] > s->cval[top[BO_REFINE - 1]]))
			continue;
		if (j == BO_REFINE)
			j = BO_REFINE - 1;
		while (j > 0 && s->cval[top[j - 1]] < s->cval[k]) {
			top[j] = top[j - 1];
			j--;
		}
		top[j] = k;
	}
	double bestv = -INFINITY;
	for (int t = 0; t < ntop; t++) {
		double *u = s->x;
		memcpy(u, s->cand + (size_t)top[t] * n, (size_t)n * sizeof *u);
		double v = bo_refine(s, u, s->cval[top[t]], par, fbest);
		if (v > bestv) {
			bestv = v;
			memcpy(s->best, u, (size_t)n * sizeof *u);
		}
	}
	bo_acq(s, s->best, par, fbest, sd_out);
	return bestv;
}

static int bo_step(void *state, meth_ctx *c)
{
	bo_state *s = state;
	int n = s->n, m = s->g.m;
	if (m >= s->g.cap) {
		snprintf(c->msg, sizeof c->msg, "maxpoints = %d evaluations reached", s->g.cap);
		return METH_NO_PROGRESS;
	}
	double acq = NAN, sd = NAN;
	if (m < s->init) {
		memcpy(s->best, s->design + (size_t)m * n, (size_t)n * sizeof *s->best);
	} else {
		if (!s->fitted) {
			snprintf(c->msg, sizeof c->msg, "the GP's covariance is singular");
			return METH_FAILED;
		}
		acq = bo_next(s, c, &sd);
		double lg = 0;
		for (int i = 0; i < n; i++)
			lg += log(s->g.ls[i]);
		c->extra[2] = exp(lg / n);
	}
	for (int i = 0; i < n; i++)
		s->x[i] = s->reg.lo[i] + s->best[i] * (s->reg.hi[i] - s->reg.lo[i]);
	double f = pop_eval(c, s->x);
	gp_add(&s->g, s->best, f);
	bo_update(s);
	c->extra[0] = acq;
	c->extra[1] = sd;
	/* the points so far, for the picture (their order numbers them) */
	double *pts = s->cand; /* scratch: the candidates are spent */
	int k = s->g.m < (int)c->param[P_CAND] ? s->g.m : (int)c->param[P_CAND];
	for (int j = 0; j < k; j++)
		for (int i = 0; i < n; i++)
			pts[(size_t)j * n + i] =
			    s->reg.lo[i] + s->g.x[(size_t)j * n + i] * (s->reg.hi[i] - s->reg.lo[i]);
	pop_publish(c, pts, k);
	c->step = NAN;
	return METH_OK;
}

/* The picture: the GP and the acquisition at x (the problem's coordinates). */
static int bo_model(const void *state, const double *x, double *mean, double *sd, double *acq,
                    const char **what)
{
	const bo_state *s = state;
	if (!s->fitted || s->g.m == 0)
		return -1;
	for (int i = 0; i < s->n; i++)
		s->pic[i] = (x[i] - s->reg.lo[i]) / (s->reg.hi[i] - s->reg.lo[i]);
	*acq = bo_acq_at(s, s->pic, s->par, bo_fbest(s), mean, sd);
	*what = s->par[P_ACQ] == 1 ? "-(mu - beta sd)" : "expected improvement";
	return 0;
}

const meth meth_bo = {
	.name = "bo",
	.family = "global",
	.summary = "Bayesian optimization: a Matern 5/2 Gaussian process with fitted length "
	           "scales, EI or UCB maximized by multistart (needs a box)",
	.reference = "Jones, Schonlau & Welch, Efficient global optimization of expensive "
	             "black-box functions (1998); Frazier, A tutorial on Bayesian optimization "
	             "(2018); Rasmussen & Williams, Gaussian processes for machine learning (2006)",
	.params = bo_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_PROJ, /* a box: init refuses other sets */
	.extra = bo_extra,
	.global = 1,
	.model = bo_model,
	.state_size = sizeof(bo_state),
	.init = bo_init,
	.step = bo_step,
	.free = bo_free,
};
