#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan), replays every seed
# (the inputs that once found a bug among them: any failure there fails the
# script), then explores for SECONDS (default 30) per target. A new finding
# leaves its input in build-fuzz/crashes/ and fails the script, unless
# FUZZ_REPORT_ONLY=1 (CI: exploration is random, so a new finding is reported
# loudly for a person to turn into a regression seed, and does not block).
# A longer run:  tests/fuzz/run.sh 3600
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
build=build-fuzz
CC=clang cmake -S . -B "$build" -DOPTLAB_FUZZ=ON -DOPTLAB_SANITIZE=ON -DOPTLAB_TESTS=OFF \
  -DOPTLAB_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_expr fuzz_repl >/dev/null

mkdir -p "$build/crashes" "$build/corpus_expr" "$build/corpus_repl"
cp tests/fuzz/seeds_expr/* "$build/corpus_expr/"
cp tests/e2e/*.opl "$build/corpus_repl/"
cp tests/fuzz/seeds_repl/* "$build/corpus_repl/"
[ -d examples ] && find examples -name '*.opl' -exec cp {} "$build/corpus_repl/" \; || true

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in expr repl; do
  echo "== fuzz_$t: replaying the seeds"
  "$build/tests/fuzz/fuzz_$t" -runs=0 -timeout=60 "$build/corpus_$t" 2>"$build/replay_$t.log" || {
    grep -E 'ERROR|SUMMARY' "$build/replay_$t.log" | head -5; exit 1; }
done
for t in expr repl; do
  echo "== fuzz_$t for ${seconds}s"
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=60 -rss_limit_mb=4096 \
    -artifact_prefix="$build/crashes/$t-" -print_final_stats=1 "$build/corpus_$t" 2>"$build/fuzz_$t.log" ||
    status=1
  grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$build/fuzz_$t.log" || true
  grep -E 'ERROR|SUMMARY' "$build/fuzz_$t.log" | head -5 || true
done
if [ $status != 0 ] && [ "${FUZZ_REPORT_ONLY:-0}" = 1 ]; then
  echo "FUZZ FINDING (not blocking): inputs in $build/crashes/; make each a seed and fix it"
  exit 0
fi
exit $status
