/* teach: the rate bounds stored with runs, as dashed series beside the
 * measured curves of a convergence scene (figures and the live view).
 *
 * Ownership: teach_bounds owns the series and points it adds; they stay valid
 * until the next teach_bounds_fill on it or teach_bounds_free. */
#ifndef OPTLAB_TEACH_H
#define OPTLAB_TEACH_H

#include "runscene.h"
#include "ws.h"

typedef struct teach_bounds {
	scene_series series[2 * RSCENE_MAX_RUNS];
	double *xs[RSCENE_MAX_RUNS], *ys[RSCENE_MAX_RUNS];
	char labels[RSCENE_MAX_RUNS][WS_LABEL_MAX + 320]; /* label, " bound: ", formula (256) */
} teach_bounds;

void teach_bounds_init(teach_bounds *tb);
void teach_bounds_free(teach_bounds *tb);
/* Replaces CONV's series by its own followed by a dashed bound for each run
 * of RUNS that has one in the workspace, when CONV plots f - f* (USED). The
 * bound is drawn in its run's colour up to that run's iteration, labelled
 * with its formula. 0, or -1 without memory (CONV unchanged). */
int teach_bounds_fill(teach_bounds *tb, ws *w, const rscene_run *runs, int nruns,
                      rscene_metric used, scene_conv *conv);

#endif
