/* fig_profile: performance profiles (fraction of problems met within a factor tau of
 * the best solver, tau on a log axis) and data profiles (fraction met within alpha
 * simplex gradients, n + 1 evaluations each), one step curve a solver.
 *
 * Ownership: everything is borrowed. */
#ifndef OPTLAB_FIG_PROFILE_H
#define OPTLAB_FIG_PROFILE_H

#include <stdbool.h>

#include "fig.h"

typedef struct scene_profile {
	const char *title, *xlabel, *ylabel;
	int ns;                    /* solvers */
	const char *const *labels; /* ns legend entries */
	const double *const *steps; /* ns sorted arrays: where each curve rises by 1/np */
	const int *nsteps;         /* ns counts */
	int np;                    /* problems: the curves' denominator */
	bool data;                 /* a data profile: alpha from 0 (linear) or from the decade
	                              below the first step (log); else tau from 1 (log) */
	bool xlog;                 /* data profiles: a log alpha axis (performance: always) */
} scene_profile;

void fig_draw_profile(cairo_t *cr, double x, double y, double w, double h, double scale,
                      const scene_profile *s);
/* Writes the profile to PATH in FORMAT (as fig_write). 0, or -1 with a message. */
int fig_profile_write(const char *path, fig_format format, const fig_opts *o,
                      const scene_profile *s, char *err, size_t errlen);

#endif
