/* The adaptive family: a step per coordinate from running moments of the stochastic
 * gradient (stoch.h). With m the first moment and v the second (bias-corrected for
 * the Adam family: mh = m / (1 - b1^t), vh = v / (1 - b2^t)):
 *   adagrad   v = r v + g^2 (r = 1: the sum),  x -= a g / (sqrt(v) + eps)
 *   rmsprop   v = r v + (1 - r) g^2,  x -= a g / (sqrt(v) + eps)
 *   adam      x -= a mh / (sqrt(vh) + eps)
 *   adamw     adam, and the decoupled decay x -= a wd x
 *   amsgrad   adam with vh from the running maximum of v
 *   diffgrad  adam with mh times the friction 1 / (1 + exp(-|g_prev - g|)) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stoch.h"

enum variant { V_ADAGRAD, V_RMSPROP, V_ADAM, V_ADAMW, V_AMSGRAD, V_DIFFGRAD };

/* The Adam family: step, beta1, beta2, eps, wd. */
enum { P_STEP, P_B1, P_B2, P_EPS, P_WD, P_COUNT };

#define ADAM_ROWS(step, wd)                                                                   \
	{"step", step, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},               \
	{"beta1", 0.9, 0, 0.999999, "decay of the first moment", NULL, 0},                     \
	{"beta2", 0.999, 0, 0.999999999, "decay of the second moment", NULL, 0},               \
	{"eps", 1e-8, 0, 1, "added to the root of the second moment", NULL, 0},                \
	{"wd", wd, 0, 1e6, "weight decay: adamw's decoupled x -= a wd x; else g += wd x", NULL, 0}

static const param_def adam_params[] = {ADAM_ROWS(1e-3, 0), STOCH_PARAM_DEFS};
static const param_def adamw_params[] = {ADAM_ROWS(1e-3, 0.01), STOCH_PARAM_DEFS};

/* adagrad and rmsprop: step, decay, eps, wd (no first moment). */
enum { Q_STEP, Q_DECAY, Q_EPS, Q_WD, Q_COUNT };

static const param_def adagrad_params[] = {
    {"step", 0.1, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"decay", 1, 0, 1, "v = decay v + g^2 (1: AdaGrad's sum of all squared gradients)", NULL, 0},
    {"eps", 1e-10, 0, 1, "added to the root of the second moment", NULL, 0},
    {"wd", 0, 0, 1e6, "weight decay: g += wd x", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const param_def rmsprop_params[] = {
    {"step", 0.01, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"decay", 0.99, 0, 0.999999999, "decay r of the second moment", NULL, 0},
    {"eps", 1e-8, 0, 1, "added to the root of the second moment", NULL, 0},
    {"wd", 0, 0, 1e6, "weight decay: g += wd x", NULL, 0},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", NULL};

typedef struct ad_state {
	stoch s;
	double *g, *m, *v, *vmax, *gprev;
	double b1t, b2t; /* beta1^t, beta2^t */
} ad_state;

static int ad_init(ad_state *s, meth_ctx *c, int base)
{
	size_t n = (size_t)c->n;
	s->g = malloc(n * sizeof *s->g);
	s->m = calloc(n, sizeof *s->m);
	s->v = calloc(n, sizeof *s->v);
	s->vmax = calloc(n, sizeof *s->vmax);
	s->gprev = calloc(n, sizeof *s->gprev);
	if (!s->g || !s->m || !s->v || !s->vmax || !s->gprev) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	s->b1t = s->b2t = 1;
	return stoch_init(&s->s, c, base);
}

static int adam_init(void *state, meth_ctx *c)
{
	return ad_init(state, c, P_COUNT);
}

static int rms_init(void *state, meth_ctx *c)
{
	return ad_init(state, c, Q_COUNT);
}

static int ad_step(ad_state *s, meth_ctx *c, enum variant var)
{
	int n = c->n;
	const double *p = c->param;
	int adam = var >= V_ADAM;
	double a = p[P_STEP] * stoch_rate(&s->s), b1 = adam ? p[P_B1] : 0;
	double b2 = adam ? p[P_B2] : p[Q_DECAY], eps = adam ? p[P_EPS] : p[Q_EPS];
	double wd = adam ? p[P_WD] : p[Q_WD], *x = c->x, *g = s->g;
	stoch_grad(&s->s, c, x, g);
	if (var != V_ADAMW && wd > 0)
		for (int j = 0; j < n; j++)
			g[j] += wd * x[j];
	s->b1t *= b1;
	s->b2t *= b2;
	double c1 = 1 - s->b1t, c2 = 1 - s->b2t;
	for (int j = 0; j < n; j++) {
		double gj = g[j], d;
		switch (var) {
		case V_ADAGRAD:
			s->v[j] = b2 * s->v[j] + gj * gj;
			d = gj / (sqrt(s->v[j]) + eps);
			break;
		case V_RMSPROP:
			s->v[j] = b2 * s->v[j] + (1 - b2) * gj * gj;
			d = gj / (sqrt(s->v[j]) + eps);
			break;
		default: {
			s->m[j] = b1 * s->m[j] + (1 - b1) * gj;
			s->v[j] = b2 * s->v[j] + (1 - b2) * gj * gj;
			double vh = s->v[j];
			if (var == V_AMSGRAD)
				vh = s->vmax[j] = fmax(s->vmax[j], s->v[j]);
			double mh = s->m[j] / c1;
			if (var == V_DIFFGRAD) /* no friction at the first step: no previous g */
				mh *= s->s.k ? 1 / (1 + exp(-fabs(s->gprev[j] - gj))) : 1;
			d = mh / (sqrt(vh / c2) + eps);
			break;
		}
		}
		if (var == V_ADAMW)
			d += wd * x[j];
		x[j] -= a * d;
		s->gprev[j] = gj;
	}
	c->step = a;
	return stoch_end(&s->s, c);
}

#define STEP_FN(fn, var)                                                                  \
	static int fn(void *state, meth_ctx *c)                                            \
	{                                                                                  \
		return ad_step(state, c, var);                                             \
	}
STEP_FN(adagrad_step, V_ADAGRAD)
STEP_FN(rmsprop_step, V_RMSPROP)
STEP_FN(adam_step, V_ADAM)
STEP_FN(adamw_step, V_ADAMW)
STEP_FN(amsgrad_step, V_AMSGRAD)
STEP_FN(diffgrad_step, V_DIFFGRAD)

static void ad_free(void *state)
{
	ad_state *s = state;
	stoch_free(&s->s);
	free(s->g);
	free(s->m);
	free(s->v);
	free(s->vmax);
	free(s->gprev);
}

#define AD_METH(id, nm, summ, ref, tab, np, initfn, stepfn)                                            \
	const meth id = {                                                                  \
	    .name = nm,                                                                    \
	    .family = "adaptive",                                                          \
	    .summary = summ,                                                               \
	    .reference = ref,                                                              \
	    .params = tab,                                                                 \
	    .nparams = np + STOCH_NPARAMS,                                                 \
	    .needs = PROB_VALUE | PROB_GRAD,                                               \
	    .extra = extra,                                                                \
	    .components = 1,                                                               \
	    .state_size = sizeof(ad_state),                                                \
	    .init = initfn,                                                                \
	    .step = stepfn,                                                                \
	    .free = ad_free,                                                               \
	}

AD_METH(meth_adagrad, "adagrad", "a step per coordinate from the sum of squared gradients",
        "Duchi, Hazan & Singer, Adaptive Subgradient Methods for Online Learning and "
        "Stochastic Optimization, JMLR 12, 2011",
        adagrad_params, Q_COUNT, rms_init, adagrad_step);
AD_METH(meth_rmsprop, "rmsprop", "a step per coordinate from a running mean of squared gradients",
        "Tieleman & Hinton, Lecture 6.5 - RMSProp, COURSERA: Neural Networks for Machine "
        "Learning, 2012",
        rmsprop_params, Q_COUNT, rms_init, rmsprop_step);
AD_METH(meth_adam, "adam", "bias-corrected running moments: momentum over a per-coordinate scale",
        "Kingma & Ba, Adam: A Method for Stochastic Optimization, ICLR 2015", adam_params,
        P_COUNT, adam_init, adam_step);
AD_METH(meth_adamw, "adamw", "adam with weight decay decoupled from the gradient",
        "Loshchilov & Hutter, Decoupled Weight Decay Regularization, ICLR 2019", adamw_params,
        P_COUNT, adam_init, adamw_step);
AD_METH(meth_amsgrad, "amsgrad", "adam whose second moment never decreases (running maximum)",
        "Reddi, Kale & Kumar, On the Convergence of Adam and Beyond, ICLR 2018", adam_params,
        P_COUNT, adam_init, amsgrad_step);
AD_METH(meth_diffgrad, "diffgrad", "adam with a friction from the change of the gradient",
        "Dubey, Chakraborty, Roy, Mukherjee, Singh & Chaudhuri, diffGrad: An Optimization "
        "Method for Convolutional Neural Networks, IEEE TNNLS 31(11), 2020",
        adam_params, P_COUNT, adam_init, diffgrad_step);
