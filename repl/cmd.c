/* cmd: the command table and dispatch. */
#include "cmd.h"

#include <string.h>

#include "cmd_all.h"

/* ORDER: alphabetical within groups, as `help` lists them. */
static const cmd_def commands[] = {
	{"help", "help [COMMAND]", "list the commands, or explain one",
	 "With no argument, lists every command with a one-line summary. With a\n"
	 "command's name, prints its usage and what it does.",
	 cmd_help, CMPL_COMMAND},
	{"quit", "quit", "leave optlab", "Leaves optlab. Ctrl-D at the prompt does the same.",
	 cmd_quit, CMPL_NONE},
};

const cmd_def *cmd_table(int *count)
{
	*count = (int)(sizeof commands / sizeof commands[0]);
	return commands;
}

const cmd_def *cmd_find(const char *name, int len)
{
	int n;
	const cmd_def *t = cmd_table(&n);
	for (int i = 0; i < n; i++)
		if ((int)strlen(t[i].name) == len && strncmp(t[i].name, name, (size_t)len) == 0)
			return &t[i];
	return NULL;
}

int cmd_exec(sess *s, const char *text)
{
	lex l;
	lex_init(&l, text);
	if (l.tok.kind != LEX_WORD)
		return sess_fail(s, l.tok.col, "expected a command; `help` lists them");
	const cmd_def *c = cmd_find(l.tok.text, l.tok.len);
	if (!c)
		return sess_fail(s, l.tok.col, "unknown command '%.*s'; `help` lists the commands",
		                 l.tok.len, l.tok.text);
	lex_next(&l);
	return c->run(s, &l);
}
