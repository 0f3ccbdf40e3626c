/* canvas: a terminal picture as a plain grid of cells, testable without a
 * terminal. Heatmaps in half blocks (two pixels a cell), lines and markers in
 * braille (2 x 4 dots a cell), text, axes; serialized to plain text or to text
 * with ANSI colour, and diffed so that a live view writes only changed cells.
 *
 * Coordinates: cells (x right, y down) from (0, 0); braille dots ("sub-cells")
 * at (2x + i, 4y + j), i < 2, j < 4.
 *
 * Ownership: canvas_new returns a canvas the caller frees with canvas_free;
 * canvas_to_text returns a string the caller frees with free(). */
#ifndef OPTLAB_CANVAS_H
#define OPTLAB_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmap.h"
#include "plot.h"
#include "scene.h"

#define CANVAS_MAX_DIM 4096 /* cells in either direction */

typedef enum canvas_mode {
	CANVAS_TRUECOLOR, /* 24-bit colour */
	CANVAS_256,       /* quantized to the xterm 256-colour cube and greys at output */
	CANVAS_ASCII      /* no colour (NO_COLOR, dumb terminals): ASCII glyphs only */
} canvas_mode;

enum {
	CANVAS_FG = 1,   /* the cell has a foreground colour (else the terminal's default) */
	CANVAS_BG = 2,   /* the cell has a background colour */
	CANVAS_BOLD = 4,
	CANVAS_HEAT = 8, /* a half-block heat cell: fg = top pixel, bg = bottom pixel */
	CANVAS_HALO = 16 /* the heat under a path, dimmed once (canvas_halo_line) */
};

/* Paths on a heatmap: their cells keep CANVAS_HALO_KEEP of the heat's colour, and
 * run colours are at least CANVAS_RUN_MIN_LUM in relative luminance, so that
 * every run colour stands out from every colormap entry under it (a WCAG contrast
 * ratio of 3 or more, checked by the canvas tests in true colour and 256 colours). */
#define CANVAS_HALO_KEEP 0.25
#define CANVAS_RUN_MIN_LUM 0.30

typedef struct canvas_cell {
	uint32_t ch; /* Unicode code point; ' ' when empty */
	cmap_rgb fg, bg;
	uint8_t flags;
} canvas_cell;

typedef struct canvas canvas;

typedef struct canvas_rect {
	int x, y, w, h;
} canvas_rect;

/* NULL when w or h is out of 1..CANVAS_MAX_DIM or memory is short. */
canvas *canvas_new(int w, int h, canvas_mode mode);
void canvas_free(canvas *c);
int canvas_width(const canvas *c);
int canvas_height(const canvas *c);
canvas_mode canvas_get_mode(const canvas *c);
void canvas_clear(canvas *c);
/* NULL outside the canvas. */
const canvas_cell *canvas_at(const canvas *c, int x, int y);
/* Sets one cell (ignored outside). */
void canvas_put(canvas *c, int x, int y, uint32_t ch, const cmap_rgb *fg, const cmap_rgb *bg,
		uint8_t flags);

/* Text (UTF-8) from (x, y) to the right, clipped; FG NULL: default colour.
 * Returns the number of cells written. */
int canvas_text(canvas *c, int x, int y, const char *utf8, const cmap_rgb *fg, uint8_t flags);
/* Number of cells (code points) of a UTF-8 string. */
int canvas_text_width(const char *utf8);
/* The cells canvas_text takes on C: code points, or in CANVAS_ASCII the length of
 * the ASCII stand-ins ("x₀²" is "x0^2"). */
int canvas_text_cells(const canvas *c, const char *utf8);
/* A frame of box-drawing lines (ASCII +-| in CANVAS_ASCII) around R's border. */
void canvas_frame(canvas *c, canvas_rect r, const cmap_rgb *fg);

/* Half-block pixel (px, py) with py in 0 .. 2h-1: sets the top or bottom half. */
void canvas_heat_pixel(canvas *c, int px, int py, cmap_rgb col);
/* Braille dot at sub-cell (sx, sy); dots in a cell combine, the last colour wins.
 * In CANVAS_ASCII the cell gets GLYPH instead (0: '.'). */
void canvas_dot(canvas *c, int sx, int sy, cmap_rgb col, char glyph);
/* A line in sub-cell coordinates, clipped to CLIP (sub-cells, NULL: the canvas). */
void canvas_line(canvas *c, double x0, double y0, double x1, double y1, const canvas_rect *clip,
		 cmap_rgb col, char glyph);
/* Dims the coloured background of the cells such a line passes through, once
 * each (a dark halo under a path, drawn before the paths themselves). */
void canvas_halo_line(canvas *c, double x0, double y0, double x1, double y1,
		      const canvas_rect *clip);
/* Palette index I's colour on a terminal: its colour under ST (a user's `colors`, else
 * the run palette; ST may be NULL), lightened towards white where darker than
 * CANVAS_RUN_MIN_LUM (same hue, so legends still match figures). The terminal's
 * output then takes the nearest colour it can show (xterm 256, or true colour). */
cmap_rgb canvas_run_color(const scene_style *st, int i);
/* The colour of a halo cell over background BG. */
cmap_rgb canvas_halo_color(cmap_rgb bg);
/* The colour the xterm 256-colour index K (0..255) stands for. */
cmap_rgb canvas_256_to_rgb(int k);

/* Draws a scene into R (cells): the plot, its axes with tick labels, and a
 * legend. Parts that do not fit are left out. */
void canvas_draw_field(canvas *c, canvas_rect r, const scene_field *s);
void canvas_draw_convergence(canvas *c, canvas_rect r, const scene_conv *s);
/* canvas_numbers.c: the scene's numbered points' numbers (num_x, num_y) beside them in
 * the plot area PA (cells), SX and SY mapping data to cell units, where they fit. */
void canvas_field_numbers(canvas *c, canvas_rect pa, const plot_scale *sx, const plot_scale *sy,
			  const scene_field *s);
/* canvas_policy.c: a tabular policy (fig_policy.h) within R: a gridworld's cells with
 * the likeliest move, else pi(a|s) as a heat map. */
typedef struct scene_policy scene_policy;
void canvas_draw_policy(canvas *c, canvas_rect r, const scene_policy *s);
/* A legend box at (x, y): one line per entry, a swatch in its colour then the label. */
typedef struct canvas_legend_entry {
	const char *label;
	int color; /* palette index */
} canvas_legend_entry;
void canvas_draw_legend(canvas *c, int x, int y, const canvas_legend_entry *e, int n,
			const scene_style *st);

/* Output. */
typedef enum canvas_output {
	CANVAS_OUT_PLAIN,     /* glyphs only, trailing spaces trimmed */
	CANVAS_OUT_ANSI,      /* glyphs with SGR colour escapes for the canvas's mode */
	CANVAS_OUT_SHADED,    /* glyphs only, heat cells as ASCII shading (" .:-=+*#%@",
	                         dark to light) where half blocks would all look alike */
} canvas_output;
/* The whole canvas as text, one line per row ending in '\n'; NULL if out of memory. */
char *canvas_to_text(const canvas *c, canvas_output out);
/* The UTF-8 bytes of a cell's glyph (NUL-terminated, at most 4 bytes + NUL). */
int canvas_cell_utf8(const canvas_cell *cell, char out[5]);
/* The xterm 256-colour index nearest to C (16..255: cube and grey ramp). */
int canvas_rgb_to_256(cmap_rgb c);

/* Cells that differ between PREV and NEXT as runs along rows. Writes up to CAP
 * runs, returns the total (so a short OUT can be retried larger). Canvases of
 * different sizes differ everywhere: one run per row of NEXT. */
typedef struct canvas_run {
	int y, x, n;
} canvas_run;
size_t canvas_diff(const canvas *prev, const canvas *next, canvas_run *out, size_t cap);
bool canvas_cell_equal(const canvas_cell *a, const canvas_cell *b);

#endif
