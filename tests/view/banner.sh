#!/usr/bin/env bash
# The opening note of an interactive session (version, help, the demo, where the
# history is kept), absent with -q and in batch runs even on a terminal; `step`
# without a run name says at a terminal which runs it advanced.
. "$(dirname "$0")/common.bash"
screen() { T capture-pane -p -t t; }
# replace the session by one running CMD (the server stays up: no restart race)
restart() { T new-session -d -s t2 -x 100 -y 30 "$1"; T kill-session -t t; T rename-session -t t2 t; }
version=$("$OPT" --version)

T new-session -d -s t -x 100 -y 30 "env TERM=xterm-256color '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
screen | grep -qF "$version: optimization algorithms" || fail "no version in the banner"
screen | grep -qF '`help` lists the commands' || fail "no help in the banner"
screen | grep -qF -- "--demo" || fail "no demo in the banner"
screen | grep -qF "History: $tmp/state/optlab/history" || fail "no history in the banner"

# step without a run name: every run, and the terminal is told which
T send-keys -t t 'problem p = (x - 1)^2 + 2*y^2' Enter
T send-keys -t t 'run a = gd on p from (0, 1)' Enter
T send-keys -t t 'step 2' Enter
wait_for "a: iter 2"
screen | grep -qF "every run" && fail "a note for a single run"
T send-keys -t t 'run b = bfgs on p from (0, 1)' Enter
T send-keys -t t 'step 2' Enter
wait_for 'every run (a, b); `step RUN N` or `until RUN ...` advances one'
wait_for "b: iter 2"
wait_for "a: iter 4"
T send-keys -t t 'step b 1' Enter
wait_for "b: iter 3"
[ "$(screen | grep -c 'every run (a, b)')" = 1 ] || fail "a note for a named run"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"

# -q: no banner
restart "env TERM=xterm-256color '$OPT' -q; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
screen | grep -qF "optimization algorithms" && fail "a banner with -q"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"

# batch on a terminal: neither the banner nor the note
restart "env TERM=xterm-256color '$OPT' -e 'problem p = x^2 + y^2; run a = gd on p from (1, 1); run b = gd on p from (1, 1); step 1'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab-exited-0"
screen | grep -qF "optimization algorithms" && fail "a banner in a batch run"
screen | grep -qF "every run" && fail "the note in a batch run"
screen | grep -qF "b: iter 1" || fail "no status in the batch run"
echo "ok"
