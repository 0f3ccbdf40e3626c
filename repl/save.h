/* save: a script that rebuilds the workspace, runs stepped to the same
 * point (the same seed gives the same trace), settings that differ from the
 * defaults. Used by `save` and for the Source text stored in figures. */
#ifndef OPTLAB_SAVE_H
#define OPTLAB_SAVE_H

#include <stdio.h>

#include "sess.h"

/* The largest script `load` reads: a save never writes more. */
#define SAVE_MAX_BYTES (16L << 20)

/* Writes the script to f; 0, or -1 on a write error. */
int save_script(sess *s, FILE *f);

#endif
