/* fig_sweep: iterations to a condition against a swept parameter. */
#include "fig_sweep.h"

#include <math.h>

#include "fig_file.h"
#include "fig_int.h"

#define SWEEP_UNMET_RGB ((cmap_rgb){214, 39, 40})

static void cross(fig_ctx *f, double x, double y)
{
	double r = 5 * f->s;
	cairo_t *cr = f->cr;
	cairo_move_to(cr, x - r, y - r);
	cairo_line_to(cr, x + r, y + r);
	cairo_move_to(cr, x - r, y + r);
	cairo_line_to(cr, x + r, y - r);
	fig_set_rgb(cr, SWEEP_UNMET_RGB, 1);
	cairo_set_line_width(cr, 2.2 * f->s);
	cairo_stroke(cr);
}

void fig_draw_sweep(cairo_t *cr, double x, double y, double w, double h, double scale,
                    const scene_sweep *s)
{
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = s->ymax;
	for (size_t i = 0; i < s->n; i++) {
		if (isfinite(s->x[i]) && (!s->xlog || s->x[i] > 0)) {
			x0 = fmin(x0, s->x[i]);
			x1 = fmax(x1, s->x[i]);
		}
		if (isfinite(s->y[i])) {
			y0 = fmin(y0, s->y[i]);
			y1 = fmax(y1, s->y[i]);
		}
	}
	if (!(x0 <= x1) || !(y1 > 0))
		return;
	if (!isfinite(y0))
		y0 = y1;
	if (x1 <= x0)
		x0 = s->xlog ? x0 / 2 : x0 - 1, x1 = s->xlog ? x1 * 2 : x1 + 1;
	/* log y when the counts span more than a decade (a count of 0 sits at 1/2) */
	bool ylog = y1 / fmax(y0, 0.5) > 20;
	if (ylog) {
		y0 = pow(10, floor(log10(fmax(y0, 0.5)) + 1e-9));
		y1 = pow(10, ceil(log10(y1 * 1.5) - 1e-9));
	} else {
		double pad = (y1 - fmin(y0, 0)) * 0.08 + 0.5;
		y0 = fmax(fmin(y0, 0) - pad, -pad), y1 = y1 + pad;
	}
	if (s->xlog) {
		double r = pow(x1 / x0, 0.04);
		x0 /= r, x1 *= r;
	} else {
		double pad = (x1 - x0) * 0.04;
		x0 -= pad, x1 += pad;
	}
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	plot_ticks xt, yt;
	int ty = (int)(h / (3.2 * f.tick_font)), tx = (int)(w / (7 * f.tick_font));
	if ((ylog ? plot_ticks_log(y0, y1, ty > 2 ? ty : 2, &yt)
	          : plot_ticks_linear(y0, y1, ty > 2 ? ty : 2, &yt)) ||
	    (s->xlog ? plot_ticks_log(x0, x1, tx > 2 ? tx : 2, &xt)
	             : plot_ticks_linear(x0, x1, tx > 2 ? tx : 2, &xt)))
		goto out;
	double left, bottom, top, right = 4 * f.pad;
	fig_axes_margins(&f, &yt, s->xlabel, s->ylabel, s->title, &left, &bottom, &top);
	plot_rect pa = {round(x + left), round(y + top), round(w - left - right),
	                round(h - top - bottom)};
	plot_scale sx, sy;
	if (pa.w < 10 || pa.h < 10 || plot_scale_init(&sx, x0, x1, pa.x, pa.x + pa.w, s->xlog) ||
	    plot_scale_init(&sy, y0, y1, pa.y + pa.h, pa.y, ylog))
		goto out;
	fig_axes ax = {pa, sx, sy, &xt, &yt, true, s->xlabel, s->ylabel, s->title};
	fig_axes_grid(&f, &ax);
	cairo_save(cr);
	cairo_rectangle(cr, pa.x, pa.y, pa.w, pa.h);
	cairo_clip(cr);
	cmap_rgb col = cmap_palette(s->color);
	double ytop = plot_scale_fwd(&sy, s->ymax);
	bool any_unmet = false;
	for (size_t i = 0; i < s->n; i++)
		any_unmet |= !isfinite(s->y[i]);
	if (any_unmet) { /* the step limit, where the condition was not met */
		double d[2] = {6 * f.s, 4 * f.s};
		cairo_set_dash(cr, d, 2, 0);
		cairo_move_to(cr, pa.x, ytop);
		cairo_line_to(cr, pa.x + pa.w, ytop);
		fig_set_rgb(cr, SWEEP_UNMET_RGB, 0.6);
		cairo_set_line_width(cr, 1.2 * f.s);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	fig_pen pen = {NAN, NAN, false};
	for (size_t i = 0; i < s->n; i++) /* a gap where the condition was not met */
		fig_pen_to(cr, &pen, &sx, &sy, plot_scale_fwd(&sx, s->x[i]),
		           isfinite(s->y[i]) ? plot_scale_fwd(&sy, fmax(s->y[i], ylog ? 0.5 : 0))
		                             : NAN);
	fig_set_rgb(cr, col, 1);
	cairo_set_line_width(cr, 1.8 * f.s);
	cairo_stroke(cr);
	size_t count[4] = {0};
	for (size_t i = 0; i < s->n; i++) {
		double px = plot_scale_fwd(&sx, s->x[i]);
		double py = isfinite(s->y[i]) ? plot_scale_fwd(&sy, fmax(s->y[i], ylog ? 0.5 : 0))
		                              : ytop;
		if (isfinite(s->y[i]))
			fig_marker_draw(&f, FIG_MARK_END, px, py, col);
		else
			cross(&f, px, py);
		plot_corner_count(&pa, pa.w / 3, pa.h / 4, &px, &py, 1, count);
	}
	fig_legend_item it[2];
	int n = 0;
	if (s->label)
		it[n++] = (fig_legend_item){s->label, col, true, false, FIG_MARK_END};
	if (any_unmet && s->unmet_label)
		it[n++] = (fig_legend_item){s->unmet_label, SWEEP_UNMET_RGB, true, true,
		                            FIG_MARK_NONE};
	if (n)
		fig_legend_draw(&f, it, n, &pa, count, 0);
	cairo_restore(cr);
	fig_axes_draw(&f, &ax);
out:
	fig_ctx_fini(&f);
	cairo_restore(cr);
}

static void sweep_page(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	fig_page_setup(cr);
	fig_draw_sweep(cr, 0, 0, o->width, o->height, fig_scale(o->width, o->height), ctx);
}

int fig_sweep_write(const char *path, fig_format format, const fig_opts *o,
                    const scene_sweep *s, char *err, size_t errlen)
{
	if (!s || s->n == 0)
		return fig_err(err, errlen, "figure: nothing to draw");
	return fig_write_page(path, format, o, sweep_page, s, err, errlen);
}
