/* explain_terms: each family's step in its own terms. */
#include "explain_terms.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const explain_terms terms[] = {
    {"gradient", "momentum or extrapolation", "line-search trials", 0},
    {"conjugate-gradient", "the previous direction, mixed in by beta", "line-search trials", 0},
    {"quasi-newton", "its quasi-Newton direction (curvature from past steps)",
     "line-search trials", 0},
    {"second-order", "the Hessian: the Newton direction, or the model's step in its region",
     "line-search trials or model steps", 0},
    {"coordinate", "coordinate steps: one coordinate at a time, each with its own 1/L_i",
     "line-search trials", 0},
    {"derivative-free",
     "the simplex moved by values alone (reflected, expanded, contracted or shrunk); "
     "the iterate is its best vertex",
     "the simplex's vertices", 1},
    {"zeroth-order",
     "a step along random directions, their slopes estimated from values (or one "
     "forward derivative), not the gradient",
     "the points where values were taken", 0},
    {"population",
     "the population's selection and recombination; the iterate is its best point "
     "(or its mean), found by values alone",
     "the population's members", 1},
    {"global", "the best point sampled so far; the next samples chosen over the whole box",
     "the points sampled", 1},
    {"nonsmooth", "a subgradient's step, its length set by the schedule (normalized)",
     "subgradient trials", 0},
    {"proximal", "the prox of g, or an extrapolation", "extrapolated or trial points", 0},
    {"constrained", "the projection, the penalty or the multipliers",
     "trial points or linear-minimization vertices", 0},
    {"game", "F taken at another point: a look-ahead or the last one",
     "look-ahead (extrapolated) points", 0},
    {"mirror", "the mirror map's geometry (a multiplicative update)", "look-ahead points", 0},
    {"transport",
     "scalings of the dual potentials (Sinkhorn's alternating projections), not a "
     "gradient step on f",
     "intermediate scalings", 1},
    {"bilevel", "the lower level: inner steps on y and the implicit or penalty terms",
     "inner (lower-level) iterates", 0},
    {"linear", "a relaxation sweep on A x = b: each unknown from the residual",
     "intermediate sweeps", 0},
    {"sampling",
     "the injected noise sqrt(2h) xi of the diffusion (and a Metropolis test): a "
     "sampler moves a chain, it does not minimize",
     "the other chains or particles", 1},
    {"federated", "the clients' local steps, averaged by the server or mixed with neighbours",
     "the clients' models", 0},
    {"policy", "the policy's own geometry: a natural, mirror or sampled policy gradient",
     "sampled episodes' states", 0},
    {"multiobjective",
     "the objectives' gradients weighted otherwise than f, their mean: the min-norm "
     "combination (mgda), surgered gradients (pcgrad) or the scalarization's weights "
     "(nsga2 moves by values alone)",
     "the population's members (nsga2)", 0},
    {"stochastic", "sampling: the gradient estimate is not the full gradient",
     "sampled points", 0},
    {"adaptive", "per-coordinate scaling and momentum", "trial points", 0},
};

const explain_terms *explain_terms_find(const char *family)
{
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		if (strcmp(terms[i].family, family) == 0)
			return &terms[i];
	return NULL;
}

const char *explain_terms_column(const char *method, const char *column, double v)
{
	/* ORDER nm_op (solvers/methods/derivative-free/neldermead.c) */
	static const char *const nm_op[] = {"reflected", "expanded", "contracted outside",
	                                    "contracted inside", "shrunk towards the best vertex"};
	if (strcmp(method, "neldermead") == 0 && strcmp(column, "op") == 0 && v >= 0 && v < 5 &&
	    v == floor(v))
		return nm_op[(int)v];
	return NULL;
}
