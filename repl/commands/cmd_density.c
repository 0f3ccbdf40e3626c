/* cmd_density: `problem NAME = density(EXPR)`, a target density exp(-EXPR) to sample.
 * The wrapper is blanked out of a copy of the line, so that the expression and its
 * composite terms are read by the usual path with their columns unchanged. */
#include "cmd_density.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int cmd_density_unwrap(const char *src, int start, char **out, int *errcol)
{
	const char *p = src + start;
	*out = NULL;
	if (strncmp(p, "density", 7) != 0)
		return 0;
	const char *q = p + 7;
	while (*q == ' ' || *q == '\t')
		q++;
	if (*q != '(')
		return 0;
	int depth = 0;
	const char *close = NULL;
	for (const char *t = q; *t && !close; t++) {
		if (*t == '"') { /* a string: skip it */
			while (*++t && *t != '"')
				;
			if (!*t)
				break;
		} else if (*t == '(') {
			depth++;
		} else if (*t == ')' && --depth == 0) {
			close = t;
		}
	}
	if (!close) {
		*errcol = (int)(q - src);
		return -1;
	}
	for (const char *t = close + 1; *t; t++)
		if (!isspace((unsigned char)*t) && *t != '#') {
			*errcol = (int)(t - src);
			return -2;
		} else if (*t == '#') {
			break;
		}
	char *c = strdup(src);
	if (!c)
		return -3;
	memset(c + (p - src), ' ', (size_t)(q - p) + 1); /* `density(` */
	c[close - src] = ' ';
	*out = c;
	return 1;
}
