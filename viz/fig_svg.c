/* fig_svg: an SVG page's text collected while drawing and written as <text>. */
#include "fig_svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct fig_svg_item {
	char *text, *sup; /* valid UTF-8 (sup NULL: none) */
	double x, y;      /* the anchor on the baseline, page units */
	double rot;       /* degrees, clockwise on the page */
	double size, sup_size, sup_gap, sup_rise, ha;
	double rgba[4];
	char family[64];
	bool bold, italic;
} fig_svg_item;

struct fig_svg_text {
	fig_svg_item *it;
	size_t n, cap;
	bool oom;
};

static const cairo_user_data_key_t fig_svg_key;

fig_svg_text *fig_svg_text_new(void)
{
	return calloc(1, sizeof(fig_svg_text));
}

void fig_svg_text_free(fig_svg_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->it[i].text);
		free(t->it[i].sup);
	}
	free(t->it);
	free(t);
}

void fig_svg_text_attach(cairo_surface_t *surf, fig_svg_text *t)
{
	cairo_surface_set_user_data(surf, &fig_svg_key, t, NULL);
}

size_t fig_utf8_len(const unsigned char *p, size_t n)
{
	size_t k = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
		 : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (k == 0 || k > n || (k == 2 && p[0] < 0xc2))
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	uint32_t c = k == 1 ? p[0] : k == 2 ? p[0] & 0x1f : k == 3 ? p[0] & 0x0f : p[0] & 0x07;
	for (size_t i = 1; i < k; i++)
		c = c << 6 | (p[i] & 0x3f);
	if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0; /* overlong, beyond Unicode, or a surrogate */
	return k;
}

/* S made fit for XML text: escaped, control characters dropped, bytes that
 * are not UTF-8 replaced by U+FFFD. NULL when out of memory. */
static char *fig_xml_text(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(6 * n + 1); /* "&quot;" is the longest for one byte */
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = fig_utf8_len(p + i, n - i);
		const char *rep = NULL;
		if (k == 0) {
			rep = "\xef\xbf\xbd", k = 1;
		} else if (k == 1) {
			switch (p[i]) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			default:
				if (p[i] < 0x20)
					rep = ""; /* not allowed in XML 1.0 */
			}
		}
		if (rep) {
			size_t r = strlen(rep);
			memcpy(out + o, rep, r);
			o += r;
		} else {
			memcpy(out + o, p + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = 0;
	return out;
}

bool fig_svg_text_add(cairo_t *cr, const char *s, double size, double x, double base, double ha,
		      const char *sup, double sup_size, double sup_gap, double sup_rise)
{
	fig_svg_text *t = cairo_surface_get_user_data(cairo_get_target(cr), &fig_svg_key);
	if (!t)
		return false;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		fig_svg_item *it = realloc(t->it, cap * sizeof *it);
		if (!it) {
			t->oom = true;
			return true;
		}
		t->it = it, t->cap = cap;
	}
	fig_svg_item *it = &t->it[t->n];
	memset(it, 0, sizeof *it);
	it->text = fig_xml_text(s);
	it->sup = sup && *sup ? fig_xml_text(sup) : NULL;
	if (!it->text || (sup && *sup && !it->sup)) {
		free(it->text);
		free(it->sup);
		t->oom = true;
		return true;
	}
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	double k = sqrt(fabs(m.xx * m.yy - m.xy * m.yx)); /* the user unit on the page */
	it->x = x, it->y = base;
	cairo_user_to_device(cr, &it->x, &it->y);
	it->rot = atan2(m.yx, m.xx) * 180 / 3.14159265358979323846;
	it->size = size * k, it->sup_size = sup_size * k;
	it->sup_gap = sup_gap * k, it->sup_rise = sup_rise * k;
	it->ha = ha;
	it->rgba[3] = 1;
	cairo_pattern_t *src = cairo_get_source(cr);
	if (cairo_pattern_get_type(src) == CAIRO_PATTERN_TYPE_SOLID)
		cairo_pattern_get_rgba(src, &it->rgba[0], &it->rgba[1], &it->rgba[2], &it->rgba[3]);
	cairo_font_face_t *face = cairo_get_font_face(cr);
	const char *fam = "sans-serif";
	if (cairo_font_face_get_type(face) == CAIRO_FONT_TYPE_TOY) {
		fam = cairo_toy_font_face_get_family(face);
		it->bold = cairo_toy_font_face_get_weight(face) == CAIRO_FONT_WEIGHT_BOLD;
		it->italic = cairo_toy_font_face_get_slant(face) != CAIRO_FONT_SLANT_NORMAL;
	}
	char *fx = fig_xml_text(fam);
	snprintf(it->family, sizeof it->family, "%s", fx ? fx : "sans-serif");
	free(fx);
	t->n++;
	return true;
}

/* A number as SVG wants it: two decimals at most, no trailing zeros, no "-0". */
static void fig_svg_num(FILE *out, double v)
{
	char b[64];
	if (!isfinite(v))
		v = 0;
	snprintf(b, sizeof b, "%.2f", v);
	char *e = b + strlen(b);
	while (e[-1] == '0')
		*--e = 0;
	if (e[-1] == '.')
		*--e = 0;
	fputs(strcmp(b, "-0") == 0 ? "0" : b, out);
}

static int fig_channel(double c)
{
	return (int)lround(fmin(fmax(c, 0), 1) * 255);
}

static void fig_svg_item_write(FILE *out, const fig_svg_item *it)
{
	static const char *anchor[3] = {"start", "middle", "end"};
	int a = it->ha < 0.25 ? 0 : it->ha < 0.75 ? 1 : 2;
	fputs("<text x=\"", out);
	fig_svg_num(out, it->x);
	fputs("\" y=\"", out);
	fig_svg_num(out, it->y);
	fprintf(out, "\" font-family=\"%s\" font-size=\"", it->family);
	fig_svg_num(out, it->size);
	fputs("\"", out);
	if (it->bold)
		fputs(" font-weight=\"bold\"", out);
	if (it->italic)
		fputs(" font-style=\"italic\"", out);
	if (a)
		fprintf(out, " text-anchor=\"%s\"", anchor[a]);
	fprintf(out, " fill=\"#%02x%02x%02x\"", fig_channel(it->rgba[0]), fig_channel(it->rgba[1]),
		fig_channel(it->rgba[2]));
	if (it->rgba[3] < 1) {
		fputs(" fill-opacity=\"", out);
		fig_svg_num(out, it->rgba[3]);
		fputs("\"", out);
	}
	if (fabs(it->rot) > 0.01) {
		fputs(" transform=\"rotate(", out);
		fig_svg_num(out, it->rot);
		fputs(" ", out);
		fig_svg_num(out, it->x);
		fputs(" ", out);
		fig_svg_num(out, it->y);
		fputs(")\"", out);
	}
	fprintf(out, ">%s", it->text);
	if (it->sup) {
		fputs("<tspan dx=\"", out);
		fig_svg_num(out, it->sup_gap);
		fputs("\" dy=\"", out);
		fig_svg_num(out, -it->sup_rise);
		fputs("\" font-size=\"", out);
		fig_svg_num(out, it->sup_size);
		fprintf(out, "\">%s</tspan>", it->sup);
	}
	fputs("</text>\n", out);
}

int fig_svg_text_splice(FILE *out, const char *svg, size_t n, const fig_svg_text *t)
{
	static const char end[] = "</svg>";
	size_t k = sizeof end - 1, at = n;
	while (at >= k && memcmp(svg + at - k, end, k) != 0)
		at--;
	if (at < k || !t || t->oom)
		return -1;
	at -= k;
	fwrite(svg, 1, at, out);
	if (t->n) {
		fputs("<g id=\"text\" xml:space=\"preserve\">\n", out);
		for (size_t i = 0; i < t->n; i++)
			fig_svg_item_write(out, &t->it[i]);
		fputs("</g>\n", out);
	}
	fwrite(svg + at, 1, n - at, out);
	return ferror(out) ? -1 : 0;
}
