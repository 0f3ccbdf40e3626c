/* fmt: numbers and run status lines as the session prints them. */
#ifndef OPTLAB_FMT_H
#define OPTLAB_FMT_H

#include <stddef.h>

#include "sess.h"

/* v with `precision` significant digits (%g), "inf", "-inf", "nan". */
const char *fmt_num(char *buf, size_t cap, double v, int precision);
/* Prints "NAME: iter K, f = F, gnorm = G (NOTE)"; NOTE NULL: the status. */
void fmt_status(sess *s, const ws_item *it, const char *note);
/* Seconds since an arbitrary start, monotonic. */
double fmt_clock(void);

#endif
