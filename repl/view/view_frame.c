/* view_frame: the view's state, its actions, and one frame drawn into a canvas:
 * title, picture, convergence panel, a status line per run, message, help. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "game.h"
#include "teach.h"
#include "view.h"

#define PAN_STEP 0.1   /* of the viewport a key press moves */
#define ZOOM_STEP 1.5  /* per z or Z */
#define VIEW_CIRCLE 49 /* points of a trust region's circle */
#define LEVELS 9       /* contour lines */
#define LOG_PROBE 24   /* grid that decides the default colour scale */
#define VIEW_PANE_MAX 4096 /* rows of a message the pane scrolls through */
#define PANE_NOTE_W 20 /* "12-15/40 PgUp/Dn" at the pane's right */

static const cmap_rgb ink_dim = {150, 150, 150};
static const cmap_rgb ink_err = {240, 110, 100};
static const cmap_rgb ink_ok = {110, 200, 120};
static const cmap_rgb ink_key = {230, 230, 230};

int view_state_init(view_state *vs, sess *s)
{
	memset(vs, 0, sizeof *vs);
	vs->s = s;
	vs->cy = 1;
	vs->speed = VIEW_DEFAULT_SPEED;
	vs->rs = rscene_new();
	vs->tb = malloc(sizeof *vs->tb);
	if (vs->tb)
		teach_bounds_init(vs->tb);
	if (!vs->rs || !vs->tb) {
		view_state_free(vs);
		return -1;
	}
	return 0;
}

void view_state_free(view_state *vs)
{
	rscene_free(vs->rs);
	vs->rs = NULL;
	if (vs->tb)
		teach_bounds_free(vs->tb);
	free(vs->tb);
	vs->tb = NULL;
}

/* The point the picture slices through: the picked run's iterate when it runs
 * on the pictured problem, else the problem's default start. */
static const double *slice_point(const view_state *vs)
{
	if (vs->nruns && run_prob(vs->runs[vs->pick].r) == vs->p)
		return run_x(vs->runs[vs->pick].r);
	return vs->p->x0;
}

/* Log colour by default where the problem says so, or where most of the
 * default view lies in the bottom sixth of its range (a valley, a deep well). */
static bool default_log(view_state *vs)
{
	const prob *p = vs->p;
	if (p->logscale)
		return true;
	double g[LOG_PROBE * LOG_PROBE];
	if (rscene_grid(p, vs->cx, vs->cy, slice_point(vs), vs->vp, LOG_PROBE, LOG_PROBE, g) != 0)
		return false;
	double lo = INFINITY, hi = -INFINITY, sum = 0;
	int n = 0;
	for (int i = 0; i < LOG_PROBE * LOG_PROBE; i++)
		if (isfinite(g[i]))
			lo = fmin(lo, g[i]), hi = fmax(hi, g[i]), sum += g[i], n++;
	if (n == 0 || !(hi > lo))
		return false;
	double base = isfinite(p->fstar) && p->fstar <= lo ? p->fstar : lo;
	return sum / n - base < (hi - base) / 6;
}

int view_sync(view_state *vs, char *err, size_t cap)
{
	ws *w = &vs->s->ws;
	const ws_item *newest = NULL;
	vs->nruns = vs->total_runs = 0;
	for (int i = 0; i < w->count; i++) {
		ws_item *it = w->items[i];
		if (it->kind == WS_PROBLEM && (!newest || it->seq > newest->seq))
			newest = it;
		if (it->kind != WS_RUN)
			continue;
		vs->total_runs++;
		if (vs->nruns == RSCENE_MAX_RUNS)
			continue;
		vs->items[vs->nruns] = it;
		vs->runs[vs->nruns] = (rscene_run){it->u.run.r, ws_run_label(it), vs->nruns};
		vs->nruns++;
	}
	if (vs->pick >= vs->nruns)
		vs->pick = vs->nruns ? vs->nruns - 1 : 0;
	const prob *p = NULL;
	if (vs->nruns) {
		p = run_prob(vs->runs[vs->pick].r);
		vs->pname = vs->items[vs->pick]->u.run.prob_name;
		vs->pdef = vs->items[vs->pick]->u.run.prob->def;
	} else if (newest) {
		p = newest->u.prob->p;
		vs->pname = newest->name;
		vs->pdef = newest->u.prob->def;
	}
	if (!p) {
		vs->p = NULL;
		snprintf(err, cap, "nothing to view: define a problem (`problem NAME = EXPR`) and runs "
		                   "on it (`run NAME = METHOD on PROBLEM`)");
		return -1;
	}
	if (p != vs->p) {
		if (!vs->coords_given || vs->cx >= p->n || vs->cy >= p->n)
			vs->cx = 0, vs->cy = 1, vs->coords_given = false;
		vs->vp_valid = false;
		vs->auto_log = false;
	}
	vs->p = p;
	if (p->n >= 2 && !vs->vp_valid) {
		rscene_default_view(p, vs->cx, vs->cy, slice_point(vs), vs->runs, vs->nruns, vs->vp);
		vs->vp_valid = true;
	}
	if (p->n >= 2 && !vs->auto_log && !vs->log_given)
		vs->log_color = default_log(vs);
	vs->auto_log = true;
	return 0;
}

/* The coordinate a word names: a variable's name, or its 1-based number. */
static int coord_index(const prob *p, const char *name)
{
	char buf[64];
	for (int i = 0; i < p->n; i++) {
		prob_coord_name(p, i, buf, sizeof buf);
		if (strcmp(buf, name) == 0)
			return i;
	}
	char *end;
	long k = strtol(name, &end, 10);
	if (*name && !*end && k >= 1 && k <= p->n)
		return (int)k - 1;
	return -1;
}

int view_set_coords(view_state *vs, const char *a, const char *b, char *err, size_t cap)
{
	if (!vs->p && view_sync(vs, err, cap) != 0)
		return -1;
	const prob *p = vs->p;
	int i = coord_index(p, a), j = coord_index(p, b);
	if (i < 0 || j < 0) {
		char names[256] = "", nm[64];
		for (int k = 0; k < p->n && k < 6; k++) {
			prob_coord_name(p, k < 5 || p->n == 6 ? k : p->n - 1, nm, sizeof nm);
			size_t len = strlen(names);
			snprintf(names + len, sizeof names - len, "%s%s", k == 0 ? "" : k < 5 ? ", " : " .. ", nm);
		}
		snprintf(err, cap, "%s has no coordinate '%s'; its coordinates are %s (or 1 .. %d)",
		         vs->pname, i < 0 ? a : b, names, p->n);
		return -1;
	}
	if (i == j) {
		snprintf(err, cap, "the picture needs two different coordinates");
		return -1;
	}
	vs->cx = i, vs->cy = j;
	vs->coords_given = true;
	vs->vp_valid = false;
	return 0;
}

long view_step_runs(view_state *vs, long k, double budget)
{
	/* round robin in growing chunks, so that every run moves even when the
	 * budget runs out, and a slow method is checked against the clock often */
	double t0 = fmt_clock();
	long done[RSCENE_MAX_RUNS] = {0}, total = 0, chunk = 1;
	for (bool more = true; more;) {
		more = false;
		for (int i = 0; i < vs->nruns; i++) {
			run *r = vs->items[i]->u.run.r;
			if (run_status(r) != RUN_RUNNING || done[i] >= k)
				continue;
			long want = k - done[i] < chunk ? k - done[i] : chunk;
			long got = run_step(r, want, &vs->s->interrupted);
			done[i] = got < want ? k : done[i] + got;
			total += got;
			more |= done[i] < k;
		}
		if (vs->s->interrupted || (budget > 0 && fmt_clock() - t0 > budget))
			break;
		chunk = chunk < 4096 ? chunk * 2 : chunk;
	}
	return total;
}

static bool any_running(const view_state *vs)
{
	for (int i = 0; i < vs->nruns; i++)
		if (run_status(vs->runs[i].r) == RUN_RUNNING)
			return true;
	return false;
}

int view_explain_points(const run *r, int cx, int cy, double px[3], double py[3])
{
	const trace *t = run_trace(r);
	const prob *p = run_prob(r);
	long k = trace_len(t) - 1;
	int n = trace_n(t);
	if (k < 1 || trace_nx(t) != n || !(p->caps & PROB_GRAD) || !p->ops->grad || cx >= n ||
	    cy >= n)
		return -1;
	const double *x0 = trace_x(t, k - 1), *x1 = trace_x(t, k);
	double *g = malloc((size_t)n * sizeof *g);
	if (!g)
		return -1;
	p->ops->grad(p->ctx, x0, g); /* uncounted, as `explain`'s: not the run's work */
	for (int i = p->caps & PROB_GAME ? game_nx(p) : n; i < n; i++)
		g[i] = -g[i]; /* a game's operator F: the max player ascends */
	double step = trace_row_at(t, k)->step;
	px[0] = x0[cx], py[0] = x0[cy];
	px[1] = x0[cx] - step * g[cx], py[1] = x0[cy] - step * g[cy];
	px[2] = x1[cx], py[2] = x1[cy];
	free(g);
	return isfinite(px[1]) && isfinite(py[1]) ? 0 : -1;
}

/* A trust-region method's last region (its `radius` column) as a circle around the
 * iterate it was drawn from, in the picture's coordinates; -1 when there is none. */
static int view_region(const run *r, int cx, int cy, double *px, double *py)
{
	const trace *t = run_trace(r);
	long k = trace_len(t) - 1;
	int ir = trace_extra_find(t, "radius");
	if (ir < 0 || k < 1 || cx >= trace_nx(t) || cy >= trace_nx(t))
		return -1;
	double rad = trace_extra(t, k, ir);
	const double *x = trace_x(t, k - 1);
	if (!(rad > 0) || !isfinite(rad))
		return -1;
	for (int i = 0; i < VIEW_CIRCLE; i++) {
		double a = 2 * 3.14159265358979323846 * i / (VIEW_CIRCLE - 1);
		px[i] = x[cx] + rad * cos(a);
		py[i] = x[cy] + rad * sin(a);
	}
	return 0;
}

void view_set_msg(view_state *vs, const char *text, bool error)
{
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--; /* no blank rows at the end of the pane */
	if (n >= sizeof vs->msg) { /* keep the start, and say that it was cut */
		static const char cut[] = "\n(cut: longer than the message pane keeps)";
		n = sizeof vs->msg - sizeof cut;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--; /* not within a UTF-8 sequence */
		snprintf(vs->msg, sizeof vs->msg, "%.*s%s", (int)n, text, cut);
	} else {
		snprintf(vs->msg, sizeof vs->msg, "%.*s", (int)n, text);
	}
	for (char *p = vs->msg; *p; p++)
		if (*p == '\t' || *p == '\r')
			*p = ' ';
	vs->msg_error = error;
	vs->msg_top = 0;
}

/* `e`: explain's account of the picked run's last step in the message pane, and
 * the arrows on (again: off). */
static bool explain_key(view_state *vs)
{
	if (vs->nruns == 0) {
		view_set_msg(vs, "no run to explain", false);
		return true;
	}
	vs->explain = !vs->explain;
	if (!vs->explain) {
		view_set_msg(vs, "", false);
		return true;
	}
	sess *s = vs->s;
	char *text = NULL, line[WS_NAME_MAX + 16];
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return true;
	FILE *out = s->out, *err = s->err;
	s->out = s->err = mem;
	snprintf(line, sizeof line, "explain %s", vs->items[vs->pick]->name);
	int rc = sess_run_line(s, line, "view", 1);
	fclose(mem);
	s->out = out, s->err = err;
	view_set_msg(vs, rc != 0 ? s->error_msg : text ? text : "", rc != 0);
	free(text);
	return true;
}

bool view_apply(view_state *vs, view_action a)
{
	double *v = vs->vp;
	switch (a) {
	case VIEW_STEP:
		if (!any_running(vs)) {
			view_set_msg(vs, "no run is running: every one has stopped", false);
			return true;
		}
		view_step_runs(vs, 1, 0);
		return true;
	case VIEW_RUN:
		vs->running = !vs->running && any_running(vs);
		vs->credit = 0;
		if (!vs->running && !any_running(vs)) {
			view_set_msg(vs, "no run is running: every one has stopped", false);
		}
		return true;
	case VIEW_FASTER: vs->speed += vs->speed < VIEW_SPEEDS - 1; return true;
	case VIEW_SLOWER: vs->speed -= vs->speed > 0; return true;
	case VIEW_PAN_LEFT: view_pan(v, -PAN_STEP, 0); return true;
	case VIEW_PAN_RIGHT: view_pan(v, PAN_STEP, 0); return true;
	case VIEW_PAN_UP: view_pan(v, 0, PAN_STEP); return true;
	case VIEW_PAN_DOWN: view_pan(v, 0, -PAN_STEP); return true;
	case VIEW_ZOOM_IN: view_zoom(v, 1 / ZOOM_STEP); return true;
	case VIEW_ZOOM_OUT: view_zoom(v, ZOOM_STEP); return true;
	case VIEW_RESET: vs->vp_valid = false; return true;
	case VIEW_PICK_NEXT:
	case VIEW_PICK_PREV:
		if (vs->nruns > 1)
			vs->pick = (vs->pick + (a == VIEW_PICK_NEXT ? 1 : vs->nruns - 1)) % vs->nruns;
		return true;
	case VIEW_LOG:
		vs->log_color = !vs->log_color;
		vs->log_given = true;
		return true;
	case VIEW_XAXIS:
		vs->xaxis = (rscene_xaxis)((vs->xaxis + 1) % RSCENE_XAXIS_COUNT);
		return true;
	case VIEW_EXPLAIN: return explain_key(vs);
	case VIEW_MSG_UP:
	case VIEW_MSG_DOWN: {
		int page = vs->msg_shown > 1 ? vs->msg_shown - 1 : 1, top = vs->msg_top;
		top += a == VIEW_MSG_UP ? -page : page;
		top = top > vs->msg_rows - vs->msg_shown ? vs->msg_rows - vs->msg_shown : top;
		top = top < 0 ? 0 : top;
		if (top == vs->msg_top)
			return false;
		vs->msg_top = top;
		return true;
	}
	case VIEW_REDRAW: return true;
	default: return false;
	}
}

/* ------------------------------------------------------------- drawing */

/* Text clipped to the rectangle's row, with "..." when cut. */
static int put_text(canvas *c, int x, int y, int maxw, const char *s, const cmap_rgb *fg,
                    uint8_t flags)
{
	if (maxw <= 0)
		return 0;
	int w = canvas_text_width(s);
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
	snprintf(right, sizeof right, "%s %s  %g it/s  %s colour ",
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

static void draw_field(view_state *vs, canvas *c, canvas_rect r)
{
	const prob *p = vs->p;
	if (p->n < 2) {
		draw_note(c, r, "one variable: the picture needs two (the convergence is on the right)");
		return;
	}
	rscene_opts o = {
		.cx = vs->cx, .cy = vs->cy, .slice = slice_point(vs),
		.gw = r.w > 2 ? r.w : 2, .gh = 2 * r.h > 2 ? 2 * r.h : 2,
		.log_color = vs->log_color, .cmap = CMAP_VIRIDIS, .nlevels = LEVELS,
	};
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
	if (p->n > 2) {
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
	scene_path paths[RSCENE_MAX_RUNS + 8];
	double ax[3], ay[3], gx[2], gy[2], rx[2], ry[2];
	if (vs->explain && vs->nruns && f.npaths + 2 <= (int)(sizeof paths / sizeof *paths) &&
	    run_prob(vs->runs[vs->pick].r) == p &&
	    view_explain_points(vs->runs[vs->pick].r, vs->cx, vs->cy, ax, ay) == 0) {
		memcpy(paths, f.paths, (size_t)f.npaths * sizeof *paths);
		gx[0] = ax[0], gx[1] = ax[1], gy[0] = ay[0], gy[1] = ay[1];
		rx[0] = ax[1], rx[1] = ax[2], ry[0] = ay[1], ry[1] = ay[2];
		int col = vs->runs[vs->pick].color;
		paths[f.npaths++] = (scene_path){NULL, col, gx, gy, 2, false, true};
		paths[f.npaths++] = (scene_path){NULL, col, rx, ry, 2, false, true};
		f.paths = paths;
	}
	double tx[VIEW_CIRCLE], ty[VIEW_CIRCLE];
	if (vs->nruns && f.npaths + 1 <= (int)(sizeof paths / sizeof *paths) &&
	    run_prob(vs->runs[vs->pick].r) == p &&
	    view_region(vs->runs[vs->pick].r, vs->cx, vs->cy, tx, ty) == 0) {
		if (f.paths != paths)
			memcpy(paths, f.paths, (size_t)f.npaths * sizeof *paths);
		paths[f.npaths++] = (scene_path){NULL, vs->runs[vs->pick].color, tx, ty, VIEW_CIRCLE,
		                                 false, false};
		f.paths = paths;
	}
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
static void status_numbers(const trace_row *row, int prec, int level, char *buf, size_t cap)
{
	char f[32], g[32];
	fmt_num(f, sizeof f, row->f, prec);
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
			status_numbers(trace_row_at(t, trace_len(t) - 1), prec, level, num, sizeof num);
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
		cmap_rgb col = canvas_run_color(vs->runs[i].color);
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
		status_numbers(trace_row_at(t, trace_len(t) - 1), prec, level, line, sizeof line);
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
	{"e", "e", "explain step", "explain"},
	{":", ":", "command", "cmd"},
	{"q", "q", "quit", "quit"},
};
/* indices into help_view, most useful first: the last go first when narrow */
static const int help_view_keep[] = {0, 1, 6, 9, 4, 3, 7, 2, 8, 5};
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
