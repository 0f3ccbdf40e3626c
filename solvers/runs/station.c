/* station: the stationarity measure of each kind of problem (station.h). The KKT
 * multipliers are those that minimize |grad f + J' l|^2 + sum_ineq (l_i c_i)^2 with
 * l >= 0 on the inequalities: the residual of the best multipliers for x, a convex
 * quadratic solved by coordinate descent from the last row's multipliers. */
#include "station.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bilevel.h"
#include "constr.h"
#include "multi.h"

#define KKT_SWEEPS 500 /* coordinate-descent sweeps at most (a few from a warm start) */

struct station {
	const prob *p;
	enum station_kind kind;
	int m;
	double *u;             /* n: the prox or projection */
	double *J, *A, *b, *c; /* m x n gradients, m x m Gram, m, m values */
	double *l;             /* m multipliers */
};

enum station_kind station_kind_caps(unsigned caps)
{
	if (caps & PROB_MULTI)
		return STATION_PARETO;
	if (caps & (PROB_GAME | PROB_MIRROR))
		return STATION_GAME;
	if (caps & PROB_BILEVEL)
		return STATION_BILEVEL;
	if (caps & PROB_CONSTR)
		return STATION_KKT;
	if (caps & PROB_PROX)
		return STATION_PROX;
	if (caps & PROB_PROJ)
		return STATION_PROJ;
	return STATION_GRAD;
}

enum station_kind station_kind_of(const prob *p)
{
	enum station_kind k = station_kind_caps(p->caps);
	if ((k == STATION_PROX && !p->g) || (k == STATION_PROJ && !p->set) ||
	    (k == STATION_BILEVEL && !bilevel_of(p)) ||
	    (k == STATION_PARETO && !multi_of(p)))
		return STATION_GRAD;
	return k;
}

const char *station_name(enum station_kind k)
{
	switch (k) {
	case STATION_PROX:
		return "gradient mapping |x - prox_g(x - grad f(x))|";
	case STATION_PROJ:
		return "projected gradient |x - P(x - grad f(x))|";
	case STATION_KKT:
		return "KKT residual |grad f + J'l| + |violation| + |l o c|";
	case STATION_GAME:
		return "operator residual |z - P(z - F(z))|";
	case STATION_BILEVEL:
		return "hypergradient |grad_x F - H_xy H_yy^+ grad_y F| + |grad_y F off H_yy's range| "
		       "+ |grad_y g|";
	case STATION_PARETO:
		return "Pareto stationarity |min-norm convex combination of the grad f_i| "
		       "(projected on a set)";
	default:
		return "|grad f(x)|";
	}
}

void station_free(station *s)
{
	if (!s)
		return;
	free(s->u);
	free(s->J);
	free(s->A);
	free(s->b);
	free(s->c);
	free(s->l);
	free(s);
}

station *station_new(const prob *p)
{
	station *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->p = p;
	s->kind = station_kind_of(p);
	size_t n = (size_t)p->n;
	if (s->kind == STATION_PROX || s->kind == STATION_PROJ) {
		if (!(s->u = malloc(n * sizeof *s->u)))
			goto fail;
	} else if (s->kind == STATION_KKT) {
		size_t m = (size_t)(s->m = constr_count(p->constr));
		s->J = malloc((m * n + 1) * sizeof *s->J);
		s->A = malloc((m * m + 1) * sizeof *s->A);
		s->b = malloc((m + 1) * sizeof *s->b);
		s->c = malloc((m + 1) * sizeof *s->c);
		s->l = calloc(m + 1, sizeof *s->l);
		if (!s->J || !s->A || !s->b || !s->c || !s->l)
			goto fail;
	} else if (s->kind == STATION_PARETO) {
		size_t k = (size_t)multi_of(p)->k;
		s->J = malloc(k * n * sizeof *s->J);
		s->c = malloc(k * sizeof *s->c);
		s->u = malloc((multi_descent_work((int)k, (int)n) + n) * sizeof *s->u);
		if (!s->J || !s->c || !s->u)
			goto fail;
	}
	return s;
fail:
	station_free(s);
	return NULL;
}

static double dist2(const double *a, const double *b, int n)
{
	double t = 0;
	for (int i = 0; i < n; i++)
		t += (a[i] - b[i]) * (a[i] - b[i]);
	return sqrt(t);
}

static double norm(const double *v, int n)
{
	double t = 0;
	for (int i = 0; i < n; i++)
		t += v[i] * v[i];
	return sqrt(t);
}

/* l = argmin |g + J'l|^2 + sum_ineq (l_i c_i)^2, l_ineq >= 0, by coordinate descent. */
static void kkt_mult(station *s, const double *g)
{
	int m = s->m, n = s->p->n, mi = s->p->constr->m_ineq;
	for (int k = 0; k < m; k++) {
		const double *jk = s->J + (size_t)k * n;
		double b = 0;
		for (int i = 0; i < n; i++)
			b += jk[i] * g[i];
		s->b[k] = b;
		for (int j = 0; j <= k; j++) {
			const double *jj = s->J + (size_t)j * n;
			double a = 0;
			for (int i = 0; i < n; i++)
				a += jk[i] * jj[i];
			s->A[k * m + j] = s->A[j * m + k] = a;
		}
		if (k < mi)
			s->A[k * m + k] += s->c[k] * s->c[k];
		if (!isfinite(s->l[k]))
			s->l[k] = 0;
	}
	for (int sweep = 0; sweep < KKT_SWEEPS; sweep++) {
		double change = 0, size = 0;
		for (int k = 0; k < m; k++) {
			double akk = s->A[k * m + k], r = s->b[k], old = s->l[k];
			for (int j = 0; j < m; j++)
				if (j != k)
					r += s->A[k * m + j] * s->l[j];
			double v = akk > 0 ? -r / akk : 0;
			if (k < mi && !(v > 0))
				v = 0;
			s->l[k] = v;
			change = fmax(change, fabs(v - old));
			size = fmax(size, fabs(v));
		}
		if (!(change > 1e-15 * (1 + size)))
			break;
	}
}

static double kkt_measure(station *s, const double *x, const double *g)
{
	const prob_constr *pc = s->p->constr;
	int m = s->m, n = s->p->n, mi = pc->m_ineq;
	for (int k = 0; k < m; k++)
		s->c[k] = constr_grad(pc, k, x, s->J + (size_t)k * n);
	kkt_mult(s, g);
	double st = 0, viol = 0, comp = 0;
	for (int i = 0; i < n; i++) {
		double r = g[i];
		for (int k = 0; k < m; k++)
			r += s->l[k] * s->J[(size_t)k * n + i];
		st += r * r;
	}
	for (int k = 0; k < m; k++) {
		double v = k < mi ? fmax(s->c[k], 0) : s->c[k];
		viol += v * v;
		if (k < mi)
			comp += (s->l[k] * s->c[k]) * (s->l[k] * s->c[k]);
		if (isnan(s->c[k]))
			return NAN;
	}
	return sqrt(st) + sqrt(viol) + sqrt(comp);
}

double station_measure(station *s, const double *x, const double *g)
{
	const prob *p = s->p;
	int n = p->n;
	switch (s->kind) {
	case STATION_PROX:
		for (int i = 0; i < n; i++)
			s->u[i] = x[i] - g[i];
		p->g->prox(p->g->ctx, s->u, 1.0, s->u, n);
		return dist2(x, s->u, n);
	case STATION_PROJ:
		for (int i = 0; i < n; i++)
			s->u[i] = x[i] - g[i];
		p->set->project(p->set->ctx, s->u, s->u, n);
		return dist2(x, s->u, n);
	case STATION_KKT:
		return kkt_measure(s, x, g);
	case STATION_BILEVEL:
		return bilevel_measure(bilevel_of(p), x, g, NULL);
	case STATION_PARETO: /* the objectives' own gradients, not the mean's g */
		multi_grads(multi_of(p), x, s->c, s->J);
		return multi_pareto_measure(p, x, s->J, NULL, s->u);
	default:
		return norm(g, n);
	}
}

const double *station_mult(const station *s)
{
	return s->kind == STATION_KKT ? s->l : NULL;
}
