/* plot_ticks: nice tick values and their labels, linear and log. */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drop the '+' and leading zeros of a printf exponent: "1.5e-06" -> "1.5e-6". */
static void plot_compact_exp(char *s)
{
	char *e = strchr(s, 'e');
	if (!e)
		return;
	char *p = e + 1, *q = e + 1;
	if (*p == '+')
		p++;
	else if (*p == '-')
		*q++ = *p++;
	while (*p == '0' && p[1])
		p++;
	memmove(q, p, strlen(p) + 1);
}

/* "-0", "-0.00" -> without the sign. */
static void plot_unsign_zero(char *s)
{
	if (s[0] != '-')
		return;
	for (const char *p = s + 1; *p; p++)
		if (*p != '0' && *p != '.')
			return;
	memmove(s, s + 1, strlen(s));
}

char *plot_format(double v, char *out, size_t size)
{
	if (v == 0)
		snprintf(out, size, "0");
	else
		snprintf(out, size, "%.4g", v);
	plot_compact_exp(out);
	plot_unsign_zero(out);
	return out;
}

/* Fills the labels of linear ticks 0 .. n-1, all in one style. */
static void plot_label_linear(plot_ticks *tk, double step, double mstep)
{
	int dec = -(int)floor(log10(step) + 1e-9) + (fabs(mstep - 2.5) < 1e-9);
	if (dec < 0)
		dec = 0;
	double vmax = 0;
	int mdec = 0;
	for (int i = 0; i < tk->n; i++) {
		double v = tk->t[i].value;
		if (fabs(v) > vmax)
			vmax = fabs(v);
		/* the fewest mantissa digits that show V exactly, the most of them all */
		for (int d = 0; d <= 15 && v != 0; d++) {
			char b[PLOT_LABEL_MAX];
			snprintf(b, sizeof b, "%.*e", d, v);
			if (fabs(strtod(b, NULL) - v) <= step * 1e-6) {
				if (d > mdec)
					mdec = d;
				break;
			}
		}
	}
	/* Both styles, then the more compact: plain unless it is long and longer. */
	bool plain_ok = dec <= 15 && vmax < 1e15; /* else too long for a label */
	size_t wplain = 0, wsci = 0;
	char plain[PLOT_MAX_TICKS][PLOT_LABEL_MAX], sci[PLOT_MAX_TICKS][PLOT_LABEL_MAX];
	for (int i = 0; i < tk->n; i++) {
		double v = tk->t[i].value;
		snprintf(plain[i], PLOT_LABEL_MAX, "%.*f", plain_ok ? dec : 0, plain_ok ? v : 0.0);
		plot_unsign_zero(plain[i]);
		if (v == 0)
			snprintf(sci[i], PLOT_LABEL_MAX, "0");
		else
			snprintf(sci[i], PLOT_LABEL_MAX, "%.*e", mdec, v);
		plot_compact_exp(sci[i]);
		if (strlen(plain[i]) > wplain)
			wplain = strlen(plain[i]);
		if (strlen(sci[i]) > wsci)
			wsci = strlen(sci[i]);
	}
	bool use_sci = !plain_ok || (wplain > 6 && wplain > wsci);
	for (int i = 0; i < tk->n; i++) {
		plot_tick *t = &tk->t[i];
		t->sci = use_sci && t->value != 0;
		memcpy(t->label, use_sci ? sci[i] : plain[i], PLOT_LABEL_MAX);
		t->exp = 0;
		memcpy(t->mant, t->label, PLOT_LABEL_MAX);
		char *e = strchr(t->mant, 'e');
		if (t->sci && e) {
			t->exp = atoi(e + 1);
			*e = 0;
		}
	}
}

static const double plot_nice[] = {1, 2, 2.5, 5, 10};

/* Linear ticks of [lo, hi] (finite, lo < hi) into TK, labelled. */
static void plot_linear_into(double lo, double hi, int target, plot_ticks *tk)
{
	double span = hi - lo;
	if (!isfinite(span))
		span = hi / 2 - lo / 2, span *= 2;
	double raw = span / target;
	if (!isfinite(raw) || raw <= 0)
		raw = fabs(hi) > 0 ? fabs(hi) : 1;
	double mag = pow(10, floor(log10(raw)));
	double step = 0, mstep = 1, k0 = 0, k1 = -1;
	for (int tries = 0; tries < 8; tries++) {
		for (size_t i = 0; i < sizeof plot_nice / sizeof *plot_nice; i++) {
			mstep = plot_nice[i];
			step = mstep * mag;
			if (step >= raw * (1 - 1e-9))
				break;
		}
		if (mstep == 10)
			mstep = 1;
		k0 = ceil(lo / step - 1e-9);
		k1 = floor(hi / step + 1e-9);
		if (k1 - k0 + 1 > PLOT_MAX_TICKS)
			raw = step * 1.01; /* too many (huge target): coarser */
		else if (k1 - k0 + 1 < 2 && tries < 4)
			raw = step / 2.6; /* a lone tick does not show a scale: finer */
		else
			break;
		mag = pow(10, floor(log10(raw)));
	}
	tk->n = 0;
	tk->step = step;
	for (double k = k0; k <= k1 && tk->n < PLOT_MAX_TICKS; k++) {
		plot_tick *t = &tk->t[tk->n++];
		memset(t, 0, sizeof *t);
		t->value = k * step;
		if (fabs(t->value) < step * 1e-9)
			t->value = 0;
		t->major = true;
	}
	plot_label_linear(tk, step, mstep);
}

int plot_ticks_linear(double lo, double hi, int target, plot_ticks *out)
{
	if (!out || !isfinite(lo) || !isfinite(hi) || target < 1)
		return -1;
	if (lo > hi) {
		double t = lo;
		lo = hi, hi = t;
	}
	/* Equal ends (or nearly, relative to their size): a small range around them. */
	double mid = fabs(lo / 2 + hi / 2);
	if (hi - lo <= mid * 1e-12 || hi - lo < 1e-300) {
		double d = mid > 1e-290 ? mid * 0.1 : 1;
		lo -= d, hi += d;
	}
	/* a step of the range must be a finite double (and so must its ticks) */
	if (!isfinite(hi - lo) || (hi - lo) / target > 1e307)
		return -1;
	memset(out, 0, sizeof *out);
	plot_linear_into(lo, hi, target, out);
	return 0;
}

/* Decade labels: "0.01" .. "1000" while every decade of the axis is near 1,
 * else "1e-6" throughout; mant and exp carry 10^e for superscripts. */
static void plot_decade_labels(plot_ticks *tk)
{
	bool near = true;
	for (int i = 0; i < tk->n; i++)
		if (tk->t[i].major && (tk->t[i].exp < -2 || tk->t[i].exp > 3))
			near = false;
	static const char *const names[] = {"0.01", "0.1", "1", "10", "100", "1000"};
	for (int i = 0; i < tk->n; i++) {
		plot_tick *t = &tk->t[i];
		if (!t->major)
			continue;
		if (near)
			snprintf(t->label, PLOT_LABEL_MAX, "%s", names[t->exp + 2]);
		else
			snprintf(t->label, PLOT_LABEL_MAX, "1e%d", t->exp);
	}
}

int plot_ticks_log(double lo, double hi, int target, plot_ticks *out)
{
	if (!out || !isfinite(lo) || !isfinite(hi) || lo <= 0 || hi <= 0 || target < 1)
		return -1;
	if (lo > hi) {
		double t = lo;
		lo = hi, hi = t;
	}
	if (hi <= lo * (1 + 1e-12)) {
		lo /= sqrt(10), hi *= sqrt(10);
	}
	memset(out, 0, sizeof *out);
	out->log = true;
	double l0 = log10(lo), l1 = log10(hi);
	int e0 = (int)ceil(l0 - 1e-9), e1 = (int)floor(l1 + 1e-9);
	int ndec = e1 - e0 + 1;
	if (ndec < 2) {
		/* Under about a decade: nice linear values, placed on the log scale. */
		plot_linear_into(lo, hi, target, out);
		out->log = true;
		return 0;
	}
	/* Every stride-th decade, a nice stride, at most about target + 1 labels. */
	static const int strides[] = {1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};
	int stride = 1;
	for (size_t i = 0; i < sizeof strides / sizeof *strides; i++) {
		stride = strides[i];
		if (ndec <= (target + 1) * stride)
			break;
	}
	out->step = stride;
	/* Minor ticks at 2..9 only while each decade has room for them. */
	bool minor = stride == 1 && (ndec + 1) * 9 <= PLOT_MAX_TICKS;
	for (int e = e0 - 1; e <= e1 && out->n < PLOT_MAX_TICKS; e++) {
		double p = pow(10, e);
		bool on_stride = ((e % stride) + stride) % stride == 0;
		for (int m = 1; m <= 9 && out->n < PLOT_MAX_TICKS; m++) {
			double v = m * p;
			if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
				continue;
			bool major = m == 1 && on_stride;
			bool skipped_decade = m == 1 && !on_stride && stride <= 10 &&
					      ndec + out->n < PLOT_MAX_TICKS;
			if (!major && !skipped_decade && !(minor && m > 1))
				continue;
			plot_tick *t = &out->t[out->n++];
			memset(t, 0, sizeof *t);
			t->value = v;
			t->major = major;
			if (major) {
				t->sci = true;
				t->exp = e;
				snprintf(t->mant, PLOT_LABEL_MAX, "1");
			}
		}
	}
	plot_decade_labels(out);
	return 0;
}
