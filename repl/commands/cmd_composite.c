/* cmd_composite: `problem p = EXPR + 0.1*norm1 over box(-1, 1) subject to x + y <= 1`
 * (or `over box([-5, 0], [10, 15])`, bounds per coordinate).
 * The keywords are found at parenthesis depth 0, so that names inside the expression
 * (a variable called `over` aside) are left alone. A nonsmooth term may stand anywhere in
 * the depth-0 sum, weighted before or after (0.5*norm1, norm1*0.5, lam*norm1); its name
 * anywhere else is an error, never a variable. */
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

/* The nonsmooth terms; ORDER: none (the names are reserved, never variables). */
static const char *const terms[] = {"norm1", "norm2", "sqnorm", "group", "scad", "mcp"};

static int term_at(const char *t, int i)
{
	for (size_t k = 0; k < sizeof terms / sizeof *terms; k++)
		if (is_word_at(t, i, terms[k]))
			return (int)k;
	return -1;
}

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* A weight at p: a number, or a constant's name (let). Its end, or NULL. */
static const char *weight(const char *p, const expr_const *consts, int nconsts, double *w)
{
	char *q;
	if (isdigit((unsigned char)*p) || *p == '.') {
		*w = strtod(p, &q);
		return q != p ? q : NULL;
	}
	int n = 0;
	while (ident_char(p[n]))
		n++;
	for (int k = 0; n && k < nconsts; k++)
		if ((int)strlen(consts[k].name) == n && strncmp(consts[k].name, p, (size_t)n) == 0) {
			*w = consts[k].value;
			return p + n;
		}
	return NULL;
}

/* `[W *] NAME [(ARG)] [* W]` exactly filling [p, end): the term's index, weight, argument;
 * -1 when [p, end) is something else. */
static int parse_term(const char *p, const char *end, const expr_const *consts, int nconsts,
                      double *w, double *arg)
{
	char *q;
	*w = 1;
	*arg = NAN;
	p = skip(p);
	const char *after = term_at(p, 0) < 0 ? weight(p, consts, nconsts, w) : NULL;
	if (after) {
		p = skip(after);
		if (*p != '*')
			return -1;
		p = skip(p + 1);
	}
	int k = term_at(p, 0);
	if (k < 0)
		return -1;
	p = skip(p + strlen(terms[k]));
	if (p < end && *p == '(') {
		*arg = strtod(p + 1, &q);
		if (q == p + 1)
			return -1;
		p = skip(q);
		if (*p != ')')
			return -1;
		p = skip(p + 1);
	}
	if (!after && p < end && *p == '*') {
		double v;
		const char *e2 = weight(skip(p + 1), consts, nconsts, &v);
		if (!e2)
			return -1;
		*w = v;
		p = skip(e2);
	}
	return p >= end ? k : -1;
}

/* The end of the number at t + i (digits, '.', an exponent with its sign). */
static int skip_number(const char *t, int i)
{
	char *q;
	strtod(t + i, &q);
	return q > t + i ? (int)(q - t) : i + 1;
}

/* Takes the nonsmooth terms out of the depth-0 sum in buf[0, e): each becomes "0" and
 * blanks, so that columns stay; the weights of one term add. 0, or -1 after sess_fail. */
static int take_terms(sess *s, char *buf, int e, int base, const expr_const *consts,
                      int nconsts, prob_reg **g)
{
	int depth = 0, start = 0, kind = -1, kcol = 0;
	double wsum = 0, karg = NAN;
	char sign = '+';
	for (int i = 0; i <= e; i++) {
		char c = i < e ? buf[i] : 0;
		if (c && (isdigit((unsigned char)c) || c == '.') && (i == 0 || !ident_char(buf[i - 1]))) {
			i = skip_number(buf, i) - 1;
			continue;
		}
		if (c == '(' || c == '[') {
			depth++;
			continue;
		}
		if (c == ')' || c == ']') {
			depth--;
			continue;
		}
		int binary = 0;
		if (depth == 0 && (c == '+' || c == '-')) {
			int j = i - 1;
			while (j >= 0 && (buf[j] == ' ' || buf[j] == '\t'))
				j--;
			binary = j >= start && (ident_char(buf[j]) || buf[j] == ')' || buf[j] == ']' ||
			                       buf[j] == '.');
		}
		if (c && !binary)
			continue;
		/* the term [start, i) with its sign */
		double w, arg;
		int k = parse_term(buf + start, buf + i, consts, nconsts, &w, &arg);
		if (k >= 0) {
			int col = (int)(skip(buf + start) - buf);
			if (sign == '-' || !(w > 0))
				return sess_fail(s, base + col,
				                 "%s enters the sum with weight %s%g: a nonsmooth term "
				                 "needs a weight > 0",
				                 terms[k], sign == '-' ? "-" : "", w);
			if (kind >= 0 && (k != kind || !(arg == karg || (isnan(arg) && isnan(karg)))))
				return sess_fail(s, base + col,
				                 "one nonsmooth term per problem: %s is already there",
				                 terms[kind]);
			kind = k;
			karg = arg;
			kcol = col;
			wsum += w;
			memset(buf + start, ' ', (size_t)(i - start));
			buf[col] = '0';
		}
		sign = c;
		start = i + 1;
	}
	for (int i = 0; i < e; i++) /* anywhere else, a term's name is an error */
		if ((i == 0 || !ident_char(buf[i - 1])) && term_at(buf, i) >= 0)
			return sess_fail(s, base + i,
			                 "%s is a nonsmooth term, not a variable: write it in the sum "
			                 "as + W*%s with W > 0",
			                 terms[term_at(buf, i)], terms[term_at(buf, i)]);
	if (kind < 0)
		return 0;
	char why[160];
	*g = prox_term_new(terms[kind], wsum, karg, why, sizeof why);
	if (!*g && strcmp(why, "this term takes no parameter") == 0)
		return sess_fail(s, base + kcol,
		                 "%s takes no parameter: its weight is written W*%s (W > 0)",
		                 terms[kind], terms[kind]);
	if (!*g)
		return sess_fail(s, base + kcol, "%s%s", strcmp(why, "out of memory") ? "bad term: " : "",
		                 why);
	return 0;
}

int cmd_composite_split(sess *s, const char *text, int base, const expr_const *consts,
                        int nconsts, char **smooth, prob_reg **g)
{
	int e = find_keyword(text, 0);
	*g = NULL;
	if (!(*smooth = strndup(text, (size_t)e)))
		return sess_fail(s, base, "out of memory");
	if (take_terms(s, *smooth, e, base, consts, nconsts, g)) {
		free(*smooth);
		*smooth = NULL;
		return -1;
	}
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
		return sess_fail(s, i, "expected `over SET` or `subject to` here");
	return 0;
}
