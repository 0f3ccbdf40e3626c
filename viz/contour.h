/* contour: contour levels and contour lines by marching squares.
 *
 * Grids are row-major, W columns by H rows; point (i, j) is v[j * w + i].
 * Lines come out in grid coordinates (x in [0, w-1], y in [0, h-1]); the caller
 * maps them to data. Cells with a NaN corner are skipped.
 *
 * Ownership: contour_trace fills a contour_lines the caller releases with
 * contour_lines_free; everything else borrows. */
#ifndef OPTLAB_CONTOUR_H
#define OPTLAB_CONTOUR_H

#include <stdbool.h>
#include <stddef.h>

#define CONTOUR_MAX_LEVELS 64

/* About COUNT levels strictly inside (vmin, vmax): nice linear values, or for
 * LOG nice values spaced evenly in log10 (1, 2, 5 x 10^k, or every k-th decade
 * over a wide range; LOG needs vmax > 0, and vmin <= 0 is raised to vmax * 1e-6).
 * Writes at most CAP levels, increasing; returns how many (0 on bad input). */
int contour_levels(double vmin, double vmax, int count, bool log, double *levels, int cap);

/* The segments of the level set v = LEVEL, one call of EMIT per segment (a cell
 * gives 0, 1 or 2; saddles are resolved by the mean of the four corners).
 * Returns the number of segments. */
typedef void (*contour_emit_fn)(void *ctx, double x0, double y0, double x1, double y1);
size_t contour_segments(const double *v, int w, int h, double level, contour_emit_fn emit,
			void *ctx);

/* Polylines of several levels: segments joined end to end. */
typedef struct contour_lines {
	size_t npts, nlines;
	double *x, *y;  /* npts points, grid coordinates */
	size_t *start;  /* nlines + 1 offsets: line k is points start[k] .. start[k+1]-1 */
	int *level;     /* index into the levels array, per line */
	bool *closed;   /* the line is a loop (its last point equals its first) */
} contour_lines;

/* Returns 0, or -1 when out of memory (OUT is then empty). */
int contour_trace(const double *v, int w, int h, const double *levels, int nlevels,
		  contour_lines *out);
void contour_lines_free(contour_lines *cl);

#endif
