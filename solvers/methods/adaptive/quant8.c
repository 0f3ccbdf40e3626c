/* quant8: dynamic 8-bit codes and block-wise absmax quantization. */
#include "quant8.h"

#include <math.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void q8_code(int signed_, double *code)
{
	int k = 0;
	for (int e = 0; e < 7; e++) {
		int items = signed_ ? 1 << e : 1 << (e + 1); /* midpoints in this decade */
		double scale = pow(10, e - 6), w = 0.9 / items;
		for (int i = 0; i < items; i++) {
			double mid = 0.1 + w * (i + 0.5);
			code[k++] = scale * mid;
			if (signed_)
				code[k++] = -scale * mid;
		}
	}
	code[k++] = 0;
	code[k++] = 1;
	qsort(code, Q8_CODES, sizeof *code, cmp);
}

int q8_nearest(const double *code, double v)
{
	int lo = 0, hi = Q8_CODES - 1;
	if (v <= code[lo])
		return lo;
	if (v >= code[hi])
		return hi;
	while (hi - lo > 1) { /* code[lo] < v <= code[hi] */
		int mid = (lo + hi) / 2;
		if (code[mid] < v)
			lo = mid;
		else
			hi = mid;
	}
	return v - code[lo] <= code[hi] - v ? lo : hi;
}

void q8_quantize(const double *code, const double *x, long n, int block, uint8_t *q,
                 float *scale)
{
	for (long b = 0; b * block < n; b++) {
		long lo = b * block, hi = lo + block < n ? lo + block : n;
		double amax = 0;
		for (long i = lo; i < hi; i++)
			amax = fmax(amax, fabs(x[i]));
		scale[b] = (float)amax;
		double inv = scale[b] > 0 ? 1 / (double)scale[b] : 0;
		for (long i = lo; i < hi; i++)
			q[i] = (uint8_t)q8_nearest(code, x[i] * inv);
	}
}

void q8_dequantize(const double *code, const uint8_t *q, const float *scale, long n,
                   int block, double *x)
{
	for (long i = 0; i < n; i++)
		x[i] = code[q[i]] * (double)scale[i / block];
}
