/* fig_gif: animated GIF through giflib: frames drawn by a callback onto one
 * Cairo image each, one palette shared by every frame (median cut of the last
 * frame, which shows the most), each frame stored as the rectangle that
 * changed since the one before, looping forever. The same frames give the
 * same bytes.
 *
 * Ownership: everything borrows; the file is written atomically. */
#ifndef OPTLAB_FIG_GIF_H
#define OPTLAB_FIG_GIF_H

#include <stddef.h>

#include <cairo.h>

#include "fig.h"

#define FIG_GIF_MAX_FRAMES 1000
#define FIG_GIF_MAX_PIXELS 4000000 /* width x height of one frame */

/* Frame K (0 .. nframes - 1) of an animation, drawn onto CR of o->width x o->height. */
typedef void (*fig_frame_fn)(cairo_t *cr, const fig_opts *o, const void *ctx, int k);

/* Writes NFRAMES frames of DRAW to PATH at FPS frames a second (0.1 .. 50), the last
 * held HOLD seconds (at least one frame's time); o->software goes into a comment.
 * Returns 0, or -1 with a message in ERR. */
int fig_gif_write(const char *path, const fig_opts *o, int nframes, double fps, double hold,
		  fig_frame_fn draw, const void *ctx, char *err, size_t errlen);

#endif
