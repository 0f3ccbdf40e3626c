#!/usr/bin/env bash
# The view's h key on a bo run: the heatmap becomes the Gaussian process's posterior
# mean, then the expected improvement, then f again (each panel's title says which; f
# has none on a 2-D problem); on runs without a model it says there is none.
. "$(dirname "$0")/common.bash"
screen() { T capture-pane -p -t t; }

T -f /dev/null new-session -d -s t -x 120 -y 36 \
  "env TERM=xterm-256color LANG=C.UTF-8 '$OPT' -q; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem b = branin over box([-5, 0], [10, 15])' Enter
T send-keys -t t 'run o = bo on b from (0, 5) seed 3' Enter
T send-keys -t t 'step 12' Enter
wait_for "o: iter 12"
T send-keys -t t 'view' Enter
wait_for "h heat"
screen | grep -qF "posterior mean" && fail "the GP's mean before h"
T send-keys -t t h
wait_for "the GP's posterior mean"
T send-keys -t t h
wait_for "acquisition: expected improvement"
T send-keys -t t h
for _ in $(seq 50); do screen | grep -qF "acquisition:" || break; sleep 0.1; done
screen | grep -qF "acquisition:" && fail "h a third time kept the acquisition"
# a run without a model: the view says so and keeps f
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'delete o' Enter
T send-keys -t t 'run c = cmaes on b from (0, 5) seed 1' Enter
T send-keys -t t 'step 5' Enter
wait_for "c: iter 5"
T send-keys -t t 'view' Enter
wait_for "h heat"
T send-keys -t t h
wait_for "no bo run's model"
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "ok"
