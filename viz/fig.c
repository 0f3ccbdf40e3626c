/* fig: figures written to files: the surface for the format, the layout of one
 * or two scenes, atomic files. */
#include "fig.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "fig_file.h"
#include "fig_int.h"
#include "fig_svg.h"

int fig_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int fig_format_from_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot)
		return -1;
	if (strcasecmp(dot, ".png") == 0)
		return FIG_PNG;
	if (strcasecmp(dot, ".svg") == 0)
		return FIG_SVG;
	if (strcasecmp(dot, ".pdf") == 0)
		return FIG_PDF;
	return -1;
}

double fig_scale(int w, int h)
{
	return sqrt((double)w * h / (800.0 * 600.0));
}

/* Two panels on one page: one baseline and one height; the field keeps equal
 * scales (stretched at most 1.5 times where the page is too tall for that), the
 * convergence plot takes the rest of the width; the title spans the page. */
static void fig_draw_pair(cairo_t *cr, int w, int h, const scene_field *field,
			  const scene_conv *conv)
{
	double s = fig_scale(w / 2, h) * 1.05;
	scene_field fs = *field;
	scene_conv cs = *conv;
	const char *title = conv->title && *conv->title ? conv->title : field->title;
	fs.title = cs.title = NULL;
	fig_ctx ff, fc;
	cairo_save(cr);
	fig_ctx_init(&ff, cr, s);
	fig_ctx_style(&ff, &fs.style);
	fig_ctx_init(&fc, cr, s);
	fig_ctx_style(&fc, &cs.style);
	double band = title && *title ? round(2.2 * fc.title_font) : 0;
	fig_field_lay lf;
	fig_conv_lay lc;
	int okf = fig_field_layout(&ff, &fs, w * 0.5, h - band, &lf) == 0;
	int okc = fig_conv_layout(&fc, &cs, w * 0.5, h - band, &lc) == 0;
	if (okf && okc) {
		double top = band + fmax(lf.top, lc.top), bottom = fmax(lf.bottom, lc.bottom);
		double ph = h - top - bottom, capw = 0.56 * w - lf.left - lf.right, pw = capw;
		double r = fig_field_aspect(&fs);
		if (r > 0) {
			pw = fmin(ph / r, capw);
			ph = fmin(ph, 1.5 * pw * r);
		}
		double y0 = top + (h - top - bottom - ph) / 2;
		plot_rect pf = {round(lf.left), round(y0), round(pw), round(ph)};
		double xc = pf.x + pf.w + lf.right + lc.left;
		plot_rect pc = {round(xc), pf.y, round(w - xc - lc.right), pf.h};
		if (pf.w >= 10 && pc.w >= 10 && pf.h >= 10) {
			fig_field_render(&ff, &fs, &lf, &pf);
			fig_conv_render(&fc, &cs, &lc, &pc);
		}
		if (band > 0) {
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			fig_text(&fc, title, fc.title_font, w / 2.0, band * 0.45, 0.5, 0.5);
		}
	}
	fig_ctx_fini(&ff);
	fig_ctx_fini(&fc);
	cairo_restore(cr);
}

void fig_page_setup(cairo_t *cr)
{
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

/* The scenes on a white page: one fills it, two share it side by side. */
void fig_draw_page(cairo_t *cr, int w, int h, const scene_field *field, const scene_conv *conv)
{
	fig_page_setup(cr);
	if (field && conv)
		fig_draw_pair(cr, w, h, field, conv);
	else if (field)
		fig_draw_field(cr, 0, 0, w, h, fig_scale(w, h), field);
	else
		fig_draw_convergence(cr, 0, 0, w, h, fig_scale(w, h), conv);
}

static cairo_status_t fig_stream_write(void *closure, const unsigned char *data,
				       unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
							   : CAIRO_STATUS_WRITE_ERROR;
}

/* The PDF's creation date from SOURCE_DATE_EPOCH (the reproducible-builds convention),
 * so that a script makes the same bytes each time; 0 when unset (cairo puts now). */
static int source_date(char *buf, size_t cap)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (!env || !*env)
		return 0;
	errno = 0;
	long long v = strtoll(env, &end, 10);
	time_t t = (time_t)v;
	struct tm tm;
	if (*end || errno || v < 0 || !gmtime_r(&t, &tm))
		return 0;
	return strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

int fig_write_page(const char *path, fig_format format, const fig_opts *o, fig_page_fn draw,
		   const void *ctx, char *err, size_t errlen)
{
	if (!path || !o || !draw)
		return fig_err(err, errlen, "figure: nothing to draw");
	if (o->width < FIG_MIN_DIM || o->width > FIG_MAX_DIM || o->height < FIG_MIN_DIM ||
	    o->height > FIG_MAX_DIM)
		return fig_err(err, errlen, "figure: size %dx%d out of range (%d to %d)", o->width,
			       o->height, FIG_MIN_DIM, FIG_MAX_DIM);
	if (format == FIG_PNG) {
		cairo_surface_t *img =
			cairo_image_surface_create(CAIRO_FORMAT_ARGB32, o->width, o->height);
		if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(img);
			return fig_err(err, errlen, "%s: cannot make a %dx%d image", path, o->width,
				       o->height);
		}
		cairo_t *cr = cairo_create(img);
		draw(cr, o, ctx);
		cairo_status_t st = cairo_status(cr);
		cairo_destroy(cr);
		int rc = st == CAIRO_STATUS_SUCCESS
				 ? fig_png_write(path, img, o->software, o->source, err, errlen)
				 : fig_err(err, errlen, "%s: %s", path, cairo_status_to_string(st));
		cairo_surface_destroy(img);
		return rc;
	}
	if (format != FIG_SVG && format != FIG_PDF)
		return fig_err(err, errlen, "%s: unknown figure format", path);
	afile ff;
	if (afile_open(&ff, path, err, errlen))
		return -1;
	cairo_surface_t *surf;
	/* SVG: Cairo's document in memory, its text collected apart and spliced in */
	char *svg = NULL;
	size_t nsvg = 0;
	FILE *mem = NULL;
	fig_svg_text *text = NULL;
	if (format == FIG_SVG) {
		mem = open_memstream(&svg, &nsvg);
		text = fig_svg_text_new();
		if (!mem || !text) {
			if (mem)
				fclose(mem);
			free(svg);
			fig_svg_text_free(text);
			afile_abort(&ff);
			return fig_err(err, errlen, "%s: out of memory", path);
		}
		surf = cairo_svg_surface_create_for_stream(fig_stream_write, mem, o->width,
							   o->height);
		cairo_svg_surface_restrict_to_version(surf, CAIRO_SVG_VERSION_1_1);
		fig_svg_text_attach(surf, text);
	} else {
		surf = cairo_pdf_surface_create_for_stream(fig_stream_write, ff.f, o->width,
							   o->height);
		if (o->software)
			cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, o->software);
		char date[32];
		if (source_date(date, sizeof date))
			cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	}
	cairo_t *cr = cairo_create(surf);
	draw(cr, o, ctx);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	int spliced = 0;
	if (mem) {
		int closed = fclose(mem);
		if (st == CAIRO_STATUS_SUCCESS)
			spliced = closed == 0 ? fig_svg_text_splice(ff.f, svg, nsvg, text) : -1;
		free(svg);
		fig_svg_text_free(text);
	}
	if (st != CAIRO_STATUS_SUCCESS || spliced) {
		afile_abort(&ff);
		return fig_err(err, errlen, "%s: %s", path,
			       spliced ? "cannot write the SVG text" : cairo_status_to_string(st));
	}
	return afile_commit(&ff, err, errlen);
}

typedef struct fig_scenes {
	const scene_field *field;
	const scene_conv *conv;
} fig_scenes;

static void fig_scenes_page(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	const fig_scenes *sc = ctx;
	fig_draw_page(cr, o->width, o->height, sc->field, sc->conv);
}

int fig_write(const char *path, fig_format format, const fig_opts *o, const scene_field *field,
	      const scene_conv *conv, char *err, size_t errlen)
{
	if (!field && !conv)
		return fig_err(err, errlen, "figure: nothing to draw");
	fig_scenes sc = {field, conv};
	return fig_write_page(path, format, o, fig_scenes_page, &sc, err, errlen);
}

void fig_release_static(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

typedef struct fig_curves {
	const scene_conv *a, *b;
} fig_curves;

static void fig_curves_page(cairo_t *cr, const fig_opts *o, const void *ctx)
{
	const fig_curves *c = ctx;
	fig_page_setup(cr);
	if (!c->b) {
		fig_draw_convergence(cr, 0, 0, o->width, o->height, fig_scale(o->width, o->height), c->a);
		return;
	}
	double s = fig_scale(o->width / 2, o->height) * 1.05, half = round(o->width / 2.0);
	fig_draw_convergence(cr, 0, 0, half, o->height, s, c->a);
	fig_draw_convergence(cr, half, 0, o->width - half, o->height, s, c->b);
}

int fig_write_curves(const char *path, fig_format format, const fig_opts *o, const scene_conv *a,
		     const scene_conv *b, char *err, size_t errlen)
{
	if (!a)
		return fig_err(err, errlen, "figure: nothing to draw");
	fig_curves c = {a, b};
	return fig_write_page(path, format, o, fig_curves_page, &c, err, errlen);
}
