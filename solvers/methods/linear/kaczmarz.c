/* kaczmarz: the Kaczmarz method for A x = b, one row projection a step,
 *   x+ = x + (b_i - a_i'x) / |a_i|^2 a_i,
 * with row i drawn with probability |a_i|^2 / |A|_F^2 (Strohmer & Vershynin), which
 * converges in expectation as E|x_k - x*|^2 <= (1 - 1/kappa^2)^k |x_0 - x*|^2 with
 * kappa = |A|_F |A^-1|_2, or cyclically (Kaczmarz's original order). */
#include <stdio.h>
#include <stdlib.h>

#include "linear.h"

enum { P_ORDER, P_COUNT };

static const char *const orders[] = {"random", "cyclic", NULL};

static const param_def params[] = {
    {"order", 0, 0, 1, "random: rows drawn by |a_i|^2 (Strohmer-Vershynin); cyclic: in turn",
     orders, 0},
};

static const char *const extra[] = {"passes", "row", NULL};

typedef struct kz_state {
	const linsys *L;
	double *cdf; /* cumulative |a_i|^2 / |A|_F^2 */
	long k;
} kz_state;

static int kz_init(void *state, meth_ctx *c)
{
	kz_state *s = state;
	if (!(s->L = linear_system(c, "kaczmarz", 0, 0)))
		return METH_FAILED;
	if (!(s->L->fro2 > 0)) {
		snprintf(c->msg, sizeof c->msg, "kaczmarz needs a nonzero A");
		return METH_FAILED;
	}
	if (!(s->cdf = malloc((size_t)c->n * sizeof *s->cdf))) {
		snprintf(c->msg, sizeof c->msg, "kaczmarz: out of memory");
		return METH_FAILED;
	}
	double acc = 0;
	for (int i = 0; i < c->n; i++)
		s->cdf[i] = (acc += s->L->row2[i]) / s->L->fro2;
	linear_report(c, 0);
	c->extra[1] = 0;
	return METH_OK;
}

/* The first row whose cumulative weight passes u: a binary search. */
static int draw_row(const kz_state *s, double u)
{
	int lo = 0, hi = s->L->n - 1;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (s->cdf[mid] <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int kz_step(void *state, meth_ctx *c)
{
	kz_state *s = state;
	const linsys *L = s->L;
	int i;
	do /* a zero row is never drawn at random; cyclically it is skipped */
		i = c->param[P_ORDER] == 0 ? draw_row(s, rng_uniform(c->rng)) : (int)(s->k++ % L->n);
	while (L->row2[i] == 0);
	double ri = L->b[i];
	for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
		ri -= L->val[k] * c->x[L->col[k]];
	double t = ri / L->row2[i];
	for (long k = L->rowptr[i]; k < L->rowptr[i + 1]; k++)
		c->x[L->col[k]] += t * L->val[k];
	c->step = t;
	c->extra[1] = i + 1;
	c->moved = 1; /* a row already satisfied moves nothing: no stall of the method */
	return linear_report(c, 1.0 / L->n);
}

static void kz_free(void *state)
{
	kz_state *s = state;
	free(s->cdf);
}

const meth meth_kaczmarz = {
    .name = "kaczmarz",
    .family = "linear",
    .summary = "randomized Kaczmarz: project onto one row's hyperplane a step, rows by |a_i|^2",
    .reference = "T. Strohmer, R. Vershynin, A randomized Kaczmarz algorithm with exponential "
                 "convergence, J. Fourier Anal. Appl. 15 (2009); S. Kaczmarz (1937)",
    .params = params,
    .nparams = 1,
    .needs = PROB_LINSYS | PROB_GRAD,
    .extra = extra,
    .state_size = sizeof(kz_state),
    .init = kz_init,
    .step = kz_step,
    .free = kz_free,
};
