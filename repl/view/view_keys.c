/* view_keys: what keys do, viewport math, speeds and the frame's layout: the
 * view's pure logic, tested without a terminal. */
/* curses.h declares a function trace(), a name the solver core gives a type */
#define trace curses_trace_unused
#include <curses.h>
#undef trace
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view.h"

#define CTRL(c) ((c) & 0x1f)

/* ORDER view_action */
static const char *const action_names[VIEW_ACTION_COUNT] = {
	"none", "step", "run", "faster", "slower", "pan left", "pan right", "pan up", "pan down",
	"zoom in", "zoom out", "reset", "pick next", "pick previous", "log colour", "x axis", "heatmap",
	"explain",
	"command", "message up", "message down", "redraw", "quit",
};

const char *view_action_name(view_action a)
{
	return (unsigned)a < VIEW_ACTION_COUNT ? action_names[a] : "?";
}

view_action view_key_action(int key)
{
	switch (key) {
	case ' ': return VIEW_STEP;
	case 'r': case 'R': return VIEW_RUN;
	case '+': case '=': return VIEW_FASTER;
	case '-': case '_': return VIEW_SLOWER;
	case KEY_LEFT: return VIEW_PAN_LEFT;
	case KEY_RIGHT: return VIEW_PAN_RIGHT;
	case KEY_UP: return VIEW_PAN_UP;
	case KEY_DOWN: return VIEW_PAN_DOWN;
	case 'z': return VIEW_ZOOM_IN;
	case 'Z': return VIEW_ZOOM_OUT;
	case '0': return VIEW_RESET;
	case '\t': return VIEW_PICK_NEXT;
	case KEY_BTAB: return VIEW_PICK_PREV;
	case 'l': case 'L': return VIEW_LOG;
	case 'x': case 'X': return VIEW_XAXIS;
	case 'h': case 'H': return VIEW_HEAT;
	case 'e': case 'E': return VIEW_EXPLAIN;
	case ':': return VIEW_COMMAND;
	case KEY_PPAGE: return VIEW_MSG_UP;
	case KEY_NPAGE: return VIEW_MSG_DOWN;
	case CTRL('l'): case KEY_RESIZE: return VIEW_REDRAW;
	case 'q': case 'Q': return VIEW_QUIT;
	default: return VIEW_NONE;
	}
}

void view_zoom(double v[4], double factor)
{
	double cx = (v[0] + v[1]) / 2, cy = (v[2] + v[3]) / 2;
	double hx = (v[1] - v[0]) / 2 * factor, hy = (v[3] - v[2]) / 2 * factor;
	/* a span under ~1e-12 of the centre stops resolving: zoom no further in */
	double tiny = 1e-12 * fmax(1, fmax(fabs(cx), fabs(cy)));
	if (factor < 1 && (hx < tiny || hy < tiny))
		return;
	if (factor > 1 && (hx > 1e150 || hy > 1e150))
		return;
	v[0] = cx - hx, v[1] = cx + hx;
	v[2] = cy - hy, v[3] = cy + hy;
}

void view_pan(double v[4], double fx, double fy)
{
	double dx = (v[1] - v[0]) * fx, dy = (v[3] - v[2]) * fy;
	v[0] += dx, v[1] += dx;
	v[2] += dy, v[3] += dy;
}

double view_speed_rate(int level)
{
	static const double rates[VIEW_SPEEDS] = {1,   2,    5,    10,   20,   50,    100,
	                                          200, 500, 1000, 2000, 5000, 10000, 100000};
	level = level < 0 ? 0 : level >= VIEW_SPEEDS ? VIEW_SPEEDS - 1 : level;
	return rates[level];
}

int view_msg_cap(int h)
{
	return h >= 40 ? h / 5 : h >= 20 ? 4 : 2;
}

/* A title row, the two panels, a status line per run (up to a fifth of the
 * height), the message pane and the help row. Panels sit side by side, the
 * picture taking three fifths, unless the terminal is narrow: then stacked. */
void view_layout_compute(int w, int h, int nruns, int msg_rows, view_layout *lo)
{
	*lo = (view_layout){0};
	lo->too_small = w < VIEW_MIN_W || h < VIEW_MIN_H;
	if (lo->too_small)
		return;
	int rows = nruns < 1 ? 1 : nruns;
	int cap = (h - 3) / 5 > 1 ? (h - 3) / 5 : 1;
	lo->status_rows = rows < cap ? rows : cap;
	lo->title = (canvas_rect){0, 0, w, 1};
	lo->help = (canvas_rect){0, h - 1, w, 1};
	int cap_msg = view_msg_cap(h);
	msg_rows = msg_rows < 1 ? 1 : msg_rows > cap_msg ? cap_msg : msg_rows;
	lo->msg = (canvas_rect){0, h - 1 - msg_rows, w, msg_rows};
	lo->status = (canvas_rect){0, lo->msg.y - lo->status_rows, w, lo->status_rows};
	int py = 2, ph = lo->status.y - 1 - py; /* a blank row under the title and above */
	if (w >= 2 * h + 10 || w >= 100) {
		int fw = (w * 3 + 2) / 5;
		lo->field = (canvas_rect){1, py, fw - 1, ph};
		lo->conv = (canvas_rect){fw + 2, py, w - fw - 3, ph};
	} else {
		int fh = (ph * 3 + 2) / 5;
		lo->field = (canvas_rect){1, py, w - 2, fh};
		lo->conv = (canvas_rect){1, py + fh + 1, w - 2, ph - fh - 1};
	}
}

/* ------------------------------------------------------- the command line */

void view_line_open(view_line *ln)
{
	ln->active = true;
	ln->len = ln->pos = 0;
	ln->buf[0] = '\0';
	ln->hpos = ln->nhist;
}

static void line_set(view_line *ln, const char *text)
{
	snprintf(ln->buf, sizeof ln->buf, "%s", text);
	ln->len = ln->pos = (int)strlen(ln->buf);
}

static void line_delete(view_line *ln, int from, int to)
{
	memmove(ln->buf + from, ln->buf + to, (size_t)(ln->len - to + 1));
	ln->len -= to - from;
	ln->pos = from;
}

static void line_remember(view_line *ln)
{
	if (ln->len == 0)
		return;
	if (ln->nhist > 0 && strcmp(ln->hist[ln->nhist - 1], ln->buf) == 0)
		return;
	if (ln->nhist == VIEW_HISTORY) {
		memmove(ln->hist[0], ln->hist[1], sizeof ln->hist[0] * (VIEW_HISTORY - 1));
		ln->nhist--;
	}
	memcpy(ln->hist[ln->nhist++], ln->buf, sizeof ln->buf);
}

view_line_result view_line_key(view_line *ln, int key)
{
	switch (key) {
	case '\n': case '\r': case KEY_ENTER:
		ln->active = false;
		line_remember(ln);
		return VIEW_LINE_DONE;
	case 27: case CTRL('c'): case CTRL('g'):
		ln->active = false;
		return VIEW_LINE_CANCEL;
	case KEY_BACKSPACE: case 127: case CTRL('h'):
		if (ln->pos > 0)
			line_delete(ln, ln->pos - 1, ln->pos);
		else if (ln->len == 0) { /* backspace on an empty line leaves it, as in vi */
			ln->active = false;
			return VIEW_LINE_CANCEL;
		}
		break;
	case KEY_DC: case CTRL('d'):
		if (ln->pos < ln->len)
			line_delete(ln, ln->pos, ln->pos + 1);
		break;
	case KEY_LEFT: case CTRL('b'):
		ln->pos -= ln->pos > 0;
		break;
	case KEY_RIGHT: case CTRL('f'):
		ln->pos += ln->pos < ln->len;
		break;
	case KEY_HOME: case CTRL('a'):
		ln->pos = 0;
		break;
	case KEY_END: case CTRL('e'):
		ln->pos = ln->len;
		break;
	case CTRL('u'):
		line_delete(ln, 0, ln->pos);
		break;
	case CTRL('w'): {
		int p = ln->pos;
		while (p > 0 && ln->buf[p - 1] == ' ')
			p--;
		while (p > 0 && ln->buf[p - 1] != ' ')
			p--;
		line_delete(ln, p, ln->pos);
		break;
	}
	case KEY_UP:
		if (ln->hpos > 0)
			line_set(ln, ln->hist[--ln->hpos]);
		break;
	case KEY_DOWN:
		if (ln->hpos < ln->nhist)
			ln->hpos++;
		line_set(ln, ln->hpos < ln->nhist ? ln->hist[ln->hpos] : "");
		break;
	default:
		if (key >= 32 && key < 127 && ln->len + 1 < VIEW_LINE_MAX) {
			memmove(ln->buf + ln->pos + 1, ln->buf + ln->pos, (size_t)(ln->len - ln->pos + 1));
			ln->buf[ln->pos++] = (char)key;
			ln->len++;
		}
		break;
	}
	return VIEW_LINE_EDIT;
}

canvas_mode view_pick_mode(const char *no_color, const char *colorterm, int colors, bool utf8)
{
	if ((no_color && *no_color) || !utf8)
		return CANVAS_ASCII;
	if (colorterm && (strcmp(colorterm, "truecolor") == 0 || strcmp(colorterm, "24bit") == 0))
		return CANVAS_TRUECOLOR;
	return colors >= 256 ? CANVAS_256 : CANVAS_ASCII;
}

/* The bytes of the UTF-8 sequence that starts with byte C. */
static int utf8_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

int view_msg_wrap(const char *text, int w, view_msg_row *rows, int cap)
{
	int n = 0, len = (int)strlen(text);
	w = w < 1 ? 1 : w;
	for (int i = 0; i <= len;) {
		int end = i, cells = 0, brk = -1; /* brk: the last space that fits */
		while (end < len && text[end] != '\n' && cells < w) {
			if (text[end] == ' ')
				brk = end;
			end += utf8_len((unsigned char)text[end]);
			cells++;
		}
		if (end > len)
			end = len;
		int next = end;
		if (end < len && text[end] == ' ') /* the line is cut at a space already */
			next = end + 1;
		else if (end < len && text[end] != '\n' && brk > i) /* cut at the space */
			end = brk, next = brk + 1;
		else if (end < len && text[end] == '\n')
			next = end + 1;
		if (n < cap)
			rows[n] = (view_msg_row){i, end - i};
		n++;
		if (next >= len)
			break;
		i = next;
	}
	return n;
}
