/* contour: levels, and marching squares with saddles resolved by the cell mean. */
#include "contour.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

static int contour_linear_levels(double lo, double hi, int count, double *levels, int cap)
{
	plot_ticks tk;
	if (plot_ticks_linear(lo, hi, count, &tk) != 0)
		return 0;
	int n = 0;
	for (int i = 0; i < tk.n && n < cap; i++)
		if (tk.t[i].value > lo && tk.t[i].value < hi)
			levels[n++] = tk.t[i].value;
	return n;
}

int contour_levels(double vmin, double vmax, int count, bool log, double *levels, int cap)
{
	if (!isfinite(vmin) || !isfinite(vmax) || count < 1 || cap < 1 || vmax <= vmin)
		return 0;
	if (!log)
		return contour_linear_levels(vmin, vmax, count, levels, cap);
	if (vmax <= 0)
		return 0;
	if (vmin <= 0)
		vmin = vmax * 1e-6;
	double l0 = log10(vmin), l1 = log10(vmax), dec = l1 - l0;
	/* Multipliers per decade, densest first; then every k-th decade. */
	static const double m6[] = {1, 1.5, 2, 3, 5, 7}, m3[] = {1, 2, 5}, m2[] = {1, 3}, m1[] = {1};
	const double *m = m1;
	int nm = 1, every = 1;
	double density = count / (dec > 1e-9 ? dec : 1e-9);
	if (density >= 5)
		m = m6, nm = 6;
	else if (density >= 2.5)
		m = m3, nm = 3;
	else if (density >= 1.5)
		m = m2, nm = 2;
	else if (density < 1)
		every = (int)ceil(dec / count);
	int n = 0;
	for (int e = (int)floor(l0); e <= (int)ceil(l1) && n < cap; e++) {
		if (((e % every) + every) % every)
			continue;
		for (int k = 0; k < nm && n < cap; k++) {
			double v = m[k] * pow(10, e);
			if (v > vmin && v < vmax)
				levels[n++] = v;
		}
	}
	/* Under a decade or two there may be too few: nice linear levels instead. */
	if (n * 3 < count && count >= 3)
		return contour_linear_levels(vmin, vmax, count, levels, cap);
	return n;
}

/* The segments of cell (i, j) as pairs of local edges (0 bottom, 1 right, 2 top,
 * 3 left); returns how many (0, 1 or 2), or 0 for a NaN corner. */
static int contour_cell(const double *v, int w, int i, int j, double level, int pairs[4])
{
	double a = v[j * w + i], b = v[j * w + i + 1];
	double c = v[(j + 1) * w + i + 1], d = v[(j + 1) * w + i];
	if (isnan(a) || isnan(b) || isnan(c) || isnan(d))
		return 0;
	int code = (a >= level) | (b >= level) << 1 | (c >= level) << 2 | (d >= level) << 3;
	if (code == 0 || code == 15)
		return 0;
	if (code == 5 || code == 10) {
		bool centre = (a + b + c + d) / 4 >= level;
		/* Corners 00 and 11 above (5) with the centre above: cut off 10 and 01. */
		bool cut_10_01 = (code == 5) == centre;
		if (cut_10_01) {
			pairs[0] = 0, pairs[1] = 1, pairs[2] = 2, pairs[3] = 3;
		} else {
			pairs[0] = 3, pairs[1] = 0, pairs[2] = 1, pairs[3] = 2;
		}
		return 2;
	}
	/* One segment between the two edges whose ends differ. */
	bool s0 = (a >= level) != (b >= level), s1 = (b >= level) != (c >= level);
	bool s2 = (d >= level) != (c >= level);
	int k = 0, e[2] = {0, 0};
	if (s0)
		e[k++] = 0;
	if (s1)
		e[k++] = 1;
	if (s2 && k < 2)
		e[k++] = 2;
	if (k < 2)
		e[k++] = 3;
	pairs[0] = e[0], pairs[1] = e[1];
	return 1;
}

/* The crossing on local edge E of cell (i, j), interpolated from the edge's
 * lower-index node so that both cells that share an edge agree exactly. */
static void contour_edge_point(const double *v, int w, int i, int j, int e, double level,
			       double *x, double *y)
{
	int i0 = i + (e == 1), j0 = j + (e == 2);
	bool horiz = e == 0 || e == 2;
	double a = v[j0 * w + i0], b = horiz ? v[j0 * w + i0 + 1] : v[(j0 + 1) * w + i0];
	double t = b != a ? (level - a) / (b - a) : 0.5;
	*x = i0 + (horiz ? t : 0);
	*y = j0 + (horiz ? 0 : t);
}

size_t contour_segments(const double *v, int w, int h, double level, contour_emit_fn emit,
			void *ctx)
{
	if (!v || w < 2 || h < 2 || !isfinite(level))
		return 0;
	size_t n = 0;
	for (int j = 0; j + 1 < h; j++)
		for (int i = 0; i + 1 < w; i++) {
			int p[4];
			int k = contour_cell(v, w, i, j, level, p);
			for (int s = 0; s < k; s++) {
				double x0, y0, x1, y1;
				contour_edge_point(v, w, i, j, p[2 * s], level, &x0, &y0);
				contour_edge_point(v, w, i, j, p[2 * s + 1], level, &x1, &y1);
				if (emit)
					emit(ctx, x0, y0, x1, y1);
				n++;
			}
		}
	return n;
}

/* Tracing state: segments as pairs of global edge ids, edges' two segments. */
typedef struct contour_work {
	int w, h;
	size_t nseg, segcap;
	size_t *ea, *eb;   /* global edge ids of each segment */
	int *adj;          /* 2 per global edge: segment indices or -1 */
	unsigned char *seen;
} contour_work;

static size_t contour_edge_id(int w, int h, int i, int j, int e)
{
	size_t nh = (size_t)h * (w - 1);
	switch (e) {
	case 0: return (size_t)j * (w - 1) + i;
	case 2: return (size_t)(j + 1) * (w - 1) + i;
	case 3: return nh + (size_t)j * w + i;
	default: return nh + (size_t)j * w + i + 1;
	}
}

/* The crossing on a global edge. */
static void contour_id_point(const double *v, int w, int h, size_t id, double level, double *x,
			     double *y)
{
	size_t nh = (size_t)h * (w - 1);
	if (id < nh)
		contour_edge_point(v, w, (int)(id % (w - 1)), (int)(id / (w - 1)), 0, level, x, y);
	else
		contour_edge_point(v, w, (int)((id - nh) % w), (int)((id - nh) / w), 3, level, x, y);
}

static int contour_push_point(contour_lines *cl, size_t *cap, double x, double y)
{
	if (cl->npts == *cap) {
		size_t nc = *cap ? *cap * 2 : 1024;
		double *nx = realloc(cl->x, nc * sizeof *nx);
		if (!nx)
			return -1;
		cl->x = nx;
		double *ny = realloc(cl->y, nc * sizeof *ny);
		if (!ny)
			return -1;
		cl->y = ny;
		*cap = nc;
	}
	cl->x[cl->npts] = x, cl->y[cl->npts] = y;
	cl->npts++;
	return 0;
}

static int contour_push_line(contour_lines *cl, size_t *cap, int level, bool closed)
{
	if (cl->nlines + 1 >= *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		size_t *ns = realloc(cl->start, (nc + 1) * sizeof *ns);
		if (!ns)
			return -1;
		cl->start = ns;
		int *nl = realloc(cl->level, nc * sizeof *nl);
		if (!nl)
			return -1;
		cl->level = nl;
		bool *nb = realloc(cl->closed, nc * sizeof *nb);
		if (!nb)
			return -1;
		cl->closed = nb;
		*cap = nc;
	}
	cl->level[cl->nlines] = level;
	cl->closed[cl->nlines] = closed;
	cl->nlines++;
	cl->start[cl->nlines] = cl->npts;
	return 0;
}

static int contour_other(const contour_work *wk, size_t edge, int seg)
{
	int a = wk->adj[2 * edge], b = wk->adj[2 * edge + 1];
	return a == seg ? b : a;
}

/* Collects the segments of one level into WK (edge ids and adjacency). */
static int contour_collect(const double *v, contour_work *wk, double level)
{
	wk->nseg = 0;
	for (int j = 0; j + 1 < wk->h; j++)
		for (int i = 0; i + 1 < wk->w; i++) {
			int p[4];
			int k = contour_cell(v, wk->w, i, j, level, p);
			for (int s = 0; s < k; s++) {
				if (wk->nseg == wk->segcap) {
					size_t nc = wk->segcap ? wk->segcap * 2 : 1024;
					size_t *na = realloc(wk->ea, nc * sizeof *na);
					if (!na)
						return -1;
					wk->ea = na;
					size_t *nb = realloc(wk->eb, nc * sizeof *nb);
					if (!nb)
						return -1;
					wk->eb = nb;
					unsigned char *ns = realloc(wk->seen, nc);
					if (!ns)
						return -1;
					wk->seen = ns;
					wk->segcap = nc;
				}
				size_t a = contour_edge_id(wk->w, wk->h, i, j, p[2 * s]);
				size_t b = contour_edge_id(wk->w, wk->h, i, j, p[2 * s + 1]);
				int sid = (int)wk->nseg++;
				wk->ea[sid] = a, wk->eb[sid] = b, wk->seen[sid] = 0;
				wk->adj[2 * a + (wk->adj[2 * a] >= 0)] = sid;
				wk->adj[2 * b + (wk->adj[2 * b] >= 0)] = sid;
			}
		}
	return 0;
}

static int contour_walk(const double *v, contour_work *wk, double level, int li,
			contour_lines *cl, size_t *pcap, size_t *lcap)
{
	for (size_t k0 = 0; k0 < wk->nseg; k0++) {
		if (wk->seen[k0])
			continue;
		int k = (int)k0, s = k, t;
		size_t e = wk->ea[k];
		/* Back to the free end of an open line, or once round a loop. */
		for (;;) {
			t = contour_other(wk, e, s);
			if (t < 0 || t == k)
				break;
			e = wk->ea[t] == e ? wk->eb[t] : wk->ea[t];
			s = t;
		}
		bool closed = t == k;
		if (closed)
			s = k, e = wk->ea[k];
		double x, y;
		contour_id_point(v, wk->w, wk->h, e, level, &x, &y);
		if (contour_push_point(cl, pcap, x, y))
			return -1;
		for (int cur = s;;) {
			wk->seen[cur] = 1;
			e = wk->ea[cur] == e ? wk->eb[cur] : wk->ea[cur];
			contour_id_point(v, wk->w, wk->h, e, level, &x, &y);
			if (contour_push_point(cl, pcap, x, y))
				return -1;
			t = contour_other(wk, e, cur);
			if (t < 0 || wk->seen[t])
				break;
			cur = t;
		}
		if (contour_push_line(cl, lcap, li, closed))
			return -1;
	}
	/* Leave the adjacency clean for the next level. */
	for (size_t k = 0; k < wk->nseg; k++) {
		wk->adj[2 * wk->ea[k]] = wk->adj[2 * wk->ea[k] + 1] = -1;
		wk->adj[2 * wk->eb[k]] = wk->adj[2 * wk->eb[k] + 1] = -1;
	}
	return 0;
}

int contour_trace(const double *v, int w, int h, const double *levels, int nlevels,
		  contour_lines *out)
{
	memset(out, 0, sizeof *out);
	if (!v || w < 2 || h < 2 || nlevels <= 0)
		return 0;
	contour_work wk = {.w = w, .h = h};
	size_t nedges = (size_t)h * (w - 1) + (size_t)(h - 1) * w;
	wk.adj = malloc(2 * nedges * sizeof *wk.adj);
	out->start = malloc(sizeof *out->start);
	int rc = -1;
	if (!wk.adj || !out->start)
		goto done;
	memset(wk.adj, 0xff, 2 * nedges * sizeof *wk.adj); /* all -1 */
	out->start[0] = 0;
	size_t pcap = 0, lcap = 0;
	for (int li = 0; li < nlevels; li++) {
		if (!isfinite(levels[li]))
			continue;
		if (contour_collect(v, &wk, levels[li]) ||
		    contour_walk(v, &wk, levels[li], li, out, &pcap, &lcap))
			goto done;
	}
	rc = 0;
done:
	free(wk.adj);
	free(wk.ea);
	free(wk.eb);
	free(wk.seen);
	if (rc)
		contour_lines_free(out);
	return rc;
}

void contour_lines_free(contour_lines *cl)
{
	free(cl->x);
	free(cl->y);
	free(cl->start);
	free(cl->level);
	free(cl->closed);
	memset(cl, 0, sizeof *cl);
}
