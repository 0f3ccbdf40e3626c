/* game: min-max games and monotone operators on top of the problem interface.
 * A problem with PROB_GAME splits its coordinates into players: min over
 * z[0..nx), max over z[nx..n). The operator of the game is
 * F(z) = (grad_x f, -grad_y f), monotone when f is convex-concave.
 * With PROB_MIRROR each player's block is a probability simplex with the
 * entropy as mirror map (a problem without PROB_GAME: the whole z is one simplex).
 *
 * Ownership: game_state_init allocates inside a method's state; game_state_free
 * frees it. */
#ifndef OPTLAB_GAME_H
#define OPTLAB_GAME_H

#include "meth.h"
#include "oracle.h"
#include "prob.h"

/* The first player's coordinates: p->game->nx, or n without players. */
int game_nx(const prob *p);
/* F(z) = (grad_x f, -grad_y f) through the oracle (one gradient call); returns f. */
double game_operator(oracle *o, const double *z, double *F);
/* out = the projection of z onto the product of the players' simplices where the
 * problem is a mirror problem, else z itself (unconstrained players). */
void game_project(const prob *p, const double *z, double *out);
/* Euclidean projection of y (n values) onto the probability simplex. */
void game_simplex_project(const double *y, double *out, int n);
/* The entropic (multiplicative weights) step on each simplex block:
 * out_i proportional to z_i exp(-t d_i). z must be positive. */
void game_entropy_step(const prob *p, const double *z, const double *d, double t, double *out);
/* The residual vector r = z - P(z - F) (r = F without constraints); returns |r|. */
double game_residual(const prob *p, const double *z, const double *F, double *r);
/* Exploitability (duality gap of the linearization, exact for matrix games):
 * <F, z> - sum over blocks of min_i F_i; NAN without simplices. */
double game_gap(const prob *p, const double *z, const double *F);
/* 0 when z lies in the simplices' relative interior (positive, each block summing
 * to 1 within 1e-9), else -1 with a message naming the method. */
int game_check_interior(const prob *p, const double *z, const char *who, char *msg,
                        size_t cap);

/* What the game methods share: F at the iterate (kept current), scratch, the start
 * (the anchor of halpern) and the uniform average of the points the method averages.
 * The extra columns are "gap" (exploitability at the iterate), "avggap" (at the
 * average) and "avgdist" (the average's distance to the known equilibrium); gnorm is
 * the residual |z - P(z - F(z))|, |F(z)| without constraints. */
typedef struct game_state {
	double *F, *F2, *u, *v, *z0, *avg;
	long k, navg;
} game_state;

extern const char *const game_extra_names[4]; /* gap, avggap, avgdist, NULL */
/* The gaps need players on simplices (a mirror map), avgdist a known equilibrium. */
int game_extra_applies(const prob *p, int k);

/* Allocates, checks the start (inside the simplices when interior is set), evaluates
 * F at c->x and reports row 0. METH_OK or METH_FAILED with c->msg. */
int game_state_init(game_state *s, meth_ctx *c, const char *who, int interior);
void game_state_free(void *state);
/* After a step: s->F holds F(c->x); adds pt (c->x where NULL) to the average and
 * fills c->g with the residual and c->extra. The measures at the average call the
 * problem directly: they are not the method's oracle calls. */
void game_report(game_state *s, meth_ctx *c, const double *pt);

#endif
