/* img_png: a grey image written and read back is the same to 8 bits; values are clipped;
 * a file that is not a PNG is refused with its name; an interlaced file reads as the
 * plain one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <png.h>

#include "img_png.h"

static void test_round_trip(void **st)
{
	(void)st;
	enum { W = 7, H = 5 };
	double pix[W * H];
	for (int k = 0; k < W * H; k++)
		pix[k] = (k * 37 % 101) / 100.0;
	pix[0] = -0.5; /* clipped to 0 */
	pix[1] = 2;    /* clipped to 1 */
	char path[] = "/tmp/optlab-img-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char err[300];
	assert_int_equal(img_png_write(path, pix, W, H, err, sizeof err), 0);
	int w = 0, h = 0;
	double *back = img_png_read(path, &w, &h, err, sizeof err);
	assert_non_null(back);
	assert_int_equal(w, W);
	assert_int_equal(h, H);
	assert_true(back[0] == 0 && back[1] == 1);
	for (int k = 2; k < W * H; k++)
		assert_true(fabs(back[k] - pix[k]) <= 0.5 / 255 + 1e-12);
	free(back);
	FILE *f = fopen(path, "w");
	fputs("not a png\n", f);
	fclose(f);
	assert_null(img_png_read(path, &w, &h, err, sizeof err));
	assert_non_null(strstr(err, "not a PNG file"));
	unlink(path);
	assert_null(img_png_read("/nonexistent/x.png", &w, &h, err, sizeof err));
	assert_string_equal(err, "/nonexistent/x.png: cannot open");
}

/* An Adam7 file written by libpng itself: every pixel where it belongs. */
static void test_interlaced(void **st)
{
	(void)st;
	enum { W = 13, H = 11 };
	unsigned char img[W * H];
	png_bytep rows[H];
	for (int k = 0; k < W * H; k++)
		img[k] = (unsigned char)(k * 7 % 256);
	for (int j = 0; j < H; j++)
		rows[j] = img + j * W;
	char path[] = "/tmp/optlab-adam7-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_init_io(png, f);
	png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_ADAM7,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_set_interlace_handling(png);
	png_write_image(png, rows);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	fclose(f);
	char err[300];
	int w = 0, h = 0;
	double *back = img_png_read(path, &w, &h, err, sizeof err);
	unlink(path);
	assert_non_null(back);
	assert_int_equal(w, W);
	assert_int_equal(h, H);
	for (int k = 0; k < W * H; k++)
		assert_true(back[k] == img[k] / 255.0);
	free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_interlaced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
