/* The picture of a 1-D problem: f over an interval that takes in the runs, and each
 * run's iterates (x_k, f(x_k)) joined on it: the classic slide of Newton's or a
 * step size's moves along the curve. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figreq.h"

#define CURVE_N 400 /* samples of f */

/* The interval: the problem's default view, widened to take in every run's iterates
 * (within ten spans: a diverged run does not flatten the curve), with 5% margins. */
static void curve_span(const prob *p, const fig_request *q, double *a, double *b)
{
	*a = p->view[0], *b = p->view[1];
	if (!(*b > *a) || !isfinite(*a) || !isfinite(*b))
		*a = -2, *b = 2;
	double c = (*a + *b) / 2, w = *b - *a, lo = *a, hi = *b;
	for (int k = 0; k < q->nruns; k++) {
		const trace *t = run_trace(q->runs[k].r);
		if (run_prob(q->runs[k].r) != p)
			continue;
		for (long i = 0; i < trace_len(t); i++) {
			double x = trace_x(t, i)[0];
			if (isfinite(x) && fabs(x - c) <= 10 * w)
				lo = fmin(lo, x), hi = fmax(hi, x);
		}
	}
	double m = 0.05 * (hi - lo);
	*a = lo < *a ? lo - m : *a;
	*b = hi > *b ? hi + m : *b;
}

int figreq_curve(const prob *p, const fig_request *q, figreq_scenes *sc, char *err, size_t cap)
{
	int nr = q->nruns < RSCENE_MAX_RUNS ? q->nruns : RSCENE_MAX_RUNS;
	sc->cx = malloc((size_t)(CURVE_N + 0) * 2 * sizeof *sc->cx);
	if (!sc->cx) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	double a, b, *cy = sc->cx + CURVE_N;
	curve_span(p, q, &a, &b);
	for (int i = 0; i < CURVE_N; i++) {
		double x = a + (b - a) * i / (CURVE_N - 1);
		sc->cx[i] = x;
		cy[i] = p->ops->value(p->ctx, &x); /* the problem's own oracle, not a run's count */
		if (!isfinite(cy[i]))
			cy[i] = NAN;
	}
	int ns = 0;
	sc->cseries[ns++] = (scene_series){.label = "f", .color = 7, .x = sc->cx, .y = cy,
	                                   .n = CURVE_N};
	for (int k = 0; k < nr; k++) {
		const trace *t = run_trace(q->runs[k].r);
		long len = trace_len(t);
		if (run_prob(q->runs[k].r) != p || len < 1)
			continue;
		double *xy = malloc(2 * (size_t)len * sizeof *xy);
		if (!xy) {
			snprintf(err, cap, "out of memory");
			return -1;
		}
		sc->cbuf[k] = xy;
		for (long i = 0; i < len; i++)
			xy[i] = trace_x(t, i)[0], xy[len + i] = trace_row_at(t, i)->f;
		sc->cseries[ns++] = (scene_series){.label = q->runs[k].label, .color = q->runs[k].color,
		                                   .x = xy, .y = xy + len, .n = (size_t)len,
		                                   .path = true};
	}
	prob_coord_name(p, 0, sc->xlabel, sizeof sc->xlabel);
	sc->curve = (scene_conv){.title = q->kind == KIND_CONTOUR ? q->title : NULL,
	                         .xlabel = sc->xlabel, .ylabel = "f", .series = sc->cseries,
	                         .nseries = ns, .style = q->style};
	memcpy(sc->curve.xlim, q->kind == KIND_CONTOUR ? q->xr : (double[2]){0, 0}, 2 * sizeof(double));
	memcpy(sc->curve.ylim, q->kind == KIND_CONTOUR ? q->yr : (double[2]){0, 0}, 2 * sizeof(double));
	sc->has_curve = true;
	return 0;
}
