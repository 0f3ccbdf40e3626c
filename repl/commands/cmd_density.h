/* cmd_density: the `density(EXPR)` form of `problem`. */
#ifndef OPTLAB_CMD_DENSITY_H
#define OPTLAB_CMD_DENSITY_H

/* When the text at src + start is `density(...)`: 1 and *out a copy of src with the
 * wrapper blanked (the caller frees it). 0 when it is not; -1 (no closing parenthesis)
 * or -2 (text after it) with *errcol the offset of the fault; -3 without memory. */
int cmd_density_unwrap(const char *src, int start, char **out, int *errcol);

#endif
