# Shared by the tmux tests (sourced): OPT from $1, a private tmux server T, a temporary
# HOME, a keeper session, fail (prints the screen) and wait_for TEXT (polls the screen up to 10 s).
set -u
OPT=${1:?usage: $0 PATH/TO/optlab}
command -v tmux >/dev/null || exit 77
sock=optlab-test-$$
tmp=$(mktemp -d)
export HOME=$tmp XDG_STATE_HOME=$tmp/state
T() { tmux -L "$sock" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# a session that outlives the tests' own: killing the last one would end the server,
# and a new-session racing that exit fails ("server exited unexpectedly") on a busy machine
T new-session -d -s keep -x 20 -y 5 'sleep 86400' || exit 1
fail() { echo "FAIL: $1"; echo "--- screen"; T capture-pane -p -t t; exit 1; }
wait_for() {
  for _ in $(seq 100); do
    T capture-pane -p -t t | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "never saw [$1]"
}
