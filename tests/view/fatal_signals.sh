#!/usr/bin/env bash
# Every signal that ends optlab in the live view gives the terminal back whole
# (main screen, cursor shown, keypad off, the line discipline cooked) and ends
# optlab by that signal; a signal during an export leaves no temporary behind.
. "$(dirname "$0")/common.bash"

for sig in ${SIGS-QUIT USR1 ALRM TERM HUP}; do
  num=$(kill -l "$sig")
  T new-session -d -s t -x 100 -y 30 \
    "env TERM=xterm-256color '$OPT' --demo; echo exited-\$?; stty -a | tr ' ' '\n' | grep -Ex -- '-?(icanon|echo)' | tr '\n' ' '; echo; sleep 30"
  for _ in $(seq 100); do [ "$(T display-message -p -t t '#{alternate_on}')" = 1 ] && break; sleep 0.1; done
  [ "$(T display-message -p -t t '#{alternate_on}')" = 1 ] || fail "$sig: the view never started"
  sleep 0.3
  pid=$(pgrep -P "$(T display-message -p -t t '#{pane_pid}')" -x optlab)
  [ -n "$pid" ] || fail "$sig: no optlab process"
  kill -s "$sig" "$pid"
  wait_for "exited-$((128 + num))"
  wait_for "icanon echo"
  flags=$(T display-message -p -t t '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag} #{keypad_flag}')
  [ "$flags" = "0 1 0 0" ] || fail "$sig: alternate screen, cursor, keypad cursor, keypad = $flags, expected 0 1 0 0"
  T kill-session -t t
done

# a signal while an export writes its temporary: the temporary goes too
OPT=$(realpath "$OPT")
cd "$tmp" || exit 1
rows=200000
for attempt in 1 2 3 4 5; do
  rm -f big.csv big.csv.tmp*
  "$OPT" -e "problem q = x^2 + y^2; run a = gd(step = 1e-9) on q from (1, 1); step a $rows; export \"big.csv\" a" \
    >/dev/null 2>&1 &
  pid=$!
  caught=0
  for _ in $(seq 2000); do
    if compgen -G "big.csv.tmp*" >/dev/null; then kill -TERM "$pid"; caught=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  wait "$pid"
  st=$?
  if [ $caught = 1 ] && [ ! -e big.csv ]; then
    [ "$st" = 143 ] || fail "export: SIGTERM gave status $st"
    compgen -G "big.csv.tmp*" >/dev/null && fail "export: SIGTERM left $(ls big.csv.tmp*)"
    echo "fatal_signals: ok"
    exit 0
  fi
  rows=$((rows * 2))
done
fail "export: never caught the temporary being written"
