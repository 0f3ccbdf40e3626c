/* rscene's grid: f sampled over the view (F = f + g for a composite problem), on a log
 * scale where asked, and the feasible region of a set or of constraints. */
#include "runscene_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RSCENE_REG_WORK 2e8 /* coordinates touched to add g over a grid (w h n) */

/* The point of node (i, r): SLICE with coordinates CX, CY set. */
static void node_point(double *x, int cx, int cy, const double view[4], int w, int h, int i,
                       int r)
{
	x[cx] = view[0] + i * (view[1] - view[0]) / (w - 1);
	x[cy] = view[2] + r * (view[3] - view[2]) / (h - 1);
}

/* A composite problem is pictured as F = f + g: g's value added at every node (skipped
 * beyond RSCENE_REG_WORK coordinates, where f alone is shown). */
static int add_reg(const prob *p, int cx, int cy, const double *slice, const double view[4], int w,
                   int h, double *out)
{
	if ((double)w * h * p->n > RSCENE_REG_WORK)
		return 0;
	double *x = malloc((size_t)p->n * sizeof *x);
	if (!x)
		return -1;
	memcpy(x, slice, (size_t)p->n * sizeof *x);
	for (int r = 0; r < h; r++)
		for (int i = 0; i < w; i++) {
			node_point(x, cx, cy, view, w, h, i, r);
			out[(size_t)r * w + i] += p->g->value(p->g->ctx, x, p->n);
		}
	free(x);
	return 0;
}

int rscene_grid(const prob *p, int cx, int cy, const double *slice, const double view[4], int w,
                int h, double *out)
{
	if (!p || !p->ops || p->n < 2 || cx < 0 || cy < 0 || cx >= p->n || cy >= p->n || cx == cy ||
	    w < 2 || h < 2 || (long)w * h > RSCENE_MAX_GRID || !(p->ops->batch || p->ops->value))
		return -1;
	if (!slice)
		slice = p->x0;
	double *xs = malloc((size_t)w * sizeof *xs);
	if (!xs)
		return -1;
	double dx = (view[1] - view[0]) / (w - 1), dy = (view[3] - view[2]) / (h - 1);
	for (int i = 0; i < w; i++)
		xs[i] = view[0] + i * dx;
	int rc = 0;
	if (p->ops->batch) {
		/* one row a call: cx runs along xs, cy and the rest broadcast (stride 0) */
		const double **cols = malloc((size_t)p->n * sizeof *cols);
		int *strides = calloc((size_t)p->n, sizeof *strides);
		if (!cols || !strides) {
			rc = -1;
		} else {
			for (int j = 0; j < p->n; j++)
				cols[j] = &slice[j];
			cols[cx] = xs;
			strides[cx] = 1;
			for (int r = 0; r < h; r++) {
				double y = view[2] + r * dy;
				cols[cy] = &y;
				p->ops->batch(p->ctx, w, (const double *const *)cols, strides, out + (size_t)r * w);
			}
		}
		free(cols);
		free(strides);
	} else {
		double *x = malloc((size_t)p->n * sizeof *x);
		if (!x) {
			rc = -1;
		} else {
			memcpy(x, slice, (size_t)p->n * sizeof *x);
			for (int r = 0; r < h; r++)
				for (int i = 0; i < w; i++) {
					x[cx] = xs[i];
					x[cy] = view[2] + r * dy;
					out[(size_t)r * w + i] = p->ops->value(p->ctx, x);
				}
			free(x);
		}
	}
	free(xs);
	if (rc == 0 && p->g)
		rc = add_reg(p, cx, cy, slice, view, w, h, out);
	if (rc == 0)
		for (size_t i = 0; i < (size_t)w * h; i++)
			if (!isfinite(out[i]))
				out[i] = NAN;
	return rc;
}

/* For a log colour scale: f - f* where f* is known, else f lifted so that its
 * minimum sits six decades below its range; values at or under 0 (rounding near
 * the minimum) take the smallest positive value. */
static void grid_to_log(const prob *p, double *v, size_t n)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			lo = v[i] < lo ? v[i] : lo, hi = v[i] > hi ? v[i] : hi;
	if (!(lo <= hi))
		return;
	double shift = 0;
	if (isfinite(p->fstar) && p->fstar <= lo + (hi - lo) * 1e-3)
		shift = p->fstar;
	else if (lo <= 0)
		shift = lo - (hi > lo ? (hi - lo) * 1e-6 : 1);
	double minpos = INFINITY;
	for (size_t i = 0; i < n; i++) {
		v[i] -= shift;
		if (v[i] > 0 && v[i] < minpos)
			minpos = v[i];
	}
	for (size_t i = 0; i < n && isfinite(minpos); i++)
		if (v[i] <= 0)
			v[i] = minpos;
}

static bool grid_cached(const rscene *rs, const prob *p, const rscene_opts *o, const double *sl)
{
	if (!rs->grid_valid || rs->gp != p || rs->gcx != o->cx || rs->gcy != o->cy ||
	    rs->gw != o->gw || rs->gh != o->gh || rs->glog != o->log_color || rs->gn != p->n)
		return false;
	return memcmp(rs->gview, o->view, sizeof rs->gview) == 0 &&
	       memcmp(rs->gslice, sl, (size_t)p->n * sizeof *sl) == 0;
}

/* One constraint tape over the grid, a row a batch call (as rscene_grid samples f). */
static int tape_grid(expr_tape *t, const prob *p, const rscene_opts *o, const double *sl,
                     double *out)
{
	int w = o->gw, h = o->gh;
	const double **cols = malloc((size_t)p->n * sizeof *cols);
	int *strides = calloc((size_t)p->n, sizeof *strides);
	double *xs = malloc((size_t)w * sizeof *xs);
	int rc = cols && strides && xs ? 0 : -1;
	for (int j = 0; rc == 0 && j < p->n; j++)
		cols[j] = &sl[j];
	for (int i = 0; rc == 0 && i < w; i++)
		xs[i] = o->view[0] + i * (o->view[1] - o->view[0]) / (w - 1);
	for (int r = 0; rc == 0 && r < h; r++) {
		double y = o->view[2] + r * (o->view[3] - o->view[2]) / (h - 1);
		cols[o->cx] = xs;
		strides[o->cx] = 1;
		cols[o->cy] = &y;
		expr_value_batch(t, w, (const double *const *)cols, strides, out + (size_t)r * w);
	}
	free(cols);
	free(strides);
	free(xs);
	return rc;
}

/* The feasible region over the grid: a set by its projection (the distance outside), then
 * each inequality c_k and each equality h_k through its tape.
 * Equalities on a problem with no inequality and no set still get their lines. */
static int region_update(rscene *rs, const prob *p, const rscene_opts *o, const double *sl)
{
	const prob_constr *pc = p->constr;
	int ns = p->set && p->set->project && (double)o->gw * o->gh * p->n <= RSCENE_REG_WORK;
	int mi = pc ? pc->m_ineq : 0, me = pc ? pc->m_eq : 0;
	rs->nregion = rs->nregion_eq = 0;
	if (ns + mi + me == 0)
		return 0;
	size_t cells = (size_t)o->gw * o->gh, need = cells * (size_t)(ns + mi + me);
	if (need > rs->region_cap) {
		double *g = realloc(rs->region, need * sizeof *g);
		if (!g)
			return -1;
		rs->region = g, rs->region_cap = need;
	}
	double *v = rs->region;
	if (ns) {
		double *x = malloc(2 * (size_t)p->n * sizeof *x);
		if (!x)
			return -1;
		memcpy(x, sl, (size_t)p->n * sizeof *x);
		/* outside: the distance to the set; inside: minus half a cell, so that the
		 * level-0 line falls between the nodes in proportion (not at midpoints) */
		double in = -0.5 * fmin((o->view[1] - o->view[0]) / (o->gw - 1),
		                        (o->view[3] - o->view[2]) / (o->gh - 1));
		for (int r = 0; r < o->gh; r++)
			for (int i = 0; i < o->gw; i++) {
				double *q = x + p->n, d = 0;
				node_point(x, o->cx, o->cy, o->view, o->gw, o->gh, i, r);
				p->set->project(p->set->ctx, x, q, p->n);
				for (int j = 0; j < p->n; j++)
					d += (x[j] - q[j]) * (x[j] - q[j]);
				v[(size_t)r * o->gw + i] = d > 1e-24 ? sqrt(d) : in;
			}
		free(x);
		v += cells;
	}
	for (int k = 0; k < mi + me; k++, v += cells)
		if (tape_grid(k < mi ? pc->ineq[k] : pc->eq[k - mi], p, o, sl, v) != 0)
			return -1;
	rs->nregion = ns + mi + me;
	rs->nregion_eq = me;
	return 0;
}

int rscene_grid_update(rscene *rs, const prob *p, const rscene_opts *o)
{
	const double *sl = o->slice ? o->slice : p->x0;
	if (grid_cached(rs, p, o, sl))
		return 0;
	rs->grid_valid = false;
	size_t need = (size_t)o->gw * o->gh;
	if (need > rs->grid_cap) {
		double *g = realloc(rs->grid, need * sizeof *g);
		if (!g)
			return -1;
		rs->grid = g, rs->grid_cap = need;
	}
	if (rs->gn != p->n) {
		double *s = realloc(rs->gslice, (size_t)p->n * sizeof *s);
		if (!s)
			return -1;
		rs->gslice = s, rs->gn = p->n;
	}
	if (rscene_grid(p, o->cx, o->cy, sl, o->view, o->gw, o->gh, rs->grid) != 0)
		return -1;
	if (o->log_color)
		grid_to_log(p, rs->grid, need);
	if (region_update(rs, p, o, sl) != 0)
		return -1;
	memcpy(rs->gslice, sl, (size_t)p->n * sizeof *sl);
	memcpy(rs->gview, o->view, sizeof rs->gview);
	rs->gp = p, rs->gcx = o->cx, rs->gcy = o->cy, rs->gw = o->gw, rs->gh = o->gh;
	rs->glog = o->log_color;
	rs->grid_valid = true;
	return 0;
}
