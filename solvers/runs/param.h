/* param: tables of named numeric parameters, shared by methods and by the
 * library's problems. Help, completion and range checks all read them. */
#ifndef OPTLAB_PARAM_H
#define OPTLAB_PARAM_H

#include <stddef.h>

#define PARAM_MAX 24 /* parameters in one table */

typedef struct param_def {
	const char *name;
	double def;                  /* default */
	double lo, hi;               /* inclusive range */
	const char *help;            /* one line */
	const char *const *choices;  /* NULL-terminated names, or NULL: then a number.
	                                With choices, the value is the index. */
	int integer;                 /* the value must be a whole number */
} param_def;

/* Index of the parameter called name in defs[0..n), or -1. */
int param_find(const param_def *defs, int n, const char *name);
/* Fills values[0..n) with the defaults. */
void param_defaults(const param_def *defs, int n, double *values);
/* Checks v against def (range, whole number). 0, or -1 with a message. */
int param_check(const param_def *def, double v, char *err, size_t cap);
/* The index of choice name for def, or -1. */
int param_choice(const param_def *def, const char *name);
/* Formats value v of def for people: a choice's name, or %g. */
void param_format(const param_def *def, double v, char *buf, size_t cap);

#endif
