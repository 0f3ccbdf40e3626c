/* quant8: block-wise 8-bit quantization with dynamic (tree) codes, as in Dettmers,
 * Lewis, Shleifer & Zettlemoyer, 8-bit Optimizers via Block-wise Quantization, ICLR
 * 2022. A vector is cut into blocks of `block` values; each block keeps its absmax
 * (a float) and one byte per value, the index of the code nearest value / absmax.
 *
 * The dynamic codes (256 sorted values in [-1, 1] or [0, 1]), for e = 0..6:
 *   signed    +-10^(e-6) * mid_k, mid_k the 2^e midpoints of linspace(0.1, 1, 2^e + 1)
 *   unsigned  10^(e-6) * mid_k over 2^(e+1) midpoints of linspace(0.1, 1, 2^(e+1) + 1)
 * and 0 and 1 (so the signed code's most negative value is -0.99296875). The relative
 * resolution is about 0.9 / 2^e within each decade, fine near absmax, coarse far below.
 *
 * Ownership: q8_state holds its arrays; q8_free releases them. */
#ifndef OPTLAB_QUANT8_H
#define OPTLAB_QUANT8_H

#include <stdint.h>

#define Q8_CODES 256

/* code[256], sorted ascending. signed_ != 0: the signed code. */
void q8_code(int signed_, double *code);

/* The index of the code nearest v (ties to the lower), by bisection. */
int q8_nearest(const double *code, double v);

/* Quantizes x[0..n) into q (n bytes) and scale (one absmax per block). */
void q8_quantize(const double *code, const double *x, long n, int block, uint8_t *q,
                 float *scale);
/* x[0..n) = code[q] * scale of its block. */
void q8_dequantize(const double *code, const uint8_t *q, const float *scale, long n,
                   int block, double *x);

#endif
