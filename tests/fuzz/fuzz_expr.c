/* libFuzzer target: the expression compiler and evaluator on any bytes.
 * Compiles the input (free names as variables), and when it compiles, takes
 * the value, the gradient, a Hessian-vector product and a small batch at
 * fixed points. Nothing may crash, leak or trip a sanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	static const expr_const consts[] = {{"k", 3, NULL, 0}};
	/* the work budget bounds an evaluation (10^5 operations in reductions: enough
	 * to cross the 256-lane chunks, a millisecond under the sanitizers), so every
	 * input that compiles is evaluated */
	expr_set_work_limit(100000);
	expr_options opt = {.vars = vars, .nvars = 3, .consts = consts, .nconsts = 1};
	expr_error err;
	expr_tape *t = expr_compile(src, size % 2 ? &opt : NULL, &err);
	free(src);
	if (!t)
		return 0;
	int n = expr_dim(t);
	if (n <= 64) {
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
