/* rscene's pictures of what a method learned (meth.h's ellipse and model hooks): the
 * CMA-ES sampling distribution as an ellipse, read from the run's state. */
#include "runscene_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rscene_ellipse(const double *m, const double *cov, double k, int npts, double *x, double *y)
{
	/* any L with L L' = cov maps the unit circle onto {d : d' cov^-1 d = 1}: Cholesky */
	double l11 = cov[0] > 0 ? sqrt(cov[0]) : NAN, l21 = cov[1] / l11;
	double l22 = sqrt(cov[2] - l21 * l21);
	if (npts < 3 || !(l22 > 0) || !isfinite(l11) || !isfinite(l22) || !isfinite(m[0]) ||
	    !isfinite(m[1]))
		return -1;
	for (int i = 0; i < npts; i++) {
		double t = 2 * 3.14159265358979323846 * (i % (npts - 1)) / (npts - 1);
		double u = k * cos(t), v = k * sin(t);
		x[i] = m[0] + l11 * u;
		y[i] = m[1] + l21 * u + l22 * v;
	}
	return 0;
}

int rscene_run_ellipse(const run *r, int cx, int cy, double *x, double *y)
{
	const meth *me = run_meth(r);
	double m[2], cov[3];
	if (!me->ellipse || me->ellipse(run_state(r), cx, cy, m, cov) != 0)
		return -1;
	return rscene_ellipse(m, cov, 1.0, RSCENE_CIRCLE, x, y);
}

/* ------------------------------------------------- a surrogate's heatmap */

#define RSCENE_MODEL_SIDE 160 /* model nodes a side at most; finer grids interpolate */

/* ORDER rscene_heat */
static const char *const heat_names[RSCENE_HEAT_COUNT] = {"f", "gp", "acq"};

const char *rscene_heat_name(rscene_heat h)
{
	return h < RSCENE_HEAT_COUNT ? heat_names[h] : "?";
}

const run *rscene_model_run(const rscene_run *runs, int nruns, const prob *p)
{
	for (int k = 0; k < nruns; k++)
		if (run_prob(runs[k].r) == p && run_meth(runs[k].r)->model)
			return runs[k].r;
	return NULL;
}

int rscene_model(rscene *rs, const run *r, const rscene_opts *o, rscene_heat what,
                 scene_field *f, char *err, size_t cap)
{
	const meth *me = run_meth(r);
	const prob *p = run_prob(r);
	int slot = what == RSCENE_HEAT_ACQ, w = o->gw, h = o->gh;
	int mw = w < RSCENE_MODEL_SIDE ? w : RSCENE_MODEL_SIDE;
	int mh = h < RSCENE_MODEL_SIDE ? h : RSCENE_MODEL_SIDE;
	if (what == RSCENE_HEAT_F || !me->model) {
		snprintf(err, cap, "%s has no model to picture (bo's Gaussian process)", me->name);
		return -1;
	}
	size_t need = (size_t)w * h + (size_t)mw * mh + (size_t)p->n;
	if (need > rs->mgrid_cap[slot]) {
		double *g = realloc(rs->mgrid[slot], need * sizeof *g);
		if (!g) {
			snprintf(err, cap, "out of memory");
			return -1;
		}
		rs->mgrid[slot] = g, rs->mgrid_cap[slot] = need;
	}
	double *out = rs->mgrid[slot], *coarse = out + (size_t)w * h, *x = coarse + (size_t)mw * mh;
	const double *slice = o->slice ? o->slice : p->x0;
	memcpy(x, slice, (size_t)p->n * sizeof *x);
	const char *name = NULL;
	for (int j = 0; j < mh; j++)
		for (int i = 0; i < mw; i++) {
			double mean, sd, acq;
			x[o->cx] = o->view[0] + (o->view[1] - o->view[0]) * i / (mw - 1);
			x[o->cy] = o->view[2] + (o->view[3] - o->view[2]) * j / (mh - 1);
			if (me->model(run_state(r), x, &mean, &sd, &acq, &name) != 0) {
				snprintf(err, cap, "%s has no model yet", me->name);
				return -1;
			}
			double v = what == RSCENE_HEAT_MEAN ? mean : acq;
			coarse[(size_t)j * mw + i] = isfinite(v) ? v : NAN;
		}
	if (mw == w && mh == h) {
		memcpy(out, coarse, (size_t)w * h * sizeof *out);
	} else { /* bilinear between the model's nodes */
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++)
				out[(size_t)j * w + i] = scene_grid_sample(coarse, mw, mh,
				                                           (double)i * (mw - 1) / (w - 1),
				                                           (double)j * (mh - 1) / (h - 1));
	}
	if (what == RSCENE_HEAT_MEAN)
		snprintf(rs->mtitle[slot], sizeof rs->mtitle[slot], "the GP's posterior mean");
	else
		snprintf(rs->mtitle[slot], sizeof rs->mtitle[slot], "acquisition: %s", name);
	f->values = out;
	f->log_color = false;
	f->vmin = f->vmax = NAN;
	f->title = rs->mtitle[slot];
	return 0;
}
