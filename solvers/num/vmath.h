/* vmath: elementwise functions over arrays, in plain C that the compiler turns into
 * vector code (no table look-ups, no branches): the grid of a finite sum evaluates
 * one loss per data row and point, and the C library's exp and log1p, one call at a
 * time, are most of that cost. Results are within a few units in the last place of
 * the correctly rounded value; the same on every machine with IEEE doubles. */
#ifndef OPTLAB_VMATH_H
#define OPTLAB_VMATH_H

/* out[i] = log(1 + exp(t[i])), the logistic loss; out may be t. NaN stays NaN. */
void vmath_softplus(const double *t, double *out, int n);

#endif
