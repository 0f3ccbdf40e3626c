/* fig_axes: text, tick labels with superscripts, axes, markers and legends. */
#include "fig_int.h"
#include "fig_svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FIG_CAP 0.73 /* DejaVu Sans cap height, em */

void fig_ctx_init(fig_ctx *f, cairo_t *cr, double s)
{
	f->cr = cr;
	f->s = s;
	f->tick_font = 13 * s;
	f->label_font = 14.5 * s;
	f->title_font = 16 * s;
	f->legend_font = 12.5 * s;
	f->lw_axis = fmax(1, round(1.0 * s));
	f->tick_len = round(5 * s);
	f->pad = round(4 * s);
	f->lw_data = 1.8 * s;
	f->legend = SCENE_LEGEND_BEST;
	f->style = NULL;
	f->face = cairo_toy_font_face_create(FIG_FONT, CAIRO_FONT_SLANT_NORMAL,
					     CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_face(cr, f->face);
}

void fig_ctx_style(fig_ctx *f, const scene_style *st)
{
	double k = st->font_scale > 0 ? st->font_scale : 1;
	f->tick_font *= k, f->label_font *= k, f->title_font *= k, f->legend_font *= k;
	f->lw_data = 1.8 * f->s * (st->line_scale > 0 ? st->line_scale : 1);
	f->legend = st->legend;
	f->style = st;
}

cmap_rgb fig_run_color(const fig_ctx *f, int i)
{
	return scene_run_color(f->style, i);
}

void fig_count_segment(const plot_rect *pa, double w, double h, double x0, double y0, double x1,
		       double y1, size_t count[4])
{
	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
		return;
	double len = hypot(x1 - x0, y1 - y0);
	int n = len > 3 ? (int)fmin(len / 3, 4000) : 1; /* a sample every 3 pixels */
	for (int i = 0; i <= n; i++) {
		double x = x0 + (x1 - x0) * i / n, y = y0 + (y1 - y0) * i / n;
		plot_corner_count(pa, w, h, &x, &y, 1, count);
	}
}

void fig_ctx_fini(fig_ctx *f)
{
	cairo_font_face_destroy(f->face);
	f->face = NULL;
}

void fig_set_rgb(cairo_t *cr, cmap_rgb c, double alpha)
{
	cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

double fig_snap(double v, double lw)
{
	return ((int)lw % 2) ? floor(v) + 0.5 : round(v);
}

/* S as Cairo takes it: valid UTF-8. A byte that is not (a Latin-1 letter in a script)
 * becomes U+FFFD, as Cairo refuses a bad string and then draws nothing more on the page.
 * Returns S when it is valid, else BUF. */
static const char *fig_utf8(const char *s, char *buf, size_t cap)
{
	size_t n = strlen(s), i = 0, o = 0;
	while (i < n && fig_utf8_len((const unsigned char *)s + i, n - i))
		i += fig_utf8_len((const unsigned char *)s + i, n - i);
	if (i == n)
		return s;
	for (i = 0; i < n && o + 4 < cap;) {
		size_t k = fig_utf8_len((const unsigned char *)s + i, n - i);
		if (k == 0)
			memcpy(buf + o, "\xef\xbf\xbd", 3), o += 3, i++;
		else
			memcpy(buf + o, s + i, k), o += k, i += k;
	}
	buf[o] = 0;
	return buf;
}

double fig_text_width(fig_ctx *f, const char *s, double size)
{
	char fix[1024];
	s = fig_utf8(s, fix, sizeof fix);
	cairo_text_extents_t e;
	cairo_set_font_size(f->cr, size);
	cairo_text_extents(f->cr, s, &e);
	return e.x_advance;
}

/* Every piece of a figure's text goes through fig_text or fig_tick_text: an SVG
 * page collects it as text elements, other surfaces draw it here. */
void fig_text(fig_ctx *f, const char *s, double size, double x, double y, double ha, double va)
{
	char fix[1024];
	s = fig_utf8(s, fix, sizeof fix);
	double base = y + (1 - va) * FIG_CAP * size;
	if (fig_svg_text_add(f->cr, s, size, x, base, ha, NULL, 0, 0, 0))
		return;
	double w = fig_text_width(f, s, size);
	cairo_move_to(f->cr, x - ha * w, base);
	cairo_show_text(f->cr, s);
}

/* The label with typographic minus signs (U+2212). */
static void fig_minus(const char *in, char *out, size_t size)
{
	size_t n = 0;
	for (; *in && n + 4 < size; in++) {
		if (*in == '-') {
			memcpy(out + n, "\xe2\x88\x92", 3);
			n += 3;
		} else {
			out[n++] = *in;
		}
	}
	out[n] = 0;
}

/* Parts of a tick label: base text and exponent (empty for a plain label). */
static void fig_tick_parts(const plot_tick *t, char *base, char *exp, size_t size)
{
	char b[64];
	if (!t->sci) {
		fig_minus(t->label, base, size);
		exp[0] = 0;
		return;
	}
	if (strcmp(t->mant, "1") == 0)
		snprintf(b, sizeof b, "10");
	else if (strcmp(t->mant, "-1") == 0)
		snprintf(b, sizeof b, "-10");
	else
		snprintf(b, sizeof b, "%s\xc3\x97" "10", t->mant);
	fig_minus(b, base, size);
	snprintf(b, sizeof b, "%d", t->exp);
	fig_minus(b, exp, size);
}

#define FIG_SUP 0.72 /* superscript size, of the base size */

double fig_tick_width(fig_ctx *f, const plot_tick *t, double size)
{
	char base[96], exp[32];
	fig_tick_parts(t, base, exp, sizeof exp);
	double w = fig_text_width(f, base, size);
	if (exp[0])
		w += 0.05 * size + fig_text_width(f, exp, FIG_SUP * size);
	return w;
}

void fig_tick_text(fig_ctx *f, const plot_tick *t, double size, double x, double y, double ha,
		   double va)
{
	char base[96], exp[32];
	fig_tick_parts(t, base, exp, sizeof exp);
	double bl = y + (1 - va) * FIG_CAP * size;
	if (fig_svg_text_add(f->cr, base, size, x, bl, ha, exp, FIG_SUP * size, 0.05 * size,
			     0.42 * size))
		return;
	double w = fig_tick_width(f, t, size);
	double x0 = x - ha * w;
	cairo_set_font_size(f->cr, size);
	cairo_move_to(f->cr, x0, bl);
	cairo_show_text(f->cr, base);
	if (exp[0]) {
		double bw = fig_text_width(f, base, size);
		cairo_set_font_size(f->cr, FIG_SUP * size);
		cairo_move_to(f->cr, x0 + bw + 0.05 * size, bl - 0.42 * size);
		cairo_show_text(f->cr, exp);
	}
}

double fig_ticks_width(fig_ctx *f, const plot_ticks *tk, double size)
{
	double w = 0;
	for (int i = 0; i < tk->n; i++)
		if (tk->t[i].major)
			w = fmax(w, fig_tick_width(f, &tk->t[i], size));
	return w;
}

static bool fig_has_sup(const plot_ticks *tk)
{
	for (int i = 0; i < tk->n; i++)
		if (tk->t[i].major && tk->t[i].sci)
			return true;
	return false;
}

void fig_axes_margins(fig_ctx *f, const plot_ticks *yt, const char *xlabel, const char *ylabel,
		      const char *title, double *left, double *bottom, double *top)
{
	*left = fig_ticks_width(f, yt, f->tick_font) + f->tick_len + f->pad + 2 * f->pad;
	if (ylabel && *ylabel)
		*left += f->label_font * 1.2 + f->pad;
	*bottom = f->tick_len + f->pad + f->tick_font * 1.25 + 2 * f->pad;
	if (xlabel && *xlabel)
		*bottom += f->label_font * 1.3;
	*top = title && *title ? f->title_font * 2 : f->tick_font + f->pad;
}

void fig_axes_grid(fig_ctx *f, const fig_axes *ax)
{
	cairo_t *cr = f->cr;
	const plot_rect *pa = &ax->pa;
	double lw = fmax(1, round(0.8 * f->s));
	cairo_save(cr);
	cairo_set_line_width(cr, lw);
	for (int pass = 0; pass < 2; pass++) {
		/* minor lines first and lighter, majors over them */
		cairo_set_source_rgb(cr, pass ? 0.86 : 0.94, pass ? 0.86 : 0.94, pass ? 0.86 : 0.94);
		for (int i = 0; i < ax->yt->n; i++) {
			const plot_tick *t = &ax->yt->t[i];
			if (t->major != (pass == 1))
				continue;
			double y = plot_scale_fwd(&ax->sy, t->value);
			if (!isfinite(y) || y < pa->y + 1 || y > pa->y + pa->h - 1)
				continue;
			y = fig_snap(y, lw);
			cairo_move_to(cr, pa->x, y);
			cairo_line_to(cr, pa->x + pa->w, y);
		}
		for (int i = 0; pass == 1 && i < ax->xt->n; i++) {
			double x = plot_scale_fwd(&ax->sx, ax->xt->t[i].value);
			if (!isfinite(x) || x < pa->x + 1 || x > pa->x + pa->w - 1)
				continue;
			x = fig_snap(x, lw);
			cairo_move_to(cr, x, pa->y);
			cairo_line_to(cr, x, pa->y + pa->h);
		}
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

void fig_axes_draw(fig_ctx *f, const fig_axes *ax)
{
	cairo_t *cr = f->cr;
	const plot_rect *pa = &ax->pa;
	double lw = f->lw_axis;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, lw);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	double x0 = fig_snap(pa->x, lw), x1 = fig_snap(pa->x + pa->w, lw);
	double y0 = fig_snap(pa->y, lw), y1 = fig_snap(pa->y + pa->h, lw);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	double lx = pa->x - f->tick_len - f->pad, last_right = -1e300;
	for (int i = 0; i < ax->yt->n; i++) {
		const plot_tick *t = &ax->yt->t[i];
		double y = plot_scale_fwd(&ax->sy, t->value);
		if (!isfinite(y) || y < pa->y - 0.5 || y > pa->y + pa->h + 0.5)
			continue;
		double len = t->major ? f->tick_len : 0.55 * f->tick_len;
		double ys = fig_snap(y, lw);
		cairo_move_to(cr, x0, ys);
		cairo_line_to(cr, x0 - len, ys);
		cairo_stroke(cr);
		if (t->major)
			fig_tick_text(f, t, f->tick_font, lx, y, 1, 0.5);
	}
	double ly = pa->y + pa->h + f->tick_len + f->pad;
	if (fig_has_sup(ax->xt))
		ly += 0.3 * f->tick_font;
	for (int i = 0; i < ax->xt->n; i++) {
		const plot_tick *t = &ax->xt->t[i];
		double x = plot_scale_fwd(&ax->sx, t->value);
		if (!isfinite(x) || x < pa->x - 0.5 || x > pa->x + pa->w + 0.5)
			continue;
		double len = t->major ? f->tick_len : 0.55 * f->tick_len;
		double xs = fig_snap(x, lw);
		cairo_move_to(cr, xs, y1);
		cairo_line_to(cr, xs, y1 + len);
		cairo_stroke(cr);
		if (!t->major)
			continue;
		double w = fig_tick_width(f, t, f->tick_font);
		if (x - w / 2 < last_right + 0.6 * f->tick_font)
			continue; /* would touch the previous label */
		fig_tick_text(f, t, f->tick_font, x, ly, 0.5, 0);
		last_right = x + w / 2;
	}
	if (ax->xlabel && *ax->xlabel)
		fig_text(f, ax->xlabel, f->label_font, pa->x + pa->w / 2,
			 ly + f->tick_font * 1.25 + f->pad, 0.5, 0);
	if (ax->ylabel && *ax->ylabel) {
		double yw = fig_ticks_width(f, ax->yt, f->tick_font);
		cairo_save(cr);
		cairo_translate(cr, lx - yw - f->pad - 0.25 * f->label_font, pa->y + pa->h / 2);
		cairo_rotate(cr, -FIG_PI / 2);
		fig_text(f, ax->ylabel, f->label_font, 0, 0, 0.5, 1);
		cairo_restore(cr);
	}
	if (ax->title && *ax->title)
		fig_text(f, ax->title, f->title_font, pa->x + pa->w / 2, pa->y - 0.7 * f->title_font,
			 0.5, 1);
	cairo_restore(cr);
}

/* Cairo coordinates are 24.8 fixed point: far ones wrap around. */
#define FIG_MARGIN 64.0

void fig_pen_to(cairo_t *cr, fig_pen *pen, const plot_scale *sx, const plot_scale *sy, double x,
		double y)
{
	double px = pen->x, py = pen->y, ax = px, ay = py, bx = x, by = y;
	double xmin = fmin(sx->p0, sx->p1) - FIG_MARGIN, xmax = fmax(sx->p0, sx->p1) + FIG_MARGIN;
	double ymin = fmin(sy->p0, sy->p1) - FIG_MARGIN, ymax = fmax(sy->p0, sy->p1) + FIG_MARGIN;
	bool down = pen->down;
	pen->x = x, pen->y = y, pen->down = false;
	if (!isfinite(x) || !isfinite(y))
		return; /* a break */
	if (!isfinite(px) || !isfinite(py)) {
		/* the first point of a piece: the path starts there when it is in range */
		pen->down = x >= xmin && x <= xmax && y >= ymin && y <= ymax;
		if (pen->down)
			cairo_move_to(cr, x, y);
		return;
	}
	if (!plot_clip_segment(&ax, &ay, &bx, &by, xmin, ymin, xmax, ymax))
		return;
	if (!down || ax != px || ay != py)
		cairo_move_to(cr, ax, ay); /* the segment comes in from far away */
	cairo_line_to(cr, bx, by);
	pen->down = bx == x && by == y; /* it ends where the next one starts */
}

void fig_marker_draw(fig_ctx *f, fig_marker m, double x, double y, cmap_rgb col)
{
	cairo_t *cr = f->cr;
	double s = f->s;
	if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e6 || fabs(y) > 1e6)
		return; /* off the figure, or beyond cairo's fixed point */
	cairo_save(cr);
	cairo_new_path(cr);
	switch (m) {
	case FIG_MARK_START:
		cairo_arc(cr, x, y, 4 * s, 0, 2 * FIG_PI);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		fig_set_rgb(cr, col, 1);
		cairo_set_line_width(cr, 1.8 * s);
		cairo_stroke(cr);
		break;
	case FIG_MARK_END:
		cairo_arc(cr, x, y, 4.8 * s, 0, 2 * FIG_PI);
		fig_set_rgb(cr, col, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 1.3 * s);
		cairo_stroke(cr);
		break;
	case FIG_MARK_STAR:
		for (int k = 0; k < 10; k++) {
			double r = (k % 2 ? 0.45 : 1) * 8 * s, a = -FIG_PI / 2 + k * FIG_PI / 5;
			if (k == 0)
				cairo_move_to(cr, x + r * cos(a), y + r * sin(a));
			else
				cairo_line_to(cr, x + r * cos(a), y + r * sin(a));
		}
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 1.1 * s);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke(cr);
		break;
	case FIG_MARK_TRIAL: /* white under the outline: visible over the end marker too */
		cairo_move_to(cr, x, y - 6.5 * s);
		cairo_line_to(cr, x + 6.5 * s, y);
		cairo_line_to(cr, x, y + 6.5 * s);
		cairo_line_to(cr, x - 6.5 * s, y);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 3.6 * s);
		cairo_stroke_preserve(cr);
		fig_set_rgb(cr, col, 1);
		cairo_set_line_width(cr, 1.6 * s);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke(cr);
		break;
	case FIG_MARK_REFUSED:
		cairo_move_to(cr, x - 4.5 * s, y - 4.5 * s);
		cairo_line_to(cr, x + 4.5 * s, y + 4.5 * s);
		cairo_move_to(cr, x + 4.5 * s, y - 4.5 * s);
		cairo_line_to(cr, x - 4.5 * s, y + 4.5 * s);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 4.4 * s);
		cairo_stroke_preserve(cr);
		fig_set_rgb(cr, col, 1);
		cairo_set_line_width(cr, 2.0 * s);
		cairo_stroke(cr);
		break;
	case FIG_MARK_NONE:
		break;
	}
	cairo_restore(cr);
}

static double fig_legend_text_width(void *ctx, const char *text)
{
	fig_ctx *f = ctx;
	return fig_text_width(f, text, f->legend_font);
}

static void fig_legend_layout(fig_ctx *f, const fig_legend_item *it, int n, plot_legend *lg)
{
	const char *labels[PLOT_LEGEND_MAX];
	int k = n < PLOT_LEGEND_MAX ? n : PLOT_LEGEND_MAX;
	for (int i = 0; i < k; i++)
		labels[i] = it[i].label;
	double fs = f->legend_font;
	plot_legend_style st = {.line_h = 1.5 * fs, .swatch_w = 2.4 * fs, .gap = 0.6 * fs,
				.pad = 0.55 * fs};
	plot_legend_layout(lg, k, labels, fig_legend_text_width, f, &st);
}

void fig_legend_size(fig_ctx *f, const fig_legend_item *it, int n, double *w, double *h)
{
	plot_legend lg;
	fig_legend_layout(f, it, n, &lg);
	*w = lg.w, *h = lg.h;
}

static void fig_legend_box(fig_ctx *f, const fig_legend_item *it, int n, const plot_rect *pa,
			   const size_t count[4], double out_x);

void fig_legend_draw(fig_ctx *f, const fig_legend_item *it, int n, const plot_rect *pa,
		     const size_t count[4], double out_x)
{
	if (n <= 0 || f->legend == SCENE_LEGEND_NONE)
		return;
	double font = f->legend_font, room = pa->w - 1.2 * font, w, h;
	if (f->legend != SCENE_LEGEND_OUTSIDE) {
		/* wider than the plot (a long bound formula): smaller text, down to 60% */
		fig_legend_size(f, it, n, &w, &h);
		if (w > room && room > 0)
			f->legend_font = font * fmax(0.6, 0.98 * room / w);
	}
	fig_legend_box(f, it, n, pa, count, out_x);
	f->legend_font = font;
}

static void fig_legend_box(fig_ctx *f, const fig_legend_item *it, int n, const plot_rect *pa,
			   const size_t count[4], double out_x)
{
	cairo_t *cr = f->cr;
	plot_legend lg;
	fig_legend_layout(f, it, n, &lg);
	double inset = 0.6 * f->legend_font;
	double xl = pa->x + inset, xr = pa->x + pa->w - inset - lg.w, xc = pa->x + (pa->w - lg.w) / 2;
	double yt = pa->y + inset, yb = pa->y + pa->h - inset - lg.h, yc = pa->y + (pa->h - lg.h) / 2;
	double x = xr, y = yt;
	switch (f->legend) {
	case SCENE_LEGEND_BEST: {
		int corner = plot_corner_best(count);
		x = corner == 1 || corner == 2 ? xl : xr;
		y = corner <= 1 ? yt : yb;
		break;
	}
	case SCENE_LEGEND_N: x = xc, y = yt; break;
	case SCENE_LEGEND_NE: x = xr, y = yt; break;
	case SCENE_LEGEND_E: x = xr, y = yc; break;
	case SCENE_LEGEND_SE: x = xr, y = yb; break;
	case SCENE_LEGEND_S: x = xc, y = yb; break;
	case SCENE_LEGEND_SW: x = xl, y = yb; break;
	case SCENE_LEGEND_W: x = xl, y = yc; break;
	case SCENE_LEGEND_NW: x = xl, y = yt; break;
	case SCENE_LEGEND_OUTSIDE: x = out_x, y = pa->y; break;
	default: break;
	}
	x = round(x), y = round(y);
	cairo_save(cr);
	double r = 0.3 * f->legend_font, w = round(lg.w), h = round(lg.h);
	double lw = fmax(1, round(0.8 * f->s));
	double bx = fig_snap(x, lw), by = fig_snap(y, lw);
	cairo_new_sub_path(cr);
	cairo_arc(cr, bx + w - r, by + r, r, -FIG_PI / 2, 0);
	cairo_arc(cr, bx + w - r, by + h - r, r, 0, FIG_PI / 2);
	cairo_arc(cr, bx + r, by + h - r, r, FIG_PI / 2, FIG_PI);
	cairo_arc(cr, bx + r, by + r, r, FIG_PI, 1.5 * FIG_PI);
	cairo_close_path(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	for (int i = 0; i < lg.n; i++) {
		const plot_rect *sw = &lg.swatch[i];
		double cy = y + sw->y + sw->h / 2;
		if (it[i].line) {
			fig_set_rgb(cr, it[i].col, 1);
			cairo_set_line_width(cr, 2 * f->s);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
			if (it[i].dashed) {
				double d[2] = {5 * f->s, 3 * f->s};
				cairo_set_dash(cr, d, 2, 0);
			}
			cairo_move_to(cr, x + sw->x, cy);
			cairo_line_to(cr, x + sw->x + sw->w, cy);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
		fig_marker_draw(f, it[i].marker, x + sw->x + sw->w / 2, cy, it[i].col);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		fig_text(f, it[i].label, f->legend_font, x + lg.text_x[i], y + lg.text_y[i], 0, 0.5);
	}
	cairo_restore(cr);
}
