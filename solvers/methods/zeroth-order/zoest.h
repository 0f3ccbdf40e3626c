/* zoest: random-direction gradient estimates from values (Nesterov & Spokoiny 2017),
 * shared by zo and zofw. With u ~ N(0, I):
 *   forward:  g = (f(x + mu u) - f(x)) / mu u      (one value a direction, f(x) known)
 *   central:  g = (f(x + mu u) - f(x - mu u)) / (2 mu) u
 * averaged over k directions. E g is the gradient of the Gaussian smoothing
 * f_mu(x) = E f(x + mu u), which tends to grad f as mu -> 0, and for mu -> 0
 * E |g|^2 = (n + 2) |grad f|^2 for one direction. */
#ifndef OPTLAB_ZOEST_H
#define OPTLAB_ZOEST_H

#include "meth.h"

/* g (n values) from k directions at x with f(x) = fx (counted values through the
 * oracle); tmp: 2n scratch. Returns |g|. */
double zoest_gauss(meth_ctx *c, const double *x, double fx, double mu, int k, int central,
                   double *g, double *tmp);

#endif
