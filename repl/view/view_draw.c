/* view_draw: one frame of the view drawn into a canvas: title, picture, convergence
 * panel, a status line per run, message, help. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fig_policy.h"
#include "moscene.h"
#include "fmt.h"
#include "game.h"
#include "teach.h"
#include "view.h"

#define LEVELS 9       /* contour lines */
#define VIEW_FIRST_PICTURE 0.08 /* seconds the first picture of a costly grid may take */
#define VIEW_PANE_MAX 4096 /* rows of a message the pane scrolls through */
#define PANE_NOTE_W 20 /* "12-15/40 PgUp/Dn" at the pane's right */

static const cmap_rgb ink_dim = {150, 150, 150};
static const cmap_rgb ink_err = {240, 110, 100};
static const cmap_rgb ink_ok = {110, 200, 120};
static const cmap_rgb ink_key = {230, 230, 230};

/* Text clipped to the rectangle's row, with "..." when cut. */
static int put_text(canvas *c, int x, int y, int maxw, const char *s, const cmap_rgb *fg,
                    uint8_t flags)
{
	if (maxw <= 0)
		return 0;
	int w = canvas_text_cells(c, s);
	if (w <= maxw)
		return canvas_text(c, x, y, s, fg, flags);
	char buf[512];
	snprintf(buf, sizeof buf, "%s", s);
	/* cut at a byte boundary that keeps maxw - 3 code points */
	int cps = 0, i = 0;
	while (buf[i] && cps < maxw - 3)
		if (((unsigned char)buf[++i] & 0xC0) != 0x80)
			cps++;
	snprintf(buf + i, sizeof buf - (size_t)i, "...");
	/* an ASCII terminal spells some characters in several cells (μ as mu): fewer */
	while (i > 0 && canvas_text_cells(c, buf) > maxw) {
		while (i > 0 && ((unsigned char)buf[--i] & 0xC0) == 0x80)
			;
		snprintf(buf + i, sizeof buf - (size_t)i, "...");
	}
	return canvas_text(c, x, y, buf, fg, flags);
}

static void draw_note(canvas *c, canvas_rect r, const char *note)
{
	int w = canvas_text_width(note);
	int x = r.x + (w < r.w ? (r.w - w) / 2 : 0);
	put_text(c, x, r.y + r.h / 2, r.w, note, &ink_dim, 0);
}

static void draw_title(view_state *vs, canvas *c, canvas_rect r, bool ascii)
{
	char right[128], left[320];
	/* a costly picture: how far its refinement is (samples every Nth node) */
	char picture[48] = "";
	int stride = 1;
	bool refining = vs->p && vs->p->n >= 2 && rscene_refining(vs->rs, &stride);
	if (refining || stride > 1)
		snprintf(picture, sizeof picture, "%s 1/%d  ", refining ? "refining" : "picture", stride);
	snprintf(right, sizeof right, "%s%s %s  %g it/s  %s colour ", picture,
	         vs->running ? (ascii ? ">" : "\xe2\x96\xb6") : (ascii ? "||" : "\xe2\x80\x96"),
	         vs->running ? "running" : "paused", view_speed_rate(vs->speed),
	         vs->log_color ? "log" : "linear");
	int rw = canvas_text_width(right);
	canvas_text(c, r.x, r.y, " optlab ", NULL, CANVAS_BOLD);
	if (vs->p)
		snprintf(left, sizeof left, "%s%s%s", vs->pname, vs->pdef && *vs->pdef == '(' ? "" : " ",
		         vs->pdef ? vs->pdef : "");
	else
		snprintf(left, sizeof left, "(empty workspace)");
	put_text(c, r.x + 8, r.y, r.w - 8 - rw - 2, left, NULL, 0);
	canvas_text(c, r.x + r.w - rw, r.y, right, vs->running ? &ink_ok : &ink_dim, CANVAS_BOLD);
}

/* A tabular policy problem: the picked run's policy (fig_policy.h) in place of a slice. */
static bool draw_policy(view_state *vs, canvas *c, canvas_rect r)
{
	if (!policy_pictured(vs->p) || !vs->nruns || run_prob(vs->runs[vs->pick].r) != vs->p)
		return false;
	policy_data d;
	char err[256];
	if (policy_fill(&d, &vs->runs[vs->pick], 1, false, err, sizeof err) != 0) {
		draw_note(c, r, err);
		return true;
	}
	canvas_draw_policy(c, r, &d.scene);
	policy_data_free(&d);
	return true;
}

/* Several objectives: the objective space (moscene.h) in place of a slice. */
static bool draw_objectives(view_state *vs, canvas *c, canvas_rect r)
{
	if (!moscene_applies(vs->p))
		return false;
	moscene m;
	scene_field f;
	char err[256];
	if (moscene_fill(&m, vs->p, vs->runs, vs->nruns, &f, NULL, err, sizeof err) != 0) {
		draw_note(c, r, err);
		return true;
	}
	sess_colors(vs->s, &f.style);
	canvas_draw_field(c, r, &f);
	moscene_free(&m);
	return true;
}

static void draw_field(view_state *vs, canvas *c, canvas_rect r)
{
	const prob *p = vs->p;
	if (draw_policy(vs, c, r) || draw_objectives(vs, c, r))
		return;
	if (p->n < 2) {
		draw_note(c, r, "one variable: the picture needs two (the convergence is on the right)");
		return;
	}
	rscene_opts o = {
		.cx = vs->cx, .cy = vs->cy, .slice = view_slice(vs),
		.gw = r.w > 2 ? r.w : 2, .gh = 2 * r.h > 2 ? 2 * r.h : 2,
		.log_color = vs->log_color, .cmap = CMAP_VIRIDIS, .nlevels = LEVELS,
		.budget = vs->progressive ? VIEW_FIRST_PICTURE : 0,
	};
	if (!vs->progressive) /* render: a finite sum's grid as coarse as a figure's */
		rscene_sum_cap(p, &o.gw, &o.gh);
	memcpy(o.view, vs->vp, sizeof o.view);
	scene_field f;
	char err[256], title[300];
	if ((long)o.gw * o.gh > vs->s->set.gridlimit) {
		snprintf(err, sizeof err, "grid %dx%d > gridlimit %ld", o.gw, o.gh, vs->s->set.gridlimit);
		draw_note(c, r, err);
		return;
	}
	expr_set_interrupt(&vs->s->interrupted); /* Ctrl-C stops a costly grid */
	int frc = rscene_field(vs->rs, p, vs->runs, vs->nruns, &o, &f, err, sizeof err);
	expr_set_interrupt(NULL);
	if (frc != 0) {
		draw_note(c, r, err);
		return;
	}
	/* `h`: a bo run's GP mean or acquisition in place of f (its title says which) */
	const run *mr = vs->heat != RSCENE_HEAT_F ? rscene_model_run(vs->runs, vs->nruns, p) : NULL;
	if (vs->heat != RSCENE_HEAT_F &&
	    (!mr || rscene_model(vs->rs, mr, &o, vs->heat, &f, err, sizeof err) != 0))
		f.title = "f (h: no bo run's model to show)";
	if (p->n > 2 && vs->heat == RSCENE_HEAT_F) {
		bool through_run = vs->nruns && run_prob(vs->runs[vs->pick].r) == p;
		char a[64], b[64];
		prob_coord_name(p, vs->cx, a, sizeof a);
		prob_coord_name(p, vs->cy, b, sizeof b);
		snprintf(title, sizeof title, "%s across, %s up, through %s%s", a, b,
		         through_run ? vs->runs[vs->pick].label : "the start",
		         through_run ? "'s iterate" : "");
		f.title = title;
	}
	/* `e`: the gradient step and the rest as two segments ending in a marker */
	scene_path paths[3 * RSCENE_MAX_RUNS + 8];
	double ax[3], ay[3], gx[2], gy[2], rx[2], ry[2];
	if (vs->explain && vs->nruns && f.npaths + 2 <= (int)(sizeof paths / sizeof *paths) &&
	    run_prob(vs->runs[vs->pick].r) == p &&
	    view_explain_points(vs->runs[vs->pick].r, vs->cx, vs->cy, ax, ay) == 0) {
		memcpy(paths, f.paths, (size_t)f.npaths * sizeof *paths);
		gx[0] = ax[0], gx[1] = ax[1], gy[0] = ay[0], gy[1] = ay[1];
		rx[0] = ax[1], rx[1] = ax[2], ry[0] = ay[1], ry[1] = ay[2];
		int col = vs->runs[vs->pick].color;
		paths[f.npaths++] = (scene_path){NULL, col, gx, gy, 2, false, true, SCENE_TRIAL_NONE};
		paths[f.npaths++] = (scene_path){NULL, col, rx, ry, 2, false, true, SCENE_TRIAL_NONE};
		f.paths = paths;
	}
	sess_colors(vs->s, &f.style);
	canvas_draw_field(c, r, &f);
}

static void draw_conv(view_state *vs, canvas *c, canvas_rect r)
{
	if (vs->nruns == 0) {
		draw_note(c, r, "no runs yet:  :run a = gd on PROBLEM");
		return;
	}
	scene_conv sc;
	rscene_metric used;
	if (moscene_applies(vs->p) && vs->xaxis == RSCENE_XITER) { /* the hypervolume */
		moscene m;
		scene_field f;
		char err[256];
		if (moscene_fill(&m, vs->p, vs->runs, vs->nruns, &f, &sc, err, sizeof err) != 0) {
			draw_note(c, r, err);
		} else {
			sess_colors(vs->s, &sc.style);
			canvas_draw_convergence(c, r, &sc);
		}
		moscene_free(&m);
		return;
	}
	if (rscene_conv(vs->rs, vs->runs, vs->nruns, RSCENE_AUTO, vs->xaxis, &sc, &used) != 0 ||
	    (vs->xaxis == RSCENE_XITER && /* bounds are in iterations */
	     teach_bounds_fill(vs->tb, &vs->s->ws, vs->runs, vs->nruns, used, &sc) != 0)) {
		draw_note(c, r, "out of memory");
		return;
	}
	/* the picture's legend names the runs already; rate bounds keep their formula */
	scene_series unlabelled[2 * RSCENE_MAX_RUNS];
	if (vs->p->n >= 2) {
		memcpy(unlabelled, sc.series, (size_t)sc.nseries * sizeof *unlabelled);
		for (int k = 0; k < sc.nseries; k++)
			if (!unlabelled[k].dashed)
				unlabelled[k].label = NULL;
		sc.series = unlabelled;
	}
	sess_colors(vs->s, &sc.style);
	canvas_draw_convergence(c, r, &sc);
}

static const cmap_rgb *status_ink(enum run_stop st)
{
	switch (st) {
	case RUN_RUNNING: return NULL;
	case RUN_CONVERGED: case RUN_FTOL: case RUN_XTOL: return &ink_ok;
	case RUN_DIVERGED: case RUN_FAILED: return &ink_err;
	default: return &ink_dim;
	}
}

/* A run's stop reason: with its message ("converged: gradient norm ... <= gtol")
 * unless BRIEF ("converged"). */
static void stop_text(const run *rn, bool brief, char *buf, size_t cap)
{
	enum run_stop st = run_status(rn);
	if (st != RUN_RUNNING && *run_message(rn) && !brief)
		snprintf(buf, cap, "%s: %s", run_stop_name(st), run_message(rn));
	else
		snprintf(buf, cap, "%s", run_stop_name(st));
}

/* The numbers of a status line: in full, compact (LEVEL 3), or without the
 * gradient norm (LEVEL 4: a very small terminal). */
/* FITER: the iteration f was evaluated at (a stochastic run's held value: f@FITER). */
static void status_numbers(const trace_row *row, long fiter, int prec, int level, char *buf,
                           size_t cap)
{
	char f[56], g[32];
	fmt_num(f, sizeof f, row->f, prec);
	if (fiter != row->iter && level < 4)
		snprintf(f + strlen(f), sizeof f - strlen(f), "@%ld", fiter);
	fmt_num(g, sizeof g, row->gnorm, prec);
	if (level >= 4)
		snprintf(buf, cap, "it %ld  f %s  ", row->iter, f);
	else if (level == 3)
		snprintf(buf, cap, "it %ld  f %s  |g| %s  ", row->iter, f, g);
	else
		snprintf(buf, cap, "iter %7ld   f %-13s  gnorm %-11s ", row->iter, f, g);
}

/* Status lines, one a run: the richest layout in which every shown line fits
 * whole: with the solver and the full stop reason; then the reason's name
 * alone; then without the solver; then compact numbers; then without the
 * gradient norm. Name, iteration, f and the reason always stay. */
static void draw_status(view_state *vs, canvas *c, canvas_rect r, int rows, bool ascii)
{
	if (vs->nruns == 0)
		return;
	int first = vs->pick - rows / 2;
	first = first + rows > vs->nruns ? vs->nruns - rows : first;
	first = first < 0 ? 0 : first;
	int last = first + rows < vs->nruns ? first + rows : vs->nruns;
	int namew = 1, solw = 1, prec = vs->s->set.precision, lead = ascii ? 5 : 6;
	for (int i = first; i < last; i++) {
		int nw = canvas_text_width(vs->items[i]->name), sw = canvas_text_width(vs->items[i]->u.run.solver_def);
		namew = nw > namew ? nw : namew;
		solw = sw > solw ? sw : solw;
	}
	solw = solw > 30 ? 30 : solw;
	int level = 0;
	for (; level < 4; level++) { /* the widest line at this level must fit */
		int need = 0;
		for (int i = first; i < last; i++) {
			const run *rn = vs->items[i]->u.run.r;
			const trace *t = run_trace(rn);
			char num[160], why[200];
			status_numbers(trace_row_at(t, trace_len(t) - 1), trace_fiter(t, trace_len(t) - 1),
			               prec, level, num, sizeof num);
			stop_text(rn, level >= 1, why, sizeof why);
			int wdt = lead + namew + 2 + (level <= 1 ? solw + 2 : 0) + canvas_text_width(num) +
			          canvas_text_width(why);
			need = wdt > need ? wdt : need;
		}
		if (need <= r.w)
			break;
	}
	for (int k = 0; k < rows && first + k < vs->nruns; k++) {
		int i = first + k, y = r.y + k, x = r.x;
		const ws_item *it = vs->items[i];
		const run *rn = it->u.run.r;
		scene_style style = {0};
		sess_colors(vs->s, &style);
		cmap_rgb col = canvas_run_color(&style, vs->runs[i].color);
		bool picked = i == vs->pick;
		x += canvas_text(c, x, y, picked ? (ascii ? " >" : " \xe2\x96\xb8") : "  ", NULL, CANVAS_BOLD);
		x += 1;
		if (ascii) /* the letter the picture draws this run with */
			x += canvas_text(c, x, y, (char[]){(char)('a' + vs->runs[i].color % 26), 0}, NULL, 0) + 1;
		else
			x += canvas_text(c, x, y, "\xe2\x94\x81\xe2\x94\x81", &col, CANVAS_BOLD) + 1;
		canvas_text(c, x, y, it->name, NULL, picked ? CANVAS_BOLD : 0);
		x += namew + 2;
		if (level <= 1) {
			put_text(c, x, y, solw, it->u.run.solver_def, &ink_dim, 0);
			x += solw + 2;
		}
		const trace *t = run_trace(rn);
		char line[160], why[200];
		status_numbers(trace_row_at(t, trace_len(t) - 1), trace_fiter(t, trace_len(t) - 1), prec,
		               level, line, sizeof line);
		x += put_text(c, x, y, r.x + r.w - x, line, NULL, 0);
		enum run_stop st = run_status(rn);
		stop_text(rn, level >= 1, why, sizeof why);
		put_text(c, x, y, r.x + r.w - x, why, status_ink(st), st == RUN_RUNNING ? 0 : CANVAS_BOLD);
	}
}

typedef struct help_item {
	const char *key, *ascii_key, *what, *brief;
} help_item;

static const help_item help_view[] = {
	{"space", "space", "step", "step"},
	{"r", "r", "run/pause", "run"},
	{"+/-", "+/-", "speed", "speed"},
	{"\xe2\x86\x90\xe2\x86\x91\xe2\x86\x93\xe2\x86\x92", "<^v>", "pan", "pan"},
	{"z/Z", "z/Z", "zoom", "zoom"},
	{"0", "0", "reset view", "reset"},
	{"Tab", "Tab", "pick run", "pick"},
	{"l", "l", "log colour", "log"},
	{"x", "x", "x axis", "axis"},
	{"h", "h", "heatmap f/gp/acq", "heat"},
	{"e", "e", "explain step", "explain"},
	{":", ":", "command", "cmd"},
	{"q", "q", "quit", "quit"},
};
/* indices into help_view, most useful first: the last go first when narrow */
static const int help_view_keep[] = {0, 1, 6, 10, 4, 3, 7, 2, 8, 5, 9};
static const help_item help_line[] = {
	{"Enter", "Enter", "run the command", "run"},
	{"Esc", "Esc", "cancel", "cancel"},
	{"\xe2\x86\x91\xe2\x86\x93", "up/down", "history", "history"},
	{"Ctrl-U", "Ctrl-U", "clear", "clear"},
};

/* Key names bold, what they do dimmed: the long descriptions where they fit,
 * else the brief ones closer together, else without the items that matter
 * least (the first ones dropped are last in DROP; q and : always stay). */
static void draw_help(canvas *c, canvas_rect r, const help_item *items, int n, bool ascii,
                      const int *drop, int ndrop)
{
	static const struct {
		bool brief;
		int gap;
	} fits[] = {{false, 2}, {true, 2}, {true, 1}};
	const int nfits = (int)(sizeof fits / sizeof *fits);
	bool shown[16];
	for (int i = 0; i < n && i < 16; i++)
		shown[i] = true;
	for (int f = 0, dropped = 0;;) {
		int w = 0, gap = fits[f].gap;
		for (int i = 0; i < n; i++)
			if (shown[i])
				w += canvas_text_width(ascii ? items[i].ascii_key : items[i].key) + 1 +
				     canvas_text_width(fits[f].brief ? items[i].brief : items[i].what) + gap;
		if (w - gap > r.w && f < nfits - 1) {
			f++;
			continue;
		}
		if (w - gap > r.w && dropped < ndrop) {
			shown[drop[ndrop - 1 - dropped++]] = false;
			continue;
		}
		int x = r.x + (w - gap + 1 <= r.w); /* a margin when there is room */
		for (int i = 0; i < n && x < r.x + r.w; i++) {
			if (!shown[i])
				continue;
			x += canvas_text(c, x, r.y, ascii ? items[i].ascii_key : items[i].key, &ink_key,
			                 CANVAS_BOLD) + 1;
			x += canvas_text(c, x, r.y, fits[f].brief ? items[i].brief : items[i].what,
			                 &ink_dim, 0) + gap;
		}
		return;
	}
}

/* The message pane: the rows of TEXT from msg_top that fit above the command
 * line (LINE: one row kept for it), and where more rows are, a note at the right. */
static void draw_pane(view_state *vs, canvas *c, canvas_rect r, const char *text,
                      const view_msg_row *rows, int nrows, int line)
{
	int shown = r.h - line;
	shown = shown < 0 ? 0 : shown;
	int top = vs->msg_top > nrows - shown ? nrows - shown : vs->msg_top;
	top = top < 0 ? 0 : top;
	vs->msg_top = top, vs->msg_rows = nrows, vs->msg_shown = shown;
	char buf[1024];
	for (int k = 0; k < shown && top + k < nrows; k++) {
		const view_msg_row *row = &rows[top + k];
		snprintf(buf, sizeof buf, "%.*s", row->len, text + row->off);
		canvas_text(c, r.x + 1, r.y + k, buf, vs->msg_error ? &ink_err : NULL, 0);
	}
	if (nrows > shown && shown > 0) {
		char note[PANE_NOTE_W + 40]; /* three ints of up to 11 characters each */
		snprintf(note, sizeof note, "%d-%d/%d PgUp/Dn", top + 1, top + shown, nrows);
		int nw = canvas_text_width(note);
		canvas_text(c, r.x + r.w - nw - 1 > 0 ? r.x + r.w - nw - 1 : 0, r.y, note, &ink_key,
		            CANVAS_BOLD);
	}
}

static void draw_command_line(view_state *vs, canvas *c, canvas_rect r, bool ascii)
{
	const view_line *ln = &vs->line;
	int room = r.w - 3;
	int from = ln->pos > room ? ln->pos - room : 0; /* keep the cursor in sight */
	canvas_text(c, r.x, r.y, ":", NULL, CANVAS_BOLD);
	canvas_text(c, r.x + 1, r.y, ln->buf + from, NULL, 0);
	/* the cursor: a light cell, since the terminal's own is hidden */
	const canvas_cell *under = canvas_at(c, r.x + 1 + ln->pos - from, r.y);
	uint32_t ch = under ? under->ch : ' ';
	static const cmap_rgb light = {220, 220, 220}, dark = {0, 0, 0};
	canvas_put(c, r.x + 1 + ln->pos - from, r.y, ascii && ch == ' ' ? '_' : ch, &dark, &light, 0);
}

int view_draw(view_state *vs, canvas *c, char *err, size_t cap)
{
	canvas_clear(c);
	int w = canvas_width(c), h = canvas_height(c);
	bool ascii = canvas_get_mode(c) == CANVAS_ASCII;
	int rc = view_sync(vs, err, cap);
	/* the message pane: as many rows as the message wraps to, within its cap */
	char text[VIEW_MSG_MAX + 64];
	snprintf(text, sizeof text, "%s", vs->msg);
	if (vs->total_runs > vs->nruns) {
		size_t n = strlen(text);
		snprintf(text + n, sizeof text - n, "%s(the first %d of %d runs shown)", n ? " " : "",
		         vs->nruns, vs->total_runs);
	}
	view_msg_row rows[VIEW_PANE_MAX];
	int pane = h > 1 ? view_msg_cap(h) : 1, line = vs->line.active;
	int wrap_w = w - 2, nrows = *text ? view_msg_wrap(text, wrap_w, rows, VIEW_PANE_MAX) : 0;
	if (nrows + line > pane) { /* room for the scroll note at the right */
		wrap_w = w - 2 - PANE_NOTE_W;
		nrows = view_msg_wrap(text, wrap_w, rows, VIEW_PANE_MAX);
	}
	nrows = nrows > VIEW_PANE_MAX ? VIEW_PANE_MAX : nrows;
	view_layout lo;
	view_layout_compute(w, h, vs->nruns, nrows + line, &lo);
	if (lo.too_small) {
		char note[128];
		snprintf(note, sizeof note, "the view needs %d x %d cells at least (here %d x %d); q leaves",
		         VIEW_MIN_W, VIEW_MIN_H, w, h);
		put_text(c, 0, 0, w, note, NULL, 0);
		return 0;
	}
	draw_title(vs, c, lo.title, ascii);
	if (rc == 0) {
		draw_field(vs, c, lo.field);
		draw_conv(vs, c, lo.conv);
		draw_status(vs, c, lo.status, lo.status_rows, ascii);
	} else {
		draw_note(c, (canvas_rect){0, lo.field.y, w, lo.status.y - lo.field.y}, err);
	}
	draw_pane(vs, c, lo.msg, text, rows, nrows, line);
	if (line) {
		draw_command_line(vs, c, (canvas_rect){lo.msg.x, lo.msg.y + lo.msg.h - 1, lo.msg.w, 1},
		                  ascii);
		draw_help(c, lo.help, help_line, (int)(sizeof help_line / sizeof *help_line), ascii,
		          NULL, 0);
		return rc;
	}
	draw_help(c, lo.help, help_view, (int)(sizeof help_view / sizeof *help_view), ascii,
	          help_view_keep, (int)(sizeof help_view_keep / sizeof *help_view_keep));
	return rc;
}
