/* expr_ops: the opcodes of the tape, listed once.
 *
 * Math ops: X(NAME, ARITY, F, DA, DB, DAA, DAB, DBB), expressions in A, B (the
 * operands), C (the immediate) and V (the value F, already computed). DA and
 * DB are first partials, DAA, DAB, DBB second partials. Every interpreter and
 * the constant folder expand this one list, so a formula lives in one place.
 * Subgradients at kinks (ORDER: keep expr_funcs.c help text in step):
 * abs'(0) = 0, sign' = 0, min/max at a tie take the first argument,
 * hypot'(0, 0) = (0, 0), d/db a^b = 0 where a <= 0. */
#ifndef OPTLAB_EXPR_OPS_H
#define OPTLAB_EXPR_OPS_H

#include <math.h>

#define EXPR_PI 3.14159265358979323846
#define EXPR_E 2.7182818284590452354
#define EXPR_LN2 0.69314718055994530942
#define EXPR_LN10 2.30258509299404568402

static inline double expr_sgn(double a)
{
	return (double)(a > 0) - (double)(a < 0);
}

static inline double expr_sigmoid(double a)
{
	double e = exp(-fabs(a)); /* never overflows */
	return a >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

static inline double expr_softplus(double a)
{
	return (a > 0 ? a : 0.0) + log1p(exp(-fabs(a)));
}

static inline double expr_lse2(double a, double b)
{
	double m = a >= b ? a : b;
	if (isinf(m) && m < 0)
		return m; /* both -inf: avoid inf - inf */
	return m + log1p(exp(-fabs(a - b)));
}

/* 1 - v^2 and friends written once */
#define SQ_(u) ((u) * (u))

/* clang-format off */
#define EXPR_MATH_OPS(X) \
	/* unary */ \
	X(NEG,      1, -A,              -1.0,                 0, 0, 0, 0) \
	X(SQ,       1, A * A,           2.0 * A,              0, 2.0, 0, 0) \
	X(CUBE,     1, A * A * A,       3.0 * A * A,          0, 6.0 * A, 0, 0) \
	X(SQRT,     1, sqrt(A),         0.5 / V,              0, -0.25 / (V * A), 0, 0) \
	X(CBRT,     1, cbrt(A),         1.0 / (3.0 * V * V),  0, -2.0 / (9.0 * V * V * V * V * V), 0, 0) \
	X(EXP,      1, exp(A),          V,                    0, V, 0, 0) \
	X(LOG,      1, log(A),          1.0 / A,              0, -1.0 / (A * A), 0, 0) \
	X(LOG2,     1, log2(A),         1.0 / (A * EXPR_LN2), 0, -1.0 / (A * A * EXPR_LN2), 0, 0) \
	X(LOG10,    1, log10(A),        1.0 / (A * EXPR_LN10), 0, -1.0 / (A * A * EXPR_LN10), 0, 0) \
	X(SIN,      1, sin(A),          cos(A),               0, -V, 0, 0) \
	X(COS,      1, cos(A),          -sin(A),              0, -V, 0, 0) \
	X(TAN,      1, tan(A),          1.0 + V * V,          0, 2.0 * V * (1.0 + V * V), 0, 0) \
	X(ASIN,     1, asin(A),         1.0 / sqrt(1.0 - A * A), 0, A / ((1.0 - A * A) * sqrt(1.0 - A * A)), 0, 0) \
	X(ACOS,     1, acos(A),         -1.0 / sqrt(1.0 - A * A), 0, -A / ((1.0 - A * A) * sqrt(1.0 - A * A)), 0, 0) \
	X(ATAN,     1, atan(A),         1.0 / (1.0 + A * A),  0, -2.0 * A / SQ_(1.0 + A * A), 0, 0) \
	X(SINH,     1, sinh(A),         cosh(A),              0, V, 0, 0) \
	X(COSH,     1, cosh(A),         sinh(A),              0, V, 0, 0) \
	X(TANH,     1, tanh(A),         1.0 - V * V,          0, -2.0 * V * (1.0 - V * V), 0, 0) \
	X(ABS,      1, fabs(A),         expr_sgn(A),          0, 0, 0, 0) \
	X(SIGN,     1, expr_sgn(A),     0,                    0, 0, 0, 0) \
	X(SIGMOID,  1, expr_sigmoid(A), V * (1.0 - V),        0, V * (1.0 - V) * (1.0 - 2.0 * V), 0, 0) \
	X(SOFTPLUS, 1, expr_softplus(A), expr_sigmoid(A),     0, expr_sigmoid(A) * (1.0 - expr_sigmoid(A)), 0, 0) \
	/* unary with an immediate C */ \
	X(ADDC,     1, A + C,           1.0,                  0, 0, 0, 0) \
	X(MULC,     1, A * C,           C,                    0, 0, 0, 0) \
	X(DIVC,     1, A / C,           1.0 / C,              0, 0, 0, 0) \
	X(RSUBC,    1, C - A,           -1.0,                 0, 0, 0, 0) \
	X(RDIVC,    1, C / A,           -V / A,               0, 2.0 * V / (A * A), 0, 0) \
	X(POWC,     1, pow(A, C),       C * pow(A, C - 1.0),  0, C * (C - 1.0) * pow(A, C - 2.0), 0, 0) \
	X(RPOWC,    1, pow(C, A),       (C > 0 ? V * log(C) : 0.0), 0, \
	  (C > 0 ? V * log(C) * log(C) : 0.0), 0, 0) /* d/db = 0 where a <= 0, as POW */ \
	X(SQDC,     1, SQ_(A - C),      2.0 * (A - C),        0, 2.0, 0, 0) \
	/* binary */ \
	X(ADD,      2, A + B,           1.0,   1.0,   0, 0, 0) \
	X(SUB,      2, A - B,           1.0,   -1.0,  0, 0, 0) \
	X(MUL,      2, A * B,           B,     A,     0, 1.0, 0) \
	X(DIV,      2, A / B,           1.0 / B, -V / B, 0, -1.0 / (B * B), 2.0 * V / (B * B)) \
	X(AXPYC,    2, A * C + B,       C,     1.0,   0, 0, 0) \
	X(SQSUB,    2, SQ_(A - B),      2.0 * (A - B), -2.0 * (A - B), 2.0, -2.0, 2.0) \
	X(POW,      2, pow(A, B),       B * pow(A, B - 1.0), (A > 0 ? V * log(A) : 0.0), \
	  B * (B - 1.0) * pow(A, B - 2.0), pow(A, B - 1.0) * (1.0 + (A > 0 ? B * log(A) : 0.0)), \
	  (A > 0 ? V * log(A) * log(A) : 0.0)) \
	X(ATAN2,    2, atan2(A, B),     B / (A * A + B * B), -A / (A * A + B * B), \
	  -2.0 * A * B / SQ_(A * A + B * B), (A * A - B * B) / SQ_(A * A + B * B), \
	  2.0 * A * B / SQ_(A * A + B * B)) \
	X(HYPOT,    2, hypot(A, B),     (V > 0 ? A / V : 0.0), (V > 0 ? B / V : 0.0), \
	  B * B / (V * V * V), -A * B / (V * V * V), A * A / (V * V * V)) \
	X(MIN,      2, (A <= B || A != A ? A : B), (double)(A <= B || A != A), (double)!(A <= B || A != A), 0, 0, 0) \
	X(MAX,      2, (A >= B || A != A ? A : B), (double)(A >= B || A != A), (double)!(A >= B || A != A), 0, 0, 0) \
	X(LSE2,     2, expr_lse2(A, B), expr_sigmoid(A - B), expr_sigmoid(B - A), \
	  expr_sigmoid(A - B) * expr_sigmoid(B - A), -expr_sigmoid(A - B) * expr_sigmoid(B - A), \
	  expr_sigmoid(A - B) * expr_sigmoid(B - A))

/* Ops with their own code in every interpreter: X(NAME) */
#define EXPR_SPECIAL_OPS(X) \
	X(CONST)  /* d = C */ \
	X(VAR)    /* d = x[AUX] (0-based coordinate) */ \
	X(IDX)    /* d = i + C, i the index of this block's reduction */ \
	X(SLICE)  /* d = x[off(var AUX) + i + C - 1]; C integer */ \
	X(GATHER) /* d = x[off(var AUX) + A - 1], NaN when A is out of 1..size */ \
	X(OUTER)  /* d = register AUX of the parent block */ \
	X(DSLICE) /* d = data[AUX + i + C - 1], C integer; C2 the vector's length */ \
	X(DGATHER) /* d = data[AUX + A - 1], NaN when A is out of 1..C2 */ \
	X(RED)    /* d = reduction over block AUX; bounds A (or C), B (or C2) */
/* clang-format on */

enum expr_op {
#define X(N, ...) OP_##N,
	EXPR_MATH_OPS(X)
#undef X
	OP_NMATH_,
#define X(N) OP_##N,
	EXPR_SPECIAL_OPS(X)
#undef X
	OP_COUNT_
};

/* Arity of math ops (0 for special ops). */
static inline int expr_op_arity(int op)
{
	static const unsigned char ar[] = {
#define X(N, AR, ...) AR,
		EXPR_MATH_OPS(X)
#undef X
	};
	return op < OP_NMATH_ ? ar[op] : 0;
}

/* The value of a math op. */
static inline double expr_op_val(int op, double A, double B, double C)
{
	(void)B;
	(void)C;
	switch (op) {
#define X(N, AR, F, ...) \
	case OP_##N:     \
		return F;
		EXPR_MATH_OPS(X)
#undef X
	default:
		return NAN;
	}
}

/* Value, first and second partials of a math op. */
typedef struct expr_d2 {
	double v, da, db, daa, dab, dbb;
} expr_d2;

static inline expr_d2 expr_op_d2(int op, double A, double B, double C)
{
	expr_d2 r = {NAN, NAN, NAN, NAN, NAN, NAN};
	double V;
	(void)B;
	(void)C;
	switch (op) {
#define X(N, AR, F, DA, DB, DAA, DAB, DBB) \
	case OP_##N:                       \
		V = (F);                   \
		r.v = V;                   \
		r.da = (DA);               \
		r.db = (DB);               \
		r.daa = (DAA);             \
		r.dab = (DAB);             \
		r.dbb = (DBB);             \
		(void)V;                   \
		break;
		EXPR_MATH_OPS(X)
#undef X
	default:
		break;
	}
	return r;
}

#endif
