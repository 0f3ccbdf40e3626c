#!/usr/bin/env bash
# Ctrl-C stops a picture whose grid is costly (a sum of 10^7 terms at every node:
# `render 80x24` took 107 s and could not be stopped): within a second (three in a
# sanitizer build on a busy machine), with an error, and no half picture printed.
set -u
OPT=$(realpath "${1:?usage: interrupt_picture.sh PATH/TO/optlab}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $1"; exit 1; }
set -m # job control: the background job takes SIGINT
"$OPT" -e 'problem s = sum(i = 1, 10000000, (x - i/1e7)^2) + y^2; render 80x24' \
  >"$tmp/out" 2>"$tmp/err" &
pid=$!
sleep 1
kill -INT "$pid"
limit=20
ldd "$OPT" | grep -q libasan && limit=60
for _ in $(seq $limit); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "render still running $((limit / 20)) s after Ctrl-C"; }
wait "$pid"
st=$?
[ "$st" = 1 ] || fail "status $st"
[ "$(cat "$tmp/err")" = "-e:1:56: error: interrupted: the picture was not finished" ] ||
  fail "stderr [$(cat "$tmp/err")]"
[ -s "$tmp/out" ] && fail "a half picture was printed"
echo "interrupt_picture: ok"
