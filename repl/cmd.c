/* cmd: the command table and dispatch. */
#include "cmd.h"

#include <string.h>

#include "cmd_all.h"
#include "cmd_image.h"
#include "cmd_plugin.h"

/* The order `help` lists them in: defining, running, reading, files, session. */
static const cmd_def commands[] = {
	{"problem", "problem NAME = EXPR | problem NAME(VARS) = EXPR | problem NAME = LIB(...)",
	 "define a problem",
	 "An expression in its free variables (in order of first appearance), or in\n"
	 "declared ones: `problem p(y, x) = ...`, `problem r(x[100]) = sum(i = 1, 99, ...)`.\n"
	 "Or a problem from the library: `problem r = rosenbrock(n = 10)` (`problems`\n"
	 "lists them), optionally `over SET` (`branin over box([-5, 0], [10, 15])`).\n"
	 "Derivatives are exact (automatic differentiation).\n"
	 "Data from a CSV file (numbers, comma separated, an optional header row that\n"
	 "names the variables; every column a feature but the label, the last unless\n"
	 "`label = K`, 1-based; cells separated by commas, semicolons or tabs; `intercept =\n"
	 "yes` adds a feature of ones, the last coordinate):\n"
	 "  problem f = leastsq(csv = \"data.csv\", lambda = 0.01)   (also logreg, labels\n"
	 "  0/1 or -1/1, softmax, labels the classes 0 .. k-1, and lasso).\n"
	 "Composite and constrained: `EXPR + [W*]TERM` adds a nonsmooth term with its prox\n"
	 "(norm1, norm2, sqnorm, group(K), scad(A), mcp(G); W the weight), `over SET` a set\n"
	 "with its projection (box(LO, HI), box([LO1, ...], [HI1, ...]) with bounds per\n"
	 "coordinate, nonneg, ball(R), simplex(R)), and `subject to\n"
	 "C1, C2, ...` constraints LHS <= RHS, LHS >= RHS or LHS = RHS:\n"
	 "  problem l = (x - 2)^2 + (y - 1)^2 + 0.5*norm1\n"
	 "  problem c = (x - 2)^2 + (y - 1)^2 subject to x + y <= 1\n"
	 "Games: `problem g(x | y) = x*y` minimizes over the variables before | and\n"
	 "maximizes over those after it (the library has bilinear, ccquad, rps, ...); over\n"
	 "simplex, each player has its own probability simplex (md, mirrorprox, omd). Typed\n"
	 "data: matrixgame(A = [[3, -1], [-2, 1]]), ot(a = [..], b = [..], C = [[..], ..]).\n"
	 "Bilevel: `problem b = bilevel(upper = EXPR, lower = EXPR, x = (VARS), y = (VARS))`\n"
	 "minimizes the upper level over x with y a minimizer of the lower level over y\n"
	 "(optimistic); the bilevel family solves it (bltoy, blflat, blridge in the library).\n"
	 "`subject to = (C1, ..)` inside bilevel(..) restricts the lower level to inequalities\n"
	 "over x and y (lvhba and bilevelpenalty; blcon in the library).\n"
	 "Several objectives over the same variables, for the multiobjective methods:\n"
	 "  problem m = objectives(x^2 + y^2, (x - 1)^2 + y^2, ref = (4, 4)) [over SET]\n"
	 "(f is their mean, gnorm Pareto stationarity, ref the hypervolume's reference\n"
	 "point; zdt1, zdt2, zdt3, schaffer and quadpair come with their true fronts).\n"
	 "Plugins: `problem p = plugin(\"./myobj.so\", n = 10, name = \"rosen\", a = 10)`\n"
	 "loads a compiled objective (optlab_plugin.h; examples/plugins/rosen.c): name picks\n"
	 "one of the file's objectives, other words set its parameters. A gradient it lacks\n"
	 "is central differences (`show` warns, `check` refuses); a crash or a NaN inside it\n"
	 "is an error that names the plugin and the call.",
	 cmd_problem, CMPL_PROBLEM},
	{"let", "let NAME = EXPR", "define a named constant for expressions",
	 "The value is computed now; problems defined later may use the name.", cmd_let,
	 CMPL_NONE},
	{"data", "data NAME = [V, ...] | data NAME += [V, ...] | data A, B, ... = csv(\"FILE\")",
	 "define data vectors for expressions",
	 "A data vector is a constant list of numbers: NAME[i] (1-based) reads value i and\n"
	 "len(NAME) is its length, in any expression, sum and prod bounds and bodies\n"
	 "included:\n"
	 "  data x = [1, 2, 3, 4]\n"
	 "  data y = [2.1, 3.9, 6.2, 7.8]\n"
	 "  problem fit(a, b) = sum(i = 1, len(y), (y[i] - a - b*x[i])^2)\n"
	 "`data A, B = csv(\"FILE\")` reads columns of a CSV file: those its header names\n"
	 "A and B, or without a header the first columns in order. A constant index out\n"
	 "of range is an error where the problem is defined; one computed from a sum's\n"
	 "index gives NaN (the run stops as diverged). A problem keeps the values it was\n"
	 "defined with. `data NAME += [V, ...]` appends values (a figure's script carries\n"
	 "a vector too long for one line that way). `show NAME` prints a vector, `delete\n"
	 "NAME` removes it.",
	 cmd_data, CMPL_NONE},
	{"solver", "solver NAME = METHOD | solver NAME = METHOD(PARAM = VALUE, ...)",
	 "name a method with its parameters",
	 "Parameters not given keep their defaults; `describe METHOD` lists them.", cmd_solver,
	 CMPL_METHOD},
	{"run", "run NAME = SOLVER on PROBLEM [from START] [seed N] [OPTIONS]",
	 "start a run of a solver on a problem",
	 "SOLVER is a solver's name or a method spec such as gd(step = 0.1). START is a\n"
	 "point (V, ...), default or x0 (the problem's default start, also without\n"
	 "`from`), ones, zeros, fill(V), another run's name (its current iterate: a warm\n"
	 "start) or \"FILE\" (one value a line, the last cell of each, as `export \"x.csv\"\n"
	 "RUN x` writes them). OPTIONS set the run's stop tests: gtol V, ftol V, xtol V,\n"
	 "maxiter N, maxtime SECONDS (see `set`); label \"TEXT\" names it in figures\n"
	 "(see `label`).",
	 cmd_run, CMPL_SOLVER},
	{"label", "label RUN \"TEXT\" | label RUN none", "name a run in figures, the view and CSV",
	 "The text stands for the run's name in figure legends, the live view's legend\n"
	 "and a `label` column of the trace CSV (one line of text, at most 200 bytes;\n"
	 "Unicode such as \"Polyak's μ\" is kept). `run a = ... label \"TEXT\"` sets it\n"
	 "when the run is made; `none` goes back to the run's name.",
	 cmd_label, CMPL_RUN},
	{"step", "step [RUN] [N]", "take N steps (default 1) of one run or of every run",
	 "Without RUN, every run in the workspace takes N steps, the runs made last\n"
	 "included (at a terminal a line says which runs those were); `step a 10` steps\n"
	 "run a alone. `until` follows the same rule. Prints each run's status\n"
	 "afterwards. A run that has stopped (converged, diverged, ...) takes no more\n"
	 "steps. Ctrl-C stops early and keeps the steps taken.",
	 cmd_step, CMPL_RUN},
	{"until", "until [RUN] CONDITION [max N]", "step until a condition holds",
	 "CONDITION compares gnorm, f, f - fstar, iter, time, dist, step or epoch (passes\n"
	 "over the data: stochastic methods' epochs, else full gradients) with a number\n"
	 "(<, <=, >, >=), combined with `and`, `or` and parentheses; or a column of the\n"
	 "run's method (`show RUN`: rho, coverr, mult1, ...):\n"
	 "  until a gnorm < 1e-8 max 20000\n"
	 "  until f - fstar < 1e-10 or iter >= 500\n"
	 "Without RUN, every run steps until it meets the condition. `max` defaults to\n"
	 "the maxsteps setting. gnorm is the stationarity measure of the problem's kind:\n"
	 "|grad f|; |x - prox_g(x - grad f)| (composite) or |x - P(x - grad f)| (a set);\n"
	 "the KKT residual (constraints); the operator residual (games).",
	 cmd_until, CMPL_RUN},
	{"assert", "assert RUN CONDITION", "fail the script unless a run meets a condition",
	 "CONDITION as in `until`, on the run's latest iteration. A failed assert is an\n"
	 "error that names the run and the measured values, so that a script tests\n"
	 "itself:\n"
	 "  until a f - fstar < 1e-10 max 5000\n"
	 "  assert a f - fstar < 1e-10 and iter < 2000",
	 cmd_assert, CMPL_RUN},
	{"bound", "bound RUN [L = V] [mu = V] [Lmax = V] [D = V] | bound RUN none",
	 "the textbook rate bound of a run's method, drawn beside it",
	 "The upper bound on f(xₖ) − f* proved for the run's method under stated\n"
	 "assumptions: gd with a fixed step (‖x₀ − x*‖²/(2tk) convex, (1 − μt)ᵏ(f₀ − f*)\n"
	 "strongly convex), nesterov (2‖x₀ − x*‖²/(t(k+1)²), or its strong schedule),\n"
	 "ista, fista, heavyball on quadratics, sgd on finite sums, and cubic on a convex f\n"
	 "(9(L + M)D³/(2(k + 4)²), L the Hessian's Lipschitz constant on {f ≤ f(x₀)},\n"
	 "D its radius about x*: given, or estimated on rays from x*, n ≤ 10; where f is\n"
	 "not convex, the rate of the smallest gradient norm for a fixed M > 2L/3).\n"
	 "L and mu are exact for quadratics (the\n"
	 "Hessian's eigenvalues), else estimated by power iteration (labelled so) at\n"
	 "the start, 17 iterates of the run so far and x*, unless given; negative\n"
	 "curvature there is reported: f is not convex and the bound need not hold.\n"
	 "Prints the bound beside the measured f - f*; figures and the\n"
	 "live view's convergence panel draw it dashed with its formula. `none`\n"
	 "removes it.",
	 cmd_bound, CMPL_RUN},
	{"lesson", "lesson [NAME | \"FILE\"]", "guided lessons: list them, or walk through one",
	 "Without a name, lists the built-in lessons. `lesson NAME` walks through one:\n"
	 "short paragraphs, each command shown after the prompt before it runs, pauses\n"
	 "(Enter goes on, `back` shows the page before, `quit` leaves with the runs kept),\n"
	 "questions whose answers are checked against the runs (two tries, then the runs'\n"
	 "answer), and a figure at the end. Outside a terminal (a script, -e) it runs\n"
	 "straight through and answers each question from the runs. `lesson \"FILE\"`\n"
	 "plays a lecturer's own lesson, a text file with a small markup:\n"
	 "  = TITLE                the first line\n"
	 "  text                   shown as written; a blank line ends a paragraph\n"
	 "  > COMMAND              shown, then run (`\\` at the end: continued on the next >)\n"
	 "  ---                    a pause\n"
	 "  ? QUESTION             then its check, one of:\n"
	 "  ! least COLUMN: RUN = ANSWER, ...   (most: the largest; COLUMN iter, f, gnorm,\n"
	 "                                       gap, dist or the method's own, e.g. coverr)\n"
	 "  ! yes if RUN CONDITION              (as in until and assert)\n"
	 "  ! value RUN COLUMN [within R]       (a number within R relative, default 0.1)\n"
	 "  # comment              not shown",
	 cmd_lesson, CMPL_FILE},
	{"explain", "explain RUN", "what the last step of a run did, with its numbers",
	 "The change in f and gnorm, the step size and the method's parameters, the\n"
	 "oracle calls and probe points (line-search trials, extrapolated points), the\n"
	 "method's own columns (momentum, line-search evaluations), and the move split\n"
	 "into the plain gradient step and the rest (momentum, prox, projection).",
	 cmd_explain, CMPL_RUN},
	{"sweep",
	 "sweep METHOD(P = GRID, [Q = GRID,] ...) on PROBLEM [from (V, ...)] until CONDITION "
	 "[max N] [threads N] [map iters|rate] [export \"FILE\" [size WxH]]",
	 "iterations to a condition against one or two parameters of a method",
	 "Runs METHOD (or a solver's name) once for each value of one parameter, given\n"
	 "as a grid: linspace(A, B, N) (N evenly spaced values) or logspace(A, B, N)\n"
	 "(N values evenly spaced in log from A to B), every run from the same start\n"
	 "until CONDITION (as in `until`) or max steps (the maxsteps setting). Prints a\n"
	 "table of the iterations to the condition, or the final f - f* where it was not\n"
	 "met, with why (max, diverged, ...). The runs share the machine's cores\n"
	 "(`threads N` sets how many); the table is the same whatever the count. Ctrl-C\n"
	 "stops it. `export` draws iterations against the parameter (log axes for a log\n"
	 "grid and for counts spanning decades), points not met as red crosses at max:\n"
	 "  sweep gd(step = logspace(0.01, 1, 13)) on q until f - fstar < 1e-8 max 5000\n"
	 "Two grids make a phase diagram: every pair is run, the grid printed when small,\n"
	 "with the fewest iterations, and the measured rate ((f_k - f*)/(f_0 - f*))^(1/k)\n"
	 "(of gnorm without f*); `map rate` looks for the lowest rate instead. For\n"
	 "heavyball's step x momentum on a quadratic it prints Polyak's optimum,\n"
	 "4/(sqrt L + sqrt mu)^2 and ((sqrt k - 1)/(sqrt k + 1))^2. `export` draws the\n"
	 "heatmap, the region where the runs do not converge shaded and outlined, the\n"
	 "best point and the theory's star:\n"
	 "  sweep heavyball(step = linspace(0.001, 0.045, 45), momentum = linspace(0, 0.95,\n"
	 "    39)) on q until f - fstar < 1e-10 max 5000 export \"phase.png\"",
	 cmd_sweep, CMPL_METHOD},
	{"campaign",
	 "campaign NAME = METHODS on PROBLEMS [seeds A..B] [from default|random(K)] until "
	 "CONDITION [max N] [evals N] [time T] [threads N] [to \"FILE\"] | campaign NAME resume",
	 "a benchmark: methods x problems x seeds, one CSV row a case",
	 "Runs every METHOD (a method spec or a solver's name; commas between) on every\n"
	 "PROBLEM (a workspace problem, a library problem with its parameters, or `mgh`:\n"
	 "all 35 More-Garbow-Hillstrom problems) for each seed A..B (default 1..1) until\n"
	 "CONDITION (as in `until`), max iterations (the maxsteps setting), evals N\n"
	 "value + gradient calls or time T seconds (a budget that makes the rows depend\n"
	 "on the machine). Starts: the problem's default, or random(K): a seeded\n"
	 "uniform draw in x0 +- K (1 + |x0|), the same for every method. The cases share\n"
	 "the cores (`threads N`), or the ranks of `mpirun -np N optlab FILE.opl` (rank 0\n"
	 "hands out cases and writes). Results go to NAME.csv (`to` names another file):\n"
	 "a line `# optlab campaign: DEFINITION`, then the columns method, problem, seed,\n"
	 "n, f, fstar, fgap (f - f*), nf, ng, nh (oracle calls), time, iters, met (the\n"
	 "condition held) and stop (met, max, evals, refused or the run's stop), one row\n"
	 "a case, in case order (problem, seed, method) whatever the thread or rank count.\n"
	 "Each row is appended whole as soon as it and those before it are done, so after\n"
	 "Ctrl-C or a crash `campaign NAME resume` runs the missing cases only. `profile`\n"
	 "draws performance and data profiles from the file:\n"
	 "  campaign b = lbfgs, bfgs, cg on mgh seeds 1..3 from random(0.1) \\\n"
	 "      until f - fstar < 1e-6 max 5000",
	 cmd_campaign, CMPL_METHOD},
	{"profile",
	 "profile [performance|data] \"RESULTS.csv\" [cost evals|iters|time] [export \"FILE\" "
	 "[size WxH]]",
	 "performance or data profiles of a campaign's results, and a summary table",
	 "Reads a results file (a campaign's, or any CSV with the columns method, problem,\n"
	 "n, met and the cost's: nf and ng, iters or time; seed optional) and takes each\n"
	 "(problem, seed) as one problem p and the cost t_ps of method s as its evaluations\n"
	 "nf + ng (default), iterations or seconds where the condition was met, infinite\n"
	 "where not. Prints, a method a line, the problems solved, the median cost over\n"
	 "them, and the performance profile rho(tau) = fraction of problems with t_ps <=\n"
	 "tau min_s t_ps at tau = 1, 2, 4, 10 (Dolan & More 2002), or with `data` the data\n"
	 "profile d(alpha) = fraction with t_ps <= alpha (n_p + 1) at alpha = 10 .. 10^4\n"
	 "(More & Wild 2009: alpha in simplex gradients). `export` draws the profile's step\n"
	 "curves (tau on a log axis) to .png, .svg or .pdf:\n"
	 "  profile performance \"b.csv\" export \"perf.png\"",
	 cmd_profile, CMPL_FILE},
	{"eval", "eval PROBLEM at (V, ...) [hessian]",
	 "print a problem's value and gradient at a point",
	 "Prints `f = VALUE` and `grad = [G1, ...]`, every number as %.17g (nan for a\n"
	 "value outside the domain). A composite problem adds `g = ` (the nonsmooth part)\n"
	 "and `F = ` (f + g); a constrained one `constraints = [...]` (each as LHS - RHS,\n"
	 "inequalities first) and `violation = `; `hessian` adds the Hessian, row by row.",
	 cmd_eval,
	 CMPL_PROBLEM},
	{"check", "check PROBLEM [at (V, ...)] [hessian] [seed N] [export \"FILE\"]",
	 "check a problem's gradient (and Hessian) against finite differences",
	 "Along a seeded random direction d (scaled as x), the Taylor remainder\n"
	 "|f(x + t d) - f(x) - t <grad, d>| for steps t = 1e-12 .. 100 falls as t^2 when\n"
	 "the gradient is right and as t when it is wrong (Manopt's checkgradient): prints\n"
	 "`slope = S` fitted where the remainder stands clear of rounding, nearest t -> 0,\n"
	 "the relative error of the central difference at its best step, and the\n"
	 "coordinate whose partial derivative disagrees most with central differences\n"
	 "(every coordinate up to 20000, a seeded sample beyond; each at its best of\n"
	 "several steps, so that bad scaling raises no false alarm). Without `at`, the\n"
	 "problem's default start. `hessian` checks Hessian-vector products too: the\n"
	 "second-order remainder falls as t^3. `export` draws the remainders on log-log\n"
	 "axes with reference slopes:\n"
	 "  check rosen at (-1.2, 1) hessian export \"remainder.png\"",
	 cmd_check, CMPL_PROBLEM},
	{"show", "show [NAME [all | first N | last N | x | multipliers]] | show settings",
	 "show a run's iterations, a problem, a solver, a data vector, or the settings",
	 "A long run shows its first and last rows; `all`, `first N`, `last N` choose.\n"
	 "`show RUN x` prints the run's current iterate, one coordinate a line; beyond a\n"
	 "screen (40 values) it prints the count of zeros and the largest entries (a\n"
	 "lasso's sparsity shows), and `export \"x.csv\" RUN x` writes every value. A\n"
	 "problem's known minimizer x* is shown the same way. `show RUN multipliers` lists\n"
	 "a constrained run's multipliers (penalty, auglag, primaldual, barrier), mult1 ..\n"
	 "multm in the order the constraints were written, each with its constraint.",
	 cmd_show, CMPL_ANY},
	{"list", "list", "list the workspace", NULL, cmd_list, CMPL_NONE},
	{"describe", "describe METHOD | describe LIBPROBLEM",
	 "a method's summary, reference and parameters (or a library problem's)", NULL,
	 cmd_describe, CMPL_METHOD},
	{"methods", "methods", "the method catalogue, by family", NULL, cmd_methods, CMPL_NONE},
	{"problems", "problems", "the library of test problems", NULL, cmd_problems, CMPL_NONE},
	{"view", "view [X Y]", "the live picture of the workspace; q returns here",
	 "The objective's heatmap with contour lines and every run's trajectory, a\n"
	 "convergence panel and a status line per run. Keys: space steps every run,\n"
	 "r runs and pauses, + and - change the speed, arrows pan, z and Z zoom, 0\n"
	 "resets the viewport, Tab picks a run, l toggles log colour, x switches the\n"
	 "convergence panel's x axis (iterations, epochs, seconds, evaluations), h\n"
	 "switches the heatmap between f and a bo run's GP mean and acquisition, e\n"
	 "explains the picked run's last step (`explain`'s account in the message pane,\n"
	 "and arrows at the iterate: the gradient step, then the rest: momentum,\n"
	 "extrapolation, prox; e again hides them), : types a command (its output goes to\n"
	 "the message pane), PgUp and PgDn scroll the pane, any other key clears it, q\n"
	 "returns to the prompt. For n > 2\n"
	 "the picture is the slice through the picked run's iterate along X and Y\n"
	 "(names or numbers: `view x3 x7`). A costly picture (a finite sum of many\n"
	 "terms at every node) comes coarse first and is refined between keys: the\n"
	 "title says `refining 1/N` while its samples are N nodes apart.",
	 cmd_view, CMPL_NONE},
	{"render", "render WxH [ascii | text | color | 256] [log | linear] [X Y]",
	 "print one frame of the view as text",
	 "The frame `view` would show on a terminal of W x H cells: ascii (the\n"
	 "default) uses ASCII only (the heat as shading \" .:-=+*#%@\", dark to light,\n"
	 "runs as letters), text the Unicode lines and markers over that ASCII\n"
	 "shading, without colour; color and 256 add colour escapes (true colour or\n"
	 "the xterm 256). log and linear choose the colour scale. A finite sum's\n"
	 "grid is made coarser as figures make it (about 2 10^7 component values, at\n"
	 "least 48 nodes a side), and the picture interpolates between its nodes.",
	 cmd_render, CMPL_NONE},
	{"export",
	 "export \"FILE.csv\" RUN [x] | export \"FILE.png|svg|pdf|gif\" [contour | convergence | both | ternary | acquisition] "
	 "[RUN ...] [size WxH] [title \"...\"] [log | linear] [metric M] [xaxis X] [OPTIONS]",
	 "write a run's trace as CSV, or a figure",
	 "CSV columns: iter, f, gnorm, step, nf, ng, nh, nprox, time, dist (when a\n"
	 "minimizer is known), the method's own columns, and one column per variable,\n"
	 "named as the variable, when n <= 64 (the first two beyond). Row 0 is the start;\n"
	 "numbers are written as %.17g. `export \"x.csv\" RUN x` writes the run's current\n"
	 "iterate instead, for any n: a header `name,value`, then one row per coordinate.\n"
	 "\n"
	 "Figures: `contour` draws the objective (filled contours, log-scaled colour for\n"
	 "objectives such as Rosenbrock) with every run's trajectory; `convergence` plots\n"
	 "the metric M (auto, fgap, f, gnorm, dist, viol: the constraint violation, mult:\n"
	 "the first multiplier, gap and avggap: a game's exploitability at the iterate and\n"
	 "at the average) against the iteration on a log axis (mult: linear); auto is the\n"
	 "gap for simplex games, dist for games with a known saddle point, else f - f* where\n"
	 "f* is known, else gnorm (f gets a linear axis unless it spans two decades; a\n"
	 "log axis over less than two decades is tight). `xaxis` X is iter (the default), epoch (passes over the data: the\n"
	 "stochastic methods' epoch column, else one per full gradient), time (seconds in\n"
	 "the method) or evals (function evaluations, nf). `both` (the default) puts them side by side. A problem in one\n"
	 "variable is drawn as f(x) with each run's iterates on the curve.\n"
	 "`ternary` draws a matrix game with three strategies a player (rps,\n"
	 "preference(m = 3)) as two triangles: each player's mixed strategy. A tabular\n"
	 "policy problem (bandits, MDPs) draws the first run's policy in place of the\n"
	 "contour: a gridworld's grid with its moves, a triangle per state for three\n"
	 "actions, else a heat map of pi(a | s). Without RUN names, every run is drawn. The size is in pixels (PNG) or points (SVG,\n"
	 "PDF), default 1600x1200. A PNG carries the script that rebuilds it:\n"
	 "`optlab --replay FIGURE.png` runs it again. `both` lines the two panels up on\n"
	 "one baseline under one title. OPTIONS:\n"
	 "  legend P        best (the corner hiding the fewest points, the default), n, ne,\n"
	 "                  e, se, s, sw, w, nw, outside (right of the plot) or none\n"
	 "  xrange A:B, yrange A:B\n"
	 "                  the axes of the convergence panel (of the contour's box when\n"
	 "                  `contour` is drawn alone)\n"
	 "  box A:B C:D     the contour panel's box (x from A to B, y from C to D); `:export`\n"
	 "                  in the live view uses the view's zoom and pan as the box\n"
	 "  linewidth K, fontsize K   curves and text K times the default size\n"
	 "  colors PAL      the runs' colours in order: okabe-ito (the default), tab10,\n"
	 "                  dark2, gray, or a list such as \"#1f77b4,#ff7f0e\"\n"
	 "  grid on|off     grid lines (default: on for convergence, off over contours)\n"
	 "  smooth on|off|auto  a running median with its 10-90% band instead of the\n"
	 "                  raw curve (auto: for noisy curves, such as SGD's)\n"
	 "  heatmap f|gp|acq  what the contour panel colours: f (the default), or a bo\n"
	 "                  run's Gaussian process: its posterior mean (gp) or its\n"
	 "                  acquisition (acq); `acquisition` draws the contour beside\n"
	 "                  the acquisition. A bo run's points are numbered in order\n"
	 "\n"
	 "`export \"FILE.gif\"` animates the runs: the trajectories step over the contour\n"
	 "and the convergence panel grows, with `frames N` (default 60, at most one per\n"
	 "iteration; spread evenly, or on a log scale for long runs) at `fps F` (default\n"
	 "10), the last frame held 2 s, looping forever; default size 960x540. The same\n"
	 "script gives the same bytes.",
	 cmd_export, CMPL_FILE},
	{"image",
	 "image example \"FILE.png\" [clean \"FILE.png\"] [size N] [noise S] [seed N] | "
	 "image save \"FILE.png\" RUN [beside] [size WxH] | "
	 "image compare RUN \"CLEAN.png\" [below X]",
	 "image problems: the example image, a run's image, its error",
	 "Image problems are TV denoising of a grayscale PNG:\n"
	 "  problem d = tv(\"noisy.png\", lambda = 0.1, eps = 0.01)\n"
	 "minimizes 1/2 |u - b|^2 + lambda sum sqrt(|grad u|^2 + eps^2) over the pixels u\n"
	 "(b the image, 0 black .. 1 white; forward differences; smoothed isotropic TV,\n"
	 "exact TV as eps -> 0), from u = b; any gradient method runs on it (lbfgs).\n"
	 "\n"
	 "`image example` writes optlab's own example: a piecewise-constant pattern (a\n"
	 "disc, a square, a bar) of N x N pixels (default 128) plus Gaussian noise of\n"
	 "standard deviation S (default 0.1) from the seed, and with `clean` the pattern\n"
	 "itself. `image save` writes a run's current iterate as an 8-bit grey PNG\n"
	 "(clipped to [0, 1]); `beside` puts the start on its left, `size WxH` scales the\n"
	 "picture (nearest pixel, white margins). `image compare` prints the root mean\n"
	 "square error of the start and of the current iterate to a clean image; with\n"
	 "`below X` it fails unless the latter is below X (scripts test themselves).",
	 cmd_image, CMPL_FILE},
	{"save", "save \"FILE\"", "write a script that rebuilds the workspace",
	 "Runs are saved with the steps they took, so `load` reproduces their traces.",
	 cmd_save, CMPL_FILE},
	{"load", "load \"FILE\"", "run the commands in a script", NULL, cmd_load, CMPL_FILE},
	{"set", "set NAME VALUE", "change a setting",
	 "precision N     significant digits printed (default 6)\n"
	 "maxsteps N      the default `max` of until (default 100000)\n"
	 "steplimit N     the most steps one step or until may ask for (default 1e9)\n"
	 "tracelimit MIB  the memory one run's trace may take, every run (default 1024)\n"
	 "linelimit N     bytes of one logical line (default 65536, at most 1048576)\n"
	 "depthlimit N    nesting of an expression (default and at most 200)\n"
	 "dimlimit N      unknowns of a problem defined from now on (default 1e8)\n"
	 "gridlimit N     nodes of a picture's grid (default 4e6)\n"
	 "worklimit N     operations one evaluation of an expression may spend in\n"
	 "                reductions (default 2e9, a few seconds; past it f is NaN)\n"
	 "gtol, ftol, xtol V, maxiter N, maxtime S, seed N\n"
	 "                the stop tests and seed of runs made from now on (0: off)\n"
	 "colors PAL      the runs' colours in the live view, render and figures (an\n"
	 "                export's own `colors` wins): okabe-ito (the default), tab10,\n"
	 "                dark2, gray, or a list such as \"#1f77b4,#ff7f0e\"",
	 cmd_set, CMPL_SETTING},
	{"unset", "unset NAME", "restore a setting's default", NULL, cmd_unset, CMPL_SETTING},
	{"delete", "delete NAME ...", "remove things from the workspace",
	 "Runs keep the problem they were made on even when its name is deleted.", cmd_delete,
	 CMPL_ANY},
	{"reset", "reset", "empty the workspace and restore every setting", NULL, cmd_reset,
	 CMPL_NONE},
	{"help", "help [COMMAND]", "list the commands, or explain one", NULL, cmd_help,
	 CMPL_COMMAND},
	{"quit", "quit", "leave optlab", "Ctrl-D at the prompt does the same.", cmd_quit,
	 CMPL_NONE},
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
	return cmd_plugin_faults(s, c->run(s, &l));
}
