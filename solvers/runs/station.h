/* station: the stationarity measure of a problem's kind, the `gnorm` every run reports
 * and every stop test, condition and picture reads:
 *   smooth f                     |grad f(x)|
 *   composite f + g              |x - prox_g(x - grad f(x))|  (gradient mapping, unit step)
 *   f over a set                 |x - P(x - grad f(x))|       (the same with the projection)
 *   explicit constraints         KKT residual |grad f + J' l| + |violation| + |l o c|,
 *                                l the best multipliers for x (l >= 0 on inequalities)
 *   games                        the operator residual |z - P(z - F(z))| (the game
 *                                methods compute it)
 *   bilevel                      the implicit hypergradient's norm, plus the part of
 *                                grad_y F off H_yy's range, plus |grad_y g| (bilevel.h)
 *   objectives f_1 .. f_k        Pareto stationarity: |d| for the steepest common descent
 *                                step d = argmin max_i grad f_i . d + |d|^2/2 (x + d in
 *                                the set), the min-norm element of the gradients' convex
 *                                hull when there is no set (multi.h)
 * Each is zero exactly at the stationary points of the problem, and equals |grad f|
 * where the structure is inactive (g = 0, x interior, no constraint binding).
 *
 * Ownership: a station is allocated for one problem (station_new) and freed by
 * station_free; it borrows the problem. It evaluates the problem's proximal operator,
 * projection and constraints directly: those calls are not a method's, so they are not
 * counted. */
#ifndef OPTLAB_STATION_H
#define OPTLAB_STATION_H

#include "prob.h"

enum station_kind { STATION_GRAD, STATION_PROX, STATION_PROJ, STATION_KKT, STATION_GAME,
                   STATION_BILEVEL, STATION_PARETO };

typedef struct station station;

enum station_kind station_kind_of(const prob *p);
/* The kind that problems offering caps have (a method's needs: the measure it meets). */
enum station_kind station_kind_caps(unsigned caps);
/* A phrase naming the measure: "|grad f|", "gradient mapping |x - prox_g(x - grad f)|". */
const char *station_name(enum station_kind k);

station *station_new(const prob *p); /* NULL without memory */
void station_free(station *s);
/* The measure at x, given the smooth part's gradient g at x. */
double station_measure(station *s, const double *x, const double *g);
/* The multipliers the last KKT measure used (m values, inequalities first), or NULL. */
const double *station_mult(const station *s);

#endif
