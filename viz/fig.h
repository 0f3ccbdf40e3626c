/* fig: scenes as figures through Cairo: PNG (through libpng, with text chunks
 * that carry the software and the script that made it), SVG and PDF.
 *
 * A figure is one scene or two side by side: a field (filled contours, contour
 * lines, trajectories, colour bar) and/or a convergence plot (log y axis).
 * Sizes are pixels for PNG and points for SVG and PDF; fonts and line widths
 * scale with the size so that 800 x 600 and 1600 x 1200 read alike. The same
 * scene gives byte-identical PNG files.
 *
 * Ownership: fig_png_read_source returns a string the caller frees with free();
 * everything else borrows. Files are written atomically (a temporary in the
 * same directory, then rename); on error nothing is left behind and ERR (if not
 * NULL) holds a message. */
#ifndef OPTLAB_FIG_H
#define OPTLAB_FIG_H

#include <stddef.h>

#include <cairo.h>

#include "scene.h"

#define FIG_MIN_DIM 100
#define FIG_MAX_DIM 10000

typedef enum fig_format {
	FIG_PNG,
	FIG_SVG,
	FIG_PDF
} fig_format;

/* The longest Source text a PNG carries: what `load` reads of a script, and
 * what fig_png_read_source reads back (libpng's own default stops at 8 MB). */
#define FIG_SOURCE_MAX (16L << 20)

typedef struct fig_opts {
	int width, height;    /* 100 .. 10000 */
	const char *software; /* PNG "Software" text, e.g. "optlab 0.1.0"; NULL: none */
	const char *source;   /* PNG "Source" text, the script that rebuilds the figure; NULL: none */
} fig_opts;

/* The format a path's extension names (.png .svg .pdf, any case), or -1. */
int fig_format_from_path(const char *path);

/* Writes FIELD, CONV, or both side by side (either may be NULL, not both) to PATH
 * in FORMAT. Returns 0, or -1 with a message in ERR. */
int fig_write(const char *path, fig_format format, const fig_opts *o, const scene_field *field,
	      const scene_conv *conv, char *err, size_t errlen);

/* FIELD, CONV or both side by side on a white page of W x H (what fig_write draws;
 * an animation draws its frames with it). */
void fig_draw_page(cairo_t *cr, int w, int h, const scene_field *field, const scene_conv *conv);

/* Two plots side by side (B may be NULL: A alone), such as a 1-D problem's f(x) with
 * its iterates beside the convergence plot. Returns 0, or -1 with a message in ERR. */
int fig_write_curves(const char *path, fig_format format, const fig_opts *o, const scene_conv *a,
		     const scene_conv *b, char *err, size_t errlen);

/* Two fields side by side, each with its own title and colour bar (fig_fields.c).
 * Returns 0, or -1 with a message in ERR. */
int fig_write_fields(const char *path, fig_format format, const fig_opts *o, const scene_field *a,
		     const scene_field *b, char *err, size_t errlen);

/* A page drawn onto a surface of o->width x o->height. */
typedef void (*fig_page_fn)(cairo_t *cr, const fig_opts *o, const void *ctx);
/* Writes the page DRAW(cr, o, ctx) draws to PATH in FORMAT (PNG with its text
 * chunks, SVG or PDF), atomically. Every figure kind writes through this.
 * Returns 0, or -1 with a message in ERR. */
int fig_write_page(const char *path, fig_format format, const fig_opts *o, fig_page_fn draw,
		   const void *ctx, char *err, size_t errlen);

/* Draws into a Cairo context, in the rectangle (x, y, w, h) of user space, with
 * fonts and lines scaled by SCALE (1 for an 800 x 600 figure). */
void fig_draw_field(cairo_t *cr, double x, double y, double w, double h, double scale,
		    const scene_field *s);
void fig_draw_convergence(cairo_t *cr, double x, double y, double w, double h, double scale,
			  const scene_conv *s);
/* The scale fig_write uses for a figure of W x H. */
double fig_scale(int w, int h);

/* An ARGB32 image surface written as PNG (RGB, or RGBA when any pixel is not
 * opaque) with tEXt Software and zTXt Source chunks, atomically; refused when
 * the source is longer than FIG_SOURCE_MAX (--replay could not read it back). */
int fig_png_write(const char *path, cairo_surface_t *img, const char *software,
		  const char *source, char *err, size_t errlen);
/* The "Source" text of a PNG file, or NULL with a message in ERR (no such file,
 * not a PNG, or no Source chunk). */
char *fig_png_read_source(const char *path, char *err, size_t errlen);

/* Frees the caches Cairo and fontconfig keep for the life of the process, so that
 * leak checkers see a clean exit. Call once at exit, after the last figure. */
void fig_release_static(void);

#endif
