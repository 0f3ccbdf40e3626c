/* bench_fig: whole-process time to build and write 1600 x 1200 figures.
 *
 *   bench_fig                 runs itself for each figure, prints median times
 *   bench_fig contour PATH    Rosenbrock contours, 2 trajectories of 2000 points
 *   bench_fig conv PATH       convergence, 4 series of 10^4 points
 *
 * The grid is computed here by hand-written C (viz/ does not depend on the
 * expression compiler). Targets from DESIGN.md: contour under 0.1 s, convergence
 * under 0.06 s (matplotlib ~0.48 s and ~0.41 s, gnuplot pngcairo ~0.12 s here). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fig.h"

enum { GW = 480, GH = 480, NPATH = 2000, NCONV = 10000 };

static double rosen(double x, double y)
{
	return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
}

/* Gradient descent (momentum 0) and heavy ball from (-1.2, 1). */
static void trajectory(double *px, double *py, double step, double momentum)
{
	double x = -1.2, y = 1, vx = 0, vy = 0;
	for (int i = 0; i < NPATH; i++) {
		px[i] = x, py[i] = y;
		double gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x);
		vx = momentum * vx - step * gx, vy = momentum * vy - step * gy;
		x += vx, y += vy;
	}
}

static int contour(const char *path)
{
	static double grid[GW * GH], px[2][NPATH], py[2][NPATH];
	double x0 = -2, x1 = 2, y0 = -1, y1 = 3;
	for (int j = 0; j < GH; j++)
		for (int i = 0; i < GW; i++)
			grid[j * GW + i] = rosen(x0 + (x1 - x0) * i / (GW - 1), y0 + (y1 - y0) * j / (GH - 1));
	trajectory(px[0], py[0], 1e-3, 0);
	trajectory(px[1], py[1], 2e-4, 0.9);
	scene_path paths[2] = {{"gradient descent", 0, px[0], py[0], NPATH, true, true, SCENE_TRIAL_NONE},
			       {"heavy ball", 1, px[1], py[1], NPATH, true, true, SCENE_TRIAL_NONE}};
	scene_point star = {1, 1, "minimizer"};
	scene_field f = {.title = "Rosenbrock", .xlabel = "x", .ylabel = "y", .x0 = x0, .x1 = x1,
			 .y0 = y0, .y1 = y1, .values = grid, .w = GW, .h = GH, .log_color = true,
			 .cmap = CMAP_VIRIDIS, .vmin = NAN, .vmax = NAN, .nlevels = 14,
			 .paths = paths, .npaths = 2, .points = &star, .npoints = 1};
	fig_opts o = {1600, 1200, "optlab bench", "# bench_fig contour\n"};
	char err[256];
	if (fig_write(path, FIG_PNG, &o, &f, NULL, err, sizeof err)) {
		fprintf(stderr, "bench_fig: %s\n", err);
		return 1;
	}
	return 0;
}

static int conv(const char *path)
{
	static double x[NCONV], y[4][NCONV];
	static const char *names[4] = {"gradient descent", "heavy ball", "Nesterov", "L-BFGS"};
	static const double rate[4] = {0.9995, 0.998, 0.997, 0.99};
	uint64_t s = 88172645463325252u; /* xorshift: noise without libc's rand state */
	for (int i = 0; i < NCONV; i++) {
		x[i] = i;
		for (int k = 0; k < 4; k++) {
			s ^= s << 13, s ^= s >> 7, s ^= s << 17;
			double noise = 1 + 0.3 * (double)(s >> 11) / 9007199254740992.0;
			y[k][i] = fmax(2500 * pow(rate[k], i) * noise, 1e-15 * noise);
		}
	}
	scene_series sr[4];
	for (int k = 0; k < 4; k++)
		sr[k] = (scene_series){names[k], k, x, y[k], NCONV, false, .path = false};
	scene_conv c = {"Rosenbrock", "iteration", "f - f*", true, sr, 4, .xlim = {0, 0}};
	fig_opts o = {1600, 1200, "optlab bench", "# bench_fig conv\n"};
	char err[256];
	if (fig_write(path, FIG_PNG, &o, NULL, &c, err, sizeof err)) {
		fprintf(stderr, "bench_fig: %s\n", err);
		return 1;
	}
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median wall and CPU (user + system) times of RUNS whole processes: this
 * program with WHAT. CPU time stays meaningful when other work shares the cores. */
static int time_self(const char *self, const char *what, const char *out, double *wall,
		     double *cpu)
{
	enum { RUNS = 7 };
	double t[RUNS], c[RUNS];
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		pid_t pid = fork();
		if (pid == 0) {
			execl(self, self, what, out, (char *)NULL);
			_exit(127);
		}
		int st = 0;
		struct rusage ru;
		if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			return -1;
		t[r] = now() - t0;
		c[r] = ru.ru_utime.tv_sec + 1e-6 * ru.ru_utime.tv_usec + ru.ru_stime.tv_sec +
		       1e-6 * ru.ru_stime.tv_usec;
	}
	qsort(t, RUNS, sizeof *t, cmp);
	qsort(c, RUNS, sizeof *c, cmp);
	*wall = t[RUNS / 2], *cpu = c[RUNS / 2];
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "contour") == 0)
		return contour(argv[2]);
	if (argc == 3 && strcmp(argv[1], "conv") == 0)
		return conv(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: bench_fig [contour|conv PATH]\n");
		return 2;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return 1;
	self[n] = 0;
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char a[4200], b[4200];
	snprintf(a, sizeof a, "%s/bench_fig_contour.png", dir);
	snprintf(b, sizeof b, "%s/bench_fig_conv.png", dir);
	double wc, cc, wv, cv;
	if (time_self(self, "contour", a, &wc, &cc) || time_self(self, "conv", b, &wv, &cv)) {
		fprintf(stderr, "bench_fig: a run failed\n");
		return 1;
	}
	printf("bench_fig: whole process, 1600x1200 PNG, median of 7 (wall / cpu)\n");
	printf("  contour, %dx%d grid, 2 x %d-point paths  %6.1f / %5.1f ms  target < 100 ms; "
	       "matplotlib ~480 ms  %s\n",
	       GW, GH, NPATH, wc * 1e3, cc * 1e3, a);
	printf("  convergence, 4 x %d points               %6.1f / %5.1f ms  target < 60 ms; "
	       "gnuplot ~120 ms, matplotlib ~410 ms  %s\n",
	       NCONV, wv * 1e3, cv * 1e3, b);
	return 0;
}
