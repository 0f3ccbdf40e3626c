/* img_png: a grey image written and read back is the same to 8 bits; values are clipped;
 * a file that is not a PNG is refused with its name. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
