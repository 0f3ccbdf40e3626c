#!/usr/bin/env bash
# A hang-up with SIGHUP ignored (under nohup): the terminal is gone, readline
# reads end-of-file or an error, and optlab ends, at the prompt as at the
# continuation prompt (it used to spin there for ever).
. "$(dirname "$0")/common.bash"

for where in prompt continuation; do
  T new-session -d -s t -x 80 -y 24 "trap '' HUP; exec env TERM=xterm-256color '$OPT'"
  wait_for "optlab>"
  pid=$(T display-message -p -t t '#{pane_pid}')
  if [ $where = continuation ]; then
    T send-keys -t t 'problem q = (x +' Enter
    wait_for "...>"
  fi
  T kill-session -t t
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    echo "FAIL: optlab still running 5 s after a hang-up at the $where prompt"
    exit 1
  fi
done
echo "hangup: ok"
