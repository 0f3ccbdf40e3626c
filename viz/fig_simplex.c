/* fig_simplex: a 3-simplex drawn as a triangle, for mixed strategies (fig_ternary.c)
 * and policies over three actions (fig_policy.c). */
#include <math.h>

#include "fig_int.h"

void fig_tern_pt(const fig_tern *t, const double *w, double *x, double *y)
{
	double s = w[0] + w[1] + w[2];
	if (!isfinite(s) || !(s > 0)) {
		*x = *y = NAN;
		return;
	}
	*x = (w[0] * t->vx[0] + w[1] * t->vx[1] + w[2] * t->vx[2]) / s;
	*y = (w[0] * t->vy[0] + w[1] * t->vy[1] + w[2] * t->vy[2]) / s;
}

void fig_tern_frame(fig_ctx *f, const fig_tern *t, const char *const names[3],
                    const char *caption, double size)
{
	cairo_t *cr = f->cr;
	cairo_set_line_width(cr, 0.8 * f->s);
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	for (int k = 0; k < 3; k++) /* the lines where weight k is q */
		for (int g = 1; g <= 3; g++) {
			double q = g / 4.0, a[3], b[3], x0, y0, x1, y1;
			a[k] = b[k] = q;
			a[(k + 1) % 3] = 1 - q, a[(k + 2) % 3] = 0;
			b[(k + 1) % 3] = 0, b[(k + 2) % 3] = 1 - q;
			fig_tern_pt(t, a, &x0, &y0);
			fig_tern_pt(t, b, &x1, &y1);
			cairo_move_to(cr, x0, y0);
			cairo_line_to(cr, x1, y1);
		}
	cairo_stroke(cr);
	cairo_set_line_width(cr, fmax(1, round(f->s)));
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	cairo_move_to(cr, t->vx[0], t->vy[0]);
	cairo_line_to(cr, t->vx[1], t->vy[1]);
	cairo_line_to(cr, t->vx[2], t->vy[2]);
	cairo_close_path(cr);
	cairo_stroke(cr);
	double d = 0.6 * f->pad + 0.2 * size;
	fig_text(f, names[0], size, t->vx[0] - d, t->vy[0] + d, 1, 0);
	fig_text(f, names[1], size, t->vx[1] + d, t->vy[1] + d, 0, 0);
	fig_text(f, names[2], size, t->vx[2], t->vy[2] - d, 0.5, 1);
	if (caption)
		fig_text(f, caption, size, (t->vx[0] + t->vx[1]) / 2, t->vy[0] + 2 * size + f->pad,
		         0.5, 1);
}
