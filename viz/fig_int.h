/* fig_int: what the fig_*.c files share: a drawing context with the sizes of
 * one figure, text with superscripts, axes, legends. Not a public interface. */
#ifndef OPTLAB_FIG_INT_H
#define OPTLAB_FIG_INT_H

#include <stdbool.h>

#include <cairo.h>

#include "cmap.h"
#include "plot.h"
#include "scene.h"

#define FIG_FONT "DejaVu Sans"
#define FIG_PI 3.14159265358979323846

/* Sizes of one figure, all in user units (pixels for PNG), scaled by s. */
typedef struct fig_ctx {
	cairo_t *cr;
	double s;
	double tick_font, label_font, title_font, legend_font;
	double lw_axis;  /* spines and ticks: whole pixels so that they stay sharp */
	double tick_len;
	double pad;      /* between a tick and its label, and around things */
	double lw_data;  /* curves and trajectories */
	scene_legend legend;
	const scene_style *style; /* the scene's, for the runs' colours; NULL: defaults */
	cairo_font_face_t *face;
} fig_ctx;

void fig_ctx_init(fig_ctx *f, cairo_t *cr, double s);
/* A scene's style over the defaults: font and line scales, the legend's place. */
void fig_ctx_style(fig_ctx *f, const scene_style *st);
void fig_ctx_fini(fig_ctx *f);
/* Run palette index I's colour under the context's style. */
cmap_rgb fig_run_color(const fig_ctx *f, int i);

/* Text: width, and drawing with its anchor at (x, y); ha 0 left, 0.5 centre,
 * 1 right; va 0 top, 0.5 middle (of the capitals), 1 baseline. */
double fig_text_width(fig_ctx *f, const char *s, double size);
void fig_text(fig_ctx *f, const char *s, double size, double x, double y, double ha, double va);
/* A tick label: the plain label, or mant x 10 with the exponent raised. */
double fig_tick_width(fig_ctx *f, const plot_tick *t, double size);
void fig_tick_text(fig_ctx *f, const plot_tick *t, double size, double x, double y, double ha,
		   double va);
/* The widest labelled tick. */
double fig_ticks_width(fig_ctx *f, const plot_ticks *tk, double size);

/* A coordinate on the pixel grid for a line of width LW (x.5 when LW is odd). */
double fig_snap(double v, double lw);

/* Axes: a box around PA, ticks out of the left and bottom sides, labels,
 * optional grid lines (convergence plots). SX and SY map data to user space. */
typedef struct fig_axes {
	plot_rect pa;
	plot_scale sx, sy;
	const plot_ticks *xt, *yt;
	bool grid;
	const char *xlabel, *ylabel, *title;
} fig_axes;
/* Space the labels of the axes need outside PA: left, bottom, top. */
void fig_axes_margins(fig_ctx *f, const plot_ticks *yt, const char *xlabel, const char *ylabel,
		      const char *title, double *left, double *bottom, double *top);
void fig_axes_grid(fig_ctx *f, const fig_axes *ax);
void fig_axes_draw(fig_ctx *f, const fig_axes *ax);

/* Legend entries: a line sample in a colour (dashed or not), with an optional marker. */
typedef enum fig_marker {
	FIG_MARK_NONE,
	FIG_MARK_START, /* open circle */
	FIG_MARK_END,   /* filled circle */
	FIG_MARK_STAR,  /* known minimizer */
	FIG_MARK_TRIAL, /* a model's step, taken: open diamond */
	FIG_MARK_REFUSED /* a model's step, refused: cross */
} fig_marker;
typedef struct fig_legend_item {
	const char *label;
	cmap_rgb col;
	bool line, dashed;
	fig_marker marker;
} fig_legend_item;
void fig_marker_draw(fig_ctx *f, fig_marker m, double x, double y, cmap_rgb col);
/* A polyline point by point (PREV: the last one added, NaN at a break): each
 * segment clipped in double precision to the area of SX, SY grown by a margin,
 * so that cairo's fixed point never sees the far points of a diverged run. */
typedef struct fig_pen {
	double x, y; /* the previous point (pixels), NaN: none */
	bool down;   /* the path's current point is (x, y) */
} fig_pen;
void fig_pen_to(cairo_t *cr, fig_pen *pen, const plot_scale *sx, const plot_scale *sy, double x,
		double y);
/* Lays out and draws the legend in the corner of PA that covers the fewest of
 * the points counted in COUNT (see plot_corner_count), or measures it (w, h). */
void fig_legend_size(fig_ctx *f, const fig_legend_item *it, int n, double *w, double *h);
void fig_legend_draw(fig_ctx *f, const fig_legend_item *it, int n, const plot_rect *pa,
		     const size_t count[4], double out_x);
/* Samples of the segment (x0, y0) - (x1, y1), in pixels, every 3 pixels, counted into
 * COUNT as plot_corner_count does: a long straight segment under a corner counts. */
void fig_count_segment(const plot_rect *pa, double w, double h, double x0, double y0, double x1,
		       double y1, size_t count[4]);

/* Layouts of the two panels, so that a page can line them up: the margins a
 * panel of W x H needs around its plot area, then the drawing into a given area. */
typedef struct fig_field_lay {
	double lo, hi;
	bool have; /* a colour range: image, contours and colour bar */
	plot_ticks xt, yt, ct;
	double left, right, top, bottom, cbw, cbgap;
} fig_field_lay;
int fig_field_layout(fig_ctx *f, const scene_field *s, double w, double h, fig_field_lay *L);
/* The plot area's height over its width for equal scales, or 0 (a viewport too elongated). */
double fig_field_aspect(const scene_field *s);
void fig_field_render(fig_ctx *f, const scene_field *s, const fig_field_lay *L,
		      const plot_rect *pa);
/* fig_numbers.c: the scene's numbered points' numbers (num_x, num_y), where they fit. */
void fig_field_numbers(fig_ctx *f, const scene_field *s, const plot_scale *sx,
		       const plot_scale *sy);

typedef struct fig_conv_lay {
	double x0, x1, y0, y1;
	plot_ticks xt, yt;
	double left, right, top, bottom;
} fig_conv_lay;
/* Whether series K is drawn as a running median with a band (style.smooth). */
bool fig_conv_smoothed(const scene_conv *s, int k);
int fig_conv_layout(fig_ctx *f, const scene_conv *s, double w, double h, fig_conv_lay *L);
void fig_conv_render(fig_ctx *f, const scene_conv *s, const fig_conv_lay *L, const plot_rect *pa);

void fig_set_rgb(cairo_t *cr, cmap_rgb c, double alpha);
/* A white page, text antialiased in grey with unhinted metrics (same layout at any size). */
void fig_page_setup(cairo_t *cr);

/* A triangle on the page for a 3-simplex: vertex 1 bottom left, 2 bottom right, 3 on top. */
typedef struct fig_tern {
	double vx[3], vy[3];
} fig_tern;
/* The page point of weights (a, b, c); NaN where they are not finite. */
void fig_tern_pt(const fig_tern *t, const double *w, double *x, double *y);
/* The outline, grid lines at weights 1/4, 1/2, 3/4, the vertices named, a caption under
 * it (may be NULL), in text of SIZE. */
void fig_tern_frame(fig_ctx *f, const fig_tern *t, const char *const names[3],
		    const char *caption, double size);

/* fig_region.c: the feasible-region layer of a field scene (shading, boundaries). */
void fig_field_region(fig_ctx *f, const scene_field *s, const plot_rect *pa, const plot_scale *sx,
		      const plot_scale *sy);

#endif
