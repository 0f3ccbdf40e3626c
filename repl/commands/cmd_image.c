/* cmd_image: image problems. `problem NAME = tv("FILE.png", lambda = L, eps = E)` loads a
 * grayscale PNG as TV denoising (tv.h); `image example` writes optlab's own example
 * (a piecewise-constant pattern and its seeded noisy copy); `image save` writes a run's
 * current iterate as a PNG (`beside`: after its start, `size WxH`: scaled); `image
 * compare` prints the error to a clean image (`below X`: and tests it). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "cmd_image.h"
#include "img_png.h"
#include "parse.h"
#include "tv.h"

static const param_def tv_params[2] = {
    {"lambda", 0.1, 0, 1e6, "the weight of the total variation", NULL, 0},
    {"eps", 0.01, 1e-8, 1e3, "the smoothing of |grad u| (smaller: closer to exact TV)", NULL, 0},
};

static int files_off(sess *s, int col)
{
	return s->sandbox ? sess_fail(s, col, "files are off in this session") : 0;
}

prob *cmd_image_tv(sess *s, lex *l, const char *name)
{
	int col = l->tok.col;
	lex_next(l); /* tv */
	if (parse_punct(s, l, "(") != 0 || files_off(s, col) != 0)
		return NULL;
	char *path = NULL;
	int pcol = l->tok.col;
	if (parse_string(s, l, "an image file", &path) != 0)
		return NULL;
	double v[2];
	param_defaults(tv_params, 2, v);
	int rc = 0;
	if (lex_is(l, ",")) {
		lex_next(l);
		rc = parse_params(s, l, "tv", tv_params, 2, v);
	} else
		rc = parse_punct(s, l, ")");
	if (rc != 0 || parse_end(s, l) != 0) {
		free(path);
		return NULL;
	}
	char err[300];
	int w, h;
	double *img = img_png_read(path, &w, &h, err, sizeof err);
	free(path);
	if (!img) {
		sess_fail(s, pcol, "%s", err);
		return NULL;
	}
	prob *p = tv_new(name, img, w, h, v[0], v[1], err, sizeof err);
	free(img);
	if (!p)
		sess_fail(s, col, "%s", err);
	return p;
}

/* A run on a TV problem, by name; its image size to *w, *h. */
static ws_item *tv_run(sess *s, lex *l, int *w, int *h)
{
	char name[WS_NAME_MAX];
	int col = l->tok.col;
	if (parse_name(s, l, "a run name", name, sizeof name) != 0)
		return NULL;
	ws_item *it = ws_get_kind(&s->ws, name, WS_RUN);
	if (!it) {
		sess_fail(s, col, "no run '%s'; `list` shows the workspace", name);
		return NULL;
	}
	if (tv_dims(run_prob(it->u.run.r), w, h) != 0) {
		sess_fail(s, col, "run '%s' is not on an image problem (tv)", name);
		return NULL;
	}
	return it;
}

/* image example "NOISY.png" [clean "CLEAN.png"] [size N] [noise S] [seed N] */
static int image_example(sess *s, lex *l)
{
	int col = l->tok.col;
	char *noisy = NULL, *clean = NULL;
	double sigma = 0.1;
	long size = 128, seed = 1;
	if (files_off(s, col) != 0 || parse_string(s, l, "an image file", &noisy) != 0)
		return -1;
	int rc = 0;
	while (rc == 0 && l->tok.kind != LEX_END) {
		int kcol = l->tok.col;
		if (lex_word(l, "clean") && !clean) {
			lex_next(l);
			rc = parse_string(s, l, "an image file", &clean);
		} else if (lex_word(l, "size")) {
			lex_next(l);
			rc = parse_long(s, l, "the size", 8, 4096, &size);
		} else if (lex_word(l, "seed")) {
			lex_next(l);
			rc = parse_long(s, l, "the seed", 0, 2147483647, &seed);
		} else if (lex_word(l, "noise")) {
			lex_next(l);
			rc = parse_number(s, l, &sigma);
			if (rc == 0 && !(sigma >= 0 && sigma <= 10))
				rc = sess_fail(s, kcol, "the noise must be in [0, 10]");
		} else
			rc = sess_fail(s, kcol, "expected clean, size, noise or seed");
	}
	size_t n = (size_t)size * size;
	double *a = rc == 0 ? malloc(n * sizeof *a) : NULL, *b = a ? malloc(n * sizeof *b) : NULL;
	if (rc == 0 && !b)
		rc = sess_fail(s, col, "out of memory");
	char err[300];
	int may_noisy = rc == 0 ? sess_may_write(s, col, noisy) : 0;
	int may_clean = rc == 0 && may_noisy >= 0 && clean ? sess_may_write(s, col, clean) : 0;
	if (may_noisy < 0 || may_clean < 0)
		rc = -1;
	if (rc == 0 && !may_noisy && !may_clean) { /* --replay: both, or neither */
		tv_example((int)size, (int)size, sigma, (uint64_t)seed, a, b);
		if (img_png_write(noisy, b, (int)size, (int)size, err, sizeof err) != 0 ||
		    (clean && img_png_write(clean, a, (int)size, (int)size, err, sizeof err) != 0))
			rc = sess_fail(s, col, "%s", err);
	}
	free(a);
	free(b);
	free(noisy);
	free(clean);
	return rc;
}

/* The picture of image save: the current iterate, or with beside the start on the left
 * and the iterate on the right; scaled (nearest pixel, a white margin) to out_w x out_h
 * when they are > 0. A new buffer, or NULL without memory. */
static double *save_picture(const run *r, int w, int h, int beside, int *out_w, int *out_h)
{
	int cw = beside ? 2 * w : w, ow = *out_w > 0 ? *out_w : cw, oh = *out_h > 0 ? *out_h : h;
	double *pix = malloc((size_t)ow * oh * sizeof *pix);
	if (!pix)
		return NULL;
	const double *img[2] = {beside ? run_prob(r)->x0 : run_x(r), run_x(r)};
	int panels = beside ? 2 : 1, pw = ow / panels;
	/* each panel keeps the image's aspect inside a margin of 1/32 of the panel */
	int m = *out_w > 0 ? pw / 32 : 0;
	double scale = fmin((double)(pw - 2 * m) / w, (double)(oh - 2 * m) / h);
	int iw = (int)(w * scale), ih = (int)(h * scale);
	for (size_t i = 0; i < (size_t)ow * oh; i++)
		pix[i] = 1;
	for (int k = 0; k < panels; k++) {
		int x0 = k * pw + (pw - iw) / 2, y0 = (oh - ih) / 2;
		for (int y = 0; y < ih; y++)
			for (int x = 0; x < iw; x++) {
				int sx = (int)(x / scale), sy = (int)(y / scale);
				sx = sx < w ? sx : w - 1;
				sy = sy < h ? sy : h - 1;
				pix[(size_t)(y0 + y) * ow + x0 + x] = img[k][(size_t)sy * w + sx];
			}
	}
	*out_w = ow;
	*out_h = oh;
	return pix;
}

/* image save "OUT.png" RUN [beside] [size WxH] */
static int image_save(sess *s, lex *l)
{
	int col = l->tok.col, w, h, beside = 0, ow = 0, oh = 0;
	char *path = NULL;
	if (files_off(s, col) != 0 || parse_string(s, l, "an image file", &path) != 0)
		return -1;
	ws_item *it = tv_run(s, l, &w, &h);
	int rc = it ? 0 : -1;
	while (rc == 0 && l->tok.kind != LEX_END) {
		int kcol = l->tok.col;
		if (lex_word(l, "beside") && !beside) {
			lex_next(l);
			beside = 1;
		} else if (lex_word(l, "size") && ow == 0) {
			lex_next(l); /* WxH lexes as a number and a word: read the text itself */
			int n = 0, a = 0, b = 0, at = l->tok.col;
			if (sscanf(l->src + at, "%dx%d%n", &a, &b, &n) != 2 || a < 16 || b < 16 ||
			    a > 8192 || b > 8192)
				rc = sess_fail(s, kcol, "expected size WxH, each in [16, 8192]");
			else {
				ow = a, oh = b;
				while (l->tok.kind != LEX_END && l->tok.col < at + n)
					lex_next(l);
			}
		} else
			rc = sess_fail(s, kcol, "expected beside or size WxH");
	}
	if (rc != 0) {
		free(path);
		return -1;
	}
	if ((rc = sess_may_write(s, col, path)) != 0) {
		free(path);
		return rc < 0 ? -1 : 0;
	}
	char err[300];
	double *pix = save_picture(it->u.run.r, w, h, beside, &ow, &oh);
	rc = pix ? img_png_write(path, pix, ow, oh, err, sizeof err) : -1;
	if (!pix)
		snprintf(err, sizeof err, "out of memory");
	free(pix);
	free(path);
	return rc ? sess_fail(s, col, "%s", err) : 0;
}

/* image compare RUN "CLEAN.png" [below X]: the root mean square error of the start and
 * of the current iterate to the clean image; with below, an error unless the latter is
 * below X (scripts test themselves with it). */
static int image_compare(sess *s, lex *l)
{
	int w, h, cw, ch;
	ws_item *it = tv_run(s, l, &w, &h);
	char *path = NULL;
	int pcol = l->tok.col;
	if (!it || files_off(s, pcol) != 0 || parse_string(s, l, "an image file", &path) != 0)
		return -1;
	double below = NAN;
	int bcol = l->tok.col;
	if (lex_word(l, "below")) {
		lex_next(l);
		if (parse_number(s, l, &below) != 0) {
			free(path);
			return -1;
		}
	}
	if (parse_end(s, l) != 0) {
		free(path);
		return -1;
	}
	char err[300];
	double *clean = img_png_read(path, &cw, &ch, err, sizeof err);
	free(path);
	if (!clean)
		return sess_fail(s, pcol, "%s", err);
	if (cw != w || ch != h) {
		free(clean);
		return sess_fail(s, pcol, "the clean image is %d x %d, the problem's %d x %d", cw,
		                 ch, w, h);
	}
	const run *r = it->u.run.r;
	size_t n = (size_t)w * h;
	double now = tv_rmse(run_x(r), clean, n);
	fprintf(s->out, "rmse to the clean image: start %.6g, iteration %ld %.6g\n",
	        tv_rmse(run_prob(r)->x0, clean, n), run_iter(r), now);
	free(clean);
	if (!isnan(below) && !(now < below))
		return sess_fail(s, bcol, "the error to the clean image is %.6g, not below %g", now,
		                 below);
	return 0;
}

int cmd_image(sess *s, lex *l)
{
	int col = l->tok.col;
	if (lex_word(l, "example")) {
		lex_next(l);
		return image_example(s, l);
	}
	if (lex_word(l, "save")) {
		lex_next(l);
		return image_save(s, l);
	}
	if (lex_word(l, "compare")) {
		lex_next(l);
		return image_compare(s, l);
	}
	return sess_fail(s, col, "expected example, save or compare");
}
