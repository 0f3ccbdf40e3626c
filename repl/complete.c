/* complete: candidates for Tab from the command table, the workspace and the
 * catalogues. */
#include "complete.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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

/* The identifier that ends at byte END of LINE (spaces before END skipped). */
static void word_before(const char *line, int end, char *out, size_t cap)
{
	while (end > 0 && line[end - 1] == ' ')
		end--;
	int b = end;
	while (b > 0 && (isalnum((unsigned char)line[b - 1]) || line[b - 1] == '_'))
		b--;
	snprintf(out, cap, "%.*s", end - b, line + b);
}

/* Inside `NAME(` with NAME a method or library problem: its parameter names, or
 * after `PARAM =` the values of an enumerated parameter. */
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
	int pe = start;
	while (pe > i && line[pe - 1] == ' ')
		pe--;
	if (pe > i && line[pe - 1] == '=') { /* a value: the choices, if any */
		char pname[64];
		word_before(line, pe - 1, pname, sizeof pname);
		int k = param_find(defs, n, pname);
		if (k >= 0 && defs[k].choices)
			for (int c = 0; defs[k].choices[c]; c++)
				add(l, defs[k].choices[c]);
		return 1;
	}
	for (int k = 0; k < n; k++)
		add(l, defs[k].name);
	return 1;
}

/* The file names a quoted argument may take, by what reads or writes it: the
 * extensions (space separated, with dots), or "" for any file. */
static const char *file_kinds(const char *line, int quote)
{
	int seg = quote;
	while (seg > 0 && line[seg - 1] != ';')
		seg--;
	while (line[seg] == ' ')
		seg++;
	int e = quote;
	while (e > seg && line[e - 1] == ' ')
		e--;
	char w[64];
	if (e > seg && (line[e - 1] == '(' || line[e - 1] == '=')) {
		word_before(line, e - 1, w, sizeof w); /* csv("F"), csv = "F", tv("F") */
		if (strcmp(w, "csv") == 0)
			return ".csv";
		if (strcmp(w, "tv") == 0)
			return ".png";
	}
	word_before(line, seg + (int)strcspn(line + seg, " (;\""), w, sizeof w);
	if (strcmp(w, "load") == 0 || strcmp(w, "save") == 0)
		return ".opl";
	if (strcmp(w, "export") == 0)
		return ".csv .png .svg .pdf .gif";
	if (strcmp(w, "image") == 0)
		return ".png";
	return "";
}

static int has_kind(const char *name, const char *kinds)
{
	if (!*kinds)
		return 1;
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name)
		return 0;
	size_t n = strlen(dot);
	for (const char *k = kinds; *k;) {
		size_t m = strcspn(k, " ");
		if (m == n && strncmp(k, dot, n) == 0)
			return 1;
		k += m + (k[m] == ' ');
	}
	return 0;
}

/* The files and folders that complete the quoted text from QUOTE + 1 to POINT:
 * folders, and files of the kinds the command reads. Dot files only when asked. */
static void add_files(cand_list *l, const char *line, int quote, int point)
{
	const char *kinds = file_kinds(line, quote);
	const char *text = line + quote + 1;
	int tlen = point - quote - 1;
	int slash = tlen;
	while (slash > 0 && text[slash - 1] != '/')
		slash--;
	char dir[1024], path[2048];
	snprintf(dir, sizeof dir, "%.*s", slash, text);
	const char *base = text + slash;
	DIR *d = opendir(slash ? dir : ".");
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || (n[0] == '.' && base[0] != '.'))
			continue;
		snprintf(path, sizeof path, "%s%s", dir, n);
		struct stat st;
		int is_dir = stat(slash ? path : n, &st) == 0 && S_ISDIR(st.st_mode);
		if (is_dir || has_kind(n, kinds))
			add(l, path);
	}
	closedir(d);
}

char **cmpl_candidates(sess *s, const char *line, int point, int *in_string)
{
	int start = point;
	while (start > 0 && (isalnum((unsigned char)line[start - 1]) || line[start - 1] == '_' ||
	                     line[start - 1] == '.'))
		start--;
	*in_string = 0;
	int quote = -1;
	for (int i = 0; i < point; i++)
		if (line[i] == '"') {
			*in_string = !*in_string;
			quote = i;
		}
	if (*in_string)
		start = quote + 1;
	char prefix[1024];
	snprintf(prefix, sizeof prefix, "%.*s", point - start, line + start);
	cand_list l = {.prefix = prefix, .plen = strlen(prefix)};
	if (*in_string) {
		add_files(&l, line, quote, point);
		if (l.n > 1)
			qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_str);
		return l.v;
	}

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
		if (c->run == cmd_show)
			add(&l, "settings");
		break;
	case CMPL_SETTING:
		if (pe == seg + cmd_len) /* the word after set or unset */
			for (const char *const *n = cmd_setting_names(); *n; n++)
				add(&l, *n);
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
