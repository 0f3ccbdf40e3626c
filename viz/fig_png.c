/* fig_png: PNG through libpng, from Cairo's ARGB32 with text chunks, and the
 * Source text read back (for --replay). */
#include "fig.h"

#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "fig_file.h"

typedef struct fig_png_err {
	char *err;
	size_t len;
} fig_png_err;

static void fig_png_error(png_structp png, png_const_charp msg)
{
	fig_png_err *e = png_get_error_ptr(png);
	fig_err(e->err, e->len, "png: %s", msg);
	png_longjmp(png, 1);
}

static void fig_png_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg; /* warnings are not errors; libpng goes on */
}

/* Unpremultiplied RGB(A) of row Y of an ARGB32 surface into OUT. */
static void fig_png_row(const unsigned char *data, int stride, int w, int y, bool alpha,
			unsigned char *out)
{
	const uint32_t *p = (const uint32_t *)(data + (size_t)y * stride);
	for (int x = 0; x < w; x++) {
		uint32_t v = p[x];
		unsigned a = v >> 24, r = v >> 16 & 255, g = v >> 8 & 255, b = v & 255;
		if (a != 255 && a != 0) {
			r = (r * 255 + a / 2) / a;
			g = (g * 255 + a / 2) / a;
			b = (b * 255 + a / 2) / a;
		}
		*out++ = (unsigned char)r, *out++ = (unsigned char)g, *out++ = (unsigned char)b;
		if (alpha)
			*out++ = (unsigned char)a;
	}
}

int fig_png_write(const char *path, cairo_surface_t *img, const char *software,
		  const char *source, char *err, size_t errlen)
{
	if (source && strlen(source) > FIG_SOURCE_MAX)
		return fig_err(err, errlen,
		               "the script that rebuilds this figure is %.1f MiB, over the %ld MiB a "
		               "PNG can carry for --replay; export .svg or .pdf, or delete what the "
		               "figure does not need",
		               strlen(source) / 1048576.0, FIG_SOURCE_MAX >> 20);
	if (cairo_surface_get_type(img) != CAIRO_SURFACE_TYPE_IMAGE)
		return fig_err(err, errlen, "png: not an image surface");
	cairo_format_t fmt = cairo_image_surface_get_format(img);
	if (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24)
		return fig_err(err, errlen, "png: unsupported pixel format");
	cairo_surface_flush(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	bool alpha = false;
	for (int y = 0; fmt == CAIRO_FORMAT_ARGB32 && y < h && !alpha; y++)
		for (int x = 0; x < w && !alpha; x++)
			alpha = ((const uint32_t *)(data + (size_t)y * stride))[x] >> 24 != 255;
	afile ff;
	if (afile_open(&ff, path, err, errlen))
		return -1;
	unsigned char *row = malloc((size_t)w * 4);
	fig_png_err pe = {err, errlen};
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &pe, fig_png_error,
						  fig_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!row || !png || !info) {
		png_destroy_write_struct(&png, &info);
		free(row);
		afile_abort(&ff);
		return fig_err(err, errlen, "png: out of memory");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		afile_abort(&ff);
		return -1;
	}
	png_init_io(png, ff.f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* Speed first: filters and higher levels cost 2-4x the time for 5-15% of size
	 * on these figures (measured on 1600 x 1200 contour and convergence plots). */
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_text text[2];
	int nt = 0;
	memset(text, 0, sizeof text);
	if (software) {
		text[nt].compression = PNG_TEXT_COMPRESSION_NONE;
		text[nt].key = (png_charp) "Software";
		text[nt].text = (png_charp)software;
		nt++;
	}
	if (source) {
		/* iTXt holds UTF-8; compressed, since scripts can be long */
		text[nt].compression = PNG_ITXT_COMPRESSION_zTXt;
		text[nt].key = (png_charp) "Source";
		text[nt].text = (png_charp)source;
		text[nt].lang = (png_charp) "";
		text[nt].lang_key = (png_charp) "";
		nt++;
	}
	if (nt)
		png_set_text(png, info, text, nt);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		fig_png_row(data, stride, w, y, alpha, row);
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return afile_commit(&ff, err, errlen);
}

char *fig_png_read_source(const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fig_err(err, errlen, "%s: cannot open", path);
		return NULL;
	}
	unsigned char sig[8];
	if (fread(sig, 1, 8, fp) != 8 || png_sig_cmp(sig, 0, 8) != 0) {
		fclose(fp);
		fig_err(err, errlen, "%s: not a PNG file", path);
		return NULL;
	}
	fig_png_err pe = {err, errlen};
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &pe, fig_png_error,
						 fig_png_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	char *volatile out = NULL;
	if (!png || !info) {
		png_destroy_read_struct(&png, &info, NULL);
		fclose(fp);
		fig_err(err, errlen, "png: out of memory");
		return NULL;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, NULL);
		fclose(fp);
		free(out);
		return NULL;
	}
	png_init_io(png, fp);
	png_set_sig_bytes(png, 8);
	png_set_chunk_malloc_max(png, FIG_SOURCE_MAX + 4096); /* the text and its key */
	png_read_info(png, info); /* fig_png_write puts the text before the image data */
	png_textp text = NULL;
	int nt = png_get_text(png, info, &text, NULL);
	for (int i = 0; i < nt && !out; i++) {
		if (strcmp(text[i].key, "Source") != 0)
			continue;
		size_t n = text[i].compression >= PNG_ITXT_COMPRESSION_NONE ? text[i].itxt_length
									      : text[i].text_length;
		out = malloc(n + 1);
		if (out) {
			memcpy(out, text[i].text, n);
			out[n] = 0;
		}
	}
	png_destroy_read_struct(&png, &info, NULL);
	fclose(fp);
	if (!out)
		fig_err(err, errlen, "%s: no Source text in this PNG", path);
	return out;
}
