/* csv_dataset: a table's columns as a dataset for prob_sum: the label column gives b,
 * the others the rows a_i. The labels are checked for the loss before any copy. */
#include "csv.h"

#include <math.h>
#include <stdio.h>

/* Logistic labels: 0 and 1, or -1 and 1. 0, or -1 with a message. */
static int check_logistic(const csv *t, int label, const char *source, char *err, size_t cap)
{
	int zero = 0, minus = 0;
	for (long i = 0; i < t->rows; i++) {
		double b = t->v[(size_t)i * t->cols + label];
		if (b != 0 && b != 1 && b != -1) {
			snprintf(err, cap,
			         "%s:%ld:%d: the label is %.17g; logistic labels are 0 and 1, or -1 "
			         "and 1",
			         source, csv_line(t, i), label + 1, b);
			return -1;
		}
		zero |= b == 0;
		minus |= b == -1;
	}
	if (zero && minus) {
		snprintf(err, cap, "%s: logistic labels mix 0 and -1 (use 0 and 1, or -1 and 1)",
		         source);
		return -1;
	}
	return 0;
}

/* Softmax labels: the classes 0 .. k-1. k (at least 2), or -1 with a message. */
static int softmax_classes(const csv *t, int label, const char *source, char *err,
                           size_t cap)
{
	int top = 0;
	for (long i = 0; i < t->rows; i++) {
		double b = t->v[(size_t)i * t->cols + label];
		if (!(b >= 0 && b < DS_MAX_K && b == floor(b))) {
			snprintf(err, cap,
			         "%s:%ld:%d: the label is %.17g; softmax labels are the classes 0, 1, "
			         "..., k-1 (k <= %d)",
			         source, csv_line(t, i), label + 1, b, DS_MAX_K);
			return -1;
		}
		if (b > top)
			top = (int)b;
	}
	if (top == 0) {
		snprintf(err, cap, "%s: every label is 0; softmax needs two classes (labels 0 and 1)",
		         source);
		return -1;
	}
	return top + 1;
}

ds *csv_dataset(const csv *t, enum ds_kind kind, int label, const char *source, char *err,
                size_t cap)
{
	if (t->cols < 2) {
		snprintf(err, cap, "%s: one column: no features beside the label", source);
		return NULL;
	}
	if (label < 0 || label >= t->cols) {
		snprintf(err, cap, "%s: no column %d for the label (it has %d)", source, label + 1,
		         t->cols);
		return NULL;
	}
	int d = t->cols - 1, k = 1;
	if (kind == DS_LOGISTIC && check_logistic(t, label, source, err, cap) != 0)
		return NULL;
	if (kind == DS_SOFTMAX && (k = softmax_classes(t, label, source, err, cap)) < 0)
		return NULL;
	ds *s = ds_new(kind, t->rows, d, k);
	if (!s) {
		snprintf(err, cap, "%s: out of memory", source);
		return NULL;
	}
	for (long i = 0; i < t->rows; i++) {
		const double *row = t->v + (size_t)i * t->cols;
		double *a = s->a + (size_t)i * d;
		for (int j = 0, q = 0; j < t->cols; j++)
			if (j != label)
				a[q++] = row[j];
		s->b[i] = kind == DS_LOGISTIC && row[label] == 0 ? -1 : row[label];
	}
	return s;
}
