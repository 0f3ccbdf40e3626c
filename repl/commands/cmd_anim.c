/* `export "FILE.gif" ...`: the runs stepping over the contour while the
 * convergence panel grows, one frame per chosen iteration. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "fig_gif.h"
#include "figreq.h"
#include "version.h"

#define ANIM_FRAMES 60 /* default frames (fewer when the runs are shorter) */
#define ANIM_FPS 10
#define ANIM_HOLD 2.0  /* seconds the last frame stays */

typedef struct anim {
	const fig_request *q;
	const figreq_scenes *sc;
	const long *kf;    /* the iteration each frame shows */
	double xaxes[4];   /* the last frame's convergence axes, kept by every frame */
	scene_path paths[3 * RSCENE_MAX_RUNS + 1]; /* as many as rscene_field gives */
	scene_series series[2 * RSCENE_MAX_RUNS];
} anim;

/* Row I's place on the x axis of run R's series. */
static double row_x(const trace *t, long i, rscene_xaxis x)
{
	switch (x) {
	case RSCENE_XEPOCH: return trace_epoch(t, i);
	case RSCENE_XTIME: return trace_row_at(t, i)->time;
	default: return (double)trace_row_at(t, i)->iter;
	}
}

/* Points of a series with x <= CAP (x is non-decreasing). */
static size_t upto(const scene_series *sr, double cap)
{
	size_t n = 0;
	while (n < sr->n && !(sr->x[n] > cap))
		n++;
	return n;
}

static void anim_frame(cairo_t *cr, const fig_opts *o, const void *ctx, int f)
{
	anim *a = (anim *)ctx; /* the frame buffers are scratch space */
	long k = a->kf[f];
	scene_field field;
	scene_conv conv;
	if (a->sc->has_field) {
		field = a->sc->field;
		int np = 0;
		for (int i = 0; i < field.npaths; i++) {
			if (field.paths[i].trial != SCENE_TRIAL_NONE)
				continue; /* the last row's model step: not of earlier frames */
			a->paths[np] = field.paths[i];
			if (a->paths[np].n > (size_t)k + 1)
				a->paths[np].n = (size_t)k + 1;
			np++;
		}
		field.paths = a->paths;
		field.npaths = np;
	}
	if (a->sc->has_conv) {
		conv = a->sc->conv;
		for (int i = 0; i < conv.nseries && i < 2 * RSCENE_MAX_RUNS; i++) {
			a->series[i] = conv.series[i];
			double cap = (double)k; /* rate bounds are in iterations */
			if (i < a->q->nruns) {
				const trace *t = run_trace(a->q->runs[i].r);
				long len = trace_len(t);
				cap = len > 0 ? row_x(t, k < len ? k : len - 1, a->q->xaxis) : 0;
			}
			a->series[i].n = upto(&conv.series[i], cap);
		}
		conv.series = a->series;
		conv.xlim[0] = a->xaxes[0], conv.xlim[1] = a->xaxes[1];
		conv.ylim[0] = a->xaxes[2], conv.ylim[1] = a->xaxes[3];
	}
	fig_draw_page(cr, o->width, o->height, a->sc->has_field ? &field : NULL,
	              a->sc->has_conv ? &conv : NULL);
}

/* N frames over iterations 0 .. K, strictly increasing, the last at K: evenly
 * spread, or on a log schedule when the runs are long (the early iterations,
 * where most happens, get their share of frames). */
static void schedule(long *kf, int n, long K)
{
	bool lg = K + 1 > 4L * n;
	long prev = -1;
	for (int f = 0; f < n; f++) {
		double t = n > 1 ? (double)f / (n - 1) : 1;
		long k = lg ? lround(pow((double)K + 1, t)) - 1 : lround(t * (double)K);
		k = k > prev ? k : prev + 1;
		k = k < K - (n - 1 - f) ? k : K - (n - 1 - f);
		kf[f] = prev = k;
	}
}

int cmd_export_anim(sess *s, lex *l, const char *path, int path_col)
{
	fig_request q = {.kind = KIND_AUTO, .width = 960, .height = 540, .log = -1, .gif = true};
	if (figreq_parse(s, l, &q) != 0) {
		figreq_free(&q);
		return -1;
	}
	if (q.nruns == 0 || q.kind == KIND_TERNARY || q.kind == KIND_ACQ) {
		figreq_free(&q);
		return sess_fail(s, path_col, q.nruns ? "an animation is contour, convergence or both"
		                                      : "no runs to draw; make one with `run`");
	}
	long K = 0;
	for (int i = 0; i < q.nruns; i++) {
		long len = trace_len(run_trace(q.runs[i].r));
		K = len - 1 > K ? len - 1 : K;
	}
	int n = q.frames > 0 ? q.frames : ANIM_FRAMES;
	if (n > K + 1)
		n = (int)(K + 1);
	figreq_scenes sc;
	char err[512];
	long *kf = malloc((size_t)n * sizeof *kf);
	int rc = kf ? figreq_scenes_make(s, &q, &sc, err, sizeof err) : -1;
	if (!kf) {
		snprintf(err, sizeof err, "out of memory");
		memset(&sc, 0, sizeof sc);
	}
	if (rc == 0) {
		schedule(kf, n, K);
		anim a = {.q = &q, .sc = &sc, .kf = kf};
		if (sc.has_conv && scene_conv_axes(&sc.conv, &a.xaxes[0], &a.xaxes[1], &a.xaxes[2],
		                                   &a.xaxes[3]) != 0)
			a.xaxes[0] = a.xaxes[1] = 0; /* nothing to draw: every frame says so alike */
		char software[64];
		snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
		fig_opts fo = {.width = q.width, .height = q.height, .software = software};
		rc = fig_gif_write(path, &fo, n, q.fps > 0 ? q.fps : ANIM_FPS, ANIM_HOLD, anim_frame, &a,
		                   err, sizeof err);
	}
	free(kf);
	figreq_scenes_free(&sc);
	figreq_free(&q);
	return rc == 0 ? 0 : sess_fail(s, path_col, "%s", err);
}
