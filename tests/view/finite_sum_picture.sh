#!/usr/bin/env bash
# A costly picture in the live view (logistic regression on 10^5 points: 10^5 terms at
# every node of a 200x60 view's grid): a coarse heatmap comes first, drawn in colour
# while the title says it is being refined; a zoom starts the refinement over at a
# coarse level; q leaves while it refines. Limits are generous (a busy machine); what
# is checked is the order of things, not their speed.
. "$(dirname "$0")/common.bash"
T -f /dev/null new-session -d -s t -x 200 -y 60 \
  "env TERM=xterm-256color LANG=C.UTF-8 '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem p = logreg(m = 100000)' Enter
T send-keys -t t 'view' Enter
wait_for "refining 1/"
# the heatmap: half blocks over several background colours (not one grey of NaN)
colours=$(T capture-pane -e -p -t t | grep -o $'\e\[[0-9;]*48;5;[0-9]*' | sed 's/.*48;5;//' |
  sort -u | wc -l)
[ "$colours" -ge 4 ] || fail "the first picture has $colours background colours"
T capture-pane -p -t t | grep -q '▀' || fail "no heatmap"
# finer levels follow; a zoom goes back to a coarse one
seen() { T capture-pane -p -t t | head -1 | grep -qE "$1"; }
for _ in $(seq 300); do seen 'refining 1/(4|2)\b' && break; sleep 0.1; done
seen 'refining 1/(4|2)\b' || fail "never refined to 1/4"
T send-keys -t t z
for _ in $(seq 300); do seen 'refining 1/(8|16|32|64|128)\b' && break; sleep 0.1; done
seen 'refining 1/(8|16|32|64|128)\b' || fail "a zoom did not start over coarse"
# q while refining: back at the prompt
T send-keys -t t q
prompt() { [ "$(T capture-pane -p -t t | grep -v '^ *$' | tail -1)" = "optlab>" ]; }
for _ in $(seq 100); do prompt && break; sleep 0.05; done
prompt || fail "q did not leave within 5 s"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "finite_sum_picture: ok"
