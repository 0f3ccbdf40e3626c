/* fig_numbers: a surrogate's points numbered in evaluation order (scene_field's num_x,
 * num_y). Each number goes in the first of eight places around its point where it
 * stays inside the plot and covers no point and no number placed before; where none
 * is free it is left out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fig_int.h"

typedef struct num_box {
	double x0, y0, x1, y1;
} num_box;

static bool box_hits(const num_box *a, const num_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

void fig_field_numbers(fig_ctx *f, const scene_field *s, const plot_scale *sx,
		       const plot_scale *sy)
{
	if (!s->num_x || !s->num_y || s->nnum <= 0)
		return;
	int n = s->nnum;
	double *px = malloc(2 * (size_t)n * sizeof *px);
	num_box *placed = malloc((size_t)n * sizeof *placed);
	if (!px || !placed) {
		free(px), free(placed);
		return;
	}
	double *py = px + n;
	for (int i = 0; i < n; i++) {
		px[i] = plot_scale_fwd(sx, s->num_x[i]);
		py[i] = plot_scale_fwd(sy, s->num_y[i]);
	}
	double size = 0.8 * f->tick_font, r = 2.2 * f->s, gap = 1.5 * f->s, hh = 0.8 * size;
	/* the plot area: a number stays inside it */
	num_box area = {fmin(plot_scale_fwd(sx, s->x0), plot_scale_fwd(sx, s->x1)),
			fmin(plot_scale_fwd(sy, s->y0), plot_scale_fwd(sy, s->y1)),
			fmax(plot_scale_fwd(sx, s->x0), plot_scale_fwd(sx, s->x1)),
			fmax(plot_scale_fwd(sy, s->y0), plot_scale_fwd(sy, s->y1))};
	/* the eight places: right first (reading order), then around */
	static const double dir[8][2] = {{1, 0},  {1, -1}, {1, 1},  {0, -1},
					 {0, 1},  {-1, 0}, {-1, -1}, {-1, 1}};
	int np = 0;
	for (int i = 0; i < n; i++) {
		if (!isfinite(px[i]) || !isfinite(py[i]))
			continue;
		char text[16];
		snprintf(text, sizeof text, "%d", i + 1);
		double w = fig_text_width(f, text, size) + 2 * gap, h = hh + 2 * gap;
		for (int d = 0; d < 8; d++) {
			/* the box's centre beyond the dot along dir, touching it */
			double cx = px[i] + dir[d][0] * (r + w / 2), cy = py[i] + dir[d][1] * (r + h / 2);
			num_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
			bool free_ = b.x0 >= area.x0 && b.x1 <= area.x1 && b.y0 >= area.y0 &&
				     b.y1 <= area.y1;
			for (int k = 0; k < np && free_; k++)
				free_ = !box_hits(&b, &placed[k]);
			for (int k = 0; k < n && free_; k++) {
				num_box dot = {px[k] - r, py[k] - r, px[k] + r, py[k] + r};
				free_ = !box_hits(&b, &dot);
			}
			if (!free_)
				continue;
			placed[np++] = b;
			cairo_new_path(f->cr);
			cairo_rectangle(f->cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
			cairo_set_source_rgba(f->cr, 1, 1, 1, 0.75);
			cairo_fill(f->cr);
			cairo_set_source_rgb(f->cr, 0.1, 0.1, 0.1);
			fig_text(f, text, size, cx, cy, 0.5, 0.5);
			break;
		}
	}
	free(px);
	free(placed);
}
