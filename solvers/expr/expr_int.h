/* expr_int: what the stages of the expression compiler share (not public). */
#ifndef OPTLAB_EXPR_INT_H
#define OPTLAB_EXPR_INT_H

#include <stddef.h>
#include <stdint.h>

#include "expr.h"
#include "expr_ops.h"

/* Reductions nested in one another (a bit each in expr_node.deps). */
#define EXPR_MAX_RED_NEST 32
/* Most terms a single reduction may run over (the same bound as the dimension). */
#define EXPR_MAX_TERMS EXPR_MAX_DIM
/* Lanes of a reduction chunk: small enough that a chunk's registers stay in L1/L2. */
#define EXPR_LANES 256
/* Doubles of value (or adjoint) registers per block, the budget for its lanes. */
#define EXPR_LANE_BUDGET (1 << 17)

/* ---- errors (expr_lex.c) ---- */
void expr_err_set(expr_error *err, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- arena: every syntax node lives in one, freed at once ---- */
typedef struct expr_arena expr_arena;
void *expr_arena_alloc(expr_arena **a, size_t n);
void expr_arena_free(expr_arena *a);

/* ---- lexer (expr_lex.c) ---- */
enum expr_tok { TK_END, TK_NUM, TK_NAME, TK_OP, TK_BAD };

typedef struct expr_lexer {
	const char *src, *p;
	int line;
	const char *line_start;
	/* the current token */
	int tok;
	char op; /* TK_OP: one of + - * / ^ ( ) [ ] , = */
	double num;
	const char *name;
	int namelen;
	int tline, tcol;
	const char *bad; /* TK_BAD: why */
} expr_lexer;

void expr_lex_init(expr_lexer *lx, const char *src);
void expr_lex_next(expr_lexer *lx);

/* ---- builtins (expr_funcs.c) ---- */
enum expr_fkind { FK_OP, FK_MINMAX, FK_LSE, FK_RED, FK_LEN };
/* RED_SUMSQ lives in the parser only: it becomes RED_SUM over BODY^2, marked sumsq. */
enum expr_redkind { RED_SUM, RED_PROD, RED_LSE, RED_SUMSQ };

typedef struct expr_func {
	const char *name;
	int minargs, maxargs; /* maxargs -1: any number */
	int kind;             /* enum expr_fkind */
	int op;               /* FK_OP: the opcode; FK_MINMAX: OP_MIN or OP_MAX; FK_RED: kind */
	const char *help;
} expr_func;

const expr_func *expr_func_find(const char *name, int len);
/* The names of funcs in table order, for suggestions. */
const char *const *expr_func_names(void);

/* ---- syntax tree (expr_parse.c) ---- */
enum expr_nkind {
	N_NUM,  /* num */
	N_VAR,  /* scalar variable var */
	N_XIDX, /* indexed variable var, kid 0 the index */
	N_DIDX, /* data vector: constant var of the options, kid 0 the index */
	N_IDX,  /* index of the reduction at level lvl */
	N_ADD,  /* n-ary sum, inv[k]: subtract kid k */
	N_MUL,  /* n-ary product, inv[k]: divide by kid k */
	N_NEG,
	N_POW,  /* kid 0 ^ kid 1 */
	N_CALL, /* op with kids: FK_OP and FK_MINMAX, FK_LSE over a list */
	N_RED   /* reduction op (kind) at level lvl: kids lo, hi, body */
};

typedef struct expr_node {
	int kind, line, col;
	int op, var, lvl;
	uint64_t deps; /* bit L: this subtree uses the index of the reduction at level L */
	int active; /* depends on a variable */
	int sumsq;  /* N_RED: written sumsq(...), its body is SQ(BODY) */
	double num;
	int nkids;
	struct expr_node **kids;
	unsigned char *inv;
} expr_node;

typedef struct expr_vinfo {
	char *name;
	int size, off;
} expr_vinfo;

typedef struct expr_parse_out {
	expr_node *root;
	expr_vinfo *vars; /* malloc'd, names malloc'd */
	int nvars, dim;
	const expr_const *consts; /* borrowed from the options: data vectors for N_DIDX */
} expr_parse_out;

/* Returns 0, or -1 with *err filled. The nodes live in *arena. */
int expr_parse(const char *src, const expr_options *opt, expr_arena **arena, expr_parse_out *out,
               expr_error *err);

/* ---- the tape ---- */
typedef struct expr_ins {
	int op;
	unsigned char seta, setb; /* reverse: the first adjoint contribution stores, not adds */
	unsigned char act;        /* the result depends on a variable */
	int d, a, b, aux;
	double c, c2;
	int line, col;
} expr_ins;

typedef struct expr_block {
	int ins0, nins, nregs;
	int parent, level, kind; /* kind: enum expr_redkind (block 0: unused) */
	int body;                /* the register holding the term (block 0: the result) */
	int lanes;               /* lanes of the vector interpreter */
	int flat;                /* no reduction inside: the fast path can run it */
	int unit;                /* block > 0: the adjoint of its reduction is 1 */
	size_t vbase;            /* offset of its registers in the vector scratch */
	int sbase;               /* offset of its registers among all (scalar scratch, regact) */
} expr_block;

typedef struct expr_red_state {
	double acc, q, s, m, t; /* reduction accumulators (see expr_scalar.c) */
	double dz1, dz2;
	double qm, qe; /* prod: the nonzero terms' product as qm 2^qe (no under/overflow) */
	long nz;
} expr_red_state;

struct expr_tape {
	expr_vinfo *vars;
	int nvars, dim;
	expr_ins *ins;
	int nins;
	expr_block *blocks;
	int nblocks;
	unsigned char *regact; /* per register (block sbase + r): depends on a variable */
	int nregs;             /* all blocks */
	int fast; /* the vector interpreter handles value and gradient */
	long max_work; /* operations in reduction terms the current evaluation may take */
	long work;     /* ... taken by its forward sweep so far */
	int over;      /* the current evaluation passed max_work: its result is NaN */
	int reverse;   /* in the reverse sweep: its re-forwards are not counted again */
	int batch_fast; /* ...and batch values (no reduction at all) */
	/* Least squares: an expression that is sumsq(i = A, B, BODY) with constant bounds
	 * keeps the tape of its unsquared terms here (owned), and their range. */
	struct expr_tape *lsq;
	long lsq_lo, lsq_hi;
	/* ... or a sum of squares written out: a tape per residual, times rscale (owned) */
	struct expr_tape **res;
	double *rscale;
	long nres;
	int term_block; /* > 0: that reduction runs over the single index `term` */
	long term;
	double *data;   /* the data vectors read (DSLICE, DGATHER), one after another */
	size_t ndata;
	/* scratch (not copied by expr_clone) */
	double *vs;     /* vector registers: values then adjoints */
	size_t vsize;   /* doubles of values (adjoints follow) */
	double **vptr;  /* per block register pointers: values then adjoints */
	double *seed;   /* EXPR_LANES */
	double *ss;     /* scalar registers: val, dot, adj, adot */
	int sregs;
	long *cur;      /* per block: the current index */
	expr_red_state *rs; /* per instruction (used by RED only) */
	double *xbuf;   /* batch fallback: one point */
};

/* expr_compile.c */
expr_tape *expr_build(const expr_parse_out *po, const expr_node *root, expr_error *err);

/* expr_api.c */
void expr_free_vars(expr_vinfo *v, int n);

/* expr_lsq.c: the residuals of a least-squares expression beside t (t->lsq or t->res):
 * 0, or -1 without memory; a copy of t's for its clone c; dropping them. */
expr_vinfo *expr_copy_vars(const expr_vinfo *v, int n);
int expr_lsq_build(expr_tape *t, const expr_parse_out *po);
int expr_lsq_clone(expr_tape *c, const expr_tape *t);
void expr_lsq_drop(expr_tape *t);
int expr_alloc_scratch(expr_tape *t);
void expr_free_scratch(expr_tape *t);

/* expr_scalar.c: the reference interpreter, any shape, value to Hessian-vector. */
double expr_scalar_value(expr_tape *t, const double *x);
double expr_scalar_grad(expr_tape *t, const double *x, double *g);
double expr_scalar_hessvec(expr_tape *t, const double *x, const double *v, double *g, double *hv);
/* The forward (tangent) sweep alone: f, and *df = grad f(x) . v (expr_fwd.c). */
double expr_scalar_tangent(expr_tape *t, const double *x, const double *v, double *df);

/* expr_vec.c: the lane interpreter, the fast path. */
double expr_vec_value(expr_tape *t, const double *x);
double expr_vec_grad(expr_tape *t, const double *x, double *g);
void expr_vec_batch(expr_tape *t, int k, const double *const *cols, const int *strides,
                    double *out);

/* Range of a reduction at run time (regs: its block's values), its terms' operations
 * counted against the evaluation's budget; 0 when the bounds are unusable or the
 * budget is spent (t->over: the reduction, and the evaluation, are NaN). */
int expr_red_range(expr_tape *t, const expr_ins *in, const double *regs, long *lo, long *hi);
/* An evaluation starts: the whole budget (expr_work_limit) and nothing spent. */
void expr_budget_start(expr_tape *t);
/* The value a DSLICE or DGATHER reads, NaN outside its data vector. */
double expr_data_at(const expr_tape *t, const expr_ins *in, double index);
/* Slices of block b stay inside their variables (and data vectors) over lo..hi. */
int expr_slices_ok(const expr_tape *t, const expr_block *b, long lo, long hi);

#endif
