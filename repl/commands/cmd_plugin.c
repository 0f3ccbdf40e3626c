/* `plugin("FILE.so", n = N, name = "OBJ", PARAM = V, ...)`: a problem from a plugin
 * (plugin.h), and the report of a plugin's faults after each command. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_plugin.h"
#include "parse.h"
#include "plugin.h"

#define PLUG_MAX_ARGS 32

typedef struct plug_req {
	char *path, *objective;
	long n;
	plug_arg args[PLUG_MAX_ARGS];
	char names[PLUG_MAX_ARGS][WS_NAME_MAX];
	int nargs;
} plug_req;

/* , n = N | , name = "OBJ" | , PARAM = V ... ) */
static int parse_args(sess *s, lex *l, plug_req *q)
{
	while (lex_is(l, ",")) {
		lex_next(l);
		char word[WS_NAME_MAX];
		int col = l->tok.col;
		if (parse_name(s, l, "a parameter name", word, sizeof word) != 0 ||
		    parse_punct(s, l, "=") != 0)
			return -1;
		if (strcmp(word, "n") == 0) {
			if (parse_long(s, l, "n", 1, s->set.dimlimit, &q->n) != 0)
				return -1;
		} else if (strcmp(word, "name") == 0) {
			free(q->objective);
			q->objective = NULL;
			if (parse_string(s, l, "an objective's name", &q->objective) != 0)
				return -1;
		} else {
			if (q->nargs == PLUG_MAX_ARGS)
				return sess_fail(s, col, "more than %d plugin parameters", PLUG_MAX_ARGS);
			for (int k = 0; k < q->nargs; k++)
				if (strcmp(q->names[k], word) == 0)
					return sess_fail(s, col, "parameter '%s' is given twice", word);
			snprintf(q->names[q->nargs], WS_NAME_MAX, "%s", word);
			double v;
			if (parse_const(s, l, &v) != 0)
				return -1;
			q->args[q->nargs] = (plug_arg){q->names[q->nargs], v};
			q->nargs++;
		}
	}
	return parse_punct(s, l, ")");
}

prob *cmd_plugin_problem(sess *s, lex *l)
{
	int col = l->tok.col;
	lex_next(l); /* plugin */
	if (parse_punct(s, l, "(") != 0)
		return NULL;
	if (s->sandbox) {
		sess_fail(s, col, "plugins are off in this session");
		return NULL;
	}
	plug_req q = {.n = 2};
	prob *p = NULL;
	int pcol = l->tok.col;
	if (parse_string(s, l, "a plugin file", &q.path) == 0 && parse_args(s, l, &q) == 0 &&
	    parse_end(s, l) == 0) {
		char err[512];
		p = plug_load(q.path, q.objective, (int)q.n, q.args, q.nargs, err, sizeof err);
		if (!p)
			sess_fail(s, pcol, "%s", err);
	}
	free(q.path);
	free(q.objective);
	return p;
}

int cmd_plugin_faults(sess *s, int rc)
{
	char msg[400];
	if (!plug_take_fault(msg, sizeof msg))
		return rc;
	if (rc != 0) /* the command's own error came first */
		return rc;
	return sess_fail(s, 0, "%s", msg);
}
