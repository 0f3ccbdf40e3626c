/* `sweep` over two parameters: a phase diagram. The grid's iterations (or its
 * measured rate) as a heatmap, the region where the runs converge outlined, the
 * measured optimum and, where theory knows it, the optimal pair marked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "contour.h"
#include "cmd_all.h"
#include "cmd_sweep.h"
#include "fig.h"
#include "fmt.h"
#include "version.h"

#define SWEEP2_GRID_COLS 12 /* the grid is printed up to this many columns */
#define SWEEP2_GRID_ROWS 24 /* ... and rows */
#define SWEEP2_REGION_CLAMP 5.0 /* log(rate) in the region layer, clamped to +-this */

/* The measured rate a step: ((f_k - f*) / (f_0 - f*))^(1/k), or of gnorm without
 * f*, at the last row with a finite f (so that a diverged run shows how fast it
 * grew); infinite where it diverged at once, NaN where nothing was measured. */
static double point_rate(const prob *p, const sweep_point *o)
{
	if (!o->done || o->err[0])
		return NAN;
	if (o->klast < 1)
		return o->stop == RUN_DIVERGED ? INFINITY : NAN;
	int gap = !isnan(p->fstar);
	double num = gap ? o->flast - p->fstar : o->gnormlast;
	double den = gap ? o->f0 - p->fstar : o->gnorm0;
	if (!(den > 0) || isnan(num))
		return NAN;
	return pow(fmax(num, 0) / den, 1.0 / (double)o->klast);
}

/* The best point: fewest iterations among those that met the condition (ties to the
 * lower rate), or with MAP_RATE the lowest rate; -1 when there is none. */
static int best_point(const sweep_req *q, const sweep_point *pt, int npts)
{
	const prob *p = q->pi->u.prob->p;
	int best = -1;
	double brate = INFINITY;
	for (int i = 0; i < npts; i++) {
		double r = point_rate(p, &pt[i]);
		if (q->map_rate) {
			if (r < brate)
				best = i, brate = r;
		} else if (pt[i].met && (best < 0 || pt[i].iters < pt[best].iters ||
		                         (pt[i].iters == pt[best].iters && r < brate))) {
			best = i, brate = r;
		}
	}
	return best;
}

/* Polyak's optimal heavy ball on a quadratic with Hessian eigenvalues in [mu, L]:
 * step 4/(sqrt L + sqrt mu)^2, momentum ((sqrt k - 1)/(sqrt k + 1))^2, k = L/mu,
 * both contraction factors then sqrt(momentum). Known when the sweep is heavyball's
 * step and momentum on a problem with a constant positive definite Hessian. */
typedef struct sweep2_theory {
	double L, mu, v[2]; /* v in the axes' order */
} sweep2_theory;

static int theory(const sweep_req *q, sweep2_theory *t)
{
	const meth *m = q->sv.m;
	const prob *p = q->pi->u.prob->p;
	if (strcmp(m->name, "heavyball") != 0)
		return -1;
	char err[160];
	if (bound_quad_consts(p, q->x0 ? q->x0 : p->x0, &t->L, &t->mu, err, sizeof err) != 0 ||
	    !(t->mu > 0) || !(t->L >= t->mu))
		return -1;
	double sl = sqrt(t->L), sm = sqrt(t->mu), sk = sl / sm;
	double step = 4 / ((sl + sm) * (sl + sm)), mom = (sk - 1) / (sk + 1);
	mom *= mom;
	for (int a = 0; a < 2; a++) {
		const char *name = m->params[q->ax[a].k].name;
		if (strcmp(name, "step") == 0)
			t->v[a] = step;
		else if (strcmp(name, "momentum") == 0)
			t->v[a] = mom;
		else
			return -1;
	}
	return 0;
}

/* The grid itself, columns the first parameter, rows the second from the top:
 * iterations where met, `max` where not within max, `div` where it diverged. */
static void print_grid(sess *s, const sweep_req *q, const sweep_point *pt)
{
	int n0 = q->ax[0].npts, n1 = q->ax[1].npts, prec = s->set.precision < 3 ? s->set.precision : 3;
	char v[32];
	const param_def *d = q->sv.m->params;
	fprintf(s->out, "  %9s \\ %s\n", d[q->ax[1].k].name, d[q->ax[0].k].name);
	fprintf(s->out, "  %9s", "");
	for (int i = 0; i < n0; i++)
		fprintf(s->out, " %7s", fmt_num(v, sizeof v, sweep_axis_at(&q->ax[0], i), prec));
	fprintf(s->out, "\n");
	for (int j = n1 - 1; j >= 0; j--) {
		fprintf(s->out, "  %9s", fmt_num(v, sizeof v, sweep_axis_at(&q->ax[1], j), prec));
		for (int i = 0; i < n0; i++) {
			const sweep_point *o = &pt[j * n0 + i];
			const char *r = sweep_result(o, q->max);
			if (o->met)
				fprintf(s->out, " %7ld", o->iters);
			else
				fprintf(s->out, " %7.7s", strcmp(r, "diverged") == 0 ? "div" : r);
		}
		fprintf(s->out, "\n");
	}
}

void sweep2_table(sess *s, const sweep_req *q, const sweep_point *pt)
{
	int npts = q->ax[0].npts * q->ax[1].npts, prec = s->set.precision;
	const param_def *d = q->sv.m->params;
	const char *n0 = d[q->ax[0].k].name, *n1 = d[q->ax[1].k].name;
	if (q->ax[0].npts <= SWEEP2_GRID_COLS && q->ax[1].npts <= SWEEP2_GRID_ROWS)
		print_grid(s, q, pt);
	int nmet = 0, nconv = 0;
	const prob *p = q->pi->u.prob->p;
	for (int i = 0; i < npts; i++) {
		nmet += pt[i].met;
		nconv += point_rate(p, &pt[i]) < 1;
	}
	char v1[32], v2[32], v3[32];
	fprintf(s->out, "  met at %d of %d points; converging (rate < 1) at %d\n", nmet, npts,
	        nconv);
	int b = best_point(q, pt, npts);
	if (b >= 0)
		fprintf(s->out, "  %s: %ld iterations, rate %s a step, at %s = %s, %s = %s\n",
		        q->map_rate ? "lowest rate" : "fewest iterations", pt[b].iters,
		        fmt_num(v3, sizeof v3, point_rate(p, &pt[b]), 4), n0,
		        fmt_num(v1, sizeof v1, pt[b].value, prec), n1,
		        fmt_num(v2, sizeof v2, pt[b].value2, prec));
	sweep2_theory t;
	if (theory(q, &t) == 0) {
		char vl[32], vm[32];
		double sk = sqrt(t.L / t.mu), r = (sk - 1) / (sk + 1);
		fprintf(s->out, "  theory (heavy ball on a quadratic, L = %s, mu = %s): %s = %s, "
		                "%s = %s, rate %s a step\n",
		        fmt_num(vl, sizeof vl, t.L, prec), fmt_num(vm, sizeof vm, t.mu, prec), n0,
		        fmt_num(v1, sizeof v1, t.v[0], prec), n1, fmt_num(v2, sizeof v2, t.v[1], prec),
		        fmt_num(v3, sizeof v3, r * r, 4));
	}
}

/* A grid coordinate: the value, or its log10 on a log axis (the nodes are even there). */
static double axis_coord(const sweep_axis *a, double v)
{
	return a->logspace ? log10(v) : v;
}

static const char *axis_label(char *buf, size_t cap, const sweep_axis *a, const char *name)
{
	if (a->logspace)
		snprintf(buf, cap, "log10 %s", name);
	else
		snprintf(buf, cap, "%s", name);
	return buf;
}

/* The grids refined K times by bilinear interpolation, so that the colours end at
 * the outline of the region (the level 0 of REG) and not in steps of whole cells:
 * a refined node is blank where REG is positive, else the mean of its cell's
 * finite corners, weighted as bilinear. New arrays in *UV and *UR, or -1. */
static int refine(const double *val, const double *reg, int w, int h, int k, double **uv,
                  double **ur)
{
	int uw = (w - 1) * k + 1, uh = (h - 1) * k + 1;
	*uv = malloc((size_t)uw * uh * 2 * sizeof **uv);
	if (!*uv)
		return -1;
	*ur = *uv + (size_t)uw * uh;
	for (int J = 0; J < uh; J++)
		for (int I = 0; I < uw; I++) {
			int i = I / k < w - 1 ? I / k : w - 2, j = J / k < h - 1 ? J / k : h - 2;
			double fx = (double)I / k - i, fy = (double)J / k - j, sv = 0, sw = 0, r = 0;
			for (int c = 0; c < 4; c++) {
				int ci = i + (c & 1), cj = j + (c >> 1);
				double wt = ((c & 1) ? fx : 1 - fx) * ((c >> 1) ? fy : 1 - fy);
				double v = val[cj * w + ci];
				r += wt * reg[cj * w + ci];
				if (isfinite(v) && wt > 0)
					sv += wt * v, sw += wt;
			}
			(*ur)[J * uw + I] = r;
			(*uv)[J * uw + I] = r > 0 || sw == 0 ? NAN : sv / sw;
		}
	return 0;
}

int sweep2_figure(sess *s, lex *l, const sweep_req *q, const sweep_point *pt,
                  const char *cond_text)
{
	int w = q->ax[0].npts, h = q->ax[1].npts, npts = w * h, prec = 4;
	const prob *p = q->pi->u.prob->p;
	const param_def *d = q->sv.m->params;
	double *val = malloc((size_t)npts * 2 * sizeof *val), *reg = val ? val + npts : NULL;
	if (!val)
		return sess_fail(s, 0, "out of memory");
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < npts; i++) {
		double r = point_rate(p, &pt[i]);
		/* points that converge too slowly to meet the condition sit at the top of
		   the scale (the step limit); those that do not converge are left blank */
		if (q->map_rate)
			val[i] = r < 1 ? r : NAN;
		else
			val[i] = pt[i].met ? fmax((double)pt[i].iters, 1)
			                   : r < 1 ? (double)q->max : NAN;
		/* converging where log(rate) < 0; unmeasured points count as not converging */
		reg[i] = isnan(r) ? SWEEP2_REGION_CLAMP
		                  : fmin(fmax(log(r), -SWEEP2_REGION_CLAMP), SWEEP2_REGION_CLAMP);
		if (isfinite(val[i]) && (q->map_rate || pt[i].met)) /* the contours' range */
			lo = fmin(lo, val[i]), hi = fmax(hi, val[i]);
	}
	char title[320], xl[64], yl[64], tlabel[160], blabel[160], v1[32], v2[32], software[64];
	snprintf(title, sizeof title, "%.40s on %.40s: %s until %.140s (shaded: no convergence)",
	         q->sv.m->name, q->pi->name, q->map_rate ? "rate a step" : "iterations", cond_text);
	scene_point star[1];
	scene_path best[1];
	double bx, by;
	sweep2_theory t;
	int npoint = 0, npath = 0;
	if (theory(q, &t) == 0) {
		snprintf(tlabel, sizeof tlabel, "theory: %s = %s, %s = %s", d[q->ax[0].k].name,
		         fmt_num(v1, sizeof v1, t.v[0], prec), d[q->ax[1].k].name,
		         fmt_num(v2, sizeof v2, t.v[1], prec));
		star[npoint++] = (scene_point){axis_coord(&q->ax[0], t.v[0]),
		                               axis_coord(&q->ax[1], t.v[1]), tlabel};
	}
	int b = best_point(q, pt, npts);
	if (b >= 0) {
		bx = axis_coord(&q->ax[0], pt[b].value), by = axis_coord(&q->ax[1], pt[b].value2);
		if (q->map_rate)
			snprintf(blabel, sizeof blabel, "lowest rate %s", fmt_num(v1, sizeof v1,
			                                                         point_rate(p, &pt[b]), 3));
		else
			snprintf(blabel, sizeof blabel, "fewest iterations: %ld", pt[b].iters);
		best[npath++] = (scene_path){.label = blabel, .color = 5, .x = &bx, .y = &by, .n = 1,
		                             .end_marker = true};
	}
	scene_field sc = {
	    .title = title,
	    .xlabel = axis_label(xl, sizeof xl, &q->ax[0], d[q->ax[0].k].name),
	    .ylabel = axis_label(yl, sizeof yl, &q->ax[1], d[q->ax[1].k].name),
	    .x0 = axis_coord(&q->ax[0], q->ax[0].a), .x1 = axis_coord(&q->ax[0], q->ax[0].b),
	    .y0 = axis_coord(&q->ax[1], q->ax[1].a), .y1 = axis_coord(&q->ax[1], q->ax[1].b),
	    .values = val, .w = w, .h = h,
	    /* iterations that span decades read best by their log */
	    .log_color = !q->map_rate && lo > 0 && hi / lo > 20,
	    .cmap = CMAP_VIRIDIS, .vmin = NAN, .vmax = NAN,
	    .paths = best, .npaths = npath, .points = star, .npoints = npoint,
	    .region = reg, .nregion = 1};
	/* contour lines over the points that met the condition only: none along the
	   plateau of the step limit */
	double levels[CONTOUR_MAX_LEVELS];
	if (lo < hi) {
		sc.levels = levels;
		sc.nlevels = contour_levels(lo, hi, 8, sc.log_color, levels, CONTOUR_MAX_LEVELS);
	}
	/* about 400 nodes along the longer side */
	int k = 400 / (w > h ? w - 1 : h - 1);
	k = k < 1 ? 1 : k > 16 ? 16 : k;
	double *uv = NULL, *ur = NULL;
	if (k > 1 && refine(val, reg, w, h, k, &uv, &ur) == 0) {
		sc.values = uv, sc.region = ur;
		sc.w = (w - 1) * k + 1, sc.h = (h - 1) * k + 1;
	}
	snprintf(software, sizeof software, "optlab %s", OPTLAB_VERSION);
	char *text = cmd_figure_source(s, l->src), err[512];
	fig_opts fo = {.width = q->width, .height = q->height, .software = software,
	               .source = text};
	int rc = fig_write(q->path, (fig_format)fig_format_from_path(q->path), &fo, &sc, NULL, err,
	                   sizeof err);
	free(text);
	free(val);
	free(uv);
	return rc == 0 ? 0 : sess_fail(s, 0, "%s", err);
}
