/* cmaes: what CMA-ES shows of its state, for tests that check what it learned. */
#ifndef OPTLAB_CMAES_H
#define OPTLAB_CMAES_H

/* Copies the covariance matrix C (n x n, row-major; sigma^2 C is the sampling
 * covariance) of a cmaes run's state (run_state). 0, or -1 before it has one. */
int cmaes_covariance(const void *state, double *cov);

#endif
