/* cmd_data: leastsq, logreg, softmax and lasso on a CSV file: every column but the
 * label is a feature, the label the last column unless `label = K` (1-based) says
 * otherwise; a header row names the coordinates (csv_name_coords). */
#include "cmd_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "parse.h"

int cmd_data_accepts(const char *name)
{
	return !strcmp(name, "leastsq") || !strcmp(name, "logreg") || !strcmp(name, "softmax") ||
	       !strcmp(name, "lasso");
}

static const char *const yesno[] = {"no", "yes", NULL};

/* A column of ones after the others (an intercept among the features), named
 * "intercept" under a header. 0, or -1 without memory (t unchanged). */
static int add_ones(csv *t)
{
	if (t->cols >= CSV_MAX_COLS)
		return -1;
	int c = t->cols + 1;
	double *v = malloc((size_t)t->rows * (size_t)c * sizeof *v);
	char **names = t->names ? realloc(t->names, (size_t)c * sizeof *names) : NULL;
	if (!v || (t->names && !names)) {
		free(v);
		return -1;
	}
	if (names) {
		t->names = names;
		if (!(names[c - 1] = strdup("intercept"))) {
			free(v);
			return -1;
		}
	}
	for (long i = 0; i < t->rows; i++) {
		memcpy(v + i * c, t->v + i * t->cols, (size_t)t->cols * sizeof *v);
		v[i * c + c - 1] = 1;
	}
	free(t->v);
	t->v = v;
	t->cols = c;
	return 0;
}

prob *cmd_data_problem(sess *s, lex *l, const problib_entry *e)
{
	int col = l->tok.col;
	param_def defs[3] = {
	    {"lambda", 0.01, 0, 1e6, "the weight of the regularization", NULL, 0},
	    {"label", 0, 0, CSV_MAX_COLS, "the label's column, 1-based (0: the last)", NULL, 1},
	    {"intercept", 0, 0, 1,
	     "yes: a feature of ones, the last coordinate (the model's intercept)", yesno, 0},
	};
	int li = param_find(e->params, e->nparams, "lambda");
	if (li >= 0)
		defs[0] = e->params[li];
	lex_next(l); /* csv */
	if (parse_punct(s, l, "=") != 0)
		return NULL;
	if (s->sandbox) {
		sess_fail(s, col, "files are off in this session");
		return NULL;
	}
	char *path = NULL;
	int pcol = l->tok.col;
	if (parse_string(s, l, "a CSV file", &path) != 0)
		return NULL;
	double v[3];
	param_defaults(defs, 3, v);
	int rc;
	if (lex_is(l, ",")) {
		lex_next(l);
		rc = parse_params(s, l, e->name, defs, 3, v);
	} else
		rc = parse_punct(s, l, ")");
	if (rc != 0 || parse_end(s, l) != 0) {
		free(path);
		return NULL;
	}
	char err[400];
	csv *t = csv_read(path, err, sizeof err);
	ds *data = NULL;
	int lc = 0;
	if (t && v[1] > t->cols) {
		snprintf(err, sizeof err, "%s: no column %g for the label (it has %d)", path, v[1],
		         t->cols);
		csv_free(t);
		t = NULL;
	}
	if (t) {
		lc = v[1] > 0 ? (int)v[1] - 1 : t->cols - 1;
		if (v[2] && add_ones(t) != 0) {
			csv_free(t);
			free(path);
			sess_fail(s, col, "out of memory");
			return NULL;
		}
		enum ds_kind kind = !strcmp(e->name, "logreg")    ? DS_LOGISTIC
		                    : !strcmp(e->name, "softmax") ? DS_SOFTMAX
		                                                  : DS_LINEAR;
		data = csv_dataset(t, kind, lc, path, err, sizeof err);
	}
	if (!data) {
		sess_fail(s, pcol, "%s", err);
		csv_free(t);
		free(path);
		return NULL;
	}
	char desc[300], label[80], classes[40] = "";
	if (t->names)
		snprintf(label, sizeof label, "'%.60s'", t->names[lc]);
	else
		snprintf(label, sizeof label, "column %d", lc + 1);
	if (data->kind == DS_SOFTMAX)
		snprintf(classes, sizeof classes, ", %d classes", data->k);
	snprintf(desc, sizeof desc, "%s on %ld rows x %d features of %s (label %s%s%s), lambda = %g",
	         !strcmp(e->name, "leastsq")   ? "least squares"
	         : !strcmp(e->name, "logreg")  ? "logistic loss"
	         : !strcmp(e->name, "softmax") ? "softmax loss"
	                                       : "lasso",
	         t->rows, t->cols - 1, path, label, classes, v[2] ? ", an intercept" : "", v[0]);
	free(path);
	prob *p = problib_on_data(e->name, data, v[0], desc, err, sizeof err);
	if (!p)
		sess_fail(s, col, "%s", err);
	else if (csv_name_coords(p, t, lc) != 0) {
		prob_free(p);
		p = NULL;
		sess_fail(s, col, "out of memory");
	}
	csv_free(t); /* after the names, taken from its header */
	return p;
}
