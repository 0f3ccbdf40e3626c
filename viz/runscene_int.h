/* rscene's state, shared by its files (runscene.c: the field and the convergence;
 * runscene_grid.c: the sampled grid and the feasible region; runscene_model.c: what
 * methods learned). */
#ifndef OPTLAB_RUNSCENE_INT_H
#define OPTLAB_RUNSCENE_INT_H

#include "runscene.h"

#define RSCENE_CIRCLE 49 /* points of a trust region's circle */

/* A growing copy of one trace's columns: what it was copied from and how far. */
typedef struct rs_copy {
	const trace *t;
	long len;     /* rows copied */
	long n;       /* series: points kept (rows that repeat a held value add none) */
	bool tail;    /* series: the last point is the last row's held value, redone later */
	int a, b;     /* trajectory: the coordinates; series: the metric and the x axis */
	double shift; /* series: f* subtracted */
	double *x, *y;
	size_t cap;
} rs_copy;

struct rscene {
	/* the grid as drawn (interpolated where not yet sampled, log where asked), its true
	 * values (raw, where known), and what they were computed for */
	double *grid, *raw;
	unsigned char *known;
	size_t grid_cap;
	bool grid_valid, shown; /* shown: grid is up to date with raw and glog */
	const prob *gp;
	int gcx, gcy, gw, gh;
	double gview[4];
	bool glog;
	double *gslice;
	int gn;
	/* the levels (runscene_levels.c): the level being sampled (its stride, 0: no more),
	 * the finest whole one, the finest to go to, where the level goes on, and the
	 * seconds a node costs as measured */
	int lv_stride, lv_done, lv_min, lv_row, lv_col;
	double lv_cost;

	rs_copy traj[RSCENE_MAX_RUNS], conv[RSCENE_MAX_RUNS];
	scene_path paths[3 * RSCENE_MAX_RUNS + 1]; /* a bilevel problem's y*(x) first, then the
	                                            * runs, then their trust regions or
	                                            * sampling ellipses, then model steps */
	double tr_xy[RSCENE_MAX_RUNS][2][RSCENE_CIRCLE]; /* those circles and ellipses */
	double step_xy[RSCENE_MAX_RUNS][2][2]; /* the model steps: iterate, trial point */
	scene_series series[RSCENE_MAX_RUNS];
	scene_point *points;
	int points_cap;
	scene_path clouds[RSCENE_MAX_RUNS]; /* population methods' current members */
	const run *cloud_run[RSCENE_MAX_RUNS]; /* whose each cloud is */
	double *cloud_xy;
	size_t cloud_cap;
	char xlabel[64], ylabel[64];
	char clabel[64]; /* the convergence panel's y label when it names the runs' measure */
	double *arrows; /* the game's field: RSCENE_ARROWS^2 u values, then as many v */
	double *region; /* constraint grids: nregion x gw x gh (cached with the grid) */
	size_t region_cap;
	int nregion, nregion_eq;
	double *lower_xy; /* y*(x) of a bilevel problem: RSCENE_LOWER_N x, then as many y */
	double *mgrid[2]; /* a surrogate's grids (mean, acquisition) and their nodes */
	size_t mgrid_cap[2];
	char mtitle[2][96];
};

/* Samples f (and the constraints) for o unless the grid holds them already (with a
 * budget, the first level only); -1 without memory. */
int rscene_grid_update(rscene *rs, const prob *p, const rscene_opts *o);
/* f at K nodes (NI[k], NR[k]) of rscene_grid's grid, as rscene_grid samples them. */
int rscene_grid_nodes(const prob *p, int cx, int cy, const double *slice, const double view[4],
                      int w, int h, const int *ni, const int *nr, int k, double *out);
/* f - f* or f lifted above 0, for a log colour scale. */
void rscene_grid_to_log(const prob *p, double *v, size_t n);

/* runscene_levels.c: the grid key set (gp, gcx, ..., gslice), sample its coarsest level
 * that fits BUDGET seconds (as measured on the four corners); 0 or -1. */
int rscene_levels_start(rscene *rs, double budget);
/* Samples on for about SECONDS (to the end of the level with LEVEL_END); 1 when nodes
 * were added, 0 when there is nothing left, -1 without memory. */
int rscene_levels_run(rscene *rs, double seconds, bool level_end);
/* grid from raw: known nodes as they are, the others bilinear from the finest whole
 * level, then to log where asked. */
void rscene_levels_show(rscene *rs, bool log_color);

/* A run's sampling distribution (meth.h's ellipse: CMA-ES) in coordinates cx, cy as its
 * one-sigma ellipse of RSCENE_CIRCLE points; -1 without one. */
int rscene_run_ellipse(const run *r, int cx, int cy, double *x, double *y);

#endif
