/* view: the live picture of the workspace. One frame is a pure function of the
 * session and the view's state (view_frame.c), drawn into a canvas, so that
 * `render` prints it without a terminal and tests compare it as text; keys map
 * to actions (view_keys.c); the full-screen loop (view_term.c) paces stepping
 * and drawing and writes only the cells that changed.
 *
 * Ownership: view_state_init allocates what view_state_free releases; the
 * state borrows the session, whose workspace it reads and steps. */
#ifndef OPTLAB_VIEW_H
#define OPTLAB_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "runscene.h"
#include "sess.h"

#define VIEW_MIN_W 40 /* smaller terminals get a note instead of a picture */
#define VIEW_MIN_H 12
#define VIEW_SPEEDS 14 /* speed levels, iterations a second: view_speed_rate */
#define VIEW_DEFAULT_SPEED 4
#define VIEW_MSG_MAX 16384 /* bytes of a message: a command's output, an explanation */

/* What a key does. ORDER view_action: with the names in view_keys.c. */
typedef enum view_action {
	VIEW_NONE,
	VIEW_STEP,     /* one step of every running run */
	VIEW_RUN,      /* run / pause */
	VIEW_FASTER,
	VIEW_SLOWER,
	VIEW_PAN_LEFT,
	VIEW_PAN_RIGHT,
	VIEW_PAN_UP,
	VIEW_PAN_DOWN,
	VIEW_ZOOM_IN,
	VIEW_ZOOM_OUT,
	VIEW_RESET,    /* the default viewport */
	VIEW_PICK_NEXT,
	VIEW_PICK_PREV,
	VIEW_LOG,      /* log colour on / off */
	VIEW_XAXIS,    /* the convergence panel's x axis: iteration, epoch, time in turn */
	VIEW_HEAT,     /* the heatmap: f, a bo run's GP mean, its acquisition in turn */
	VIEW_EXPLAIN,  /* `explain` the picked run's last step, with arrows */
	VIEW_COMMAND,  /* `:` a command line */
	VIEW_MSG_UP,   /* PgUp: the message pane shows earlier lines */
	VIEW_MSG_DOWN, /* PgDn: later lines */
	VIEW_REDRAW,   /* Ctrl-L, and a resized terminal */
	VIEW_QUIT,
	VIEW_ACTION_COUNT
} view_action;

/* The action of a key as ncurses' getch returns it (KEY_LEFT, '\t', ...). */
view_action view_key_action(int key);
const char *view_action_name(view_action a);

/* Viewport math on v = {x0, x1, y0, y1}. Zoom about the centre: FACTOR < 1
 * zooms in. Pan by fractions of the width and height (positive: right, up). */
void view_zoom(double v[4], double factor);
void view_pan(double v[4], double fx, double fy);
/* Iterations a second at speed level L (clamped to 0 .. VIEW_SPEEDS-1). */
double view_speed_rate(int level);

/* The `:` command line: a one-line editor with a short history. */
#define VIEW_LINE_MAX 512
#define VIEW_HISTORY 16
typedef struct view_line {
	bool active;
	char buf[VIEW_LINE_MAX];
	int len, pos; /* bytes; the cursor is before buf[pos] */
	char hist[VIEW_HISTORY][VIEW_LINE_MAX];
	int nhist, hpos; /* hpos: the entry shown, nhist for the line being typed */
} view_line;
typedef enum view_line_result { VIEW_LINE_EDIT, VIEW_LINE_DONE, VIEW_LINE_CANCEL } view_line_result;
/* Starts an empty line. */
void view_line_open(view_line *ln);
/* Edits by one key (printable ASCII, Backspace, Delete, arrows, Home, End,
 * Ctrl-A/E/U/W, Up/Down for history); Enter ends it (a non-empty line goes
 * into the history), Esc or Ctrl-C cancels. */
view_line_result view_line_key(view_line *ln, int key);

/* Where the parts of a frame go in a W x H terminal, with a message pane of
 * MSG_ROWS rows (clamped to 1 .. view_msg_cap(h)). */
typedef struct view_layout {
	bool too_small;
	canvas_rect title, field, conv, status, msg, help;
	int status_rows; /* runs shown on status lines */
} view_layout;
void view_layout_compute(int w, int h, int nruns, int msg_rows, view_layout *lo);
/* The most rows the message pane takes in a terminal H rows high. */
int view_msg_cap(int h);
/* A row of a message: bytes [off, off + len) of the text. */
typedef struct view_msg_row {
	int off, len;
} view_msg_row;
/* Splits TEXT into rows of at most W cells: at its newlines, and a longer line
 * at its last space that fits (else within a word). Fills up to CAP rows and
 * returns how many there are in all. */
int view_msg_wrap(const char *text, int w, view_msg_row *rows, int cap);

/* The view's state: what it shows and how. */
typedef struct view_state {
	sess *s;
	int cx, cy;          /* coordinates of the picture, 0-based */
	bool coords_given;   /* `view x3 x7`: kept while the problem has them */
	double vp[4];        /* viewport */
	bool vp_valid;       /* vp belongs to vp_prob and the coordinates */
	const prob *vp_prob;
	bool log_color, log_given; /* log_given: the user chose; else the problem's default */
	rscene_xaxis xaxis;  /* the convergence panel's x axis */
	rscene_heat heat;    /* what the heatmap shows (`h`) */
	int speed;           /* level, see view_speed_rate */
	bool running;        /* `r`: stepping on its own */
	double credit;       /* steps owed by the pace, fractional */
	int pick;            /* index into runs */
	char msg[VIEW_MSG_MAX]; /* the last command's output or error, in the message pane */
	bool msg_error;
	int msg_top;         /* the first row of the message the pane shows (PgUp, PgDn) */
	int msg_rows, msg_shown; /* its rows in all and the pane's, as last drawn */
	view_line line;      /* the `:` command line, drawn in place of the help */
	bool auto_log;       /* log colour chosen for the current problem already */
	bool explain;        /* `e`: the picked run's last step drawn as two arrows */
	bool progressive;    /* the live view: a costly picture coarse first, refined between
	                      * keys (render: the whole grid, capped as figures cap it) */
	rscene *rs;
	struct teach_bounds *tb; /* the runs' rate bounds as dashed curves (`bound`) */
	/* rebuilt from the workspace by view_sync */
	rscene_run runs[RSCENE_MAX_RUNS];
	ws_item *items[RSCENE_MAX_RUNS];
	int nruns, total_runs; /* shown, and in the workspace */
	const prob *p;       /* the problem pictured */
	const char *pname;   /* its workspace name */
	const char *pdef;    /* its definition as typed: "= rosenbrock", "(x, y) = ..." */
} view_state;

int view_state_init(view_state *vs, sess *s);
void view_state_free(view_state *vs);
/* Reads the workspace again (after a command): runs, the pictured problem (the
 * picked run's, else the newest problem), the viewport when the problem
 * changed. 0, or -1 with a message in ERR when there is nothing to show. */
int view_sync(view_state *vs, char *err, size_t cap);
/* Coordinates for the picture by name ("x3", "y") or 1-based number; 0, or -1
 * with a message in ERR. */
int view_set_coords(view_state *vs, const char *a, const char *b, char *err, size_t cap);
/* Applies an action other than VIEW_COMMAND and VIEW_QUIT. Returns true when
 * the frame changed. */
bool view_apply(view_state *vs, view_action a);
/* The point the picture slices through: the picked run's iterate when it runs on the
 * pictured problem, else the problem's default start. */
const double *view_slice(const view_state *vs);
/* The picked coordinates (cx, cy) of the last step of R as three points: x_{k-1},
 * the end of the plain gradient step x_{k-1} - t grad f(x_{k-1}), and x_k (the rest:
 * momentum, extrapolation, prox). 0, or -1 when there is no step, no gradient or
 * no whole iterate. */
int view_explain_points(const run *r, int cx, int cy, double px[3], double py[3]);
/* Sets the message (the pane from its top); ERROR: in the error colour. */
void view_set_msg(view_state *vs, const char *text, bool error);
/* Steps every running run by up to K steps, for at most BUDGET seconds (0: no
 * limit, one step at least); returns the steps taken. */
long view_step_runs(view_state *vs, long k, double budget);
/* Draws the whole frame into C (cleared first). 0, or -1 with a message. */
int view_draw(view_state *vs, canvas *c, char *err, size_t cap);

/* The bytes that bring a terminal from PREV to NEXT: cursor moves and SGR
 * colour for the changed cells only (the view's true-colour output). Appends
 * to *buf (grown with realloc; *cap its size) and returns the new length, or
 * (size_t)-1 without memory. */
size_t view_serialize(const canvas *prev, const canvas *next, char **buf, size_t *cap);

/* The canvas mode for a terminal: ASCII under NO_COLOR (set and not empty), a
 * locale that is not UTF-8 or fewer than 256 colours; true colour where
 * COLORTERM is truecolor or 24bit; else 256 colours. */
canvas_mode view_pick_mode(const char *no_color, const char *colorterm, int colors, bool utf8);

/* The full-screen loop over the session's workspace (view_term.c), starting
 * to step at once when RUNNING. Returns 0, or -1 with an error recorded in
 * the session. The terminal is restored on every way out. */
int view_run(view_state *vs, bool running);
/* Opens the view on the session: view_sync, the coordinates A and B when not
 * NULL, then view_run, with MSG (or NULL) on the message row. 0, or -1 with
 * the error recorded in the session. */
int view_open(sess *s, const char *a, const char *b, bool running, const char *msg);
/* `optlab --demo` (view_demo.c): defines Rosenbrock and four runs in the
 * session and opens the view on them, running. */
int view_demo(sess *s);
/* True while the view is on the screen (the view refuses to nest). */
bool view_active(void);

#endif
