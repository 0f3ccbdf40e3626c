/* nesterov: the accelerated gradient method. From x_k and the extrapolated point y_k:
 *   x_{k+1} = y_k - s g(y_k),   y_{k+1} = x_{k+1} + beta_k (x_{k+1} - x_k),
 * with beta_k = (t_k - 1) / t_{k+1}, t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2, t_0 = 1
 * (convex: f(x_k) - f* <= 2 L |x_0 - x*|^2 / (k + 1)^2 for s = 1/L), or the constant
 * beta = (1 - sqrt(mu s)) / (1 + sqrt(mu s)) (strongly convex, rate 1 - sqrt(mu s)).
 * y_k is recorded as a probe. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

enum { P_STEP, P_SCHEDULE, P_MU, P_COUNT };
enum { SCHED_CONVEX, SCHED_STRONG };

static const char *const schedules[] = {"convex", "strong", NULL};

static const param_def params[] = {
    {"step", 1e-3, 1e-15, 1e15, "the step s on the gradient (1/L for the rates)", NULL, 0},
    {"schedule", 0, 0, 1,
     "convex: beta_k = (t_k - 1)/t_{k+1}; strong: beta = (1 - sqrt(mu s))/(1 + sqrt(mu s))",
     schedules, 0},
    {"mu", 0, 0, 1e15, "the strong convexity constant, for schedule = strong", NULL, 0},
};

static const char *const extra[] = {"beta", NULL};

typedef struct nag_state {
	double *y, *gy;
	double t; /* t_k of the convex schedule */
} nag_state;

static int nag_init(void *state, meth_ctx *c)
{
	nag_state *s = state;
	double mus = c->param[P_MU] * c->param[P_STEP];
	if ((int)c->param[P_SCHEDULE] == SCHED_STRONG && !(mus > 0 && mus <= 1)) {
		snprintf(
		    c->msg, sizeof c->msg,
		    "nesterov(schedule = strong) needs 0 < mu * step <= 1 (mu = %g, step = %g)",
		    c->param[P_MU], c->param[P_STEP]);
		return METH_FAILED;
	}
	s->y = malloc((size_t)c->n * sizeof *s->y);
	s->gy = malloc((size_t)c->n * sizeof *s->gy);
	if (!s->y || !s->gy) {
		snprintf(c->msg, sizeof c->msg, "nesterov: out of memory");
		return METH_FAILED;
	}
	memcpy(s->y, c->x, (size_t)c->n * sizeof *c->x); /* y_0 = x_0 */
	s->t = 1;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	return METH_OK;
}

static int nag_step(void *state, meth_ctx *c)
{
	nag_state *s = state;
	int n = c->n;
	double step = c->param[P_STEP], beta;
	meth_probe(c, s->y);
	/* at k = 0, y_0 = x_0 and the gradient there is c->g already */
	if (memcmp(s->y, c->x, (size_t)n * sizeof *c->x) == 0 && c->g_valid)
		memcpy(s->gy, c->g, (size_t)n * sizeof *c->g);
	else
		oracle_grad(c->o, s->y, s->gy);
	if ((int)c->param[P_SCHEDULE] == SCHED_STRONG) {
		double q = sqrt(c->param[P_MU] * step);
		beta = (1 - q) / (1 + q);
	} else {
		double t1 = (1 + sqrt(1 + 4 * s->t * s->t)) / 2;
		beta = (s->t - 1) / t1;
		s->t = t1;
	}
	for (int i = 0; i < n; i++) {
		double xi = c->x[i];
		c->x[i] = s->y[i] - step * s->gy[i];
		s->y[i] = c->x[i] + beta * (c->x[i] - xi);
	}
	c->step = step;
	c->extra[0] = beta;
	c->f = oracle_value(c->o, c->x); /* the trace's f is at x_k, not y_k */
	c->g_valid = 0;
	return METH_OK;
}

static void nag_free(void *state)
{
	nag_state *s = state;
	free(s->y);
	free(s->gy);
}

const meth meth_nesterov = {
    .name = "nesterov",
    .family = "gradient",
    .summary = "Nesterov's accelerated gradient: a gradient step from an extrapolated point",
    .reference = "Y. Nesterov, A method for solving the convex programming problem with "
                 "convergence rate O(1/k^2), Soviet Math. Dokl. 27, 1983; Nesterov, Lectures "
                 "on Convex Optimization (2018), sec. 2.2; Beck, First-Order Methods in "
                 "Optimization (2017), ch. 10",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(nag_state),
    .init = nag_init,
    .step = nag_step,
    .free = nag_free,
};
