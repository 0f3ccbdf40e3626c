#!/usr/bin/env bash
# The live view in tmux: it draws the picture and the run names, space steps,
# r runs and pauses, `:` runs a command, e explains a step with arrows, x changes the
# convergence panel's x axis, resizing redraws at the new size, a too-small window
# says so, q and Ctrl-C return to a working prompt.
. "$(dirname "$0")/common.bash"
# status ITER: both runs' status lines show this iteration
status() {
  wait_for "gd(step = 0.05)  iter $(printf '%7d' "$1")"
  wait_for "bfgs             iter $(printf '%7d' "$1")"
}

T -f /dev/null new-session -d -s t -x 100 -y 30 \
  "env TERM=xterm-256color LANG=C.UTF-8 '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem q(x, y) = (x - 1)^2 + 8*(y + 0.5)^2' Enter
T send-keys -t t 'run a = gd(step = 0.05) on q from (-1.5, 1)' Enter
T send-keys -t t 'run b = bfgs on q from (-1.5, 1)' Enter
T send-keys -t t 'view' Enter

# the picture, its axes, the runs' names and the keys
wait_for "q(x, y) = (x - 1)^2 + 8*(y + 0.5)^2"
wait_for "━━ a"
wait_for "━━ b"
wait_for "paused"
wait_for "q quit"
T capture-pane -p -t t | grep -q '▀' || fail "no heatmap"
T capture-pane -p -t t | grep -q '⠉' || fail "no braille lines"
status 0

# space: one step of every running run
T send-keys -t t Space
status 1
T send-keys -t t Space Space
status 3

# r runs (the count grows on its own), r again pauses
T send-keys -t t r
wait_for "running  20 it/s"
sleep 0.6
T send-keys -t t r
wait_for "paused  20 it/s"
T capture-pane -p -t t | grep -qE 'gd\(step = 0.05\) +iter +([4-9]|[1-9][0-9]+) ' ||
  fail "a did not run on its own"

# a command inside the view; its output goes to the message pane
T send-keys -t t ':'
wait_for "Enter run the command"
T send-keys -t t 'step a 100' Enter
wait_for "a: iter"
T send-keys -t t ':' 'frobnicate' Enter
wait_for "error: unknown command 'frobnicate'"

# e: explain's account of the picked run's last step in the message pane and two
# arrows at its iterate (a heavy-ball step: the gradient step, then momentum);
# e again hides them and the screen is as it was
T send-keys -t t ':' 'run c = heavyball(step = 0.01, momentum = 0.9) on q from (-1.5, 1)' Enter
wait_for "━━ c"
T send-keys -t t ':' 'step c 4' Enter
wait_for "c: iter 4"
T send-keys -t t Tab Tab # a key clears the message: an empty pane
for _ in $(seq 50); do T capture-pane -p -t t | grep -qF "c: iter 4" || break; sleep 0.1; done
wait_for "heavyball(step = 0.01)"
field() { T capture-pane -p -t t | head -n -2; }
before=$(field)
T send-keys -t t e
wait_for "c: step 4 of heavyball(step = 0.01) on q"
wait_for "f: 5.82802 -> 4.51045"
for _ in $(seq 50); do [ "$(field)" != "$before" ] && break; sleep 0.1; done
[ "$(field)" != "$before" ] || fail "e drew no arrows"
T send-keys -t t e
for _ in $(seq 50); do [ "$(field)" = "$before" ] && break; sleep 0.1; done
[ "$(field)" = "$before" ] || fail "e again left the arrows"
T capture-pane -p -t t | grep -qF "c: step 4 of" && fail "e again left the account"

# resizing redraws at the new size
T resize-window -t t -x 165 -y 40
wait_for "reset view  Tab pick run"
width=$(T capture-pane -p -t t | head -1 | wc -L)
[ "$width" -ge 160 ] || fail "title not redrawn across 165 columns (width $width)"
# x: the convergence panel's x axis in epochs (one per gradient for gd and bfgs), in
# seconds, in evaluations, and back to iterations
T capture-pane -p -t t | grep -qF epoch && fail "epoch on the screen before x"
T send-keys -t t x
wait_for "epoch"
T send-keys -t t x
wait_for "seconds"
T send-keys -t t x
wait_for "evaluations"
T send-keys -t t x
wait_for "iteration"
T resize-window -t t -x 30 -y 10
wait_for "the view needs 40 x 12"
T resize-window -t t -x 100 -y 30
wait_for "q quit"

# q leads back to a working prompt
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'list' Enter
wait_for "gd(step = 0.05)"
T send-keys -t t 'eval q at (1, -0.5)' Enter
wait_for "grad = [0, 0]"

# so does Ctrl-C
T send-keys -t t 'view' Enter
wait_for "q quit"
T send-keys -t t C-c
wait_for "optlab>"
T send-keys -t t 'eval q at (1, 0)' Enter
wait_for "grad = [0, 8]"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo ok
