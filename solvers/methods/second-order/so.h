/* so: what the second-order methods share: the quadratic and cubic models solved
 * exactly in an eigenbasis (the secular equation, with the hard case), conjugate
 * gradients on H p = -g that stop at a trust-region boundary or at negative
 * curvature (Steihaug-Toint; truncated Newton), and a Lanczos basis in which the
 * cubic model is solved in large dimension. Nothing here allocates, except so_lanczos'
 * caller-sized buffers. */
#ifndef OPTLAB_SO_H
#define OPTLAB_SO_H

#include "meth.h"

/* The model's minimizer in the eigenbasis of H = V diag(w) V' (w increasing), gt = V'g:
 * h = -(diag(w) + lam I)^-1 gt with lam >= max(0, -w[0]) and |h| = a + b lam, or lam = 0
 * when |h(0)| <= a + 0 and w[0] > 0. Trust region: (a, b) = (radius, 0); cubic model
 * g'h + h'Hh/2 + sigma |h|^3 / 3: (a, b) = (0, 1/sigma). In the hard case (gt ~ 0 on
 * w[0]'s eigenvectors) h gains the component along e_0 that reaches the length. Writes
 * h (eigenbasis coordinates, n values); returns lam. */
double so_secular(const double *w, const double *gt, int n, double a, double b, double *h);

/* g'h + h'Hh/2 in the eigenbasis. */
double so_quad_eig(const double *w, const double *gt, const double *h, int n);

/* y = V x (back = 1) or y = V' x (back = 0), V n x n row-major with the vectors as
 * columns. */
void so_rotate(const double *v, int n, const double *x, double *y, int back);

/* Dense Hessian at x into h (n x n), then its eigen-decomposition into w, v (h is
 * overwritten). 0, or -1 when H is not finite (c->msg says so). */
int so_hess_eig(meth_ctx *c, const double *x, double *h, double *w, double *v);

/* CG on H p = -g (H v by the oracle at x): from p = 0 until |H p + g| <= tol, a
 * direction of curvature <= 0, or |p| reaching radius (INFINITY: none), at most maxit
 * products. At the boundary or on negative curvature with a trust region, p ends on
 * the boundary (Steihaug-Toint); without one, p stays where CG was, or is -g when the
 * first direction already has curvature <= 0 (truncated Newton, Nocedal & Wright alg.
 * 7.1). w: 3n scratch. Returns 0 (tolerance), 1 (boundary), 2 (negative curvature)
 * and the count of products in *iters. */
int so_cg(meth_ctx *c, const double *x, double radius, double tol, int maxit, double *p,
          double *w, int *iters);

/* The cubic model's minimizer in the Krylov space of H and g (Lanczos, k <= kmax
 * vectors): q (kmax x n) holds the basis, t (3 kmax^2 + 4 kmax) is scratch. Writes the
 * step h and returns the model value g'h + h'Hh/2 (the cubic term left to the caller). */
double so_lanczos_cubic(meth_ctx *c, const double *x, double sigma, int kmax, double *q,
                        double *t, double *h);

double so_norm(const double *x, int n);

/* The cubic model m(h) = g'h + h'Hh/2 + sigma |h|^3 / 3 at the iterate, minimized
 * globally: by the eigen-decomposition of the dense Hessian when n <= dense_max (the
 * hard case included), else in a Lanczos basis of kmax vectors. The decomposition or
 * basis is kept until so_cub_stale, so a rejected step costs no new Hessian. */
typedef struct so_cub {
	int n, kmax, dense;
	int have;                    /* the factors are of the current H (and g) */
	double *hm, *w, *v, *gt, *ht; /* dense: H's storage, eigenpairs, V'g, V'h */
	double *gx;                   /* a trial point's gradient (so_rounding_judge) */
	double *q, *t;               /* Lanczos basis and its small problem */
} so_cub;

/* Allocates for c->n; dense when n <= dense_max, else kmax Lanczos vectors (kmax = 0:
 * none, for a caller with its own solver). 0, or METH_FAILED with c->msg. */
int so_cub_init(so_cub *s, meth_ctx *c, int dense_max, int kmax);
void so_cub_free(so_cub *s);
/* The model's minimizer for sigma into h (n values), a new Hessian only when the
 * factors are stale (the Hessian at c->x; for a lazy Hessian the caller marks them
 * stale when it wants one). Returns the model value m(h) <= 0, NAN on a non-finite H. */
double so_cub_step(so_cub *s, meth_ctx *c, double sigma, double *h);
/* Cartis, Gould & Toint's condition m(h) <= m(Cauchy point) for the dense factors of
 * e: where the step h (model value m) does worse than the model's minimizer along -g
 * (with the cubic term sigma, or within radius when sigma = 0), h becomes that point.
 * An eigenvalue below the rounding of |H| (Meyer's function) can spoil h. Returns the
 * model value of h. */
double so_cauchy_guard(const so_cub *e, const double *g, int n, double sigma, double radius,
                       double m, double *h);

/* One step of cubic Newton with weight M/6 (sigma = M/2): with adapt, M is halved and
 * then doubled until f(x + h) <= f(x) + m(h) (Nesterov & Polyak's search); without,
 * the step is taken. Moves c->x, sets the columns M, pred, ared (extra[0..2]); xt: n
 * scratch. A METH status. */
int so_cubic_search(so_cub *s, meth_ctx *c, double *M, int adapt, double *h, double *xt);

/* Whether the model's decrease -m is below the rounding of f, where f cannot judge a
 * step (rho, f(x + h) <= f(x) + m are noise). */
int so_at_rounding(const meth_ctx *c, double m);
/* Such a step to xt = x + h is kept when it halves |g|, as newton's is (x, f, g move;
 * METH_OK); else x is stationary to rounding (METH_CONVERGED, said in c->msg). */
int so_rounding_judge(so_cub *s, meth_ctx *c, const double *xt, const double *h);

/* The trust-region test of the step p (model value m, trial point xt = x + p):
 * rho = actual / predicted decrease, the radius shrunk by 4 below rho = 1/4 and doubled
 * (up to maxradius) above 3/4 at the boundary; x moves when rho > eta (then *have = 0:
 * the Hessian is stale), else the trial is a probe. Sets the columns radius, rho, pred,
 * ared (extra[0..3]). A METH status. */
int so_tr_accept(meth_ctx *c, double *radius, double maxradius, double eta, double m,
                 const double *p, const double *xt, int *have);

#endif
