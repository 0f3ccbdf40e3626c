/* bounds: textbook rate bounds and the constants L and mu they need. */
#include "bounds.h"
#include "dense.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POWER_ITERS 3000
#define STEP_SLACK (1 + 1e-12) /* t <= 1/L up to rounding of a typed-in 1/L */

const char *bound_source_name(bound_source s)
{
	static const char *const names[] = {"exact", "given", "estimated"};
	return names[s];
}

int bound_jacobi(double *a, int n, double *eig)
{
	return dense_eigsym(a, n, eig, NULL);
}

int bound_quad_consts(const prob *p, const double *x, double *L, double *mu, char *err,
                      size_t cap)
{
	int n = p->n;
	if (!(p->caps & PROB_HESS) || !p->ops->hess) {
		snprintf(err, cap, "problem '%s' has no Hessian: give L = V and mu = V", p->name);
		return -1;
	}
	if (n > BOUND_MAX_DENSE) {
		snprintf(err, cap, "exact L and mu need n <= %d (n = %d): give L = V and mu = V",
		         BOUND_MAX_DENSE, n);
		return -1;
	}
	size_t nn = (size_t)n * (size_t)n;
	double *h = malloc(nn * sizeof *h), *h2 = malloc(nn * sizeof *h2);
	double *y = malloc((size_t)n * sizeof *y), *eig = malloc((size_t)n * sizeof *eig);
	int rc = -1;
	if (!h || !h2 || !y || !eig) {
		snprintf(err, cap, "out of memory");
		goto done;
	}
	p->ops->hess(p->ctx, x, h);
	double scale = 0;
	for (size_t i = 0; i < nn; i++)
		scale = fmax(scale, fabs(h[i]));
	/* constant Hessian: the same at two points away from x in different directions */
	for (int trial = 0; trial < 2; trial++) {
		for (int i = 0; i < n; i++)
			y[i] = x[i] + (trial ? -0.7 : 1.3) * (1 + 0.37 * (i % 5)) * (1 + fabs(x[i]));
		p->ops->hess(p->ctx, y, h2);
		for (size_t i = 0; i < nn; i++)
			if (!(fabs(h2[i] - h[i]) <= 1e-9 * (1 + scale))) {
				snprintf(err, cap,
				         "problem '%s' is not a quadratic (its Hessian varies): give L = V "
				         "and mu = V, or `estimate` them",
				         p->name);
				goto done;
			}
	}
	for (int i = 0; i < n; i++) /* symmetrize away rounding */
		for (int j = i + 1; j < n; j++)
			h[i * n + j] = h[j * n + i] = 0.5 * (h[i * n + j] + h[j * n + i]);
	if (bound_jacobi(h, n, eig) != 0) {
		snprintf(err, cap, "the Hessian's eigenvalues did not converge");
		goto done;
	}
	*L = eig[n - 1];
	*mu = eig[0] > 0 ? eig[0] : 0;
	rc = 0;
done:
	free(h);
	free(h2);
	free(y);
	free(eig);
	return rc;
}

/* The largest eigenvalue of shift I - sign H by power iteration from a fixed start. */
static double power(const prob *p, const double *x, double shift, double sign, double *v,
                    double *hv, int n)
{
	for (int i = 0; i < n; i++)
		v[i] = 1 + 0.1 * (i % 7); /* not orthogonal to a typical top eigenvector */
	double lambda = 0;
	for (int it = 0; it < POWER_ITERS; it++) {
		double nv = 0;
		for (int i = 0; i < n; i++)
			nv += v[i] * v[i];
		nv = sqrt(nv);
		if (!(nv > 0) || !isfinite(nv))
			return NAN;
		for (int i = 0; i < n; i++)
			v[i] /= nv;
		p->ops->hessvec(p->ctx, x, v, hv);
		double rq = 0;
		for (int i = 0; i < n; i++) {
			hv[i] = shift * v[i] - sign * hv[i];
			rq += v[i] * hv[i];
		}
		if (it > 10 && fabs(rq - lambda) <= 1e-12 * fabs(rq))
			return rq;
		lambda = rq;
		memcpy(v, hv, (size_t)n * sizeof *v);
	}
	return lambda;
}

int bound_estimate(const prob *p, const double *x, double *L, double *mu, char *err, size_t cap)
{
	int n = p->n;
	if (!(p->caps & PROB_HESS) || !p->ops->hessvec) {
		snprintf(err, cap, "problem '%s' has no Hessian-vector product: give L = V and mu = V",
		         p->name);
		return -1;
	}
	double *v = malloc((size_t)n * sizeof *v), *hv = malloc((size_t)n * sizeof *hv);
	if (!v || !hv) {
		free(v);
		free(hv);
		snprintf(err, cap, "out of memory");
		return -1;
	}
	/* the eigenvalue of largest |lambda| = a is one end of the spectrum; the other is
	 * the top of a I - H (when it was the largest) or of a I + H (the smallest), both
	 * with eigenvalues in [0, 2a] */
	double top = power(p, x, 0, -1, v, hv, n), a = fabs(top), other = NAN;
	if (isfinite(top))
		other = top >= 0 ? a - power(p, x, a, 1, v, hv, n) : power(p, x, a, -1, v, hv, n) - a;
	free(v);
	free(hv);
	if (!isfinite(top) || !isfinite(other)) {
		snprintf(err, cap, "the Hessian is not finite at the point: give L = V and mu = V");
		return -1;
	}
	*L = fmax(top, other);
	*mu = fmin(top, other);
	return 0;
}

/* The bound's legend: the formula, then the constants it used. */
static void legend(bound *b, const char *formula)
{
	char consts[96];
	int len = snprintf(consts, sizeof consts, "t = %.3g, L = %.3g%s", b->t, b->L,
	                   b->src_L == BOUND_ESTIMATED ? " est." : "");
	if (b->kind == BOUND_GD_STRONG || b->kind == BOUND_HEAVYBALL)
		snprintf(consts + len, sizeof consts - (size_t)len, ", μ = %.3g%s", b->mu,
		         b->src_mu == BOUND_ESTIMATED ? " est." : "");
	snprintf(b->formula, sizeof b->formula, "%s (%s)", formula, consts);
}

static double param(const meth *m, const double *params, const char *name)
{
	for (int i = 0; i < m->nparams; i++)
		if (strcmp(m->params[i].name, name) == 0)
			return params[i];
	return NAN;
}

static int step_ok(double t, double L, const char *what, char *err, size_t cap)
{
	if (t * L <= STEP_SLACK)
		return 0;
	snprintf(err, cap, "the bound assumes %s <= 1/L = %.6g; the run's is %.6g", what, 1 / L, t);
	return -1;
}

/* sigma*^2 = (1/m) sum_i |grad f_i(x*)|^2, exactly from the components. */
static double sigma_star2(const prob *p, double *g)
{
	const prob_sum *sum = p->sum;
	double t = 0;
	for (long i = 0; i < sum->m; i++) {
		sum->comp_grad(sum->ctx, i, p->xstar, g);
		for (int j = 0; j < p->n; j++)
			t += g[j] * g[j];
	}
	return t / (double)sum->m;
}

/* sgd: the one-step inequality of Gower et al. 2019 (Thm 3.1) with expected
 * smoothness Lmax (sampling with replacement), over the run's own schedule. */
static int sgd_bound(const prob *p, const meth *m, const double *params, double lmax,
                     bound *b, char *err, size_t cap)
{
	int batch = (int)param(m, params, "batch"), sched = (int)param(m, params, "schedule");
	double noise = param(m, params, "noise"), dof = param(m, params, "dof");
	if (!(p->caps & PROB_SUM) || !p->sum) {
		snprintf(err, cap, "the sgd bound is for a finite sum (1/m) sum f_i; '%s' is none",
		         p->name);
		return -1;
	}
	if (p->g) {
		snprintf(err, cap, "the sgd bound is for a smooth f (no regularizer g)");
		return -1;
	}
	if (param(m, params, "replacement") == 0) {
		snprintf(err, cap, "the sgd bound assumes sampling with replacement (replacement = 1)");
		return -1;
	}
	if (param(m, params, "momentum") != 0 || param(m, params, "clip") != 0) {
		snprintf(err, cap, "the sgd bound is for plain sgd (momentum = 0, no clipping)");
		return -1;
	}
	if (!(b->mu > 0)) {
		snprintf(err, cap, "the sgd bound needs f mu-strongly convex with mu > 0: give mu = V");
		return -1;
	}
	b->src_lmax = lmax > 0 ? BOUND_GIVEN : BOUND_EXACT;
	b->lmax = lmax > 0 ? lmax : p->sum->lmax;
	if (!(b->lmax > 0)) {
		snprintf(err, cap, "the smoothness Lmax of the components of '%s' is not known: give "
		         "Lmax = V", p->name);
		return -1;
	}
	if (b->t * 2 * b->lmax > STEP_SLACK) { /* every schedule's multiplier is <= 1 */
		snprintf(err, cap, "the sgd bound assumes step <= 1/(2 Lmax) = %.6g; the run's is %.6g",
		         0.5 / b->lmax, b->t);
		return -1;
	}
	/* added noise: zero mean, independent, variance n noise^2 (x dof/(dof-2) for
	   student) per sample, / b for the minibatch: E|g|^2 grows by that, i.e. s2 by half */
	double var = 0;
	if (noise > 0) {
		if ((int)param(m, params, "noisedist") == 1 && !(dof > 2)) {
			snprintf(err, cap, "student noise with dof <= 2 has no variance: no sgd bound");
			return -1;
		}
		var = p->n * noise * noise * ((int)param(m, params, "noisedist") == 1 ? dof / (dof - 2)
		                                                                       : 1);
	}
	double *g = malloc((size_t)p->n * sizeof *g);
	if (!g) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	b->s2 = (sigma_star2(p, g) + 0.5 * var) / batch;
	free(g);
	memset(&b->sched, 0, sizeof b->sched);
	b->sched.sched = sched;
	b->sched.k0 = param(m, params, "k0");
	b->sched.gamma = param(m, params, "gamma");
	b->sched.horizon = param(m, params, "horizon");
	b->sched.warmup = param(m, params, "warmup");
	b->kind = BOUND_SGD;
	char consts[112];
	snprintf(consts, sizeof consts, "t = %.3g, μ = %.3g%s, s² = %.3g, L = %.3g%s", b->t, b->mu,
	         b->src_mu == BOUND_ESTIMATED ? " est." : "", b->s2, b->L,
	         b->src_L == BOUND_ESTIMATED ? " est." : "");
	if (sched == STOCH_CONSTANT && !(b->sched.warmup > 0))
		snprintf(b->formula, sizeof b->formula,
		         "L/2 [qᵏ‖x₀ − x*‖² + (1 − qᵏ) 2ts²/μ], q = 1 − tμ, floor %.3g (%s)",
		         b->L * b->t * b->s2 / b->mu, consts);
	else
		snprintf(b->formula, sizeof b->formula,
		         "L/2 rₖ, rₖ₊₁ = (1 − tₖμ) rₖ + 2tₖ²s², r₀ = ‖x₀ − x*‖², tₖ = t %s%s (%s)",
		         stoch_schedule_names[sched], b->sched.warmup > 0 ? " warmup" : "", consts);
	snprintf(b->assumption, sizeof b->assumption,
	         "E over the samples; fᵢ convex, Lmax-smooth (Lmax = %.4g %s), f μ-strongly "
	         "convex; batch %d with replacement; tₖ ≤ 1/(2 Lmax); s² = σ*²/b%s; "
	         "f − f* ≤ L/2 ‖x − x*‖²",
	         b->lmax, bound_source_name(b->src_lmax), batch, var > 0 ? " + noise var/2b" : "");
	return 0;
}

int bound_for(const prob *p, const meth *m, const double *params, const double *x0, double L,
              bound_source src_L, double mu, bound_source src_mu, double lmax, bound *b,
              char *err, size_t cap)
{
	memset(b, 0, sizeof *b);
	if (!(L > 0) || !isfinite(L) || !(mu >= 0) || mu > L) {
		snprintf(err, cap, "needs 0 < L and 0 <= mu <= L (L = %g, mu = %g)", L, mu);
		return -1;
	}
	if (p->nsol == 0 || isnan(p->fstar)) {
		snprintf(err, cap, "the bounds need a known minimizer and f*; problem '%s' has none",
		         p->name);
		return -1;
	}
	b->L = L;
	b->mu = mu;
	b->src_L = src_L;
	b->src_mu = src_mu;
	double d = prob_dist_to_sol(p, x0);
	b->r0sq = d * d;
	b->f0gap = p->ops->value(p->ctx, x0) + (p->g ? p->g->value(p->g->ctx, x0, p->n) : 0) -
	           p->fstar;
	const char *name = m->name;
	b->t = param(m, params, "step");
	double ls = param(m, params, "linesearch");
	if (strcmp(name, "gd") == 0) {
		if (ls != 0) {
			snprintf(err, cap, "the gd bounds are proved for a fixed step (linesearch = none)");
			return -1;
		}
		if (step_ok(b->t, L, "step", err, cap) != 0)
			return -1;
		b->kind = mu > 0 ? BOUND_GD_STRONG : BOUND_GD_CONVEX;
		legend(b, mu > 0 ? "(1 − μt)ᵏ (f₀ − f*)" : "‖x₀ − x*‖² / (2tk)");
		snprintf(b->assumption, sizeof b->assumption, "f L-smooth and %s, fixed step t ≤ 1/L",
		         mu > 0 ? "μ-strongly convex" : "convex");
	} else if (strcmp(name, "nesterov") == 0) {
		if (step_ok(b->t, L, "step", err, cap) != 0)
			return -1;
		if ((int)param(m, params, "schedule") == 1) {
			b->m = param(m, params, "mu");
			if (b->m > mu * STEP_SLACK) {
				snprintf(err, cap, "the bound assumes the method's mu <= mu = %.6g; it is %.6g",
				         mu, b->m);
				return -1;
			}
			b->kind = BOUND_NESTEROV_STRONG;
			legend(b, "(1 − √(mt))ᵏ (f₀ − f* + m/2 ‖x₀ − x*‖²)");
			snprintf(b->assumption, sizeof b->assumption,
			         "f L-smooth and μ-strongly convex, t ≤ 1/L, the method's m ≤ μ");
		} else {
			b->kind = BOUND_NESTEROV;
			legend(b, "2‖x₀ − x*‖² / (t(k+1)²)");
			snprintf(b->assumption, sizeof b->assumption, "f L-smooth and convex, t ≤ 1/L");
		}
	} else if (strcmp(name, "ista") == 0 || strcmp(name, "fista") == 0) {
		int fista = name[0] == 'f';
		if (fista && param(m, params, "restart") != 0) {
			snprintf(err, cap, "the FISTA bound is proved without restarts (restart = none)");
			return -1;
		}
		if (ls != 0) /* backtracking's steps never fall below shrink/L */
			b->t = fmin(b->t, param(m, params, "shrink") / L);
		else if (step_ok(b->t, L, "step", err, cap) != 0)
			return -1;
		b->kind = fista ? BOUND_FISTA : BOUND_ISTA;
		legend(b, fista ? "2‖x₀ − x*‖² / (t(k+1)²)" : "‖x₀ − x*‖² / (2tk)");
		snprintf(b->assumption, sizeof b->assumption,
		         "f L-smooth and convex, g convex, %s", ls != 0 ? "t = min(step, shrink/L)"
		                                                        : "fixed step t ≤ 1/L");
	} else if (strcmp(name, "heavyball") == 0) {
		double a = b->t, r = sqrt(param(m, params, "momentum"));
		char q[96];
		if (bound_quad_consts(p, x0, &(double){0}, &(double){0}, q, sizeof q) != 0) {
			snprintf(err, cap, "the heavy-ball bound is proved for quadratics: %s", q);
			return -1;
		}
		if (!(a * mu >= (1 - r) * (1 - r) * (1 - 1e-9) && a * L <= (1 + r) * (1 + r) * (1 + 1e-9))) {
			snprintf(err, cap,
			         "the heavy-ball bound needs (1 - r)^2 <= step mu and step L <= (1 + r)^2, "
			         "r = sqrt(momentum) (e.g. step = 4/(sqrt L + sqrt mu)^2, momentum = "
			         "((sqrt L - sqrt mu)/(sqrt L + sqrt mu))^2)");
			return -1;
		}
		b->m = r;
		b->kind = BOUND_HEAVYBALL;
		legend(b, "(1 + k(1 + r))² r²ᵏ (f₀ − f*)");
		snprintf(b->assumption, sizeof b->assumption,
		         "f quadratic, μI ≼ H ≼ LI, (1 − r)² ≤ aμ, aL ≤ (1 + r)², r = √b");
	} else if (strcmp(name, "clipsgd") == 0) {
		snprintf(err, cap, "the sgd bound is for plain sgd: clipping biases the estimate");
		return -1;
	} else if (strcmp(name, "sgd") == 0) {
		return sgd_bound(p, m, params, lmax, b, err, cap);
	} else {
		snprintf(err, cap,
		         "no textbook bound for %s here (bounds: gd, nesterov, heavyball, ista, fista, "
		         "sgd)",
		         name);
		return -1;
	}
	return 0;
}

double bound_value(const bound *b, long k)
{
	double kk = (double)k;
	switch (b->kind) {
	case BOUND_GD_CONVEX:
	case BOUND_ISTA:
		return k == 0 ? INFINITY : b->r0sq / (2 * b->t * kk);
	case BOUND_GD_STRONG:
		return pow(1 - b->mu * b->t, kk) * b->f0gap;
	case BOUND_NESTEROV:
	case BOUND_FISTA:
		return 2 * b->r0sq / (b->t * (kk + 1) * (kk + 1));
	case BOUND_NESTEROV_STRONG:
		return pow(1 - sqrt(b->m * b->t), kk) * (b->f0gap + 0.5 * b->m * b->r0sq);
	case BOUND_SGD:
		return 0.5 * b->L * bound_sgd_dist2(b, k);
	case BOUND_CUBIC:
		return k == 0 ? INFINITY : 4.5 * (b->L + b->m) * pow(b->D, 3) / ((kk + 4) * (kk + 4));
	case BOUND_CUBIC_GRAD:
		return k == 0 ? INFINITY : 0.5 * (b->L + b->m) * pow(b->f0gap / (b->t * kk), 2.0 / 3);
	case BOUND_HEAVYBALL: {
		/* each eigencomponent: |e_k| <= r^k (1 + k (1 + r)) |e_0| (complex roots of modulus r) */
		double c = 1 + kk * (1 + b->m);
		return c * c * pow(b->m, 2 * kk) * b->f0gap;
	}
	}
	return NAN;
}

/* One step of the sgd recursion: r_k+1 from r_k with the run's step t_k. */
static double sgd_next(const bound *b, stoch *sc, long k, double r)
{
	sc->k = k;
	double t = b->t * stoch_rate(sc);
	return (1 - t * b->mu) * r + 2 * t * t * b->s2;
}

double bound_sgd_dist2(const bound *b, long k)
{
	if (b->kind != BOUND_SGD)
		return NAN;
	stoch sc = b->sched;
	double r = b->r0sq;
	for (long j = 0; j < k; j++)
		r = sgd_next(b, &sc, j, r);
	return r;
}

void bound_values(const bound *b, const double *ks, size_t n, double *out)
{
	if (b->kind != BOUND_SGD) {
		for (size_t i = 0; i < n; i++)
			out[i] = bound_value(b, (long)ks[i]);
		return;
	}
	stoch sc = b->sched;
	double r = b->r0sq;
	long j = 0;
	for (size_t i = 0; i < n; i++) {
		for (; j < (long)ks[i]; j++)
			r = sgd_next(b, &sc, j, r);
		out[i] = 0.5 * b->L * r;
	}
}
