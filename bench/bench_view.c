/* bench_view: one live-view frame at 200 x 60 cells with 8 runs of 10^4
 * iterations each on Rosenbrock: the time to compute and draw it (objective
 * grid, trajectories, convergence, status lines, the diff against the last
 * frame, the true-colour bytes of the changed cells) and the bytes written.
 * Target: under 5 ms a frame (200 frames a second). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "view.h"

#define W 200
#define H 60
#define FRAMES 200

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Eight runs of methods that keep going for 10^4 steps (gtol 0: no early stop). */
static const char setup[] =
	"problem rosen = rosenbrock\n"
	"run gd1 = gd(step = 0.001) on rosen from (-1.2, 1)\n"
	"run gd2 = gd(step = 0.0005) on rosen from (-1.5, 2)\n"
	"run hb1 = heavyball(step = 0.0002, momentum = 0.9) on rosen from (-1.2, 1)\n"
	"run hb2 = heavyball(step = 0.0001, momentum = 0.8) on rosen from (0.5, 2.5)\n"
	"run nag1 = nesterov(step = 0.0002) on rosen from (-1.2, 1)\n"
	"run nag2 = nesterov(step = 0.0001) on rosen from (1.8, -0.5)\n"
	"run gd3 = gd(step = 0.0002) on rosen from (-0.5, -0.5)\n"
	"run hb3 = heavyball(step = 0.0003, momentum = 0.5) on rosen from (1.5, 2.8)\n"
	"step 10000\n";

typedef struct frame_cost {
	double ms;
	double bytes;
} frame_cost;

/* FRAMES frames; before each, the runs take STEPS steps (0: a still picture)
 * and, when COLD, the grid cache is dropped (as after a pan or zoom). */
static frame_cost measure(view_state *vs, canvas **prev, canvas **next, long steps, int cold)
{
	char *buf = NULL, err[256];
	size_t cap = 0;
	double t = 0, bytes = 0;
	for (int f = 0; f < FRAMES; f++) {
		if (steps)
			view_step_runs(vs, steps, 0);
		if (cold)
			rscene_invalidate(vs->rs);
		double t0 = now();
		view_draw(vs, *next, err, sizeof err);
		size_t n = view_serialize(*prev, *next, &buf, &cap);
		t += now() - t0;
		bytes += (double)n;
		canvas *c = *prev;
		*prev = *next;
		*next = c;
	}
	free(buf);
	return (frame_cost){1e3 * t / FRAMES, bytes / FRAMES};
}

int main(void)
{
	sess s;
	FILE *null = fopen("/dev/null", "w");
	sess_init(&s, null, null, 0);
	s.set.maxsteps = 20000;
	double t0 = now();
	if (sess_run_text(&s, setup, "bench") != 0) {
		fprintf(stderr, "bench_view: the setup failed: %s\n", s.error_msg);
		return 1;
	}
	double t_setup = now() - t0;
	view_state vs;
	view_state_init(&vs, &s);
	char err[256];
	if (view_sync(&vs, err, sizeof err) != 0) {
		fprintf(stderr, "bench_view: %s\n", err);
		return 1;
	}
	long iters = 0;
	for (int i = 0; i < vs.nruns; i++)
		iters += run_iter(vs.runs[i].r);
	canvas *prev = canvas_new(W, H, CANVAS_TRUECOLOR), *next = canvas_new(W, H, CANVAS_TRUECOLOR);

	/* the first frame: everything computed and written */
	char *buf = NULL;
	size_t cap = 0;
	t0 = now();
	view_draw(&vs, next, err, sizeof err);
	size_t first = view_serialize(NULL, next, &buf, &cap);
	double t_first = now() - t0;
	free(buf);
	canvas *c = prev;
	prev = next;
	next = c;

	frame_cost still = measure(&vs, &prev, &next, 0, 0);
	frame_cost running = measure(&vs, &prev, &next, 1, 0);
	frame_cost cold = measure(&vs, &prev, &next, 1, 1);

	printf("bench_view: one frame of the live view, %d x %d cells, %d runs, %ld iterations "
	       "in all (set up in %.2f s)\n", W, H, vs.nruns, iters, t_setup);
	printf("  %-44s %8.3f ms  %9zu bytes\n", "first frame (grid, draw, all cells written)",
	       1e3 * t_first, first);
	printf("  %-44s %8.3f ms  %9.0f bytes\n", "running: a step of every run, then a frame",
	       running.ms, running.bytes);
	printf("  %-44s %8.3f ms  %9.0f bytes\n", "after a pan or zoom: the grid sampled again",
	       cold.ms, cold.bytes);
	printf("  %-44s %8.3f ms  %9.0f bytes\n", "nothing changed (a key that redraws)", still.ms,
	       still.bytes);
	printf("  target: under 5 ms a frame (200 frames a second): %s\n",
	       cold.ms < 5 && running.ms < 5 ? "met" : "NOT met");
	canvas_free(prev);
	canvas_free(next);
	view_state_free(&vs);
	sess_free(&s);
	fclose(null);
	return 0;
}
