/* cd: coordinate descent. One step is one sweep of n coordinate updates, in
 * cyclic order or drawn uniformly at random (with replacement, from the run's
 * seeded generator; a random sweep that moves nothing is followed by one cyclic
 * sweep before the method gives up). Each update is a coordinate gradient step
 * x_i -= g_i / L_i. With step = 0 (the default) L_i is adaptive: the secant
 * curvature of f along coordinate i from the previous update (for the first,
 * from a gradient difference over a small step), safeguarded by a 1-D Armijo
 * backtracking (L_i doubles until the decrease holds). On a
 * quadratic the secant is exact, so the steps become exact coordinate
 * minimizations (Gauss-Seidel) after the first sweep. step > 0 fixes
 * 1 / L_i = step with no line search. The oracle gives whole gradients, so an
 * update costs one gradient call. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "meth.h"

#define CD_LMIN 1e-12 /* smallest curvature estimate: keeps 1 / L_i finite */
#define CD_MAXBACK 60 /* halvings before a coordinate is given up for the sweep */
#define CD_PROBE_N 16 /* record the inner points of a sweep up to this dimension */

enum { P_ORDER, P_STEP, P_C1, P_COUNT };

static const char *const cd_orders[] = {"cyclic", "random", NULL};

static const param_def cd_params[P_COUNT] = {
	[P_ORDER] = {"order", 0, 0, 1, "coordinate order: cyclic, or random (seeded)", cd_orders,
	             1},
	[P_STEP] = {"step", 0.0, 0.0, 1e6,
	            "fixed coordinate step; 0: adaptive 1/L_i (secant curvature and Armijo)",
	            NULL, 0},
	[P_C1] = {"c1", 1e-4, 1e-10, 0.49, "Armijo sufficient-decrease constant", NULL, 0},
};

typedef struct cd_state {
	double *lip; /* per-coordinate curvature estimates L_i; 0: not measured yet */
	double *gh;  /* the gradient at a probe point */
} cd_state;

static void cd_free(void *state)
{
	cd_state *s = state;
	free(s->lip);
	s->lip = NULL;
}

static int cd_init(void *state, meth_ctx *c)
{
	cd_state *s = state;
	s->lip = malloc(2 * (size_t)c->n * sizeof *s->lip);
	if (!s->lip) {
		strcpy(c->msg, "out of memory");
		return METH_FAILED;
	}
	s->gh = s->lip + c->n;
	for (int i = 0; i < c->n; i++)
		s->lip[i] = 0.0;
	c->f = oracle_grad(c->o, c->x, c->g);
	c->g_valid = 1;
	c->step = 0.0;
	return METH_OK;
}

/* The curvature along coordinate i from the gradients at x and x + h e_i
 * (one gradient call); where it is not positive, |g_i|: a unit-length step. */
static double cd_curvature(cd_state *s, meth_ctx *c, int i)
{
	double xi = c->x[i], h = 1e-6 * (1.0 + fabs(xi));
	c->x[i] = xi + h;
	h = c->x[i] - xi; /* the step as represented */
	oracle_grad(c->o, c->x, s->gh);
	c->x[i] = xi;
	double curv = (s->gh[i] - c->g[i]) / h;
	return curv > 0.0 && isfinite(curv) ? fmax(curv, CD_LMIN) : fmax(fabs(c->g[i]), CD_LMIN);
}

/* One adaptive update of coordinate i; 1 when x moved. */
static int cd_update(cd_state *s, meth_ctx *c, int i)
{
	double gi = c->g[i], xi = c->x[i], c1 = c->param[P_C1];
	double fixed = c->param[P_STEP];
	if (gi == 0.0)
		return 0;
	if (fixed > 0.0) {
		c->x[i] = xi - fixed * gi;
		c->f = oracle_grad(c->o, c->x, c->g);
		return c->x[i] != xi;
	}
	if (s->lip[i] == 0.0)
		s->lip[i] = cd_curvature(s, c, i);
	for (int k = 0; k < CD_MAXBACK; k++) {
		double t = 1.0 / s->lip[i];
		c->x[i] = xi - t * gi;
		double ft = oracle_value(c->o, c->x);
		if (ft <= c->f - c1 * t * gi * gi) {
			c->f = oracle_grad(c->o, c->x, c->g);
			double dx = c->x[i] - xi;
			double curv = dx != 0.0 ? (c->g[i] - gi) / dx : 0.0;
			/* A non-positive curvature gives no scale: try a longer step next. */
			s->lip[i] = curv > 0.0 && isfinite(curv) ? fmax(curv, CD_LMIN)
			                                         : fmax(0.5 * s->lip[i], CD_LMIN);
			return dx != 0.0;
		}
		s->lip[i] *= 2.0;
	}
	c->x[i] = xi; /* no decrease along this coordinate: rounding dominates */
	s->lip[i] = 0.0;
	return 0;
}

static int cd_step(void *state, meth_ctx *c)
{
	cd_state *s = state;
	int n = c->n, moved = 0;
	int random = c->param[P_ORDER] == 1.0;
	double t2 = 0.0;
	for (int k = 0; k < n; k++) {
		int i = random ? (int)rng_below(c->rng, n) : k;
		double xi = c->x[i];
		moved += cd_update(s, c, i);
		t2 += (c->x[i] - xi) * (c->x[i] - xi);
		if (n <= CD_PROBE_N && k + 1 < n)
			meth_probe(c, c->x); /* the staircase inside the sweep */
	}
	/* Random draws may all land on coordinates already at rest: before
	 * giving up, try every coordinate once in order. */
	for (int i = 0; random && !moved && i < n; i++) {
		double xi = c->x[i];
		moved += cd_update(s, c, i);
		t2 += (c->x[i] - xi) * (c->x[i] - xi);
	}
	c->step = sqrt(t2);
	if (!moved && isfinite(c->f)) {
		double gg = 0.0;
		for (int i = 0; i < n; i++)
			gg += c->g[i] * c->g[i];
		if (gg == 0.0)
			return METH_CONVERGED;
		strcpy(c->msg, "no coordinate gives a decrease");
		return METH_NO_PROGRESS;
	}
	return METH_OK;
}

const meth meth_cd = {
	.name = "cd",
	.family = "coordinate",
	.summary = "coordinate descent: cyclic or random coordinate gradient steps, 1/L_i "
	           "from secant curvature with Armijo",
	.reference = "Wright, Coordinate descent algorithms, Math. Programming 151 (2015)",
	.params = cd_params,
	.nparams = P_COUNT,
	.needs = PROB_VALUE | PROB_GRAD,
	.extra = NULL,
	.state_size = sizeof(cd_state),
	.init = cd_init,
	.step = cd_step,
	.free = cd_free,
};
