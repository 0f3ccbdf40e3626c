/* view_term: the full-screen loop. ncurses reads the keyboard (keypad, resize)
 * and, in 256 colours or none, writes the changed cells with one doupdate a
 * frame; true colour is written as SGR sequences of the changed cells. Steps
 * are paced by the clock and the keyboard is read between frames, so a fast
 * method cannot starve it. Every way out goes through one cleanup; SIGTERM and
 * SIGHUP restore the terminal from the handler itself. */
#define NCURSES_WIDECHAR 1
/* curses.h declares a function trace(), a name the solver core gives a type */
#define trace curses_trace_unused
#include <curses.h>
#undef trace
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "fatal.h"
#include "fmt.h"
#include "view.h"

#define FRAME 0.033     /* seconds between frames while running */
#define STEP_SHARE 0.5  /* of a frame that stepping may take */
#define IDLE_MS 250     /* waiting for a key when nothing moves: signals are felt */
#define REFINE_SLICE 0.05 /* seconds of a picture's refinement between looks at the keys */

/* Signal state is process-wide by nature. */
static volatile sig_atomic_t got_sigint;
static sess *sig_sess;
static struct termios shell_tio;
static char restore_seq[256];
static size_t restore_len;
static volatile sig_atomic_t got_winch;
static bool in_view;

bool view_active(void)
{
	return in_view;
}

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
	if (sig_sess)
		sig_sess->interrupted = 1;
}

static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void add_cap(const char *name)
{
	char *v = tigetstr(name);
	size_t n = v && v != (char *)-1 ? strlen(v) : 0;
	if (n && restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, v, n);
		restore_len += n;
	}
}

typedef struct term_out {
	canvas_mode mode;
	canvas *prev, *next;
	canvas_run *runs;
	size_t nruns_cap;
	char *buf; /* true colour */
	size_t cap;
	int pairs_used;
} term_out;

static void out_drop(term_out *o)
{
	canvas_free(o->prev);
	canvas_free(o->next);
	free(o->runs);
	o->prev = o->next = NULL;
	o->runs = NULL;
}

/* Canvases at the terminal's size; the next flush repaints everything. */
static int out_resize(term_out *o)
{
	out_drop(o);
	int w = COLS > 0 ? COLS : 1, h = LINES > 0 ? LINES : 1;
	o->next = canvas_new(w, h, o->mode);
	o->nruns_cap = (size_t)h * ((size_t)w / 2 + 1);
	o->runs = malloc(o->nruns_cap * sizeof *o->runs);
	clear();
	refresh(); /* a blank screen, and ncurses knows it */
	return o->next && o->runs ? 0 : -1;
}

/* The terminal's new size into ncurses, and canvases to match. */
static int take_resize(term_out *o)
{
	got_winch = 0;
	struct winsize wsz;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &wsz) == 0 && wsz.ws_row > 0 && wsz.ws_col > 0)
		resizeterm(wsz.ws_row, wsz.ws_col);
	return out_resize(o);
}

static attr_t cell_attr(const canvas_cell *c)
{
	return c->flags & CANVAS_BOLD ? A_BOLD : A_NORMAL;
}

/* A colour pair for the cell, from ncurses' pool; when the pool nears full,
 * every pair is released and the whole screen drawn again (a pair reused
 * while on screen would recolour old cells). */
static int cell_pair(term_out *o, const canvas_cell *c, bool *full)
{
	if (o->mode != CANVAS_256 || !(c->flags & (CANVAS_FG | CANVAS_BG)))
		return 0;
	int fg = c->flags & CANVAS_FG ? canvas_rgb_to_256(c->fg) : -1;
	int bg = c->flags & CANVAS_BG ? canvas_rgb_to_256(c->bg) : -1;
	int p = find_pair(fg, bg);
	if (p >= 0)
		return p;
	if (o->pairs_used >= COLOR_PAIRS - 2) {
		*full = true;
		return 0;
	}
	o->pairs_used++;
	p = alloc_pair(fg, bg);
	return p < 0 ? 0 : p;
}

static void flush_curses(term_out *o)
{
	bool full = false;
	size_t n = canvas_diff(o->prev, o->next, o->runs, o->nruns_cap);
	for (size_t k = 0; k < n && k < o->nruns_cap && !full; k++) {
		const canvas_run *r = &o->runs[k];
		for (int x = r->x; x < r->x + r->n && !full; x++) {
			const canvas_cell *c = canvas_at(o->next, x, r->y);
			wchar_t wc[2] = {(wchar_t)c->ch, 0};
			int pair = cell_pair(o, c, &full);
			cchar_t cc;
			setcchar(&cc, wc, cell_attr(c), 0, &pair);
			mvadd_wch(r->y, x, &cc);
		}
	}
	if (full) { /* start over with an empty pool */
		reset_color_pairs();
		o->pairs_used = 0;
		canvas_free(o->prev);
		o->prev = NULL;
		flush_curses(o);
		return;
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static void write_all(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w, n -= (size_t)w;
	}
}

static int flush_sgr(term_out *o)
{
	size_t n = view_serialize(o->prev, o->next, &o->buf, &o->cap);
	if (n == (size_t)-1)
		return -1;
	write_all(o->buf, n);
	write_all("\x1b[H", 3); /* where ncurses believes the cursor is */
	return 0;
}

/* Draws the frame into NEXT, writes what changed, and keeps it as PREV. */
static int out_frame(term_out *o, view_state *vs)
{
	char err[256];
	view_draw(vs, o->next, err, sizeof err);
	if (o->mode == CANVAS_TRUECOLOR) {
		if (flush_sgr(o) != 0)
			return -1;
	} else {
		flush_curses(o);
	}
	canvas *t = o->prev;
	o->prev = o->next;
	o->next = t ? t : canvas_new(canvas_width(o->prev), canvas_height(o->prev), o->mode);
	return o->next ? 0 : -1;
}


/* Runs a `:` line with the session's output captured, so that it cannot
 * garble the screen; its last line, or the error, goes to the message row. */
static void run_command(view_state *vs, const char *line)
{
	sess *s = vs->s;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem) {
		view_set_msg(vs, "error: out of memory", true);
		return;
	}
	FILE *out = s->out, *err = s->err;
	int inter = s->interactive;
	s->out = s->err = mem;
	s->interactive = 0;
	if (vs->vp_valid && vs->p && vs->p->n >= 2) { /* `export` draws what is on the screen */
		s->view_prob = vs->p, s->view_cx = vs->cx, s->view_cy = vs->cy;
		memcpy(s->view_box, vs->vp, sizeof s->view_box);
	}
	int rc = sess_run_line(s, line, "view", 1);
	s->view_prob = NULL;
	fclose(mem);
	s->out = out, s->err = err, s->interactive = inter;
	char *shown = text;
	if (rc != 0 || got_sigint) { /* the output, then the error or the interruption */
		size_t n = (text ? strlen(text) : 0) + strlen(s->error_msg) + 32;
		if ((shown = malloc(n)))
			snprintf(shown, n, "%s%s%s%s", text ? text : "", text && *text ? "\n" : "",
			         rc != 0 ? "error: " : "", rc != 0 ? s->error_msg : "(interrupted)");
	}
	view_set_msg(vs, shown ? shown : "error: out of memory", rc != 0 || !shown);
	if (shown != text)
		free(shown);
	got_sigint = 0; /* Ctrl-C stopped the command, not the view */
	free(text);
	rscene_invalidate(vs->rs); /* runs and problems may be new at old addresses */
	char e[256];
	view_sync(vs, e, sizeof e);
}

static bool any_running(const view_state *vs)
{
	for (int i = 0; i < vs->nruns; i++)
		if (run_status(vs->runs[i].r) == RUN_RUNNING)
			return true;
	return false;
}

/* Steps owed by the clock at the chosen speed, within a share of the frame. */
static void pace(view_state *vs, double *last)
{
	double now = fmt_clock(), rate = view_speed_rate(vs->speed);
	vs->credit += rate * (now - *last);
	*last = now;
	if (vs->credit > rate * 0.25 + 1) /* after a stall, do not catch up in a burst */
		vs->credit = rate * 0.25 + 1;
	long k = (long)vs->credit;
	if (k <= 0)
		return;
	vs->credit -= (double)k;
	view_step_runs(vs, k, FRAME * STEP_SHARE);
	if (!any_running(vs)) {
		vs->running = false;
		view_set_msg(vs, "every run has stopped", false);
	}
}

/* One key: true when the frame changed; *leave when the view should end. */
static bool on_key(view_state *vs, term_out *o, int ch, double *last, bool *leave)
{
	if (vs->line.active) {
		view_line_result r = view_line_key(&vs->line, ch);
		if (ch == KEY_RESIZE && out_resize(o) != 0)
			*leave = true;
		if (r == VIEW_LINE_DONE && vs->line.len > 0) {
			run_command(vs, vs->line.buf);
			*leave = vs->s->quit;
		}
		return true;
	}
	view_action a = view_key_action(ch);
	switch (a) {
	case VIEW_QUIT:
		*leave = true;
		return false;
	case VIEW_COMMAND:
		view_line_open(&vs->line);
		return true;
	case VIEW_REDRAW:
		if (out_resize(o) != 0)
			*leave = true;
		return true;
	case VIEW_NONE:
		if (ch >= 32 && ch < 127) {
			char m[64];
			snprintf(m, sizeof m, "'%c' does nothing here; the keys are below", ch);
			view_set_msg(vs, m, false);
			return true;
		}
		if (*vs->msg) /* a stale message goes with the next key */
			view_set_msg(vs, "", false);
		return *vs->msg == '\0';
	case VIEW_MSG_UP:
	case VIEW_MSG_DOWN:
		return view_apply(vs, a);
	default:
		view_set_msg(vs, "", false);
		if (a == VIEW_RUN)
			*last = fmt_clock();
		return view_apply(vs, a);
	}
}

static void loop(view_state *vs, term_out *o, bool *failed)
{
	double last = fmt_clock(), due = last;
	bool dirty = true, leave = false;
	while (!leave && !got_sigint) {
		if (got_winch) {
			if (take_resize(o) != 0) {
				*failed = true;
				return;
			}
			dirty = true;
		}
		double now = fmt_clock();
		if (vs->running && now >= due) {
			pace(vs, &last);
			due = now + FRAME;
			dirty = true;
		}
		if (dirty && out_frame(o, vs) != 0) {
			*failed = true;
			return;
		}
		dirty = false;
		/* a picture being refined: keys are polled, not waited for, between slices */
		bool refining = rscene_refining(vs->rs, NULL);
		int wait = vs->running ? (int)((due - fmt_clock()) * 1000) : IDLE_MS;
		timeout(refining ? 0 : wait < 1 ? 1 : wait);
		for (int ch = getch(); ch != ERR && !leave; ch = getch()) {
			dirty |= on_key(vs, o, ch, &last, &leave);
			timeout(0); /* take every key already typed before the next frame */
		}
		if (refining && !dirty && !leave && !got_sigint) {
			double slice = vs->running ? fmin(REFINE_SLICE, due - fmt_clock()) : REFINE_SLICE;
			expr_set_interrupt(&vs->s->interrupted);
			dirty = rscene_refine(vs->rs, slice > 0 ? slice : 0) != 0;
			expr_set_interrupt(NULL);
		}
	}
}

int view_run(view_state *vs, bool running)
{
	sess *s = vs->s;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return sess_fail(s, 0, "the view needs a terminal; `render WxH` prints a frame as text");
	char *old_ctype = strdup(setlocale(LC_CTYPE, NULL));
	setlocale(LC_CTYPE, "");
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	fflush(stdout);
	fflush(stderr);
	tcgetattr(STDIN_FILENO, &shell_tio);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		setlocale(LC_CTYPE, old_ctype ? old_ctype : "C");
		free(old_ctype);
		const char *t = getenv("TERM");
		return sess_fail(s, 0, "cannot drive this terminal (TERM=%s)", t ? t : "");
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	int colors = has_colors() ? tigetnum("colors") : 0; /* COLORS is set by start_color */
	term_out o = {.mode = view_pick_mode(getenv("NO_COLOR"), getenv("COLORTERM"), colors, utf8)};
	if (o.mode != CANVAS_ASCII) {
		start_color();
		use_default_colors();
	}
	restore_len = 0;
	memcpy(restore_seq, "\x1b[0m", 4);
	restore_len = 4;
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");

	struct sigaction sa, old_int;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, &old_int);
	/* our own SIGWINCH: readline's handler may be the one installed, and
	 * ncurses then never reports KEY_RESIZE */
	struct sigaction old_winch;
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, &old_winch);
	fatal_set_terminal(&shell_tio, restore_seq, restore_len); /* any deadly signal */
	got_sigint = 0;
	sig_sess = s;
	in_view = true;

	vs->running = running;
	vs->progressive = true;
	bool failed = out_resize(&o) != 0;
	if (!failed)
		loop(vs, &o, &failed);
	vs->running = false;

	in_view = false;
	fatal_clear_terminal();
	endwin();
	delscreen(scr);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGWINCH, &old_winch, NULL);
	sig_sess = NULL;
	setlocale(LC_CTYPE, old_ctype ? old_ctype : "C");
	free(old_ctype);
	out_drop(&o);
	free(o.buf);
	if (got_sigint)
		s->interrupted = 0; /* Ctrl-C left the view; the session goes on */
	got_sigint = 0;
	if (failed)
		return sess_fail(s, 0, "the view ran out of memory");
	return 0;
}

int view_open(sess *s, const char *a, const char *b, bool running, const char *msg)
{
	if (in_view)
		return sess_fail(s, 0, "already in the view");
	view_state vs;
	if (view_state_init(&vs, s) != 0)
		return sess_fail(s, 0, "out of memory");
	vs.progressive = true;
	char err[256];
	int rc = view_sync(&vs, err, sizeof err);
	if (rc == 0 && a && b)
		rc = view_set_coords(&vs, a, b, err, sizeof err);
	if (msg)
		view_set_msg(&vs, msg, false);
	rc = rc != 0 ? sess_fail(s, 0, "%s", err) : view_run(&vs, running);
	view_state_free(&vs);
	return rc;
}
