/* moscene: objective space and hypervolume scenes (moscene.h). */
#include "moscene.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRONT_COLOR 7 /* black in the run palette */

bool moscene_applies(const prob *p)
{
	return multi_of(p) != NULL;
}

/* A new buffer of n doubles kept until moscene_free, or NULL. */
static double *keep(moscene *m, size_t n)
{
	if (m->nbuf >= (int)(sizeof m->buf / sizeof *m->buf))
		return NULL;
	double *b = malloc((n ? n : 1) * sizeof *b);
	if (b)
		m->buf[m->nbuf++] = b;
	return b;
}

/* Widens the box lo..hi to take in (x, y) when both are finite. */
static void take(double *box, double x, double y)
{
	if (!isfinite(x) || !isfinite(y))
		return;
	box[0] = fmin(box[0], x), box[1] = fmax(box[1], x);
	box[2] = fmin(box[2], y), box[3] = fmax(box[3], y);
}

/* A run's path through objective space from its columns f1, f2 (a population method's
 * reported member jumps between members: its current point alone); 0 or -1 (no memory). */
static int run_path(moscene *m, const rscene_run *rr, scene_path *path, double *box)
{
	const trace *t = run_trace(rr->r);
	long len = trace_len(t), from = run_meth(rr->r)->global ? len - 1 : 0;
	int c1 = trace_extra_find(t, "f1"), c2 = trace_extra_find(t, "f2");
	double *x = keep(m, 2 * (size_t)len);
	if (!x)
		return -1;
	double *y = x + len;
	for (long i = from; i < len; i++) {
		x[i - from] = c1 >= 0 ? trace_extra(t, i, c1) : NAN;
		y[i - from] = c2 >= 0 ? trace_extra(t, i, c2) : NAN;
		take(box, x[i - from], y[i - from]);
	}
	*path = (scene_path){rr->label, rr->color, x, y, (size_t)(len - from), from == 0, true, SCENE_TRIAL_NONE};
	return 0;
}

/* The run's current probes (a population) in objective space: 0 or -1 (no memory). */
static int run_cloud(moscene *m, const prob *p, const rscene_run *rr, scene_path *cloud,
                     double *box)
{
	const trace *t = run_trace(rr->r);
	const double *pts;
	int np = trace_probes(t, trace_len(t) - 1, &pts);
	*cloud = (scene_path){NULL, rr->color, NULL, NULL, 0, false, false, SCENE_TRIAL_NONE};
	if (np <= 0 || trace_nx(t) != p->n)
		return 0; /* members kept whole only up to TRACE_MAX_FULL coordinates */
	multi *mu = multi_of(p);
	double *x = keep(m, 2 * (size_t)np), fv[MULTI_MAX];
	if (!x)
		return -1;
	double *y = x + np;
	for (int i = 0; i < np; i++) {
		multi_values(mu, pts + (size_t)i * p->n, fv);
		x[i] = fv[0];
		y[i] = fv[1];
		take(box, x[i], y[i]);
	}
	*cloud = (scene_path){NULL, rr->color, x, y, (size_t)np, false, false, SCENE_TRIAL_NONE};
	return 0;
}

/* The run's hv column against the iteration. */
static int run_series(moscene *m, const rscene_run *rr, scene_series *s)
{
	const trace *t = run_trace(rr->r);
	long len = trace_len(t);
	int c = trace_extra_find(t, "hv");
	double *x = keep(m, 2 * (size_t)len);
	if (!x)
		return -1;
	double *y = x + len;
	for (long i = 0; i < len; i++) {
		x[i] = (double)trace_row_at(t, i)->iter;
		y[i] = c >= 0 ? trace_extra(t, i, c) : NAN;
	}
	*s = (scene_series){.label = rr->label, .color = rr->color, .x = x, .y = y,
	                    .n = (size_t)len};
	return 0;
}

int moscene_fill(moscene *m, const prob *p, const rscene_run *runs, int nruns,
                 scene_field *field, scene_conv *conv, char *err, size_t cap)
{
	memset(m, 0, sizeof *m);
	multi *mu = multi_of(p);
	if (!mu) {
		snprintf(err, cap, "'%s' has a single objective", p->name);
		return -1;
	}
	double box[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY};
	int np = 0, nc = 0, ns = 0;
	long last = 0;
	if (mu->front) { /* the true front first, under the runs */
		double *x = keep(m, 2 * (size_t)mu->nfront);
		if (!x)
			goto oom;
		double *y = x + mu->nfront;
		for (int i = 0; i < mu->nfront; i++) {
			x[i] = mu->front[(size_t)i * mu->k];
			y[i] = mu->front[(size_t)i * mu->k + 1];
			take(box, x[i], y[i]);
		}
		m->paths[np++] = (scene_path){"Pareto front", FRONT_COLOR, x, y, (size_t)mu->nfront,
		                              false, false, SCENE_TRIAL_NONE};
	}
	for (int i = 0; i < nruns; i++) {
		if (run_prob(runs[i].r) != p)
			continue;
		if (run_path(m, &runs[i], &m->paths[np++], box) ||
		    run_cloud(m, p, &runs[i], &m->clouds[nc], box) ||
		    (conv && run_series(m, &runs[i], &m->series[ns++])))
			goto oom;
		nc += m->clouds[nc].n > 0;
		last = run_iter(runs[i].r) > last ? run_iter(runs[i].r) : last;
	}
	if (!(box[1] >= box[0])) /* nothing finite: the unit square */
		box[0] = box[2] = 0, box[1] = box[3] = 1;
	double wx = fmax(box[1] - box[0], 1e-12 * (1 + fabs(box[0])));
	double wy = fmax(box[3] - box[2], 1e-12 * (1 + fabs(box[2])));
	for (int i = 0; i < 4; i++)
		m->nan4[i] = NAN;
	snprintf(m->xlabel, sizeof m->xlabel, "f1");
	snprintf(m->ylabel, sizeof m->ylabel, "f2");
	*field = (scene_field){
	    .title = NULL,
	    .xlabel = m->xlabel, .ylabel = m->ylabel,
	    .x0 = box[0] - 0.05 * wx, .x1 = box[1] + 0.05 * wx,
	    .y0 = box[2] - 0.05 * wy, .y1 = box[3] + 0.05 * wy,
	    .values = m->nan4, .w = 2, .h = 2,
	    .vmin = NAN, .vmax = NAN,
	    .paths = m->paths, .npaths = np,
	    .clouds = m->clouds, .nclouds = nc,
	    .stretch = true,
	};
	if (conv) {
		if (isfinite(mu->hvstar)) { /* the true front's hypervolume, dashed */
			m->hvline[0] = 0, m->hvline[1] = (double)(last > 0 ? last : 1);
			m->hvline[2] = m->hvline[3] = mu->hvstar;
			m->series[ns++] = (scene_series){.label = "true front", .color = FRONT_COLOR,
			                                 .x = m->hvline, .y = m->hvline + 2, .n = 2,
			                                 .dashed = true};
		}
		*conv = (scene_conv){.title = NULL, .xlabel = "iteration",
		                     .ylabel = "hypervolume", .ylog = false,
		                     .series = m->series, .nseries = ns};
	}
	return 0;
oom:
	moscene_free(m);
	snprintf(err, cap, "out of memory");
	return -1;
}

void moscene_free(moscene *m)
{
	for (int i = 0; i < m->nbuf; i++)
		free(m->buf[i]);
	m->nbuf = 0;
}
