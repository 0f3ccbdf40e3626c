/* dog: Distance over Gradients, parameter-free SGD. The step is the largest distance
 * travelled from the start over the root of the summed squared gradient norms,
 *   eta_t = rbar_t / sqrt(sum_{i<=t} |g_i|^2),  rbar_t = max(r_eps, max_{i<=t} |x_i - x0|),
 * with the initial movement r_eps = reps (1 + |x0|); x -= eta_t g_t. No step to tune:
 * eta grows while the iterates travel and the gradients stay small, and shrinks when
 * they grow. The schedule (stoch.h) multiplies eta (constant by default). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stoch.h"

enum { P_REPS, P_COUNT };

static const param_def params[] = {
    {"reps", 1e-6, 1e-15, 1e6, "initial movement r_eps = reps (1 + |x0|)", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", "rbar", NULL};

typedef struct dog_state {
	stoch s;
	double *g, *x0;
	double rbar, gsum; /* max distance from x0 (at least r_eps), sum of |g|^2 */
} dog_state;

static int dog_init(void *state, meth_ctx *c)
{
	dog_state *s = state;
	size_t n = (size_t)c->n;
	s->g = malloc(n * sizeof *s->g);
	s->x0 = malloc(n * sizeof *s->x0);
	if (!s->g || !s->x0) {
		snprintf(c->msg, sizeof c->msg, "dog: out of memory");
		return METH_FAILED;
	}
	memcpy(s->x0, c->x, n * sizeof *s->x0);
	double r = 0;
	for (size_t j = 0; j < n; j++)
		r += c->x[j] * c->x[j];
	s->rbar = c->param[P_REPS] * (1 + sqrt(r));
	s->gsum = 0;
	c->extra[1] = s->rbar;
	return stoch_init(&s->s, c, P_COUNT);
}

static int dog_step(void *state, meth_ctx *c)
{
	dog_state *s = state;
	int n = c->n;
	double *x = c->x, *g = s->g, gg = 0;
	stoch_grad(&s->s, c, x, g);
	for (int j = 0; j < n; j++)
		gg += g[j] * g[j];
	s->gsum += gg;
	/* a zero gradient so far: nothing to scale, the step is 0 */
	double eta = s->gsum > 0 ? stoch_rate(&s->s) * s->rbar / sqrt(s->gsum) : 0, d = 0;
	for (int j = 0; j < n; j++) {
		x[j] -= eta * g[j];
		double e = x[j] - s->x0[j];
		d += e * e;
	}
	s->rbar = fmax(s->rbar, sqrt(d));
	c->step = eta;
	c->extra[1] = s->rbar;
	return stoch_end(&s->s, c);
}

static void dog_free(void *state)
{
	dog_state *s = state;
	stoch_free(&s->s);
	free(s->g);
	free(s->x0);
}

const meth meth_dog = {
    .name = "dog",
    .family = "stochastic",
    .summary = "parameter-free SGD: step = max distance from x0 / root of summed |g|^2",
    .reference = "Ivgi, Hinder & Carmon, DoG is SGD's Best Friend: A Parameter-Free Dynamic "
                 "Step Size Schedule, ICML 2023",
    .params = params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(dog_state),
    .init = dog_init,
    .step = dog_step,
    .free = dog_free,
};
