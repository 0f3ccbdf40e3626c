#!/usr/bin/env bash
# An interactive session keeps its workspace in $XDG_STATE_HOME/optlab/session.opl
# after every command; killed with SIGKILL in the middle of a long command,
# `optlab --resume` rebuilds it to the last completed command and says so.
. "$(dirname "$0")/common.bash"

T new-session -d -s t -x 100 -y 30 "env TERM=xterm-256color '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'let k = 3; problem p = (x - k)^2 + (y + 1)^2' Enter
T send-keys -t t 'let k = 5' Enter
T send-keys -t t 'run a = gd(step = 0.1) on p from (0, 0)' Enter
T send-keys -t t 'step a 7' Enter
wait_for "a: iter 7"
T send-keys -t t 'set precision 17; step a 0' Enter
wait_for "a: iter 7, f = "
before=$(T capture-pane -p -t t | grep -F 'a: iter 7, f = ' | tail -1)
# a long command under way when the kill comes: the journal holds what came before
T send-keys -t t 'run b = gd(step = 1e-9) on p from (1, 1); until b gnorm < 1e-300 max 1000000000' Enter
wait_for "(Ctrl-C stops)"
pid=$(pgrep -P "$(T display-message -p -t t '#{pane_pid}')" -x optlab)
[ -n "$pid" ] || fail "no optlab process"
kill -KILL "$pid"
wait_for "optlab-exited-137"
T kill-session -t t
[ -s "$tmp/state/optlab/session.opl" ] || fail "no journal in \$XDG_STATE_HOME/optlab"

T new-session -d -s t -x 100 -y 30 "env TERM=xterm-256color '$OPT' --resume; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
screen=$(T capture-pane -p -t t)
echo "$screen" | grep -q "^resumed the session of .* 1 problem, 1 run, 1 constant" ||
  fail "no summary of what was restored"
echo "$screen" | grep -q "^  run a at iteration 7" || fail "run a not at iteration 7"
echo "$screen" | grep -q "^  after the command: set precision 17; step a 0" || fail "no last command"
T send-keys -t t 'step a 0' Enter
wait_for "$before"
T send-keys -t t 'eval p at (5, -1); show k' Enter
wait_for "f = 4"    # p was defined with k = 3
wait_for "= 5"      # and k is 5 now
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "resume: ok"
