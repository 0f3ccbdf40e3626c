/* cmd: the command table. Help, completion and dispatch all read it. */
#ifndef OPTLAB_CMD_H
#define OPTLAB_CMD_H

#include "lex.h"
#include "sess.h"

/* What completes the words after a command's name (interactive Tab). */
enum cmd_complete { CMPL_NONE, CMPL_COMMAND, CMPL_PROBLEM, CMPL_SOLVER, CMPL_RUN, CMPL_METHOD,
	            CMPL_FILE, CMPL_ANY, CMPL_SETTING };

typedef struct cmd_def {
	const char *name;
	const char *usage;
	const char *summary;
	const char *help; /* a paragraph or more; may be NULL */
	/* Runs the command: the lexer stands on the first token after the name. */
	int (*run)(sess *s, lex *l);
	enum cmd_complete complete;
} cmd_def;

const cmd_def *cmd_table(int *count);
const cmd_def *cmd_find(const char *name, int len);
/* Runs one command (its text without ';' or comment). 0 or -1. */
int cmd_exec(sess *s, const char *text);

#endif
