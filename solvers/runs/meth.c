/* meth: the catalogue. Adding a method is one file in methods/FAMILY/ and one line in
 * METH_LIST, ordered by family (the order `methods` lists them). */
#include "meth.h"
#include "trace.h"

#include <stdlib.h>
#include <string.h>

/* ORDER: by family, then from simple to elaborate. One line per method. */
#define METH_LIST(X)                                                                      \
	X(meth_gd)                                                                        \
	X(meth_heavyball)                                                                 \
	X(meth_nesterov)                                                                  \
	X(meth_cg)                                                                        \
	X(meth_bfgs)                                                                      \
	X(meth_lbfgs)                                                                     \
	X(meth_newton)                                                                    \
	X(meth_newtoncg)                                                                  \
	X(meth_dogleg)                                                                    \
	X(meth_trnewton)                                                                  \
	X(meth_regnewton)                                                                 \
	X(meth_dampednewton)                                                              \
	X(meth_cubic)                                                                     \
	X(meth_arc)                                                                       \
	X(meth_lazynewton)                                                                \
	X(meth_gaussnewton)                                                               \
	X(meth_lm)                                                                        \
	X(meth_cd)                                                                        \
	X(meth_neldermead)                                                                \
	X(meth_zo)                                                                        \
	X(meth_zorank)                                                                    \
	X(meth_zofw)                                                                      \
	X(meth_fwdgrad)                                                                   \
	X(meth_randomsearch)                                                              \
	X(meth_de)                                                                        \
	X(meth_ga)                                                                        \
	X(meth_cbo)                                                                       \
	X(meth_cmaes)                                                                     \
	X(meth_direct)                                                                    \
	X(meth_bo)                                                                        \
	X(meth_subgradient)                                                               \
	X(meth_ista)                                                                      \
	X(meth_fista)                                                                     \
	X(meth_proxpoint)                                                                 \
	X(meth_admm)                                                                      \
	X(meth_bcd)                                                                       \
	X(meth_pgd)                                                                       \
	X(meth_frankwolfe)                                                                \
	X(meth_penalty)                                                                   \
	X(meth_auglag)                                                                    \
	X(meth_barrier)                                                                   \
	X(meth_primaldual)                                                                \
	X(meth_gda)                                                                       \
	X(meth_ttgda)                                                                     \
	X(meth_extragradient)                                                             \
	X(meth_ogda)                                                                      \
	X(meth_halpern)                                                                   \
	X(meth_gproxpoint)                                                                \
	X(meth_chambollepock)                                                             \
	X(meth_md)                                                                        \
	X(meth_mirrorprox)                                                                \
	X(meth_omd)                                                                       \
	X(meth_sinkhorn)                                                                  \
	X(meth_bilevelpenalty)                                                            \
	X(meth_lvhba)                                                                     \
	X(meth_aid)                                                                       \
	X(meth_itd)                                                                       \
	X(meth_bome)                                                                      \
	X(meth_jacobi)                                                                    \
	X(meth_gaussseidel)                                                               \
	X(meth_sor)                                                                       \
	X(meth_ssor)                                                                      \
	X(meth_kaczmarz)                                                                  \
	X(meth_lincg)                                                                     \
	X(meth_chebyshev)                                                                 \
	X(meth_learnsor)                                                                  \
	X(meth_ula)                                                                       \
	X(meth_mala)                                                                      \
	X(meth_proxlangevin)                                                              \
	X(meth_hmc)                                                                       \
	X(meth_svgd)                                                                      \
	X(meth_fedavg)                                                                    \
	X(meth_fedprox)                                                                   \
	X(meth_scaffold)                                                                  \
	X(meth_dgd)                                                                       \
	X(meth_gt)                                                                        \
	X(meth_pg)                                                                        \
	X(meth_npg)                                                                       \
	X(meth_mdpo)                                                                      \
	X(meth_reinforce)                                                                 \
	X(meth_a2c)                                                                       \
	X(meth_ppo)                                                                       \
	X(meth_dpo)                                                                       \
	X(meth_lagrangianpg)                                                              \
	X(meth_weightedsum)                                                               \
	X(meth_tchebycheff)                                                               \
	X(meth_mgda)                                                                      \
	X(meth_pcgrad)                                                                    \
	X(meth_nsga2)                                                                     \
	X(meth_sgd)                                                                       \
	X(meth_clipsgd)                                                                   \
	X(meth_svrg)                                                                      \
	X(meth_saga)                                                                      \
	X(meth_dog)                                                                       \
	X(meth_adagrad)                                                                   \
	X(meth_rmsprop)                                                                   \
	X(meth_adam)                                                                      \
	X(meth_adam8bit)                                                                  \
	X(meth_adamw)                                                                     \
	X(meth_amsgrad)                                                                   \
	X(meth_diffgrad)                                                                  \
	X(meth_lion)                                                                      \
	/* end of METH_LIST: every entry above ends with a backslash */

#define X(m) extern const meth m;
METH_LIST(X)
#undef X

static const meth *const catalog[] = {
#define X(m) &m,
	METH_LIST(X)
#undef X
};

const meth *const *meth_catalog(int *count)
{
	if (count)
		*count = (int)(sizeof catalog / sizeof *catalog);
	return catalog;
}

const meth *meth_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof catalog / sizeof *catalog; i++)
		if (strcmp(catalog[i]->name, name) == 0)
			return catalog[i];
	return NULL;
}

/* Probes are for the picture only: without memory the probe is dropped. Only the
 * coordinates the trace keeps are stored. */
void meth_probe(meth_ctx *c, const double *p)
{
	size_t w = c->n <= TRACE_MAX_FULL ? (size_t)c->n : 2;
	if (c->nprobe == c->probe_cap) {
		int cap = c->probe_cap ? 2 * c->probe_cap : 16;
		double *q = realloc(c->probes, (size_t)cap * w * sizeof *q);
		if (!q)
			return;
		c->probes = q;
		c->probe_cap = cap;
	}
	memcpy(c->probes + (size_t)c->nprobe * w, p, w * sizeof *p);
	c->nprobe++;
}
