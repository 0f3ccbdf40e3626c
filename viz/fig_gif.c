/* fig_gif: frames through Cairo, one shared palette, giflib's LZW. */
#include "fig_gif.h"

#include <gif_lib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "fig_file.h"

#define GIF_COLORS 256
#define GIF_KEY(r, g, b) ((r) >> 3 << 10 | (g) >> 3 << 5 | (b) >> 3) /* 15-bit colour */

typedef struct gif_state {
	GifFileType *gif;
	GifColorType pal[GIF_COLORS];
	int npal;
	int16_t near[1 << 15]; /* palette index of a 15-bit colour, -1: not yet found */
	uint8_t *prev, *cur;   /* the last frame's and this frame's indices */
	GifByteType *r, *g, *b;
} gif_state;

static int gif_out(GifFileType *g, const GifByteType *buf, int len)
{
	return (int)fwrite(buf, 1, (size_t)len, (FILE *)g->UserData);
}

/* The opaque RGB of pixel I of an ARGB32 surface (drawn on white: alpha is 255). */
static void gif_rgb(const unsigned char *data, int stride, int w, size_t i, unsigned *r,
		    unsigned *g, unsigned *b)
{
	uint32_t v = ((const uint32_t *)(data + (i / (size_t)w) * (size_t)stride))[i % (size_t)w];
	*r = v >> 16 & 255, *g = v >> 8 & 255, *b = v & 255;
}

/* The palette: giflib's median cut over the frame DATA. */
static int gif_palette(gif_state *st, const unsigned char *data, int stride, int w, int h)
{
	size_t n = (size_t)w * h;
	for (size_t i = 0; i < n; i++) {
		unsigned r, g, b;
		gif_rgb(data, stride, w, i, &r, &g, &b);
		st->r[i] = (GifByteType)r, st->g[i] = (GifByteType)g, st->b[i] = (GifByteType)b;
	}
	int size = GIF_COLORS;
	if (GifQuantizeBuffer((unsigned)w, (unsigned)h, &size, st->r, st->g, st->b, st->cur,
			      st->pal) != GIF_OK)
		return -1;
	st->npal = size;
	memset(st->near, 0xFF, sizeof st->near);
	return 0;
}

/* The palette entry nearest a colour (squared RGB distance), cached by its 15 bits. */
static uint8_t gif_nearest(gif_state *st, unsigned r, unsigned g, unsigned b)
{
	int key = GIF_KEY(r, g, b);
	if (st->near[key] >= 0)
		return (uint8_t)st->near[key];
	long best = -1;
	int bi = 0;
	for (int k = 0; k < st->npal; k++) {
		long dr = (long)st->pal[k].Red - r, dg = (long)st->pal[k].Green - g,
		     db = (long)st->pal[k].Blue - b, d = dr * dr + dg * dg + db * db;
		if (best < 0 || d < best)
			best = d, bi = k;
	}
	st->near[key] = (int16_t)bi;
	return (uint8_t)bi;
}

static int gif_put_frame(gif_state *st, int w, int h, int first, int delay_cs)
{
	int x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1;
	if (!first) { /* the rectangle that changed; one pixel when nothing did */
		x0 = w, y0 = h, x1 = -1, y1 = -1;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (st->cur[(size_t)y * w + x] != st->prev[(size_t)y * w + x]) {
					x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
					y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
				}
		if (x1 < 0)
			x0 = y0 = x1 = y1 = 0;
	}
	GraphicsControlBlock gcb = {.DisposalMode = DISPOSE_DO_NOT, .UserInputFlag = false,
				    .DelayTime = delay_cs, .TransparentColor = NO_TRANSPARENT_COLOR};
	GifByteType ext[4];
	size_t len = EGifGCBToExtension(&gcb, ext);
	if (EGifPutExtension(st->gif, GRAPHICS_EXT_FUNC_CODE, (int)len, ext) != GIF_OK ||
	    EGifPutImageDesc(st->gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL) != GIF_OK)
		return -1;
	for (int y = y0; y <= y1; y++)
		if (EGifPutLine(st->gif, st->cur + (size_t)y * w + x0, x1 - x0 + 1) != GIF_OK)
			return -1;
	return 0;
}

/* Frame K drawn on white into IMG. */
static int gif_render(cairo_surface_t *img, const fig_opts *o, fig_frame_fn draw,
		      const void *ctx, int k)
{
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	draw(cr, o, ctx, k);
	cairo_status_t stc = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	return stc == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static int gif_header(gif_state *st, int w, int h, const char *software)
{
	ColorMapObject *map = GifMakeMapObject(GIF_COLORS, NULL);
	if (!map)
		return -1;
	memset(map->Colors, 0, GIF_COLORS * sizeof *map->Colors);
	memcpy(map->Colors, st->pal, (size_t)st->npal * sizeof *st->pal);
	EGifSetGifVersion(st->gif, true);
	int rc = EGifPutScreenDesc(st->gif, w, h, 8, 0, map);
	GifFreeMapObject(map);
	/* NETSCAPE2.0: loop forever (count 0) */
	static const GifByteType app[11] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
	static const GifByteType loop[3] = {1, 0, 0};
	if (rc != GIF_OK || EGifPutExtensionLeader(st->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
	    EGifPutExtensionBlock(st->gif, 11, app) != GIF_OK ||
	    EGifPutExtensionBlock(st->gif, 3, loop) != GIF_OK ||
	    EGifPutExtensionTrailer(st->gif) != GIF_OK)
		return -1;
	if (software && EGifPutComment(st->gif, software) != GIF_OK)
		return -1;
	return 0;
}

int fig_gif_write(const char *path, const fig_opts *o, int nframes, double fps, double hold,
		  fig_frame_fn draw, const void *ctx, char *err, size_t errlen)
{
	if (!path || !o || !draw || nframes < 1 || nframes > FIG_GIF_MAX_FRAMES)
		return fig_err(err, errlen, "gif: 1 to %d frames", FIG_GIF_MAX_FRAMES);
	if (!(fps >= 0.1 && fps <= 50))
		return fig_err(err, errlen, "gif: frames a second from 0.1 to 50");
	int w = o->width, h = o->height;
	if (w < FIG_MIN_DIM || h < FIG_MIN_DIM || w > FIG_MAX_DIM || h > FIG_MAX_DIM ||
	    (long)w * h > FIG_GIF_MAX_PIXELS)
		return fig_err(err, errlen, "gif: size %dx%d out of range (%d to %d a side, %d pixels)",
			       w, h, FIG_MIN_DIM, FIG_MAX_DIM, FIG_GIF_MAX_PIXELS);
	size_t n = (size_t)w * h;
	gif_state *st = calloc(1, sizeof *st);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	int rc = -1;
	afile af = {0};
	bool opened = false, told = false; /* told: ERR holds the message already */
	if (!st || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
		goto out;
	st->prev = malloc(n), st->cur = malloc(n);
	st->r = malloc(n), st->g = malloc(n), st->b = malloc(n);
	if (!st->prev || !st->cur || !st->r || !st->g || !st->b)
		goto out;
	unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	/* the palette from the last frame: it holds every trajectory and curve */
	if (gif_render(img, o, draw, ctx, nframes - 1) != 0 ||
	    gif_palette(st, data, stride, w, h) != 0)
		goto out;
	if (afile_open(&af, path, err, errlen) != 0) {
		told = true;
		goto out;
	}
	opened = true;
	int gerr = 0;
	st->gif = EGifOpen(af.f, gif_out, &gerr);
	if (!st->gif || gif_header(st, w, h, o->software) != 0)
		goto out;
	int delay = (int)lround(100 / fps), last = (int)lround(100 * hold);
	for (int k = 0; k < nframes; k++) {
		if (nframes > 1 && gif_render(img, o, draw, ctx, k) != 0) /* one: drawn already */
			goto out;
		for (size_t i = 0; i < n; i++) {
			unsigned r, g, b;
			gif_rgb(data, stride, w, i, &r, &g, &b);
			st->cur[i] = gif_nearest(st, r, g, b);
		}
		int d = k == nframes - 1 ? (last > delay ? last : delay) : delay;
		if (gif_put_frame(st, w, h, k == 0, d > 0 ? d : 1) != 0)
			goto out;
		uint8_t *t = st->prev;
		st->prev = st->cur, st->cur = t;
	}
	rc = EGifCloseFile(st->gif, &gerr) == GIF_OK ? 0 : -1;
	st->gif = NULL;
out:
	if (st && st->gif)
		EGifCloseFile(st->gif, NULL);
	if (opened) {
		if (rc == 0)
			rc = afile_commit(&af, err, errlen);
		else {
			afile_abort(&af);
			fig_err(err, errlen, "%s: cannot write the GIF", path);
		}
	} else if (rc != 0 && !told) {
		fig_err(err, errlen, "%s: out of memory or a drawing error", path);
	}
	if (st) {
		free(st->prev), free(st->cur), free(st->r), free(st->g), free(st->b);
		free(st);
	}
	cairo_surface_destroy(img);
	return rc;
}
