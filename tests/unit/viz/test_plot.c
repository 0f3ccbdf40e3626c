/* test_plot: ticks, labels, scales, clipping, decimation, legend layout. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plot.h"

/* "a|b|c": the labels of the major ticks joined. */
static const char *labels(const plot_ticks *tk)
{
	static char buf[2048];
	buf[0] = 0;
	for (int i = 0; i < tk->n; i++) {
		if (!tk->t[i].major)
			continue;
		if (buf[0])
			strcat(buf, "|");
		strcat(buf, tk->t[i].label);
	}
	return buf;
}

static void test_linear_basic(void **state)
{
	plot_ticks tk;
	assert_int_equal(plot_ticks_linear(0, 1, 5, &tk), 0);
	assert_string_equal(labels(&tk), "0.0|0.2|0.4|0.6|0.8|1.0");
	assert_int_equal(plot_ticks_linear(0, 1, 10, &tk), 0);
	assert_string_equal(labels(&tk), "0.0|0.1|0.2|0.3|0.4|0.5|0.6|0.7|0.8|0.9|1.0");
	assert_int_equal(plot_ticks_linear(-2, 2, 4, &tk), 0);
	assert_string_equal(labels(&tk), "-2|-1|0|1|2");
	assert_int_equal(plot_ticks_linear(0, 10, 4, &tk), 0);
	assert_string_equal(labels(&tk), "0.0|2.5|5.0|7.5|10.0");
	assert_int_equal(plot_ticks_linear(0, 100, 4, &tk), 0);
	assert_string_equal(labels(&tk), "0|25|50|75|100");
	assert_int_equal(plot_ticks_linear(0, 1, 4, &tk), 0);
	assert_string_equal(labels(&tk), "0.00|0.25|0.50|0.75|1.00");
	/* Reversed ends are swapped; values are exact multiples of the step. */
	assert_int_equal(plot_ticks_linear(1.3, -0.7, 4, &tk), 0);
	assert_string_equal(labels(&tk), "-0.5|0.0|0.5|1.0");
	assert_true(tk.t[1].value == 0);
	assert_true(tk.step == 0.5);
}

static void test_linear_no_float_noise(void **state)
{
	plot_ticks tk;
	assert_int_equal(plot_ticks_linear(0.1, 0.7, 6, &tk), 0);
	assert_string_equal(labels(&tk), "0.1|0.2|0.3|0.4|0.5|0.6|0.7");
	for (int i = 0; i < tk.n; i++)
		assert_null(strstr(tk.t[i].label, "0000"));
}

static void test_linear_tiny_huge_negative(void **state)
{
	plot_ticks tk;
	assert_int_equal(plot_ticks_linear(0, 1e-5, 5, &tk), 0);
	assert_string_equal(labels(&tk), "0|2e-6|4e-6|6e-6|8e-6|1e-5");
	assert_true(tk.t[1].sci);
	assert_int_equal(tk.t[1].exp, -6);
	assert_string_equal(tk.t[1].mant, "2");
	assert_int_equal(plot_ticks_linear(0, 1e-3, 5, &tk), 0);
	assert_string_equal(labels(&tk), "0.0000|0.0002|0.0004|0.0006|0.0008|0.0010");
	assert_int_equal(plot_ticks_linear(0, 2e6, 4, &tk), 0);
	assert_string_equal(labels(&tk), "0|5.0e5|1.0e6|1.5e6|2.0e6");
	assert_int_equal(plot_ticks_linear(0, 1e5, 5, &tk), 0);
	assert_string_equal(labels(&tk), "0|20000|40000|60000|80000|100000");
	assert_int_equal(plot_ticks_linear(-3e-9, -1e-9, 2, &tk), 0);
	assert_string_equal(labels(&tk), "-3e-9|-2e-9|-1e-9");
	/* Extreme magnitudes stay inside the label buffer. */
	assert_int_equal(plot_ticks_linear(-1e300, 1e300, 4, &tk), 0);
	assert_true(tk.n >= 2 && tk.n <= 10);
	assert_string_equal(tk.t[0].label, "-1e300");
	assert_int_equal(plot_ticks_linear(1e-310, 3e-310, 2, &tk), 0);
	assert_true(tk.n >= 2);
}

static void test_linear_equal_ends_and_bad(void **state)
{
	plot_ticks tk;
	assert_int_equal(plot_ticks_linear(5, 5, 4, &tk), 0);
	assert_true(tk.n >= 2);
	assert_true(tk.t[0].value <= 5 && tk.t[tk.n - 1].value >= 5);
	assert_int_equal(plot_ticks_linear(0, 0, 4, &tk), 0);
	assert_string_equal(labels(&tk), "-1.0|-0.5|0.0|0.5|1.0");
	assert_int_equal(plot_ticks_linear(NAN, 1, 4, &tk), -1);
	assert_int_equal(plot_ticks_linear(0, INFINITY, 4, &tk), -1);
	assert_int_equal(plot_ticks_linear(0, 1, 0, &tk), -1);
}

static void test_log_ticks(void **state)
{
	plot_ticks tk;
	assert_int_equal(plot_ticks_log(1e-6, 1e2, 10, &tk), 0);
	assert_true(tk.log);
	assert_string_equal(labels(&tk), "1e-6|1e-5|1e-4|1e-3|1e-2|1e-1|1e0|1e1|1e2");
	int minor = 0;
	for (int i = 0; i < tk.n; i++)
		minor += !tk.t[i].major;
	assert_int_equal(minor, 8 * 8); /* 2..9 in each of the 8 decades */
	assert_true(fabs(tk.t[1].value - 2e-6) < 1e-20);
	assert_int_equal(tk.t[0].exp, -6);
	/* Many decades: every k-th labelled, the others minor. */
	assert_int_equal(plot_ticks_log(0.005, 200, 6, &tk), 0);
	assert_string_equal(labels(&tk), "0.01|0.1|1|10|100");
	assert_int_equal(plot_ticks_log(1e-30, 1, 6, &tk), 0);
	assert_string_equal(labels(&tk), "1e-30|1e-25|1e-20|1e-15|1e-10|1e-5|1e0");
	assert_true(tk.step == 5);
	/* Under a decade: nice linear values. */
	assert_int_equal(plot_ticks_log(2, 7, 5, &tk), 0);
	assert_string_equal(labels(&tk), "2|3|4|5|6|7");
	/* Increasing order throughout. */
	assert_int_equal(plot_ticks_log(3e-3, 4e4, 8, &tk), 0);
	for (int i = 1; i < tk.n; i++)
		assert_true(tk.t[i].value > tk.t[i - 1].value);
	assert_int_equal(plot_ticks_log(0, 1, 5, &tk), -1);
	assert_int_equal(plot_ticks_log(-1, 1, 5, &tk), -1);
	assert_int_equal(plot_ticks_log(NAN, 1, 5, &tk), -1);
	assert_int_equal(plot_ticks_log(1e-300, 1e300, 5, &tk), 0);
	assert_true(tk.n <= PLOT_MAX_TICKS);
	assert_int_equal(plot_ticks_log(10, 10, 5, &tk), 0);
	assert_true(tk.n >= 1);
}

static void test_format(void **state)
{
	char b[32];
	assert_string_equal(plot_format(1e-6, b, sizeof b), "1e-6");
	assert_string_equal(plot_format(0.001, b, sizeof b), "0.001");
	assert_string_equal(plot_format(0.1 + 0.2, b, sizeof b), "0.3");
	assert_string_equal(plot_format(-0.0, b, sizeof b), "0");
	assert_string_equal(plot_format(123456, b, sizeof b), "1.235e5");
	assert_string_equal(plot_format(250, b, sizeof b), "250");
}

static void test_scale(void **state)
{
	plot_scale s;
	assert_int_equal(plot_scale_init(&s, -2, 2, 0, 400, false), 0);
	assert_true(fabs(plot_scale_fwd(&s, 0) - 200) < 1e-12);
	assert_true(fabs(plot_scale_inv(&s, 300) - 1) < 1e-12);
	/* y up: pixels decrease as data increases */
	assert_int_equal(plot_scale_init(&s, 1e-8, 1, 300, 0, true), 0);
	assert_true(fabs(plot_scale_fwd(&s, 1e-4) - 150) < 1e-9);
	assert_true(fabs(plot_scale_inv(&s, 75) - 1e-2) < 1e-12);
	assert_true(isnan(plot_scale_fwd(&s, 0)));
	assert_int_equal(plot_scale_init(&s, 0, 1, 0, 1, true), -1);
	assert_int_equal(plot_scale_init(&s, 1, 1, 0, 1, false), -1);
	assert_int_equal(plot_scale_init(&s, NAN, 1, 0, 1, false), -1);
}

static void test_clip(void **state)
{
	double x0 = -5, y0 = 5, x1 = 15, y1 = 5;
	assert_true(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
	assert_true(x0 == 0 && x1 == 10 && y0 == 5 && y1 == 5);
	x0 = -1, y0 = -1, x1 = 11, y1 = 11;
	assert_true(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
	assert_true(fabs(x0) < 1e-12 && fabs(y0) < 1e-12 && fabs(x1 - 10) < 1e-12);
	x0 = -1, y0 = 20, x1 = 11, y1 = 20; /* above */
	assert_false(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
	x0 = 12, y0 = 0, x1 = 0, y1 = 12; /* corner miss: x + y = 12 > 10 + 0 only partly */
	assert_true(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
	assert_true(fabs(x0 + y0 - 12) < 1e-12 && fabs(x0 - 10) < 1e-12 && fabs(x1 - 2) < 1e-12);
	x0 = 30, y0 = 0, x1 = 0, y1 = 30; /* misses the corner */
	assert_false(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
	x0 = 3, y0 = 3, x1 = 4, y1 = NAN;
	assert_false(plot_clip_segment(&x0, &y0, &x1, &y1, 0, 0, 10, 10));
}

static void test_decimate(void **state)
{
	enum { N = 100000 };
	double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
	size_t *keep = malloc(N * sizeof *keep);
	for (int i = 0; i < N; i++)
		x[i] = i, y[i] = sin(i * 0.001) + (i % 1000 == 0 ? 5 : 0);
	y[54321] = -7; /* a lone spike must survive */
	y[77777] = NAN;
	plot_scale sx;
	assert_int_equal(plot_scale_init(&sx, 0, N - 1, 0, 400, false), 0);
	size_t k = plot_decimate(x, y, N, &sx, keep);
	assert_true(k <= 4 * 402 + 2);
	assert_true(k > 400);
	bool spike = false, nan = false, up = false;
	for (size_t i = 0; i < k; i++) {
		if (i)
			assert_true(keep[i] > keep[i - 1]);
		spike |= keep[i] == 54321;
		nan |= keep[i] == 77777;
		up |= keep[i] == 5000;
	}
	assert_true(spike && nan && up);
	assert_int_equal(keep[0], 0);
	assert_int_equal(keep[k - 1], N - 1);
	/* Per column, the kept min and max equal the true ones. */
	for (int c = 0; c < 400; c += 37) {
		double tmin = INFINITY, kmin = INFINITY;
		for (int i = 0; i < N; i++)
			if (floor(plot_scale_fwd(&sx, i)) == c && isfinite(y[i]) && y[i] < tmin)
				tmin = y[i];
		for (size_t i = 0; i < k; i++)
			if (floor(plot_scale_fwd(&sx, x[keep[i]])) == c && y[keep[i]] < kmin)
				kmin = y[keep[i]];
		assert_true(tmin == kmin);
	}
	free(x);
	free(y);
	free(keep);
}

static double width_chars(void *ctx, const char *s)
{
	return *(double *)ctx * strlen(s);
}

static void test_legend(void **state)
{
	const char *lab[] = {"gd", "heavy ball", "nesterov"};
	double cw = 7;
	plot_legend_style st = {.line_h = 20, .swatch_w = 30, .gap = 6, .pad = 8};
	plot_legend lg;
	assert_int_equal(plot_legend_layout(&lg, 3, lab, width_chars, &cw, &st), 3);
	assert_int_equal(lg.columns, 1);
	assert_true(fabs(lg.w - (8 + 30 + 6 + 70 + 8)) < 1e-9);
	assert_true(fabs(lg.h - (16 + 60)) < 1e-9);
	assert_true(fabs(lg.text_y[2] - (8 + 40 + 10)) < 1e-9);
	st.max_h = 60; /* two rows fit: two columns */
	assert_int_equal(plot_legend_layout(&lg, 3, lab, width_chars, &cw, &st), 3);
	assert_int_equal(lg.columns, 2);
	assert_true(lg.swatch[2].x > lg.text_x[1]);
	assert_true(fabs(lg.swatch[2].y - 8) < 1e-9);
	/* Corner choice avoids the points. */
	plot_rect area = {0, 0, 100, 100};
	double px[] = {95, 90, 5, 8}, py[] = {5, 10, 5, 95};
	size_t count[4] = {0};
	plot_corner_count(&area, 20, 20, px, py, 4, count);
	assert_int_equal(count[0], 2);
	assert_int_equal(count[1], 1);
	assert_int_equal(count[2], 1);
	assert_int_equal(count[3], 0);
	assert_int_equal(plot_corner_best(count), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear_basic),
		cmocka_unit_test(test_linear_no_float_noise),
		cmocka_unit_test(test_linear_tiny_huge_negative),
		cmocka_unit_test(test_linear_equal_ends_and_bad),
		cmocka_unit_test(test_log_ticks),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_decimate),
		cmocka_unit_test(test_legend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
