/* testpng: a PNG read back as 8-bit RGB for the figure tests (libpng's simplified API). */
#ifndef OPTLAB_TESTPNG_H
#define OPTLAB_TESTPNG_H

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct image {
	png_image im;
	unsigned char *px; /* height x width x 3, freed by the caller */
} image;

/* 0, or -1 when the file cannot be read as a PNG. */
static inline int image_load(image *m, const char *path)
{
	memset(m, 0, sizeof *m);
	m->im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&m->im, path))
		return -1;
	m->im.format = PNG_FORMAT_RGB;
	m->px = malloc(PNG_IMAGE_SIZE(m->im));
	if (!m->px || !png_image_finish_read(&m->im, NULL, m->px, 0, NULL)) {
		free(m->px);
		png_image_free(&m->im);
		m->px = NULL;
		return -1;
	}
	return 0;
}

#endif
