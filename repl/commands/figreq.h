/* figreq: what `export "FILE.png|svg|pdf|gif" ...` asks for, parsed once, and the
 * scenes it draws; shared by still figures (cmd_figure.c) and animations
 * (cmd_anim.c). Ownership: figreq_free releases the title; figreq_scenes_free
 * what figreq_scenes made. */
#ifndef OPTLAB_FIGREQ_H
#define OPTLAB_FIGREQ_H

#include <stdbool.h>

#include "lex.h"
#include "moscene.h"
#include "runscene.h"
#include "sess.h"
#include "teach.h"

/* KIND_ACQ: the contour beside a surrogate's acquisition (a bo run's) */
enum fig_kind { KIND_AUTO, KIND_CONTOUR, KIND_CONVERGENCE, KIND_BOTH, KIND_TERNARY, KIND_ACQ };

typedef struct fig_request {
	enum fig_kind kind;
	int width, height;
	char *title;
	int log; /* -1: the problem's default; 0: linear colour; 1: log colour */
	rscene_metric metric;
	rscene_xaxis xaxis;
	rscene_heat heat; /* `heatmap f|gp|acq`: what the contour panel colours */
	rscene_run runs[RSCENE_MAX_RUNS];
	int nruns;
	scene_style style;
	double xr[2], yr[2]; /* xrange, yrange: lo < hi when given */
	double box[4];       /* `box A:B C:D`, the contour's box: box[0] < box[1] when given */
	bool box_from_view;  /* box is the live view's (exported with `:export`) */
	int frames;          /* animations: frames (0: default), */
	double fps;          /* frames a second (0: default) */
	bool gif;            /* the file is an animation: frames and fps allowed */
} fig_request;

/* The words after the file name into Q (defaults first), every run when none is
 * named. 0, or -1 after sess_fail. */
int figreq_parse(sess *s, lex *l, fig_request *q);
/* `colors NAME` or `colors "#rrggbb,#rrggbb,..."` (after the word): the runs' colours in
 * order into ST, and into NAME (CAP bytes; may be NULL) the palette's name or the list
 * as "#rrggbb,...". 0, or -1 after sess_fail. */
int figreq_parse_colors(sess *s, lex *l, scene_style *st, char *name, size_t cap);
void figreq_free(fig_request *q);

/* The scenes of a contour, convergence or both request. */
typedef struct figreq_scenes {
	rscene *rs;
	teach_bounds tb;
	scene_field field;
	scene_conv conv;
	bool has_field, has_conv;
	scene_field acq; /* KIND_ACQ: the acquisition beside the field */
	bool has_acq;
	char xlabel[200]; /* n > 2: the contour's x label says which slice it is */
	/* n = 1: f(x) with the iterates on it, in place of the contour */
	bool has_curve;
	scene_conv curve;
	scene_series cseries[RSCENE_MAX_RUNS + 1];
	double *cx, *cbuf[RSCENE_MAX_RUNS];
	moscene *ms; /* several objectives: objective space and hypervolume, or NULL */
} figreq_scenes;

/* cmd_figure1d.c: fills SC's curve for a 1-D problem. 0, or -1 with a message in ERR. */
int figreq_curve(const prob *p, const fig_request *q, figreq_scenes *sc, char *err, size_t cap);

/* 0, or -1 with a message in ERR. */
int figreq_scenes_make(sess *s, fig_request *q, figreq_scenes *sc, char *err, size_t cap);
void figreq_scenes_free(figreq_scenes *sc);


/* cmd_anim.c: `export "FILE.gif" ...`. */
int cmd_export_anim(sess *s, lex *l, const char *path, int path_col);

#endif
