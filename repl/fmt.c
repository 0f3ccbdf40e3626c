/* fmt: numbers and status lines. */
#include "fmt.h"

#include <math.h>
#include <time.h>

const char *fmt_num(char *buf, size_t cap, double v, int precision)
{
	if (isnan(v))
		snprintf(buf, cap, "nan");
	else if (isinf(v))
		snprintf(buf, cap, v > 0 ? "inf" : "-inf");
	else
		snprintf(buf, cap, "%.*g", precision, v);
	return buf;
}

void fmt_status(sess *s, const ws_item *it, const char *note)
{
	const run *r = it->u.run.r;
	const trace *t = run_trace(r);
	const trace_row *row = trace_row_at(t, trace_len(t) - 1);
	char f[32], g[32], why[192];
	int p = s->set.precision;
	if (!note) {
		if (run_status(r) == RUN_RUNNING)
			snprintf(why, sizeof why, "running");
		else if (*run_message(r))
			snprintf(why, sizeof why, "stopped: %s: %s", run_stop_name(run_status(r)),
			         run_message(r));
		else
			snprintf(why, sizeof why, "stopped: %s", run_stop_name(run_status(r)));
		note = why;
	}
	long at = trace_fiter(t, trace_len(t) - 1);
	char when[48] = "";
	if (at != row->iter) /* a stochastic method between full evaluations */
		snprintf(when, sizeof when, " (at iter %ld)", at);
	fprintf(s->out, "%s: iter %ld, f = %s%s, gnorm = %s (%s)\n", it->name, row->iter,
	        fmt_num(f, sizeof f, row->f, p), when, fmt_num(g, sizeof g, row->gnorm, p), note);
}

double fmt_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
