/* fig_field: a field scene as a figure: the objective as an image through the
 * colormap, contour lines, trajectories with markers, minimizers, colour bar. */
#include "fig.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "contour.h"
#include "fig_int.h"

#define FIG_LUT 1024 /* colours between table entries: finer than 8-bit steps */

/* The grid through the colormap, one pixel per device pixel of the plot area:
 * bilinear in the normalized value, then a look-up table of colours. */
static void fig_field_image(fig_ctx *f, const scene_field *s, const plot_rect *pa,
			    const plot_scale *sx, const plot_scale *sy, double lo, double hi)
{
	int pw = (int)pa->w, ph = (int)pa->h, gw = s->w, gh = s->h;
	double *t = malloc((size_t)gw * gh * sizeof *t);
	double *fx = malloc((size_t)pw * sizeof *fx), *rowv = malloc((size_t)gw * sizeof *rowv);
	int *ix = malloc((size_t)pw * sizeof *ix);
	uint32_t *lut = malloc((FIG_LUT + 1) * sizeof *lut);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	if (!t || !fx || !rowv || !ix || !lut || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		goto done;
	scene_field_norm(s, lo, hi, t);
	for (int k = 0; k <= FIG_LUT; k++) {
		cmap_rgb c = cmap_at_smooth(s->cmap, (double)k / FIG_LUT);
		lut[k] = 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
	}
	const uint32_t nan_px = 0xFFE1E1E1u;
	for (int i = 0; i < pw; i++) {
		double g = (plot_scale_inv(sx, pa->x + i + 0.5) - s->x0) / (s->x1 - s->x0) * (gw - 1);
		g = g < 0 ? 0 : g > gw - 1 ? gw - 1 : g;
		ix[i] = (int)g < gw - 1 ? (int)g : gw - 2;
		fx[i] = g - ix[i];
	}
	cairo_surface_flush(img);
	unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int j = 0; j < ph; j++) {
		double g = (plot_scale_inv(sy, pa->y + j + 0.5) - s->y0) / (s->y1 - s->y0) * (gh - 1);
		g = g < 0 ? 0 : g > gh - 1 ? gh - 1 : g;
		int iy = (int)g < gh - 1 ? (int)g : gh - 2;
		double fy = g - iy;
		const double *r0 = t + (size_t)iy * gw, *r1 = r0 + gw;
		for (int i = 0; i < gw; i++)
			rowv[i] = (1 - fy) * r0[i] + fy * r1[i];
		uint32_t *row = (uint32_t *)(data + (size_t)j * stride);
		for (int i = 0; i < pw; i++) {
			double v = (1 - fx[i]) * rowv[ix[i]] + fx[i] * rowv[ix[i] + 1];
			if (isnan(v)) {
				row[i] = nan_px;
				continue;
			}
			int k = (int)(v * FIG_LUT + 0.5);
			row[i] = lut[k < 0 ? 0 : k > FIG_LUT ? FIG_LUT : k];
		}
	}
	cairo_surface_mark_dirty(img);
	cairo_save(f->cr);
	cairo_set_source_surface(f->cr, img, pa->x, pa->y);
	cairo_pattern_set_filter(cairo_get_source(f->cr), CAIRO_FILTER_NEAREST);
	cairo_rectangle(f->cr, pa->x, pa->y, pw, ph);
	cairo_fill(f->cr);
	cairo_restore(f->cr);
done:
	cairo_surface_destroy(img);
	free(t);
	free(fx);
	free(rowv);
	free(ix);
	free(lut);
}

/* The normalized colour coordinate of a level. */
static double fig_level_t(const scene_field *s, double v, double lo, double hi)
{
	if (s->log_color && lo > 0)
		return v > 0 ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : 0;
	return (v - lo) / (hi - lo);
}

/* Contour ink: dark over the light end of the colormap, light over the dark end. */
static void fig_level_ink(fig_ctx *f, const scene_field *s, double t)
{
	if (cmap_luminance(cmap_at(s->cmap, t)) > 0.3)
		cairo_set_source_rgba(f->cr, 0, 0, 0, 0.45);
	else
		cairo_set_source_rgba(f->cr, 1, 1, 1, 0.55);
}

static int fig_field_levels(const scene_field *s, double lo, double hi, double *lv,
			    const double **levels)
{
	if (s->levels) {
		*levels = s->levels;
		return s->nlevels;
	}
	*levels = lv;
	return contour_levels(lo, hi, s->nlevels, s->log_color, lv, CONTOUR_MAX_LEVELS);
}

static void fig_field_contours(fig_ctx *f, const scene_field *s, const plot_scale *sx,
			       const plot_scale *sy, const double *levels, int nl, double lo,
			       double hi)
{
	contour_lines cl;
	if (nl <= 0 || contour_trace(s->values, s->w, s->h, levels, nl, &cl))
		return;
	cairo_t *cr = f->cr;
	cairo_set_line_width(cr, 0.9 * f->s);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	for (size_t k = 0; k < cl.nlines; k++) {
		for (size_t i = cl.start[k]; i < cl.start[k + 1]; i++) {
			double x = s->x0 + cl.x[i] / (s->w - 1) * (s->x1 - s->x0);
			double y = s->y0 + cl.y[i] / (s->h - 1) * (s->y1 - s->y0);
			if (i == cl.start[k])
				cairo_move_to(cr, plot_scale_fwd(sx, x), plot_scale_fwd(sy, y));
			else
				cairo_line_to(cr, plot_scale_fwd(sx, x), plot_scale_fwd(sy, y));
		}
		if (cl.closed[k])
			cairo_close_path(cr);
		/* one stroke per level: lines of a level never overlap */
		if (k + 1 == cl.nlines || cl.level[k + 1] != cl.level[k]) {
			fig_level_ink(f, s, fig_level_t(s, levels[cl.level[k]], lo, hi));
			cairo_stroke(cr);
		}
	}
	contour_lines_free(&cl);
}

static void fig_path_trace(cairo_t *cr, const scene_path *p, const plot_scale *sx,
			   const plot_scale *sy)
{
	fig_pen pen = {NAN, NAN, false};
	for (size_t i = 0; i < p->n; i++)
		fig_pen_to(cr, &pen, sx, sy, plot_scale_fwd(sx, p->x[i]), plot_scale_fwd(sy, p->y[i]));
}

/* The arrow layer: the longest arrow spans 0.9 of a cell, the others in proportion. */
static void fig_field_arrows(fig_ctx *f, const scene_field *s, const plot_scale *sx,
			     const plot_scale *sy)
{
	if (!s->arrow_u || !s->arrow_v || s->aw < 1 || s->ah < 1)
		return;
	double cw = (s->x1 - s->x0) / s->aw, ch = (s->y1 - s->y0) / s->ah, mx = 0;
	for (int k = 0; k < s->aw * s->ah; k++) {
		double u = s->arrow_u[k] / cw, v = s->arrow_v[k] / ch, l = hypot(u, v);
		if (isfinite(l) && l > mx)
			mx = l;
	}
	if (!(mx > 0))
		return;
	cairo_t *cr = f->cr;
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_width(cr, 1.1 * f->s);
	cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.75);
	for (int j = 0; j < s->ah; j++)
		for (int i = 0; i < s->aw; i++) {
			double u = s->arrow_u[j * s->aw + i], v = s->arrow_v[j * s->aw + i];
			if (!isfinite(u) || !isfinite(v))
				continue;
			double cx = s->x0 + (i + 0.5) * cw, cy = s->y0 + (j + 0.5) * ch;
			double k = 0.9 / mx; /* data units: cell fractions over the longest */
			double x0 = plot_scale_fwd(sx, cx - 0.5 * k * u), y0 = plot_scale_fwd(sy, cy - 0.5 * k * v);
			double x1 = plot_scale_fwd(sx, cx + 0.5 * k * u), y1 = plot_scale_fwd(sy, cy + 0.5 * k * v);
			double dx = x1 - x0, dy = y1 - y0, l = hypot(dx, dy);
			if (l < 1.5 * f->s)
				continue; /* a rest point: no direction to show */
			double hl = fmin(0.35 * l, 6 * f->s), ux = dx / l, uy = dy / l;
			cairo_move_to(cr, x0, y0);
			cairo_line_to(cr, x1, y1);
			cairo_stroke(cr);
			cairo_move_to(cr, x1, y1);
			cairo_line_to(cr, x1 - hl * (ux + 0.5 * uy), y1 - hl * (uy - 0.5 * ux));
			cairo_line_to(cr, x1 - hl * (ux - 0.5 * uy), y1 - hl * (uy + 0.5 * ux));
			cairo_close_path(cr);
			cairo_fill(cr);
		}
}

static void fig_field_paths(fig_ctx *f, const scene_field *s, const plot_scale *sx,
			    const plot_scale *sy)
{
	cairo_t *cr = f->cr;
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	for (int k = 0; k < s->npaths; k++) {
		const scene_path *p = &s->paths[k];
		if (!p->x || !p->y || p->n == 0)
			continue;
		fig_path_trace(cr, p, sx, sy);
		/* a pale halo under the line keeps it visible on any colour; a model's step is
		 * thin and dashed, drawn over the trajectory it may follow */
		double lw = p->trial != SCENE_TRIAL_NONE ? 0.6 * f->lw_data : f->lw_data;
		double dash[2] = {4 * f->s, 3 * f->s};
		if (p->trial != SCENE_TRIAL_TAKEN) { /* a taken step lies on the trajectory */
			cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
			cairo_set_line_width(cr, 2 * lw);
			cairo_stroke_preserve(cr);
		}
		fig_set_rgb(cr, fig_run_color(f, p->color), 1);
		cairo_set_line_width(cr, lw);
		if (p->trial != SCENE_TRIAL_NONE)
			cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	for (int k = 0; k < s->nclouds; k++) { /* dots with a white rim */
		const scene_path *p = &s->clouds[k];
		for (size_t i = 0; p->x && p->y && i < p->n; i++) {
			double x = plot_scale_fwd(sx, p->x[i]), y = plot_scale_fwd(sy, p->y[i]);
			if (!isfinite(x) || !isfinite(y))
				continue;
			cairo_new_path(cr);
			cairo_arc(cr, x, y, 2.2 * f->s, 0, 2 * M_PI);
			cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
			cairo_fill_preserve(cr);
			fig_set_rgb(cr, fig_run_color(f, p->color), 1);
			cairo_set_line_width(cr, 1.2 * f->s);
			cairo_stroke(cr);
		}
	}
	fig_field_numbers(f, s, sx, sy);
	for (int k = 0; k < s->npoints; k++)
		fig_marker_draw(f, FIG_MARK_STAR, plot_scale_fwd(sx, s->points[k].x),
				plot_scale_fwd(sy, s->points[k].y), (cmap_rgb){0, 0, 0});
	for (int k = 0; k < s->npaths; k++) {
		const scene_path *p = &s->paths[k];
		if (!p->x || !p->y || p->n == 0)
			continue;
		cmap_rgb col = fig_run_color(f, p->color);
		if (p->start_marker)
			fig_marker_draw(f, FIG_MARK_START, plot_scale_fwd(sx, p->x[0]),
					plot_scale_fwd(sy, p->y[0]), col);
		if (p->end_marker)
			fig_marker_draw(f, FIG_MARK_END, plot_scale_fwd(sx, p->x[p->n - 1]),
					plot_scale_fwd(sy, p->y[p->n - 1]), col);
	}
	for (int k = 0; k < s->npaths; k++) { /* model steps' ends, over every end marker */
		const scene_path *p = &s->paths[k];
		if (p->x && p->y && p->n > 0 && p->trial != SCENE_TRIAL_NONE)
			fig_marker_draw(f, p->trial == SCENE_TRIAL_TAKEN ? FIG_MARK_TRIAL : FIG_MARK_REFUSED,
					plot_scale_fwd(sx, p->x[p->n - 1]), plot_scale_fwd(sy, p->y[p->n - 1]),
					fig_run_color(f, p->color));
	}
}

static int field_items(const scene_field *s, fig_legend_item *it)
{
	int n = 0;
	for (int k = 0; k < s->npaths && n < PLOT_LEGEND_MAX; k++) {
		const scene_path *p = &s->paths[k];
		if (p->label && *p->label)
			it[n++] = (fig_legend_item){p->label, scene_run_color(&s->style, p->color), true, false,
						    p->end_marker ? FIG_MARK_END : FIG_MARK_NONE};
	}
	for (int k = 0; k < s->npoints && n < PLOT_LEGEND_MAX; k++)
		if (s->points[k].label && *s->points[k].label)
			it[n++] = (fig_legend_item){s->points[k].label, {0, 0, 0}, false, false,
						    FIG_MARK_STAR};
	/* one entry for each kind of model step shown, in grey: the runs' colours say whose */
	static const char *const trial_label[] = {NULL, "model's step, taken", "model's step, refused"};
	for (int kind = SCENE_TRIAL_TAKEN; kind <= SCENE_TRIAL_REFUSED; kind++)
		for (int k = 0; k < s->npaths && n < PLOT_LEGEND_MAX; k++)
			if ((int)s->paths[k].trial == kind) {
				it[n++] = (fig_legend_item){trial_label[kind], {90, 90, 90}, true, true,
							    kind == SCENE_TRIAL_TAKEN ? FIG_MARK_TRIAL
										      : FIG_MARK_REFUSED};
				break;
			}
	return n;
}

static void fig_field_legend(fig_ctx *f, const scene_field *s, const plot_rect *pa,
			     const plot_scale *sx, const plot_scale *sy, double out_x)
{
	fig_legend_item it[PLOT_LEGEND_MAX];
	int n = field_items(s, it);
	if (n == 0)
		return;
	double w, h, inset = 0.6 * f->legend_font;
	fig_legend_size(f, it, n, &w, &h);
	size_t count[4] = {0};
	for (int k = 0; k < s->npaths; k++) {
		const scene_path *p = &s->paths[k];
		double x0 = NAN, y0 = NAN;
		for (size_t i = 0; p->x && p->y && i < p->n; i++) {
			double x = plot_scale_fwd(sx, p->x[i]), y = plot_scale_fwd(sy, p->y[i]);
			if (i > 0)
				fig_count_segment(pa, w + inset, h + inset, x0, y0, x, y, count);
			x0 = x, y0 = y;
		}
		/* the end markers, whole: never under the box */
		for (size_t e = 0; p->x && p->y && p->n && e < 2; e++) {
			size_t i = e ? p->n - 1 : 0;
			double x = plot_scale_fwd(sx, p->x[i]), y = plot_scale_fwd(sy, p->y[i]);
			size_t c[4] = {0};
			plot_corner_count(pa, w + inset + 6 * f->s, h + inset + 6 * f->s, &x, &y, 1, c);
			for (int q = 0; q < 4; q++)
				count[q] += 1000 * c[q];
		}
	}
	for (int k = 0; k < s->npoints; k++) {
		double x = plot_scale_fwd(sx, s->points[k].x), y = plot_scale_fwd(sy, s->points[k].y);
		size_t c[4] = {0};
		plot_corner_count(pa, w + inset, h + inset, &x, &y, 1, c);
		for (int q = 0; q < 4; q++)
			count[q] += 1000 * c[q]; /* never hide a minimizer */
	}
	fig_legend_draw(f, it, n, pa, count, out_x);
}

static void fig_colorbar(fig_ctx *f, const scene_field *s, const plot_rect *cb,
			 const plot_ticks *ct, double lo, double hi, const double *levels, int nl)
{
	cairo_t *cr = f->cr;
	int bw = (int)cb->w, bh = (int)cb->h;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, bw, bh);
	if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(img);
		unsigned char *data = cairo_image_surface_get_data(img);
		int stride = cairo_image_surface_get_stride(img);
		for (int j = 0; j < bh; j++) {
			cmap_rgb c = cmap_at_smooth(s->cmap, 1 - (j + 0.5) / bh);
			uint32_t px = 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
			uint32_t *row = (uint32_t *)(data + (size_t)j * stride);
			for (int i = 0; i < bw; i++)
				row[i] = px;
		}
		cairo_surface_mark_dirty(img);
		cairo_set_source_surface(cr, img, cb->x, cb->y);
		cairo_rectangle(cr, cb->x, cb->y, bw, bh);
		cairo_fill(cr);
	}
	cairo_surface_destroy(img);
	plot_scale cs;
	if (plot_scale_init(&cs, lo, hi, cb->y + cb->h, cb->y, s->log_color))
		return;
	/* the contour levels, as thin lines across the bar */
	cairo_set_line_width(cr, fmax(1, round(0.8 * f->s)));
	for (int i = 0; i < nl; i++) {
		double y = plot_scale_fwd(&cs, levels[i]);
		if (!isfinite(y) || y <= cb->y || y >= cb->y + cb->h)
			continue;
		y = fig_snap(y, fmax(1, round(0.8 * f->s)));
		fig_level_ink(f, s, fig_level_t(s, levels[i], lo, hi));
		cairo_move_to(cr, cb->x, y);
		cairo_line_to(cr, cb->x + cb->w, y);
		cairo_stroke(cr);
	}
	double lw = f->lw_axis;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, lw);
	double x0 = fig_snap(cb->x, lw), x1 = fig_snap(cb->x + cb->w, lw);
	double y0 = fig_snap(cb->y, lw), y1 = fig_snap(cb->y + cb->h, lw);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_stroke(cr);
	for (int i = 0; i < ct->n; i++) {
		const plot_tick *t = &ct->t[i];
		double y = plot_scale_fwd(&cs, t->value);
		if (!isfinite(y) || y < cb->y - 0.5 || y > cb->y + cb->h + 0.5)
			continue;
		double len = t->major ? f->tick_len : 0.55 * f->tick_len, ys = fig_snap(y, lw);
		cairo_move_to(cr, x1, ys);
		cairo_line_to(cr, x1 + len, ys);
		cairo_stroke(cr);
		if (t->major)
			fig_tick_text(f, t, f->tick_font, x1 + f->tick_len + f->pad, y, 0, 0.5);
	}
}

double fig_field_aspect(const scene_field *s)
{
	double r = (s->y1 - s->y0) / (s->x1 - s->x0);
	return !s->stretch && r > 0.2 && r < 5 ? r : 0;
}

int fig_field_layout(fig_ctx *f, const scene_field *s, double w, double h, fig_field_lay *L)
{
	if (!s->values || s->w < 2 || s->h < 2 || !(s->x1 > s->x0) || !(s->y1 > s->y0))
		return -1;
	L->lo = 0, L->hi = 1;
	L->have = scene_field_range(s, &L->lo, &L->hi) == 0;
	if (L->have && !(L->hi > L->lo)) {
		L->lo = s->log_color ? L->lo / 2 : L->lo - 0.5;
		L->hi = s->log_color ? L->hi * 2 : L->hi + 0.5;
	}
	int ty = (int)(h / (4.5 * f->tick_font)), tx = (int)(w / (7 * f->tick_font));
	if (plot_ticks_linear(s->y0, s->y1, ty > 2 ? ty : 2, &L->yt) ||
	    plot_ticks_linear(s->x0, s->x1, tx > 2 ? tx : 2, &L->xt))
		return -1; /* a viewport too wide for doubles */
	if (L->have && (s->log_color ? plot_ticks_log(L->lo, L->hi, ty > 2 ? ty : 2, &L->ct)
				     : plot_ticks_linear(L->lo, L->hi, ty > 2 ? ty : 2, &L->ct)))
		L->have = false;
	fig_axes_margins(f, &L->yt, s->xlabel, s->ylabel, s->title, &L->left, &L->bottom, &L->top);
	L->cbw = round(0.9 * f->label_font), L->cbgap = round(1.2 * f->label_font);
	L->right = L->have ? L->cbgap + L->cbw + f->tick_len + f->pad +
				     fig_ticks_width(f, &L->ct, f->tick_font) + 2 * f->pad
			   : 2 * f->pad;
	if (f->legend == SCENE_LEGEND_OUTSIDE) {
		fig_legend_item it[PLOT_LEGEND_MAX];
		int n = field_items(s, it);
		double lw = 0, lh = 0;
		if (n)
			fig_legend_size(f, it, n, &lw, &lh);
		L->right += lw + 2 * f->pad;
	}
	return w - L->left - L->right < 10 || h - L->top - L->bottom < 10 ? -1 : 0;
}

void fig_field_render(fig_ctx *f, const scene_field *s, const fig_field_lay *L,
		      const plot_rect *pa)
{
	cairo_t *cr = f->cr;
	plot_scale sx, sy;
	if (plot_scale_init(&sx, s->x0, s->x1, pa->x, pa->x + pa->w, false) ||
	    plot_scale_init(&sy, s->y0, s->y1, pa->y + pa->h, pa->y, false))
		return; /* a viewport too wide for doubles */
	double lv[CONTOUR_MAX_LEVELS];
	const double *levels = lv;
	int nl = L->have ? fig_field_levels(s, L->lo, L->hi, lv, &levels) : 0;
	fig_axes ax = {*pa, sx, sy, &L->xt, &L->yt, false, s->xlabel, s->ylabel, s->title};
	cairo_save(cr);
	cairo_rectangle(cr, pa->x, pa->y, pa->w, pa->h);
	cairo_clip(cr);
	if (L->have) {
		fig_field_image(f, s, pa, &sx, &sy, L->lo, L->hi);
		fig_field_contours(f, s, &sx, &sy, levels, nl, L->lo, L->hi);
	}
	if (s->style.grid > 0)
		fig_axes_grid(f, &ax);
	fig_field_region(f, s, pa, &sx, &sy);
	fig_field_arrows(f, s, &sx, &sy);
	fig_field_paths(f, s, &sx, &sy);
	if (f->legend != SCENE_LEGEND_OUTSIDE)
		fig_field_legend(f, s, pa, &sx, &sy, 0);
	cairo_restore(cr);
	fig_axes_draw(f, &ax);
	double cbx = pa->x + pa->w + L->cbgap;
	if (L->have) {
		plot_rect cb = {cbx, pa->y, L->cbw, pa->h};
		fig_colorbar(f, s, &cb, &L->ct, L->lo, L->hi, levels, nl);
	}
	if (f->legend == SCENE_LEGEND_OUTSIDE) {
		double out = L->have ? cbx + L->cbw + f->tick_len + f->pad +
					       fig_ticks_width(f, &L->ct, f->tick_font) + 2 * f->pad
				     : pa->x + pa->w + 2 * f->pad;
		fig_field_legend(f, s, pa, &sx, &sy, out);
	}
}

void fig_draw_field(cairo_t *cr, double x, double y, double w, double h, double scale,
		    const scene_field *s)
{
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	fig_ctx_style(&f, &s->style);
	fig_field_lay L;
	if (fig_field_layout(&f, s, w, h, &L) == 0) {
		double aw = w - L.left - L.right, ah = h - L.top - L.bottom, pw = aw, ph = ah;
		/* equal aspect where the viewport is not too elongated: circles stay round */
		double r = fig_field_aspect(s);
		if (r > 0) {
			if (ah / aw > r)
				ph = aw * r;
			else
				pw = ah / r;
		}
		plot_rect pa = {round(x + L.left + (aw - pw) / 2), round(y + L.top + (ah - ph) / 2),
				round(pw), round(ph)};
		fig_field_render(&f, s, &L, &pa);
	}
	fig_ctx_fini(&f);
	cairo_restore(cr);
}
