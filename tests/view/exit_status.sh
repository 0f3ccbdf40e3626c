#!/usr/bin/env bash
# Bad input and failed output end with a message and status 1: a directory given
# as a script or as standard input, output into /dev/full or a closed stdout, an
# endless line (refused while it is read, in bounded memory and time).
set -u
OPT=$(realpath "${1:?usage: exit_status.sh PATH/TO/optlab}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $1"; exit 1; }
# expect STATUS STDERR-LINE -- COMMAND...: runs COMMAND (stdout discarded unless redirected)
expect() {
  local want=$1 msg=$2
  shift 3
  "$@" 2>"$tmp/err"
  local st=$?
  [ "$st" = "$want" ] || fail "$*: status $st, expected $want; stderr [$(cat "$tmp/err")]"
  [ "$(cat "$tmp/err")" = "$msg" ] || fail "$*: stderr [$(cat "$tmp/err")], expected [$msg]"
}
mkdir "$tmp/dir"
expect 1 "$tmp/dir:1:1: error: cannot read: Is a directory" -- "$OPT" "$tmp/dir"
expect 1 "<stdin>:1:1: error: cannot read: Is a directory" -- sh -c "'$OPT' - < '$tmp/dir'"
expect 1 "optlab: error: cannot write standard output: No space left on device" -- \
  sh -c "'$OPT' -e 'problem q = x^2; eval q at (1)' >/dev/full"
expect 1 "optlab: error: cannot write standard output: No space left on device" -- sh -c "'$OPT' -e methods >/dev/full"
expect 1 "optlab: error: standard output is closed" -- sh -c "'$OPT' -e methods >&-"
# a closed stdout is not taken by the next file written: the CSV holds the trace only
(cd "$tmp" && "$OPT" -e 'problem q = x^2; run a = gd on q from (1); step a 2; export "a.csv" a; show a' >&- 2>/dev/null)
[ "$(head -1 "$tmp/a.csv" | cut -d, -f1-3)" = "iter,f,gnorm" ] && [ "$(wc -l <"$tmp/a.csv")" = 4 ] ||
  fail "closed stdout: a.csv holds [$(cat "$tmp/a.csv")]"
# output that fits (nothing written) is no error
expect 0 "" -- sh -c "'$OPT' -e 'let k = 1' >&-"
# an endless line: refused at linelimit, not read whole
expect 1 "<stdin>:1:1: error: line longer than 65536 bytes (linelimit)" -- \
  sh -c "yes | tr -d '\n' | timeout 10 '$OPT' -"
expect 1 "<stdin>:2:1: error: line longer than 100 bytes (linelimit)" -- \
  sh -c "(echo 'set linelimit 100'; yes | tr -d '\n') | timeout 10 '$OPT' -"
echo "exit_status: ok"
