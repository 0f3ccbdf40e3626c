/* explain_terms: what a step of each method family is, in the family's own
 * terms, for `explain`: what the move holds beyond a plain gradient step, what
 * its probe points are, and whether the move is built from the gradient at all.
 * Every family of the catalogue has an entry (test_cmd checks it).
 *
 * Ownership: the entries are static. */
#ifndef OPTLAB_EXPLAIN_TERMS_H
#define OPTLAB_EXPLAIN_TERMS_H

typedef struct explain_terms {
	const char *family;
	const char *rest;   /* the part of the move beyond -step * g, or the whole move */
	const char *probes; /* what the step's probe points are */
	int valued;         /* 1: values only (or sampled): the move is not split by g */
} explain_terms;

/* The family's entry, or NULL for a family with none. */
const explain_terms *explain_terms_find(const char *family);
/* A method's own words for a column value, e.g. neldermead's op 2 "contracted
 * outside", or NULL. */
const char *explain_terms_column(const char *method, const char *column, double v);

#endif
