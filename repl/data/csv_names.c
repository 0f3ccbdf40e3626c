/* csv_names: coordinate names from a header row, kept only where they are safe to show
 * and to type (`view age income`): identifiers, unique, never a default name in use. */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII by hand: <ctype.h> follows the locale, and a name must not. */
static int letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int usable(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CSV_NAME_MAX || !letter(s[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!letter(s[i]) && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return 1;
}

/* The coordinate whose default name s is ("x7": 6), or -1. */
static long default_of(const char *s, long n)
{
	if (s[0] != 'x' || s[1] < '1' || s[1] > '9' || strlen(s) > 12)
		return -1;
	char *end;
	long k = strtol(s + 1, &end, 10);
	return !*end && k <= n ? k - 1 : -1;
}

typedef struct cell_at {
	const char *s;
	int j;
} cell_at;

static int cmp_cells(const void *a, const void *b)
{
	return strcmp(((const cell_at *)a)->s, ((const cell_at *)b)->s);
}

/* The feature cells, NULL where unusable or the same as another feature's. */
static const char **feature_cells(const csv *t, int label, int d)
{
	const char **cell = malloc((size_t)d * sizeof *cell);
	cell_at *order = malloc((size_t)d * sizeof *order);
	if (!cell || !order) {
		free(cell);
		free(order);
		return NULL;
	}
	int m = 0;
	for (int j = 0, q = 0; j < t->cols; j++) {
		if (j == label)
			continue;
		cell[q] = usable(t->names[j]) ? t->names[j] : NULL;
		if (cell[q])
			order[m++] = (cell_at){cell[q], q};
		q++;
	}
	qsort(order, (size_t)m, sizeof *order, cmp_cells); /* duplicates side by side */
	for (int a = 0, b; a < m; a = b) {
		for (b = a + 1; b < m && !strcmp(order[a].s, order[b].s); b++)
			;
		for (int c = a; b - a > 1 && c < b; c++)
			cell[order[c].j] = NULL;
	}
	free(order);
	return cell;
}

static void free_names(char **names, long n)
{
	for (long i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* Drops every kept name that is the default name of a coordinate without one (header
 * "x2, #": the second feature is x2 by default, so the first cannot be): a worklist over
 * the coordinates that take their default. 0, or -1 without memory. */
static int clear_clashes(char **names, long n)
{
	long *owner = malloc((size_t)n * sizeof *owner), *todo = malloc((size_t)n * sizeof *todo);
	if (!owner || !todo) {
		free(owner);
		free(todo);
		return -1;
	}
	long ntodo = 0;
	for (long i = 0; i < n; i++)
		owner[i] = -1;
	for (long i = 0; i < n; i++) {
		long q = names[i] ? default_of(names[i], n) : -1;
		if (q >= 0 && q != i)
			owner[q] = i; /* names are unique: one owner at most */
		if (!names[i])
			todo[ntodo++] = i;
	}
	while (ntodo > 0) {
		long i = owner[todo[--ntodo]];
		if (i >= 0 && names[i]) {
			free(names[i]);
			names[i] = NULL;
			todo[ntodo++] = i;
		}
	}
	free(owner);
	free(todo);
	return 0;
}

int csv_name_coords(prob *p, const csv *t, int label)
{
	if (!t->names)
		return 0;
	int d = t->cols - 1, k = p->n / d;
	long n = p->n;
	const char **cell = feature_cells(t, label, d);
	char **names = cell ? calloc((size_t)n, sizeof *names) : NULL;
	int rc = -1;
	if (!names)
		goto out;
	for (long i = 0; i < n; i++) {
		const char *c = cell[i % d];
		if (!c)
			continue;
		char buf[CSV_NAME_MAX + 8];
		if (k > 1)
			snprintf(buf, sizeof buf, "%s_%ld", c, i / d); /* softmax: feature, class */
		if (!(names[i] = strdup(k > 1 ? buf : c)))
			goto out;
	}
	if (clear_clashes(names, n) == 0)
		rc = prob_set_coord_names(p, (const char *const *)names);
out:
	free_names(names, n);
	free(cell);
	return rc;
}
