/* progress: the progress line of long commands. */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>

#include "fmt.h"

void prog_start(prog *p, sess *s)
{
	p->s = s;
	p->t0 = fmt_clock();
	p->last = 0;
	p->shown = 0;
}

int prog_due(const prog *p)
{
	if (!p->s->interactive)
		return 0;
	double now = fmt_clock();
	return now - p->t0 >= PROG_AFTER && now - p->last >= 0.2;
}

void prog_show(prog *p, const char *fmt, ...)
{
	if (!prog_due(p))
		return;
	double now = fmt_clock();
	p->last = now;
	p->shown = 1;
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	fprintf(p->s->err, "\r  %s   %.1f s (Ctrl-C stops)\033[K", text, now - p->t0);
	fflush(p->s->err);
}

void prog_done(prog *p)
{
	if (!p->shown)
		return;
	fprintf(p->s->err, "\r\033[K");
	fflush(p->s->err);
	p->shown = 0;
}
