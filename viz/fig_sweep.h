/* fig_sweep: a parameter sweep as a figure: iterations to a condition against the
 * parameter (log x for a log grid, log y when the counts span decades), points
 * joined where the condition was met; points where it was not met within the
 * step limit sit on a dashed line at that limit with a red cross.
 *
 * Ownership: everything is borrowed. */
#ifndef OPTLAB_FIG_SWEEP_H
#define OPTLAB_FIG_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "fig.h"

typedef struct scene_sweep {
	const char *title, *xlabel, *ylabel;
	const char *label;       /* the legend entry of the met points */
	const char *unmet_label; /* ... and of the others ("not met within 10000") */
	bool xlog;
	const double *x;    /* n parameter values, increasing */
	const double *y;    /* iterations where met, NaN where not */
	size_t n;
	double ymax;        /* the step limit: where unmet points are drawn */
	int color;          /* run palette index */
} scene_sweep;

void fig_draw_sweep(cairo_t *cr, double x, double y, double w, double h, double scale,
                    const scene_sweep *s);
/* Writes the sweep to PATH in FORMAT (as fig_write). 0, or -1 with a message. */
int fig_sweep_write(const char *path, fig_format format, const fig_opts *o,
                    const scene_sweep *s, char *err, size_t errlen);

#endif
