#!/usr/bin/env bash
# The view of a problem with several objectives: the objective space (the true front in
# the legend, the runs' names) in place of a slice of the variables, and the
# hypervolume, with the true front's, in place of the convergence panel.
. "$(dirname "$0")/common.bash"
screen() { T capture-pane -p -t t; }

T -f /dev/null new-session -d -s t -x 120 -y 32 \
  "env TERM=xterm-256color LANG=C.UTF-8 '$OPT' -q; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem z = zdt1' Enter
T send-keys -t t 'run ga = nsga2(pop = 20) on z' Enter
T send-keys -t t 'run tc = tchebycheff(w = 0.3) on z' Enter
T send-keys -t t 'step 20' Enter
wait_for "ga: iter 20"
T send-keys -t t 'view' Enter
wait_for "q quit"
screen | grep -qF "Pareto front" || fail "no Pareto front in the objective space's legend"
screen | grep -qF "hypervolume" || fail "no hypervolume panel"
screen | grep -qF "true front" || fail "no true front's hypervolume"
screen | grep -qE '━━ +ga' || fail "no status line for ga"
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "ok"
