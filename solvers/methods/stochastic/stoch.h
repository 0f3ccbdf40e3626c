/* stoch: what the stochastic methods share (sgd, clipsgd, svrg, saga, the adaptive
 * family, lion, dog, adam8bit): the sampler, the noisy gradient estimate, the step
 * schedule, the epoch count and the schedule of full evaluations for the trace.
 *
 * Every such method appends STOCH_PARAM_DEFS to its parameter table and keeps a
 * `stoch` in its state:
 *   - sampler: components are drawn with the run's rng (so a seed fixes the run),
 *     `batch` per estimate, with replacement or by shuffled passes (each component
 *     once an epoch). A problem without PROB_SUM is one component: its (full)
 *     gradient. The sampler knows the next component one draw ahead and lets the
 *     problem start loading it (prob_sum.prefetch): rows drawn at random come from
 *     memory.
 *   - noise: each sampled component's gradient gets independent noise of scale
 *     `noise`, Gaussian or Student-t with `dof` degrees of freedom (heavy tails);
 *     a minibatch averages them. So any expression problem becomes a noisy oracle.
 *   - epochs: component gradients / m (a full gradient counts m), the trace column
 *     `epoch` (extra column 0). The oracle's counters nf, ng count full evaluations.
 *   - the trace's f and gnorm are those of a full evaluation (value and gradient)
 *     every `evalevery` steps, or once an epoch when 0; in between, the trace shows
 *     the last evaluated values (so a tolerance on f change must stay off).
 *
 * Ownership: stoch_init allocates inside the struct; stoch_free releases it. */
#ifndef OPTLAB_STOCH_H
#define OPTLAB_STOCH_H

#include "meth.h"

extern const char *const stoch_schedule_names[]; /* constant, invk, invsqrt, ... */
extern const char *const stoch_noise_names[];    /* gaussian, student */

/* ORDER stoch_param: with STOCH_PARAM_DEFS. */
enum stoch_param {
	STOCH_BATCH,
	STOCH_REPLACE,
	STOCH_SCHEDULE,
	STOCH_K0,
	STOCH_GAMMA,
	STOCH_HORIZON,
	STOCH_WARMUP,
	STOCH_NOISE,
	STOCH_NOISEDIST,
	STOCH_DOF,
	STOCH_EVALEVERY,
	STOCH_NPARAMS
};

enum stoch_schedule { STOCH_CONSTANT, STOCH_INVK, STOCH_INVSQRT, STOCH_STEPDECAY, STOCH_COSINE };

#define STOCH_PARAM_DEFS                                                                           \
	{"batch", 1, 1, 1e6, "components per gradient estimate (minibatch size)", NULL, 1},         \
	{"replacement", 0, 0, 1, "1: draw with replacement; 0: shuffled passes", NULL, 1},          \
	{"schedule", 0, 0, 4,                                                                      \
	 "step multiplier: constant, invk k0/(k0+k), invsqrt, stepdecay gamma^(k/k0), cosine",    \
	 stoch_schedule_names, 0},                                                                 \
	{"k0", 100, 1, 1e12, "time scale of invk, invsqrt and stepdecay (steps)", NULL, 0},        \
	{"gamma", 0.5, 1e-6, 1, "factor of stepdecay every k0 steps", NULL, 0},                    \
	{"horizon", 1000, 1, 1e12, "steps of the cosine schedule (then 0)", NULL, 0},              \
	{"warmup", 0, 0, 1e12, "steps of linear warmup, times the schedule", NULL, 1},             \
	{"noise", 0, 0, 1e12, "scale of the noise added to each sampled gradient", NULL, 0},      \
	{"noisedist", 0, 0, 1, "noise: gaussian or student (t, dof degrees of freedom)",          \
	 stoch_noise_names, 0},                                                                    \
	{"dof", 2, 1, 100, "degrees of freedom of student noise", NULL, 1},                        \
	{"evalevery", 0, 0, 1e12, "full f and gradient for the trace every k steps; 0: each epoch", \
	 NULL, 1}

typedef struct stoch {
	const prob_sum *sum; /* NULL: one component, the full gradient */
	long m;              /* components (1 without a sum) */
	int n, batch, replace, sched, dist, dof;
	double noise, k0, gamma, horizon, warmup;
	long evalevery;
	long *perm, pos; /* shuffled passes */
	long next;       /* with replacement: the next draw, or -1 */
	long ncomp;      /* component gradients so far (a full gradient counts m) */
	long k;          /* steps taken */
	long epoch_eval; /* whole epochs at the last full evaluation */
	double gnorm;    /* |g| at the last full evaluation, for the trace */
	double *gi;      /* n values of scratch */
} stoch;

/* Reads the shared parameters at c->param[base..], allocates, and evaluates f and the
 * gradient at c->x for row 0 (c->f, c->g, c->g_valid). METH_OK or METH_FAILED. */
int stoch_init(stoch *s, meth_ctx *c, int base);
void stoch_free(stoch *s);

/* The schedule's multiplier of the step at the current step (warmup included). */
double stoch_rate(const stoch *s);
/* One component index from the sampler. */
long stoch_draw(stoch *s, meth_ctx *c);
/* g = the gradient of component i at x, without noise; counted. */
void stoch_comp_grad(stoch *s, meth_ctx *c, long i, const double *x, double *g);
/* Adds the noise of one sampled gradient to g. */
void stoch_add_noise(stoch *s, meth_ctx *c, double *g);
/* g = a minibatch estimate at x (batch components drawn, noise added). */
void stoch_grad(stoch *s, meth_ctx *c, const double *x, double *g);
/* g = the full gradient at x, counted as m components (no noise). Returns f. */
double stoch_full_grad(stoch *s, meth_ctx *c, const double *x, double *g);
/* After a step's update: counts the step, sets the epoch column (extra 0) and makes a
 * full evaluation for the trace when it is due. Returns METH_OK. */
int stoch_end(stoch *s, meth_ctx *c);

#endif
