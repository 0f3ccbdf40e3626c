/* ws: the workspace of named things: constants, problems, solvers and runs,
 * in one namespace, kept in the order they were defined (save replays it).
 *
 * Ownership: the workspace owns every item. A problem is shared by the runs
 * made on it (reference counted), so that redefining or deleting its name
 * leaves those runs intact. */
#ifndef OPTLAB_WS_H
#define OPTLAB_WS_H

#include "optlab.h"

#define WS_NAME_MAX 64

enum ws_kind { WS_CONST, WS_PROBLEM, WS_SOLVER, WS_RUN, WS_DATA };

/* A constant as it was when a problem was defined. */
typedef struct ws_const_val {
	char name[WS_NAME_MAX];
	double value;
} ws_const_val;

typedef struct ws_prob {
	prob *p;
	char *def; /* the text after `problem NAME`, e.g. "(x, y) = x^2 + y" */
	int refs;
	ws_const_val *consts; /* the constants its definition saw (save replays them), */
	int nconsts;          /* or -1: not recorded */
} ws_prob;

/* The worklimit a run's steps up to iter were taken under (save replays them so). */
typedef struct ws_work {
	long iter, limit;
} ws_work;

typedef struct ws_solver {
	const meth *m;
	double params[PARAM_MAX];
	/* the spec as typed ("gd(step = 4/(sqrt(L)+1)^2)"), valid while params equal tparams;
	 * "" when too long or not typed */
	char text[256];
	double tparams[PARAM_MAX];
} ws_solver;

typedef struct ws_run {
	run *r;
	ws_prob *prob;    /* a reference */
	char *prob_name;  /* the name it had when the run was made */
	char *solver_def; /* "gd(step = 0.1)": a method spec that rebuilds the solver */
	double *x0;
	int default_start;
	char *start_def; /* `from` as save writes it (ones, zeros, fill(V)), or NULL: x0's values */
	struct bound *bound; /* the textbook rate bound drawn with it (`bound`), or NULL */
	char *bound_args;    /* the arguments of that `bound` command, for save */
	char *label;         /* `label`: the run's name in figures, the view and CSV; NULL: its name */
	long work_made;      /* the worklimit when it was made */
	ws_work *work;       /* where the worklimit changed after it was made */
	int nwork;
} ws_run;

#define WS_LABEL_MAX 200 /* bytes of a run's label */

typedef struct ws_item {
	enum ws_kind kind;
	char name[WS_NAME_MAX];
	long seq; /* definition order */
	union {
		struct {
			double value;
			char *def;
		} c;
		struct {
			double *v; /* len values (`data NAME = [...]`, `data A, B = csv(...)`) */
			int len;
			char *def; /* from a file: the text after `data` that read it, else NULL */
		} d;
		ws_prob *prob;
		ws_solver solver;
		ws_run run;
	} u;
} ws_item;

typedef struct ws {
	ws_item **items;
	int count, cap;
	long next_seq;
} ws;

void ws_init(ws *w);
void ws_clear(ws *w);

ws_item *ws_get(ws *w, const char *name);
/* The text that names run IT in pictures: its label, else its name. */
const char *ws_run_label(const ws_item *it);
ws_item *ws_get_kind(ws *w, const char *name, enum ws_kind kind);
const char *ws_kind_name(enum ws_kind kind);

/* Adds a new item, replacing one of the same name and kind (its contents are
 * released). Returns NULL when the name belongs to another kind, or without memory. */
ws_item *ws_put(ws *w, const char *name, enum ws_kind kind);
int ws_delete(ws *w, const char *name);

/* NULL without memory (then p stays the caller's). */
ws_prob *ws_prob_new(prob *p, const char *def);
void ws_prob_release(ws_prob *wp);

/* The constants and data vectors as expr_const rows (valid until the workspace
 * changes). */
int ws_consts(ws *w, expr_const *out, int cap);
/* Records in wp the constants now defined; -1 without memory. */
int ws_prob_capture(ws *w, ws_prob *wp);
/* The worklimit changes from old: every run notes where its steps stand. */
int ws_note_worklimit(ws *w, long old);

#endif
