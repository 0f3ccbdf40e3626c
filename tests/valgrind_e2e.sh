#!/usr/bin/env bash
# valgrind memcheck over every end-to-end script: no memory errors and no
# definite or indirect leaks. Usage: valgrind_e2e.sh OPTLAB DIR (exit 77: no valgrind).
set -u
OPT=$(realpath "${1:?usage: valgrind_e2e.sh OPTLAB DIR}")
DIR=$(realpath "${2:?usage: valgrind_e2e.sh OPTLAB DIR}")
command -v valgrind >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 passed=0
for script in "$DIR"/*.opl; do
  name=$(basename "$script")
  mkdir "$tmp/run" && cp "$script" "$tmp/run/" && cd "$tmp/run" || exit 1
  cp "${script%.opl}".*.csv "$tmp/run/" 2>/dev/null # the script's data files
  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 "$OPT" "$name" >/dev/null 2>"$tmp/log" </dev/null
  if [ $? = 99 ]; then
    failed=$((failed + 1)); echo "FAIL $name"; head -40 "$tmp/log"
  else
    passed=$((passed + 1))
  fi
  cd "$tmp" && rm -rf "$tmp/run"
done
echo "valgrind: $passed passed, $failed failed"
[ $failed = 0 ]
