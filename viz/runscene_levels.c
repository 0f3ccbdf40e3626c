/* rscene's grid in levels: a costly grid (a finite sum of 10^5 terms at every node) is
 * sampled coarse first, then finer, each level the nodes at multiples of a stride
 * (and the last row and column), halved level by level, so that every level holds the
 * coarser ones' samples and the last one is the whole grid, the same values as
 * rscene_grid's. Between levels the picture is drawn from the samples taken. */
#include "runscene_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "expr.h"

#define LV_CHUNK 0.02      /* seconds a batch of nodes should take: the granularity of a stop */
#define LV_MAX_CHUNK 4096  /* nodes a batch */
#define LV_MIN_NODES 3     /* along the shorter side of the first level, at least */
#define LV_REFINE_MAX 60.0 /* seconds the finest level may take: beyond, a coarser one ends */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Nodes along N at stride S: 0, S, 2S, ... and N - 1. */
static int along(int n, int s)
{
	return (n - 2) / s + 2;
}

static double level_nodes(const rscene *rs, int s)
{
	return (double)along(rs->gw, s) * along(rs->gh, s);
}

/* The next index of a level's lattice after K along N (N: past the end). */
static int next_on(int k, int n, int s)
{
	return k == n - 1 ? n : k + s < n - 1 ? k + s : n - 1;
}

/* Samples the K nodes NI, NR into raw and marks them known; the cost estimate follows
 * what they took. */
static int sample(rscene *rs, const int *ni, const int *nr, int k, double *vals)
{
	const prob *p = rs->gp;
	double t0 = now();
	if (rscene_grid_nodes(p, rs->gcx, rs->gcy, rs->gslice, rs->gview, rs->gw, rs->gh, ni, nr, k,
	                      vals) != 0)
		return -1;
	double per = (now() - t0) / k;
	rs->lv_cost = rs->lv_cost > 0 ? 0.5 * (rs->lv_cost + per) : per;
	for (int j = 0; j < k; j++) {
		size_t at = (size_t)nr[j] * rs->gw + ni[j];
		rs->raw[at] = vals[j];
		rs->known[at] = 1;
	}
	return 0;
}

int rscene_levels_run(rscene *rs, double seconds, bool level_end)
{
	if (!rs->grid_valid || !rs->lv_stride)
		return 0;
	int ni[LV_MAX_CHUNK], nr[LV_MAX_CHUNK];
	double vals[LV_MAX_CHUNK], t0 = now();
	int w = rs->gw, h = rs->gh;
	while (rs->lv_stride) {
		int s = rs->lv_stride, k = 0;
		double want = rs->lv_cost > 0 ? LV_CHUNK / rs->lv_cost : LV_MAX_CHUNK;
		int chunk = want < 1 ? 1 : want > LV_MAX_CHUNK ? LV_MAX_CHUNK : (int)want;
		/* the next nodes of the level not sampled yet, row by row */
		while (k < chunk && rs->lv_row < h) {
			if (rs->lv_col >= w) {
				rs->lv_row = next_on(rs->lv_row, h, s), rs->lv_col = 0;
				continue;
			}
			if (!rs->known[(size_t)rs->lv_row * w + rs->lv_col])
				ni[k] = rs->lv_col, nr[k++] = rs->lv_row;
			rs->lv_col = next_on(rs->lv_col, w, s);
		}
		if (k && sample(rs, ni, nr, k, vals) != 0)
			return -1;
		if (rs->lv_row >= h) { /* the level is whole */
			rs->lv_done = s;
			rs->lv_stride = s / 2 >= rs->lv_min ? s / 2 : 0;
			rs->lv_row = rs->lv_col = 0;
			if (level_end)
				break;
		}
		if (now() - t0 >= seconds || expr_interrupted())
			break;
	}
	rs->shown = false;
	return 1;
}

int rscene_levels_start(rscene *rs, double budget)
{
	int w = rs->gw, h = rs->gh;
	size_t n = (size_t)w * h;
	memset(rs->known, 0, n);
	for (size_t i = 0; i < n; i++)
		rs->raw[i] = NAN;
	/* the corners, in every level: what a node costs */
	int ni[4] = {0, w - 1, 0, w - 1}, nr[4] = {0, 0, h - 1, h - 1};
	double vals[4];
	rs->lv_cost = 0;
	if (sample(rs, ni, nr, 4, vals) != 0)
		return -1;
	/* the first level: the finest that fits the budget, with a few nodes a side */
	int s = 1, top = 1;
	while (along(w, 2 * top) >= LV_MIN_NODES && along(h, 2 * top) >= LV_MIN_NODES)
		top *= 2;
	while (s < top && level_nodes(rs, s) * rs->lv_cost > budget)
		s *= 2;
	/* the last level: the finest that takes at most LV_REFINE_MAX */
	int fine = 1;
	while (fine < s && level_nodes(rs, fine) * rs->lv_cost > LV_REFINE_MAX)
		fine *= 2;
	rs->lv_min = fine;
	rs->lv_stride = s, rs->lv_done = 0, rs->lv_row = rs->lv_col = 0;
	return rscene_levels_run(rs, INFINITY, true) < 0 ? -1 : 0;
}

void rscene_levels_show(rscene *rs, bool log_color)
{
	int w = rs->gw, h = rs->gh, d = rs->lv_done > 0 ? rs->lv_done : 1;
	for (int r = 0; r < h; r++) {
		int r0 = r / d * d, r1 = r0 + d < h - 1 ? r0 + d : h - 1;
		double fy = r1 > r0 ? (double)(r - r0) / (r1 - r0) : 0;
		for (int i = 0; i < w; i++) {
			size_t at = (size_t)r * w + i;
			if (rs->known[at]) {
				rs->grid[at] = rs->raw[at];
				continue;
			}
			int i0 = i / d * d, i1 = i0 + d < w - 1 ? i0 + d : w - 1;
			double fx = i1 > i0 ? (double)(i - i0) / (i1 - i0) : 0;
			const double *a = rs->raw + (size_t)r0 * w, *b = rs->raw + (size_t)r1 * w;
			double lo = a[i0] + fx * (a[i1] - a[i0]), hi = b[i0] + fx * (b[i1] - b[i0]);
			rs->grid[at] = lo + fy * (hi - lo);
		}
	}
	if (log_color)
		rscene_grid_to_log(rs->gp, rs->grid, (size_t)w * h);
	rs->glog = log_color;
	rs->shown = true;
}

int rscene_refine(rscene *rs, double seconds)
{
	return rscene_levels_run(rs, seconds, false);
}

bool rscene_refining(const rscene *rs, int *stride)
{
	if (stride)
		*stride = rs->grid_valid && rs->lv_done > 0 ? rs->lv_done : 1;
	return rs->grid_valid && rs->lv_stride > 0;
}

void rscene_sum_cap(const prob *p, int *w, int *h)
{
	if (!(p->caps & PROB_SUM) || !p->sum || p->sum->m <= 0)
		return;
	double k = sqrt(RSCENE_SUM_WORK / (double)p->sum->m / ((double)*w * *h));
	if (k < 1) {
		*w = (int)fmin(*w, fmax(RSCENE_SUM_MIN_SIDE, *w * k));
		*h = (int)fmin(*h, fmax(RSCENE_SUM_MIN_SIDE, *h * k));
	}
}
