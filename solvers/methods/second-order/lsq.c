/* lsq: residuals, Jacobian and the Gauss-Newton step by QR (lsq.h). */
#include "lsq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense.h"

#define LSQ_MAX_MN 1e8 /* Jacobian entries: 800 MB, twice for its QR */

int lsq_alloc(lsq_work *w, meth_ctx *c)
{
	const prob *p = c->o->p;
	w->m = p->lsq_m;
	w->n = c->n;
	if (w->m < 1 || (double)w->m * c->n > LSQ_MAX_MN) {
		snprintf(c->msg, sizeof c->msg,
		         "the Jacobian would have %ld x %d entries, beyond the limit %g", w->m,
		         c->n, LSQ_MAX_MN);
		return METH_FAILED;
	}
	size_t mn = (size_t)w->m * (size_t)c->n, m = (size_t)w->m;
	w->jac = malloc(2 * mn * sizeof *w->jac);
	w->r = malloc((3 * m + (size_t)c->n) * sizeof *w->r);
	if (!w->jac || !w->r) {
		lsq_free(w);
		snprintf(c->msg, sizeof c->msg, "out of memory for a %ld x %d Jacobian", w->m, c->n);
		return METH_FAILED;
	}
	w->qr = w->jac + mn;
	w->qtr = w->r + m;
	w->rt = w->qtr + m;
	w->tau = w->rt + m;
	return METH_OK;
}

void lsq_free(lsq_work *w)
{
	free(w->jac);
	free(w->r);
	w->jac = w->r = NULL;
}

void lsq_eval(lsq_work *w, meth_ctx *c)
{
	int n = w->n;
	c->f = oracle_jac(c->o, c->x, w->r, w->jac);
	memset(c->g, 0, (size_t)n * sizeof *c->g);
	for (long i = 0; i < w->m; i++) {
		const double *row = w->jac + (size_t)i * (size_t)n;
		for (int j = 0; j < n; j++)
			c->g[j] += 2.0 * row[j] * w->r[i];
	}
	c->g_valid = 1;
}

int lsq_singular(const double *r, int n)
{
	double big = 0.0;
	for (int j = 0; j < n; j++)
		big = fmax(big, fabs(r[(size_t)j * n + j]));
	for (int j = 0; j < n; j++)
		if (!(fabs(r[(size_t)j * n + j]) > 1e-14 * big))
			return 1;
	return 0;
}

int lsq_gn(lsq_work *w, double *p)
{
	int n = w->n;
	if (w->m < n)
		return -1; /* fewer residuals than unknowns: J'J is singular */
	memcpy(w->qr, w->jac, (size_t)w->m * (size_t)n * sizeof *w->qr);
	memcpy(w->qtr, w->r, (size_t)w->m * sizeof *w->qtr);
	dense_qr(w->qr, (int)w->m, n, w->tau, w->qtr);
	if (lsq_singular(w->qr, n))
		return -1;
	for (int j = 0; j < n; j++)
		p[j] = -w->qtr[j];
	return dense_trisolve(w->qr, n, n, 0, p);
}
