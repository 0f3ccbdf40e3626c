/* fig_policy: a tabular policy (an MDP's or a bandit's softmax policy, mdp.h) drawn as
 * what it is, beside the convergence plot:
 *   - a gridworld (rows x cols states, actions up, right, down, left): the grid, each
 *     cell coloured by the policy's value V_pi(s), an arrow per action as long as its
 *     probability, a dot toward an optimal action, absorbing states greyed;
 *   - three actions: a triangle (the simplex) per state, each run's path of pi(.|s)
 *     in barycentric coordinates, a star at the optimal vertex;
 *   - otherwise: pi(a|s) as a state x action heat map, a dot in each optimal cell.
 *
 * Ownership: a scene_policy borrows everything; policy_data owns what policy_fill
 * computes from the runs until policy_data_free. */
#ifndef OPTLAB_FIG_POLICY_H
#define OPTLAB_FIG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "fig.h"
#include "runscene.h"

#define POLICY_MAX_TRI 16 /* states drawn as triangles (three actions) */
#define POLICY_MAX_ROWS 40 /* states shown in the heat map */

typedef struct scene_ppath {
	const char *label;
	int color;        /* run palette index */
	const double *pi; /* n rows of S A: the policy at each iteration kept */
	size_t n;
} scene_ppath;

typedef struct scene_policy {
	const char *title;   /* NULL: none */
	const char *caption; /* under the panel: what is drawn */
	int S, A;
	int rows, cols;      /* a gridworld when rows cols = S and A = 4 */
	const double *pi;    /* S A: the policy of the grid and the heat map */
	const double *V;     /* S: its values */
	const int *best;     /* S: an optimal action (greedy in Q*) */
	const bool *absorbing; /* S: states no action leaves */
	const double *rho;   /* S: the start distribution */
	const scene_ppath *paths; /* three actions: every run's path */
	int npaths;
	scene_style style;   /* the runs' colours, text and line sizes (zeros: defaults) */
} scene_policy;

/* The panel's layout for this scene: 'g' grid, 't' triangles, 'h' heat map. */
char fig_policy_mode(const scene_policy *s);
void fig_draw_policy(cairo_t *cr, double x, double y, double w, double h, double scale,
                     const scene_policy *s);
/* The policy panel, with CONV beside it when not NULL, to PATH in FORMAT (as
 * fig_write). 0, or -1 with a message in ERR. */
int fig_policy_write(const char *path, fig_format format, const fig_opts *o,
                     const scene_policy *s, const scene_conv *conv, char *err, size_t errlen);

typedef struct policy_data {
	scene_policy scene;
	scene_ppath paths[RSCENE_MAX_RUNS];
	double *buf[RSCENE_MAX_RUNS];
	double *pi, *V;
	int *best;
	bool *absorbing;
	char caption[160];
} policy_data;

/* Whether p is a tabular policy problem (an MDP or a bandit, not the LQR). */
bool policy_pictured(const prob *p);
/* Fills D from the runs, all on the same tabular policy problem; the grid and the heat
 * map show the first run's policy. PATHS: also each run's path of policies (the
 * triangles of three actions; the terminal draws none). 0, or -1 with a message in ERR. */
int policy_fill(policy_data *d, const rscene_run *runs, int nruns, bool paths, char *err,
                size_t cap);
void policy_data_free(policy_data *d);

#endif
