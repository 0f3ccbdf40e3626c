/* img_png: grayscale PNG in and out (img_png.h). */
#include "img_png.h"

#include <math.h>
#include <png.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "afile.h"

typedef struct img_err {
	char *buf;
	size_t cap;
} img_err;

static void img_error(png_structp png, png_const_charp msg)
{
	img_err *e = png_get_error_ptr(png);
	snprintf(e->buf, e->cap, "png: %s", msg);
	png_longjmp(png, 1);
}

static void img_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg;
}

/* The state a longjmp must find: volatile, or kept outside the setjmp frame. */
typedef struct img_read {
	FILE *fp;
	double *pix;
	unsigned char *row;
} img_read;

static double *read_fail(img_read *r, png_structp *png, png_infop *info)
{
	png_destroy_read_struct(png, info, NULL);
	fclose(r->fp);
	free(r->pix);
	free(r->row);
	return NULL;
}

double *img_png_read(const char *path, int *w, int *h, char *err, size_t cap)
{
	img_read r = {fopen(path, "rb"), NULL, NULL};
	if (!r.fp) {
		snprintf(err, cap, "%s: cannot open", path);
		return NULL;
	}
	unsigned char sig[8];
	if (fread(sig, 1, 8, r.fp) != 8 || png_sig_cmp(sig, 0, 8) != 0) {
		fclose(r.fp);
		snprintf(err, cap, "%s: not a PNG file", path);
		return NULL;
	}
	img_err pe = {err, cap};
	png_structp png =
	    png_create_read_struct(PNG_LIBPNG_VER_STRING, &pe, img_error, img_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!png || !info) {
		snprintf(err, cap, "png: out of memory");
		return read_fail(&r, &png, &info);
	}
	img_read *volatile rp = &r;
	if (setjmp(png_jmpbuf(png)))
		return read_fail(rp, &png, &info);
	png_init_io(png, r.fp);
	png_set_sig_bytes(png, 8);
	png_set_user_limits(png, 4096, 4096);
	png_read_info(png, info);
	png_uint_32 pw = png_get_image_width(png, info), ph = png_get_image_height(png, info);
	int ct = png_get_color_type(png, info), bd = png_get_bit_depth(png, info);
	if (ct == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (ct == PNG_COLOR_TYPE_GRAY && bd < 8)
		png_set_expand_gray_1_2_4_to_8(png);
	if (png_get_valid(png, info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(png);
	if (bd == 16)
		png_set_strip_16(png);
	png_set_strip_alpha(png);
	if (ct == PNG_COLOR_TYPE_RGB || ct == PNG_COLOR_TYPE_RGB_ALPHA ||
	    ct == PNG_COLOR_TYPE_PALETTE)
		png_set_rgb_to_gray_fixed(png, 1, -1, -1);
	int passes = png_set_interlace_handling(png); /* Adam7: 7 passes over the image */
	png_read_update_info(png, info);
	if ((double)pw * ph > IMG_PNG_MAX_PIXELS || png_get_channels(png, info) != 1) {
		snprintf(err, cap, "%s: %s", path,
		         png_get_channels(png, info) != 1 ? "cannot convert to grey"
		                                          : "more than 4096 x 4096 pixels");
		return read_fail(&r, &png, &info);
	}
	/* the whole image at once: an interlaced file fills each row in several passes */
	size_t rowbytes = png_get_rowbytes(png, info);
	r.pix = malloc((size_t)pw * ph * sizeof *r.pix);
	r.row = malloc(rowbytes * ph);
	if (!r.pix || !r.row) {
		snprintf(err, cap, "png: out of memory");
		return read_fail(&r, &png, &info);
	}
	for (int pass = 0; pass < passes; pass++)
		for (png_uint_32 j = 0; j < ph; j++)
			png_read_row(png, r.row + rowbytes * j, NULL);
	for (png_uint_32 j = 0; j < ph; j++)
		for (png_uint_32 i = 0; i < pw; i++)
			r.pix[(size_t)j * pw + i] = r.row[rowbytes * j + i] / 255.0;
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(r.fp);
	free(r.row);
	*w = (int)pw;
	*h = (int)ph;
	return r.pix;
}

int img_png_write(const char *path, const double *pix, int w, int h, char *err, size_t cap)
{
	if (w < 1 || h < 1 || (double)w * h > IMG_PNG_MAX_PIXELS) {
		snprintf(err, cap, "png: an image of %d x %d pixels", w, h);
		return -1;
	}
	afile ff;
	if (afile_open(&ff, path, err, cap))
		return -1;
	unsigned char *row = malloc((size_t)w);
	img_err pe = {err, cap};
	png_structp png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, img_error, img_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!row || !png || !info) {
		png_destroy_write_struct(&png, &info);
		free(row);
		afile_abort(&ff);
		snprintf(err, cap, "png: out of memory");
		return -1;
	}
	unsigned char *volatile rowv = row;
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(rowv);
		afile_abort(&ff);
		return -1;
	}
	png_init_io(png, ff.f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int j = 0; j < h; j++) {
		for (int i = 0; i < w; i++) {
			double v = pix[(size_t)j * w + i];
			v = isnan(v) ? 0 : v < 0 ? 0 : v > 1 ? 1 : v;
			row[i] = (unsigned char)lround(v * 255);
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return afile_commit(&ff, err, cap);
}
