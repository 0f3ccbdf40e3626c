/* rscene's pictures of what a method learned (meth.h's ellipse and model hooks): the
 * CMA-ES sampling distribution as an ellipse, read from the run's state. */
#include "runscene_int.h"

#include <math.h>

int rscene_ellipse(const double *m, const double *cov, double k, int npts, double *x, double *y)
{
	/* any L with L L' = cov maps the unit circle onto {d : d' cov^-1 d = 1}: Cholesky */
	double l11 = cov[0] > 0 ? sqrt(cov[0]) : NAN, l21 = cov[1] / l11;
	double l22 = sqrt(cov[2] - l21 * l21);
	if (npts < 3 || !(l22 > 0) || !isfinite(l11) || !isfinite(l22) || !isfinite(m[0]) ||
	    !isfinite(m[1]))
		return -1;
	for (int i = 0; i < npts; i++) {
		double t = 2 * 3.14159265358979323846 * (i % (npts - 1)) / (npts - 1);
		double u = k * cos(t), v = k * sin(t);
		x[i] = m[0] + l11 * u;
		y[i] = m[1] + l21 * u + l22 * v;
	}
	return 0;
}

int rscene_run_ellipse(const run *r, int cx, int cy, double *x, double *y)
{
	const meth *me = run_meth(r);
	double m[2], cov[3];
	if (!me->ellipse || me->ellipse(run_state(r), cx, cy, m, cov) != 0)
		return -1;
	return rscene_ellipse(m, cov, 1.0, RSCENE_CIRCLE, x, y);
}
