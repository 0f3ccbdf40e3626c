/* sinkhorn: Sinkhorn-Knopp's matrix scaling for entropic optimal transport, exact
 * alternating minimization of the dual phi(f, g) (ot.h) over f, then g. The standard
 * variant scales u = a / (K v), v = b / (K'u) with the Gibbs kernel K = exp(-C/eps)
 * (the potentials are eps log u, eps log v): K underflows to 0 when eps is small against
 * the costs, and the run fails with a message. The log-domain variant updates the potentials with a
 * stabilized log-sum-exp, f_i = eps log a_i - eps log sum_j exp((g_j - C_ij) / eps), and
 * works at any eps. After a step the columns' marginals are exact; gnorm is the rows'. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"
#include "ot.h"

/* ORDER sinkhorn_param */
enum { P_LOG, P_COUNT };

static const char *const yesno[] = {"no", "yes", NULL};

static const param_def params[] = {
    {"logdomain", 0, 0, 1, "yes: potentials by log-sum-exp (stable at small reg)", yesno, 0},
};

static const char *const extra_names[3] = {"cost", "marg", NULL};

typedef struct sk_state {
	const ot_data *d;
	double *K, *u, *v; /* standard variant: the kernel and the scalings */
} sk_state;

/* c->f and c->g (the marginal residuals) through the oracle; <C, P> and the L1
 * marginal error as the extra columns. */
static void report(meth_ctx *c, const ot_data *d)
{
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	double e = 0;
	for (int i = 0; i < c->n; i++)
		e += fabs(c->g[i]);
	c->extra[0] = ot_plan(d, c->x, NULL);
	c->extra[1] = e;
}

static int sk_init(void *state, meth_ctx *c)
{
	sk_state *s = state;
	if (!(s->d = ot_of(c->o->p))) {
		snprintf(c->msg, sizeof c->msg,
		         "sinkhorn needs an optimal-transport problem (the library's ot)");
		return METH_FAILED;
	}
	const ot_data *d = s->d;
	s->K = malloc((size_t)d->m * (size_t)d->k * sizeof *s->K);
	s->u = malloc((size_t)d->m * sizeof *s->u);
	s->v = malloc((size_t)d->k * sizeof *s->v);
	if (!s->K || !s->u || !s->v) {
		snprintf(c->msg, sizeof c->msg, "sinkhorn: out of memory");
		return METH_FAILED;
	}
	for (long i = 0; i < (long)d->m * d->k; i++)
		s->K[i] = exp(-d->C[i] / d->eps);
	report(c, d);
	return METH_OK;
}

/* out_i = eps log w_i - eps log sum_j exp((h_j - C(i, j)) / eps), C(i, j) read with the
 * strides (si, sj) so that one function serves rows and columns. */
static void lse_update(const ot_data *d, int n, int k, const double *w, const double *h,
                       size_t si, size_t sj, double *out)
{
	for (int i = 0; i < n; i++) {
		double mx = -INFINITY, s = 0;
		for (int j = 0; j < k; j++)
			mx = fmax(mx, (h[j] - d->C[(size_t)i * si + (size_t)j * sj]) / d->eps);
		for (int j = 0; j < k; j++)
			s += exp((h[j] - d->C[(size_t)i * si + (size_t)j * sj]) / d->eps - mx);
		out[i] = d->eps * (log(w[i]) - mx - log(s));
	}
}

/* The scalings left the floating-point range: say so rather than divide by zero. */
static int underflow(meth_ctx *c, const char *what, int i)
{
	snprintf(c->msg, sizeof c->msg,
	         "sinkhorn: the kernel exp(-C/reg) under- or overflowed (%s %d): "
	         "use logdomain = yes",
	         what, i + 1);
	return METH_FAILED;
}

static int sk_step(void *state, meth_ctx *c)
{
	sk_state *s = state;
	const ot_data *d = s->d;
	int m = d->m, k = d->k;
	double *f = c->x, *g = c->x + m;
	if ((int)c->param[P_LOG]) {
		lse_update(d, m, k, d->a, g, (size_t)k, 1, f);
		lse_update(d, k, m, d->b, f, 1, (size_t)k, g);
	} else {
		for (int j = 0; j < k; j++)
			s->v[j] = exp(g[j] / d->eps);
		for (int i = 0; i < m; i++) {
			double kv = 0;
			for (int j = 0; j < k; j++)
				kv += s->K[(size_t)i * (size_t)k + (size_t)j] * s->v[j];
			if (!(kv > 0 && isfinite(kv)))
				return underflow(c, "row", i);
			s->u[i] = d->a[i] / kv;
		}
		for (int j = 0; j < k; j++) {
			double ku = 0;
			for (int i = 0; i < m; i++)
				ku += s->K[(size_t)i * (size_t)k + (size_t)j] * s->u[i];
			if (!(ku > 0 && isfinite(ku)))
				return underflow(c, "column", j);
			s->v[j] = d->b[j] / ku;
		}
		for (int i = 0; i < m; i++)
			f[i] = d->eps * log(s->u[i]);
		for (int j = 0; j < k; j++)
			g[j] = d->eps * log(s->v[j]);
	}
	report(c, d);
	c->step = 1;
	return METH_OK;
}

static void sk_free(void *state)
{
	sk_state *s = state;
	free(s->K);
	free(s->u);
	free(s->v);
}

const meth meth_sinkhorn = {
    .name = "sinkhorn",
    .family = "transport",
    .summary = "Sinkhorn-Knopp scaling for entropic optimal transport (standard or log-domain)",
    .reference = "Cuturi, Sinkhorn distances: lightspeed computation of optimal transport, "
                 "NeurIPS 2013; Peyre & Cuturi, Computational Optimal Transport (2019), 4.4",
    .params = params,
    .nparams = P_COUNT,
    .needs = PROB_TRANSPORT | PROB_GRAD,
    .extra = extra_names,
    .state_size = sizeof(sk_state),
    .init = sk_init,
    .step = sk_step,
    .free = sk_free,
};
