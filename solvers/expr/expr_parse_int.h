/* The expression parser's state, shared by expr_parse.c (the grammar) and
 * expr_parse_names.c (names, and errors with their hints). */
#ifndef OPTLAB_EXPR_PARSE_INT_H
#define OPTLAB_EXPR_PARSE_INT_H

#include "expr_int.h"

typedef struct parser {
	expr_lexer lx;
	expr_arena **arena;
	expr_error *err;
	int failed;
	int depth, max_depth;
	long max_dim;
	int declared; /* variables declared up front: free names are errors */
	expr_vinfo *vars;
	int nvars, capvars;
	long dim;
	const expr_const *consts;
	int nconsts;
	/* reduction indices in scope, innermost last */
	const char *idx_name[EXPR_MAX_RED_NEST + 1];
	int idx_len[EXPR_MAX_RED_NEST + 1];
	int nidx;
} parser;

/* Records the first error (MSG formatted with ARG of ARGLEN bytes when ARG is not NULL);
 * NULL, so that a rule can return it. */
expr_node *expr_ps_fail(parser *ps, int line, int col, const char *msg, const char *arg,
                        int arglen);
expr_node *expr_ps_oom(parser *ps);
/* The error for the token at hand, with a hint for a common slip. */
expr_node *expr_ps_unexpected(parser *ps);
int expr_ps_name_eq(const char *a, int la, const char *b);
/* The variable of that name: its index, or -1. */
int expr_ps_find_var(parser *ps, const char *s, int len);
/* The value of a named constant, 1 if found. */
int expr_ps_find_const(parser *ps, const char *s, int len, double *v);
/* The data vector of that name: its place among the constants, or -1. */
int expr_ps_find_data(parser *ps, const char *s, int len);
/* A new variable (SIZE 0: a scalar): its index, or -1 without memory. */
int expr_ps_add_var(parser *ps, const char *s, int len, int size);
/* An unknown variable, with the nearest known name. */
expr_node *expr_ps_unknown_name(parser *ps, const char *s, int len, int line, int col);

#endif
