/* view_out: the bytes that bring a terminal from one frame to the next, for
 * true colour (ncurses speaks 256 colours at most): a cursor move where a run
 * of changed cells starts, SGR only for attributes that change, then glyphs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

typedef struct out_buf {
	char **s;
	size_t *cap, n;
	bool oom;
} out_buf;

static void put(out_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > *b->cap) {
		size_t cap = *b->cap ? *b->cap : 1 << 16;
		while (b->n + n + 1 > cap)
			cap *= 2;
		char *q = realloc(*b->s, cap);
		if (!q) {
			b->oom = true;
			return;
		}
		*b->s = q, *b->cap = cap;
	}
	memcpy(*b->s + b->n, s, n);
	b->n += n;
	(*b->s)[b->n] = '\0';
}

/* The terminal's pen: what the last SGR left set. */
typedef struct pen {
	bool known, bold, has_fg, has_bg;
	cmap_rgb fg, bg;
} pen;

static bool same_rgb(cmap_rgb a, cmap_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Appends ";PART" pieces that move the pen to the cell's attributes. */
static void sgr_to(out_buf *b, pen *p, const canvas_cell *c)
{
	bool bold = c->flags & CANVAS_BOLD, hf = c->flags & CANVAS_FG, hb = c->flags & CANVAS_BG;
	char seq[80] = "\x1b[";
	size_t n = 2;
	const size_t cap = sizeof seq;
	if (!p->known) {
		n += (size_t)snprintf(seq + n, cap - n, "0;");
		*p = (pen){.known = true};
	}
	if (bold != p->bold)
		n += (size_t)snprintf(seq + n, cap - n, bold ? "1;" : "22;");
	if (hf && (!p->has_fg || !same_rgb(p->fg, c->fg)))
		n += (size_t)snprintf(seq + n, cap - n, "38;2;%d;%d;%d;", c->fg.r, c->fg.g, c->fg.b);
	else if (!hf && p->has_fg)
		n += (size_t)snprintf(seq + n, cap - n, "39;");
	if (hb && (!p->has_bg || !same_rgb(p->bg, c->bg)))
		n += (size_t)snprintf(seq + n, cap - n, "48;2;%d;%d;%d;", c->bg.r, c->bg.g, c->bg.b);
	else if (!hb && p->has_bg)
		n += (size_t)snprintf(seq + n, cap - n, "49;");
	p->bold = bold, p->has_fg = hf, p->has_bg = hb, p->fg = c->fg, p->bg = c->bg;
	if (n == 2)
		return;
	seq[n - 1] = 'm'; /* the last ';' */
	put(b, seq, n);
}

size_t view_serialize(const canvas *prev, const canvas *next, char **buf, size_t *cap)
{
	int w = canvas_width(next), h = canvas_height(next);
	size_t most = (size_t)h * ((size_t)w / 2 + 1); /* runs are separated by equal cells */
	canvas_run *runs = malloc(most * sizeof *runs);
	if (!runs)
		return (size_t)-1;
	size_t nr = canvas_diff(prev, next, runs, most);
	out_buf b = {buf, cap, 0, false};
	pen p = {0};
	int cy = -1, cx = -1; /* where the cursor is after the last glyph */
	for (size_t k = 0; k < nr && k < most; k++) {
		if (runs[k].y != cy || runs[k].x != cx) {
			char mv[32];
			int n = snprintf(mv, sizeof mv, "\x1b[%d;%dH", runs[k].y + 1, runs[k].x + 1);
			put(&b, mv, (size_t)n);
		}
		for (int x = runs[k].x; x < runs[k].x + runs[k].n; x++) {
			const canvas_cell *c = canvas_at(next, x, runs[k].y);
			sgr_to(&b, &p, c);
			char u[5];
			put(&b, u, (size_t)canvas_cell_utf8(c, u));
		}
		cy = runs[k].y, cx = runs[k].x + runs[k].n;
	}
	if (p.known && (p.bold || p.has_fg || p.has_bg))
		put(&b, "\x1b[0m", 4);
	free(runs);
	return b.oom ? (size_t)-1 : b.n;
}
