/* libFuzzer target: the expression compiler and evaluator on any bytes.
 * Compiles the input (free names as variables), and when it compiles, takes
 * the value, the gradient, a Hessian-vector product and a small batch at
 * fixed points. Nothing may crash, leak or trip a sanitizer. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Evaluation is fuzzed on inputs whose numbers keep the work, the product of
 * reduction sizes times the text's length, below about 2 10^5 (and the terms below
 * 10^4; numbers below that to the power 1/r with r reductions written): one input
 * must not ask for 10^8 operations, a cost the limits allow, not a fault; a short
 * body still runs past the 256-lane chunks. Compilation is fuzzed on every input. */
static int small_numbers(const char *src, size_t size)
{
	int r = 0;
	for (const char *p = src; (p = strstr(p, "sum(")); p++)
		r++;
	for (const char *p = src; (p = strstr(p, "prod(")); p++)
		r++;
	for (const char *p = src; (p = strstr(p, "logsumexp(")); p++)
		r++;
	double terms = fmin(1e4, 2e5 / (double)(size + 1));
	double limit = pow(terms, 1.0 / (r > 0 ? r : 1));
	for (const char *p = src; *p; p++) {
		if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
			continue;
		char *end;
		if (strtod(p, &end) >= limit)
			return 0;
		p = end > p ? end - 1 : p;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	/* odd lengths declare variables, indexed ones among them, so that
	 * reductions over x[i] compile too */
	static const expr_var vars[] = {{"x", 4}, {"y", 0}, {"z", 0}};
	static const expr_const consts[] = {{"k", 3}};
	expr_options opt = {.vars = vars, .nvars = 3, .consts = consts, .nconsts = 1};
	expr_error err;
	expr_tape *t = expr_compile(src, size % 2 ? &opt : NULL, &err);
	int evaluate = small_numbers(src, size);
	free(src);
	if (!t)
		return 0;
	int n = expr_dim(t);
	if (n <= 64 && evaluate) {
		double x[64], g[64], v[64], hv[64];
		for (int i = 0; i < n; i++) {
			x[i] = 0.5 + 0.25 * i;
			v[i] = 1.0 - 0.125 * i;
		}
		expr_value(t, x);
		expr_gradient(t, x, g);
		expr_hessvec(t, x, v, g, hv);
		const double *cols[64];
		int strides[64];
		for (int i = 0; i < n; i++) {
			cols[i] = x;
			strides[i] = i == 0 ? 1 : 0;
		}
		double out[4];
		expr_value_batch(t, n ? 4 : 1, cols, strides, out);
	}
	expr_free(t);
	return 0;
}
