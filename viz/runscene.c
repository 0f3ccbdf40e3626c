/* rscene: scenes from a problem and its runs. Traces only grow, so copies of
 * them are extended in place from one frame to the next; the grid is kept
 * while its viewport, size, slice and colour scale stay the same. */
#include "runscene_int.h"
#include "station.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEAR_SPANS 4.0  /* points within this many view spans widen the default view */

/* ORDER rscene_metric */
static const char *const metric_labels[RSCENE_METRIC_COUNT] = {
	"auto", "f - f*", "f", "gradient norm", "distance to x*", "violation", "multiplier 1",
	"exploitability", "exploitability of the average",
};

const char *rscene_metric_label(rscene_metric m)
{
	return (unsigned)m < RSCENE_METRIC_COUNT ? metric_labels[m] : "?";
}

/* ORDER rscene_xaxis */
static const char *const xaxis_names[RSCENE_XAXIS_COUNT] = {"iter", "epoch", "time", "evals"};
static const char *const xaxis_labels[RSCENE_XAXIS_COUNT] = {"iteration", "epoch", "seconds",
                                                             "evaluations"};

const char *rscene_xaxis_name(rscene_xaxis x)
{
	return (unsigned)x < RSCENE_XAXIS_COUNT ? xaxis_names[x] : "?";
}

const char *rscene_xaxis_label(rscene_xaxis x)
{
	return (unsigned)x < RSCENE_XAXIS_COUNT ? xaxis_labels[x] : "?";
}

rscene *rscene_new(void)
{
	return calloc(1, sizeof(rscene));
}

void rscene_free(rscene *rs)
{
	if (!rs)
		return;
	for (int i = 0; i < RSCENE_MAX_RUNS; i++) {
		free(rs->traj[i].x), free(rs->traj[i].y);
		free(rs->conv[i].x), free(rs->conv[i].y);
	}
	free(rs->grid);
	free(rs->raw);
	free(rs->known);
	free(rs->gslice);
	free(rs->points);
	free(rs->cloud_xy);
	free(rs->arrows);
	free(rs->region);
	free(rs->lower_xy);
	free(rs->mgrid[0]), free(rs->mgrid[1]);
	free(rs);
}

void rscene_invalidate(rscene *rs)
{
	rs->grid_valid = false;
	for (int i = 0; i < RSCENE_MAX_RUNS; i++)
		rs->traj[i].t = rs->conv[i].t = NULL;
}

/* ------------------------------------------------------- trace copies */

static int copy_reserve(rs_copy *c, size_t n)
{
	if (n <= c->cap)
		return 0;
	size_t cap = c->cap ? c->cap : 256;
	while (cap < n)
		cap *= 2;
	double *x = realloc(c->x, cap * sizeof *x);
	if (!x)
		return -1;
	c->x = x;
	double *y = realloc(c->y, cap * sizeof *y);
	if (!y)
		return -1;
	c->y = y, c->cap = cap;
	return 0;
}

/* Starts over unless C holds a prefix of the same trace copied with the same key. */
static void copy_key(rs_copy *c, const trace *t, int a, int b, double shift)
{
	long len = trace_len(t);
	bool same_shift = c->shift == shift || (isnan(c->shift) && isnan(shift));
	if (c->t != t || c->a != a || c->b != b || !same_shift || c->len > len) {
		c->len = c->n = 0;
		c->tail = false;
	}
	c->t = t, c->a = a, c->b = b, c->shift = shift;
}

static int copy_traj(rs_copy *c, const trace *t, int cx, int cy)
{
	copy_key(c, t, cx, cy, 0);
	long len = trace_len(t);
	if (copy_reserve(c, (size_t)len) != 0) {
		c->t = NULL;
		return -1;
	}
	for (long i = c->len; i < len; i++) {
		const double *x = trace_x(t, i);
		c->x[i] = x[cx];
		c->y[i] = x[cy];
	}
	c->len = len;
	return 0;
}

static double metric_value(const trace_row *row, rscene_metric m, double fstar)
{
	switch (m) {
	case RSCENE_FGAP: return row->f - fstar;
	case RSCENE_F: return row->f;
	case RSCENE_GNORM: return row->gnorm;
	case RSCENE_DIST: return row->dist;
	default: return NAN;
	}
}

/* The extra column behind a metric (the methods' names), or NULL for a row field. */
static const char *metric_column(rscene_metric m)
{
	switch (m) {
	case RSCENE_VIOL: return "viol";
	case RSCENE_MULT: return "mult1";
	case RSCENE_GAP: return "gap";
	case RSCENE_AVGGAP: return "avggap";
	default: return NULL;
	}
}

/* Row i's place along the x axis. */
static double x_value(const trace *t, long i, rscene_xaxis x)
{
	const trace_row *row = trace_row_at(t, i);
	switch (x) {
	case RSCENE_XEPOCH: return trace_epoch(t, i);
	case RSCENE_XTIME: return row->time;
	case RSCENE_XEVALS: return (double)row->nf;
	default: return (double)row->iter;
	}
}

static int copy_series(rs_copy *c, const trace *t, rscene_metric m, rscene_xaxis x,
                       double fstar)
{
	copy_key(c, t, (int)m, (int)x, fstar);
	long len = trace_len(t);
	if (copy_reserve(c, (size_t)len) != 0) {
		c->t = NULL;
		return -1;
	}
	const char *name = metric_column(m); /* a column of the constrained or game methods */
	int col = trace_extra_find(t, name);
	/* a stochastic run's f and gnorm come from its last full evaluation, held between
	 * evaluations: rows that repeat the held value add no point, so the curve joins
	 * the evaluations; the last row stays drawn until the next rows replace it */
	bool held = !name && m != RSCENE_DIST && trace_extra_find(t, "epoch") >= 0;
	if (c->tail && len > c->len) /* new rows: the held end is redone from them */
		c->n--, c->tail = false;
	for (long i = c->len; i < len; i++) {
		double y = name ? (col >= 0 ? trace_extra(t, i, col) : NAN)
		                : metric_value(trace_row_at(t, i), m, fstar);
		bool repeat = held && c->n > 0 && y == c->y[c->n - 1];
		if (repeat && i < len - 1)
			continue;
		c->tail = repeat;
		c->x[c->n] = x_value(t, i, x);
		c->y[c->n++] = y;
	}
	c->len = len;
	return 0;
}

/* ---------------------------------------------------------- the field */

/* Widens [*lo, *hi] to take in v when v lies within NEAR_SPANS spans of it; a point
 * inside but within EDGE of the span from an end counts as outside (its marker
 * would be cut by the frame). */
#define EDGE 0.03
static void take_in(double v, double c, double span, double *lo, double *hi)
{
	if (!isfinite(v) || fabs(v - c) > NEAR_SPANS * span)
		return;
	if (v < *lo + EDGE * span)
		*lo = fmin(*lo, v - 1e-9 * span);
	if (v > *hi - EDGE * span)
		*hi = fmax(*hi, v + 1e-9 * span);
}

void rscene_default_view(const prob *p, int cx, int cy, const double *slice,
                         const rscene_run *runs, int nruns, double view[4])
{
	double wx = p->view[1] - p->view[0], wy = p->view[3] - p->view[2];
	if (!(wx > 0) || !(wy > 0))
		wx = wy = 4;
	if ((p->caps & PROB_GAME) && p->nsol > 0) { /* a game: centred on its saddle point */
		const double *z = p->xstar;
		view[0] = z[cx] - wx / 2, view[1] = z[cx] + wx / 2;
		view[2] = z[cy] - wy / 2, view[3] = z[cy] + wy / 2;
	} else if (cx == 0 && cy == 1) {
		memcpy(view, p->view, 4 * sizeof *view);
	} else {
		const double *s = slice ? slice : p->x0;
		view[0] = s[cx] - wx / 2, view[1] = s[cx] + wx / 2;
		view[2] = s[cy] - wy / 2, view[3] = s[cy] + wy / 2;
	}
	double bx[2] = {view[0], view[1]}, by[2] = {view[2], view[3]};
	double mx = (view[0] + view[1]) / 2, my = (view[2] + view[3]) / 2;
	for (int k = 0; k < nruns; k++) {
		if (run_prob(runs[k].r) != p)
			continue;
		const trace *t = run_trace(runs[k].r);
		if (cx >= trace_nx(t) || cy >= trace_nx(t) || trace_len(t) < 1)
			continue;
		const long ends[2] = {0, trace_len(t) - 1};
		for (int e = 0; e < 3; e++) { /* the start, the current point, a refused trial */
			const double *x = e < 2 ? trace_x(t, ends[e]) : NULL;
			if (e == 2 && trace_model_trial(t, ends[1], &x) != 0)
				continue;
			take_in(x[cx], mx, wx, &bx[0], &bx[1]);
			take_in(x[cy], my, wy, &by[0], &by[1]);
		}
	}
	for (int k = 0; k < p->nsol; k++) {
		take_in(p->xstar[k * p->n + cx], mx, wx, &bx[0], &bx[1]);
		take_in(p->xstar[k * p->n + cy], my, wy, &by[0], &by[1]);
	}
	/* a margin only where the view grew, so that the marks are not on the frame */
	double gx = (bx[1] - bx[0]) * 0.05, gy = (by[1] - by[0]) * 0.05;
	view[0] = bx[0] < view[0] ? bx[0] - gx : view[0];
	view[1] = bx[1] > view[1] ? bx[1] + gx : view[1];
	view[2] = by[0] < view[2] ? by[0] - gy : view[2];
	view[3] = by[1] > view[3] ? by[1] + gy : view[3];
}

static int fill_points(rscene *rs, const prob *p, int cx, int cy)
{
	if (p->nsol > rs->points_cap) {
		scene_point *q = realloc(rs->points, (size_t)p->nsol * sizeof *q);
		if (!q)
			return -1;
		rs->points = q, rs->points_cap = p->nsol;
	}
	for (int k = 0; k < p->nsol; k++) {
		rs->points[k].x = p->xstar[k * p->n + cx];
		rs->points[k].y = p->xstar[k * p->n + cy];
		rs->points[k].label = k == 0 ? "x*" : NULL;
	}
	return 0;
}

#define RSCENE_ARROWS 15 /* arrows across and up in a game's vector field */

/* A 2-D game's field -F = (-grad_x f, grad_y f), the direction gradient descent-ascent
 * moves, on a coarse grid of VIEW, through the problem's own gradient (not a run's
 * counted oracle). 0, or -1 (no game, no memory). */
static int fill_arrows(rscene *rs, const prob *p, const double view[4])
{
	int a = RSCENE_ARROWS, nx = p->game ? p->game->nx : 1;
	if (!(p->caps & PROB_GAME) || p->n != 2 || nx != 1 || !p->ops->grad)
		return -1;
	if (!rs->arrows && !(rs->arrows = malloc(2 * (size_t)a * (size_t)a * sizeof *rs->arrows)))
		return -1;
	for (int j = 0; j < a; j++)
		for (int i = 0; i < a; i++) {
			double z[2] = {view[0] + (view[1] - view[0]) * (i + 0.5) / a,
			               view[2] + (view[3] - view[2]) * (j + 0.5) / a},
			       g[2];
			p->ops->grad(p->ctx, z, g);
			rs->arrows[j * a + i] = -g[0]; /* -F: where descent-ascent moves */
			rs->arrows[a * a + j * a + i] = g[1];
		}
	return 0;
}

#define RSCENE_LOWER_N 240 /* points of a bilevel problem's lower solution path */

/* A bilevel problem in one x and one y, drawn over (x, y): the lower level's solution
 * path y*(x) across the view, by continuation (each x from the last one's y*), under
 * the runs in black. 1 when drawn, 0 when not such a problem (or without memory). */
static int fill_lower_path(rscene *rs, const prob *p, const rscene_opts *o)
{
	const bilevel *b = bilevel_of(p);
	if (!b || b->nx != 1 || b->ny != 1 || o->cx != 0 || o->cy != 1)
		return 0;
	if (!rs->lower_xy && !(rs->lower_xy = malloc(2 * RSCENE_LOWER_N * sizeof *rs->lower_xy)))
		return 0;
	double *x = rs->lower_xy, *y = x + RSCENE_LOWER_N, ys;
	double z[2] = {o->view[0], 0.5 * (o->view[2] + o->view[3])};
	for (int i = 0; i < RSCENE_LOWER_N; i++) {
		z[0] = o->view[0] + (o->view[1] - o->view[0]) * i / (RSCENE_LOWER_N - 1);
		x[i] = z[0];
		y[i] = isfinite(bilevel_lower_min(b, z, &ys)) ? ys : NAN;
		if (isfinite(y[i]))
			z[1] = y[i];
	}
	rs->paths[0] = (scene_path){.label = "y*(x), the lower level's solution", .color = 7,
	                            .x = x, .y = y, .n = RSCENE_LOWER_N};
	return 1;
}

/* A run whose probes are a population to draw: population and global methods, the
 * samplers' chains or particles, the federated methods' clients. */
static bool draws_cloud(const run *r)
{
	const meth *m = run_meth(r);
	return m->global || (m->needs & PROB_DENSITY) || strcmp(m->family, "federated") == 0;
}

/* The current population of each run of a population or global method (its last
 * row's probes) in coordinates cx, cy; returns the clouds filled (none without
 * memory: they are decoration). */
static int fill_clouds(rscene *rs, const prob *p, const rscene_run *runs, int nruns, int cx,
                       int cy)
{
	size_t total = 0;
	for (int k = 0; k < nruns; k++) {
		const trace *t = run_trace(runs[k].r);
		const double *pts;
		if (draws_cloud(runs[k].r) && run_prob(runs[k].r) == p && cx < trace_nx(t) &&
		    cy < trace_nx(t))
			total += (size_t)trace_probes(t, trace_len(t) - 1, &pts);
	}
	if (total > rs->cloud_cap) {
		double *q = realloc(rs->cloud_xy, 2 * total * sizeof *q);
		if (!q)
			return 0;
		rs->cloud_xy = q, rs->cloud_cap = total;
	}
	int nc = 0;
	size_t at = 0;
	for (int k = 0; k < nruns && total > 0; k++) {
		const trace *t = run_trace(runs[k].r);
		const double *pts;
		if (!draws_cloud(runs[k].r) || run_prob(runs[k].r) != p || cx >= trace_nx(t) ||
		    cy >= trace_nx(t))
			continue;
		int np = trace_probes(t, trace_len(t) - 1, &pts), w = trace_nx(t);
		double *x = rs->cloud_xy + at, *y = rs->cloud_xy + total + at;
		for (int i = 0; i < np; i++) {
			x[i] = pts[(size_t)i * w + cx];
			y[i] = pts[(size_t)i * w + cy];
		}
		at += (size_t)np;
		rs->cloud_run[nc] = runs[k].r;
		rs->clouds[nc++] = (scene_path){.color = runs[k].color, .x = x, .y = y, .n = (size_t)np};
	}
	return nc;
}

/* The trust region of a run's last step (a `radius` column) around the iterate it
 * started from, as a closed circle of RSCENE_CIRCLE points; -1 without one. */
static int trust_circle(const run *r, int cx, int cy, double *px, double *py)
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
	for (int i = 0; i < RSCENE_CIRCLE; i++) {
		double a = 2 * 3.14159265358979323846 * i / (RSCENE_CIRCLE - 1);
		px[i] = x[cx] + rad * cos(a);
		py[i] = x[cy] + rad * sin(a);
	}
	return 0;
}

/* The model's trial step of a run's last row (trace_model_trial) from the iterate it
 * started at, in coordinates cx, cy: 2 points; SCENE_TRIAL_NONE without one. */
static scene_trial model_step(const run *r, int cx, int cy, double *px, double *py)
{
	const trace *t = run_trace(r);
	long k = trace_len(t) - 1;
	const double *xt;
	if (k < 1 || cx >= trace_nx(t) || cy >= trace_nx(t))
		return SCENE_TRIAL_NONE;
	int taken = trace_model_trial(t, k, &xt);
	if (taken < 0)
		return SCENE_TRIAL_NONE;
	const double *x = trace_x(t, k - 1);
	px[0] = x[cx], py[0] = x[cy];
	px[1] = xt[cx], py[1] = xt[cy];
	return taken ? SCENE_TRIAL_TAKEN : SCENE_TRIAL_REFUSED;
}

int rscene_field(rscene *rs, const prob *p, const rscene_run *runs, int nruns,
                 const rscene_opts *o, scene_field *f, char *err, size_t cap)
{
	if (p->n < 2) {
		snprintf(err, cap, "a picture needs two coordinates; '%s' has one", p->name);
		return -1;
	}
	if (o->cx < 0 || o->cy < 0 || o->cx >= p->n || o->cy >= p->n || o->cx == o->cy) {
		snprintf(err, cap, "coordinates %d and %d are not two of the problem's %d", o->cx + 1,
		         o->cy + 1, p->n);
		return -1;
	}
	if (!(o->view[0] < o->view[1]) || !(o->view[2] < o->view[3]) || !isfinite(o->view[0]) ||
	    !isfinite(o->view[1]) || !isfinite(o->view[2]) || !isfinite(o->view[3])) {
		snprintf(err, cap, "the viewport is empty or not finite");
		return -1;
	}
	if (o->gw < 2 || o->gh < 2 || (long)o->gw * o->gh > RSCENE_MAX_GRID) {
		snprintf(err, cap, "a grid of %d x %d is outside the grid limit (2 x 2 .. %d nodes)", o->gw, o->gh,
		         RSCENE_MAX_GRID);
		return -1;
	}
	if (nruns > RSCENE_MAX_RUNS)
		nruns = RSCENE_MAX_RUNS;
	if (rscene_grid_update(rs, p, o) != 0 || fill_points(rs, p, o->cx, o->cy) != 0) {
		snprintf(err, cap, "cannot sample '%s' on a %d x %d grid (out of memory, or no value "
		         "oracle)", p->name, o->gw, o->gh);
		return -1;
	}
	int np = fill_lower_path(rs, p, o), base = np;
	for (int k = 0; k < nruns; k++) {
		const trace *t = run_trace(runs[k].r);
		if (run_prob(runs[k].r) != p || o->cx >= trace_nx(t) || o->cy >= trace_nx(t))
			continue;
		if (copy_traj(&rs->traj[np - base], t, o->cx, o->cy) != 0) {
			snprintf(err, cap, "out of memory");
			return -1;
		}
		rs->paths[np] = (scene_path){
			.label = runs[k].label,
			.color = runs[k].color,
			.x = rs->traj[np - base].x,
			.y = rs->traj[np - base].y,
			.n = (size_t)rs->traj[np - base].len,
			.start_marker = true,
			.end_marker = true,
		};
		np++;
	}
	for (int k = 0, nt = 0; k < nruns; k++) /* trust regions and ellipses, after every path */
		if (run_prob(runs[k].r) == p &&
		    (trust_circle(runs[k].r, o->cx, o->cy, rs->tr_xy[nt][0], rs->tr_xy[nt][1]) == 0 ||
		     rscene_run_ellipse(runs[k].r, o->cx, o->cy, rs->tr_xy[nt][0], rs->tr_xy[nt][1]) ==
		         0)) {
			rs->paths[np++] = (scene_path){.color = runs[k].color, .x = rs->tr_xy[nt][0],
			                               .y = rs->tr_xy[nt][1], .n = RSCENE_CIRCLE};
			nt++;
		}
	for (int k = 0; k < nruns; k++) { /* model steps, over the regions */
		scene_trial tr = run_prob(runs[k].r) == p
		                     ? model_step(runs[k].r, o->cx, o->cy, rs->step_xy[k][0],
		                                  rs->step_xy[k][1])
		                     : SCENE_TRIAL_NONE;
		if (tr != SCENE_TRIAL_NONE)
			rs->paths[np++] = (scene_path){.color = runs[k].color, .x = rs->step_xy[k][0],
			                               .y = rs->step_xy[k][1], .n = 2, .trial = tr};
	}
	int nc = fill_clouds(rs, p, runs, nruns, o->cx, o->cy);
	prob_coord_name(p, o->cx, rs->xlabel, sizeof rs->xlabel);
	prob_coord_name(p, o->cy, rs->ylabel, sizeof rs->ylabel);
	*f = (scene_field){
		.xlabel = rs->xlabel,
		.ylabel = rs->ylabel,
		.x0 = o->view[0], .x1 = o->view[1], .y0 = o->view[2], .y1 = o->view[3],
		.values = rs->grid,
		.w = o->gw,
		.h = o->gh,
		.log_color = o->log_color,
		.cmap = o->cmap,
		.vmin = NAN,
		.vmax = NAN,
		.nlevels = o->nlevels,
		.paths = rs->paths,
		.npaths = np,
		.points = rs->points,
		.npoints = p->nsol,
		.clouds = rs->clouds,
		.nclouds = nc,
	};
	for (int k = 0; k < nc; k++) /* a surrogate's points, numbered in evaluation order */
		if (run_meth(rs->cloud_run[k])->model) {
			f->num_x = rs->clouds[k].x, f->num_y = rs->clouds[k].y;
			f->nnum = (int)rs->clouds[k].n;
			break;
		}
	if (rs->nregion > 0) {
		f->region = rs->region;
		f->nregion = rs->nregion;
		f->nregion_eq = rs->nregion_eq;
	}
	if (o->cx == 0 && o->cy == 1 && fill_arrows(rs, p, o->view) == 0) {
		f->arrow_u = rs->arrows;
		f->arrow_v = rs->arrows + RSCENE_ARROWS * RSCENE_ARROWS;
		f->aw = f->ah = RSCENE_ARROWS;
	}
	return 0;
}

/* ---------------------------------------------------- the convergence */

/* Games: f - f* says nothing of a saddle point. The gap where every run records a
 * finite one (simplex games), else the distance where every equilibrium is known. */
static rscene_metric resolve_game(const rscene_run *runs, int nruns)
{
	bool all_gap = true, all_sol = true;
	for (int k = 0; k < nruns; k++) {
		const trace *t = run_trace(runs[k].r);
		int col = trace_extra_find(t, "gap");
		if (col < 0 || trace_len(t) < 1 || !isfinite(trace_extra(t, trace_len(t) - 1, col)))
			all_gap = false;
		if (run_prob(runs[k].r)->nsol < 1)
			all_sol = false;
	}
	return all_gap ? RSCENE_GAP : all_sol ? RSCENE_DIST : RSCENE_GNORM;
}

static rscene_metric resolve(const rscene_run *runs, int nruns)
{
	bool games = nruns > 0;
	for (int k = 0; k < nruns; k++)
		if (!(run_prob(runs[k].r)->caps & PROB_GAME))
			games = false;
	if (games)
		return resolve_game(runs, nruns);
	/* bilevel: F below F* off the lower level's solutions, so f - f* would hide progress */
	bool two_level = nruns > 0, all_sol = nruns > 0;
	for (int k = 0; k < nruns; k++) {
		two_level = two_level && (run_prob(runs[k].r)->caps & PROB_BILEVEL);
		all_sol = all_sol && run_prob(runs[k].r)->nsol > 0;
	}
	if (two_level)
		return all_sol ? RSCENE_DIST : RSCENE_GNORM;
	/* f itself rarely tends to 0: without f* the stationarity measure shows progress */
	bool all_fstar = nruns > 0;
	for (int k = 0; k < nruns; k++)
		if (!isfinite(run_prob(runs[k].r)->fstar))
			all_fstar = false;
	return all_fstar ? RSCENE_FGAP : RSCENE_GNORM;
}

/* The y label of metric m: for gnorm, the measure of the runs' kind of problem where they
 * share one (station.h: "gradient mapping", "KKT residual", ...). */
static const char *gnorm_label(rscene *rs, const rscene_run *runs, int nruns, rscene_metric m)
{
	if (m != RSCENE_GNORM || nruns < 1)
		return rscene_metric_label(m);
	enum station_kind k = station_kind_of(run_prob(runs[0].r));
	for (int i = 1; i < nruns; i++)
		if (station_kind_of(run_prob(runs[i].r)) != k)
			return rscene_metric_label(m);
	if (k == STATION_GRAD)
		return rscene_metric_label(m);
	const char *name = station_name(k), *bar = strstr(name, " |");
	snprintf(rs->clabel, sizeof rs->clabel, "%.*s", bar ? (int)(bar - name) : 60, name);
	return rs->clabel;
}

int rscene_conv(rscene *rs, const rscene_run *runs, int nruns, rscene_metric m, rscene_xaxis x,
                scene_conv *conv, rscene_metric *used)
{
	if (nruns > RSCENE_MAX_RUNS)
		nruns = RSCENE_MAX_RUNS;
	if (m == RSCENE_AUTO || (unsigned)m >= RSCENE_METRIC_COUNT)
		m = resolve(runs, nruns);
	bool ylog = m != RSCENE_MULT;
	double flo = INFINITY, fhi = -INFINITY;
	for (int k = 0; k < nruns; k++) {
		const prob *p = run_prob(runs[k].r);
		double fstar = m == RSCENE_FGAP ? p->fstar : 0;
		if (copy_series(&rs->conv[k], run_trace(runs[k].r), m, x, fstar) != 0)
			return -1;
		if (m == RSCENE_F) /* a log axis for positive f spanning two decades */
			for (long i = 0; i < rs->conv[k].n && ylog; i++) {
				double y = rs->conv[k].y[i];
				if (isfinite(y) && !(y > 0))
					ylog = false;
				if (isfinite(y))
					flo = fmin(flo, y), fhi = fmax(fhi, y);
			}
		rs->series[k] = (scene_series){
			.label = runs[k].label,
			.color = runs[k].color,
			.x = rs->conv[k].x,
			.y = rs->conv[k].y,
			.n = (size_t)rs->conv[k].n,
			.stochastic = trace_extra_find(run_trace(runs[k].r), "epoch") >= 0,
		};
	}
	if (m == RSCENE_F && ylog && !(fhi > 100 * flo))
		ylog = false;
	*conv = (scene_conv){
		.xlabel = rscene_xaxis_label(x),
		.ylabel = gnorm_label(rs, runs, nruns, m),
		.ylog = ylog,
		.series = rs->series,
		.nseries = nruns,
	};
	if (used)
		*used = m;
	return 0;
}
