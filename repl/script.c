/* script: logical lines (continuations) and the commands in them. */
#include "script.h"

#include <stdlib.h>
#include <string.h>

/* Scans text: returns the bracket depth left open, sets *in_string and
 * *backslash (the last non-blank character before any comment is '\'). */
static int scan(const char *text, int *in_string, int *backslash)
{
	int depth = 0, str = 0, last = 0;
	for (const char *p = text; *p; p++) {
		if (str) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				str = 0;
			else if (*p == '\n')
				str = 0; /* strings do not span lines */
			continue;
		}
		if (*p == '#') {
			while (p[1] && p[1] != '\n')
				p++;
			continue;
		}
		if (*p == '"')
			str = 1;
		else if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		if (*p != ' ' && *p != '\t' && *p != '\r')
			last = *p;
	}
	*in_string = str;
	*backslash = last == '\\';
	return depth;
}

int script_needs_more(const char *text)
{
	int str, bs;
	int depth = scan(text, &str, &bs);
	return depth > 0 || bs;
}

/* A '#' comment becomes blanks to the end of its physical line, so that the
 * commands of a logical line never see one (a comment inside a parenthesised
 * continuation), and columns stay where they were. Strings do not span lines. */
static void blank_comment(char *line)
{
	int str = 0;
	for (char *p = line; *p; p++) {
		if (str) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				str = 0;
		} else if (*p == '"') {
			str = 1;
		} else if (*p == '#') {
			memset(p, ' ', strlen(p));
			return;
		}
	}
}

int script_append(char **buf, const char *next, size_t limit)
{
	size_t have = *buf ? strlen(*buf) : 0, add = strlen(next);
	if (have + add + 2 > limit)
		return -1;
	char *b = realloc(*buf, have + add + 2);
	if (!b)
		return -2;
	if (have) {
		/* the continuation backslash becomes a blank; keep columns */
		char *bs = strrchr(b, '\\');
		if (bs && strspn(bs + 1, " \t\r") == strlen(bs + 1))
			*bs = ' ';
		b[have++] = '\n';
	}
	memcpy(b + have, next, add + 1);
	blank_comment(b + have);
	*buf = b;
	return 0;
}

int script_next_command(const char *text, int *pos, int *start, int *len)
{
	int p = *pos, depth = 0, str = 0;
	for (;;) {
		while (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r' ||
		       text[p] == ';')
			p++;
		if (text[p] == '#') { /* a comment runs to the end of its physical line */
			while (text[p] && text[p] != '\n')
				p++;
			continue;
		}
		break;
	}
	if (!text[p]) {
		*pos = p;
		return 0;
	}
	*start = p;
	int end = p;
	for (; text[p]; p++) {
		char c = text[p];
		if (str) {
			if (c == '\\' && text[p + 1])
				p++;
			else if (c == '"' || c == '\n')
				str = 0;
			end = p + 1;
			continue;
		}
		if (c == '#') {
			while (text[p + 1] && text[p + 1] != '\n')
				p++;
			continue;
		}
		if (c == ';' && depth == 0)
			break;
		if (c == '"')
			str = 1;
		else if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			end = p + 1;
	}
	*len = end - *start;
	*pos = text[p] ? p + 1 : p;
	return 1;
}
