/* plot: the math both back ends share: nice ticks and their labels, linear and
 * log scales, segment clipping, decimation of long series, legend layout.
 *
 * Ownership: nothing here allocates. plot_ticks is a value; plot_decimate writes
 * into a buffer the caller owns. */
#ifndef OPTLAB_PLOT_H
#define OPTLAB_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#define PLOT_MAX_TICKS 96
#define PLOT_LABEL_MAX 32

typedef struct plot_tick {
	double value;
	bool major;                /* minor ticks have no label */
	bool sci;                  /* label is mant x 10^exp */
	int exp;                   /* exponent of a sci label or a log decade */
	char mant[PLOT_LABEL_MAX]; /* "2.5" of 2.5e-6; "1" for a plain decade */
	char label[PLOT_LABEL_MAX]; /* compact ASCII form: "0.25", "2.5e-6", "1e-6" */
} plot_tick;

typedef struct plot_ticks {
	int n;
	double step; /* linear: distance between major ticks; log: decades between them */
	bool log;
	plot_tick t[PLOT_MAX_TICKS]; /* increasing values */
} plot_ticks;

/* Nice linear ticks (1, 2, 2.5, 5 x 10^k) inside [lo, hi], about TARGET of them,
 * labelled with the same number of decimals; plain or scientific, whichever is
 * more compact. lo > hi is swapped; lo == hi gets a small range around it.
 * Returns 0, or -1 for a non-finite end or target < 1. */
int plot_ticks_linear(double lo, double hi, int target, plot_ticks *out);
/* Log ticks inside [lo, hi]: major at decades (every k-th when there are many),
 * minor at 2..9 x 10^k when decades are dense enough to show them. A range under
 * about one decade gets linear-style nice ticks. Returns -1 for lo <= 0 or a
 * non-finite end. */
int plot_ticks_log(double lo, double hi, int target, plot_ticks *out);
/* Label one value in the compact style ("1e-6", "0.001", "250"); returns out. */
char *plot_format(double v, char *out, size_t size);

/* A scale maps data [d0, d1] to pixels [p0, p1] (p1 < p0 allowed: y up). */
typedef struct plot_scale {
	double d0, d1, p0, p1;
	bool log;
	double a, b; /* p = a * u + b with u = v or log10(v) */
} plot_scale;

/* Returns -1 when the data range is empty, non-finite, or not positive for log. */
int plot_scale_init(plot_scale *s, double d0, double d1, double p0, double p1, bool log);
/* Data -> pixel: NaN for v <= 0 on a log scale. */
double plot_scale_fwd(const plot_scale *s, double v);
/* Pixel -> data. */
double plot_scale_inv(const plot_scale *s, double p);

typedef struct plot_rect {
	double x, y, w, h;
} plot_rect;

/* Clip the segment to the rectangle [xmin, xmax] x [ymin, ymax] (Liang-Barsky);
 * false when nothing is left. */
bool plot_clip_segment(double *x0, double *y0, double *x1, double *y1, double xmin, double ymin,
		       double xmax, double ymax);

/* Indices (into KEEP, capacity n) of the points of a series to draw at a pixel
 * width: consecutive points that fall in one pixel column (of SX) are reduced to
 * the first, the lowest, the highest and the last, in order; non-finite y are
 * kept (they break the line). Returns how many were kept. */
size_t plot_decimate(const double *x, const double *y, size_t n, const plot_scale *sx,
		     size_t *keep);

/* Legend layout: one column of entries (more when too tall), swatch then text. */
#define PLOT_LEGEND_MAX 32
typedef double (*plot_text_width_fn)(void *ctx, const char *text);
typedef struct plot_legend_style {
	double line_h;   /* height of one entry */
	double swatch_w; /* width of the line sample */
	double gap;      /* between swatch and text, and between columns */
	double pad;      /* inside the box */
	double max_h;    /* the box may not be taller (0: no limit) */
} plot_legend_style;
typedef struct plot_legend {
	int n, columns;
	double w, h;                    /* the whole box */
	plot_rect swatch[PLOT_LEGEND_MAX]; /* relative to the box's top left */
	double text_x[PLOT_LEGEND_MAX], text_y[PLOT_LEGEND_MAX]; /* text baseline-centre */
} plot_legend;
/* Lays out min(n, PLOT_LEGEND_MAX) entries. Returns the number laid out. */
int plot_legend_layout(plot_legend *lg, int n, const char *const *labels,
		       plot_text_width_fn width, void *ctx, const plot_legend_style *st);
/* Points (px, py) that fall in a box W x H at each corner of AREA, added to
 * COUNT: 0 top right, 1 top left, 2 bottom left, 3 bottom right (y down). */
void plot_corner_count(const plot_rect *area, double w, double h, const double *px,
		       const double *py, size_t n, size_t count[4]);
/* The corner with the fewest points; ties go to the lower index. */
int plot_corner_best(const size_t count[4]);

#endif
