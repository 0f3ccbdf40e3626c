/* tv: total-variation denoising of a grayscale image b (W x H, row-major, values about
 * [0, 1]) as a smooth problem in the W H pixel values u:
 *
 *   F(u) = 1/2 |u - b|^2 + lambda sum_ij sqrt(dx_ij^2 + dy_ij^2 + eps^2)
 *
 * with forward differences dx_ij = u_i+1,j - u_ij, dy_ij = u_i,j+1 - u_ij (zero across
 * the last column and row: Neumann boundary). This is the isotropic TV of Rudin, Osher &
 * Fatemi (1992) smoothed by eps (Vogel & Oman 1996): F is (1 + 8 lambda / eps)-smooth and
 * 1-strongly convex, so gradient methods (lbfgs, nesterov, gd) reach its unique minimizer;
 * as eps -> 0 it tends to exact TV denoising. Value and exact gradient; the default start
 * is b.
 *
 * Also the example image: a piecewise-constant pattern (background, a disc, a square and
 * a bar at different grey levels) and the same plus seeded Gaussian noise.
 *
 * Ownership: tv_new copies b; prob_free frees the problem. */
#ifndef OPTLAB_TV_H
#define OPTLAB_TV_H

#include <stddef.h>
#include <stdint.h>

#include "prob.h"

#define TV_MAX_PIXELS 16777216 /* 4096 x 4096 */

/* NULL and a message on bad sizes, lambda < 0, eps <= 0, or without memory. */
prob *tv_new(const char *name, const double *b, int w, int h, double lambda, double eps, char *err,
             size_t cap);
/* The image size when p was made by tv_new: 0, else -1. */
int tv_dims(const prob *p, int *w, int *h);
/* The example: clean (may be NULL) and noisy (may be NULL), W x H each; noisy = clean +
 * sigma N(0, 1) from the seed, not clipped. */
void tv_example(int w, int h, double sigma, uint64_t seed, double *clean, double *noisy);
/* The root mean square of a - b over n values. */
double tv_rmse(const double *a, const double *b, size_t n);

#endif
