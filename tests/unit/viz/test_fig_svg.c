/* test_fig_svg: an SVG figure's text is <text> elements (title, axis labels,
 * tick labels with raised exponents) at the places the PNG draws them, escaped,
 * in a well-formed document with no glyph outlines. */
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

#include "fig.h"

static char dir[64], path[128];

typedef struct item {
	char text[128]; /* the content, tags removed */
	double x, y;
	char anchor[8];
	bool rotated, sup;
} item;

static double attr(const char *tag, const char *name, char *s, size_t cap)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = strstr(tag, key);
	if (s)
		s[0] = 0;
	if (!p || p > strchr(tag, '>'))
		return NAN;
	p += strlen(key);
	size_t n = strcspn(p, "\"");
	if (s)
		snprintf(s, cap, "%.*s", (int)n, p);
	return strtod(p, NULL);
}

/* The <text> elements of SVG, at most CAP. */
static int parse(const char *svg, item *it, int cap)
{
	int n = 0;
	for (const char *p = strstr(svg, "<text "); p && n < cap; p = strstr(p + 1, "<text ")) {
		item *t = &it[n++];
		memset(t, 0, sizeof *t);
		t->x = attr(p, "x", NULL, 0);
		t->y = attr(p, "y", NULL, 0);
		attr(p, "text-anchor", t->anchor, sizeof t->anchor);
		char tr[64];
		attr(p, "transform", tr, sizeof tr);
		t->rotated = strncmp(tr, "rotate(-90 ", 11) == 0;
		const char *q = strchr(p, '>') + 1, *end = strstr(q, "</text>");
		assert_non_null(end);
		size_t k = 0;
		for (bool in = false; q < end && k + 1 < sizeof t->text; q++) {
			if (*q == '<')
				in = true, t->sup |= strncmp(q, "<tspan", 6) == 0;
			else if (*q == '>')
				in = false;
			else if (!in)
				t->text[k++] = *q;
		}
		t->text[k] = 0;
	}
	return n;
}

static const item *find(const item *it, int n, const char *text)
{
	for (int i = 0; i < n; i++)
		if (strcmp(it[i].text, text) == 0)
			return &it[i];
	return NULL;
}

static int count(const char *hay, const char *needle)
{
	int k = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		k++;
	return k;
}

static char *slurp(const char *p)
{
	FILE *fp = fopen(p, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
	b[n] = 0;
	fclose(fp);
	return b;
}

static void test_svg_text(void **state)
{
	static const double vals[4] = {1, 2, 3, 4}, px[2] = {0.2, 0.8}, py[2] = {0.3, 0.6};
	scene_path run = {"run", 0, px, py, 2, false, false, SCENE_TRIAL_NONE};
	scene_field f = {.title = NULL, .xlabel = "x\xe2\x82\x81", .ylabel = "y", .x0 = 0, .x1 = 1,
			 .y0 = 0, .y1 = 1, .values = vals, .w = 2, .h = 2, .cmap = CMAP_VIRIDIS,
			 .vmin = NAN, .vmax = NAN, .nlevels = 4, .paths = &run, .npaths = 1};
	double x[40], y[40];
	for (int i = 0; i < 40; i++)
		x[i] = i, y[i] = pow(10, -0.25 * i); /* decades: ticks 10^k */
	scene_series s = {"gd", 0, x, y, 40, false, .path = false};
	/* a title with XML's special characters and a byte that is not UTF-8 */
	scene_conv cv = {"R & <D> \"q\" \xff", "iteration", "f \xe2\x88\x92 f*", true, &s, 1,
			 .xlim = {0, 0}};
	fig_opts o = {800, 600, "optlab", NULL};
	char err[256] = "";
	assert_int_equal(fig_write(path, FIG_SVG, &o, &f, &cv, err, sizeof err), 0);
	char *svg = slurp(path);
	if (access("/usr/bin/xmllint", X_OK) == 0) {
		char cmd[256];
		snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
		assert_int_equal(system(cmd), 0);
	}
	/* text, not outlines */
	assert_int_equal(count(svg, "<symbol"), 0);
	assert_int_equal(count(svg, "glyph"), 0);
	assert_int_equal(count(svg, "<text "), count(svg, "</text>"));
	const char *close = strstr(svg, "</svg>");
	assert_non_null(close);
	assert_true(strstr(svg, "<g id=\"text\"") < close);
	item it[128];
	int n = parse(svg, it, 128);
	assert_true(n > 15);
	/* the title over the page, escaped, the bad byte replaced by U+FFFD */
	const item *t = find(it, n, "R &amp; &lt;D&gt; &quot;q&quot; \xef\xbf\xbd");
	assert_non_null(t);
	assert_string_equal(t->anchor, "middle");
	assert_true(fabs(t->x - 400) < 1 && t->y > 5 && t->y < 40);
	/* axis labels: under the left and the right panel; y turned a quarter */
	const item *xl = find(it, n, "x\xe2\x82\x81"), *il = find(it, n, "iteration");
	const item *yl = find(it, n, "y"), *fl = find(it, n, "f \xe2\x88\x92 f*");
	assert_non_null(xl);
	assert_non_null(il);
	assert_non_null(yl);
	assert_non_null(fl);
	assert_true(xl->y > 540 && xl->y < 600 && xl->x > 50 && xl->x < 400);
	assert_true(il->y > 540 && il->y < 600 && il->x > 450 && il->x < 800);
	assert_true(yl->rotated && fl->rotated && yl->x < 40 && fl->x > 400);
	assert_false(xl->rotated || il->rotated || t->rotated);
	/* the field's y ticks: right-aligned on one x, 0 at the bottom, 1 at the top */
	const item *y0 = NULL, *y1 = NULL;
	for (int i = 0; i < n; i++)
		if (strcmp(it[i].anchor, "end") == 0 && it[i].x < 100) {
			if (strcmp(it[i].text, "0.0") == 0)
				y0 = &it[i];
			if (strcmp(it[i].text, "1.0") == 0)
				y1 = &it[i];
		}
	assert_non_null(y0);
	assert_non_null(y1);
	assert_true(y0->x == y1->x && y0->y - y1->y > 300);
	/* the convergence plot's ticks: 10 with the exponent raised, in one element */
	int sup = 0;
	for (int i = 0; i < n; i++)
		if (it[i].sup && strncmp(it[i].text, "10", 2) == 0 && it[i].x > 400)
			sup++;
	assert_true(sup >= 3);
	assert_non_null(find(it, n, "10\xe2\x88\x92" "5")); /* 10 and a raised -5 */
	free(svg);
}

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/optlab-svg-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/t.svg", dir);
	return 0;
}

static int teardown(void **state)
{
	unlink(path);
	rmdir(dir);
	fig_release_static();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
