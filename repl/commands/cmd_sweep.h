/* cmd_sweep: what `sweep` parsed, shared by the one-parameter table and figure
 * (cmd_sweep.c) and the two-parameter phase diagram (cmd_sweep2.c).
 *
 * Ownership: the request owns x0 and path (cmd_sweep frees them). */
#ifndef OPTLAB_CMD_SWEEP_H
#define OPTLAB_CMD_SWEEP_H

#include "sess.h"
#include "sweep.h"

/* One swept parameter: k, with N values from A to B, evenly or in log. */
typedef struct sweep_axis {
	int k;
	int logspace;
	double a, b;
	int npts;
} sweep_axis;

typedef struct sweep_req {
	ws_solver sv;
	sweep_axis ax[2]; /* the points run ax[0] fastest */
	int naxes;        /* 1 or 2 */
	int map_rate;     /* a phase diagram of the rate, not the iterations */
	const ws_item *pi;
	double *x0;
	long max;
	int threads;
	char *path;       /* export, or NULL */
	int width, height;
} sweep_req;

/* The axis's value I (its last exactly B). */
double sweep_axis_at(const sweep_axis *a, int i);
/* What became of a point: met, max, diverged, refused, interrupted, ... */
const char *sweep_result(const sweep_point *p, long max);

/* cmd_sweep2.c: the grid's summary (and the grid itself when small), the theory's
 * optimum where it is known, and the heatmap with the region of convergence. */
void sweep2_table(sess *s, const sweep_req *q, const sweep_point *pt);
int sweep2_figure(sess *s, lex *l, const sweep_req *q, const sweep_point *pt,
                  const char *cond_text);

#endif
