/* complete: candidates for Tab from the command table, the workspace and the
 * catalogues. */
#include "complete.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_all.h"

typedef struct cand_list {
	char **v;
	int n, cap;
	const char *prefix;
	size_t plen;
} cand_list;

static void add(cand_list *l, const char *word)
{
	if (strncmp(word, l->prefix, l->plen) != 0)
		return;
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], word) == 0)
			return;
	if (l->n + 2 > l->cap) {
		int cap = l->cap ? 2 * l->cap : 32;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	char *w = strdup(word);
	if (w) {
		l->v[l->n++] = w;
		l->v[l->n] = NULL;
	}
}

static void add_ws(cand_list *l, sess *s, int kind) /* kind < 0: every kind */
{
	for (int i = 0; i < s->ws.count; i++)
		if (kind < 0 || (int)s->ws.items[i]->kind == kind)
			add(l, s->ws.items[i]->name);
}

static void add_methods(cand_list *l)
{
	int n;
	const meth *const *cat = meth_catalog(&n);
	for (int i = 0; i < n; i++)
		add(l, cat[i]->name);
}

static void add_library(cand_list *l)
{
	int n;
	const problib_entry *lib = problib_catalog(&n);
	for (int i = 0; i < n; i++)
		add(l, lib[i].name);
}

/* Inside `NAME(` with NAME a method or library problem: its parameter names. */
static int add_params(cand_list *l, const char *line, int start)
{
	int depth = 0, i = start - 1;
	for (; i >= 0; i--) {
		if (line[i] == ')')
			depth++;
		else if (line[i] == '(' && depth-- == 0)
			break;
	}
	if (i <= 0)
		return 0;
	int end = i;
	while (end > 0 && line[end - 1] == ' ')
		end--;
	int b = end;
	while (b > 0 && (isalnum((unsigned char)line[b - 1]) || line[b - 1] == '_'))
		b--;
	char name[64];
	snprintf(name, sizeof name, "%.*s", end - b, line + b);
	const param_def *defs = NULL;
	int n = 0;
	const meth *m = meth_find(name);
	const problib_entry *e = m ? NULL : problib_find(name);
	if (m) {
		defs = m->params;
		n = m->nparams;
	} else if (e) {
		defs = e->params;
		n = e->nparams;
	} else {
		return 0;
	}
	for (int k = 0; k < n; k++)
		add(l, defs[k].name);
	return 1;
}

char **cmpl_candidates(sess *s, const char *line, int point, int *in_string)
{
	int start = point;
	while (start > 0 && (isalnum((unsigned char)line[start - 1]) || line[start - 1] == '_' ||
	                     line[start - 1] == '.'))
		start--;
	*in_string = 0;
	for (int i = 0; i < start; i++)
		if (line[i] == '"')
			*in_string = !*in_string;
	char prefix[256];
	snprintf(prefix, sizeof prefix, "%.*s", point - start, line + start);
	cand_list l = {.prefix = prefix, .plen = strlen(prefix)};
	if (*in_string)
		return NULL;

	/* the command of this segment: after the last ';' */
	int seg = start;
	while (seg > 0 && line[seg - 1] != ';')
		seg--;
	while (line[seg] == ' ')
		seg++;
	int cmd_len = 0;
	while (isalnum((unsigned char)line[seg + cmd_len]) || line[seg + cmd_len] == '_')
		cmd_len++;
	if (seg == start) { /* the first word: a command */
		int n;
		const cmd_def *t = cmd_table(&n);
		for (int i = 0; i < n; i++)
			add(&l, t[i].name);
		return l.v;
	}
	if (add_params(&l, line, start))
		return l.v;
	/* the previous word decides what may follow */
	int pe = start;
	while (pe > seg && line[pe - 1] == ' ')
		pe--;
	int pb = pe;
	while (pb > seg && (isalnum((unsigned char)line[pb - 1]) || line[pb - 1] == '_'))
		pb--;
	char prev[64];
	snprintf(prev, sizeof prev, "%.*s", pe - pb, line + pb);
	const cmd_def *c = cmd_find(line + seg, cmd_len);
	if (!c)
		return NULL;
	if (strcmp(prev, "on") == 0 || (pe > seg && line[pe - 1] == '=' && c->run == cmd_problem)) {
		add_ws(&l, s, WS_PROBLEM);
		if (c->run == cmd_problem)
			add_library(&l);
		return l.v;
	}
	if (pe > seg && line[pe - 1] == '=' && (c->run == cmd_solver || c->run == cmd_run)) {
		if (c->run == cmd_run)
			add_ws(&l, s, WS_SOLVER);
		add_methods(&l);
		return l.v;
	}
	switch (c->complete) {
	case CMPL_COMMAND: {
		int n;
		const cmd_def *t = cmd_table(&n);
		for (int i = 0; i < n; i++)
			add(&l, t[i].name);
		break;
	}
	case CMPL_PROBLEM:
		if (c->run == cmd_eval)
			add_ws(&l, s, WS_PROBLEM);
		break;
	case CMPL_RUN:
		add_ws(&l, s, WS_RUN);
		if (c->run == cmd_until) {
			static const char *const words[] = {"gnorm", "f", "fstar", "iter", "time", "dist",
			                                    "step", "and", "or", "max", NULL};
			for (int i = 0; words[i]; i++)
				add(&l, words[i]);
		}
		break;
	case CMPL_METHOD:
		add_methods(&l);
		if (c->run == cmd_describe)
			add_library(&l);
		break;
	case CMPL_ANY:
		add_ws(&l, s, -1);
		break;
	default:
		break;
	}
	if (c->run == cmd_run) {
		static const char *const words[] = {"on", "from", "default", "seed", "gtol", "ftol",
		                                    "xtol", "maxiter", "maxtime", NULL};
		for (int i = 0; words[i]; i++)
			add(&l, words[i]);
	}
	return l.v;
}

void cmpl_free(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}
