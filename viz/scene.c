/* scene: ranges of the data in a scene. */
#include "scene.h"

#include <math.h>

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
