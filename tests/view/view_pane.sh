#!/usr/bin/env bash
# The view at 80x24 and 40x12: status lines that keep each run's name, iteration,
# f and stop reason whole; the message pane: `e`'s account and `:` output wrap
# instead of being cut with "...", PgUp/PgDn scroll to their last line, and the
# next key clears a stale message.
. "$(dirname "$0")/common.bash"
screen() { T capture-pane -p -t t; }

T -f /dev/null new-session -d -s t -x 80 -y 24 \
  "env TERM=xterm-256color LANG=C.UTF-8 '$OPT' -q; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem rosen = rosenbrock' Enter
T send-keys -t t 'run a = gd(linesearch = armijo) on rosen from (-1.2, 1)' Enter
T send-keys -t t 'run b = heavyball(step = 0.0005) on rosen from (-1.2, 1)' Enter
T send-keys -t t 'run c = bfgs on rosen from (-1.2, 1)' Enter
T send-keys -t t 'run newton = newton on rosen from (-1.2, 1)' Enter
T send-keys -t t 'step 30' Enter
wait_for "newton: iter 22"
T send-keys -t t 'view' Enter
wait_for "q quit"

# 80x24: every status line whole, the stop reason included
wait_for "newton"
status=$(screen | grep -E '^ +(▸ )?━━ ')
[ "$(echo "$status" | wc -l)" -ge 4 ] || fail "not four status lines"
echo "$status" | grep -q '\.\.\.' && fail "a status line is cut"
echo "$status" | grep -qE 'newton +.*22 .*f 0 .*converged' || fail "no stop reason at 80x24"
echo "$status" | grep -qE ' a +.*30 .*f 3\.9409 ' || fail "no iteration and f for a"

# e: explain's account of a's last step in the pane, wrapped, not cut; PgDn
# scrolls to its last line; the next key clears it
T send-keys -t t e
wait_for "a: step 30 of gd(linesearch = armijo) on rosen"
wait_for "PgUp/Dn"
screen | grep -q 'step size 0.001.*\.\.\.$' && fail "the account is cut"
screen | grep -qF "maxeval = 40" && fail "the last line shows before scrolling"
for _ in 1 2 3 4 5 6; do T send-keys -t t NPage; done
wait_for "maxeval = 40"
T send-keys -t t PPage
T send-keys -t t PPage PPage PPage PPage PPage
wait_for "a: step 30 of gd"
T send-keys -t t Space
for _ in $(seq 50); do screen | grep -qF "a: step 30 of gd" || break; sleep 0.1; done
screen | grep -qF "a: step 30 of gd" && fail "a stale message stayed after the next key"

# a `:` command prints its whole output in the pane
T send-keys -t t ':' 'show newton' Enter
wait_for "PgUp/Dn"
screen | grep -qF "(+" && fail "only the last line of the output"
T send-keys -t t x
for _ in $(seq 50); do screen | grep -qF "PgUp/Dn" || break; sleep 0.1; done
screen | grep -qF "PgUp/Dn" && fail "the output stayed after the next key"

# 40x12: still a picture with the runs' names and a status line
T resize-window -t t -x 40 -y 12
wait_for "q quit"
screen | grep -qE '━━ +[a-z]' || fail "no status line at 40x12"
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "ok"
