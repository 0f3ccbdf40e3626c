/* bl: what the bilevel methods share (bilevel.h). The iterate is z = (x, y); every
 * lower-level call goes through these helpers, which count it in the run's oracle as
 * the upper level's calls are counted (a value, a gradient, a Hessian-vector product).
 * Each method reports the trace's extra columns (bl_extra_names):
 *   gap     g(x, y) - min g(x, .), the lower level's optimality gap (not counted)
 *   hgnorm  the norm of the method's hypergradient estimate (its direction in x)
 *   inner   inner iterations of the step (lower-level steps, CG iterations)
 * and keeps c->g = grad F(z) current, so gnorm is the kind's measure (station.h). */
#ifndef OPTLAB_BL_H
#define OPTLAB_BL_H

#include "bilevel.h"
#include "meth.h"

extern const char *const bl_extra_names[];

typedef struct bl_state {
	const bilevel *b;
	int nx, ny, n;
	double *zh;     /* n: (x, y-hat), the inner loop's point */
	double *gg;     /* n: a lower-level gradient */
	double *hv;     /* n: a lower-level Hessian-vector product */
	double *u, *v;  /* n: scratch */
	double *traj;   /* kmax x ny: the inner iterates (itd), or NULL */
	int kmax;
	double *pw;     /* ny: the power iteration's vector, kept warm */
	double lg;      /* the lower level's smoothness in y (power iteration) */
	long inner;     /* inner iterations this step */
	double hg;      /* |hypergradient estimate| this step */
} bl_state;

/* Sets up at c->x: NULL-safe failure with c->msg on a problem without levels, or with
 * lower-level constraints unless constrained. kmax (>= 0) inner iterates are kept for
 * reverse sweeps. */
int bl_init(bl_state *s, meth_ctx *c, int kmax, int constrained);
void bl_free(void *state);

/* The lower level g(z), its gradient over z (counted). */
double bl_lower_grad(oracle *o, const bilevel *b, const double *z, double *gz);
/* Lower-level constraint k: G_k(z), its gradient over z (counted). */
double bl_con_grad(oracle *o, const bilevel *b, int k, const double *z, double *gz);
/* hv = H_g(z) (0, w): the lower Hessian times a y-direction (counted), n values. */
void bl_lower_hv(bl_state *s, oracle *o, const double *z, const double *w, double *hv);
/* The largest eigenvalue of H_yy at z by 20 warm power iterations (times 1.05). */
double bl_smooth_y(bl_state *s, oracle *o, const double *z);
/* |wf H_F + wg H_g| over all of z at c->x by 30 power iterations (times 1.05, counted). */
double bl_smooth_full(bl_state *s, meth_ctx *c, double wf, double wg);
/* The inner step: beta > 0 as given, 0: 1/L from bl_smooth_y at z. */
double bl_beta(bl_state *s, oracle *o, const double *z, double beta);
/* k (projected, under constraints) gradient steps on g(x, .) from y0 (ny values) at x = z[0..nx), step beta: s->zh
 * holds (x, y_k) after; with s->traj, row j gets y_j (j < k <= kmax). */
void bl_inner(bl_state *s, oracle *o, const double *z, const double *y0, int k, double beta);
/* v = H_yy^-1 r by conjugate gradients from 0 (at most maxit, relative tolerance tol);
 * where that fails (a singular H_yy, r off its range), by CG on the normal equations:
 * v = H_yy^+ r, the minimum-norm least-squares solution. The iterations of both. */
int bl_cg(bl_state *s, oracle *o, const double *z, const double *r, double *v, int maxit,
          double tol);
/* After a step: c->f, c->g = grad F(c->x) (counted), g_valid, and the extra columns. */
void bl_report(bl_state *s, meth_ctx *c);

#endif
