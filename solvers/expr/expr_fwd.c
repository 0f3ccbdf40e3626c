/* expr_fwd: forward-mode differentiation: the tangent sweep of the reference
 * interpreter carries dx = v through every instruction, so one pass gives f and the
 * directional derivative grad f . v without a reverse sweep or its memory. */
#include <math.h>

#include "expr_int.h"

double expr_dirderiv(expr_tape *t, const double *x, const double *v, double *df)
{
	double f = expr_scalar_tangent(t, x, v, df);
	if (t->over)
		f = NAN;
	if (isnan(f))
		*df = NAN;
	return f;
}
