/* fig_conv: a convergence scene as a figure: log (or linear) y, grid lines,
 * curves decimated to the pixel width, a legend where it hides the least. */
#include "fig.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A path series: every point joined in order, marked (open at the start, filled
 * at the end, small dots between). */
static void fig_series_trajectory(fig_ctx *f, const scene_series *sr, const plot_scale *sx,
				  const plot_scale *sy)
{
	cairo_t *cr = f->cr;
	fig_pen pen = {NAN, NAN, false};
	for (size_t i = 0; i < sr->n; i++)
		fig_pen_to(cr, &pen, sx, sy, plot_scale_fwd(sx, sr->x[i]), plot_scale_fwd(sy, sr->y[i]));
	cmap_rgb c = fig_run_color(f, sr->color);
	fig_set_rgb(cr, c, 1);
	cairo_set_line_width(cr, f->lw_data);
	cairo_stroke(cr);
	for (size_t i = 1; i + 1 < sr->n; i++) {
		double x = plot_scale_fwd(sx, sr->x[i]), y = plot_scale_fwd(sy, sr->y[i]);
		if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e6 || fabs(y) > 1e6)
			continue;
		cairo_arc(cr, x, y, 2.2 * f->s, 0, 2 * FIG_PI);
		cairo_fill(cr);
	}
	fig_marker_draw(f, FIG_MARK_START, plot_scale_fwd(sx, sr->x[0]), plot_scale_fwd(sy, sr->y[0]), c);
	fig_marker_draw(f, FIG_MARK_END, plot_scale_fwd(sx, sr->x[sr->n - 1]),
			plot_scale_fwd(sy, sr->y[sr->n - 1]), c);
}

/* A noisy series: a stochastic method's, many points, and a third or more of its
 * steps go up (a deterministic method's plateaus and ripples are drawn as they are). */
static bool series_noisy(const scene_series *sr)
{
	size_t up = 0, steps = 0;
	for (size_t i = 1; sr->x && sr->y && i < sr->n; i++)
		if (isfinite(sr->y[i]) && isfinite(sr->y[i - 1])) {
			steps++;
			up += sr->y[i] > sr->y[i - 1];
		}
	return sr->stochastic && !sr->dashed && steps >= 500 && up * 10 >= steps * 3;
}

bool fig_conv_smoothed(const scene_conv *s, int k)
{
	return s->style.smooth > 0 || (s->style.smooth == 0 && series_noisy(&s->series[k]));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The running median of a series over a window of a few pixel columns, drawn as
 * the line, with the 10-90% quantiles of the window shaded under it: the trend
 * of a noisy curve instead of a solid band of noise. */
static void fig_series_band(fig_ctx *f, const scene_series *sr, const plot_scale *sx,
			    const plot_scale *sy, const plot_rect *pa, bool ylog)
{
	int nc = (int)pa->w, half = nc / 120 > 2 ? nc / 120 : 2;
	size_t *start = calloc((size_t)nc + 2, sizeof *start);
	double *val = malloc(sr->n * sizeof *val), *tmp = malloc(sr->n * sizeof *tmp);
	double *q = malloc(3 * (size_t)nc * sizeof *q);
	int *col = malloc(sr->n * sizeof *col);
	if (!start || !val || !tmp || !q || !col)
		goto out;
	/* points bucketed by pixel column (a counting sort), in log10 on a log axis */
	for (size_t i = 0; i < sr->n; i++) {
		double c = floor(plot_scale_fwd(sx, sr->x[i]) - pa->x), y = sr->y[i];
		col[i] = isfinite(c) && c >= 0 && c < nc && isfinite(y) && (!ylog || y > 0) ? (int)c : -1;
		if (col[i] >= 0)
			start[col[i] + 1]++;
	}
	for (int c = 0; c < nc; c++)
		start[c + 1] += start[c];
	for (size_t i = 0; i < sr->n; i++)
		if (col[i] >= 0)
			val[start[col[i]]++] = ylog ? log10(sr->y[i]) : sr->y[i];
	for (int c = nc; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	for (int c = 0; c < nc; c++) {
		size_t a = start[c - half < 0 ? 0 : c - half], b = start[c + half + 1 > nc ? nc : c + half + 1];
		q[3 * c] = NAN;
		if (start[c + 1] == start[c] || b == a)
			continue; /* no point of its own: no column */
		memcpy(tmp, val + a, (b - a) * sizeof *tmp);
		qsort(tmp, b - a, sizeof *tmp, cmp_double);
		size_t m = b - a;
		for (int k = 0; k < 3; k++) {
			double u = tmp[(size_t)((k == 0 ? 0.1 : k == 1 ? 0.5 : 0.9) * (double)(m - 1) + 0.5)];
			q[3 * c + k] = plot_scale_fwd(sy, ylog ? pow(10, u) : u);
		}
	}
	cairo_t *cr = f->cr;
	cmap_rgb rgb = fig_run_color(f, sr->color);
	for (int pass = 0; pass < 2; pass++) {
		bool on = false;
		for (int c = 0; c <= nc; c++) {
			bool ok = c < nc && isfinite(q[3 * c]);
			if (ok && !on)
				cairo_move_to(cr, pa->x + c + 0.5, q[3 * c + (pass ? 1 : 0)]);
			else if (ok)
				cairo_line_to(cr, pa->x + c + 0.5, q[3 * c + (pass ? 1 : 0)]);
			if (!pass && on && !ok) { /* close the band back along the upper quantile */
				for (int e = c - 1; e >= 0 && isfinite(q[3 * e]); e--)
					cairo_line_to(cr, pa->x + e + 0.5, q[3 * e + 2]);
				cairo_close_path(cr);
			}
			on = ok;
		}
		if (!pass) {
			fig_set_rgb(cr, rgb, 0.22);
			cairo_fill(cr);
		} else {
			fig_set_rgb(cr, rgb, 1);
			cairo_set_line_width(cr, f->lw_data);
			cairo_stroke(cr);
		}
	}
out:
	free(start), free(val), free(tmp), free(q), free(col);
}

/* The legend's entries; a series with nothing to draw says why (a feasible run's
 * violation is 0 throughout: nothing on a log axis, yet worth saying). */
static int conv_items(const scene_conv *s, fig_legend_item *it, char (*buf)[160])
{
	int n = 0;
	for (int k = 0; k < s->nseries && n < PLOT_LEGEND_MAX; k++) {
		const scene_series *sr = &s->series[k];
		if (!sr->label || !*sr->label || !sr->x || !sr->y || sr->n == 0)
			continue;
		bool zero = true, shown = false;
		for (size_t i = 0; i < sr->n; i++) {
			zero = zero && sr->y[i] == 0;
			shown = shown || (isfinite(sr->y[i]) && (!s->ylog || sr->y[i] > 0));
		}
		const char *label = sr->label;
		if (zero || !shown) {
			int cut = 120; /* at most, and not within a UTF-8 sequence */
			while (cut > 0 && (int)strlen(sr->label) > cut &&
			       ((unsigned char)sr->label[cut] & 0xC0) == 0x80)
				cut--;
			snprintf(buf[n], sizeof buf[n], "%.*s (%s)", cut, sr->label,
				 zero ? "0 throughout" : "nothing to draw");
			label = buf[n];
		}
		it[n++] = (fig_legend_item){label, scene_run_color(&s->style, sr->color), true, sr->dashed,
					    FIG_MARK_NONE};
	}
	return n;
}

/* Whole-number ticks on an iteration axis: a step under 1 says 2.5 iterations. */
static int conv_xticks(double x0, double x1, int target, bool integer, plot_ticks *xt)
{
	if (plot_ticks_linear(x0, x1, target, xt))
		return -1;
	if (!integer || xt->step >= 1)
		return 0;
	int k = 0;
	for (int i = 0; i < xt->n; i++)
		if (xt->t[i].value == floor(xt->t[i].value))
			xt->t[k++] = xt->t[i];
	xt->n = k, xt->step = 1;
	return 0;
}

int fig_conv_layout(fig_ctx *f, const scene_conv *s, double w, double h, fig_conv_lay *L)
{
	if (scene_conv_axes(s, &L->x0, &L->x1, &L->y0, &L->y1))
		return -1;
	int ty = (int)(h / (3.2 * f->tick_font)), tx = (int)(w / (7 * f->tick_font));
	if (s->ylog ? plot_ticks_log(L->y0, L->y1, ty > 2 ? ty : 2, &L->yt)
		    : plot_ticks_linear(L->y0, L->y1, ty > 2 ? ty : 2, &L->yt))
		return -1;
	bool iters = s->xlabel && strcmp(s->xlabel, "iteration") == 0;
	if (conv_xticks(L->x0, L->x1, tx > 2 ? tx : 2, iters, &L->xt))
		return -1;
	fig_axes_margins(f, &L->yt, s->xlabel, s->ylabel, s->title, &L->left, &L->bottom, &L->top);
	/* room for half of the last x label past the right edge */
	L->right = 3 * f->pad;
	const plot_ticks *xt = &L->xt;
	if (xt->n && xt->t[xt->n - 1].value >= L->x1 - (L->x1 - L->x0) * 0.02)
		L->right = fmax(L->right, fig_tick_width(f, &xt->t[xt->n - 1], f->tick_font) / 2 + f->pad);
	if (f->legend == SCENE_LEGEND_OUTSIDE) {
		fig_legend_item it[PLOT_LEGEND_MAX];
		char buf[PLOT_LEGEND_MAX][160];
		int n = conv_items(s, it, buf);
		double lw = 0, lh = 0;
		if (n)
			fig_legend_size(f, it, n, &lw, &lh);
		L->right = fmax(L->right, lw + 3 * f->pad);
	}
	return 0;
}

void fig_conv_render(fig_ctx *f, const scene_conv *s, const fig_conv_lay *L, const plot_rect *pa)
{
	cairo_t *cr = f->cr;
	plot_scale sx, sy;
	if (pa->w < 10 || pa->h < 10 || plot_scale_init(&sx, L->x0, L->x1, pa->x, pa->x + pa->w, false) ||
	    plot_scale_init(&sy, L->y0, L->y1, pa->y + pa->h, pa->y, s->ylog))
		return;
	char yl[200];
	const char *ylabel = s->ylabel;
	for (int k = 0; k < s->nseries && ylabel == s->ylabel; k++)
		if (ylabel && fig_conv_smoothed(s, k)) {
			snprintf(yl, sizeof yl, "%.120s (running median, 10\xe2\x80\x93" "90%%)", s->ylabel);
			ylabel = yl;
		}
	fig_axes ax = {*pa, sx, sy, &L->xt, &L->yt, s->style.grid >= 0, s->xlabel, ylabel, s->title};
	if (ax.grid)
		fig_axes_grid(f, &ax);
	size_t nmax = 0;
	for (int k = 0; k < s->nseries; k++)
		if (s->series[k].n > nmax)
			nmax = s->series[k].n;
	size_t *keep = nmax ? malloc(nmax * sizeof *keep) : NULL;
	cairo_save(cr);
	cairo_rectangle(cr, pa->x, pa->y, pa->w, pa->h);
	cairo_clip(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (int k = 0; keep && k < s->nseries; k++) {
		const scene_series *sr = &s->series[k];
		if (!sr->x || !sr->y || sr->n == 0)
			continue;
		if (fig_conv_smoothed(s, k)) {
			fig_series_band(f, sr, &sx, &sy, pa, s->ylog);
			continue;
		}
		if (sr->path) {
			fig_series_trajectory(f, sr, &sx, &sy);
			continue;
		}
		fig_series_path(cr, sr, &sx, &sy, keep);
		fig_set_rgb(cr, fig_run_color(f, sr->color), 1);
		cairo_set_line_width(cr, f->lw_data);
		if (sr->dashed) {
			double d[2] = {6 * f->s, 4 * f->s};
			cairo_set_dash(cr, d, 2, 0);
		}
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	fig_legend_item it[PLOT_LEGEND_MAX];
	char buf[PLOT_LEGEND_MAX][160];
	int n = conv_items(s, it, buf);
	if (n && f->legend != SCENE_LEGEND_OUTSIDE) {
		double lw, lh, inset = 0.6 * f->legend_font;
		fig_legend_size(f, it, n, &lw, &lh);
		size_t count[4] = {0};
		for (int k = 0; keep && k < s->nseries; k++) {
			const scene_series *sr = &s->series[k];
			size_t nk = sr->x && sr->y ? plot_decimate(sr->x, sr->y, sr->n, &sx, keep) : 0;
			double px0 = NAN, py0 = NAN;
			for (size_t q = 0; q < nk; q++) {
				double px = plot_scale_fwd(&sx, sr->x[keep[q]]);
				double py = plot_scale_fwd(&sy, sr->y[keep[q]]);
				if (q > 0)
					fig_count_segment(pa, lw + inset, lh + inset, px0, py0, px, py, count);
				else
					plot_corner_count(pa, lw + inset, lh + inset, &px, &py, 1, count);
				px0 = px, py0 = py;
			}
		}
		fig_legend_draw(f, it, n, pa, count, 0);
	}
	cairo_restore(cr);
	if (n && f->legend == SCENE_LEGEND_OUTSIDE)
		fig_legend_draw(f, it, n, pa, NULL, pa->x + pa->w + 2 * f->pad);
	free(keep);
	fig_axes_draw(f, &ax);
}

void fig_draw_convergence(cairo_t *cr, double x, double y, double w, double h, double scale,
			  const scene_conv *s)
{
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	fig_ctx_style(&f, &s->style);
	fig_conv_lay L;
	if (fig_conv_layout(&f, s, w, h, &L) == 0) {
		plot_rect pa = {round(x + L.left), round(y + L.top), round(w - L.left - L.right),
				round(h - L.top - L.bottom)};
		fig_conv_render(&f, s, &L, &pa);
	}
	fig_ctx_fini(&f);
	cairo_restore(cr);
}
