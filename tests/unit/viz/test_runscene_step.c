/* test_runscene_step: the model's trial step drawn at the iterate (trace_model_trial,
 * rscene_field's trial paths, the terminal's cross) against steps computed here by
 * hand. On f = x^2 + y^2 (H = 2I) cubic(M = 2) minimizes g's + |s|^2 + |s|^3/3: s =
 * -g/(2 + lam) with lam = |s|, so lam (2 + lam) = |g| in closed form; the step is
 * taken. On x^2 - y^2 + y^4/4 from (1, 0.05), arc(sigma0 = 0.8) solves the secular
 * equation |s(lam)| = lam/sigma, s_i = -g_i/(h_i + lam), lam > 2 - 3y^2: bisected here;
 * the trial is refused (rho < 0) and is drawn as a cross off the trajectory, inside
 * the default viewport. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"
#include "runscene.h"

static run *model_run(prob *p, const char *method, const char *param, double v,
                      const double *x0)
{
	const meth *m = meth_find(method);
	assert_non_null(m);
	double par[PARAM_MAX];
	param_defaults(m->params, m->nparams, par);
	par[param_find(m->params, m->nparams, param)] = v;
	char err[256];
	run *r = run_new(p, m, par, x0, NULL, err, sizeof err);
	assert_non_null(r);
	run_step(r, 1, NULL);
	return r;
}

/* The field's only model-step path. */
static const scene_path *trial_path(const scene_field *f)
{
	const scene_path *t = NULL;
	for (int k = 0; k < f->npaths; k++)
		if (f->paths[k].trial != SCENE_TRIAL_NONE) {
			assert_null(t);
			t = &f->paths[k];
		}
	assert_non_null(t);
	assert_int_equal(t->n, 2);
	return t;
}

static void test_cubic_closed_form(void **st)
{
	(void)st;
	expr_error e;
	prob *p = prob_from_expr("q", "x^2 + y^2", NULL, &e);
	assert_non_null(p);
	const double x0[2] = {3, -4}; /* g = (6, -8), |g| = 10 */
	run *r = model_run(p, "cubic", "M", 2, x0);
	double lam = -1 + sqrt(11), s[2] = {-6 / (2 + lam), 8 / (2 + lam)};
	const trace *t = run_trace(r);
	const double *xt;
	assert_int_equal(trace_model_trial(t, 1, &xt), 1); /* taken: x_1 itself */
	rscene *rs = rscene_new();
	rscene_run runs[1] = {{r, "c", 2}};
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-5, 5, -5, 5}, .gw = 8, .gh = 8};
	scene_field f;
	char err[256];
	assert_int_equal(rscene_field(rs, p, runs, 1, &o, &f, err, sizeof err), 0);
	const scene_path *tp = trial_path(&f);
	assert_int_equal(tp->trial, SCENE_TRIAL_TAKEN);
	assert_int_equal(tp->color, 2);
	assert_true(tp->x[0] == 3 && tp->y[0] == -4);
	assert_true(fabs(tp->x[1] - (3 + s[0])) <= 1e-12 && fabs(tp->y[1] - (-4 + s[1])) <= 1e-12);
	rscene_free(rs);
	run_free(r);
	prob_free(p);
}

/* |s(lam)| - lam/sigma, decreasing in lam above the lowest curvature's pole */
static double secular(const double *h, const double *g, double sigma, double lam, double *s)
{
	double n2 = 0;
	for (int i = 0; i < 2; i++) {
		s[i] = -g[i] / (h[i] + lam);
		n2 += s[i] * s[i];
	}
	return sqrt(n2) - lam / sigma;
}

static void test_arc_refused(void **st)
{
	(void)st;
	expr_error e;
	prob *p = prob_from_expr("s", "x^2 - y^2 + y^4/4", NULL, &e);
	assert_non_null(p);
	const double x0[2] = {1, 0.05}, sigma = 0.8;
	run *r = model_run(p, "arc", "sigma0", sigma, x0);
	double y = x0[1], g[2] = {2 * x0[0], -2 * y + y * y * y}, h[2] = {2, -2 + 3 * y * y};
	double lo = -h[1] + 1e-12, hi = 100, s[2];
	for (int it = 0; it < 200; it++) {
		double mid = 0.5 * (lo + hi);
		if (secular(h, g, sigma, mid, s) > 0)
			lo = mid;
		else
			hi = mid;
	}
	secular(h, g, sigma, hi, s);
	const trace *t = run_trace(r);
	assert_true(trace_row_at(t, 1)->step == 0); /* refused: x stays */
	const double *xt;
	assert_int_equal(trace_model_trial(t, 1, &xt), 0);
	assert_true(fabs(xt[0] - (x0[0] + s[0])) <= 1e-10 && fabs(xt[1] - (x0[1] + s[1])) <= 1e-10);
	rscene *rs = rscene_new();
	rscene_run runs[1] = {{r, "a", 0}};
	rscene_opts o = {.cx = 0, .cy = 1, .view = {-3, 3, -3, 3}, .gw = 8, .gh = 8};
	scene_field f;
	char err[256];
	assert_int_equal(rscene_field(rs, p, runs, 1, &o, &f, err, sizeof err), 0);
	const scene_path *tp = trial_path(&f);
	assert_int_equal(tp->trial, SCENE_TRIAL_REFUSED);
	assert_true(tp->x[0] == x0[0] && tp->y[0] == x0[1]);
	assert_true(fabs(tp->x[1] - (x0[0] + s[0])) <= 1e-10 &&
	            fabs(tp->y[1] - (x0[1] + s[1])) <= 1e-10);
	/* the terminal: one cross in the run's colour, left of and above the iterate's
	 * dot as s = (-0.50, 2.49) is; its row where y = 2.54 falls on the plot's 38 rows
	 * (a field of 40 rows without a title keeps 2 for the x axis) for y from 3 down to -3 */
	canvas *c = canvas_new(80, 40, CANVAS_TRUECOLOR);
	canvas_draw_field(c, (canvas_rect){0, 0, 80, 40}, &f);
	int crosses = 0, cx = -1, cy = -1, dx = -1, dy = -1;
	cmap_rgb col = canvas_run_color(NULL, 0);
	for (int j = 0; j < 40; j++)
		for (int i = 0; i < 80; i++) {
			const canvas_cell *k = canvas_at(c, i, j);
			if (k->ch == 0x00D7 && memcmp(&k->fg, &col, sizeof col) == 0)
				crosses++, cx = i, cy = j;
			if (k->ch == 0x25CF && memcmp(&k->fg, &col, sizeof col) == 0)
				dx = i, dy = j;
		}
	assert_int_equal(crosses, 1);
	assert_true(dx >= 0 && cx < dx && cy < dy);
	int want = (int)floor((3 - (x0[1] + s[1])) / 6 * 38);
	if (abs(cy - want) > 1)
		print_error("the cross on row %d, expected %d\n", cy, want);
	assert_true(abs(cy - want) <= 1);
	assert_true(abs(dy - (int)floor((3 - x0[1]) / 6 * 38)) <= 1);
	canvas_free(c);
	/* the default viewport takes the refused trial in, so its cross is drawn */
	double view[4];
	rscene_default_view(p, 0, 1, NULL, runs, 1, view);
	assert_true(view[2] <= x0[1] + s[1] && x0[1] + s[1] <= view[3]);
	assert_true(view[0] <= x0[0] + s[0] && x0[0] + s[0] <= view[1]);
	rscene_free(rs);
	run_free(r);
	prob_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cubic_closed_form),
		cmocka_unit_test(test_arc_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
