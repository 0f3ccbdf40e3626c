/* bl: the bilevel family's shared pieces (bl.h). */
#include "bl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POWER_ITERS 20

const char *const bl_extra_names[] = {"gap", "hgnorm", "inner", NULL};

int bl_init(bl_state *s, meth_ctx *c, int kmax, int constrained)
{
	const prob *p = c->o->p;
	if (!(s->b = bilevel_of(p))) {
		snprintf(c->msg, sizeof c->msg, "problem '%s' has no upper and lower levels", p->name);
		return METH_FAILED;
	}
	if (s->b->mc && !constrained) {
		snprintf(c->msg, sizeof c->msg,
		         "problem '%s' constrains its lower level: this method needs an unconstrained "
		         "one (lvhba and bilevelpenalty take constraints)",
		         p->name);
		return METH_FAILED;
	}
	s->nx = s->b->nx;
	s->ny = s->b->ny;
	s->n = c->n;
	size_t n = (size_t)c->n;
	s->zh = malloc(n * sizeof *s->zh);
	s->gg = malloc(n * sizeof *s->gg);
	s->hv = malloc(n * sizeof *s->hv);
	s->u = malloc(n * sizeof *s->u);
	s->v = malloc(n * sizeof *s->v);
	s->pw = malloc((size_t)s->ny * sizeof *s->pw);
	s->kmax = kmax;
	s->traj = kmax > 0 ? malloc((size_t)kmax * (size_t)s->ny * sizeof *s->traj) : NULL;
	if (!s->zh || !s->gg || !s->hv || !s->u || !s->v || !s->pw || (kmax > 0 && !s->traj)) {
		snprintf(c->msg, sizeof c->msg, "out of memory");
		return METH_FAILED;
	}
	for (int i = 0; i < s->ny; i++)
		s->pw[i] = 1.0 / sqrt(s->ny) * (1 + 0.01 * i); /* not orthogonal to anything simple */
	memcpy(s->zh, c->x, n * sizeof *s->zh);
	bl_report(s, c);
	c->extra[1] = c->extra[2] = NAN; /* no step yet */
	return METH_OK;
}

void bl_free(void *state)
{
	bl_state *s = state;
	free(s->zh);
	free(s->gg);
	free(s->hv);
	free(s->u);
	free(s->v);
	free(s->pw);
	free(s->traj);
}

double bl_lower_grad(oracle *o, const bilevel *b, const double *z, double *gz)
{
	o->nf++;
	o->ng++;
	return bilevel_lower(b, z, gz);
}

double bl_con_grad(oracle *o, const bilevel *b, int k, const double *z, double *gz)
{
	o->nf++;
	o->ng++;
	return bilevel_con(b, k, z, gz);
}

void bl_lower_hv(bl_state *s, oracle *o, const double *z, const double *w, double *hv)
{
	memset(s->u, 0, (size_t)s->nx * sizeof *s->u);
	memcpy(s->u + s->nx, w, (size_t)s->ny * sizeof *s->u);
	o->nh++;
	bilevel_lower_hessvec(s->b, z, s->u, hv);
}

static double norm(const double *v, int n)
{
	double t = 0;
	for (int i = 0; i < n; i++)
		t += v[i] * v[i];
	return sqrt(t);
}

double bl_smooth_y(bl_state *s, oracle *o, const double *z)
{
	double lam = 0;
	for (int it = 0; it < POWER_ITERS; it++) {
		double nv = norm(s->pw, s->ny);
		if (!(nv > 0))
			break;
		for (int i = 0; i < s->ny; i++)
			s->pw[i] /= nv;
		bl_lower_hv(s, o, z, s->pw, s->hv);
		lam = 0;
		for (int i = 0; i < s->ny; i++) {
			lam += s->pw[i] * s->hv[s->nx + i];
			s->pw[i] = s->hv[s->nx + i];
		}
	}
	if (!(norm(s->pw, s->ny) > 0)) /* H_yy v = 0: restart the vector, no curvature seen */
		for (int i = 0; i < s->ny; i++)
			s->pw[i] = 1.0 / sqrt(s->ny);
	return 1.05 * fabs(lam);
}

double bl_smooth_full(bl_state *s, meth_ctx *c, double wf, double wg)
{
	int n = c->n;
	double lam = 0, *w = s->u, *hf = s->v;
	for (int i = 0; i < n; i++)
		s->zh[i] = 1.0 / sqrt(n) * (1 + 0.01 * i);
	for (int it = 0; it < 30; it++) {
		double nv = norm(s->zh, n);
		if (!(nv > 0))
			break;
		for (int i = 0; i < n; i++)
			s->zh[i] /= nv;
		if (wf != 0)
			oracle_hessvec(c->o, c->x, s->zh, hf);
		if (wg != 0) {
			c->o->nh++;
			bilevel_lower_hessvec(s->b, c->x, s->zh, w);
		}
		lam = 0;
		for (int i = 0; i < n; i++) {
			double t = (wf != 0 ? wf * hf[i] : 0) + (wg != 0 ? wg * w[i] : 0);
			lam += s->zh[i] * t;
			s->zh[i] = t;
		}
	}
	memcpy(s->zh, c->x, (size_t)n * sizeof *s->zh);
	return 1.05 * fabs(lam);
}

double bl_beta(bl_state *s, oracle *o, const double *z, double beta)
{
	if (beta > 0)
		return beta;
	s->lg = bl_smooth_y(s, o, z);
	return s->lg > 0 ? 1 / s->lg : 1;
}

void bl_inner(bl_state *s, oracle *o, const double *z, const double *y0, int k, double beta)
{
	int nx = s->nx, ny = s->ny;
	memcpy(s->zh, z, (size_t)nx * sizeof *s->zh);
	memcpy(s->zh + nx, y0, (size_t)ny * sizeof *s->zh);
	for (int j = 0; j < k; j++) {
		if (s->traj && j < s->kmax)
			memcpy(s->traj + (size_t)j * ny, s->zh + nx, (size_t)ny * sizeof *s->traj);
		bl_lower_grad(o, s->b, s->zh, s->gg);
		for (int i = 0; i < ny; i++)
			s->zh[nx + i] -= beta * s->gg[nx + i];
		bilevel_project(s->b, s->zh, nx); /* onto Y(x) when constrained */
	}
	s->inner += k;
}

/* hd = H_yy d (ny values). */
static const double *hyy(bl_state *s, oracle *o, const double *z, const double *d)
{
	bl_lower_hv(s, o, z, d, s->hv);
	return s->hv + s->nx;
}

/* CG on H_yy v = r from 0; 0 when the residual fell to tol |r|, else -1 (it stopped rising
 * in the energy norm's favour: r has a part off H_yy's range). */
static int cg_plain(bl_state *s, oracle *o, const double *z, const double *r, double *v,
                    double *res, double *d, int maxit, double tol, int *it)
{
	int ny = s->ny;
	double r0 = norm(r, ny), rr = r0 * r0;
	memcpy(res, r, (size_t)ny * sizeof *res);
	memcpy(d, r, (size_t)ny * sizeof *d);
	memset(v, 0, (size_t)ny * sizeof *v);
	while (*it < maxit && sqrt(rr) > tol * r0) {
		const double *hd = hyy(s, o, z, d);
		double dhd = 0, rr2 = 0;
		for (int i = 0; i < ny; i++)
			dhd += d[i] * hd[i];
		if (!(dhd > 0))
			return -1;
		double a = rr / dhd;
		for (int i = 0; i < ny; i++) {
			v[i] += a * d[i];
			res[i] -= a * hd[i];
			rr2 += res[i] * res[i];
		}
		for (int i = 0; i < ny; i++)
			d[i] = res[i] + rr2 / rr * d[i];
		rr = rr2;
		(*it)++;
	}
	return sqrt(rr) <= fmax(tol, 1e-10) * r0 ? 0 : -1;
}

/* CG on the normal equations H_yy^2 v = H_yy r from 0 (CGLS): the minimum-norm least-squares
 * solution H_yy^+ r, also where r is off the range. */
static void cg_normal(bl_state *s, oracle *o, const double *z, const double *r, double *v,
                      double *res, double *d, double *q, int maxit, double tol, int *it)
{
	int ny = s->ny;
	memcpy(res, r, (size_t)ny * sizeof *res);
	memset(v, 0, (size_t)ny * sizeof *v);
	memcpy(d, hyy(s, o, z, res), (size_t)ny * sizeof *d);
	double gam = 0;
	for (int i = 0; i < ny; i++)
		gam += d[i] * d[i];
	double g0 = sqrt(gam);
	for (int k = 0; k < maxit && sqrt(gam) > tol * g0; k++, (*it)++) {
		memcpy(q, hyy(s, o, z, d), (size_t)ny * sizeof *q);
		double qq = 0;
		for (int i = 0; i < ny; i++)
			qq += q[i] * q[i];
		if (!(qq > 0))
			break;
		double a = gam / qq, gam2 = 0;
		for (int i = 0; i < ny; i++) {
			v[i] += a * d[i];
			res[i] -= a * q[i];
		}
		const double *sv = hyy(s, o, z, res);
		for (int i = 0; i < ny; i++)
			gam2 += sv[i] * sv[i];
		for (int i = 0; i < ny; i++)
			d[i] = sv[i] + gam2 / gam * d[i];
		gam = gam2;
	}
}

int bl_cg(bl_state *s, oracle *o, const double *z, const double *r, double *v, int maxit,
          double tol)
{
	int ny = s->ny, it = 0;
	double *w = malloc((size_t)ny * 3 * sizeof *w);
	if (!w) {
		for (int i = 0; i < ny; i++)
			v[i] = NAN;
		return 0;
	}
	if (cg_plain(s, o, z, r, v, w, w + ny, maxit, tol, &it) != 0)
		cg_normal(s, o, z, r, v, w, w + ny, w + 2 * ny, maxit, tol, &it);
	free(w);
	s->inner += it;
	return it;
}

void bl_report(bl_state *s, meth_ctx *c)
{
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->gnorm = NAN; /* the driver's station: the kind's measure from c->g */
	double gmin = bilevel_lower_min(s->b, c->x, NULL);
	double gz = bilevel_lower(s->b, c->x, NULL);
	c->extra[0] = fmax(gz - gmin, 0);
	c->extra[1] = s->hg;
	c->extra[2] = (double)s->inner;
}
