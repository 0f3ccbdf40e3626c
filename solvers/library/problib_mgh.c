/* problib_mgh: the 35 unconstrained test problems of More, Garbow & Hillstrom, "Testing
 * unconstrained optimization software", ACM TOMS 7(1), 17-41 (1981), with their standard
 * starts and published minima. Each is f = sum_i r_i(x)^2, written out as an expression
 * (exact gradients and Hessians from the tape); tests/unit/solvers/test_mgh.c solves them
 * to the published f*. The paper gives f* to 6 digits; at the default sizes the nonzero
 * ones are refined here by Newton's method from the standard start (gradient below
 * 1e-11; Meyer's, badly scaled, to 11 digits by L-BFGS), so that a campaign's test
 * f - f* < tol means what it says; they agree with the paper's digits (test_mgh). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problib_int.h"

#define MGH_MAX_N 100 /* residuals are written out: O(n^2) text for the dense ones */

typedef struct sb {
	char *s;
	size_t len, cap;
	int fail;
} sb;

static void add(sb *b, const char *fmt, ...)
{
	if (b->fail)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int k = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (k < 0) {
			b->fail = 1;
			return;
		}
		if (b->s && b->len + (size_t)k < b->cap) {
			b->len += (size_t)k;
			return;
		}
		size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t)k;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->fail = 1;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
}

/* Opens residual r_i: "+ (" ... closed by rend. */
static void rbeg(sb *b)
{
	add(b, b->len ? " + (" : "(");
}

static void rend(sb *b)
{
	add(b, ")^2");
}

/* A residual given whole by fmt. */
static void res(sb *b, const char *fmt, ...)
{
	rbeg(b);
	if (!b->fail) {
		va_list ap;
		char tmp[4096];
		va_start(ap, fmt);
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		va_end(ap);
		add(b, "%s", tmp);
	}
	rend(b);
}

typedef struct mgh {
	int n, m; /* dimension and a second size (linear functions: residuals) */
	double *x0;
	double fstar; /* the published minimum (NAN: none for this n) */
} mgh;

static void fill(double *x0, int n, double v)
{
	for (int i = 0; i < n; i++)
		x0[i] = v;
}

/* ---- fixed n -------------------------------------------------------------------- */

static void p1(sb *b, mgh *g)
{
	res(b, "10*(x[2] - x[1]^2)");
	res(b, "1 - x[1]");
	g->x0[0] = -1.2, g->x0[1] = 1, g->fstar = 0;
}

static void p2(sb *b, mgh *g)
{
	res(b, "-13 + x[1] + ((5 - x[2])*x[2] - 2)*x[2]");
	res(b, "-29 + x[1] + ((x[2] + 1)*x[2] - 14)*x[2]");
	g->x0[0] = 0.5, g->x0[1] = -2, g->fstar = 0;
}

static void p3(sb *b, mgh *g)
{
	res(b, "10000*x[1]*x[2] - 1");
	res(b, "exp(-x[1]) + exp(-x[2]) - 1.0001");
	g->x0[0] = 0, g->x0[1] = 1, g->fstar = 0;
}

static void p4(sb *b, mgh *g)
{
	res(b, "x[1] - 1000000");
	res(b, "x[2] - 0.000002");
	res(b, "x[1]*x[2] - 2");
	g->x0[0] = 1, g->x0[1] = 1, g->fstar = 0;
}

static void p5(sb *b, mgh *g)
{
	static const double y[3] = {1.5, 2.25, 2.625};
	for (int i = 1; i <= 3; i++)
		res(b, "%.17g - x[1]*(1 - x[2]^%d)", y[i - 1], i);
	fill(g->x0, 2, 1);
	g->fstar = 0;
}

static void p6(sb *b, mgh *g)
{
	for (int i = 1; i <= 10; i++)
		res(b, "%d - exp(%d*x[1]) - exp(%d*x[2])", 2 + 2 * i, i, i);
	g->x0[0] = 0.3, g->x0[1] = 0.4, g->fstar = 124.36218235561483;
}

/* theta = atan(x2/x1)/(2 pi), plus 1/2 when x1 < 0 (the paper's branch, not atan2's) */
static void p7(sb *b, mgh *g)
{
	res(b, "10*(x[3] - 10*(atan(x[2]/x[1])/(2*pi) + (1 - sign(x[1]))/4))");
	res(b, "10*(sqrt(x[1]^2 + x[2]^2) - 1)");
	res(b, "x[3]");
	g->x0[0] = -1, g->x0[1] = 0, g->x0[2] = 0, g->fstar = 0;
}

static void p8(sb *b, mgh *g)
{
	static const double y[15] = {0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39,
	                             0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
	for (int i = 1; i <= 15; i++) {
		int v = 16 - i, w = i < v ? i : v;
		res(b, "%.17g - (x[1] + %d/(%d*x[2] + %d*x[3]))", y[i - 1], i, v, w);
	}
	fill(g->x0, 3, 1);
	g->fstar = 8.2148773065789712e-3;
}

static void p9(sb *b, mgh *g)
{
	static const double y[15] = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
	                             0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009};
	for (int i = 1; i <= 15; i++)
		res(b, "x[1]*exp(-x[2]*(%.17g - x[3])^2/2) - %.17g", (8 - i) / 2.0, y[i - 1]);
	g->x0[0] = 0.4, g->x0[1] = 1, g->x0[2] = 0, g->fstar = 1.1279327696190214e-8;
}

static void p10(sb *b, mgh *g)
{
	static const double y[16] = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744,
	                             8261,  7030,  6005,  5147,  4427,  3820,  3307,  2872};
	for (int i = 1; i <= 16; i++)
		res(b, "x[1]*exp(x[2]/(%d + x[3])) - %.17g", 45 + 5 * i, y[i - 1]);
	g->x0[0] = 0.02, g->x0[1] = 4000, g->x0[2] = 250, g->fstar = 87.945855170;
}

/* m = 99 residuals (the paper allows n <= m <= 100) */
static void p11(sb *b, mgh *g)
{
	for (int i = 1; i <= 99; i++) {
		double t = i / 100.0, y = 25 + pow(-50 * log(t), 2.0 / 3.0);
		res(b, "exp(-abs(%.17g - x[2])^x[3]/x[1]) - %.17g", y, t);
	}
	g->x0[0] = 5, g->x0[1] = 2.5, g->x0[2] = 0.15, g->fstar = 0;
}

static void p12(sb *b, mgh *g)
{
	for (int i = 1; i <= 10; i++) {
		double t = 0.1 * i;
		res(b, "exp(-%.17g*x[1]) - exp(-%.17g*x[2]) - x[3]*%.17g", t, t, exp(-t) - exp(-10 * t));
	}
	g->x0[0] = 0, g->x0[1] = 10, g->x0[2] = 20, g->fstar = 0;
}

/* Powell's singular function on coordinates k+1 .. k+4 */
static void powell4(sb *b, int k)
{
	res(b, "x[%d] + 10*x[%d]", k + 1, k + 2);
	res(b, "sqrt(5)*(x[%d] - x[%d])", k + 3, k + 4);
	res(b, "(x[%d] - 2*x[%d])^2", k + 2, k + 3);
	res(b, "sqrt(10)*(x[%d] - x[%d])^2", k + 1, k + 4);
}

static void p13(sb *b, mgh *g)
{
	powell4(b, 0);
	g->x0[0] = 3, g->x0[1] = -1, g->x0[2] = 0, g->x0[3] = 1, g->fstar = 0;
}

static void p14(sb *b, mgh *g)
{
	res(b, "10*(x[2] - x[1]^2)");
	res(b, "1 - x[1]");
	res(b, "sqrt(90)*(x[4] - x[3]^2)");
	res(b, "1 - x[3]");
	res(b, "sqrt(10)*(x[2] + x[4] - 2)");
	res(b, "(x[2] - x[4])/sqrt(10)");
	g->x0[0] = -3, g->x0[1] = -1, g->x0[2] = -3, g->x0[3] = -1, g->fstar = 0;
}

static void p15(sb *b, mgh *g)
{
	static const double y[11] = {0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627,
	                             0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
	static const double u[11] = {4,     2,     1,   0.5,    0.25,  0.167,
	                             0.125, 0.1, 0.0833, 0.0714, 0.0625};
	for (int i = 0; i < 11; i++)
		res(b, "%.17g - x[1]*(%.17g + %.17g*x[2])/(%.17g + %.17g*x[3] + x[4])", y[i],
		    u[i] * u[i], u[i], u[i] * u[i], u[i]);
	g->x0[0] = 0.25, g->x0[1] = 0.39, g->x0[2] = 0.415, g->x0[3] = 0.39, g->fstar = 3.0750560384923777e-4;
}

static void p16(sb *b, mgh *g)
{
	for (int i = 1; i <= 20; i++) {
		double t = i / 5.0;
		res(b, "(x[1] + %.17g*x[2] - %.17g)^2 + (x[3] + %.17g*x[4] - %.17g)^2", t, exp(t),
		    sin(t), cos(t));
	}
	g->x0[0] = 25, g->x0[1] = 5, g->x0[2] = -5, g->x0[3] = -1, g->fstar = 85822.201626356284;
}

static void p17(sb *b, mgh *g)
{
	static const double y[33] = {0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818,
	                             0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558,
	                             0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438,
	                             0.431, 0.424, 0.420, 0.414, 0.411, 0.406};
	for (int i = 0; i < 33; i++)
		res(b, "%.17g - (x[1] + x[2]*exp(-%d*x[4]) + x[3]*exp(-%d*x[5]))", y[i], 10 * i, 10 * i);
	static const double x0[5] = {0.5, 1.5, -1, 0.01, 0.02};
	memcpy(g->x0, x0, sizeof x0);
	g->fstar = 5.4648946974828634e-5;
}

static void p18(sb *b, mgh *g)
{
	for (int i = 1; i <= 13; i++) {
		double t = 0.1 * i, y = exp(-t) - 5 * exp(-10 * t) + 3 * exp(-4 * t);
		res(b, "x[3]*exp(-%.17g*x[1]) - x[4]*exp(-%.17g*x[2]) + x[6]*exp(-%.17g*x[5]) - %.17g",
		    t, t, t, y);
	}
	static const double x0[6] = {1, 2, 1, 1, 1, 1};
	memcpy(g->x0, x0, sizeof x0);
	g->fstar = 0;
}

static void p19(sb *b, mgh *g)
{
	static const double y[65] = {
	    1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
	    0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
	    0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
	    0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
	    0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
	for (int i = 0; i < 65; i++) {
		double t = i / 10.0;
		res(b,
		    "%.17g - (x[1]*exp(-%.17g*x[5]) + x[2]*exp(-(%.17g - x[9])^2*x[6])"
		    " + x[3]*exp(-(%.17g - x[10])^2*x[7]) + x[4]*exp(-(%.17g - x[11])^2*x[8]))",
		    y[i], t, t, t, t);
	}
	static const double x0[11] = {1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5};
	memcpy(g->x0, x0, sizeof x0);
	g->fstar = 4.0137736293547742e-2;
}

/* ---- variable n ------------------------------------------------------------------ */

static void p20(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= 29; i++) {
		double t = i / 29.0;
		rbeg(b);
		for (int j = 2; j <= n; j++)
			add(b, "%.17g*x[%d] + ", (j - 1) * pow(t, j - 2), j);
		add(b, "-(x[1]");
		for (int j = 2; j <= n; j++)
			add(b, " + %.17g*x[%d]", pow(t, j - 1), j);
		add(b, ")^2 - 1");
		rend(b);
	}
	res(b, "x[1]");
	res(b, "x[2] - x[1]^2 - 1");
	fill(g->x0, n, 0);
	g->fstar = n == 6 ? 2.2876700535523356e-3 : n == 9 ? 1.39976e-6 : n == 12 ? 4.72238e-10 : NAN;
}

static void p21(sb *b, mgh *g)
{
	for (int i = 1; 2 * i <= g->n; i++) {
		res(b, "10*(x[%d] - x[%d]^2)", 2 * i, 2 * i - 1);
		res(b, "1 - x[%d]", 2 * i - 1);
		g->x0[2 * i - 2] = -1.2, g->x0[2 * i - 1] = 1;
	}
	g->fstar = 0;
}

static void p22(sb *b, mgh *g)
{
	static const double x0[4] = {3, -1, 0, 1};
	for (int k = 0; k < g->n; k += 4) {
		powell4(b, k);
		memcpy(g->x0 + k, x0, sizeof x0);
	}
	g->fstar = 0;
}

static void p23(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= n; i++) {
		res(b, "sqrt(0.00001)*(x[%d] - 1)", i);
		g->x0[i - 1] = i;
	}
	res(b, "sum(j = 1, %d, x[j]^2) - 0.25", n);
	g->fstar = n == 4 ? 2.24997e-5 : n == 10 ? 7.0876514670903704e-5 : NAN;
}

static void p24(sb *b, mgh *g)
{
	int n = g->n;
	res(b, "x[1] - 0.2");
	for (int i = 2; i <= n; i++)
		res(b, "sqrt(0.00001)*(exp(x[%d]/10) + exp(x[%d]/10) - %.17g)", i, i - 1,
		    exp(i / 10.0) + exp((i - 1) / 10.0));
	for (int i = n + 1; i < 2 * n; i++)
		res(b, "sqrt(0.00001)*(exp(x[%d]/10) - exp(-0.1))", i - n + 1);
	res(b, "sum(j = 1, %d, (%d - j + 1)*x[j]^2) - 1", n, n);
	fill(g->x0, n, 0.5);
	g->fstar = n == 4 ? 9.37629e-6 : n == 10 ? 2.93660537456746e-4 : NAN;
}

static void p25(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= n; i++) {
		res(b, "x[%d] - 1", i);
		g->x0[i - 1] = 1 - (double)i / n;
	}
	res(b, "sum(j = 1, %d, j*(x[j] - 1))", n);
	res(b, "sum(j = 1, %d, j*(x[j] - 1))^2", n);
	g->fstar = 0;
}

static void p26(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= n; i++)
		res(b, "%d - sum(j = 1, %d, cos(x[j])) + %d*(1 - cos(x[%d])) - sin(x[%d])", n, n, i, i,
		    i);
	fill(g->x0, n, 1.0 / n);
	g->fstar = 0;
}

static void p27(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i < n; i++)
		res(b, "x[%d] + sum(j = 1, %d, x[j]) - %d", i, n, n + 1);
	res(b, "prod(j = 1, %d, x[j]) - 1", n);
	fill(g->x0, n, 0.5);
	g->fstar = 0;
}

static void p28(sb *b, mgh *g)
{
	int n = g->n;
	double h = 1.0 / (n + 1);
	for (int i = 1; i <= n; i++) {
		double t = i * h;
		rbeg(b);
		add(b, "2*x[%d]", i);
		if (i > 1)
			add(b, " - x[%d]", i - 1);
		if (i < n)
			add(b, " - x[%d]", i + 1);
		add(b, " + %.17g*(x[%d] + %.17g)^3", h * h / 2, i, t + 1);
		rend(b);
		g->x0[i - 1] = t * (t - 1);
	}
	g->fstar = 0;
}

static void p29(sb *b, mgh *g)
{
	int n = g->n;
	double h = 1.0 / (n + 1);
	for (int i = 1; i <= n; i++) {
		double ti = i * h;
		rbeg(b);
		add(b, "x[%d]", i);
		for (int j = 1; j <= n; j++) {
			double tj = j * h, w = j <= i ? (1 - ti) * tj : ti * (1 - tj);
			add(b, " + %.17g*(x[%d] + %.17g)^3", h / 2 * w, j, tj + 1);
		}
		rend(b);
		g->x0[i - 1] = ti * (ti - 1);
	}
	g->fstar = 0;
}

static void p30(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= n; i++) {
		rbeg(b);
		add(b, "(3 - 2*x[%d])*x[%d] + 1", i, i);
		if (i > 1)
			add(b, " - x[%d]", i - 1);
		if (i < n)
			add(b, " - 2*x[%d]", i + 1);
		rend(b);
	}
	fill(g->x0, n, -1);
	g->fstar = 0;
}

static void p31(sb *b, mgh *g)
{
	int n = g->n;
	for (int i = 1; i <= n; i++) {
		rbeg(b);
		add(b, "x[%d]*(2 + 5*x[%d]^2) + 1", i, i);
		for (int j = i - 5 < 1 ? 1 : i - 5; j <= (i + 1 > n ? n : i + 1); j++)
			if (j != i)
				add(b, " - x[%d]*(1 + x[%d])", j, j);
		rend(b);
	}
	fill(g->x0, n, -1);
	g->fstar = 0;
}

static void p32(sb *b, mgh *g)
{
	int n = g->n, m = g->m;
	for (int i = 1; i <= m; i++)
		if (i <= n)
			res(b, "x[%d] - %.17g*sum(j = 1, %d, x[j]) - 1", i, 2.0 / m, n);
		else
			res(b, "-%.17g*sum(j = 1, %d, x[j]) - 1", 2.0 / m, n);
	fill(g->x0, n, 1);
	g->fstar = m - n;
}

static void p33(sb *b, mgh *g)
{
	int n = g->n, m = g->m;
	for (int i = 1; i <= m; i++)
		res(b, "%d*sum(j = 1, %d, j*x[j]) - 1", i, n);
	fill(g->x0, n, 1);
	g->fstar = m * (m - 1.0) / (2.0 * (2 * m + 1));
}

static void p34(sb *b, mgh *g)
{
	int n = g->n, m = g->m;
	res(b, "-1");
	for (int i = 2; i < m; i++)
		res(b, "%d*sum(j = 2, %d, j*x[j]) - 1", i - 1, n - 1);
	res(b, "-1");
	fill(g->x0, n, 1);
	g->fstar = (m * (m + 3.0) - 6) / (2.0 * (2 * m - 3));
}

/* Shifted Chebyshev T_i on [0, 1] through the recurrence in y = 2x - 1, as the
 * polynomial's coefficients (Horner form in the text). */
static void p35(sb *b, mgh *g)
{
	int n = g->n, m = g->m;
	double c[MGH_MAX_N + 2][MGH_MAX_N + 2] = {{0}};
	c[0][0] = 1, c[1][1] = 1;
	for (int i = 1; i < m; i++)
		for (int k = 0; k <= i + 1; k++)
			c[i + 1][k] = (k ? 2 * c[i][k - 1] : 0) - c[i - 1][k];
	for (int i = 1; i <= m; i++) {
		rbeg(b);
		add(b, "sum(j = 1, %d, %.17g", n, c[i][0]);
		for (int k = 1; k <= i; k++)
			add(b, " + (2*x[j] - 1)*(%.17g", c[i][k]);
		for (int k = 1; k <= i; k++)
			add(b, ")");
		add(b, ")/%d - %.17g", n, i % 2 ? 0.0 : -1.0 / (i * i - 1.0));
		rend(b);
	}
	for (int j = 1; j <= n; j++)
		g->x0[j - 1] = (double)j / (n + 1);
	g->fstar = n == 8 ? 3.5168737256779784e-3 : n == 10 ? 6.50395e-3 : n <= 7 || n == 9 ? 0 : NAN;
}

/* ORDER: MGH numbers */
static void (*const build[36])(sb *, mgh *) = {
    NULL, p1,  p2,  p3,  p4,  p5,  p6,  p7,  p8,  p9,  p10, p11, p12, p13, p14, p15, p16, p17,
    p18,  p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35};
static const int fixed_n[20] = {0, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 6, 11};

const param_def problib_mgh_n_params[1] = {{"n", 10, 2, MGH_MAX_N, "dimension", NULL, 1}};
const param_def problib_mgh_watson_params[1] = {{"n", 6, 2, 31, "dimension", NULL, 1}};
const param_def problib_mgh_powell_params[1] = {{"n", 12, 4, MGH_MAX_N, "dimension (multiple of 4)", NULL, 1}};
const param_def problib_mgh_cheb_params[1] = {{"n", 8, 1, MGH_MAX_N, "dimension (= residuals)", NULL, 1}};
const param_def problib_mgh_linear_params[2] = {
    {"n", 10, 1, MGH_MAX_N, "dimension", NULL, 1},
    {"m", 20, 1, 10 * MGH_MAX_N, "residuals (m >= n)", NULL, 1},
};

prob *problib_mgh(int k, const double *v, char *err, size_t cap)
{
	mgh g = {.fstar = NAN};
	g.n = k <= 19 ? fixed_n[k] : (int)v[0];
	g.m = k >= 32 && k <= 34 ? (int)v[1] : g.n;
	char name[16];
	snprintf(name, sizeof name, "mgh%d", k);
	if ((k == 21 && g.n % 2) || (k == 22 && g.n % 4)) {
		snprintf(err, cap, "%s: n = %d must be a multiple of %d", name, g.n, k == 21 ? 2 : 4);
		return NULL;
	}
	if (g.m < g.n || (k == 34 && g.n < 3)) {
		snprintf(err, cap, "%s: needs m >= n%s", name, k == 34 ? " and n >= 3" : "");
		return NULL;
	}
	sb b = {0};
	g.x0 = calloc((size_t)g.n, sizeof *g.x0);
	if (g.x0)
		build[k](&b, &g);
	if (!g.x0 || b.fail || !b.s) {
		free(g.x0);
		free(b.s);
		snprintf(err, cap, "%s: out of memory", name);
		return NULL;
	}
	expr_var xv = {"x", g.n};
	expr_options opt = {.vars = &xv, .nvars = 1};
	expr_error e;
	prob *p = prob_from_expr(name, b.s, &opt, &e);
	free(b.s);
	if (!p) {
		free(g.x0);
		snprintf(err, cap, "%s: %s (col %d)", name, e.msg, e.col);
		return NULL;
	}
	prob_set_start(p, g.x0);
	free(g.x0);
	prob_set_solutions(p, 0, NULL, g.fstar);
	p->logscale = 1;
	return p;
}

#define MGH_MAKER(k, title, formula, params, np)                                              \
	prob *problib_mgh##k(const double *v, char *err, size_t cap)                           \
	{                                                                                      \
		return problib_mgh(k, v, err, cap);                                            \
	}
PROBLIB_MGH_LIST(MGH_MAKER)
