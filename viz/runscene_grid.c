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
	x[cx] = view[0] + i * ((view[1] - view[0]) / (w - 1));
	x[cy] = view[2] + r * ((view[3] - view[2]) / (h - 1));
}

int rscene_grid_nodes(const prob *p, int cx, int cy, const double *slice, const double view[4],
                      int w, int h, const int *ni, const int *nr, int k, double *out)
{
	double *x = malloc(((size_t)p->n + 2 * (size_t)k) * sizeof *x), *xs = x + p->n, *ys = xs + k;
	const double **cols = malloc((size_t)p->n * sizeof *cols);
	int *strides = calloc((size_t)p->n, sizeof *strides);
	int rc = x && cols && strides ? 0 : -1;
	for (int j = 0; rc == 0 && j < k; j++) {
		node_point(x, cx, cy, view, w, h, ni[j], nr[j]);
		xs[j] = x[cx], ys[j] = x[cy];
	}
	if (rc == 0 && p->ops->batch) { /* cx and cy run along the nodes, the rest broadcast */
		for (int j = 0; j < p->n; j++)
			cols[j] = &slice[j];
		cols[cx] = xs, cols[cy] = ys;
		strides[cx] = strides[cy] = 1;
		p->ops->batch(p->ctx, k, (const double *const *)cols, strides, out);
	} else if (rc == 0) {
		memcpy(x, slice, (size_t)p->n * sizeof *x);
		for (int j = 0; j < k; j++) {
			x[cx] = xs[j], x[cy] = ys[j];
			out[j] = p->ops->value(p->ctx, x);
		}
	}
	/* a composite problem is pictured as F = f + g (f alone beyond RSCENE_REG_WORK) */
	if (rc == 0 && p->g && (double)w * h * p->n <= RSCENE_REG_WORK) {
		memcpy(x, slice, (size_t)p->n * sizeof *x);
		for (int j = 0; j < k; j++) {
			x[cx] = xs[j], x[cy] = ys[j];
			out[j] += p->g->value(p->g->ctx, x, p->n);
		}
	}
	for (int j = 0; rc == 0 && j < k; j++)
		if (!isfinite(out[j]))
			out[j] = NAN;
	free(x);
	free(cols);
	free(strides);
	return rc;
}

int rscene_grid(const prob *p, int cx, int cy, const double *slice, const double view[4], int w,
                int h, double *out)
{
	if (!p || !p->ops || p->n < 2 || cx < 0 || cy < 0 || cx >= p->n || cy >= p->n || cx == cy ||
	    w < 2 || h < 2 || (long)w * h > RSCENE_MAX_GRID || !(p->ops->batch || p->ops->value))
		return -1;
	if (!slice)
		slice = p->x0;
	int *ni = malloc(2 * (size_t)w * sizeof *ni), *nr = ni ? ni + w : NULL;
	int rc = ni ? 0 : -1;
	for (int r = 0; rc == 0 && r < h; r++) { /* a row a batch */
		for (int i = 0; i < w; i++)
			ni[i] = i, nr[i] = r;
		rc = rscene_grid_nodes(p, cx, cy, slice, view, w, h, ni, nr, w, out + (size_t)r * w);
	}
	free(ni);
	return rc;
}

/* For a log colour scale: f - f* where f* is known, else f lifted so that its
 * minimum sits six decades below its range; values at or under 0 (rounding near
 * the minimum) take the smallest positive value. */
void rscene_grid_to_log(const prob *p, double *v, size_t n)
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

/* The grid's true values (raw) belong to p, o and the slice SL (log colour aside). */
static bool key_same(const rscene *rs, const prob *p, const rscene_opts *o, const double *sl)
{
	if (!rs->grid_valid || rs->gp != p || rs->gcx != o->cx || rs->gcy != o->cy ||
	    rs->gw != o->gw || rs->gh != o->gh || rs->gn != p->n)
		return false;
	if (memcmp(rs->gview, o->view, sizeof rs->gview) != 0)
		return false;
	for (int j = 0; j < p->n; j++) /* the pictured coordinates' values do not matter */
		if (j != o->cx && j != o->cy && memcmp(&rs->gslice[j], &sl[j], sizeof *sl) != 0)
			return false;
	return true;
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

static int reserve(rscene *rs, const prob *p, size_t need)
{
	if (need > rs->grid_cap) {
		double *g = realloc(rs->grid, need * sizeof *g);
		if (g)
			rs->grid = g;
		double *v = g ? realloc(rs->raw, need * sizeof *v) : NULL;
		if (v)
			rs->raw = v;
		unsigned char *k = v ? realloc(rs->known, need) : NULL;
		if (!k)
			return -1;
		rs->known = k, rs->grid_cap = need;
	}
	if (rs->gn != p->n) {
		double *s = realloc(rs->gslice, (size_t)p->n * sizeof *s);
		if (!s)
			return -1;
		rs->gslice = s, rs->gn = p->n;
	}
	return 0;
}

int rscene_grid_update(rscene *rs, const prob *p, const rscene_opts *o)
{
	const double *sl = o->slice ? o->slice : p->x0;
	size_t need = (size_t)o->gw * o->gh;
	if (!key_same(rs, p, o, sl)) {
		rs->grid_valid = false;
		if (reserve(rs, p, need) != 0 || region_update(rs, p, o, sl) != 0)
			return -1;
		memcpy(rs->gslice, sl, (size_t)p->n * sizeof *sl);
		memcpy(rs->gview, o->view, sizeof rs->gview);
		rs->gp = p, rs->gcx = o->cx, rs->gcy = o->cy, rs->gw = o->gw, rs->gh = o->gh;
		if (o->budget > 0) { /* coarse first, refined by rscene_refine */
			rs->grid_valid = true;
			if (rscene_levels_start(rs, o->budget) != 0)
				return rs->grid_valid = false, -1;
		} else {
			if (rscene_grid(p, o->cx, o->cy, sl, o->view, o->gw, o->gh, rs->raw) != 0)
				return -1;
			memset(rs->known, 1, need);
			rs->lv_stride = 0, rs->lv_done = 1;
		}
		rs->grid_valid = true;
		rs->shown = false;
	} else if (o->budget <= 0 && rs->lv_stride) { /* all of it now */
		if (rscene_levels_run(rs, INFINITY, false) < 0)
			return -1;
	}
	if (!rs->shown || rs->glog != o->log_color)
		rscene_levels_show(rs, o->log_color);
	return 0;
}
