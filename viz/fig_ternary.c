/* fig_ternary: mixed strategies of a 3 x 3 matrix game on two triangles. */
#include "fig_ternary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fig_file.h"
#include "fig_int.h"

#define TERN_STAR_RGB ((cmap_rgb){20, 20, 20})

static const char *const tern_names[3] = {"e1", "e2", "e3"};

/* One player's paths, markers and the equilibrium; counts points for the legend. */
static void tern_paths(fig_ctx *f, const fig_tern *t, const scene_ternary *s, int player,
                       const plot_rect *pa, double lw, double lh, size_t count[4])
{
	cairo_t *cr = f->cr;
	for (int k = 0; k < s->npaths; k++) {
		const scene_tpath *p = &s->paths[k];
		bool down = false;
		for (size_t i = 0; i < p->n; i++) {
			double x, y;
			fig_tern_pt(t, p->p + 6 * i + 3 * player, &x, &y);
			if (!isfinite(x)) {
				down = false;
				continue;
			}
			if (down)
				cairo_line_to(cr, x, y);
			else
				cairo_move_to(cr, x, y);
			down = true;
			plot_corner_count(pa, lw, lh, &x, &y, 1, count);
		}
		fig_set_rgb(cr, fig_run_color(f, p->color), 0.9);
		cairo_set_line_width(cr, 1.6 * f->s);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
	}
	for (int k = 0; k < s->npaths; k++) {
		const scene_tpath *p = &s->paths[k];
		double x, y;
		if (p->n == 0)
			continue;
		fig_tern_pt(t, p->p + 3 * player, &x, &y);
		if (isfinite(x))
			fig_marker_draw(f, FIG_MARK_START, x, y, fig_run_color(f, p->color));
		fig_tern_pt(t, p->p + 6 * (p->n - 1) + 3 * player, &x, &y);
		if (isfinite(x))
			fig_marker_draw(f, FIG_MARK_END, x, y, fig_run_color(f, p->color));
	}
	if (s->has_eq) {
		double x, y;
		fig_tern_pt(t, s->eq + 3 * player, &x, &y);
		if (isfinite(x))
			fig_marker_draw(f, FIG_MARK_STAR, x, y, TERN_STAR_RGB);
	}
}

void fig_draw_ternary(cairo_t *cr, double x, double y, double w, double h, double scale,
                      const scene_ternary *s)
{
	fig_ctx f;
	cairo_save(cr);
	fig_ctx_init(&f, cr, scale);
	fig_ctx_style(&f, &s->style);
	double top = y + 2 * f.pad;
	if (s->title && *s->title) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		fig_text(&f, s->title, f.title_font, x + w / 2, top, 0.5, 0);
		top += f.title_font + 2 * f.pad;
	}
	/* two panels; each triangle as large as its panel lets it, labels around it */
	double pw = w / 2, margin = 2.5 * f.label_font + f.pad;
	double bottom = y + h - 3 * f.label_font - 2 * f.pad;
	double side = fmin(pw - 2 * margin, (bottom - top - f.label_font - f.pad) / (sqrt(3) / 2));
	fig_legend_item it[RSCENE_MAX_RUNS + 3];
	int n = 0;
	for (int k = 0; k < s->npaths && n < RSCENE_MAX_RUNS; k++)
		it[n++] = (fig_legend_item){s->paths[k].label, fig_run_color(&f, s->paths[k].color), true,
		                            false, FIG_MARK_NONE};
	it[n++] = (fig_legend_item){"start", (cmap_rgb){90, 90, 90}, false, false, FIG_MARK_START};
	it[n++] = (fig_legend_item){"end", (cmap_rgb){90, 90, 90}, false, false, FIG_MARK_END};
	if (s->has_eq)
		it[n++] = (fig_legend_item){"equilibrium", TERN_STAR_RGB, false, false, FIG_MARK_STAR};
	double lw = 0, lh = 0;
	fig_legend_size(&f, it, n, &lw, &lh);
	size_t count[4] = {0};
	plot_rect pa = {x + pw, top, pw, bottom - top};
	if (side > 10) {
		for (int pl = 0; pl < 2; pl++) {
			double cx = x + pw * pl + pw / 2, base = bottom;
			double ht = side * sqrt(3) / 2;
			base -= ((bottom - top) - ht) / 2; /* centred in the panel's height */
			fig_tern t = {{cx - side / 2, cx + side / 2, cx}, {base, base, base - ht}};
			fig_tern_frame(&f, &t, tern_names, s->player[pl], f.label_font);
			plot_rect here = {x + pw * pl, top, pw, bottom - top};
			tern_paths(&f, &t, s, pl, pl ? &pa : &here, lw, lh, pl ? count : (size_t[4]){0});
		}
		/* the triangle's own corners keep the legend out of its bottom corners */
		count[2] += 1000, count[3] += 1000;
		fig_legend_draw(&f, it, n, &pa, count, 0);
	}
	fig_ctx_fini(&f);
	cairo_restore(cr);
}

static void tern_page(cairo_t *cr, const fig_opts *o, const scene_ternary *s)
{
	fig_page_setup(cr);
	fig_draw_ternary(cr, 0, 0, o->width, o->height, 1.2 * fig_scale(o->width / 2, o->height), s);
}

static void tern_page_fn(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	tern_page(cr, o, ctx);
}

int fig_ternary_write(const char *path, fig_format format, const fig_opts *o,
                      const scene_ternary *s, char *err, size_t errlen)
{
	if (!s)
		return fig_err(err, errlen, "figure: nothing to draw");
	return fig_write_page(path, format, o, tern_page_fn, s, err, errlen);
}

/* ------------------------------------------------------------ from runs */

static bool tern_game(const prob *p)
{
	return (p->caps & PROB_GAME) && (p->caps & PROB_MIRROR) && p->game && p->game->nx == 3 &&
	       p->n == 6;
}

int tern_fill(tern_data *d, const rscene_run *runs, int nruns, char *err, size_t cap)
{
	memset(d, 0, sizeof *d);
	if (nruns < 1) {
		snprintf(err, cap, "no runs to draw");
		return -1;
	}
	if (nruns > RSCENE_MAX_RUNS)
		nruns = RSCENE_MAX_RUNS;
	for (int k = 0; k < nruns; k++) {
		const prob *p = run_prob(runs[k].r);
		if (!tern_game(p)) {
			snprintf(err, cap,
			         "a ternary figure needs a matrix game with three strategies a player "
			         "(rps, preference(m = 3)); run '%s' is on '%s'",
			         runs[k].label, p->name);
			tern_data_free(d);
			return -1;
		}
		const trace *t = run_trace(runs[k].r);
		long len = trace_len(t);
		if (trace_nx(t) < 6)
			len = 0; /* coordinates not kept: no path */
		d->buf[k] = malloc((size_t)(len > 0 ? len : 1) * 6 * sizeof(double));
		if (!d->buf[k]) {
			snprintf(err, cap, "out of memory");
			tern_data_free(d);
			return -1;
		}
		for (long i = 0; i < len; i++)
			memcpy(d->buf[k] + 6 * i, trace_x(t, i), 6 * sizeof(double));
		d->paths[k] = (scene_tpath){runs[k].label, runs[k].color, d->buf[k], (size_t)len};
	}
	const prob *p = run_prob(runs[0].r);
	d->scene = (scene_ternary){
	    .player = {"min player (x)", "max player (y)"},
	    .has_eq = p->nsol >= 1,
	    .paths = d->paths,
	    .npaths = nruns,
	};
	if (p->nsol >= 1)
		memcpy(d->scene.eq, p->xstar, 6 * sizeof(double));
	return 0;
}

void tern_data_free(tern_data *d)
{
	for (int k = 0; k < RSCENE_MAX_RUNS; k++)
		free(d->buf[k]), d->buf[k] = NULL;
}
