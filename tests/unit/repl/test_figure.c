/* Figures made by the real binary, read back: size, the Software and Source
 * chunks, a replay that gives the same bytes, and a golden image compared with
 * a small tolerance. OPTLAB_GOLDEN_UPDATE=1 rewrites the golden image. */
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

#include "../testdir.h"
#include "../testpng.h"
#include "fig.h"

#define GOLDEN OPTLAB_SOURCE_DIR "/tests/figure/quadratic_two_runs.png"

static const char *const script =
	"problem q = 0.5*x^2 + 5*y^2\n"
	"run gd = gd(step = 0.18) on q from (-1.8, 1.2)\n"
	"run hb = heavyball(step = 0.18, momentum = 0.5) on q from (-1.8, 1.2)\n"
	"step 40\n"
	"export \"fig.png\" both size 640x360 title \"gd and heavy ball\"\n";

/* The text chunk KEY of a PNG, or NULL. */
static char *png_text_of(const char *path, const char *key)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	char *out = NULL;
	if (setjmp(png_jmpbuf(png)) == 0) {
		png_init_io(png, f);
		png_read_info(png, info);
		png_textp text;
		int n = 0;
		png_get_text(png, info, &text, &n);
		for (int i = 0; i < n; i++)
			if (strcmp(text[i].key, key) == 0)
				out = strdup(text[i].text);
	}
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
	return out;
}

static void make_figure(void)
{
	FILE *f = fopen("fig.opl", "w");
	assert_non_null(f);
	fputs(script, f);
	fclose(f);
	assert_int_equal(sh("'%s' fig.opl >/dev/null", OPTLAB_BINARY), 0);
}

static void test_chunks_and_size(void **state)
{
	(void)state;
	make_figure();
	image m;
	assert_int_equal(image_load(&m, "fig.png"), 0);
	assert_int_equal(m.im.width, 640);
	assert_int_equal(m.im.height, 360);
	free(m.px);
	char *sw = png_text_of("fig.png", "Software");
	assert_non_null(sw);
	assert_int_equal(strncmp(sw, "optlab ", 7), 0);
	free(sw);
	char *src = png_text_of("fig.png", "Source");
	assert_non_null(src);
	/* the script rebuilds the workspace, then exports */
	assert_non_null(strstr(src, "problem q = 0.5*x^2 + 5*y^2"));
	assert_non_null(strstr(src, "step gd 40"));
	assert_non_null(strstr(src, "export \"fig.png\" both size 640x360"));
	free(src);
}

static void test_replay_same_bytes(void **state)
{
	(void)state;
	make_figure();
	size_t n1, n2;
	unsigned char *a = slurp("fig.png", &n1);
	assert_non_null(a);
	assert_int_equal(sh("cp fig.png orig.png && rm fig.png"), 0);
	assert_int_equal(sh("'%s' --replay orig.png >/dev/null", OPTLAB_BINARY), 0);
	unsigned char *b = slurp("fig.png", &n2);
	assert_non_null(b);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	/* not a PNG: a positioned error */
	assert_int_equal(sh("'%s' --replay fig.opl 2>err.txt", OPTLAB_BINARY), 1);
	size_t ne;
	char *err = (char *)slurp("err.txt", &ne);
	err[ne] = '\0';
	assert_int_equal(strncmp(err, "fig.opl:1:1: error: ", 20), 0);
	free(err);
}

/* Mean absolute difference per channel against the golden image. */
static void test_golden(void **state)
{
	(void)state;
	make_figure();
	if (getenv("OPTLAB_GOLDEN_UPDATE"))
		assert_int_equal(sh("cp fig.png '%s'", GOLDEN), 0);
	image got, want;
	assert_int_equal(image_load(&got, "fig.png"), 0);
	assert_int_equal(image_load(&want, GOLDEN), 0);
	assert_int_equal(got.im.width, want.im.width);
	assert_int_equal(got.im.height, want.im.height);
	size_t n = (size_t)got.im.width * got.im.height * 3, far = 0;
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		int d = abs(got.px[i] - want.px[i]);
		sum += d;
		far += d > 64;
	}
	print_message("golden: mean difference %.3f, %zu channels off by more than 64\n",
	              sum / (double)n, far);
	assert_true(sum / (double)n < 1.0);
	assert_true(far < n / 200);
	free(got.px);
	free(want.px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunks_and_size),
		cmocka_unit_test(test_replay_same_bytes),
		cmocka_unit_test(test_golden),
	};
	int rc = cmocka_run_group_tests(tests, testdir_setup, testdir_teardown);
	fig_release_static();
	return rc;
}
