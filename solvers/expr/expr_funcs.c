/* expr_funcs: the builtin functions, one sorted table, and name suggestions. */
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

/* Sorted by name (binary search). ORDER: subgradients as in expr_ops.h. */
static const expr_func funcs[] = {
	{"abs", 1, 1, FK_OP, OP_ABS, "abs(x): |x|; derivative sign(x), 0 at x = 0"},
	{"acos", 1, 1, FK_OP, OP_ACOS, "acos(x): arc cosine, x in [-1, 1]"},
	{"asin", 1, 1, FK_OP, OP_ASIN, "asin(x): arc sine, x in [-1, 1]"},
	{"atan", 1, 1, FK_OP, OP_ATAN, "atan(x): arc tangent"},
	{"atan2", 2, 2, FK_OP, OP_ATAN2, "atan2(y, x): angle of (x, y) in (-pi, pi]"},
	{"cbrt", 1, 1, FK_OP, OP_CBRT, "cbrt(x): cube root"},
	{"cos", 1, 1, FK_OP, OP_COS, "cos(x): cosine"},
	{"cosh", 1, 1, FK_OP, OP_COSH, "cosh(x): hyperbolic cosine"},
	{"exp", 1, 1, FK_OP, OP_EXP, "exp(x): e^x"},
	{"hypot", 2, 2, FK_OP, OP_HYPOT,
	 "hypot(x, y): sqrt(x^2 + y^2) without overflow; gradient (0, 0) at the origin"},
	{"len", 1, 1, FK_LEN, 0, "len(v): the number of values of data vector v (a constant)"},
	{"log", 1, 1, FK_OP, OP_LOG, "log(x): natural logarithm (NaN below 0, -inf at 0)"},
	{"log10", 1, 1, FK_OP, OP_LOG10, "log10(x): base-10 logarithm"},
	{"log2", 1, 1, FK_OP, OP_LOG2, "log2(x): base-2 logarithm"},
	{"logsumexp", 2, -1, FK_LSE, RED_LSE,
	 "logsumexp(a, b, ...) or logsumexp(i = A, B, BODY): log(sum(exp(...))), computed stably"},
	{"max", 2, -1, FK_MINMAX, OP_MAX,
	 "max(a, b, ...): largest argument; at a tie the derivative goes to the first one"},
	{"min", 2, -1, FK_MINMAX, OP_MIN,
	 "min(a, b, ...): smallest argument; at a tie the derivative goes to the first one"},
	{"pow", 2, 2, FK_OP, OP_POW, "pow(a, b): a^b; d/db is taken as 0 where a <= 0"},
	{"prod", 3, 3, FK_RED, RED_PROD,
	 "prod(i = A, B, BODY): product of BODY for i = A..B (constant integer bounds)"},
	{"sigmoid", 1, 1, FK_OP, OP_SIGMOID, "sigmoid(x): 1 / (1 + exp(-x))"},
	{"sign", 1, 1, FK_OP, OP_SIGN, "sign(x): -1, 0 or 1; derivative 0"},
	{"sin", 1, 1, FK_OP, OP_SIN, "sin(x): sine"},
	{"sinh", 1, 1, FK_OP, OP_SINH, "sinh(x): hyperbolic sine"},
	{"softplus", 1, 1, FK_OP, OP_SOFTPLUS, "softplus(x): log(1 + exp(x)), computed stably"},
	{"sqrt", 1, 1, FK_OP, OP_SQRT, "sqrt(x): square root"},
	{"sum", 3, 3, FK_RED, RED_SUM,
	 "sum(i = A, B, BODY): sum of BODY for i = A..B (constant integer bounds)"},
	{"sumsq", 3, 3, FK_RED, RED_SUMSQ,
	 "sumsq(i = A, B, BODY): sum of BODY^2 for i = A..B; a problem that is one sumsq is a "
	 "least-squares problem with residuals BODY"},
	{"tan", 1, 1, FK_OP, OP_TAN, "tan(x): tangent"},
	{"tanh", 1, 1, FK_OP, OP_TANH, "tanh(x): hyperbolic tangent"},
};
#define NFUNCS ((int)(sizeof funcs / sizeof funcs[0]))

static int cmp_name(const char *name, int len, const char *key)
{
	int c = strncmp(name, key, (size_t)len);
	if (c)
		return c;
	return key[len] ? -1 : 0;
}

const expr_func *expr_func_find(const char *name, int len)
{
	int lo = 0, hi = NFUNCS - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = cmp_name(name, len, funcs[mid].name);
		if (!c)
			return &funcs[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

int expr_nfuncs(void)
{
	return NFUNCS;
}

const char *expr_func_name(int i)
{
	return i >= 0 && i < NFUNCS ? funcs[i].name : NULL;
}

const char *expr_func_help(int i)
{
	return i >= 0 && i < NFUNCS ? funcs[i].help : NULL;
}

/* Levenshtein distance, both strings short (names are capped at 64 here). */
static int edit_distance(const char *a, int la, const char *b, int lb)
{
	int row[65];
	if (la > 64 || lb > 64)
		return 1 << 20;
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *expr_suggest(const char *name, int len, const char *const *cands, int n)
{
	const char *best = NULL;
	int bd = len <= 3 ? 1 : 2; /* farther than this is not a typo */
	for (int k = 0; k < n; k++) {
		int d = edit_distance(name, len, cands[k], (int)strlen(cands[k]));
		if (d < len && d <= bd && (d < bd || !best)) {
			best = cands[k];
			bd = d;
		}
	}
	return best;
}

const char *const *expr_func_names(void)
{
	static const char *const names[] = {
		"abs", "acos", "asin", "atan", "atan2", "cbrt", "cos", "cosh", "exp",
		"hypot", "len", "log", "log10", "log2", "logsumexp", "max", "min", "pow", "prod",
		"sigmoid", "sign", "sin", "sinh", "softplus", "sqrt", "sum", "sumsq", "tan", "tanh",
	};
	_Static_assert(sizeof names / sizeof names[0] == NFUNCS, "ORDER: names as funcs");
	return names;
}
