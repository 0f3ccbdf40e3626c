/* fig_conv: a convergence scene as a figure: log (or linear) y, grid lines,
 * curves decimated to the pixel width, a legend where it hides the least. */
#include "fig.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "fig_int.h"

/* One series as a path: decimated, broken at gaps and at y <= 0 on a log axis.
 * Within a pixel column only the lowest and highest points are drawn (plus the
 * ends of the series): half the segments of plot_decimate's four, same picture. */
static void fig_series_path(cairo_t *cr, const scene_series *sr, const plot_scale *sx,
			    const plot_scale *sy, size_t *keep)
{
	size_t nk = plot_decimate(sr->x, sr->y, sr->n, sx, keep);
	fig_pen pen = {NAN, NAN, false};
	for (size_t k = 0; k < nk;) {
		size_t q = k + 1, lo = keep[k], hi = keep[k];
		double col = floor(plot_scale_fwd(sx, sr->x[keep[k]]));
		while (q < nk && isfinite(col) && isfinite(sr->y[keep[q]]) &&
		       floor(plot_scale_fwd(sx, sr->x[keep[q]])) == col) {
			lo = sr->y[keep[q]] < sr->y[lo] ? keep[q] : lo;
			hi = sr->y[keep[q]] > sr->y[hi] ? keep[q] : hi;
			q++;
		}
		size_t pts[4] = {keep[k], lo < hi ? lo : hi, lo < hi ? hi : lo, keep[q - 1]};
		int np = 0;
		size_t sel[4];
		for (int a = 0; a < 4; a++) {
			bool end = pts[a] == 0 || pts[a] == sr->n - 1;
			if ((a == 1 || a == 2 || end) && (np == 0 || sel[np - 1] != pts[a]))
				sel[np++] = pts[a];
		}
		for (int a = 0; a < np; a++)
			fig_pen_to(cr, &pen, sx, sy, plot_scale_fwd(sx, sr->x[sel[a]]),
				   plot_scale_fwd(sy, sr->y[sel[a]]));
		k = q;
	}
}

void fig_draw_convergence(cairo_t *cr, double x, double y, double w, double h, double scale,
			  const scene_conv *s)
{
	double x0, x1, y0, y1;
	if (scene_conv_axes(s, &x0, &x1, &y0, &y1))
		return;
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	plot_ticks xt, yt;
	int ty = (int)(h / (3.2 * f.tick_font)), tx = (int)(w / (7 * f.tick_font));
	if (s->ylog ? plot_ticks_log(y0, y1, ty > 2 ? ty : 2, &yt)
		    : plot_ticks_linear(y0, y1, ty > 2 ? ty : 2, &yt))
		goto out;
	if (plot_ticks_linear(x0, x1, tx > 2 ? tx : 2, &xt))
		goto out;
	double left, bottom, top;
	fig_axes_margins(&f, &yt, s->xlabel, s->ylabel, s->title, &left, &bottom, &top);
	/* room for half of the last x label past the right edge */
	double right = 3 * f.pad;
	if (xt.n && xt.t[xt.n - 1].value >= x1 - (x1 - x0) * 0.02)
		right = fmax(right, fig_tick_width(&f, &xt.t[xt.n - 1], f.tick_font) / 2 + f.pad);
	plot_rect pa = {round(x + left), round(y + top), round(w - left - right),
			round(h - top - bottom)};
	if (pa.w < 10 || pa.h < 10)
		goto out;
	plot_scale sx, sy;
	if (plot_scale_init(&sx, x0, x1, pa.x, pa.x + pa.w, false) ||
	    plot_scale_init(&sy, y0, y1, pa.y + pa.h, pa.y, s->ylog))
		goto out;
	fig_axes ax = {pa, sx, sy, &xt, &yt, true, s->xlabel, s->ylabel, s->title};
	fig_axes_grid(&f, &ax);
	size_t nmax = 0;
	for (int k = 0; k < s->nseries; k++)
		if (s->series[k].n > nmax)
			nmax = s->series[k].n;
	size_t *keep = nmax ? malloc(nmax * sizeof *keep) : NULL;
	cairo_save(cr);
	cairo_rectangle(cr, pa.x, pa.y, pa.w, pa.h);
	cairo_clip(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	fig_legend_item it[PLOT_LEGEND_MAX];
	int n = 0;
	for (int k = 0; keep && k < s->nseries; k++) {
		const scene_series *sr = &s->series[k];
		if (!sr->x || !sr->y || sr->n == 0)
			continue;
		fig_series_path(cr, sr, &sx, &sy, keep);
		fig_set_rgb(cr, cmap_palette(sr->color), 1);
		cairo_set_line_width(cr, 1.8 * f.s);
		if (sr->dashed) {
			double d[2] = {6 * f.s, 4 * f.s};
			cairo_set_dash(cr, d, 2, 0);
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		if (sr->label && *sr->label && n < PLOT_LEGEND_MAX)
			it[n++] = (fig_legend_item){sr->label, cmap_palette(sr->color), true,
						    sr->dashed, FIG_MARK_NONE};
	}
	if (n) {
		double lw, lh, inset = 0.6 * f.legend_font;
		fig_legend_size(&f, it, n, &lw, &lh);
		size_t count[4] = {0};
		for (int k = 0; keep && k < s->nseries; k++) {
			const scene_series *sr = &s->series[k];
			size_t nk = sr->x && sr->y ? plot_decimate(sr->x, sr->y, sr->n, &sx, keep) : 0;
			for (size_t q = 0; q < nk; q++) {
				double px = plot_scale_fwd(&sx, sr->x[keep[q]]);
				double py = plot_scale_fwd(&sy, sr->y[keep[q]]);
				plot_corner_count(&pa, lw + inset, lh + inset, &px, &py, 1, count);
			}
		}
		fig_legend_draw(&f, it, n, &pa, count);
	}
	cairo_restore(cr);
	free(keep);
	fig_axes_draw(&f, &ax);
out:
	fig_ctx_fini(&f);
	cairo_restore(cr);
}
