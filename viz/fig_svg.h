/* fig_svg: the text of an SVG figure as <text> elements (editable in a drawing
 * program) instead of Cairo's glyph outlines. The page's surface carries a
 * collector; the figure's text helpers hand it each string instead of drawing
 * it, and the collected text is written into the SVG before its closing tag.
 * Not a public interface.
 *
 * Ownership: the caller of fig_svg_text_new frees it with fig_svg_text_free,
 * after the surface it was attached to. */
#ifndef OPTLAB_FIG_SVG_H
#define OPTLAB_FIG_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cairo.h>

typedef struct fig_svg_text fig_svg_text;

fig_svg_text *fig_svg_text_new(void);
void fig_svg_text_free(fig_svg_text *t);
/* Text drawn on SURF from now on is collected into T instead of drawn. */
void fig_svg_text_attach(cairo_surface_t *surf, fig_svg_text *t);

/* One piece of text, its anchor at (x, base) in CR's user space (base: the
 * baseline), HA 0 start, 0.5 middle, 1 end; SUP (may be NULL) is an exponent
 * of SUP_SIZE raised by SUP_RISE and set SUP_GAP after the base text. Colour,
 * font and rotation are CR's. Returns false when CR's surface collects no
 * text: then the caller draws it. */
bool fig_svg_text_add(cairo_t *cr, const char *s, double size, double x, double base, double ha,
		      const char *sup, double sup_size, double sup_gap, double sup_rise);

/* The length of the UTF-8 sequence at P (at most N bytes), or 0 when it is not one
 * (a stray byte, an overlong form, a surrogate). */
size_t fig_utf8_len(const unsigned char *p, size_t n);

/* Writes the SVG document SVG (N bytes, as Cairo wrote it) to OUT with T's text
 * as <text> elements before its closing tag. Returns 0, or -1 (no closing tag,
 * out of memory while collecting, or a write error). */
int fig_svg_text_splice(FILE *out, const char *svg, size_t n, const fig_svg_text *t);

#endif
