/* Commands of the live view: view (full screen) and render (one frame as text). */
#include <stdlib.h>
#include <string.h>

#include "cmd_all.h"
#include "parse.h"
#include "view.h"

#define RENDER_MAX 1000 /* cells in either direction */

/* A coordinate: a name as the problem spells it ("y", "x[3]") or a number.
 * It ends at the next space, so brackets stay part of it. */
static int parse_coord(sess *s, lex *l, char *buf, int cap, int *col)
{
	if (l->tok.kind != LEX_WORD && l->tok.kind != LEX_NUMBER)
		return sess_fail(s, l->tok.col, "expected a coordinate (a variable's name or number)");
	int from = l->tok.col, to = from;
	while (l->src[to] && l->src[to] != ' ' && l->src[to] != '\t')
		to++;
	if (to - from >= cap)
		return sess_fail(s, from, "a coordinate longer than %d characters", cap - 1);
	memcpy(buf, l->src + from, (size_t)(to - from));
	buf[to - from] = '\0';
	*col = from;
	lex_seek(l, to);
	return 0;
}

/* Two coordinates, checked against the problem the view shows. */
static int parse_coords(sess *s, lex *l, view_state *vs)
{
	char a[64], b[64], err[256];
	int ca, cb;
	if (parse_coord(s, l, a, sizeof a, &ca) != 0 || parse_coord(s, l, b, sizeof b, &cb) != 0)
		return -1;
	if (view_sync(vs, err, sizeof err) != 0)
		return sess_fail(s, 0, "%s", err);
	if (view_set_coords(vs, a, b, err, sizeof err) != 0)
		return sess_fail(s, strstr(err, b) && !strstr(err, a) ? cb : ca, "%s", err);
	return 0;
}

int cmd_view(sess *s, lex *l)
{
	view_state vs;
	if (view_state_init(&vs, s) != 0)
		return sess_fail(s, 0, "out of memory");
	vs.progressive = true;
	char err[256];
	int rc = 0;
	if (l->tok.kind != LEX_END)
		rc = parse_coords(s, l, &vs);
	if (rc == 0)
		rc = parse_end(s, l);
	if (rc == 0 && view_active())
		rc = sess_fail(s, 0, "already in the view");
	if (rc == 0 && !s->interactive)
		rc = sess_fail(s, 0, "the view needs a terminal; `render WxH` prints a frame as text");
	if (rc == 0 && view_sync(&vs, err, sizeof err) != 0)
		rc = sess_fail(s, 0, "%s", err);
	if (rc == 0)
		rc = view_run(&vs, false);
	view_state_free(&vs);
	return rc;
}

/* WxH, as "120x40" (a number, then a word x40 right after it). */
static int parse_size(sess *s, lex *l, int *w, int *h)
{
	int col = l->tok.col;
	const char *p = l->src + col;
	char *end;
	long a = strtol(p, &end, 10), b = -1;
	if (end > p && *end == 'x')
		b = strtol(end + 1, &end, 10);
	if (b < 0 || (*end && *end != ' ' && *end != '\t'))
		return sess_fail(s, col, "expected a size WIDTHxHEIGHT in cells, such as 100x30");
	if (a < VIEW_MIN_W || a > RENDER_MAX || b < VIEW_MIN_H || b > RENDER_MAX)
		return sess_fail(s, col, "a frame is %d .. %d cells wide and %d .. %d high (the render size limit)",
		                VIEW_MIN_W,
		                 RENDER_MAX, VIEW_MIN_H, RENDER_MAX);
	*w = (int)a, *h = (int)b;
	lex_seek(l, (int)(end - l->src));
	return 0;
}

int cmd_render(sess *s, lex *l)
{
	int w = 0, h = 0;
	if (parse_size(s, l, &w, &h) != 0)
		return -1;
	canvas_mode mode = CANVAS_ASCII;
	canvas_output out = CANVAS_OUT_PLAIN;
	view_state vs;
	if (view_state_init(&vs, s) != 0)
		return sess_fail(s, 0, "out of memory");
	int rc = 0;
	/* styles in any order, then optionally two coordinates */
	for (;; lex_next(l)) {
		if (lex_word(l, "ascii"))
			mode = CANVAS_ASCII, out = CANVAS_OUT_PLAIN;
		else if (lex_word(l, "text"))
			mode = CANVAS_TRUECOLOR, out = CANVAS_OUT_SHADED;
		else if (lex_word(l, "color") || lex_word(l, "colour"))
			mode = CANVAS_TRUECOLOR, out = CANVAS_OUT_ANSI;
		else if (l->tok.kind == LEX_NUMBER && l->tok.len == 3 && l->tok.num == 256)
			mode = CANVAS_256, out = CANVAS_OUT_ANSI;
		else if (lex_word(l, "log") || lex_word(l, "linear"))
			vs.log_color = lex_word(l, "log"), vs.log_given = true;
		else
			break;
	}
	if (rc == 0 && l->tok.kind != LEX_END)
		rc = parse_coords(s, l, &vs);
	if (rc == 0)
		rc = parse_end(s, l);
	canvas *c = rc == 0 ? canvas_new(w, h, mode) : NULL;
	if (rc == 0 && !c)
		rc = sess_fail(s, 0, "out of memory");
	char err[256];
	expr_set_interrupt(&s->interrupted); /* Ctrl-C stops the grid's evaluations */
	if (rc == 0 && view_draw(&vs, c, err, sizeof err) != 0)
		rc = sess_fail(s, 0, "%s", err);
	expr_set_interrupt(NULL);
	if (rc == 0 && s->interrupted) /* half a picture is no picture */
		rc = sess_fail(s, 0, "interrupted: the picture was not finished");
	char *text = rc == 0 ? canvas_to_text(c, out) : NULL;
	if (rc == 0 && !text)
		rc = sess_fail(s, 0, "out of memory");
	if (rc == 0)
		fputs(text, s->out);
	free(text);
	canvas_free(c);
	view_state_free(&vs);
	return rc;
}
