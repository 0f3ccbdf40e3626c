/* plot: scales, clipping, decimation and legend layout. */
#include "plot.h"

#include <math.h>
#include <string.h>

int plot_scale_init(plot_scale *s, double d0, double d1, double p0, double p1, bool log)
{
	if (!isfinite(d0) || !isfinite(d1) || !isfinite(p0) || !isfinite(p1) || d0 == d1)
		return -1;
	if (log && (d0 <= 0 || d1 <= 0))
		return -1;
	double u0 = log ? log10(d0) : d0, u1 = log ? log10(d1) : d1;
	if (u0 == u1 || !isfinite(u1 - u0))
		return -1;
	*s = (plot_scale){.d0 = d0, .d1 = d1, .p0 = p0, .p1 = p1, .log = log};
	s->a = (p1 - p0) / (u1 - u0);
	s->b = p0 - s->a * u0;
	return 0;
}

double plot_scale_fwd(const plot_scale *s, double v)
{
	if (s->log)
		return v > 0 ? s->a * log10(v) + s->b : NAN;
	return s->a * v + s->b;
}

double plot_scale_inv(const plot_scale *s, double p)
{
	double u = (p - s->b) / s->a;
	return s->log ? pow(10, u) : u;
}

/* Liang-Barsky: the segment is P + t D, t in [0, 1]; each border cuts t. D is
 * taken in halves so that no finite ends overflow it, and the clipped ends are
 * clamped into the rectangle: far from it, the rounding of P + t D (of the
 * order of the ulp of P) can leave it by more than its size. */
bool plot_clip_segment(double *x0, double *y0, double *x1, double *y1, double xmin, double ymin,
		       double xmax, double ymax)
{
	if (!isfinite(*x0) || !isfinite(*y0) || !isfinite(*x1) || !isfinite(*y1))
		return false;
	if (!(xmin <= xmax) || !(ymin <= ymax))
		return false;
	double hx = *x1 / 2 - *x0 / 2, hy = *y1 / 2 - *y0 / 2;
	double p[4] = {-hx, hx, -hy, hy};
	double q[4] = {*x0 / 2 - xmin / 2, xmax / 2 - *x0 / 2, *y0 / 2 - ymin / 2,
		       ymax / 2 - *y0 / 2};
	double t0 = 0, t1 = 1, edge[4] = {xmin, xmax, ymin, ymax};
	int e0 = -1, e1 = -1; /* the edges that cut the ends */
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return false;
			continue;
		}
		double r = q[i] / p[i];
		if (p[i] < 0) {
			if (r > t1)
				return false;
			if (r > t0)
				t0 = r, e0 = i;
		} else {
			if (r < t0)
				return false;
			if (r < t1)
				t1 = r, e1 = i;
		}
	}
	double ax = *x0, ay = *y0;
	if (e0 >= 0) {
		*x0 = e0 < 2 ? edge[e0] : ax + 2 * (t0 * hx);
		*y0 = e0 >= 2 ? edge[e0] : ay + 2 * (t0 * hy);
	}
	if (e1 >= 0) {
		*x1 = e1 < 2 ? edge[e1] : ax + 2 * (t1 * hx);
		*y1 = e1 >= 2 ? edge[e1] : ay + 2 * (t1 * hy);
	}
	*x0 = fmin(fmax(*x0, xmin), xmax), *y0 = fmin(fmax(*y0, ymin), ymax);
	*x1 = fmin(fmax(*x1, xmin), xmax), *y1 = fmin(fmax(*y1, ymin), ymax);
	return true;
}

static bool plot_finite2(const double *x, const double *y, size_t i)
{
	return isfinite(x[i]) && isfinite(y[i]);
}

size_t plot_decimate(const double *x, const double *y, size_t n, const plot_scale *sx,
		     size_t *keep)
{
	size_t out = 0, i = 0;
	while (i < n) {
		double c = plot_finite2(x, y, i) ? floor(plot_scale_fwd(sx, x[i])) : NAN;
		if (!isfinite(c)) {
			keep[out++] = i++;
			continue;
		}
		size_t j = i, lo = i, hi = i;
		while (j + 1 < n && plot_finite2(x, y, j + 1) &&
		       floor(plot_scale_fwd(sx, x[j + 1])) == c) {
			j++;
			if (y[j] < y[lo])
				lo = j;
			if (y[j] > y[hi])
				hi = j;
		}
		/* first, lowest, highest, last: in index order, without repeats */
		size_t v[4] = {i, lo < hi ? lo : hi, lo < hi ? hi : lo, j};
		for (int k = 0; k < 4; k++)
			if (out == 0 || keep[out - 1] < v[k])
				keep[out++] = v[k];
		i = j + 1;
	}
	return out;
}

int plot_legend_layout(plot_legend *lg, int n, const char *const *labels,
		       plot_text_width_fn width, void *ctx, const plot_legend_style *st)
{
	memset(lg, 0, sizeof *lg);
	if (n > PLOT_LEGEND_MAX)
		n = PLOT_LEGEND_MAX;
	if (n <= 0)
		return 0;
	int rows = n;
	if (st->max_h > 0 && st->line_h > 0) {
		int fit = (int)((st->max_h - 2 * st->pad) / st->line_h);
		if (fit < 1)
			fit = 1;
		if (fit < rows)
			rows = fit;
	}
	int cols = (n + rows - 1) / rows;
	double x = st->pad;
	for (int c = 0; c < cols; c++) {
		double tw = 0;
		for (int r = 0; r < rows && c * rows + r < n; r++) {
			const char *s = labels[c * rows + r];
			double w = s ? width(ctx, s) : 0;
			if (w > tw)
				tw = w;
		}
		for (int r = 0; r < rows && c * rows + r < n; r++) {
			int i = c * rows + r;
			double y = st->pad + r * st->line_h;
			lg->swatch[i] = (plot_rect){x, y, st->swatch_w, st->line_h};
			lg->text_x[i] = x + st->swatch_w + st->gap;
			lg->text_y[i] = y + st->line_h / 2;
		}
		x += st->swatch_w + st->gap + tw + (c + 1 < cols ? 2 * st->gap : 0);
	}
	lg->n = n;
	lg->columns = cols;
	lg->w = x + st->pad;
	lg->h = 2 * st->pad + rows * st->line_h;
	return n;
}

void plot_corner_count(const plot_rect *area, double w, double h, const double *px,
		       const double *py, size_t n, size_t count[4])
{
	double xl = area->x, xr = area->x + area->w, yt = area->y, yb = area->y + area->h;
	for (size_t i = 0; i < n; i++) {
		double x = px[i], y = py[i];
		if (!isfinite(x) || !isfinite(y))
			continue;
		bool right = x >= xr - w && x <= xr, left = x >= xl && x <= xl + w;
		bool top = y >= yt && y <= yt + h, bottom = y >= yb - h && y <= yb;
		count[0] += right && top;
		count[1] += left && top;
		count[2] += left && bottom;
		count[3] += right && bottom;
	}
}

int plot_corner_best(const size_t count[4])
{
	int best = 0;
	for (int i = 1; i < 4; i++)
		if (count[i] < count[best])
			best = i;
	return best;
}
