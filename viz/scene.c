/* scene: ranges of the data in a scene. */
#include "scene.h"

#include <math.h>
#include <strings.h>

int scene_field_range(const scene_field *s, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY;
	size_t n = s->values && s->w > 0 && s->h > 0 ? (size_t)s->w * s->h : 0;
	for (size_t i = 0; i < n; i++) {
		double v = s->values[i];
		if (!isfinite(v) || (s->log_color && v <= 0))
			continue;
		if (v < a)
			a = v;
		if (v > b)
			b = v;
	}
	if (isfinite(s->vmin) && (!s->log_color || s->vmin > 0))
		a = s->vmin;
	if (isfinite(s->vmax) && (!s->log_color || s->vmax > 0))
		b = s->vmax;
	if (!(a <= b) || !isfinite(a) || !isfinite(b))
		return -1;
	*lo = a, *hi = b;
	return 0;
}

int scene_conv_range(const scene_conv *s, double *x0, double *x1, double *y0, double *y1)
{
	double xa = INFINITY, xb = -INFINITY, ya = INFINITY, yb = -INFINITY;
	for (int k = 0; k < s->nseries; k++) {
		const scene_series *r = &s->series[k];
		for (size_t i = 0; r->x && r->y && i < r->n; i++) {
			double x = r->x[i], y = r->y[i];
			if (!isfinite(x) || !isfinite(y) || (s->ylog && y <= 0))
				continue;
			xa = x < xa ? x : xa, xb = x > xb ? x : xb;
			ya = y < ya ? y : ya, yb = y > yb ? y : yb;
		}
	}
	if (!(xa <= xb) || !(ya <= yb))
		return -1;
	*x0 = xa, *x1 = xb, *y0 = ya, *y1 = yb;
	return 0;
}

static int conv_axes_auto(const scene_conv *s, double *x0, double *x1, double *y0, double *y1);

/* ORDER scene_legend */
static const char *const legend_names[SCENE_LEGEND_COUNT] = {
	"best", "n", "ne", "e", "se", "s", "sw", "w", "nw", "outside", "none"};

int scene_legend_from_name(const char *name)
{
	for (int k = 0; k < SCENE_LEGEND_COUNT; k++)
		if (strcasecmp(name, legend_names[k]) == 0)
			return k;
	return -1;
}

const char *scene_legend_name(scene_legend l)
{
	return (unsigned)l < SCENE_LEGEND_COUNT ? legend_names[l] : "?";
}

static bool lim_set(const double *v)
{
	return isfinite(v[0]) && isfinite(v[1]) && v[0] < v[1];
}

int scene_conv_axes(const scene_conv *s, double *x0, double *x1, double *y0, double *y1)
{
	bool xs = lim_set(s->xlim), ys = lim_set(s->ylim) && (!s->ylog || s->ylim[0] > 0);
	if (scene_conv_range(s, x0, x1, y0, y1)) {
		/* nothing to draw (a feasible run's violation, 0 on a log axis): empty axes
		 * over the iterations, so that the legend can say why, not a blank page */
		double xa = INFINITY, xb = -INFINITY;
		for (int k = 0; k < s->nseries; k++)
			for (size_t i = 0; s->series[k].x && i < s->series[k].n; i++)
				if (isfinite(s->series[k].x[i]))
					xa = fmin(xa, s->series[k].x[i]), xb = fmax(xb, s->series[k].x[i]);
		if (!(xa <= xb))
			return -1; /* no series at all */
		*x0 = xs ? s->xlim[0] : xa, *x1 = xs ? s->xlim[1] : fmax(xb, xa + 1);
		*y0 = ys ? s->ylim[0] : s->ylog ? 0.1 : -1, *y1 = ys ? s->ylim[1] : s->ylog ? 10 : 1;
		return 0;
	}
	int rc = conv_axes_auto(s, x0, x1, y0, y1);
	if (xs)
		*x0 = s->xlim[0], *x1 = s->xlim[1];
	if (ys)
		*y0 = s->ylim[0], *y1 = s->ylim[1];
	return xs && ys ? 0 : rc;
}

static int conv_axes_auto(const scene_conv *s, double *x0, double *x1, double *y0, double *y1)
{
	if (*x1 <= *x0)
		*x1 = *x0 + fmax(1, fabs(*x0) * 1e-9);
	if (s->ylog && *y1 < *y0 * 100) {
		/* under two decades: tight, padded by 5% of the span (f from 999 to 976
		 * fills the panel instead of a sliver of a decade) */
		double pad = *y1 > *y0 ? pow(*y1 / *y0, 0.05) : 2;
		*y0 /= pad, *y1 *= pad;
		return *y1 > *y0 && *y0 > 0 && isfinite(*y1) ? 0 : -1;
	}
	if (s->ylog) {
		/* whole decades that are doubles (1e-323 .. 1e308), at least one */
		double e0 = fmin(fmax(floor(log10(*y0) + 1e-9), -323), 307);
		double e1 = fmin(fmax(ceil(log10(*y1) - 1e-9), e0 + 1), 308);
		*y0 = pow(10, e0), *y1 = pow(10, e1);
		return 0;
	}
	/* padded in halves, so that no finite range overflows; ticks stay doubles */
	double a = *y0, b = *y1;
	double pad = b > a ? (b / 2 - a / 2) * 0.1 : a - 0.5 == a ? fabs(a) * 0.1 : 0.5;
	*y0 = fmax(a - pad, -1e306), *y1 = fmin(b + pad, 1e306);
	return *y1 > *y0 ? 0 : -1;
}

void scene_field_norm(const scene_field *s, double lo, double hi, double *t)
{
	size_t n = (size_t)s->w * s->h;
	bool lg = s->log_color && lo > 0 && hi > 0;
	double a = lg ? log10(lo) : lo, b = lg ? log10(hi) : hi;
	double k = b > a ? 1 / (b - a) : 0;
	for (size_t i = 0; i < n; i++) {
		double v = s->values[i];
		if (lg)
			v = v > 0 ? log10(v) : NAN;
		t[i] = k > 0 ? (v - a) * k : (isnan(v) ? NAN : 0.5);
	}
}

double scene_grid_sample(const double *g, int w, int h, double gx, double gy)
{
	if (isnan(gx) || isnan(gy))
		return NAN;
	gx = gx < 0 ? 0 : gx > w - 1 ? w - 1 : gx;
	gy = gy < 0 ? 0 : gy > h - 1 ? h - 1 : gy;
	int i = (int)gx, j = (int)gy;
	if (i > w - 2)
		i = w > 1 ? w - 2 : 0;
	if (j > h - 2)
		j = h > 1 ? h - 2 : 0;
	double fx = gx - i, fy = gy - j;
	int i1 = w > 1 ? i + 1 : i, j1 = h > 1 ? j + 1 : j;
	double a = g[j * w + i], b = g[j * w + i1], c = g[j1 * w + i], d = g[j1 * w + i1];
	return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
}

cmap_rgb scene_run_color(const scene_style *st, int i)
{
	if (!st || st->ncolors <= 0)
		return cmap_palette(i);
	int n = st->ncolors < SCENE_COLORS_MAX ? st->ncolors : SCENE_COLORS_MAX;
	return st->colors[((i % n) + n) % n];
}

/* Named palettes: matplotlib's tab10 and ColorBrewer's Dark2 (both as published),
 * and greys for print; okabe-ito is the default run palette. */
static const struct {
	const char *name;
	const char *hex;
} named_palettes[] = {
	{"tab10", "#1f77b4,#ff7f0e,#2ca02c,#d62728,#9467bd,#8c564b,#e377c2,#7f7f7f,#bcbd22,#17becf"},
	{"dark2", "#1b9e77,#d95f02,#7570b3,#e7298a,#66a61e,#e6ab02,#a6761d,#666666"},
	{"gray", "#000000,#555555,#888888,#aaaaaa"},
};

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int scene_colors_parse(const char *text, cmap_rgb *out, int cap)
{
	if (strcasecmp(text, "okabe-ito") == 0 || strcasecmp(text, "default") == 0) {
		int n = cap < CMAP_PALETTE_SIZE ? cap : CMAP_PALETTE_SIZE;
		for (int k = 0; k < n; k++)
			out[k] = cmap_palette(k);
		return n;
	}
	for (size_t k = 0; k < sizeof named_palettes / sizeof named_palettes[0]; k++)
		if (strcasecmp(text, named_palettes[k].name) == 0)
			return scene_colors_parse(named_palettes[k].hex, out, cap);
	int n = 0;
	const char *c = text;
	for (;;) {
		while (*c == ' ')
			c++;
		if (*c != '#' || n >= cap)
			return -1;
		int v[6];
		for (int d = 0; d < 6; d++)
			if ((v[d] = hex_digit(c[1 + d])) < 0)
				return -1;
		out[n++] = (cmap_rgb){(uint8_t)(16 * v[0] + v[1]), (uint8_t)(16 * v[2] + v[3]),
		                      (uint8_t)(16 * v[4] + v[5])};
		c += 7;
		while (*c == ' ')
			c++;
		if (*c == '\0')
			return n;
		if (*c++ != ',')
			return -1;
	}
}
