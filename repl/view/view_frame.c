/* view_frame: the view's state and its actions (view_draw.c draws a frame of it). */
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
#define LOG_PROBE 24   /* grid that decides the default colour scale */
#define LOG_SUM_WORK 2e6 /* ... a finite sum's: component values (m = 10^5: 4 x 4) */
#define LOG_SECONDS 0.03 /* ... another costly problem's in the live view: seconds */

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

const double *view_slice(const view_state *vs)
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
	int side = LOG_PROBE; /* a finite sum: about LOG_SUM_WORK component values */
	if ((p->caps & PROB_SUM) && p->sum && p->sum->m > 0) {
		side = (int)fmax(4, fmin(LOG_PROBE, sqrt(LOG_SUM_WORK / (double)p->sum->m)));
	} else if (vs->progressive) { /* the live view: about LOG_SECONDS, as the corners take */
		double t0 = fmt_clock();
		if (rscene_grid(p, vs->cx, vs->cy, view_slice(vs), vs->vp, 2, 2, g) != 0)
			return false;
		double per = (fmt_clock() - t0) / 4;
		if (per * LOG_PROBE * LOG_PROBE > LOG_SECONDS)
			side = (int)fmax(3, sqrt(LOG_SECONDS / per));
	}
	if (rscene_grid(p, vs->cx, vs->cy, view_slice(vs), vs->vp, side, side, g) != 0)
		return false;
	double lo = INFINITY, hi = -INFINITY, sum = 0;
	int n = 0;
	for (int i = 0; i < side * side; i++)
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
		rscene_default_view(p, vs->cx, vs->cy, view_slice(vs), vs->runs, vs->nruns, vs->vp);
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
	if ((i >= 2 || j >= 2) && p->n > TRACE_MAX_FULL) { /* traces keep x1 and x2 only */
		char msg[200], nm[64];
		prob_coord_name(p, i >= 2 ? i : j, nm, sizeof nm);
		snprintf(msg, sizeof msg,
		         "no trajectory for %s: above %d variables a trace keeps the first two "
		         "coordinates of its iterates (n = %d)",
		         nm, TRACE_MAX_FULL, p->n);
		view_set_msg(vs, msg, false);
	}
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
	case VIEW_HEAT:
		vs->heat = (rscene_heat)((vs->heat + 1) % RSCENE_HEAT_COUNT);
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
