/* fig_profile: benchmark profiles as step curves. */
#include "fig_profile.h"

#include <math.h>

#include "fig_file.h"
#include "fig_int.h"

/* The curve's x range: tau from 1 (alpha from 0, or from the decade below the first
 * step on a log axis) past the largest step. */
static void range(const scene_profile *s, bool xlog, double *x0, double *x1)
{
	double hi = 0, lo = INFINITY;
	for (int k = 0; k < s->ns; k++)
		for (int i = 0; i < s->nsteps[k]; i++) {
			hi = fmax(hi, s->steps[k][i]);
			if (s->steps[k][i] > 0)
				lo = fmin(lo, s->steps[k][i]);
		}
	if (!s->data) {
		*x0 = 1;
		*x1 = pow(10, ceil(log10(fmax(hi * 1.5, 10)) - 1e-9));
	} else if (xlog) {
		*x0 = pow(10, floor(log10(isfinite(lo) ? lo : 1) + 1e-9));
		*x1 = pow(10, ceil(log10(fmax(hi * 1.5, *x0 * 10)) - 1e-9));
	} else {
		*x0 = 0;
		*x1 = hi > 0 ? hi * 1.08 : 1;
	}
}

void fig_draw_profile(cairo_t *cr, double x, double y, double w, double h, double scale,
                      const scene_profile *s)
{
	double x0, x1, y0 = 0, y1 = 1.04;
	bool xlog = !s->data || s->xlog;
	range(s, xlog, &x0, &x1);
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	plot_ticks xt, yt;
	int ty = (int)(h / (3.2 * f.tick_font)), tx = (int)(w / (7 * f.tick_font));
	if (plot_ticks_linear(0, 1, ty > 2 ? (ty < 6 ? ty : 6) : 2, &yt) ||
	    (xlog ? plot_ticks_log(x0, x1, tx > 2 ? tx : 2, &xt)
	             : plot_ticks_linear(x0, x1, tx > 2 ? tx : 2, &xt)))
		goto out;
	double left, bottom, top, right = 4 * f.pad;
	fig_axes_margins(&f, &yt, s->xlabel, s->ylabel, s->title, &left, &bottom, &top);
	plot_rect pa = {round(x + left), round(y + top), round(w - left - right),
	                round(h - top - bottom)};
	plot_scale sx, sy;
	if (pa.w < 10 || pa.h < 10 || plot_scale_init(&sx, x0, x1, pa.x, pa.x + pa.w, xlog) ||
	    plot_scale_init(&sy, y0, y1, pa.y + pa.h, pa.y, false))
		goto out;
	fig_axes ax = {pa, sx, sy, &xt, &yt, true, s->xlabel, s->ylabel, s->title};
	fig_axes_grid(&f, &ax);
	cairo_save(cr);
	cairo_rectangle(cr, pa.x, pa.y, pa.w, pa.h);
	cairo_clip(cr);
	size_t count[4] = {0};
	fig_legend_item it[16];
	int nit = 0;
	for (int k = 0; k < s->ns; k++) {
		cmap_rgb col = cmap_palette(k);
		const double *v = s->steps[k];
		int m = s->nsteps[k], i = 0;
		double frac = 0, px = plot_scale_fwd(&sx, x0), py;
		while (i < m && v[i] <= x0) /* met at the start: tau = 1 wins, alpha = 0 */
			frac = (double)++i / s->np;
		py = plot_scale_fwd(&sy, frac);
		cairo_move_to(cr, px, py);
		for (; i < m; i++) {
			double nx = plot_scale_fwd(&sx, v[i]);
			fig_count_segment(&pa, pa.w / 3, pa.h / 4, px, py, nx, py, count);
			cairo_line_to(cr, nx, py);
			frac = (double)(i + 1) / s->np;
			py = plot_scale_fwd(&sy, frac);
			cairo_line_to(cr, nx, py);
			px = nx;
		}
		double ex = plot_scale_fwd(&sx, x1);
		fig_count_segment(&pa, pa.w / 3, pa.h / 4, px, py, ex, py, count);
		cairo_line_to(cr, ex, py);
		fig_set_rgb(cr, col, 1);
		cairo_set_line_width(cr, 2.2 * f.s);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke(cr);
		if (nit < 16)
			it[nit++] = (fig_legend_item){s->labels[k], col, true, false, FIG_MARK_NONE};
	}
	if (nit)
		fig_legend_draw(&f, it, nit, &pa, count, 0);
	cairo_restore(cr);
	fig_axes_draw(&f, &ax);
out:
	fig_ctx_fini(&f);
	cairo_restore(cr);
}

static void profile_page(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	fig_page_setup(cr);
	fig_draw_profile(cr, 0, 0, o->width, o->height, fig_scale(o->width, o->height), ctx);
}

int fig_profile_write(const char *path, fig_format format, const fig_opts *o,
                      const scene_profile *s, char *err, size_t errlen)
{
	if (!s || s->ns == 0 || s->np == 0)
		return fig_err(err, errlen, "figure: nothing to draw");
	return fig_write_page(path, format, o, profile_page, s, err, errlen);
}
