/* Commands about the session itself: help, quit. */
#include <string.h>

#include "cmd.h"
#include "cmd_all.h"
#include "parse.h"

int cmd_help(sess *s, lex *l)
{
	int n;
	const cmd_def *t = cmd_table(&n);
	if (l->tok.kind == LEX_END) {
		fprintf(s->out, "Commands (`help COMMAND` for more):\n");
		for (int i = 0; i < n; i++)
			fprintf(s->out, "  %-10s %s\n", t[i].name, t[i].summary);
		return 0;
	}
	if (l->tok.kind != LEX_WORD)
		return sess_fail(s, l->tok.col, "expected a command name");
	const cmd_def *c = cmd_find(l->tok.text, l->tok.len);
	if (!c)
		return sess_fail(s, l->tok.col, "no command '%.*s'; `help` lists the commands",
		                 l->tok.len, l->tok.text);
	lex_next(l);
	if (parse_end(s, l) != 0)
		return -1;
	fprintf(s->out, "usage: %s\n%s.\n", c->usage, c->summary);
	if (c->help)
		fprintf(s->out, "\n%s\n", c->help);
	return 0;
}

int cmd_quit(sess *s, lex *l)
{
	if (parse_end(s, l) != 0)
		return -1;
	s->quit = 1;
	return 0;
}
