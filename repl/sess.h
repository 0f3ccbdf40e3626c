/* sess: one session of the command language: where commands come from, where
 * their output and errors go, and the workspace they act on. */
#ifndef OPTLAB_SESS_H
#define OPTLAB_SESS_H

#include <stdatomic.h>
#include <stdio.h>

#include "scene.h"
#include "ws.h"

/* Settings (`set NAME VALUE`); ORDER: with the table in cmd_set.c. */
typedef struct sess_settings {
	int precision;  /* significant digits in tables and status lines */
	long maxsteps;  /* the default `max` of until */
	long steplimit; /* the most steps one command may ask for */
	run_opts run;   /* the stop tests and seed that new runs get */
	long linelimit;  /* bytes of one logical line */
	long depthlimit; /* nesting of an expression */
	long dimlimit;   /* unknowns of a problem */
	long gridlimit;  /* nodes of a picture's grid (render, view, figures) */
	long worklimit;  /* operations of one evaluation's reduction terms */
	/* the runs' colours in the view, render and figures (an export's own `colors`
	 * wins): ncolors 0 the run palette; colors_text as `set colors` takes it */
	int ncolors;
	cmap_rgb colors[SCENE_COLORS_MAX];
	char colors_text[8 * SCENE_COLORS_MAX + 1];
} sess_settings;

typedef struct sess {
	FILE *out, *err;
	int interactive; /* a person at a terminal: carets under errors, progress */
	int quit;        /* set by `quit`: stop reading commands */
	atomic_int interrupted; /* Ctrl-C: long commands stop early; atomic, as sweep threads read it */
	ws ws;
	sess_settings set;
	int depth; /* nesting of `load` */
	int sandbox; /* no files and no terminal: load, save, export and view refuse (fuzzing) */
	const char *save_path; /* the script `save` is writing (values too long for a line go
	                          beside it), or NULL */
	int out_errno; /* why writing out first failed, 0 while it has not */
	/* --replay: files are written only to this one (NULL: no such guard);
	 * the others the script would write are listed here, not written */
	const char *write_only;
	char **refused;
	int nrefused;
	/* While the live view runs a `:` command: its problem, coordinates and contour
	 * box, so that `export` draws the view's zoom and pan. view_prob NULL otherwise. */
	const prob *view_prob;
	int view_cx, view_cy;
	double view_box[4];

	/* The command being run, for error positions. */
	const char *source; /* "FILE.opl", "-e", "<stdin>" */
	int line;           /* first physical line of the logical line */
	const char *text;   /* the whole logical line */
	int cmd_off;        /* offset of the current command in text */
	int error_col;      /* -1 while no error */
	int reported;       /* the error was printed (by a nested script) */
	char error_msg[512];
} sess;

void sess_init(sess *s, FILE *out, FILE *err, int interactive);
void sess_free(sess *s);
void sess_settings_default(sess_settings *set);
/* The session's run colours (`set colors`) into ST, unless ST has its own. */
void sess_colors(const sess *s, scene_style *st);

/* Runs the commands of one logical line (split by ';', '#' comments).
 * Returns 0, or -1 after the first error, which has been reported. */
int sess_run_line(sess *s, const char *text, const char *source, int line);
/* Runs a whole script; stops at the first error (-1) or `quit`. */
int sess_run_stream(sess *s, FILE *f, const char *source);
int sess_run_text(sess *s, const char *text, const char *source);

/* Whether a command may write path: 0 yes, 1 no (--replay's guard: the path is
 * listed in s->refused and the command writes nothing), -1 without memory. */
int sess_may_write(sess *s, int col, const char *path);

/* Records an error at byte col of the current command (0-based) and
 * returns -1, so that handlers can `return sess_fail(...)`. */
int sess_fail(sess *s, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
