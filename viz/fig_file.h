/* fig_file: the figures' error messages. Not a public interface. */
#ifndef OPTLAB_FIG_FILE_H
#define OPTLAB_FIG_FILE_H

#include <stddef.h>

/* Writes a message into ERR (if not NULL); returns -1. */
int fig_err(char *err, size_t errlen, const char *fmt, ...);

#endif
