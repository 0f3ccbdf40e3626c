/* adam8bit: Adam whose two moments are stored in 8 bits, block-wise (quant8.h): blocks
 * of `block` values, each with its absmax; the first moment on the signed dynamic code,
 * the second on the unsigned one. Every step dequantizes a block, makes Adam's update
 * of m and v in doubles, steps x with the updated (unrounded) moments, and requantizes
 * the block: the state costs 2 bytes a coordinate and two floats a block, against
 * Adam's 16 bytes. Below about 1e-6 of its block's absmax a moment rounds to 0. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "quant8.h"
#include "stoch.h"

enum { P_STEP, P_B1, P_B2, P_EPS, P_WD, P_BLOCK, P_COUNT };

static const param_def params[] = {
    {"step", 1e-3, 1e-15, 1e15, "the step a (times the schedule)", NULL, 0},
    {"beta1", 0.9, 0, 0.999999, "decay of the first moment", NULL, 0},
    {"beta2", 0.999, 0, 0.999999999, "decay of the second moment", NULL, 0},
    {"eps", 1e-8, 0, 1, "added to the root of the second moment", NULL, 0},
    {"wd", 0, 0, 1e6, "weight decay: g += wd x", NULL, 0},
    {"block", 256, 1, 65536, "values per quantization block (one absmax each)", NULL, 1},
    STOCH_PARAM_DEFS,
};

static const char *const extra[] = {"epoch", NULL};

typedef struct a8_state {
	stoch s;
	double *g, *bm, *bv; /* gradient; one block of m and v in doubles */
	uint8_t *qm, *qv;
	float *sm, *sv; /* absmax of each block */
	double cm[Q8_CODES], cv[Q8_CODES];
	double b1t, b2t;
	int block;
} a8_state;

static int a8_init(void *state, meth_ctx *c)
{
	a8_state *s = state;
	size_t n = (size_t)c->n;
	s->block = (int)c->param[P_BLOCK];
	if ((size_t)s->block > n)
		s->block = (int)n; /* a block never needs to be longer than x */
	size_t nb = (n + (size_t)s->block - 1) / (size_t)s->block, b = (size_t)s->block;
	s->g = malloc(n * sizeof *s->g);
	s->bm = malloc(b * sizeof *s->bm);
	s->bv = malloc(b * sizeof *s->bv);
	s->qm = malloc(n);
	s->qv = malloc(n);
	s->sm = malloc(nb * sizeof *s->sm);
	s->sv = malloc(nb * sizeof *s->sv);
	if (!s->g || !s->bm || !s->bv || !s->qm || !s->qv || !s->sm || !s->sv) {
		snprintf(c->msg, sizeof c->msg, "adam8bit: out of memory");
		return METH_FAILED;
	}
	q8_code(1, s->cm);
	q8_code(0, s->cv);
	for (size_t i = 0; i < nb; i++)
		s->sm[i] = s->sv[i] = 0; /* zero moments: every byte decodes to 0 */
	for (size_t i = 0; i < n; i++)
		s->qm[i] = s->qv[i] = 0;
	s->b1t = s->b2t = 1;
	return stoch_init(&s->s, c, P_COUNT);
}

static int a8_step(void *state, meth_ctx *c)
{
	a8_state *s = state;
	const double *p = c->param;
	long n = c->n;
	int bs = s->block;
	double a = p[P_STEP] * stoch_rate(&s->s), b1 = p[P_B1], b2 = p[P_B2], eps = p[P_EPS];
	double wd = p[P_WD], *x = c->x, *g = s->g;
	stoch_grad(&s->s, c, x, g);
	s->b1t *= b1;
	s->b2t *= b2;
	double c1 = 1 - s->b1t, c2 = 1 - s->b2t;
	for (long lo = 0, k = 0; lo < n; lo += bs, k++) {
		long len = lo + bs < n ? bs : n - lo;
		q8_dequantize(s->cm, s->qm + lo, s->sm + k, len, bs, s->bm);
		q8_dequantize(s->cv, s->qv + lo, s->sv + k, len, bs, s->bv);
		for (long i = 0; i < len; i++) {
			double gj = g[lo + i] + wd * x[lo + i];
			s->bm[i] = b1 * s->bm[i] + (1 - b1) * gj;
			s->bv[i] = b2 * s->bv[i] + (1 - b2) * gj * gj;
			x[lo + i] -= a * (s->bm[i] / c1) / (sqrt(s->bv[i] / c2) + eps);
		}
		q8_quantize(s->cm, s->bm, len, bs, s->qm + lo, s->sm + k);
		q8_quantize(s->cv, s->bv, len, bs, s->qv + lo, s->sv + k);
	}
	c->step = a;
	return stoch_end(&s->s, c);
}

static void a8_free(void *state)
{
	a8_state *s = state;
	stoch_free(&s->s);
	free(s->g);
	free(s->bm);
	free(s->bv);
	free(s->qm);
	free(s->qv);
	free(s->sm);
	free(s->sv);
}

const meth meth_adam8bit = {
    .name = "adam8bit",
    .family = "adaptive",
    .summary = "adam with both moments stored block-wise in 8 bits (dynamic codes)",
    .reference = "Dettmers, Lewis, Shleifer & Zettlemoyer, 8-bit Optimizers via Block-wise "
                 "Quantization, ICLR 2022",
    .params = params,
    .nparams = P_COUNT + STOCH_NPARAMS,
    .needs = PROB_VALUE | PROB_GRAD,
    .extra = extra,
    .components = 1,
    .state_size = sizeof(a8_state),
    .init = a8_init,
    .step = a8_step,
    .free = a8_free,
};
