/* moscene: the objective space of a multi-objective problem (multi.h) as scenes, in
 * place of a slice of its variables: f1 across, f2 up (the first two objectives), the
 * true Pareto front where it is known (black, its pieces broken where it is
 * disconnected), each run's path through objective space (its columns f1, f2) with start
 * and current point, and a population's current members as a cloud (their objectives
 * computed here through the problem's own oracle); and the hypervolume of what each run
 * holds against the iteration (its column hv), with the true front's as a dashed line.
 *
 * Ownership: a moscene owns the copies its scenes point into until moscene_free; the
 * scenes borrow the runs' labels. */
#ifndef OPTLAB_MOSCENE_H
#define OPTLAB_MOSCENE_H

#include "runscene.h"

typedef struct moscene {
	double nan4[4]; /* the field's empty 2 x 2 grid: no heatmap in objective space */
	scene_path paths[RSCENE_MAX_RUNS + 1];
	scene_path clouds[RSCENE_MAX_RUNS];
	scene_series series[RSCENE_MAX_RUNS + 1];
	double *buf[3 * RSCENE_MAX_RUNS + 2]; /* paths, clouds, series; the front, hv* line */
	int nbuf;
	char xlabel[16], ylabel[16];
	double hvline[4];
} moscene;

/* Is p's picture its objective space. */
bool moscene_applies(const prob *p);
/* Fills FIELD (objective space) and CONV (hypervolume; may be NULL) from the runs on
 * p. 0, or -1 with a message in ERR. */
int moscene_fill(moscene *m, const prob *p, const rscene_run *runs, int nruns,
                 scene_field *field, scene_conv *conv, char *err, size_t cap);
void moscene_free(moscene *m);

#endif
