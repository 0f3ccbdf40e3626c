/* img_png: grayscale images as PNG through libpng, for image problems (TV denoising).
 * Pixels are doubles, row-major from the top row, 0 black .. 1 white.
 *
 * Ownership: img_png_read returns a malloc'ed array the caller frees. */
#ifndef OPTLAB_IMG_PNG_H
#define OPTLAB_IMG_PNG_H

#include <stddef.h>

#define IMG_PNG_MAX_PIXELS 16777216 /* 4096 x 4096 */

/* Any PNG (grey, palette, RGB, with or without alpha, 1..16 bits), converted to grey by
 * the luminance weights of libpng; alpha dropped. NULL and a message on failure. */
double *img_png_read(const char *path, int *w, int *h, char *err, size_t cap);
/* Writes an 8-bit grey PNG (values clipped to [0, 1]), atomically. 0, or -1 and err. */
int img_png_write(const char *path, const double *pix, int w, int h, char *err, size_t cap);

#endif
