#!/usr/bin/env bash
# The interactive prompt in tmux: completion, history, carets, Ctrl-C, quit.
. "$(dirname "$0")/common.bash"

T new-session -d -s t -x 100 -y 30 "env TERM=xterm-256color '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"

# Tab completes a command name
T send-keys -t t 'prob' Tab
wait_for "optlab> problem"
T send-keys -t t ' sq = x^2 + y^2' Enter
# an error shows the line with a caret under the fault
T send-keys -t t 'eval sq at (1, 2, 3)' Enter
wait_for "error: problem 'sq' has 2 variables, the point has 3"
T capture-pane -p -t t | grep -q '^             \^' || fail "no caret under the point"
# Up recalls the last line
T send-keys -t t C-u Up
wait_for "optlab> eval sq at (1, 2, 3)"
T send-keys -t t C-u 'eval sq at (1, 2)' Enter
wait_for "grad = [2, 4]"

# Ctrl-C stops a long until and keeps the partial trace
T send-keys -t t 'run a = gd(step = 1e-9) on sq from (1, 1)' Enter
T send-keys -t t 'until a gnorm < 1e-300 max 1000000000' Enter
wait_for "(Ctrl-C stops)"   # the progress line: the command is under way
T send-keys -t t C-c
wait_for "interrupted after"
T send-keys -t t 'list' Enter
wait_for "run      a"
T capture-pane -p -t t | grep -E 'run +a .* iter [1-9][0-9]*' >/dev/null || fail "no steps kept"

# a continuation line asks for more
T send-keys -t t 'eval sq at (3,' Enter
wait_for "...>"
T send-keys -t t '4)' Enter
wait_for "f = 25"

T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
# the history was saved
grep -q "eval sq at (1, 2)" "$tmp/state/optlab/history" || fail "no history file"
echo "ok"
