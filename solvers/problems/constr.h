/* constr: explicit constraints c_i(x) <= 0 and h_j(x) = 0 written as expressions over a
 * problem's variables (prob_constr), and what penalty, Lagrangian and barrier methods
 * read from them: values, gradients and the violation.
 *
 * Ownership: constr_add grows p->constr (prob_free frees it). The evaluators borrow;
 * they run the constraint tapes, so one problem serves one thread at a time (as its
 * own tape does). */
#ifndef OPTLAB_CONSTR_H
#define OPTLAB_CONSTR_H

#include "prob.h"

#define CONSTR_MAX 64 /* constraints of each kind on one problem */

/* Adds "LHS <= RHS", "LHS >= RHS" or "LHS = RHS" over p's variables (p needs a tape),
 * compiled as LHS - RHS <= 0 (RHS - LHS for >=), and sets PROB_CONSTR. consts: named
 * constants (may be NULL). 0, or -1 with err (columns within src). */
int constr_add(prob *p, const char *src, const expr_const *consts, int nconsts, expr_error *err);

/* "LHS <= RHS", ">=" or "=" compiled as one tape over opt's variables (LHS - RHS, RHS -
 * LHS for >=); *eq = 1 for an equality. NULL with err (columns within src). */
expr_tape *constr_compile(const char *src, const expr_options *opt, int *eq, expr_error *err);
/* m_ineq + m_eq */
int constr_count(const prob_constr *c);
/* The w-th constraint as written (0-based): its index k among inequalities then
 * equalities, as the evaluators number them; its text in *src when src != NULL. */
int constr_written(const prob_constr *c, int w, const char **src);
/* out[0..m_ineq) = c(x), out[m_ineq..m) = h(x) */
void constr_eval(const prob_constr *c, const double *x, double *out);
/* Constraint k (inequalities first, then equalities): its value; fills g[0..n). */
double constr_grad(const prob_constr *c, int k, const double *x, double *g);
/* max(0, max_i c_i(x), max_j |h_j(x)|) */
double constr_violation(const prob_constr *c, const double *x);

#endif
