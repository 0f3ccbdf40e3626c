/* rscene: the adapter from a problem and its runs to scenes. viz/ reads runs
 * and traces here, and never steps them: the objective is sampled through the
 * problem's own oracle (prob->ops, not the run's counted oracle), trajectories
 * and convergence curves are copied from the traces.
 *
 * Ownership: an rscene owns the buffers the scenes it fills point into
 * (grid, trajectories, series, axis names); they stay valid until the next
 * fill of the same kind or rscene_free. Scenes borrow the labels given in
 * rscene_run and the runs themselves, which must outlive the draw call. */
#ifndef OPTLAB_RSCENE_H
#define OPTLAB_RSCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "optlab.h"
#include "scene.h"

#define RSCENE_MAX_RUNS 64      /* runs one scene shows */
#define RSCENE_MAX_GRID 4000000 /* grid nodes (w * h) */

/* What the convergence panel plots against the iteration. ORDER rscene_metric:
 * with the names in runscene.c. */
typedef enum rscene_metric {
	RSCENE_AUTO,  /* games: gap where every run records it, else dist where every x* is known,
	               * else gnorm; others: f - f* where every f* is known, else gnorm */
	RSCENE_FGAP,  /* f - f* */
	RSCENE_F,     /* f (a log axis only when every value is positive and they span two decades) */
	RSCENE_GNORM, /* the gradient norm */
	RSCENE_DIST,  /* the distance to the nearest known minimizer */
	RSCENE_VIOL,  /* the constraint violation (the method's column viol) */
	RSCENE_MULT,  /* the first multiplier (the method's column mult1), on a linear axis */
	RSCENE_GAP,   /* a game's exploitability at the iterate (the game methods' column gap) */
	RSCENE_AVGGAP, /* ... at the methods' average (column avggap) */
	RSCENE_METRIC_COUNT
} rscene_metric;

/* The y-axis label of a metric ("f - f*", "gradient norm"). */
const char *rscene_metric_label(rscene_metric m);

/* What the convergence panel plots along x. ORDER rscene_xaxis: with the names in
 * runscene.c. */
typedef enum rscene_xaxis {
	RSCENE_XITER,  /* the iteration */
	RSCENE_XEPOCH, /* passes over the data (trace_epoch) */
	RSCENE_XTIME,  /* seconds in the method */
	RSCENE_XEVALS, /* function evaluations (nf): the cost of value-only methods */
	RSCENE_XAXIS_COUNT
} rscene_xaxis;

/* The x axis's name in commands ("iter", "epoch", "time", "evals") and its label. */
const char *rscene_xaxis_name(rscene_xaxis x);
const char *rscene_xaxis_label(rscene_xaxis x);

/* One run as the scenes show it. */
typedef struct rscene_run {
	const run *r;
	const char *label; /* legend text (the run's name) */
	int color;         /* run palette index */
} rscene_run;

/* The picture of the objective: a viewport over two coordinates of the slice
 * through SLICE (the other coordinates are fixed at SLICE's values). */
typedef struct rscene_opts {
	int cx, cy;           /* the picture's coordinates, 0-based, cx != cy */
	const double *slice;  /* n values; NULL: the problem's default start */
	double view[4];       /* x0 x1 y0 y1 */
	int gw, gh;           /* grid nodes across and up, >= 2 */
	bool log_color;       /* colour by log10 of f - f* (or of f shifted above 0) */
	cmap_id cmap;
	int nlevels;          /* contour lines (0: none) */
	double budget;        /* > 0: about the seconds the first picture may take; a costly
	                       * grid is then sampled coarse first and refined by
	                       * rscene_refine (the live view); 0: the whole grid at once */
} rscene_opts;

typedef struct rscene rscene;

rscene *rscene_new(void);
void rscene_free(rscene *rs);
/* Forgets every cached grid and copied trace: after the workspace changed
 * (a problem redefined, a run deleted), since pointers may then be reused. */
void rscene_invalidate(rscene *rs);

/* Samples f over the grid of W x H nodes of VIEW (x0 x1 y0 y1), row 0 at y0,
 * through the problem's batch oracle (its value oracle where it has none):
 * coordinates CX and CY vary, the others are fixed at SLICE (NULL: the
 * default start). Non-finite values become NaN. 0, or -1 (bad arguments, no
 * value oracle, out of memory). */
int rscene_grid(const prob *p, int cx, int cy, const double *slice, const double view[4], int w,
                int h, double *out);

/* A viewport for coordinates CX, CY: the problem's default view for (0, 1),
 * else one of the same size centred on SLICE; widened to take in the runs'
 * starts, current points and refused model steps' trial points and the known
 * minimizers when they lie near it. */
void rscene_default_view(const prob *p, int cx, int cy, const double *slice,
                         const rscene_run *runs, int nruns, double view[4]);

/* Fills FIELD: the grid (cached while nothing that shapes it changes), each
 * run's trajectory in CX, CY with start and current point marked, and the
 * known minimizers as points. Runs on another problem, or whose traces do not
 * keep coordinates CX and CY (n > TRACE_MAX_FULL), get no trajectory. 0, or
 * -1 with a message in ERR. */
int rscene_field(rscene *rs, const prob *p, const rscene_run *runs, int nruns,
                 const rscene_opts *o, scene_field *field, char *err, size_t cap);

/* The K-sigma ellipse of a normal distribution in the plane, {m + d : d' COV^-1 d = K^2}
 * (COV = {c_xx, c_xy, c_yy}), as NPTS >= 3 points into X, Y, the last equal to the first.
 * 0, or -1 when COV is not positive definite or a value is not finite. */
int rscene_ellipse(const double *m, const double *cov, double k, int npts, double *x, double *y);

/* Samples on the grid of the last rscene_field whose budget was > 0, for about
 * SECONDS (the smallest step: one batch of nodes of about 0.02 s, within one level): 1
 * when the next rscene_field will show more,
 * 0 when the grid is whole (or was forgotten), -1 without memory. */
int rscene_refine(rscene *rs, double seconds);
/* Whether the grid shown is still being refined; *stride (if not NULL): the spacing
 * in nodes of the samples it is drawn from (1: every node sampled). */
bool rscene_refining(const rscene *rs, int *stride);

/* A finite sum's grid for a one-shot picture (figures, render): W x H shrunk, the
 * shape kept, to about RSCENE_SUM_WORK component values, but not below
 * RSCENE_SUM_MIN_SIDE nodes a side. */
#define RSCENE_SUM_WORK 2e7
#define RSCENE_SUM_MIN_SIDE 48
void rscene_sum_cap(const prob *p, int *w, int *h);

/* What a field's heatmap shows: f, or a surrogate's (meth.h's model: bo's Gaussian
 * process) posterior mean or acquisition. ORDER rscene_heat: with the names in
 * runscene_model.c. */
typedef enum rscene_heat {
	RSCENE_HEAT_F,
	RSCENE_HEAT_MEAN,
	RSCENE_HEAT_ACQ,
	RSCENE_HEAT_COUNT
} rscene_heat;

/* The heatmap's name in commands ("f", "gp", "acq"). */
const char *rscene_heat_name(rscene_heat h);
/* The first of RUNS on P whose method has a model (meth.h), or NULL. */
const run *rscene_model_run(const rscene_run *runs, int nruns, const prob *p);
/* Replaces FIELD's heatmap (as rscene_field filled it with O) by R's model over the same
 * nodes and slice: its posterior mean or its acquisition, on a linear colour scale, with
 * a title that names it. The grid stays valid until the next call for the same WHAT.
 * 0, or -1 with a message in ERR (no model, none yet, out of memory). */
int rscene_model(rscene *rs, const run *r, const rscene_opts *o, rscene_heat what,
                 scene_field *field, char *err, size_t cap);

/* Fills CONV: one series per run, x along the axis X, y = the metric (RSCENE_AUTO
 * is resolved; *used, if not NULL, says to what). 0, or -1 without memory. */
int rscene_conv(rscene *rs, const rscene_run *runs, int nruns, rscene_metric m, rscene_xaxis x,
                scene_conv *conv, rscene_metric *used);

#endif
