/* cmap: colormap look-up and the run palette. */
#include "cmap.h"

#include <math.h>
#include <string.h>

extern const cmap_rgb *const cmap_tables[CMAP_COUNT]; /* cmap_data.c */

/* ORDER cmap */
static const char *const cmap_names[CMAP_COUNT] = {"viridis", "magma", "cividis"};

/* Okabe and Ito (2008), "Color Universal Design": ordered so that the first
 * runs get the colours that differ most, on white and on viridis alike. */
static const struct {
	cmap_rgb c;
	const char *name;
} cmap_okabe_ito[CMAP_PALETTE_SIZE] = {
	{{0x00, 0x72, 0xB2}, "blue"},
	{{0xD5, 0x5E, 0x00}, "vermillion"},
	{{0x00, 0x9E, 0x73}, "bluish green"},
	{{0xCC, 0x79, 0xA7}, "reddish purple"},
	{{0xE6, 0x9F, 0x00}, "orange"},
	{{0x56, 0xB4, 0xE9}, "sky blue"},
	{{0xF0, 0xE4, 0x42}, "yellow"},
	{{0x00, 0x00, 0x00}, "black"},
};

const cmap_rgb *cmap_table(cmap_id id)
{
	return (unsigned)id < CMAP_COUNT ? cmap_tables[id] : NULL;
}

const char *cmap_name(cmap_id id)
{
	return (unsigned)id < CMAP_COUNT ? cmap_names[id] : "?";
}

int cmap_from_name(const char *name)
{
	for (int i = 0; name && i < CMAP_COUNT; i++)
		if (strcmp(name, cmap_names[i]) == 0)
			return i;
	return -1;
}

static const cmap_rgb cmap_nan = {128, 128, 128};

cmap_rgb cmap_at(cmap_id id, double t)
{
	const cmap_rgb *tab = cmap_table(id);
	if (!tab || isnan(t))
		return cmap_nan;
	if (t <= 0)
		return tab[0];
	if (t >= 1)
		return tab[CMAP_SIZE - 1];
	return tab[(int)(t * (CMAP_SIZE - 1) + 0.5)];
}

cmap_rgb cmap_at_smooth(cmap_id id, double t)
{
	const cmap_rgb *tab = cmap_table(id);
	if (!tab || isnan(t))
		return cmap_nan;
	if (t <= 0)
		return tab[0];
	if (t >= 1)
		return tab[CMAP_SIZE - 1];
	double u = t * (CMAP_SIZE - 1);
	int i = (int)u;
	if (i >= CMAP_SIZE - 1)
		return tab[CMAP_SIZE - 1];
	return cmap_mix(tab[i], tab[i + 1], u - i);
}

cmap_rgb cmap_palette(int i)
{
	int k = i % CMAP_PALETTE_SIZE;
	return cmap_okabe_ito[k < 0 ? k + CMAP_PALETTE_SIZE : k].c;
}

const char *cmap_palette_name(int i)
{
	int k = i % CMAP_PALETTE_SIZE;
	return cmap_okabe_ito[k < 0 ? k + CMAP_PALETTE_SIZE : k].name;
}

static double cmap_linear(uint8_t v)
{
	double c = v / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double cmap_luminance(cmap_rgb c)
{
	return 0.2126 * cmap_linear(c.r) + 0.7152 * cmap_linear(c.g) + 0.0722 * cmap_linear(c.b);
}

cmap_rgb cmap_mix(cmap_rgb a, cmap_rgb b, double t)
{
	double s = 1 - t;
	cmap_rgb r = {(uint8_t)(s * a.r + t * b.r + 0.5), (uint8_t)(s * a.g + t * b.g + 0.5),
		      (uint8_t)(s * a.b + t * b.b + 0.5)};
	return r;
}
