/* view_demo: `optlab --demo`: four classic methods racing on Rosenbrock's
 * valley in the live view; q leads to the prompt with the runs in place. */
#include "view.h"

static const char demo_script[] =
	"problem rosen = rosenbrock\n"
	"run gd = gd(linesearch = armijo) on rosen from (-1.2, 1)\n"
	"run heavyball = heavyball(step = 0.0005, momentum = 0.9) on rosen from (-1.2, 1)\n"
	"run bfgs = bfgs on rosen from (-1.2, 1)\n"
	"run newton = newton on rosen from (-1.2, 1)\n";

int view_demo(sess *s)
{
	if (sess_run_text(s, demo_script, "--demo") != 0)
		return -1;
	int rc = view_open(s, NULL, NULL, true,
	                   "Four methods race down Rosenbrock's valley from (-1.2, 1). + and - change "
	                   "the speed; q leads to the prompt.");
	if (rc != 0) /* not run as a command line, so reported here */
		fprintf(s->err, "--demo: error: %s\n", s->error_msg);
	return rc;
}
