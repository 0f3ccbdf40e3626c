/* fig_policy: a tabular policy as a gridworld, triangles or a heat map (fig_policy.h). */
#include "fig_policy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fig_file.h"
#include "fig_int.h"
#include "mdp.h"

#define POL_BEST_RGB ((cmap_rgb){230, 60, 50})
#define POL_STAR_RGB ((cmap_rgb){20, 20, 20})
#define POL_PATH_ROWS 2000 /* a path keeps at most this many iterations (every k-th) */

char fig_policy_mode(const scene_policy *s)
{
	if (s->rows > 0 && s->cols > 0 && s->rows * s->cols == s->S && s->A == 4)
		return 'g';
	return s->A == 3 ? 't' : 'h';
}

/* A dot of radius r, filled with c and ringed in white. */
static void pol_dot(cairo_t *cr, double x, double y, double r, cmap_rgb c)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * FIG_PI);
	fig_set_rgb(cr, c, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 0.35 * r);
	cairo_stroke(cr);
}

/* A horizontal colour bar of the viridis scale from LO to HI, labelled with NAME. */
static void pol_colorbar(fig_ctx *f, double x, double y, double w, double lo, double hi,
                         const char *name)
{
	cairo_t *cr = f->cr;
	double h = 0.9 * f->tick_font, size = 0.85 * f->tick_font;
	for (int i = 0; i < 64; i++) {
		fig_set_rgb(cr, cmap_at(CMAP_VIRIDIS, (i + 0.5) / 64), 1);
		cairo_rectangle(cr, x + w * i / 64, y, w / 64 + 0.5, h);
		cairo_fill(cr);
	}
	char a[48], b[48];
	snprintf(a, sizeof a, "%.4g", lo);
	snprintf(b, sizeof b, "%.4g", hi);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	fig_text(f, a, size, x - f->pad, y + h / 2, 1, 0.5);
	fig_text(f, b, size, x + w + f->pad, y + h / 2, 0, 0.5);
	fig_text(f, name, size, x + w / 2, y + h + f->pad, 0.5, 0);
}

/* ------------------------------------------------------------- a gridworld */

static void pol_arrow(cairo_t *cr, double x, double y, double dx, double dy, double len,
                      double lw)
{
	double head = fmin(3.2 * lw, 0.6 * len), ex = x + dx * len, ey = y + dy * len;
	cairo_set_line_width(cr, lw);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, ex - dx * head * 0.8, ey - dy * head * 0.8);
	cairo_stroke(cr);
	cairo_move_to(cr, ex, ey); /* the head: a triangle along (dx, dy) */
	cairo_line_to(cr, ex - dx * head - dy * head * 0.55, ey - dy * head + dx * head * 0.55);
	cairo_line_to(cr, ex - dx * head + dy * head * 0.55, ey - dy * head - dx * head * 0.55);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void pol_grid(fig_ctx *f, const scene_policy *s, double x, double y, double w, double h)
{
	static const double dx[4] = {0, 1, 0, -1}, dy[4] = {-1, 0, 1, 0}; /* up right down left */
	cairo_t *cr = f->cr;
	double bar = 3.2 * f->tick_font;
	double cell = fmin(w / s->cols, (h - bar) / s->rows);
	double gx = x + (w - cell * s->cols) / 2, gy = y + (h - bar - cell * s->rows) / 2;
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < s->S; i++)
		if (!s->absorbing[i] && isfinite(s->V[i]))
			lo = fmin(lo, s->V[i]), hi = fmax(hi, s->V[i]);
	if (!(lo <= hi))
		lo = hi = 0;
	int start = 0;
	for (int i = 1; i < s->S; i++)
		if (s->rho[i] > s->rho[start])
			start = i;
	for (int i = 0; i < s->S; i++) {
		double cx = gx + (i % s->cols) * cell, cy = gy + (i / s->cols) * cell;
		double t = hi > lo ? (s->V[i] - lo) / (hi - lo) : 0.5;
		cmap_rgb bg = s->absorbing[i] ? (cmap_rgb){215, 215, 215} : cmap_at(CMAP_VIRIDIS, t);
		fig_set_rgb(cr, bg, 1);
		cairo_rectangle(cr, cx, cy, cell, cell);
		cairo_fill(cr);
		double mx = cx + cell / 2, my = cy + cell / 2, ink = cmap_luminance(bg) < 0.45;
		if (s->absorbing[i]) {
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			fig_text(f, "end", 0.9 * f->tick_font, mx, my, 0.5, 0.5);
			continue;
		}
		cairo_set_source_rgb(cr, ink, ink, ink);
		for (int a = 0; a < 4; a++) {
			double p = s->pi[(size_t)i * 4 + a];
			if (p > 0.02)
				pol_arrow(cr, mx, my, dx[a], dy[a], 0.44 * cell * p,
				          fmax(0.8 * f->s, 0.07 * cell * sqrt(p)));
		}
		int b = s->best[i];
		if (b >= 0)
			pol_dot(cr, mx + dx[b] * 0.44 * cell, my + dy[b] * 0.44 * cell, 0.05 * cell,
			        POL_BEST_RGB);
		if (i == start) {
			cairo_set_source_rgb(cr, ink, ink, ink);
			fig_text(f, "start", 0.8 * f->tick_font, cx + 0.06 * cell, cy + 0.06 * cell, 0, 0);
		}
	}
	cairo_set_source_rgb(cr, 1, 1, 1); /* the cells' borders */
	cairo_set_line_width(cr, fmax(1, 0.02 * cell));
	for (int r = 1; r < s->rows; r++) {
		cairo_move_to(cr, gx, gy + r * cell);
		cairo_line_to(cr, gx + s->cols * cell, gy + r * cell);
	}
	for (int c = 1; c < s->cols; c++) {
		cairo_move_to(cr, gx + c * cell, gy);
		cairo_line_to(cr, gx + c * cell, gy + s->rows * cell);
	}
	cairo_stroke(cr);
	double bw = fmin(0.5 * s->cols * cell, 0.6 * w);
	pol_colorbar(f, gx + (s->cols * cell - bw) / 2, gy + s->rows * cell + 1.2 * f->tick_font, bw,
	             lo, hi, "V_pi(s)");
}

/* ------------------------------------------------------- three actions */

static void pol_triangles(fig_ctx *f, const scene_policy *s, double x, double y, double w,
                          double h)
{
	static const char *const names[3] = {"a1", "a2", "a3"};
	cairo_t *cr = f->cr;
	int S = s->S < POLICY_MAX_TRI ? s->S : POLICY_MAX_TRI, best_cols = 1;
	double size = 0.85 * f->tick_font, side = 0;
	for (int nc = 1; nc <= S; nc++) { /* the column count that gives the largest triangles */
		int nr = (S + nc - 1) / nc;
		double sd = fmin(w / nc - 5 * size, (h / nr - 4.5 * size) / (sqrt(3) / 2));
		if (sd > side)
			side = sd, best_cols = nc;
	}
	if (side < 8)
		return;
	int nc = best_cols, nr = (S + nc - 1) / nc;
	double cw = w / nc, ch = h / nr, ht = side * sqrt(3) / 2;
	for (int i = 0; i < S; i++) {
		double cx = x + (i % nc + 0.5) * cw, base = y + (i / nc) * ch + (ch + ht) / 2 - size;
		fig_tern t = {{cx - side / 2, cx + side / 2, cx}, {base, base, base - ht}};
		char cap[32];
		snprintf(cap, sizeof cap, "state %d", i + 1);
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		fig_tern_frame(f, &t, names, cap, size);
		for (int k = 0; k < s->npaths; k++) {
			const scene_ppath *p = &s->paths[k];
			bool down = false;
			for (size_t r = 0; r < p->n; r++) {
				double px, py;
				fig_tern_pt(&t, p->pi + (r * s->S + i) * 3, &px, &py);
				if (!isfinite(px)) {
					down = false;
					continue;
				}
				if (down)
					cairo_line_to(cr, px, py);
				else
					cairo_move_to(cr, px, py);
				down = true;
			}
			fig_set_rgb(cr, fig_run_color(f, p->color), 0.9);
			cairo_set_line_width(cr, 1.4 * f->s);
			cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
			cairo_stroke(cr);
			double px, py;
			if (p->n == 0)
				continue;
			fig_tern_pt(&t, p->pi + (size_t)i * 3, &px, &py);
			if (isfinite(px) && p->n > 1)
				fig_marker_draw(f, FIG_MARK_START, px, py, fig_run_color(f, p->color));
			fig_tern_pt(&t, p->pi + ((p->n - 1) * s->S + i) * 3, &px, &py);
			if (isfinite(px))
				fig_marker_draw(f, FIG_MARK_END, px, py, fig_run_color(f, p->color));
		}
		if (s->best[i] >= 0)
			fig_marker_draw(f, FIG_MARK_STAR, t.vx[s->best[i]], t.vy[s->best[i]], POL_STAR_RGB);
	}
}

/* ------------------------------------------------------------- heat map */

static void pol_heat(fig_ctx *f, const scene_policy *s, double x, double y, double w, double h)
{
	cairo_t *cr = f->cr;
	int S = s->S < POLICY_MAX_ROWS ? s->S : POLICY_MAX_ROWS;
	double size = 0.85 * f->tick_font, left = fig_text_width(f, "state 00", size) + f->pad;
	double bar = 3.4 * f->tick_font, top = 1.6 * size;
	double cw = (w - left) / s->A, chh = (h - bar - top) / S, cell = fmin(cw, 1.5 * chh);
	cw = fmin(cw, 1.6 * cell), chh = fmin(chh, cell);
	double gx = x + left + (w - left - cw * s->A) / 2, gy = y + top + (h - bar - top - S * chh) / 2;
	for (int i = 0; i < S; i++)
		for (int a = 0; a < s->A; a++) {
			fig_set_rgb(cr, cmap_at(CMAP_VIRIDIS, s->pi[(size_t)i * s->A + a]), 1);
			cairo_rectangle(cr, gx + a * cw, gy + i * chh, cw + 0.5, chh + 0.5);
			cairo_fill(cr);
			if (s->best[i] == a)
				pol_dot(cr, gx + (a + 0.5) * cw, gy + (i + 0.5) * chh,
				        fmin(0.18 * fmin(cw, chh), 0.45 * f->tick_font),
				        POL_BEST_RGB);
		}
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	int every = (int)ceil(1.3 * size / chh);
	for (int i = 0; i < S; i += every) {
		char b[24];
		snprintf(b, sizeof b, s->S == 1 ? "policy" : "state %d", i + 1);
		fig_text(f, b, size, gx - f->pad, gy + (i + 0.5) * chh, 1, 0.5);
	}
	every = (int)ceil(fig_text_width(f, "a00", size) * 1.3 / cw);
	for (int a = 0; a < s->A; a += every) {
		char b[24];
		snprintf(b, sizeof b, "a%d", a + 1);
		fig_text(f, b, size, gx + (a + 0.5) * cw, gy - 0.4 * size, 0.5, 1);
	}
	double bw = fmin(0.6 * w, cw * s->A);
	pol_colorbar(f, gx + (cw * s->A - bw) / 2, gy + S * chh + 1.2 * f->tick_font, bw, 0, 1,
	             "pi(a | s)");
}

void fig_draw_policy(cairo_t *cr, double x, double y, double w, double h, double scale,
                     const scene_policy *s)
{
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	fig_ctx_style(&f, &s->style);
	double top = y + 2 * f.pad, bottom = y + h - 2 * f.pad;
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	if (s->title && *s->title) {
		fig_text(&f, s->title, f.title_font, x + w / 2, top, 0.5, 0);
		top += f.title_font + 2 * f.pad;
	}
	if (s->caption && *s->caption) {
		double size = f.label_font, cw = fig_text_width(&f, s->caption, size);
		if (cw > w - 2 * f.pad)
			size *= (w - 2 * f.pad) / cw;
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		fig_text(&f, s->caption, size, x + w / 2, bottom, 0.5, 1);
		bottom -= size + 3 * f.pad;
	}
	double px = x + 3 * f.pad, pw = w - 6 * f.pad, ph = bottom - top;
	switch (fig_policy_mode(s)) {
	case 'g': pol_grid(&f, s, px, top, pw, ph); break;
	case 't': pol_triangles(&f, s, px, top, pw, ph); break;
	default: pol_heat(&f, s, px, top, pw, ph); break;
	}
	fig_ctx_fini(&f);
	cairo_restore(cr);
}

typedef struct pol_page {
	const scene_policy *s;
	const scene_conv *conv;
} pol_page;

static void pol_page_fn(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	const pol_page *pg = ctx;
	fig_page_setup(cr);
	double w = o->width, h = o->height;
	if (!pg->conv) {
		fig_draw_policy(cr, 0, 0, w, h, fig_scale(o->width, o->height), pg->s);
		return;
	}
	double sc = fig_scale(o->width / 2, o->height) * 1.05;
	fig_draw_policy(cr, 0, 0, w / 2, h, sc, pg->s);
	fig_draw_convergence(cr, w / 2, 0, w / 2, h, sc, pg->conv);
}

int fig_policy_write(const char *path, fig_format format, const fig_opts *o,
                     const scene_policy *s, const scene_conv *conv, char *err, size_t errlen)
{
	if (!s)
		return fig_err(err, errlen, "figure: nothing to draw");
	pol_page pg = {s, conv};
	return fig_write_page(path, format, o, pol_page_fn, &pg, err, errlen);
}

/* ------------------------------------------------------------ from runs */

bool policy_pictured(const prob *p)
{
	return mdp_of(p) != NULL;
}

/* Run k's path of policies: every kept iterate when the trace holds whole ones (every
 * k-th of a long trace, the last always), else the current policy alone. */
static int pol_path(policy_data *d, int k, const rscene_run *rr, const mdp *m)
{
	const trace *t = run_trace(rr->r);
	size_t SA = (size_t)m->S * m->A;
	long len = trace_nx(t) >= (int)SA ? trace_len(t) : 0;
	long every = len > POL_PATH_ROWS ? (len + POL_PATH_ROWS - 1) / POL_PATH_ROWS : 1;
	size_t n = len > 0 ? (size_t)((len - 1) / every + 1 + ((len - 1) % every != 0)) : 1;
	d->buf[k] = malloc(n * SA * sizeof(double));
	if (!d->buf[k])
		return -1;
	if (len == 0) {
		mdp_policy(m, run_x(rr->r), d->buf[k]);
	} else {
		size_t r = 0;
		for (long i = 0; i < len; i += every)
			mdp_policy(m, trace_x(t, i), d->buf[k] + r++ * SA);
		if ((len - 1) % every != 0)
			mdp_policy(m, trace_x(t, len - 1), d->buf[k] + r++ * SA);
		n = r;
	}
	d->paths[k] = (scene_ppath){rr->label, rr->color, d->buf[k], n};
	return 0;
}

int policy_fill(policy_data *d, const rscene_run *runs, int nruns, bool paths, char *err,
                size_t cap)
{
	memset(d, 0, sizeof *d);
	if (nruns < 1)
		return snprintf(err, cap, "no runs to draw"), -1;
	nruns = nruns > RSCENE_MAX_RUNS ? RSCENE_MAX_RUNS : nruns;
	const prob *p = run_prob(runs[0].r);
	const mdp *m = mdp_of(p);
	for (int k = 0; k < nruns; k++)
		if (run_prob(runs[k].r) != p) {
			snprintf(err, cap, "a policy figure draws runs on one problem; '%s' and '%s' differ",
			         runs[0].label, runs[k].label);
			return -1;
		}
	if (!m)
		return snprintf(err, cap, "'%s' is not a tabular policy problem", p->name), -1;
	int S = m->S, A = m->A;
	d->pi = malloc((size_t)S * A * sizeof *d->pi);
	d->V = malloc((size_t)S * sizeof *d->V);
	d->best = malloc((size_t)S * sizeof *d->best);
	d->absorbing = malloc((size_t)S * sizeof *d->absorbing);
	if (!d->pi || !d->V || !d->best || !d->absorbing)
		goto oom;
	mdp_policy(m, run_x(runs[0].r), d->pi);
	mdp_evaluate(m, d->pi, d->V, NULL);
	for (int s = 0; s < S; s++) {
		const double *q = m->Qstar + (size_t)s * A;
		int b = 0;
		bool leaves = false;
		for (int a = 0; a < A; a++) {
			b = q[a] > q[b] ? a : b;
			leaves |= m->P[((size_t)s * A + a) * S + s] < 1;
		}
		d->absorbing[s] = !leaves && S > 1;
		d->best[s] = b;
	}
	if (A == 3 && paths)
		for (int k = 0; k < nruns; k++)
			if (pol_path(d, k, &runs[k], m) != 0)
				goto oom;
	d->scene = (scene_policy){.S = S, .A = A, .rows = m->rows, .cols = m->cols, .pi = d->pi,
	                          .V = d->V, .best = d->best, .absorbing = d->absorbing,
	                          .rho = m->rho, .paths = d->paths, .npaths = A == 3 && paths ? nruns : 0,
	                          .caption = d->caption};
	long it = run_iter(runs[0].r);
	switch (fig_policy_mode(&d->scene)) {
	case 'g':
		snprintf(d->caption, sizeof d->caption,
		         "%s at iteration %ld: arrows pi(a | s), red dots an optimal move",
		         runs[0].label, it);
		break;
	case 't':
		snprintf(d->caption, sizeof d->caption,
		         "pi(. | s) on the simplex per state; stars: the optimal action");
		break;
	default:
		snprintf(d->caption, sizeof d->caption,
		         "%s at iteration %ld: pi(a | s); red dots: the optimal action",
		         runs[0].label, it);
	}
	return 0;
oom:
	policy_data_free(d);
	snprintf(err, cap, "out of memory");
	return -1;
}

void policy_data_free(policy_data *d)
{
	for (int k = 0; k < RSCENE_MAX_RUNS; k++)
		free(d->buf[k]), d->buf[k] = NULL;
	free(d->pi), free(d->V), free(d->best), free(d->absorbing);
	d->pi = d->V = NULL, d->best = NULL, d->absorbing = NULL;
}
