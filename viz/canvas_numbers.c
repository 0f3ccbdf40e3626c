/* canvas_numbers: a surrogate's points numbered in evaluation order in the terminal
 * (scene_field's num_x, num_y): each number in the cells right of its point where they
 * hold no point and no number placed before, else left out; dark digits on a light
 * heat cell, light ones on a dark one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"

void canvas_field_numbers(canvas *c, canvas_rect pa, const plot_scale *sx, const plot_scale *sy,
			  const scene_field *s)
{
	if (!s->num_x || !s->num_y || s->nnum <= 0 || pa.w <= 0 || pa.h <= 0)
		return;
	unsigned char *used = calloc((size_t)pa.w * pa.h, 1);
	int *cell = malloc(2 * (size_t)s->nnum * sizeof *cell);
	if (!used || !cell) {
		free(used), free(cell);
		return;
	}
	for (int i = 0; i < s->nnum; i++) { /* the points' own cells stay visible */
		double px = plot_scale_fwd(sx, s->num_x[i]) - pa.x;
		double py = plot_scale_fwd(sy, s->num_y[i]) - pa.y;
		bool in = isfinite(px) && isfinite(py) && px >= 0 && py >= 0 && px < pa.w && py < pa.h;
		cell[2 * i] = in ? (int)floor(px) : -1;
		cell[2 * i + 1] = in ? (int)floor(py) : -1;
		if (in)
			used[(size_t)cell[2 * i + 1] * pa.w + cell[2 * i]] = 1;
	}
	for (int i = 0; i < s->nnum; i++) {
		int x = cell[2 * i] + 1, y = cell[2 * i + 1];
		char text[16];
		int len = snprintf(text, sizeof text, "%d", i + 1);
		if (cell[2 * i] < 0 || x + len > pa.w)
			continue;
		bool free_ = true;
		for (int k = 0; k < len && free_; k++)
			free_ = !used[(size_t)y * pa.w + x + k];
		if (!free_)
			continue;
		memset(used + (size_t)y * pa.w + x, 1, (size_t)len);
		for (int k = 0; k < len; k++) {
			const canvas_cell *under = canvas_at(c, pa.x + x + k, pa.y + y);
			cmap_rgb bg = under && (under->flags & CANVAS_HEAT)
					      ? cmap_mix(under->fg, under->bg, 0.5)
					      : under && (under->flags & CANVAS_BG) ? under->bg
										: (cmap_rgb){0, 0, 0};
			double lum = 0.299 * bg.r + 0.587 * bg.g + 0.114 * bg.b;
			cmap_rgb fg = lum > 140 ? (cmap_rgb){0, 0, 0} : (cmap_rgb){255, 255, 255};
			bool has_bg = under && (under->flags & (CANVAS_HEAT | CANVAS_BG));
			canvas_put(c, pa.x + x + k, pa.y + y, (unsigned char)text[k], &fg,
				   has_bg ? &bg : NULL, CANVAS_BOLD);
		}
	}
	free(used);
	free(cell);
}
