/* canvas: the cell grid, its primitives (text, half blocks, braille, lines),
 * serialization with ANSI colour, and diffs. */
#include "canvas.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

struct canvas {
	int w, h;
	canvas_mode mode;
	canvas_cell *cells;
};

#define CANVAS_UPPER_HALF 0x2580u
#define CANVAS_BRAILLE 0x2800u

static const canvas_cell canvas_blank = {' ', {0, 0, 0}, {0, 0, 0}, 0};

canvas *canvas_new(int w, int h, canvas_mode mode)
{
	if (w < 1 || h < 1 || w > CANVAS_MAX_DIM || h > CANVAS_MAX_DIM)
		return NULL;
	canvas *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	c->cells = malloc((size_t)w * h * sizeof *c->cells);
	if (!c->cells) {
		free(c);
		return NULL;
	}
	c->w = w, c->h = h, c->mode = mode;
	canvas_clear(c);
	return c;
}

void canvas_free(canvas *c)
{
	if (c)
		free(c->cells);
	free(c);
}

int canvas_width(const canvas *c)
{
	return c->w;
}

int canvas_height(const canvas *c)
{
	return c->h;
}

canvas_mode canvas_get_mode(const canvas *c)
{
	return c->mode;
}

void canvas_clear(canvas *c)
{
	for (size_t i = 0; i < (size_t)c->w * c->h; i++)
		c->cells[i] = canvas_blank;
}

static canvas_cell *canvas_cell_rw(canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * c->w + x];
}

const canvas_cell *canvas_at(const canvas *c, int x, int y)
{
	return canvas_cell_rw((canvas *)c, x, y);
}

void canvas_put(canvas *c, int x, int y, uint32_t ch, const cmap_rgb *fg, const cmap_rgb *bg,
		uint8_t flags)
{
	canvas_cell *cell = canvas_cell_rw(c, x, y);
	if (!cell)
		return;
	cell->ch = ch;
	cell->flags = flags & ~(CANVAS_FG | CANVAS_BG | CANVAS_HEAT);
	cell->fg = cell->bg = (cmap_rgb){0, 0, 0};
	if (fg && c->mode != CANVAS_ASCII)
		cell->fg = *fg, cell->flags |= CANVAS_FG;
	if (bg && c->mode != CANVAS_ASCII)
		cell->bg = *bg, cell->flags |= CANVAS_BG;
}

/* Next code point of a UTF-8 string (U+FFFD for a bad byte); advances *s. */
static uint32_t canvas_utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t cp = 0xFFFD;
	int n = 1;
	if (p[0] < 0x80)
		cp = p[0];
	else if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
		cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu), n = 2;
	else if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
		cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu), n = 3;
	else if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		 (p[3] & 0xC0) == 0x80)
		cp = (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 |
		     (p[3] & 0x3Fu),
		n = 4;
	*s += n;
	return cp;
}

int canvas_text_width(const char *utf8)
{
	int n = 0;
	while (utf8 && *utf8) {
		canvas_utf8_next(&utf8);
		n++;
	}
	return n;
}

/* The ASCII stand-in of a code point above 0x7F: formulas' sub- and superscripts,
 * Greek letters and operators spelled out ("^2", "mu", "<="), else "?". */
static const char *canvas_ascii_fold(uint32_t cp, char buf[4])
{
	static const struct {
		uint32_t cp;
		const char *s;
	} fold[] = {{0x00B2, "^2"}, {0x00B3, "^3"}, {0x00B7, "."}, {0x00B9, "^1"},
		    {0x00D7, "x"}, {0x03B1, "alpha"}, {0x03B2, "beta"}, {0x03B3, "gamma"},
		    {0x03B4, "delta"}, {0x03B5, "eps"}, {0x03B7, "eta"}, {0x03B8, "theta"},
		    {0x03BB, "lambda"}, {0x03BC, "mu"}, {0x03C1, "rho"}, {0x03C3, "sigma"},
		    {0x1D4F, "^k"}, {0x1D62, "i"}, {0x2013, "-"}, {0x2014, "--"}, {0x2016, "|"},
		    {0x2026, "..."}, {0x2070, "^0"}, {0x208A, "+"}, {0x208B, "-"}, {0x2096, "k"},
		    {0x2192, "->"}, {0x2212, "-"}, {0x221A, "sqrt"}, {0x2264, "<="},
		    {0x2265, ">="}, {0x227C, "<="}, {0x227D, ">="}};
	if (cp >= 0x2074 && cp <= 0x2079) /* superscript 4 to 9 */
		return buf[0] = '^', buf[1] = (char)('0' + cp - 0x2070), buf[2] = 0, buf;
	if (cp >= 0x2080 && cp <= 0x2089) /* subscript digits */
		return buf[0] = (char)('0' + cp - 0x2080), buf[1] = 0, buf;
	for (size_t i = 0; i < sizeof fold / sizeof *fold; i++)
		if (fold[i].cp == cp)
			return fold[i].s;
	return "?";
}

int canvas_text(canvas *c, int x, int y, const char *utf8, const cmap_rgb *fg, uint8_t flags)
{
	int n = 0;
	while (utf8 && *utf8) {
		uint32_t cp = canvas_utf8_next(&utf8);
		if (c->mode == CANVAS_ASCII && cp >= 0x80) {
			char buf[4];
			for (const char *a = canvas_ascii_fold(cp, buf); *a; a++)
				canvas_put(c, x + n++, y, (unsigned char)*a, fg, NULL, flags);
			continue;
		}
		canvas_put(c, x + n, y, cp, fg, NULL, flags);
		n++;
	}
	return n;
}

int canvas_text_cells(const canvas *c, const char *utf8)
{
	if (c->mode != CANVAS_ASCII)
		return canvas_text_width(utf8);
	int n = 0;
	while (utf8 && *utf8) {
		uint32_t cp = canvas_utf8_next(&utf8);
		char buf[4];
		n += cp < 0x80 ? 1 : (int)strlen(canvas_ascii_fold(cp, buf));
	}
	return n;
}

void canvas_frame(canvas *c, canvas_rect r, const cmap_rgb *fg)
{
	bool a = c->mode == CANVAS_ASCII;
	int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
	for (int x = r.x + 1; x < x1; x++) {
		canvas_put(c, x, r.y, a ? '-' : 0x2500, fg, NULL, 0);
		canvas_put(c, x, y1, a ? '-' : 0x2500, fg, NULL, 0);
	}
	for (int y = r.y + 1; y < y1; y++) {
		canvas_put(c, r.x, y, a ? '|' : 0x2502, fg, NULL, 0);
		canvas_put(c, x1, y, a ? '|' : 0x2502, fg, NULL, 0);
	}
	canvas_put(c, r.x, r.y, a ? '+' : 0x250C, fg, NULL, 0);
	canvas_put(c, x1, r.y, a ? '+' : 0x2510, fg, NULL, 0);
	canvas_put(c, r.x, y1, a ? '+' : 0x2514, fg, NULL, 0);
	canvas_put(c, x1, y1, a ? '+' : 0x2518, fg, NULL, 0);
}

/* Shading for ASCII heat cells, dark to light. */
static const char canvas_ramp[] = " .:-=+*#%@";

static char canvas_ramp_char(double t)
{
	int n = (int)sizeof canvas_ramp - 1;
	if (isnan(t))
		return ' ';
	int k = (int)fmin(fmax(t * n, 0), n - 1); /* clamped as a double: t may be huge */
	return canvas_ramp[k];
}

/* The ASCII shade of a heat cell: the lightness (L* from luminance) of its halves. */
static char canvas_heat_shade(const canvas_cell *cell)
{
	double y = (cmap_luminance(cell->fg) + cmap_luminance(cell->bg)) / 2;
	double l = y > 0.008856 ? 1.16 * cbrt(y) - 0.16 : 9.033 * y;
	return canvas_ramp_char(l);
}

void canvas_heat_pixel(canvas *c, int px, int py, cmap_rgb col)
{
	canvas_cell *cell = canvas_cell_rw(c, px, py >= 0 ? py / 2 : -1);
	if (!cell)
		return;
	if (!(cell->flags & CANVAS_HEAT)) {
		cell->ch = CANVAS_UPPER_HALF;
		cell->fg = cell->bg = col;
		cell->flags = CANVAS_FG | CANVAS_BG | CANVAS_HEAT;
	}
	if (py % 2 == 0)
		cell->fg = col;
	else
		cell->bg = col;
	if (c->mode == CANVAS_ASCII)
		cell->ch = (uint32_t)canvas_heat_shade(cell);
}

void canvas_dot(canvas *c, int sx, int sy, cmap_rgb col, char glyph)
{
	if (sx < 0 || sy < 0)
		return;
	canvas_cell *cell = canvas_cell_rw(c, sx / 2, sy / 4);
	if (!cell)
		return;
	if (c->mode == CANVAS_ASCII) {
		*cell = canvas_blank;
		cell->ch = (uint32_t)(glyph ? glyph : '.');
		return;
	}
	static const uint8_t bits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
	uint32_t bit = bits[sy % 4][sx % 2];
	if (cell->ch >= CANVAS_BRAILLE && cell->ch <= CANVAS_BRAILLE + 0xFF) {
		cell->ch |= bit;
	} else {
		if (cell->flags & CANVAS_HEAT)
			cell->bg = cmap_mix(cell->fg, cell->bg, 0.5);
		cell->ch = CANVAS_BRAILLE | bit;
	}
	cell->fg = col;
	cell->flags = (uint8_t)((cell->flags & ~CANVAS_HEAT) | CANVAS_FG);
}

cmap_rgb canvas_halo_color(cmap_rgb bg)
{
	return cmap_mix((cmap_rgb){0, 0, 0}, bg, CANVAS_HALO_KEEP);
}

static void canvas_halo_cell(canvas *c, int sx, int sy)
{
	canvas_cell *cell = sx < 0 || sy < 0 ? NULL : canvas_cell_rw(c, sx / 2, sy / 4);
	if (!cell || !(cell->flags & CANVAS_BG) || (cell->flags & CANVAS_HALO))
		return;
	cell->bg = canvas_halo_color(cell->bg);
	if (cell->flags & CANVAS_HEAT)
		cell->fg = canvas_halo_color(cell->fg);
	cell->flags |= CANVAS_HALO;
}

cmap_rgb canvas_run_color(const scene_style *st, int i)
{
	cmap_rgb c = scene_run_color(st, i), w = {255, 255, 255};
	if (cmap_luminance(c) >= CANVAS_RUN_MIN_LUM)
		return c;
	double lo = 0, hi = 1; /* the least mix with white that is light enough */
	for (int k = 0; k < 20; k++) {
		double t = (lo + hi) / 2;
		if (cmap_luminance(cmap_mix(c, w, t)) >= CANVAS_RUN_MIN_LUM)
			hi = t;
		else
			lo = t;
	}
	return cmap_mix(c, w, hi);
}

/* A line in sub-cells: a dot of COL per step, or with HALO the cells' dimming. */
static void canvas_line_walk(canvas *c, double x0, double y0, double x1, double y1,
			     const canvas_rect *clip, cmap_rgb col, char glyph, bool halo)
{
	canvas_rect r = clip ? *clip : (canvas_rect){0, 0, 2 * c->w, 4 * c->h};
	if (!plot_clip_segment(&x0, &y0, &x1, &y1, r.x, r.y, r.x + r.w - 1, r.y + r.h - 1))
		return;
	/* DDA: one dot per unit step along the longer axis. */
	double dx = x1 - x0, dy = y1 - y0;
	int n = (int)ceil(fmax(fabs(dx), fabs(dy)));
	for (int i = 0; i <= n; i++) {
		double t = n ? (double)i / n : 0;
		int sx = (int)floor(x0 + t * dx + 0.5), sy = (int)floor(y0 + t * dy + 0.5);
		if (halo)
			canvas_halo_cell(c, sx, sy);
		else
			canvas_dot(c, sx, sy, col, glyph);
	}
}

void canvas_line(canvas *c, double x0, double y0, double x1, double y1, const canvas_rect *clip,
		 cmap_rgb col, char glyph)
{
	canvas_line_walk(c, x0, y0, x1, y1, clip, col, glyph, false);
}

void canvas_halo_line(canvas *c, double x0, double y0, double x1, double y1,
		      const canvas_rect *clip)
{
	if (c->mode != CANVAS_ASCII)
		canvas_line_walk(c, x0, y0, x1, y1, clip, (cmap_rgb){0, 0, 0}, 0, true);
}

int canvas_cell_utf8(const canvas_cell *cell, char out[5])
{
	uint32_t cp = cell->ch;
	int n;
	if (cp < 0x80)
		out[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	else if (cp < 0x10000)
		out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
		out[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	else
		out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | (cp >> 12 & 0x3F)),
		out[2] = (char)(0x80 | (cp >> 6 & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)),
		n = 4;
	out[n] = 0;
	return n;
}

cmap_rgb canvas_256_to_rgb(int k)
{
	static const uint8_t level[6] = {0, 95, 135, 175, 215, 255};
	static const cmap_rgb ansi[16] = {
	    {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
	    {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	    {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
	    {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255}}; /* xterm's */
	if (k < 16)
		return ansi[k < 0 ? 0 : k];
	if (k >= 232) {
		uint8_t g = (uint8_t)(8 + 10 * (k > 255 ? 23 : k - 232));
		return (cmap_rgb){g, g, g};
	}
	k -= 16;
	return (cmap_rgb){level[k / 36], level[k / 6 % 6], level[k % 6]};
}

int canvas_rgb_to_256(cmap_rgb c)
{
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int idx[3], v[3] = {c.r, c.g, c.b}, d_cube = 0;
	for (int k = 0; k < 3; k++) {
		int best = 0;
		for (int i = 1; i < 6; i++)
			if (abs(level[i] - v[k]) < abs(level[best] - v[k]))
				best = i;
		idx[k] = best;
		d_cube += (level[best] - v[k]) * (level[best] - v[k]);
	}
	int avg = (c.r + c.g + c.b) / 3;
	int g = avg < 8 ? 0 : avg > 238 ? 23 : (avg - 8 + 5) / 10; /* grey 232 + g = 8 + 10 g */
	int gl = 8 + 10 * g, d_grey = 0;
	for (int k = 0; k < 3; k++)
		d_grey += (gl - v[k]) * (gl - v[k]);
	if (d_grey < d_cube)
		return 232 + g;
	return 16 + 36 * idx[0] + 6 * idx[1] + idx[2];
}

typedef struct canvas_buf {
	char *s;
	size_t n, cap;
	bool oom;
} canvas_buf;

static void canvas_put_bytes(canvas_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = (b->cap ? b->cap * 2 : 4096) + n;
		char *ns = realloc(b->s, nc);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns, b->cap = nc;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void canvas_sgr_colour(char *out, size_t size, const char *kind, cmap_rgb c,
			      canvas_mode m)
{
	if (m == CANVAS_TRUECOLOR)
		snprintf(out, size, ";%s8;2;%d;%d;%d", kind, c.r, c.g, c.b);
	else
		snprintf(out, size, ";%s8;5;%d", kind, canvas_rgb_to_256(c));
}

/* The SGR sequence that sets a cell's attributes from the default state. */
static void canvas_sgr(const canvas_cell *cell, canvas_mode m, char *out, size_t size)
{
	char fg[32] = "", bg[32] = "";
	if (cell->flags & CANVAS_FG)
		canvas_sgr_colour(fg, sizeof fg, "3", cell->fg, m);
	if (cell->flags & CANVAS_BG)
		canvas_sgr_colour(bg, sizeof bg, "4", cell->bg, m);
	snprintf(out, size, "\x1b[0%s%s%sm", cell->flags & CANVAS_BOLD ? ";1" : "", fg, bg);
}

char *canvas_to_text(const canvas *c, canvas_output out)
{
	canvas_buf b = {0};
	bool ansi = out == CANVAS_OUT_ANSI;
	canvas_put_bytes(&b, "", 0);
	for (int y = 0; y < c->h; y++) {
		const canvas_cell *row = &c->cells[(size_t)y * c->w];
		int end = c->w; /* trailing blank cells are dropped */
		while (end > 0 && row[end - 1].ch == ' ' && !(row[end - 1].flags & CANVAS_BG))
			end--;
		char prev[96] = "\x1b[0m", cur[96];
		for (int x = 0; x < end; x++) {
			if (ansi) {
				canvas_sgr(&row[x], c->mode, cur, sizeof cur);
				if (strcmp(cur, prev) != 0) {
					canvas_put_bytes(&b, cur, strlen(cur));
					memcpy(prev, cur, sizeof cur);
				}
			}
			char u[5];
			int n = canvas_cell_utf8(&row[x], u);
			if (out == CANVAS_OUT_SHADED && (row[x].flags & CANVAS_HEAT))
				u[0] = canvas_heat_shade(&row[x]), u[1] = 0, n = 1;
			canvas_put_bytes(&b, u, (size_t)n);
		}
		if (ansi && strcmp(prev, "\x1b[0m") != 0)
			canvas_put_bytes(&b, "\x1b[0m", 4);
		canvas_put_bytes(&b, "\n", 1);
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

bool canvas_cell_equal(const canvas_cell *a, const canvas_cell *b)
{
	if (a->ch != b->ch || a->flags != b->flags)
		return false;
	if ((a->flags & CANVAS_FG) && memcmp(&a->fg, &b->fg, sizeof a->fg) != 0)
		return false;
	if ((a->flags & CANVAS_BG) && memcmp(&a->bg, &b->bg, sizeof a->bg) != 0)
		return false;
	return true;
}

size_t canvas_diff(const canvas *prev, const canvas *next, canvas_run *out, size_t cap)
{
	size_t n = 0;
	bool all = !prev || prev->w != next->w || prev->h != next->h;
	for (int y = 0; y < next->h; y++) {
		if (all) {
			if (n < cap)
				out[n] = (canvas_run){y, 0, next->w};
			n++;
			continue;
		}
		const canvas_cell *a = &prev->cells[(size_t)y * next->w];
		const canvas_cell *b = &next->cells[(size_t)y * next->w];
		for (int x = 0; x < next->w;) {
			if (canvas_cell_equal(&a[x], &b[x])) {
				x++;
				continue;
			}
			int x0 = x;
			while (x < next->w && !canvas_cell_equal(&a[x], &b[x]))
				x++;
			if (n < cap)
				out[n] = (canvas_run){y, x0, x - x0};
			n++;
		}
	}
	return n;
}
