/* cmap: perceptual colormaps and the colour-blind-safe palette for runs.
 *
 * The colormaps are 256-entry tables rounded to 8 bits from the published data
 * (matplotlib's _cm_listed.py: viridis and magma by van der Walt and Smith,
 * cividis by Nuñez, Anderton and Renslow). The run palette is Okabe and Ito's.
 *
 * Ownership: nothing here allocates; tables are static and read-only. */
#ifndef OPTLAB_CMAP_H
#define OPTLAB_CMAP_H

#include <stdint.h>

typedef struct cmap_rgb {
	uint8_t r, g, b;
} cmap_rgb;

/* ORDER cmap: the enum, cmap_names in cmap.c and the tables in cmap_data.c. */
typedef enum cmap_id {
	CMAP_VIRIDIS,
	CMAP_MAGMA,
	CMAP_CIVIDIS,
	CMAP_COUNT
} cmap_id;

#define CMAP_SIZE 256
#define CMAP_PALETTE_SIZE 8

/* The 256 entries of a colormap; NULL for an id out of range. */
const cmap_rgb *cmap_table(cmap_id id);
const char *cmap_name(cmap_id id);
/* The id named NAME ("viridis"), or -1. */
int cmap_from_name(const char *name);

/* Colour at T in [0, 1] (clamped; NaN gives mid-grey): nearest table entry. */
cmap_rgb cmap_at(cmap_id id, double t);
/* Colour at T, linearly interpolated between neighbouring entries. */
cmap_rgb cmap_at_smooth(cmap_id id, double t);

/* Run colour I (any integer; cycles through CMAP_PALETTE_SIZE colours). */
cmap_rgb cmap_palette(int i);
const char *cmap_palette_name(int i);

/* Relative luminance in [0, 1] (sRGB, Rec. 709 weights): picks dark or light ink. */
double cmap_luminance(cmap_rgb c);
/* (1 - t) * a + t * b per channel, rounded. */
cmap_rgb cmap_mix(cmap_rgb a, cmap_rgb b, double t);

#endif
