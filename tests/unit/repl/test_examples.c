/* test_examples: every script in examples/ runs in batch mode in a fresh
 * directory and succeeds (its own `assert` lines pass), opens with a comment
 * block, tests itself, and every PNG it exports is read back: the size its
 * export line asks for, a Software chunk naming optlab and a Source chunk
 * holding the export command (a sweep's too, at the end of its line). The
 * gallery has a script for every family of the catalogue: one that runs one
 * of its methods (`= METHOD(` or `= METHOD on`). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <png.h>

#include "optlab.h"

#define EXAMPLES OPTLAB_SOURCE_DIR "/examples"
#define MIN_EXAMPLES 30

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)len + 1);
	size_t n = fread(buf, 1, (size_t)len, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* The PNG's size and its text chunks Software and Source (new strings). */
static int png_read_back(const char *path, unsigned *w, unsigned *h, char **sw, char **src)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int rc = -1;
	*sw = *src = NULL;
	if (setjmp(png_jmpbuf(png)) == 0) {
		png_init_io(png, f);
		png_read_info(png, info);
		*w = png_get_image_width(png, info);
		*h = png_get_image_height(png, info);
		png_textp text;
		int n = 0;
		png_get_text(png, info, &text, &n);
		for (int i = 0; i < n; i++) {
			if (strcmp(text[i].key, "Software") == 0)
				*sw = strdup(text[i].text);
			if (strcmp(text[i].key, "Source") == 0)
				*src = strdup(text[i].text);
		}
		rc = 0;
	}
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
	return rc;
}

/* Checks every `export "NAME.png" ... size WxH` line of the script in DIR. */
static int check_figures(const char *name, const char *script, const char *dir)
{
	int figures = 0;
	for (const char *line = script; line && *line; line = strchr(line, '\n'), line += !!line) {
		const char *eol = strchr(line, '\n'), *ex = line; /* export, or a sweep's at the end */
		if (strncmp(line, "export \"", 8) != 0) {
			ex = strstr(line, " export \"");
			if (!ex || (eol && ex > eol))
				continue;
			ex++;
		}
		int len = eol ? (int)(eol - ex) : (int)strlen(ex);
		const char *q = strchr(ex + 8, '"');
		if (!q || q - ex < 12 || strncmp(q - 4, ".png", 4) != 0)
			continue;
		char path[1024], cmd[512];
		snprintf(path, sizeof path, "%s/%.*s", dir, (int)(q - ex - 8), ex + 8);
		snprintf(cmd, sizeof cmd, "%.*s", len, ex);
		unsigned w = 1600, h = 1200, gw = 0, gh = 0;
		const char *size = strstr(cmd, " size ");
		if (size)
			assert_int_equal(sscanf(size, " size %ux%u", &w, &h), 2);
		char *sw, *src;
		if (png_read_back(path, &gw, &gh, &sw, &src) != 0)
			fail_msg("%s: %s was not written or is not a PNG", name, path);
		if (gw != w || gh != h)
			fail_msg("%s: %s is %ux%u, not %ux%u", name, path, gw, gh, w, h);
		if (!sw || strncmp(sw, "optlab ", 7) != 0)
			fail_msg("%s: %s has no Software chunk naming optlab", name, path);
		if (!src || !strstr(src, cmd))
			fail_msg("%s: %s's Source chunk lacks its export command", name, path);
		free(sw);
		free(src);
		figures++;
	}
	return figures;
}

static void run_example(const char *name)
{
	char path[1024], dir[] = "/tmp/optlab_example_XXXXXX", cmd[2048];
	snprintf(path, sizeof path, "%s/%s", EXAMPLES, name);
	char *script = slurp(path);
	assert_non_null(script);
	if (script[0] != '#')
		fail_msg("%s: opens without a comment block saying what to look for", name);
	if (!strstr(script, "\nassert "))
		fail_msg("%s: has no assert line: it does not test itself", name);
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' '%s' >/dev/null", dir, OPTLAB_BINARY, path);
	int rc = system(cmd);
	if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
		fail_msg("%s: exit status %d", name, WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
	if (check_figures(name, script, dir) == 0)
		fail_msg("%s: exports no PNG figure", name);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(script);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the scripts in examples/, sorted (new strings); how many. */
static int example_names(char **names, int cap)
{
	DIR *d = opendir(EXAMPLES);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < cap;) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".opl") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, by_name);
	return n;
}

static void test_every_example(void **state)
{
	(void)state;
	char *names[256];
	int n = example_names(names, 256);
	if (n < MIN_EXAMPLES)
		fail_msg("only %d examples in examples/", n);
	for (int i = 0; i < n; i++) {
		print_message("%s\n", names[i]);
		run_example(names[i]);
		free(names[i]);
	}
}

/* Whether SCRIPT runs METHOD: `= METHOD(` or `= METHOD on`. */
static int runs_method(const char *script, const char *method)
{
	char a[80], b[80];
	snprintf(a, sizeof a, "= %s(", method);
	snprintf(b, sizeof b, "= %s on ", method);
	return strstr(script, a) || strstr(script, b);
}

static void test_every_family(void **state)
{
	(void)state;
	char *scripts[256];
	int ns = example_names(scripts, 256);
	for (int k = 0; k < ns; k++) { /* each name replaced by its script */
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", EXAMPLES, scripts[k]);
		free(scripts[k]);
		scripts[k] = slurp(path);
		assert_non_null(scripts[k]);
	}
	int count;
	const meth *const *cat = meth_catalog(&count);
	for (int i = 0; i < count; i++) {
		int found = 0; /* some script runs some method of this family */
		for (int j = 0; j < count && !found; j++)
			if (strcmp(cat[j]->family, cat[i]->family) == 0)
				for (int k = 0; k < ns && !found; k++)
					found = runs_method(scripts[k], cat[j]->name);
		if (!found)
			fail_msg("no gallery script in examples/ runs a method of the family %s",
			         cat[i]->family);
	}
	for (int k = 0; k < ns; k++)
		free(scripts[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_family),
		cmocka_unit_test(test_every_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
