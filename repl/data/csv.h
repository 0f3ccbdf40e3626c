/* csv: numeric tables from comma-separated text, for data sets (solvers/ does no I/O).
 *
 * Numbers only, one row a line (\n, \r\n or \r), cells separated by commas, semicolons
 * or tabs (a semicolon in the first row makes them semicolons, else a tab tabs, else
 * commas: decimal commas are not numbers); blank lines are
 * skipped; spaces around a cell are ignored. The first row is a header when none of
 * its cells is a number. Every row has as many cells as the first; a cell that is not
 * a finite number is an error that names the source, line and column (the cell's
 * 1-based index): "data.csv:12:3: not a number: 'abc'". Sizes are limited (rows,
 * columns, cells, bytes) with a message that names the limit.
 *
 * Ownership: csv_parse and csv_read return a table the caller frees with csv_free;
 * csv_dataset a dataset the caller frees with ds_free. */
#ifndef OPTLAB_CSV_H
#define OPTLAB_CSV_H

#include <stddef.h>

#include "dataset.h"
#include "prob.h"

#define CSV_MAX_ROWS 10000000L
#define CSV_MAX_COLS 10001      /* 10000 features and a label */
#define CSV_MAX_CELLS 50000000L /* 400 MB of doubles */
#define CSV_MAX_BYTES 1000000000L

typedef struct csv {
	long rows;    /* data rows (the header aside) */
	int cols;
	double *v;    /* rows x cols, row-major */
	char **names; /* cols header names, or NULL without a header */
	long *jumps;  /* (row, line) pairs where a row does not follow its predecessor's line
	                 (the first row, rows after blank lines), for csv_line */
	long njumps;
	char sep;     /* the separator found in the first row: ',', ';' or '\t' */
} csv;

/* The table in text[0, len); source names it in errors. NULL and a message on failure. */
csv *csv_parse(const char *text, size_t len, const char *source, char *err, size_t cap);
/* The table in the file at path. NULL and a message on failure. */
csv *csv_read(const char *path, char *err, size_t cap);
void csv_free(csv *t);
/* The 1-based line of the file that holds data row i (0-based). */
long csv_line(const csv *t, long i);

/* A dataset for prob_sum (csv_dataset.c): column label (0-based) gives b, the others
 * the rows a_i in their order. Logistic labels may be 0/1 or -1/1 (0 is stored as -1);
 * softmax labels are the integers 0 .. k-1, k = the largest + 1 (2 <= k <= DS_MAX_K). A
 * bad softmax label is an error at its place ("data.csv:12:3: ..."). source names the
 * table in errors. NULL and a message on failure. */
ds *csv_dataset(const csv *t, enum ds_kind kind, int label, const char *source, char *err,
                size_t cap);

/* Names p's coordinates after the header cells of the feature columns (csv_names.c):
 * coordinate j is feature j's cell, or with k = n / features > 1 (softmax) coordinate
 * c d + j is the cell followed by _c (c = 0 .. k-1). A cell that is empty, longer than
 * CSV_NAME_MAX, not an identifier ([A-Za-z_][A-Za-z0-9_]*) or the same as another
 * feature's keeps the default name x(c d + j + 1); so does one that would take the
 * default name of a coordinate that keeps it. Nothing without a header. 0, or -1
 * without memory. */
#define CSV_NAME_MAX 32
int csv_name_coords(prob *p, const csv *t, int label);

#endif
