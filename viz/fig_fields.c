/* fig_fields: two fields side by side on one page, such as the objective (or a
 * surrogate's mean) beside the acquisition that picks the next point. */
#include "fig.h"
#include "fig_int.h"

#include <math.h>

typedef struct fig_pair {
	const scene_field *a, *b;
} fig_pair;

static void fig_fields_page(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	const fig_pair *p = ctx;
	fig_page_setup(cr);
	double s = fig_scale(o->width / 2, o->height) * 1.05, half = round(o->width / 2.0);
	fig_draw_field(cr, 0, 0, half, o->height, s, p->a);
	fig_draw_field(cr, half, 0, o->width - half, o->height, s, p->b);
}

int fig_write_fields(const char *path, fig_format format, const fig_opts *o, const scene_field *a,
		     const scene_field *b, char *err, size_t errlen)
{
	fig_pair p = {a, b};
	return fig_write_page(path, format, o, fig_fields_page, &p, err, errlen);
}
