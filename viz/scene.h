/* scene: the plain data viz/ draws, with no solver types. An adapter elsewhere
 * fills scenes from runs and traces; canvas_ and fig_ draw them.
 *
 * Ownership: a scene borrows every pointer in it (arrays, strings); viz/ never
 * keeps or frees them. The caller keeps them alive while a draw call runs. */
#ifndef OPTLAB_SCENE_H
#define OPTLAB_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "cmap.h"

/* Where a legend goes: the corner that hides the fewest points (BEST), a named
 * place inside the plot area, right of it (OUTSIDE), or nowhere. ORDER scene_legend:
 * with the names in scene.c. */
typedef enum scene_legend {
	SCENE_LEGEND_BEST,
	SCENE_LEGEND_N, SCENE_LEGEND_NE, SCENE_LEGEND_E, SCENE_LEGEND_SE,
	SCENE_LEGEND_S, SCENE_LEGEND_SW, SCENE_LEGEND_W, SCENE_LEGEND_NW,
	SCENE_LEGEND_OUTSIDE,
	SCENE_LEGEND_NONE,
	SCENE_LEGEND_COUNT
} scene_legend;

/* The legend place a word names ("best", "ne", "outside", "none", any case), or -1. */
int scene_legend_from_name(const char *name);
const char *scene_legend_name(scene_legend l);

#define SCENE_COLORS_MAX 16 /* colours a `colors` list may give */

/* What a user tunes in every figure; zeros give the defaults. */
typedef struct scene_style {
	scene_legend legend;
	double font_scale; /* text sizes times this (0: 1) */
	double line_scale; /* curve and trajectory widths times this (0: 1) */
	int grid;          /* 0: the plot's default (convergence on, field off), 1 on, -1 off */
	int smooth;        /* convergence curves as a running median with a 10-90% band:
	                    * 0 for noisy stochastic ones (500+ steps, a third of them up),
	                    * 1 all, -1 none */
	int ncolors;       /* 0: the run palette (cmap_palette); else palette index i is */
	cmap_rgb colors[SCENE_COLORS_MAX]; /* drawn in colors[i mod ncolors] */
} scene_style;

/* Palette index I's colour under ST: ST's own colours where given, else cmap_palette. */
cmap_rgb scene_run_color(const scene_style *st, int i);
/* A `colors` value: a named palette (okabe-ito, tab10, dark2, gray) or a comma-separated
 * list of #rrggbb colours, into OUT (CAP entries). The count, or -1 when malformed. */
int scene_colors_parse(const char *text, cmap_rgb *out, int cap);

/* A path that is a model's trial step (trust region, cubic model): drawn thin and
 * dashed from its first point (the iterate) to its last (the model's minimizer),
 * marked there by a diamond when the step was taken, a cross when refused. */
typedef enum scene_trial { SCENE_TRIAL_NONE, SCENE_TRIAL_TAKEN, SCENE_TRIAL_REFUSED } scene_trial;

/* A trajectory in the plane. */
typedef struct scene_path {
	const char *label;   /* legend text; NULL or "" for none */
	int color;           /* run palette index (cmap_palette) */
	const double *x, *y; /* n points in data coordinates; non-finite points break the line */
	size_t n;
	bool start_marker;   /* open circle at the first point */
	bool end_marker;     /* filled marker at the last point (the current iterate) */
	scene_trial trial;   /* a model's trial step, not a trajectory */
} scene_path;

/* A marked point, such as a known minimizer (a small star). */
typedef struct scene_point {
	double x, y;
	const char *label; /* legend text ("x*"); NULL for none */
} scene_point;

/* A 2-D objective over a viewport, its contours, and trajectories over it. */
typedef struct scene_field {
	const char *title;            /* NULL: none */
	const char *xlabel, *ylabel;  /* axis names ("x", "y"); NULL: none */
	double x0, x1, y0, y1;        /* viewport, x0 < x1 and y0 < y1 */
	/* W x H grid of values at the nodes x0 + i (x1-x0)/(w-1), y0 + j (y1-y0)/(h-1):
	 * row-major, row 0 at y0 (the bottom), so values[j * w + i]. NaN: undefined. */
	const double *values;
	int w, h;
	bool log_color;        /* colour (and automatic levels) by log10 of the value */
	cmap_id cmap;
	double vmin, vmax;     /* colour range; NaN: from the grid */
	const double *levels;  /* explicit contour levels, or NULL for automatic */
	int nlevels;           /* with levels == NULL: how many (0: no contour lines) */
	const scene_path *paths;
	int npaths;
	const scene_point *points;
	int npoints;
	/* Point clouds, such as a population's current members: dots in each path's
	 * colour (only color, x, y and n are read; no line joins them). Over the paths. */
	const scene_path *clouds;
	int nclouds;
	/* Points numbered 1, 2, ... in the order given (a surrogate's evaluations), over the
	 * clouds: NNUM points NUM_X, NUM_Y; a number that would cover another is left out.
	 * NULL: none. */
	const double *num_x, *num_y;
	int nnum;
	/* An optional arrow layer, a game's field -F = (-grad_x f, grad_y f), the way
	 * descent-ascent moves: AW x AH
	 * vectors (arrow_u, arrow_v) at the centres of the cells of an AW x AH division of
	 * the viewport, row-major from the bottom like values; NULL: none. Under the paths. */
	const double *arrow_u, *arrow_v;
	int aw, ah;
	/* An optional feasible-region layer: nregion W x H grids like values, one after the
	 * other, each a constraint's value c_k at the nodes (feasible where c_k <= 0). The
	 * first nregion - nregion_eq are inequalities or sets: shaded where positive, their
	 * boundary drawn at level 0; the last nregion_eq are equalities h_k = 0: only the
	 * line. NULL: none. Over the heatmap, under the paths. */
	const double *region;
	int nregion, nregion_eq;
	bool stretch; /* the axes fill the panel (objective space): no equal aspect */
	scene_style style;
} scene_field;

/* One curve of a convergence plot. */
typedef struct scene_series {
	const char *label;
	int color;           /* run palette index */
	const double *x, *y; /* n points; x non-decreasing (iterations, time, calls) */
	size_t n;
	bool dashed;         /* a reference such as a theoretical rate bound */
	bool stochastic;     /* from a stochastic method: smoothed when noisy (style.smooth) */
	bool path;           /* a trajectory such as iterates on a 1-D f(x): x need not
	                      * increase; every point is joined and marked */
} scene_series;

typedef struct scene_conv {
	const char *title;
	const char *xlabel;  /* "iteration" */
	const char *ylabel;  /* "f - f*", "gradient norm" */
	bool ylog;           /* y on a log scale (non-positive values are not drawn) */
	const scene_series *series;
	int nseries;
	/* fixed axis ranges where lo < hi (else from the data): `xrange`, `yrange`, and
	 * the frames of an animation, which keep the last frame's axes */
	double xlim[2], ylim[2];
	scene_style style;
} scene_conv;

/* The colour range of a field: vmin/vmax if set, else the finite (and, for
 * log_color, positive) extremes of the grid. Returns -1 when there is none. */
int scene_field_range(const scene_field *s, double *lo, double *hi);
/* The data range of a convergence scene (positive y only when ylog). */
int scene_conv_range(const scene_conv *s, double *x0, double *x1, double *y0, double *y1);
/* The axes' range for that data: whole decades on a log y axis (so that both ends are
 * labelled), a padded linear one, an x span never empty; xlim and ylim where set
 * (a log axis keeps a positive ylim only). -1 when nothing is drawn. */
int scene_conv_axes(const scene_conv *s, double *x0, double *x1, double *y0, double *y1);

/* The normalized colour coordinate in [0, 1] of every grid value over [lo, hi]
 * (by log10 when log_color; NaN and, for log, v <= 0 give NaN); T has w*h entries. */
void scene_field_norm(const scene_field *s, double lo, double hi, double *t);
/* Bilinear sample of a W x H grid at fractional grid coordinates (gx, gy),
 * clamped to the grid; NaN when a node it needs is NaN. */
double scene_grid_sample(const double *g, int w, int h, double gx, double gy);

#endif
