/* param: named numeric parameters with ranges, whole numbers and choices. */
#include "param.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int param_find(const param_def *defs, int n, const char *name)
{
	if (!defs || !name)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(defs[i].name, name) == 0)
			return i;
	return -1;
}

void param_defaults(const param_def *defs, int n, double *values)
{
	for (int i = 0; i < n; i++)
		values[i] = defs[i].def;
}

static int choice_count(const param_def *def)
{
	int k = 0;
	while (def->choices[k])
		k++;
	return k;
}

int param_check(const param_def *def, double v, char *err, size_t cap)
{
	if (!isfinite(v)) {
		snprintf(err, cap, "%s must be a finite number", def->name);
		return -1;
	}
	if (def->choices) {
		int k = choice_count(def);
		if (v != floor(v) || v < 0 || v >= k) {
			size_t len = (size_t)snprintf(err, cap, "%s must be one of", def->name);
			for (int i = 0; i < k && len < cap; i++)
				len += (size_t)snprintf(err + len, cap - len, "%s %s", i ? "," : "",
				                        def->choices[i]);
			return -1;
		}
		return 0;
	}
	if (def->integer && v != floor(v)) {
		snprintf(err, cap, "%s must be a whole number, not %g", def->name, v);
		return -1;
	}
	if (v < def->lo || v > def->hi) {
		snprintf(err, cap, "%s = %g is out of range [%g, %g]", def->name, v, def->lo,
		         def->hi);
		return -1;
	}
	return 0;
}

int param_choice(const param_def *def, const char *name)
{
	if (!def->choices || !name)
		return -1;
	for (int i = 0; def->choices[i]; i++)
		if (strcmp(def->choices[i], name) == 0)
			return i;
	return -1;
}

void param_format(const param_def *def, double v, char *buf, size_t cap)
{
	if (def->choices && v == floor(v) && v >= 0 && v < choice_count(def))
		snprintf(buf, cap, "%s", def->choices[(int)v]);
	else
		snprintf(buf, cap, "%.15g", v);
}
