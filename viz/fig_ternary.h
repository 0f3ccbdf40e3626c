/* fig_ternary: a matrix game with three strategies a player as two triangles side by
 * side (the min player's mixed strategy, then the max player's): each run's path of
 * mixed strategies in barycentric coordinates, start and end markers, the known
 * equilibrium as a star, vertices labelled e1, e2, e3, a legend.
 *
 * Ownership: a scene_ternary borrows everything; tern_data owns the copies that
 * tern_fill makes of the runs' traces until tern_data_free. */
#ifndef OPTLAB_FIG_TERNARY_H
#define OPTLAB_FIG_TERNARY_H

#include <stdbool.h>
#include <stddef.h>

#include "fig.h"
#include "runscene.h"

typedef struct scene_tpath {
	const char *label;
	int color;       /* run palette index */
	const double *p; /* n rows of 6: the min player's three weights, then the max player's */
	size_t n;
} scene_tpath;

typedef struct scene_ternary {
	const char *title;     /* NULL: none */
	const char *player[2]; /* panel captions */
	bool has_eq;
	double eq[6];          /* the equilibrium, as a path's rows */
	const scene_tpath *paths;
	int npaths;
	scene_style style;     /* the runs' colours, text and line sizes, legend (zeros: defaults) */
} scene_ternary;

void fig_draw_ternary(cairo_t *cr, double x, double y, double w, double h, double scale,
                      const scene_ternary *s);
/* Writes the scene to PATH in FORMAT (as fig_write). 0, or -1 with a message. */
int fig_ternary_write(const char *path, fig_format format, const fig_opts *o,
                      const scene_ternary *s, char *err, size_t errlen);

/* The scene of RUNS (on a game of two 3-simplices: n = 6, three strategies a player). */
typedef struct tern_data {
	scene_tpath paths[RSCENE_MAX_RUNS];
	double *buf[RSCENE_MAX_RUNS];
	scene_ternary scene;
} tern_data;

/* Fills D from the runs, every one on a three-strategy matrix game (rps,
 * preference(m = 3), matrixgame(m = 3, k = 3)). 0, or -1 with a message in ERR. */
int tern_fill(tern_data *d, const rscene_run *runs, int nruns, char *err, size_t cap);
void tern_data_free(tern_data *d);

#endif
