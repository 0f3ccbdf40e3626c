/* canvas_scene: field and convergence scenes drawn into a canvas: heatmap in
 * half blocks, contours and trajectories in braille, axes, colour bar, legend. */
#include "canvas.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"
#include "plot.h"

static const cmap_rgb canvas_axis_grey = {150, 150, 150};
static const cmap_rgb canvas_white = {255, 255, 255};
static const cmap_rgb canvas_black = {0, 0, 0};

/* Data -> continuous cell coordinates of a plot area (y up). */
typedef struct canvas_map {
	canvas_rect pa;
	plot_scale sx, sy; /* to cell units: x in [pa.x, pa.x + pa.w], y in [pa.y + pa.h, pa.y] */
} canvas_map;

static int canvas_map_init(canvas_map *m, canvas_rect pa, double x0, double x1, double y0,
			   double y1, bool xlog, bool ylog)
{
	m->pa = pa;
	if (plot_scale_init(&m->sx, x0, x1, pa.x, pa.x + pa.w, xlog) ||
	    plot_scale_init(&m->sy, y0, y1, pa.y + pa.h, pa.y, ylog))
		return -1;
	return 0;
}

/* Sub-cell (braille dot) coordinates of a data point. */
static void canvas_map_dot(const canvas_map *m, double x, double y, double *sx, double *sy)
{
	*sx = 2 * plot_scale_fwd(&m->sx, x) - 0.5;
	*sy = 4 * plot_scale_fwd(&m->sy, y) - 0.5;
}

static int canvas_clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int canvas_label_width(const plot_ticks *t)
{
	int w = 0;
	for (int i = 0; i < t->n; i++)
		if (t->t[i].major && (int)strlen(t->t[i].label) > w)
			w = (int)strlen(t->t[i].label);
	return w;
}

/* Axis lines on the left and bottom of the area, ticks and their labels. */
static void canvas_axes(canvas *c, const canvas_map *m, const plot_ticks *xt,
			const plot_ticks *yt)
{
	bool a = canvas_get_mode(c) == CANVAS_ASCII;
	canvas_rect pa = m->pa;
	const cmap_rgb *g = &canvas_axis_grey;
	int ax = pa.x - 1, ay = pa.y + pa.h;
	for (int y = pa.y; y < ay; y++)
		canvas_put(c, ax, y, a ? '|' : 0x2502, g, NULL, 0);
	for (int x = pa.x; x < pa.x + pa.w; x++)
		canvas_put(c, x, ay, a ? '-' : 0x2500, g, NULL, 0);
	canvas_put(c, ax, ay, a ? '+' : 0x2514, g, NULL, 0);
	int last_row = -1;
	for (int i = yt->n - 1; i >= 0; i--) {
		const plot_tick *t = &yt->t[i];
		double p = plot_scale_fwd(&m->sy, t->value);
		if (!t->major || !isfinite(p) || p < pa.y - 0.01 || p > ay + 0.01)
			continue;
		int row = canvas_clampi((int)floor(p), pa.y, ay - 1);
		canvas_put(c, ax, row, a ? '+' : 0x2524, g, NULL, 0);
		if (row == last_row)
			continue;
		int w = (int)strlen(t->label);
		canvas_text(c, ax - w, row, t->label, NULL, 0);
		last_row = row;
	}
	int free_from = 0;
	for (int i = 0; i < xt->n; i++) {
		const plot_tick *t = &xt->t[i];
		double p = plot_scale_fwd(&m->sx, t->value);
		if (!t->major || !isfinite(p) || p < pa.x - 0.01 || p > pa.x + pa.w + 0.01)
			continue;
		int col = canvas_clampi((int)floor(p), pa.x, pa.x + pa.w - 1);
		canvas_put(c, col, ay, a ? '+' : 0x252C, g, NULL, 0);
		int w = (int)strlen(t->label), x = col - w / 2;
		if (x + w > canvas_width(c))
			x = canvas_width(c) - w;
		if (x < free_from)
			continue;
		canvas_text(c, x, ay + 1, t->label, NULL, 0);
		free_from = x + w + 1;
	}
}

/* The background a marker or legend cell keeps: the mean of a heat cell. */
static const cmap_rgb *canvas_under(const canvas *c, int x, int y, cmap_rgb *buf)
{
	const canvas_cell *cell = canvas_at(c, x, y);
	if (!cell)
		return NULL;
	if (cell->flags & CANVAS_HEAT)
		return *buf = cmap_mix(cell->fg, cell->bg, 0.5), buf;
	if (cell->flags & CANVAS_BG)
		return *buf = cell->bg, buf;
	return NULL;
}

static void canvas_marker(canvas *c, const canvas_map *m, double x, double y, uint32_t ch,
			  char ascii, cmap_rgb col)
{
	double px = plot_scale_fwd(&m->sx, x), py = plot_scale_fwd(&m->sy, y);
	canvas_rect pa = m->pa;
	if (!isfinite(px) || !isfinite(py) || px < pa.x || py < pa.y || px >= pa.x + pa.w ||
	    py >= pa.y + pa.h)
		return;
	int cx = (int)floor(px), cy = (int)floor(py);
	cmap_rgb bg;
	const cmap_rgb *under = canvas_under(c, cx, cy, &bg);
	canvas_put(c, cx, cy, canvas_get_mode(c) == CANVAS_ASCII ? (uint32_t)ascii : ch, &col,
		   under, CANVAS_BOLD);
}

void canvas_draw_legend(canvas *c, int x, int y, const canvas_legend_entry *e, int n,
			const scene_style *st)
{
	bool a = canvas_get_mode(c) == CANVAS_ASCII;
	for (int i = 0; i < n; i++) {
		cmap_rgb col = canvas_run_color(st, e[i].color);
		int w = canvas_text_cells(c, e[i].label) + 4;
		for (int k = 0; k < w; k++)
			canvas_put(c, x + k, y + i, ' ', NULL, NULL, 0);
		if (a) {
			char sw[2] = {(char)('a' + ((e[i].color % 26) + 26) % 26), 0};
			canvas_text(c, x + 1, y + i, sw, NULL, 0);
		} else {
			canvas_text(c, x, y + i, "\xe2\x94\x81\xe2\x94\x81", &col, CANVAS_BOLD);
		}
		canvas_text(c, x + 3, y + i, e[i].label, NULL, 0);
	}
}

/* A legend inside the plot area, in the corner that hides the fewest points. */
static void canvas_place_legend(canvas *c, const canvas_map *m, const canvas_legend_entry *e,
				int n, const double *const *px, const double *const *py,
				const size_t *np, int nser, const scene_point *pts, int npts,
				const scene_style *st)
{
	if (n <= 0)
		return;
	canvas_rect pa = m->pa;
	canvas_legend_entry cut[PLOT_LEGEND_MAX];
	char text[PLOT_LEGEND_MAX][256];
	int w = 0;
	for (int i = 0; i < n && i < PLOT_LEGEND_MAX; i++) {
		cut[i] = e[i];
		if (canvas_text_cells(c, e[i].label) + 4 > pa.w && pa.w >= 16) {
			/* too wide for the plot (a bound's formula): its start and an ellipsis */
			size_t k = strlen(e[i].label);
			k = k < sizeof text[i] - 4 ? k : sizeof text[i] - 4;
			do {
				while (k > 0 && ((unsigned char)e[i].label[--k] & 0xC0) == 0x80)
					;
				snprintf(text[i], sizeof text[i], "%.*s\xe2\x80\xa6", (int)k, e[i].label);
			} while (k > 0 && canvas_text_cells(c, text[i]) + 4 > pa.w);
			cut[i].label = text[i];
		}
		if (canvas_text_cells(c, cut[i].label) + 4 > w)
			w = canvas_text_cells(c, cut[i].label) + 4;
	}
	e = cut, n = n < PLOT_LEGEND_MAX ? n : PLOT_LEGEND_MAX;
	if (w > pa.w || n > pa.h)
		return;
	plot_rect area = {pa.x, pa.y, pa.w, pa.h};
	size_t count[4] = {0};
	for (int k = 0; k < nser; k++) {
		for (size_t i = 0; i < np[k]; i++) {
			double cx = plot_scale_fwd(&m->sx, px[k][i]);
			double cy = plot_scale_fwd(&m->sy, py[k][i]);
			plot_corner_count(&area, w, n, &cx, &cy, 1, count);
		}
	}
	for (int k = 0; k < npts; k++) {
		double cx = plot_scale_fwd(&m->sx, pts[k].x), cy = plot_scale_fwd(&m->sy, pts[k].y);
		size_t c1[4] = {0};
		plot_corner_count(&area, w, n, &cx, &cy, 1, c1);
		for (int q = 0; q < 4; q++)
			count[q] += 1000 * c1[q]; /* never hide a minimizer */
	}
	int corner = plot_corner_best(count);
	int x = corner == 1 || corner == 2 ? pa.x : pa.x + pa.w - w;
	int y = corner <= 1 ? pa.y : pa.y + pa.h - n;
	canvas_draw_legend(c, x, y, e, n, st);
}

/* ---- field ---------------------------------------------------------------- */

/* Outside the feasible region: some inequality (or set) grid is positive there. */
static bool canvas_infeasible(const scene_field *s, double gx, double gy)
{
	size_t cells = (size_t)s->w * s->h;
	for (int k = 0; s->region && k < s->nregion - s->nregion_eq; k++)
		if (scene_grid_sample(s->region + k * cells, s->w, s->h, gx, gy) > 0)
			return true;
	return false;
}

static void canvas_heatmap(canvas *c, const canvas_map *m, const scene_field *s, const double *t)
{
	canvas_rect pa = m->pa;
	bool a = canvas_get_mode(c) == CANVAS_ASCII;
	for (int j = 0; j < 2 * pa.h; j++) {
		double y = plot_scale_inv(&m->sy, pa.y + (j + 0.5) / 2);
		double gy = (y - s->y0) / (s->y1 - s->y0) * (s->h - 1);
		for (int i = 0; i < pa.w; i++) {
			double x = plot_scale_inv(&m->sx, pa.x + i + 0.5);
			double gx = (x - s->x0) / (s->x1 - s->x0) * (s->w - 1);
			double v = scene_grid_sample(t, s->w, s->h, gx, gy);
			if (a) {
				/* one shade per cell, from the cell's centre */
				if (j % 2 == 0) {
					double yc = plot_scale_inv(&m->sy, pa.y + j / 2 + 0.5);
					double gyc = (yc - s->y0) / (s->y1 - s->y0) * (s->h - 1);
					double vc = scene_grid_sample(t, s->w, s->h, gx, gyc);
					char ch = " .:-=+*#%@"[isnan(vc) ? 0 : canvas_clampi((int)fmin(fmax(vc * 10, 0), 9), 0, 9)];
					if (canvas_infeasible(s, gx, gyc))
						ch = ch == ' ' ? ' ' : '/'; /* hatched: outside the region */
					canvas_put(c, pa.x + i, pa.y + j / 2, (uint32_t)ch, NULL, NULL, 0);
				}
				continue;
			}
			cmap_rgb col = isnan(v) ? (cmap_rgb){40, 40, 40} : cmap_at_smooth(s->cmap, v);
			if (canvas_infeasible(s, gx, gy)) /* dimmed towards grey outside the region */
				col = cmap_mix(col, (cmap_rgb){60, 60, 60}, 0.6);
			canvas_heat_pixel(c, pa.x + i, 2 * pa.y + j, col);
		}
	}
}

static void canvas_contours(canvas *c, const canvas_map *m, const scene_field *s, double lo,
			    double hi)
{
	double lv[CONTOUR_MAX_LEVELS];
	const double *levels = s->levels;
	int nl = s->nlevels;
	if (!levels) {
		nl = contour_levels(lo, hi, nl, s->log_color, lv, CONTOUR_MAX_LEVELS);
		levels = lv;
	}
	if (nl <= 0 || canvas_get_mode(c) == CANVAS_ASCII)
		return; /* ASCII shading already shows the level sets */
	contour_lines cl;
	if (contour_trace(s->values, s->w, s->h, levels, nl, &cl))
		return;
	canvas_rect clip = {2 * m->pa.x, 4 * m->pa.y, 2 * m->pa.w, 4 * m->pa.h};
	bool lg = s->log_color && lo > 0;
	for (size_t k = 0; k < cl.nlines; k++) {
		double v = levels[cl.level[k]];
		double t = lg ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : (v - lo) / (hi - lo);
		cmap_rgb base = cmap_at(s->cmap, t);
		/* ink that stands out from the colour under the line */
		cmap_rgb ink = cmap_luminance(base) > 0.3 ? cmap_mix(base, canvas_black, 0.6)
							   : cmap_mix(base, canvas_white, 0.6);
		double px0 = 0, py0 = 0;
		for (size_t i = cl.start[k]; i < cl.start[k + 1]; i++) {
			double x = s->x0 + cl.x[i] / (s->w - 1) * (s->x1 - s->x0);
			double y = s->y0 + cl.y[i] / (s->h - 1) * (s->y1 - s->y0);
			double px, py;
			canvas_map_dot(m, x, y, &px, &py);
			if (i > cl.start[k])
				canvas_line(c, px0, py0, px, py, &clip, ink, 0);
			px0 = px, py0 = py;
		}
	}
	contour_lines_free(&cl);
}

/* The glyph of a direction (screen y up) in one of eight sectors: arrows in Unicode,
 * > / ^ \ < / v \ in ASCII. */
static uint32_t canvas_arrow_glyph(double dx, double dy, bool ascii)
{
	static const uint32_t uni[8] = {0x2192, 0x2197, 0x2191, 0x2196,
					0x2190, 0x2199, 0x2193, 0x2198};
	static const char asc[8] = {'>', '/', '^', '\\', '<', '/', 'v', '\\'};
	int k = (int)floor(atan2(dy, dx) / (M_PI / 4) + 0.5);
	k = ((k % 8) + 8) % 8;
	return ascii ? (uint32_t)asc[k] : uni[k];
}

/* The arrow layer of a game's field, under the trajectories: one glyph a cell for every
 * arrow that keeps two columns and one row clear of the last (thinned evenly where the
 * plot has fewer cells than arrows), in an ink a little off the heat under it. */
static void canvas_arrows(canvas *c, const canvas_map *m, const scene_field *s)
{
	if (!s->arrow_u || !s->arrow_v || s->aw < 1 || s->ah < 1)
		return;
	double cw = (s->x1 - s->x0) / s->aw, ch = (s->y1 - s->y0) / s->ah, mx = 0;
	for (int k = 0; k < s->aw * s->ah; k++) {
		double l = hypot(s->arrow_u[k] / cw, s->arrow_v[k] / ch);
		if (isfinite(l) && l > mx)
			mx = l;
	}
	if (!(mx > 0))
		return;
	bool ascii = canvas_get_mode(c) == CANVAS_ASCII;
	/* strides so that arrows stand 3 columns and 2 rows apart, the middle one kept */
	int si = (int)ceil(3.0 * s->aw / m->pa.w), sj = (int)ceil(2.0 * s->ah / m->pa.h);
	si = si < 1 ? 1 : si, sj = sj < 1 ? 1 : sj;
	for (int j = (s->ah / 2) % sj; j < s->ah; j += sj)
		for (int i = (s->aw / 2) % si; i < s->aw; i += si) {
			double u = s->arrow_u[j * s->aw + i], v = s->arrow_v[j * s->aw + i];
			if (!isfinite(u) || !isfinite(v) || hypot(u / cw, v / ch) < 0.08 * mx)
				continue; /* near a rest point: no direction worth a glyph */
			double x = s->x0 + (i + 0.5) * cw, y = s->y0 + (j + 0.5) * ch;
			double px = plot_scale_fwd(&m->sx, x), py = plot_scale_fwd(&m->sy, y);
			/* the direction on screen: data units scaled to cells (rows are down) */
			double dx = plot_scale_fwd(&m->sx, x + u * 1e-3 * cw / mx) - px;
			double dy = py - plot_scale_fwd(&m->sy, y + v * 1e-3 * ch / mx);
			int cx = (int)floor(px), cy = (int)floor(py);
			if (cx < m->pa.x || cy < m->pa.y || cx >= m->pa.x + m->pa.w ||
			    cy >= m->pa.y + m->pa.h)
				continue;
			/* a terminal cell is about twice as tall as wide */
			uint32_t g = canvas_arrow_glyph(dx, 2 * dy, ascii);
			if (ascii) {
				canvas_put(c, cx, cy, g, NULL, NULL, 0);
				continue;
			}
			cmap_rgb bg, ink = canvas_axis_grey;
			const cmap_rgb *under = canvas_under(c, cx, cy, &bg);
			if (under)
				ink = cmap_luminance(bg) > 0.3 ? cmap_mix(bg, canvas_black, 0.45)
							       : cmap_mix(bg, canvas_white, 0.45);
			canvas_put(c, cx, cy, g, &ink, under, 0);
		}
}

/* A run's trajectory, or with HALO the dimming of the heat under it. */
static void canvas_path(canvas *c, const canvas_map *m, const scene_path *p, bool halo,
			const scene_style *st)
{
	canvas_rect clip = {2 * m->pa.x, 4 * m->pa.y, 2 * m->pa.w, 4 * m->pa.h};
	cmap_rgb col = canvas_run_color(st, p->color);
	char glyph = (char)('a' + ((p->color % 26) + 26) % 26);
	double px0 = NAN, py0 = NAN;
	bool ended_here = false; /* the last segment ended on the dot at (px0, py0) */
	for (size_t i = 0; p->x && p->y && i < p->n; i++) {
		double px = NAN, py = NAN;
		if (isfinite(p->x[i]) && isfinite(p->y[i]))
			canvas_map_dot(m, p->x[i], p->y[i], &px, &py);
		/* a converged run repeats one dot thousands of times: drawn once */
		bool same = ended_here && floor(px0 + 0.5) == floor(px + 0.5) &&
			    floor(py0 + 0.5) == floor(py + 0.5);
		ended_here = isfinite(px0) && isfinite(px);
		if (halo && ended_here && !same)
			canvas_halo_line(c, px0, py0, px, py, &clip);
		else if (halo && isfinite(px) && p->n == 1)
			canvas_halo_line(c, px, py, px, py, &clip);
		else if (ended_here && !same)
			canvas_line(c, px0, py0, px, py, &clip, col, glyph);
		else if (isfinite(px) && p->n == 1)
			canvas_line(c, px, py, px, py, &clip, col, glyph);
		px0 = px, py0 = py;
	}
}

/* Separate dots, one a point. */
static void canvas_cloud(canvas *c, const canvas_map *m, const scene_path *p,
			 const scene_style *st)
{
	canvas_rect clip = {2 * m->pa.x, 4 * m->pa.y, 2 * m->pa.w, 4 * m->pa.h};
	char glyph = (char)('a' + ((p->color % 26) + 26) % 26);
	for (size_t i = 0; p->x && p->y && i < p->n; i++) {
		double px, py;
		if (!isfinite(p->x[i]) || !isfinite(p->y[i]))
			continue;
		canvas_map_dot(m, p->x[i], p->y[i], &px, &py);
		canvas_line(c, px, py, px, py, &clip, scene_run_color(st, p->color), glyph);
	}
}

void canvas_draw_field(canvas *c, canvas_rect r, const scene_field *s)
{
	if (!s->values || s->w < 2 || s->h < 2 || !(s->x1 > s->x0) || !(s->y1 > s->y0))
		return;
	double lo, hi;
	bool have_range = scene_field_range(s, &lo, &hi) == 0;
	if (have_range && !(hi > lo)) {
		lo = s->log_color ? lo / 2 : lo - 0.5;
		hi = s->log_color ? hi * 2 : hi + 0.5;
	}
	int top = s->title && *s->title ? 1 : 0;
	int ph = r.h - top - 2;
	plot_ticks yt, xt, ct;
	if (ph < 2 || plot_ticks_linear(s->y0, s->y1, ph / 3 > 1 ? ph / 3 : 2, &yt))
		return;
	int lw = canvas_label_width(&yt) + 1;
	/* colour bar: gap, two cells, a space, its labels */
	int cbw = 0;
	if (have_range && r.w >= 40 && ph >= 4) {
		int tgt = ph / 3 > 1 ? ph / 3 : 2;
		if ((s->log_color ? plot_ticks_log(lo, hi, tgt, &ct) : plot_ticks_linear(lo, hi, tgt, &ct)) == 0)
			cbw = 4 + canvas_label_width(&ct);
	}
	int pw = r.w - lw - cbw;
	if (pw < 4)
		return;
	canvas_rect pa = {r.x + lw, r.y + top, pw, ph};
	canvas_map m;
	if (canvas_map_init(&m, pa, s->x0, s->x1, s->y0, s->y1, false, false))
		return;
	if (plot_ticks_linear(s->x0, s->x1, pw / 10 > 1 ? pw / 10 : 2, &xt))
		return;
	if (top) {
		int tw = canvas_text_width(s->title);
		canvas_text(c, pa.x + (pw - tw) / 2 > r.x ? pa.x + (pw - tw) / 2 : r.x, r.y, s->title,
			    NULL, CANVAS_BOLD);
	}
	if (have_range) {
		double *t = malloc((size_t)s->w * s->h * sizeof *t);
		if (t) {
			scene_field_norm(s, lo, hi, t);
			canvas_heatmap(c, &m, s, t);
			free(t);
		}
		canvas_contours(c, &m, s, lo, hi);
	}
	canvas_arrows(c, &m, s);
	for (int k = 0; k < s->npaths; k++) /* every halo first: no path darkens another */
		if (s->paths[k].trial == SCENE_TRIAL_NONE) /* a model's step stays thin */
			canvas_path(c, &m, &s->paths[k], true, &s->style);
	for (int k = 0; k < s->npaths; k++)
		canvas_path(c, &m, &s->paths[k], false, &s->style);
	for (int k = 0; k < s->nclouds; k++)
		canvas_cloud(c, &m, &s->clouds[k], &s->style);
	canvas_field_numbers(c, m.pa, &m.sx, &m.sy, s);
	for (int k = 0; k < s->npoints; k++)
		canvas_marker(c, &m, s->points[k].x, s->points[k].y, 0x2605, 'X', canvas_white);
	for (int k = 0; k < s->npaths; k++) {
		const scene_path *p = &s->paths[k];
		cmap_rgb col = canvas_run_color(&s->style, p->color);
		char letter = (char)('a' + ((p->color % 26) + 26) % 26);
		if (p->n && p->start_marker)
			canvas_marker(c, &m, p->x[0], p->y[0], 0x25CB, letter, col);
		if (p->n && p->end_marker)
			canvas_marker(c, &m, p->x[p->n - 1], p->y[p->n - 1], 0x25CF,
				      (char)(letter - 'a' + 'A'), col);
	}
	/* a refused model step ends in a cross; a taken one ends on the iterate, whose
	 * marker the cell keeps */
	for (int k = 0; k < s->npaths; k++) {
		const scene_path *p = &s->paths[k];
		if (p->n && p->trial == SCENE_TRIAL_REFUSED)
			canvas_marker(c, &m, p->x[p->n - 1], p->y[p->n - 1], 0x00D7, 'x',
				      canvas_run_color(&s->style, p->color));
	}
	canvas_axes(c, &m, &xt, &yt);
	if (cbw) {
		int bx = pa.x + pw + 1;
		plot_scale cs;
		if (plot_scale_init(&cs, lo, hi, pa.y + ph, pa.y, s->log_color) == 0) {
			for (int j = 0; j < 2 * ph; j++) {
				double t = 1 - (j + 0.5) / (2 * ph);
				cmap_rgb col = cmap_at_smooth(s->cmap, t);
				if (canvas_get_mode(c) == CANVAS_ASCII) {
					if (j % 2 == 0) {
						char ch = " .:-=+*#%@"[canvas_clampi((int)(t * 10), 0, 9)];
						canvas_put(c, bx, pa.y + j / 2, (uint32_t)ch, NULL, NULL, 0);
						canvas_put(c, bx + 1, pa.y + j / 2, (uint32_t)ch, NULL, NULL, 0);
					}
					continue;
				}
				canvas_heat_pixel(c, bx, 2 * pa.y + j, col);
				canvas_heat_pixel(c, bx + 1, 2 * pa.y + j, col);
			}
			int last = -1;
			for (int i = ct.n - 1; i >= 0; i--) {
				double p = plot_scale_fwd(&cs, ct.t[i].value);
				if (!ct.t[i].major || !isfinite(p))
					continue;
				/* clamped as a double: a tick far off the bar is no int */
				int row = (int)floor(fmin(fmax(p, pa.y), pa.y + ph - 1));
				if (row == last)
					continue;
				canvas_text(c, bx + 3, row, ct.t[i].label, NULL, 0);
				last = row;
			}
		}
	}
	canvas_legend_entry e[PLOT_LEGEND_MAX];
	const double *lx[PLOT_LEGEND_MAX], *ly[PLOT_LEGEND_MAX];
	size_t ln[PLOT_LEGEND_MAX];
	int ne = 0;
	for (int k = 0; k < s->npaths && ne < PLOT_LEGEND_MAX; k++) {
		const scene_path *p = &s->paths[k];
		if (!p->label || !*p->label)
			continue;
		e[ne] = (canvas_legend_entry){p->label, p->color};
		lx[ne] = p->x, ly[ne] = p->y, ln[ne] = p->x && p->y ? p->n : 0;
		ne++;
	}
	canvas_place_legend(c, &m, e, ne, lx, ly, ln, ne, s->points, s->npoints, &s->style);
}

/* ---- convergence ------------------------------------------------------------ */

/* A series as braille lines; dashed: 3 dots on, 3 off along the line. */
static void canvas_series(canvas *c, const canvas_map *m, const scene_series *sr, bool ylog,
			  const scene_style *st)
{
	if (!sr->x || !sr->y || sr->n == 0)
		return;
	canvas_rect clip = {2 * m->pa.x, 4 * m->pa.y, 2 * m->pa.w, 4 * m->pa.h};
	cmap_rgb col = canvas_run_color(st, sr->color);
	char glyph = (char)('a' + ((sr->color % 26) + 26) % 26);
	size_t *keep = malloc(sr->n * sizeof *keep);
	if (!keep)
		return;
	plot_scale dx; /* dot columns */
	size_t nk = sr->n;
	if (plot_scale_init(&dx, m->sx.d0, m->sx.d1, 2 * m->sx.p0, 2 * m->sx.p1, false) == 0)
		nk = plot_decimate(sr->x, sr->y, sr->n, &dx, keep);
	else
		for (size_t i = 0; i < sr->n; i++)
			keep[i] = i;
	double px0 = NAN, py0 = NAN;
	long dot = 0;
	for (size_t k = 0; k < nk; k++) {
		size_t i = keep[k];
		double px = NAN, py = NAN;
		if (isfinite(sr->x[i]) && isfinite(sr->y[i]) && (!ylog || sr->y[i] > 0))
			canvas_map_dot(m, sr->x[i], sr->y[i], &px, &py);
		if (isfinite(px0) && isfinite(px)) {
			if (!sr->dashed) {
				canvas_line(c, px0, py0, px, py, &clip, col, glyph);
			} else {
				double ax = px0, ay = py0, bx = px, by = py;
				if (plot_clip_segment(&ax, &ay, &bx, &by, clip.x, clip.y,
						      clip.x + clip.w - 1, clip.y + clip.h - 1)) {
					int n = (int)ceil(fmax(fabs(bx - ax), fabs(by - ay)));
					for (int q = 0; q <= n; q++, dot++) {
						double t = n ? (double)q / n : 0;
						if (dot % 6 < 3)
							canvas_dot(c, (int)floor(ax + t * (bx - ax) + 0.5),
								   (int)floor(ay + t * (by - ay) + 0.5), col, glyph);
					}
				}
			}
		}
		px0 = px, py0 = py;
	}
	free(keep);
}

void canvas_draw_convergence(canvas *c, canvas_rect r, const scene_conv *s)
{
	double x0, x1, y0, y1;
	if (scene_conv_axes(s, &x0, &x1, &y0, &y1))
		return;
	bool head = (s->title && *s->title) || (s->ylabel && *s->ylabel);
	bool foot = s->xlabel && *s->xlabel && r.h >= 10;
	int ph = r.h - head - 2 - foot;
	plot_ticks yt, xt;
	int tgt = ph / 3 > 1 ? ph / 3 : 2;
	if (ph < 2 || (s->ylog ? plot_ticks_log(y0, y1, tgt, &yt) : plot_ticks_linear(y0, y1, tgt, &yt)))
		return;
	int lw = canvas_label_width(&yt) + 1;
	int pw = r.w - lw - 1;
	if (pw < 4)
		return;
	canvas_rect pa = {r.x + lw, r.y + head, pw, ph};
	canvas_map m;
	if (canvas_map_init(&m, pa, x0, x1, y0, y1, false, s->ylog) ||
	    plot_ticks_linear(x0, x1, pw / 10 > 1 ? pw / 10 : 2, &xt))
		return;
	if (s->ylabel && *s->ylabel)
		canvas_text(c, r.x, r.y, s->ylabel, NULL, 0);
	if (s->title && *s->title) {
		int tw = canvas_text_width(s->title);
		int x = pa.x + (pw - tw) / 2;
		int after = s->ylabel ? r.x + canvas_text_width(s->ylabel) + 2 : r.x;
		canvas_text(c, x > after ? x : after, r.y, s->title, NULL, CANVAS_BOLD);
	}
	for (int k = 0; k < s->nseries; k++)
		canvas_series(c, &m, &s->series[k], s->ylog, &s->style);
	canvas_axes(c, &m, &xt, &yt);
	if (foot) {
		int tw = canvas_text_width(s->xlabel);
		canvas_text(c, pa.x + (pw - tw) / 2, pa.y + ph + 2, s->xlabel, NULL, 0);
	}
	canvas_legend_entry e[PLOT_LEGEND_MAX];
	const double *lx[PLOT_LEGEND_MAX], *ly[PLOT_LEGEND_MAX];
	size_t ln[PLOT_LEGEND_MAX];
	int ne = 0;
	for (int k = 0; k < s->nseries && ne < PLOT_LEGEND_MAX; k++) {
		const scene_series *sr = &s->series[k];
		if (!sr->label || !*sr->label)
			continue;
		e[ne] = (canvas_legend_entry){sr->label, sr->color};
		lx[ne] = sr->x, ly[ne] = sr->y, ln[ne] = sr->x && sr->y ? sr->n : 0;
		ne++;
	}
	canvas_place_legend(c, &m, e, ne, lx, ly, ln, ne, NULL, 0, &s->style);
}
