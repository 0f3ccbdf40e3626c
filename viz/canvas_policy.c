/* canvas_policy: a tabular policy in terminal cells (fig_policy.h's scene): a gridworld
 * as coloured cells with the most likely move's arrow, else pi(a|s) as a heat map with
 * its probabilities written in. */
#include <math.h>
#include <stdio.h>

#include "canvas.h"
#include "fig_policy.h"

static const cmap_rgb pol_grey = {200, 200, 200}, pol_wrong = {235, 70, 60};

/* Ink that reads on bg. */
static cmap_rgb pol_ink(cmap_rgb bg)
{
	return cmap_luminance(bg) < 0.45 ? (cmap_rgb){255, 255, 255} : (cmap_rgb){0, 0, 0};
}

static int pol_argmax(const double *p, int n)
{
	int b = 0;
	for (int i = 1; i < n; i++)
		b = p[i] > p[b] ? i : b;
	return b;
}

static void pol_fill(canvas *c, int x, int y, int w, cmap_rgb bg, bool color)
{
	for (int i = 0; i < w; i++)
		canvas_put(c, x + i, y, ' ', NULL, color ? &bg : NULL, color ? CANVAS_BG : 0);
}

static void canvas_policy_grid(canvas *c, canvas_rect r, const scene_policy *s, bool color)
{
	static const uint32_t arrows[4] = {0x2191, 0x2192, 0x2193, 0x2190}; /* up right down left */
	static const char ascii[4] = {'^', '>', 'v', '<'};
	int ch = (r.h - 1) / s->rows, cw = r.w / s->cols;
	ch = ch > cw / 2 ? cw / 2 : ch; /* cells about square: a character is twice as tall */
	cw = 2 * ch + 1 < cw ? 2 * ch + 1 : cw;
	if (ch < 1 || cw < 1) {
		canvas_text(c, r.x, r.y, "the grid needs a larger window", NULL, 0);
		return;
	}
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < s->S; i++)
		if (!s->absorbing[i])
			lo = fmin(lo, s->V[i]), hi = fmax(hi, s->V[i]);
	int x0 = r.x + (r.w - cw * s->cols) / 2, y0 = r.y + (r.h - 1 - ch * s->rows) / 2;
	for (int i = 0; i < s->S; i++) {
		int x = x0 + (i % s->cols) * cw, y = y0 + (i / s->cols) * ch;
		double t = hi > lo ? (s->V[i] - lo) / (hi - lo) : 0.5;
		cmap_rgb bg = s->absorbing[i] ? pol_grey : cmap_at(CMAP_VIRIDIS, 0.15 + 0.85 * t);
		for (int k = 0; k < ch; k++)
			pol_fill(c, x, y + k, cw - (cw > 2), bg, color);
		cmap_rgb ink = pol_ink(bg);
		int a = pol_argmax(s->pi + (size_t)i * 4, 4), mx = x + (cw - 1) / 2, my = y + (ch - 1) / 2;
		if (s->absorbing[i]) {
			canvas_put(c, mx, my, color ? ' ' : '#', &ink, color ? &bg : NULL,
			           CANVAS_FG | (color ? CANVAS_BG : 0));
			continue;
		}
		const cmap_rgb *fg = a == s->best[i] || !color ? &ink : &pol_wrong;
		canvas_put(c, mx, my, color ? arrows[a] : (uint32_t)ascii[a], fg, color ? &bg : NULL,
		           CANVAS_FG | CANVAS_BOLD | (color ? CANVAS_BG : 0));
	}
	char note[160];
	snprintf(note, sizeof note, "%s the likeliest move%s; colour V from %.3g to %.3g",
	         color ? "arrows:" : "^>v<:", color ? ", red where not optimal" : "", lo, hi);
	canvas_text(c, r.x + 1, r.y + r.h - 1, note, NULL, 0);
}

static void canvas_policy_heat(canvas *c, canvas_rect r, const scene_policy *s, bool color)
{
	int lab = 4, cw = (r.w - lab) / s->A;
	cw = cw > 6 ? 6 : cw;
	int rows = r.h - 2 < s->S ? r.h - 2 : s->S;
	if (cw < 2 || rows < 1) {
		canvas_text(c, r.x, r.y, "the policy needs a larger window", NULL, 0);
		return;
	}
	int x0 = r.x + lab + (r.w - lab - cw * s->A) / 2, y0 = r.y + 1;
	char b[16];
	for (int a = 0; a < s->A; a++) {
		snprintf(b, sizeof b, "a%d", a + 1);
		canvas_text(c, x0 + a * cw + (cw - 1) / 2, r.y, b, NULL, 0);
	}
	for (int i = 0; i < rows; i++) {
		snprintf(b, sizeof b, s->S == 1 ? "pi" : "s%d", i + 1);
		canvas_text(c, x0 - lab, y0 + i, b, NULL, 0);
		for (int a = 0; a < s->A; a++) {
			double p = s->pi[(size_t)i * s->A + a];
			cmap_rgb bg = cmap_at(CMAP_VIRIDIS, p), ink = pol_ink(bg);
			int x = x0 + a * cw;
			pol_fill(c, x, y0 + i, cw - 1, bg, color);
			if (cw >= 5)
				snprintf(b, sizeof b, "%.2f", p);
			else
				snprintf(b, sizeof b, "%d", (int)floor(9.999 * p));
			if (s->best[i] == a) /* the optimal action: marked in front */
				canvas_put(c, x, y0 + i, '*', &ink, color ? &bg : NULL,
				           CANVAS_FG | CANVAS_BOLD | (color ? CANVAS_BG : 0));
			for (int k = 0; b[k] && k + 1 < cw - 1 + (cw < 5); k++)
				canvas_put(c, x + 1 + k - (cw < 5), y0 + i, (uint32_t)b[k], &ink,
				           color ? &bg : NULL, CANVAS_FG | (color ? CANVAS_BG : 0));
		}
	}
	canvas_text(c, r.x + 1, r.y + r.h - 1,
	            s->S > rows ? "pi(a | s), * optimal (the first states)" : "pi(a | s), * optimal",
	            NULL, 0);
}

void canvas_draw_policy(canvas *c, canvas_rect r, const scene_policy *s)
{
	bool color = canvas_get_mode(c) != CANVAS_ASCII;
	if (fig_policy_mode(s) == 'g')
		canvas_policy_grid(c, r, s, color);
	else
		canvas_policy_heat(c, r, s, color);
}
