/* softmax on data from CSV against answers found without the solver: a symmetric
 * table whose X* follows by hand, with every point predicted as its own class, and two
 * classes, which are logistic regression with half the weight. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "problib.h"

static prob *on_text(const char *name, const char *text, double lambda)
{
	char err[300];
	csv *t = csv_parse(text, strlen(text), "data.csv", err, sizeof err);
	assert_non_null(t);
	enum ds_kind kind = strcmp(name, "softmax") == 0 ? DS_SOFTMAX : DS_LOGISTIC;
	ds *s = csv_dataset(t, kind, t->cols - 1, "data.csv", err, sizeof err);
	csv_free(t);
	assert_non_null(s);
	prob *p = problib_on_data(name, s, lambda, "test", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(p->nsol, 1);
	return p;
}

static double gnorm_at(const prob *p, const double *x)
{
	double g[16], t = 0;
	assert_true(p->n <= 16);
	p->ops->grad(p->ctx, x, g);
	for (int j = 0; j < p->n; j++)
		t += g[j] * g[j];
	return sqrt(t);
}

/* Point c of class c at the corners of a square. The rotation by 90 degrees maps point
 * and class c to c + 1, the reflection y -> -y fixes class 0, and X* is unique, so its
 * rows are (t, 0), (0, t), (-t, 0), (0, -t): f(t) = 2 log(1 + e^-t) + 2 lambda t^2,
 * stationary where 1/(1 + e^t) = 2 lambda t, t = log 3 for lambda = 1/(8 log 3). */
static void test_square(void **state)
{
	(void)state;
	static const double pts[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
	double t = log(3);
	prob *p = on_text("softmax", "a,b,class\n1,0,0\n0,1,1\n-1,0,2\n0,-1,3\n", 1 / (8 * t));
	assert_int_equal(p->n, 8);
	double want[8] = {t, 0, 0, t, -t, 0, 0, -t};
	for (int j = 0; j < 8; j++)
		assert_true(fabs(p->xstar[j] - want[j]) < 1e-12);
	assert_true(gnorm_at(p, want) < 1e-14);
	assert_true(gnorm_at(p, p->xstar) < 1e-10);
	assert_true(fabs(p->fstar - (2 * log(4.0 / 3) + t / 4)) < 1e-14);
	for (int i = 0; i < 4; i++) { /* each point's top score is its own class's */
		int best = 0;
		double top = -INFINITY;
		for (int c = 0; c < 4; c++) {
			double z = p->xstar[2 * c] * pts[i][0] + p->xstar[2 * c + 1] * pts[i][1];
			if (z > top)
				top = z, best = c;
		}
		assert_int_equal(best, i);
	}
	prob_free(p);
}

/* Two classes: the gradients of the two rows of X are opposite, so lambda X* has rows
 * -w and w with w = u/2, and the loss depends on u = w1 - w0 alone: logistic
 * regression in u with the weight lambda/2 (lambda/2 (|w0|^2 + |w1|^2) = lambda/4 |u|^2). */
static void test_two_classes(void **state)
{
	(void)state;
	const char *text = "a,b,label\n1,2,0\n3,1,1\n-1,0,1\n2,2,0\n0.5,-1,1\n-2,1,0\n";
	prob *s = on_text("softmax", text, 0.1);
	prob *g = on_text("logreg", text, 0.05);
	assert_int_equal(s->n, 4);
	for (int j = 0; j < 2; j++) {
		assert_true(fabs(s->xstar[j] + g->xstar[j] / 2) < 1e-12);
		assert_true(fabs(s->xstar[2 + j] - g->xstar[j] / 2) < 1e-12);
	}
	assert_true(fabs(s->fstar - g->fstar) < 1e-14);
	assert_true(gnorm_at(s, s->xstar) < 1e-10);
	prob_free(s);
	prob_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_square),
	    cmocka_unit_test(test_two_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
