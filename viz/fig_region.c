/* fig_region: a field scene's feasible-region layer: translucent grey over the points
 * where some inequality (or set) grid is positive, bilinear between nodes, and every
 * constraint's boundary as its contour at level 0 (dashed for equalities). */
#include "fig.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "contour.h"
#include "fig_int.h"

/* The boundary of one grid at level 0. */
static void region_line(fig_ctx *f, const scene_field *s, const double *v, const plot_scale *sx,
                        const plot_scale *sy)
{
	const double zero = 0;
	contour_lines cl;
	if (contour_trace(v, s->w, s->h, &zero, 1, &cl))
		return;
	cairo_t *cr = f->cr;
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
	}
	cairo_stroke(cr);
	contour_lines_free(&cl);
}

void fig_field_region(fig_ctx *f, const scene_field *s, const plot_rect *pa, const plot_scale *sx,
                      const plot_scale *sy)
{
	if (!s->region || s->nregion < 1)
		return;
	int pw = (int)pa->w, ph = (int)pa->h, gw = s->w, gh = s->h;
	int nin = s->nregion - s->nregion_eq;
	size_t cells = (size_t)gw * gh;
	if (nin > 0) {
		/* the largest inequality value per node: infeasible where it is positive */
		double *mx = malloc(cells * sizeof *mx);
		cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
		if (mx && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
			for (size_t i = 0; i < cells; i++) {
				mx[i] = -INFINITY;
				for (int k = 0; k < nin; k++)
					mx[i] = fmax(mx[i], s->region[(size_t)k * cells + i]);
			}
			cairo_surface_flush(img);
			unsigned char *data = cairo_image_surface_get_data(img);
			int stride = cairo_image_surface_get_stride(img);
			const uint32_t shade = 0x8C3C3C3Cu; /* premultiplied grey at alpha 0.55 */
			for (int j = 0; j < ph; j++) {
				double gy = (plot_scale_inv(sy, pa->y + j + 0.5) - s->y0) /
				            (s->y1 - s->y0) * (gh - 1);
				uint32_t *row = (uint32_t *)(data + (size_t)j * stride);
				for (int i = 0; i < pw; i++) {
					double gx = (plot_scale_inv(sx, pa->x + i + 0.5) - s->x0) /
					            (s->x1 - s->x0) * (gw - 1);
					double v = scene_grid_sample(mx, gw, gh, gx, gy);
					row[i] = v > 0 ? shade : 0;
				}
			}
			cairo_surface_mark_dirty(img);
			cairo_save(f->cr);
			cairo_set_source_surface(f->cr, img, pa->x, pa->y);
			cairo_rectangle(f->cr, pa->x, pa->y, pw, ph);
			cairo_fill(f->cr);
			cairo_restore(f->cr);
		}
		cairo_surface_destroy(img);
		free(mx);
	}
	cairo_t *cr = f->cr;
	cairo_save(cr);
	cairo_set_line_width(cr, 1.6 * f->s);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_source_rgba(cr, 0.05, 0.05, 0.05, 0.9);
	for (int k = 0; k < s->nregion; k++) {
		if (k == nin) {
			double dash[2] = {6 * f->s, 4 * f->s};
			cairo_set_dash(cr, dash, 2, 0);
		}
		region_line(f, s, s->region + (size_t)k * cells, sx, sy);
	}
	cairo_restore(cr);
}
