#!/usr/bin/env bash
# Signals in batch mode: output into a closed pipe ends optlab quietly (death by
# SIGPIPE, as for `yes | head`), even when SIGPIPE was inherited ignored; Ctrl-C
# stops a long command, keeps its steps, and ends the script with an error.
set -u
OPT=$(realpath "${1:?usage: signals.sh PATH/TO/optlab}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $1"; for f in "$tmp"/*; do echo "--- $f"; head -c 2000 "$f"; done; exit 1; }

# --- SIGPIPE: far more output than a pipe holds, the reader takes one line
long='problem q = x^2 + y^2; run a = gd(step = 1e-4) on q from (1, 1); step 20000; show a all'
out=$(timeout 30 "$OPT" -e "$long" 2>"$tmp/pipe.err" | head -1; echo "status ${PIPESTATUS[0]}")
[ "$(echo "$out" | tail -1)" = "status 141" ] || fail "closed pipe: expected death by SIGPIPE (141), got [$out]"
[ "$(echo "$out" | head -1)" = "a: iter 20000, f = 0.000670389, gnorm = 0.0517837 (running)" ] ||
  fail "closed pipe: first line [$out]"
[ -s "$tmp/pipe.err" ] && fail "closed pipe: optlab wrote to stderr"
# a parent that ignores SIGPIPE: optlab must still end at once, not compute on
out=$( (trap '' PIPE; timeout 30 "$OPT" -e "$long; until a gnorm < 0 max 100000000" \
  2>"$tmp/pipe_ign.err"; echo "status $?" >"$tmp/pipe_ign.status") | head -1)
[ "$(cat "$tmp/pipe_ign.status")" = "status 141" ] ||
  fail "SIGPIPE ignored by the parent: $(cat "$tmp/pipe_ign.status")"
[ -s "$tmp/pipe_ign.err" ] && fail "SIGPIPE ignored by the parent: optlab wrote to stderr"
# `methods` into head: quiet whatever the output size
out=$("$OPT" -e methods 2>"$tmp/methods.err" | head -1)
[ "$out" = "gradient:" ] || fail "methods | head -1 gave [$out]"
[ -s "$tmp/methods.err" ] && fail "methods | head -1 wrote to stderr"

# --- Ctrl-C in batch mode: job control, so that the background job takes SIGINT
set -m
cat >"$tmp/long.opl" <<'EOF'
problem r = rosenbrock(n = 2000)
run a = gd(step = 1e-7) on r
step a 1
until a gnorm < 0 max 100000000
export "after.csv" a
EOF
cd "$tmp" || exit 1
"$OPT" long.opl >int.out 2>int.err &
pid=$!
# once the first step is out, the long `until` is under way: Ctrl-C
for _ in $(seq 200); do [ -s int.out ] && break; sleep 0.05; done
sleep 0.3
kill -INT "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "Ctrl-C did not stop the batch within 10 s"; }
wait "$pid"
st=$?
[ "$st" = 1 ] || fail "Ctrl-C: exit status $st, expected 1"
tail -1 int.out | grep -Eq '^a: iter [0-9]+, .*\(interrupted after [0-9]+ steps\)$' ||
  fail "Ctrl-C: the run's status line should say interrupted"
[ "$(cat int.err)" = "long.opl:4:1: error: interrupted" ] || fail "Ctrl-C: stderr [$(cat int.err)]"
[ -e after.csv ] && fail "Ctrl-C: the script went on after the interrupt"
ls | grep -q tmp && fail "Ctrl-C left a temporary file"

# a second Ctrl-C kills at once (a command that never looks at the flag)
"$OPT" long.opl >int2.out 2>int2.err &
pid=$!
sleep 1
kill -INT "$pid"
kill -INT "$pid"
wait "$pid"
st=$?
[ "$st" = 1 ] || [ "$st" = 130 ] || fail "two Ctrl-C: exit status $st"
echo "signals: ok"
