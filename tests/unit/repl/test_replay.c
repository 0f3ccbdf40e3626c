/* --replay runs a figure's script with writes off but for the figure itself: a
 * crafted figure whose script saves and exports over other files writes none of
 * them, says which, and rebuilds its figure; --allow-writes lets them through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <png.h>

static const char crafted[] = "problem q = x^2 + y^2\n"
                              "run a = gd on q from (1, 1)\n"
                              "step 3\n"
                              "save \"victim.opl\"\n"
                              "export \"victim.csv\" a\n"
                              "export \"fig.png\" contour size 200x150\n";

/* A 4 x 4 grey PNG carrying text as its Source. */
static void write_png(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_init_io(png, f);
	png_set_IHDR(png, info, 4, 4, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_text t = {.compression = PNG_TEXT_COMPRESSION_NONE, .key = "Source", .text = (char *)text};
	png_set_text(png, info, &t, 1);
	png_write_info(png, info);
	unsigned char row[4] = {0, 64, 128, 255};
	for (int j = 0; j < 4; j++)
		png_write_row(png, row);
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	fclose(f);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	if (getdelim(&buf, &cap, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

static int replay(const char *dir, const char *flags)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' --replay fig.png %s >out 2>err", dir,
	         OPTLAB_BINARY, flags);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_replay_guard(void **state)
{
	(void)state;
	char dir[] = "/tmp/optlab-replay-XXXXXX", path[300];
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	write_png("fig.png", crafted);
	FILE *v = fopen("victim.csv", "w");
	fputs("precious\n", v);
	fclose(v);

	assert_int_equal(replay(dir, ""), 0);
	char *csv = slurp("victim.csv"), *err = slurp("err");
	assert_string_equal(csv, "precious\n");
	assert_null(slurp("victim.opl"));
	assert_string_equal(err, "fig.png: not written, as a replayed script writes its figure only "
	                         "(--allow-writes lets it):\n  victim.opl\n  victim.csv\n");
	free(csv);
	free(err);
	/* the figure itself was rebuilt: a real figure now, 200 x 150 */
	struct stat st;
	assert_int_equal(stat("fig.png", &st), 0);
	assert_true(st.st_size > 1000);

	write_png("fig.png", crafted);
	assert_int_equal(replay(dir, "--allow-writes"), 0);
	csv = slurp("victim.csv");
	assert_true(strncmp(csv, "iter,f,gnorm", 12) == 0);
	free(csv);
	csv = slurp("victim.opl");
	assert_non_null(csv);
	free(csv);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(system(path), 0);
}

/* A data vector too long for one line of a script (120000 values, 2.6 MB as saved):
 * the figure's Source carries it in lines short enough to read back, and --replay in
 * another directory (no file beside the figure) rebuilds the same figure, byte for byte. */
static void test_replay_long_data(void **state)
{
	(void)state;
	char dir[] = "/tmp/optlab-replay-XXXXXX", cmd[1200];
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(mkdir("a", 0700), 0);
	assert_int_equal(mkdir("b", 0700), 0);
	FILE *f = fopen("a/long.opl", "w");
	assert_non_null(f);
	fputs("set linelimit 1048576\ndata v = [", f);
	for (int i = 0; i < 120000; i++)
		fprintf(f, "%s0.%d", i ? "," : "", i % 10);
	fputs("]\nproblem p(x[2]) = (x[1] - v[2])^2 + (x[2] - v[len(v)])^2 + len(v)*1e-6*x[1]^2\n"
	      "run a = gd on p\nstep a 5\nexport \"fig.png\" a size 200x150\n",
	      f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "cd a && '%s' long.opl >out 2>err", OPTLAB_BINARY);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(system("cp a/fig.png b/orig.png"), 0);
	snprintf(cmd, sizeof cmd, "cd b && '%s' --replay orig.png >out 2>err", OPTLAB_BINARY);
	assert_int_equal(system(cmd), 0);
	char *err = slurp("b/err"), *out = slurp("b/out"), *out0 = slurp("a/out");
	assert_string_equal(err, "");
	assert_non_null(out0);
	assert_string_equal(out, out0);
	struct stat st;
	assert_int_equal(stat("b/fig.png", &st), 0);
	assert_int_equal(system("cmp -s a/fig.png b/fig.png"), 0);
	free(err);
	free(out);
	free(out0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replay_guard),
	    cmocka_unit_test(test_replay_long_data),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
