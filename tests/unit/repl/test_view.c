/* test_view: the live view's logic without a terminal: keys, viewport math,
 * speeds, layouts from 80 x 24 to 250 x 70, the command line editor, the
 * colour mode, the true-colour output of changed cells, and the state over a
 * real session (stepping, picking, coordinates, a drawn frame). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "view.h"
/* after the solver headers: curses.h declares a function named trace */
#define trace curses_trace_unused
#include <curses.h>
#undef trace

static void test_keys(void **st)
{
	(void)st;
	static const struct {
		int key;
		view_action a;
	} cases[] = {
		{' ', VIEW_STEP},        {'r', VIEW_RUN},          {'+', VIEW_FASTER},
		{'=', VIEW_FASTER},      {'-', VIEW_SLOWER},       {KEY_LEFT, VIEW_PAN_LEFT},
		{KEY_RIGHT, VIEW_PAN_RIGHT}, {KEY_UP, VIEW_PAN_UP}, {KEY_DOWN, VIEW_PAN_DOWN},
		{'z', VIEW_ZOOM_IN},     {'Z', VIEW_ZOOM_OUT},     {'0', VIEW_RESET},
		{'\t', VIEW_PICK_NEXT},  {KEY_BTAB, VIEW_PICK_PREV}, {'l', VIEW_LOG}, {'x', VIEW_XAXIS},
		{':', VIEW_COMMAND},     {'q', VIEW_QUIT},         {KEY_RESIZE, VIEW_REDRAW},
		{12, VIEW_REDRAW},       {'w', VIEW_NONE},         {'1', VIEW_NONE},
		{'e', VIEW_EXPLAIN},     {'E', VIEW_EXPLAIN},      {'h', VIEW_HEAT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(view_key_action(cases[i].key), cases[i].a);
	assert_string_equal(view_action_name(VIEW_ZOOM_IN), "zoom in");
	assert_string_equal(view_action_name(VIEW_QUIT), "quit");
	assert_string_equal(view_action_name(VIEW_EXPLAIN), "explain");
	assert_string_equal(view_action_name(VIEW_XAXIS), "x axis");
	assert_string_equal(view_action_name(VIEW_HEAT), "heatmap");
	assert_int_equal(view_key_action(KEY_PPAGE), VIEW_MSG_UP);
	assert_int_equal(view_key_action(KEY_NPAGE), VIEW_MSG_DOWN);
	assert_string_equal(view_action_name(VIEW_MSG_DOWN), "message down");
}

/* The message pane's rows: the text's lines, long ones cut at a space that fits
 * (else within a word), UTF-8 counted in cells. */
static void test_msg_wrap(void **st)
{
	(void)st;
	view_msg_row r[16];
	const char *t = "a: step 3\n  f: 1 -> 2\n\nstep size 0.1";
	assert_int_equal(view_msg_wrap(t, 40, r, 16), 4);
	assert_int_equal(r[1].off, 10);
	assert_int_equal(r[1].len, 11);
	assert_int_equal(r[2].len, 0);
	assert_memory_equal(t + r[3].off, "step size 0.1", 13);
	t = "the quick brown fox jumps";
	assert_int_equal(view_msg_wrap(t, 10, r, 16), 3);
	assert_int_equal(r[0].len, 9); /* "the quick" */
	assert_int_equal(r[1].off, 10);
	assert_int_equal(r[1].len, 9); /* "brown fox", the space after it dropped */
	assert_memory_equal(t + r[2].off, "jumps", 5);
	assert_int_equal(view_msg_wrap("abcdefghij", 4, r, 16), 3); /* no space: cut */
	assert_int_equal(r[2].len, 2);
	assert_int_equal(view_msg_wrap("\xe2\x86\x90\xe2\x86\x90\xe2\x86\x90", 2, r, 16), 2);
	assert_int_equal(r[0].len, 6); /* two arrows of three bytes */
	assert_int_equal(view_msg_wrap("x\ny\nz", 40, r, 1), 3); /* counts beyond cap */
	assert_int_equal(view_msg_cap(24), 4);
	assert_int_equal(view_msg_cap(60), 12);
	assert_int_equal(view_msg_cap(12), 2);
}

/* `e`'s arrows: gd's move is the gradient step itself, x0 - t g with g = (2(x - 1), 8y);
 * the heavy ball's second move adds momentum beta (x1 - x0) beyond it. */
static void test_explain_points(void **st)
{
	(void)st;
	sess s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	sess_init(&s, f, f, 0);
	assert_int_equal(sess_run_text(&s, "problem q = (x - 1)^2 + 4*y^2\n"
	                                  "run a = gd(step = 0.1) on q from (0, 1)\n"
	                                  "run b = heavyball(step = 0.1, momentum = 0.5) on q from (0, 1)\n"
	                                  "step 2", "t"), 0);
	double px[3], py[3];
	const run *a = ws_get_kind(&s.ws, "a", WS_RUN)->u.run.r;
	assert_int_equal(view_explain_points(a, 0, 1, px, py), 0);
	/* x1 = (0.2, 0.2): g = (-1.6, 1.6), x2 = (0.36, 0.04) */
	assert_true(fabs(px[0] - 0.2) < 1e-15 && fabs(py[0] - 0.2) < 1e-15);
	assert_true(fabs(px[1] - 0.36) < 1e-15 && fabs(py[1] - 0.04) < 1e-15);
	assert_true(fabs(px[2] - px[1]) < 1e-15 && fabs(py[2] - py[1]) < 1e-15);
	const run *b = ws_get_kind(&s.ws, "b", WS_RUN)->u.run.r;
	assert_int_equal(view_explain_points(b, 0, 1, px, py), 0);
	/* the rest is the momentum 0.5 (x1 - x0) = (0.1, -0.4) */
	assert_true(fabs(px[2] - px[1] - 0.1) < 1e-12 && fabs(py[2] - py[1] + 0.4) < 1e-12);
	sess_free(&s);
	fclose(f);
	free(buf);
}

static void test_zoom_pan(void **st)
{
	(void)st;
	double v[4] = {-2, 2, -1, 3};
	view_zoom(v, 0.5);
	assert_true(v[0] == -1 && v[1] == 1 && v[2] == 0 && v[3] == 2);
	view_zoom(v, 2);
	assert_true(v[0] == -2 && v[1] == 2 && v[2] == -1 && v[3] == 3);
	view_pan(v, 0.25, -0.5);
	assert_true(v[0] == -1 && v[1] == 3 && v[2] == -3 && v[3] == 1);
	/* zooming in stops before the span stops resolving */
	double w[4] = {1e6, 1e6 + 1, 0, 1};
	for (int i = 0; i < 200; i++)
		view_zoom(w, 0.5);
	assert_true(w[1] > w[0] && w[3] > w[2]);
	assert_true(w[1] - w[0] > 1e-7);
	for (int i = 0; i < 2000; i++)
		view_zoom(w, 2);
	assert_true(isfinite(w[0]) && isfinite(w[1]) && w[1] > w[0]);
}

static void test_speeds(void **st)
{
	(void)st;
	for (int l = 1; l < VIEW_SPEEDS; l++)
		assert_true(view_speed_rate(l) > view_speed_rate(l - 1));
	assert_true(view_speed_rate(-5) == view_speed_rate(0));
	assert_true(view_speed_rate(99) == view_speed_rate(VIEW_SPEEDS - 1));
}

static bool inside(canvas_rect r, int w, int h)
{
	return r.x >= 0 && r.y >= 0 && r.w > 0 && r.h > 0 && r.x + r.w <= w && r.y + r.h <= h;
}

static bool apart(canvas_rect a, canvas_rect b)
{
	return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
}

static void test_layout(void **st)
{
	(void)st;
	static const int sizes[][3] = {{80, 24, 3},  {80, 24, 12}, {120, 40, 4}, {200, 60, 8},
	                               {250, 70, 8}, {60, 50, 2},  {40, 12, 1}, {100, 30, 0}};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		int w = sizes[i][0], h = sizes[i][1], n = sizes[i][2];
		view_layout lo;
		view_layout_compute(w, h, n, 1 + (int)i % 6, &lo);
		assert_false(lo.too_small);
		assert_true(lo.msg.h >= 1 && lo.msg.h <= view_msg_cap(h));
		canvas_rect parts[] = {lo.title, lo.field, lo.conv, lo.status, lo.msg, lo.help};
		for (int a = 0; a < 6; a++) {
			assert_true(inside(parts[a], w, h));
			for (int b = 0; b < a; b++)
				assert_true(apart(parts[a], parts[b]));
		}
		assert_true(lo.status_rows >= 1 && lo.status_rows <= (n > 1 ? n : 1));
		assert_int_equal(lo.status.h, lo.status_rows);
		/* the picture gets the larger panel, and room for axes */
		assert_true(lo.field.w * lo.field.h >= lo.conv.w * lo.conv.h);
		assert_true(lo.field.h >= 4 && lo.conv.h >= 3);
	}
	view_layout lo;
	view_layout_compute(200, 60, 8, 1, &lo);
	assert_int_equal(lo.status_rows, 8);
	assert_true(lo.field.y == lo.conv.y); /* side by side on a wide terminal */
	view_layout_compute(60, 50, 2, 1, &lo);
	assert_true(lo.conv.y > lo.field.y); /* stacked on a tall narrow one */
	view_layout_compute(39, 24, 1, 1, &lo);
	assert_true(lo.too_small);
	view_layout_compute(80, 11, 1, 1, &lo);
	assert_true(lo.too_small);
}

static void type(view_line *ln, const char *s)
{
	while (*s)
		assert_int_equal(view_line_key(ln, (unsigned char)*s++), VIEW_LINE_EDIT);
}

static void test_line_editor(void **st)
{
	(void)st;
	view_line ln;
	memset(&ln, 0, sizeof ln);
	view_line_open(&ln);
	type(&ln, "step 10");
	assert_string_equal(ln.buf, "step 10");
	view_line_key(&ln, KEY_LEFT);
	view_line_key(&ln, KEY_LEFT);
	view_line_key(&ln, KEY_BACKSPACE);
	type(&ln, "a ");
	assert_string_equal(ln.buf, "stepa 10");
	view_line_key(&ln, KEY_HOME);
	view_line_key(&ln, KEY_DC);
	assert_string_equal(ln.buf, "tepa 10");
	view_line_key(&ln, KEY_END);
	view_line_key(&ln, 23); /* Ctrl-W: the last word */
	assert_string_equal(ln.buf, "tepa ");
	view_line_key(&ln, 21); /* Ctrl-U: up to the cursor */
	assert_string_equal(ln.buf, "");
	type(&ln, "list");
	assert_int_equal(view_line_key(&ln, '\n'), VIEW_LINE_DONE);
	assert_false(ln.active);
	view_line_open(&ln);
	type(&ln, "step");
	assert_int_equal(view_line_key(&ln, '\r'), VIEW_LINE_DONE);
	view_line_open(&ln);
	type(&ln, "draft");
	view_line_key(&ln, KEY_UP);
	assert_string_equal(ln.buf, "step");
	view_line_key(&ln, KEY_UP);
	assert_string_equal(ln.buf, "list");
	view_line_key(&ln, KEY_UP); /* the oldest stays */
	assert_string_equal(ln.buf, "list");
	view_line_key(&ln, KEY_DOWN);
	view_line_key(&ln, KEY_DOWN);
	assert_string_equal(ln.buf, "");
	assert_int_equal(view_line_key(&ln, 27), VIEW_LINE_CANCEL);
	assert_int_equal(ln.nhist, 2);
	/* Backspace on an empty line leaves it; control bytes are not typed */
	view_line_open(&ln);
	view_line_key(&ln, 1);
	view_line_key(&ln, 200);
	assert_int_equal(ln.len, 0);
	assert_int_equal(view_line_key(&ln, KEY_BACKSPACE), VIEW_LINE_CANCEL);
	/* a full line takes no more */
	view_line_open(&ln);
	for (int i = 0; i < VIEW_LINE_MAX + 10; i++)
		view_line_key(&ln, 'x');
	assert_int_equal(ln.len, VIEW_LINE_MAX - 1);
	assert_int_equal((int)strlen(ln.buf), VIEW_LINE_MAX - 1);
}

static void test_pick_mode(void **st)
{
	(void)st;
	assert_int_equal(view_pick_mode(NULL, NULL, 256, true), CANVAS_256);
	assert_int_equal(view_pick_mode(NULL, "truecolor", 256, true), CANVAS_TRUECOLOR);
	assert_int_equal(view_pick_mode(NULL, "24bit", 8, true), CANVAS_TRUECOLOR);
	assert_int_equal(view_pick_mode("1", "truecolor", 256, true), CANVAS_ASCII);
	assert_int_equal(view_pick_mode("", NULL, 256, true), CANVAS_256); /* empty: not set */
	assert_int_equal(view_pick_mode(NULL, NULL, 8, true), CANVAS_ASCII);
	assert_int_equal(view_pick_mode(NULL, "truecolor", 256, false), CANVAS_ASCII);
}

static void test_serialize(void **st)
{
	(void)st;
	canvas *a = canvas_new(10, 3, CANVAS_TRUECOLOR), *b = canvas_new(10, 3, CANVAS_TRUECOLOR);
	char *buf = NULL;
	size_t cap = 0;
	/* a whole first frame: a cursor move per row */
	size_t n = view_serialize(NULL, a, &buf, &cap);
	assert_true(n >= 30 && strstr(buf, "\x1b[1;1H") && strstr(buf, "\x1b[3;1H"));
	/* nothing changed, nothing written */
	assert_int_equal(view_serialize(a, b, &buf, &cap), 0);
	/* two cells of one colour: one move, one SGR, then back to the default */
	const cmap_rgb red = {200, 10, 20};
	canvas_put(b, 4, 1, 'x', &red, NULL, 0);
	canvas_put(b, 5, 1, 'y', &red, NULL, 0);
	n = view_serialize(a, b, &buf, &cap);
	assert_string_equal(buf, "\x1b[2;5H\x1b[0;38;2;200;10;20mxy\x1b[0m");
	assert_int_equal(n, strlen(buf));
	/* then bold and a background on a braille cell: only what changes is set */
	canvas_put(b, 9, 2, 0x2801, &red, &red, CANVAS_BOLD);
	view_serialize(a, b, &buf, &cap);
	assert_non_null(strstr(buf, "xy\x1b[3;10H\x1b[1;48;2;200;10;20m\xe2\xa0\x81\x1b[0m"));
	free(buf);
	canvas_free(a);
	canvas_free(b);
}

/* ------------------------------------------------ over a real session */

static sess *session(const char *script)
{
	sess *s = malloc(sizeof *s);
	FILE *devnull = fopen("/dev/null", "w");
	sess_init(s, devnull, devnull, 0);
	assert_int_equal(sess_run_text(s, script, "test"), 0);
	return s;
}

static void session_free(sess *s)
{
	fclose(s->out);
	sess_free(s);
	free(s);
}

static long iter_of(view_state *vs, int i)
{
	return run_iter(vs->runs[i].r);
}

static void test_state(void **st)
{
	(void)st;
	sess *s = session("problem q(x, y) = (x - 1)^2 + 4*(y + 0.5)^2\n"
	                  "problem r = rosenbrock\n"
	                  "run a = gd(step = 0.05) on q from (-1, 1)\n"
	                  "run b = gd(step = 0.1) on q from (2, 1)\n"
	                  "run c = bfgs on r from (-1.2, 1)\n");
	view_state vs;
	assert_int_equal(view_state_init(&vs, s), 0);
	char err[256];
	assert_int_equal(view_sync(&vs, err, sizeof err), 0);
	assert_int_equal(vs.nruns, 3);
	assert_string_equal(vs.pname, "q");
	assert_true(vs.vp_valid);
	double v0[4];
	memcpy(v0, vs.vp, sizeof v0);
	/* space steps every run once */
	assert_true(view_apply(&vs, VIEW_STEP));
	for (int i = 0; i < 3; i++)
		assert_int_equal(iter_of(&vs, i), 1);
	assert_int_equal(view_step_runs(&vs, 5, 0), 15);
	assert_int_equal(iter_of(&vs, 2), 6);
	/* zoom, pan, reset */
	view_apply(&vs, VIEW_ZOOM_IN);
	view_apply(&vs, VIEW_PAN_LEFT);
	assert_true(vs.vp[1] - vs.vp[0] < v0[1] - v0[0]);
	view_apply(&vs, VIEW_RESET);
	view_sync(&vs, err, sizeof err);
	assert_true(memcmp(vs.vp, v0, sizeof v0) == 0);
	/* Tab to the run on another problem: the picture follows it */
	view_apply(&vs, VIEW_PICK_NEXT);
	view_apply(&vs, VIEW_PICK_NEXT);
	view_sync(&vs, err, sizeof err);
	assert_int_equal(vs.pick, 2);
	assert_string_equal(vs.pname, "r");
	assert_true(vs.log_color); /* Rosenbrock's valley: log colour by default */
	view_apply(&vs, VIEW_PICK_NEXT);
	assert_int_equal(vs.pick, 0);
	view_apply(&vs, VIEW_PICK_PREV);
	assert_int_equal(vs.pick, 2);
	view_apply(&vs, VIEW_LOG);
	assert_false(vs.log_color);
	/* speed stays within its levels */
	for (int i = 0; i < 40; i++)
		view_apply(&vs, VIEW_FASTER);
	assert_int_equal(vs.speed, VIEW_SPEEDS - 1);
	/* a frame names the runs and shows their iterations */
	canvas *c = canvas_new(100, 30, CANVAS_ASCII);
	assert_int_equal(view_draw(&vs, c, err, sizeof err), 0);
	char *text = canvas_to_text(c, CANVAS_OUT_PLAIN);
	assert_non_null(strstr(text, "r = rosenbrock"));
	assert_non_null(strstr(text, "gd(step = 0.05)"));
	assert_non_null(strstr(text, "iter       6"));
	assert_non_null(strstr(text, "linear colour"));
	free(text);
	canvas_free(c);
	view_state_free(&vs);
	session_free(s);
}

static void test_coords(void **st)
{
	(void)st;
	sess *s = session("problem p(x[5]) = sum(i = 1, 5, i*x[i]^2)\nrun a = gd(step = 0.05) on p\n");
	view_state vs;
	view_state_init(&vs, s);
	char err[256];
	assert_int_equal(view_sync(&vs, err, sizeof err), 0);
	assert_int_equal(vs.cx, 0);
	assert_int_equal(vs.cy, 1);
	assert_int_equal(view_set_coords(&vs, "x[3]", "5", err, sizeof err), 0);
	assert_int_equal(vs.cx, 2);
	assert_int_equal(vs.cy, 4);
	assert_int_equal(view_set_coords(&vs, "x[9]", "x[1]", err, sizeof err), -1);
	assert_non_null(strstr(err, "no coordinate 'x[9]'; its coordinates are x[1], x[2], x[3], x[4], x[5] (or 1 .. 5)"));
	assert_int_equal(view_set_coords(&vs, "2", "x[2]", err, sizeof err), -1);
	assert_non_null(strstr(err, "two different"));
	/* the slice follows the run: its title says so */
	canvas *c = canvas_new(90, 26, CANVAS_ASCII);
	assert_int_equal(view_draw(&vs, c, err, sizeof err), 0);
	char *text = canvas_to_text(c, CANVAS_OUT_PLAIN);
	assert_non_null(strstr(text, "x[3] across, x[5] up, through a's iterate"));
	free(text);
	canvas_free(c);
	view_state_free(&vs);
	session_free(s);
}

static void test_nothing_to_view(void **st)
{
	(void)st;
	sess *s = session("let k = 2\n");
	view_state vs;
	view_state_init(&vs, s);
	char err[256];
	assert_int_equal(view_sync(&vs, err, sizeof err), -1);
	assert_non_null(strstr(err, "nothing to view"));
	canvas *c = canvas_new(80, 24, CANVAS_ASCII);
	assert_int_equal(view_draw(&vs, c, err, sizeof err), -1);
	assert_int_equal(view_apply(&vs, VIEW_STEP), true); /* no runs: a message, no crash */
	canvas_free(c);
	view_state_free(&vs);
	session_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),        cmocka_unit_test(test_explain_points),
		cmocka_unit_test(test_msg_wrap),
		cmocka_unit_test(test_zoom_pan),
		cmocka_unit_test(test_speeds),      cmocka_unit_test(test_layout),
		cmocka_unit_test(test_line_editor), cmocka_unit_test(test_pick_mode),
		cmocka_unit_test(test_serialize),   cmocka_unit_test(test_state),
		cmocka_unit_test(test_coords),      cmocka_unit_test(test_nothing_to_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
