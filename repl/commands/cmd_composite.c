/* cmd_composite: `problem p = EXPR + 0.1*norm1 over box(-1, 1) subject to x + y <= 1`
 * (or `over box([-5, 0], [10, 15])`, bounds per coordinate).
 * The keywords are found at parenthesis depth 0, so that names inside the expression
 * (a variable called `over` aside) are left alone. */
#include "cmd_composite.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_word_at(const char *t, int i, const char *w)
{
	size_t n = strlen(w);
	return strncmp(t + i, w, n) == 0 && (i == 0 || !(isalnum((unsigned char)t[i - 1]) ||
	                                                t[i - 1] == '_')) &&
	       !(isalnum((unsigned char)t[i + n]) || t[i + n] == '_');
}

/* The first depth-0 occurrence of a keyword (over, subject) at or after from, or the end. */
static int find_keyword(const char *t, int from)
{
	int depth = 0;
	for (int i = from; t[i]; i++) {
		if (t[i] == '(' || t[i] == '[')
			depth++;
		else if (t[i] == ')' || t[i] == ']')
			depth--;
		else if (depth == 0 && (is_word_at(t, i, "over") || is_word_at(t, i, "subject")))
			return i;
	}
	return (int)strlen(t);
}

static const char *skip(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* `[W [*]] NAME [(ARG)]` exactly filling [p, end): fills the weight, name and argument. */
static int parse_term(const char *p, const char *end, double *w, char *name, double *arg)
{
	char *q;
	p = skip(p);
	*w = 1;
	*arg = NAN;
	double v = strtod(p, &q);
	if (q != p && q <= end) {
		*w = v;
		p = skip(q);
		if (*p == '*')
			p = skip(p + 1);
	}
	int k = 0;
	while (p < end && (isalnum((unsigned char)*p) || *p == '_') && k < 15)
		name[k++] = *p++;
	name[k] = 0;
	p = skip(p);
	if (p < end && *p == '(') {
		*arg = strtod(p + 1, &q);
		if (q == p + 1)
			return -1;
		p = skip(q);
		if (*p != ')')
			return -1;
		p = skip(p + 1);
	}
	static const char *const terms[] = {"norm1", "norm2", "sqnorm", "group", "scad", "mcp"};
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		if (strcmp(name, terms[i]) == 0)
			return p == end || skip(p) >= end ? 0 : -1;
	return -1;
}

int cmd_composite_split(const char *text)
{
	int e = find_keyword(text, 0), depth = 0, plus = -1;
	for (int i = 0; i < e; i++) {
		if (text[i] == '(' || text[i] == '[')
			depth++;
		else if (text[i] == ')' || text[i] == ']')
			depth--;
		else if (depth == 0 && text[i] == '+')
			plus = i;
	}
	double w, arg;
	char name[16];
	if (plus > 0 && parse_term(text + plus + 1, text + e, &w, name, &arg) == 0)
		return plus;
	return e;
}

/* `[V1, V2, ...]` of exactly n numbers: the text after it, or NULL. */
static const char *parse_bounds(const char *p, int n, double *v)
{
	char *q;
	p = skip(p);
	if (*p != '[')
		return NULL;
	for (int i = 0; i < n; i++) {
		v[i] = strtod(p + 1, &q);
		if (q == p + 1)
			return NULL;
		p = skip(q);
		if (*p != (i + 1 < n ? ',' : ']'))
			return NULL;
	}
	return skip(p + 1);
}

/* `box([LO1, ...], [HI1, ...])`, after `box(`: bounds per coordinate of n coordinates. */
static prob_set *parse_box_each(const char *p, int n, const char **end, char *err, size_t cap)
{
	double *v = malloc(2 * (size_t)n * sizeof *v);
	if (!v) {
		snprintf(err, cap, "out of memory");
		return NULL;
	}
	prob_set *set = NULL;
	p = parse_bounds(p, n, v);
	if (p && *p == ',')
		p = parse_bounds(p + 1, n, v + n);
	else
		p = NULL;
	if (p && *p == ')') {
		*end = skip(p + 1);
		set = prox_box_each(n, v, v + n);
	}
	if (!set)
		snprintf(err, cap, "box([LO1, ...], [HI1, ...]) needs %d finite bounds in each list, "
		                   "LOi <= HIi", n);
	free(v);
	return set;
}

/* `box(LO, HI)`, `box([LO1, ...], [HI1, ...])`, `nonneg`, `ball(R)`, `simplex`, `simplex(R)`:
 * the set of n coordinates and its end; NULL with the reason in err. */
static prob_set *parse_set(const char *p, int n, const char **end, char *err, size_t cap)
{
	snprintf(err, cap, "expected a set: box(LO, HI) with LO <= HI, nonneg, ball(R) or "
	                   "simplex(R) with R > 0");
	double a = NAN, b = NAN;
	char *q;
	p = skip(p);
	const char *names[] = {"box", "nonneg", "ball", "simplex"};
	int kind = -1;
	for (int i = 0; i < 4; i++)
		if (is_word_at(p, 0, names[i]))
			kind = i, p += strlen(names[i]);
	if (kind < 0)
		return NULL;
	p = skip(p);
	if (kind == 0 && *p == '(' && *skip(p + 1) == '[')
		return parse_box_each(p + 1, n, end, err, cap);
	if (*p == '(') {
		a = strtod(p + 1, &q);
		p = skip(q);
		if (*p == ',') {
			b = strtod(p + 1, &q);
			p = skip(q);
		}
		if (*p != ')')
			return NULL;
		p++;
	}
	*end = skip(p);
	char why[160];
	prob_set *set = prox_set_new(names[kind], a, b, why, sizeof why);
	if (!set && strcmp(why, "out of memory") == 0)
		snprintf(err, cap, "%s", why);
	return set;
}

/* `subject to C1, C2, ...`: commas at depth 0 separate the constraints. */
static int parse_constraints(sess *s, prob *p, const char *src, int at, const expr_const *consts,
                             int nconsts)
{
	int i = at;
	while (src[i]) {
		int depth = 0, j = i;
		for (; src[j] && !(depth == 0 && src[j] == ','); j++)
			depth += (src[j] == '(' || src[j] == '[') - (src[j] == ')' || src[j] == ']');
		char *one = strndup(src + i, (size_t)(j - i));
		if (!one)
			return sess_fail(s, i, "out of memory");
		expr_error e;
		int rc = constr_add(p, one, consts, nconsts, &e);
		free(one);
		if (rc)
			return sess_fail(s, i + (e.col > 0 ? e.col - 1 : 0), "%s", e.msg);
		i = src[j] ? j + 1 : j;
	}
	return 0;
}

int cmd_composite_attach(sess *s, prob *p, const char *src, int at, const expr_const *consts,
                         int nconsts)
{
	const char *t = src;
	int i = (int)(skip(t + at) - t);
	if (t[i] == '+') {
		int e = find_keyword(t, i);
		double w, arg;
		char name[16];
		parse_term(t + i + 1, t + e, &w, name, &arg);
		char why[160];
		prob_reg *g = prox_term_new(name, w, arg, why, sizeof why);
		if (!g && strcmp(why, "out of memory") == 0)
			return sess_fail(s, i + 1, "out of memory");
		if (!g)
			return sess_fail(s, i + 1,
			                 "bad %s term: the weight must be > 0 (group(K) a size >= 1, "
			                 "scad(A) A > 2, mcp(G) G > 1)",
			                 name);
		prox_attach_reg(p, g);
		i = (int)(skip(t + e) - t);
	}
	if (is_word_at(t, i, "over")) {
		const char *end;
		int col = (int)(skip(t + i + 4) - t);
		char why[200];
		prob_set *set = parse_set(t + i + 4, p->n, &end, why, sizeof why);
		if (!set)
			return sess_fail(s, col, "%s", why);
		prox_attach_set(p, set);
		i = (int)(end - t);
	}
	if (is_word_at(t, i, "subject")) {
		int j = (int)(skip(t + i + 7) - t);
		if (!is_word_at(t, j, "to"))
			return sess_fail(s, j, "expected `subject to`");
		j = (int)(skip(t + j + 2) - t);
		if (!t[j])
			return sess_fail(s, j, "expected constraints after `subject to`");
		return parse_constraints(s, p, t, j, consts, nconsts);
	}
	if (t[i])
		return sess_fail(s, i, "expected `+ TERM`, `over SET` or `subject to` here");
	return 0;
}
