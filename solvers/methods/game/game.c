/* game: the operator of a min-max game, the players' simplices (projection and
 * entropic step), residuals, exploitability and averaged iterates. */
#include "game.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const game_extra_names[4] = {"gap", "avggap", "avgdist", NULL};

int game_nx(const prob *p)
{
	return (p->caps & PROB_GAME) && p->game ? p->game->nx : p->n;
}

double game_operator(oracle *o, const double *z, double *F)
{
	double f = oracle_grad(o, z, F);
	for (int i = game_nx(o->p); i < o->p->n; i++)
		F[i] = -F[i];
	return f;
}

/* The blocks [lo, hi) of the players; returns their count. */
static int blocks(const prob *p, int lo[2], int hi[2])
{
	int nx = game_nx(p);
	lo[0] = 0;
	hi[0] = nx;
	lo[1] = nx;
	hi[1] = p->n;
	return nx < p->n ? 2 : 1;
}

/* Michelot's algorithm: the threshold tau rises monotonically to its fixed point, in
 * at most n passes and without sorting or scratch memory. */
void game_simplex_project(const double *y, double *out, int n)
{
	double tau = -INFINITY;
	for (int pass = 0; pass <= n; pass++) {
		double s = 0;
		int k = 0;
		for (int i = 0; i < n; i++)
			if (y[i] > tau) {
				s += y[i];
				k++;
			}
		double t = (s - 1) / k;
		if (t <= tau)
			break;
		tau = t;
	}
	for (int i = 0; i < n; i++)
		out[i] = fmax(y[i] - tau, 0);
}

void game_project(const prob *p, const double *z, double *out)
{
	if (!(p->caps & PROB_MIRROR)) {
		if (out != z)
			memcpy(out, z, (size_t)p->n * sizeof *out);
		return;
	}
	int lo[2], hi[2], nb = blocks(p, lo, hi);
	for (int b = 0; b < nb; b++)
		game_simplex_project(z + lo[b], out + lo[b], hi[b] - lo[b]);
}

/* Shifted by the largest exponent so that no weight overflows. */
void game_entropy_step(const prob *p, const double *z, const double *d, double t, double *out)
{
	int lo[2], hi[2], nb = blocks(p, lo, hi);
	for (int b = 0; b < nb; b++) {
		double m = -INFINITY, s = 0;
		for (int i = lo[b]; i < hi[b]; i++) {
			out[i] = log(z[i]) - t * d[i];
			m = fmax(m, out[i]);
		}
		for (int i = lo[b]; i < hi[b]; i++)
			s += out[i] = exp(out[i] - m);
		for (int i = lo[b]; i < hi[b]; i++)
			out[i] /= s;
	}
}

double game_residual(const prob *p, const double *z, const double *F, double *r)
{
	int n = p->n;
	double s = 0;
	if (p->caps & PROB_MIRROR) {
		for (int i = 0; i < n; i++)
			r[i] = z[i] - F[i];
		game_project(p, r, r);
		for (int i = 0; i < n; i++)
			r[i] = z[i] - r[i];
	} else if (r != F) {
		memcpy(r, F, (size_t)n * sizeof *r);
	}
	for (int i = 0; i < n; i++)
		s += r[i] * r[i];
	return sqrt(s);
}

int game_extra_applies(const prob *p, int k)
{
	return k < 2 ? (p->caps & PROB_MIRROR) != 0 : k == 2 ? p->nsol > 0 : 1;
}

double game_gap(const prob *p, const double *z, const double *F)
{
	if (!(p->caps & PROB_MIRROR))
		return NAN;
	int lo[2], hi[2], nb = blocks(p, lo, hi);
	double gap = 0;
	for (int b = 0; b < nb; b++) {
		double m = INFINITY;
		for (int i = lo[b]; i < hi[b]; i++) {
			gap += F[i] * z[i];
			m = fmin(m, F[i]);
		}
		gap -= m;
	}
	return gap;
}

int game_check_interior(const prob *p, const double *z, const char *who, char *msg,
                        size_t cap)
{
	int lo[2], hi[2], nb = blocks(p, lo, hi);
	for (int b = 0; b < nb; b++) {
		double s = 0;
		int pos = 1;
		for (int i = lo[b]; i < hi[b]; i++) {
			s += z[i];
			pos &= z[i] > 0;
		}
		if (!pos || !(fabs(s - 1) <= 1e-9)) {
			snprintf(msg, cap,
			         "%s needs a start inside the simplex: positive weights summing to 1 "
			         "(coordinates %d..%d sum to %g)",
			         who, lo[b] + 1, hi[b], s);
			return -1;
		}
	}
	return 0;
}

int game_state_init(game_state *s, meth_ctx *c, const char *who, int interior)
{
	const prob *p = c->o->p;
	size_t sz = (size_t)c->n * sizeof(double);
	if (!(p->caps & PROB_GAME) && !(p->caps & PROB_MIRROR)) {
		snprintf(c->msg, sizeof c->msg, "%s needs a game or a mirror map", who);
		return METH_FAILED;
	}
	if (interior && game_check_interior(p, c->x, who, c->msg, sizeof c->msg))
		return METH_FAILED;
	s->F = malloc(sz);
	s->F2 = malloc(sz);
	s->u = malloc(sz);
	s->v = malloc(sz);
	s->z0 = malloc(sz);
	s->avg = calloc((size_t)c->n, sizeof(double));
	if (!s->F || !s->F2 || !s->u || !s->v || !s->z0 || !s->avg) {
		snprintf(c->msg, sizeof c->msg, "%s: out of memory", who);
		return METH_FAILED;
	}
	if (!interior)
		game_project(p, c->x, c->x); /* a start outside the simplices: its projection */
	memcpy(s->z0, c->x, sz);
	c->f = game_operator(c->o, c->x, s->F);
	memcpy(s->F2, s->F, sz);
	game_report(s, c, NULL);
	return METH_OK;
}

void game_state_free(void *state)
{
	game_state *s = state;
	free(s->F);
	free(s->F2);
	free(s->u);
	free(s->v);
	free(s->z0);
	free(s->avg);
}

void game_report(game_state *s, meth_ctx *c, const double *pt)
{
	const prob *p = c->o->p;
	int n = p->n;
	if (!pt)
		pt = c->x;
	s->navg++;
	for (int i = 0; i < n; i++)
		s->avg[i] += (pt[i] - s->avg[i]) / (double)s->navg;
	game_residual(p, c->x, s->F, c->g);
	c->g_valid = 1;
	c->extra[0] = game_gap(p, c->x, s->F);
	c->extra[1] = NAN;
	if (p->caps & PROB_MIRROR) {
		p->ops->grad(p->ctx, s->avg, s->v); /* v is scratch between steps */
		for (int i = game_nx(p); i < n; i++)
			s->v[i] = -s->v[i];
		c->extra[1] = game_gap(p, s->avg, s->v);
	}
	c->extra[2] = prob_dist_to_sol(p, s->avg);
}
