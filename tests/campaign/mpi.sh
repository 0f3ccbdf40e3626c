#!/bin/bash
# A campaign of 3 methods x 5 problems x 3 seeds writes the same rows (time aside) on
# 1 thread, 2 threads and under `mpirun -np 2` and `-np 3` (dynamic scheduling over 1
# and 2 worker ranks). Skipped (77) when optlab was built without MPI or mpirun is absent.
# usage: mpi.sh OPTLAB HAS_MPI
set -u
optlab=$1
[ "${2:-0}" = 1 ] && command -v mpirun >/dev/null || { echo "no MPI: skipped"; exit 77; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
# a sanitizer build: Open MPI's own allocations at MPI_Init are not ours to free
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
def='lbfgs, cg, gd(step = 0.001) on mgh1, mgh5, mgh13, mgh7, rosenbrock(n = 4) seeds 1..3 from random(0.1) until f - fstar < 1e-6 max 4000'
echo "campaign a = $def threads 1" > one.opl
echo "campaign b = $def threads 2" > two.opl
echo "campaign c = $def" > mpi.opl
"$optlab" one.opl >/dev/null && "$optlab" two.opl >/dev/null || exit 1
out=$(mpirun -np 2 --oversubscribe "$optlab" mpi.opl) || { echo "mpirun -np 2 failed"; exit 1; }
[ "$out" = "campaign c: 3 methods x 5 problems x 3 seeds = 45 cases; c.csv" ] ||
	{ echo "unexpected output (one voice, rank 0's): $out"; exit 1; }
mv c.csv c2.csv
mpirun -np 3 --oversubscribe "$optlab" mpi.opl >/dev/null || { echo "mpirun -np 3 failed"; exit 1; }
rows() { tail -n +2 "$1" | cut -d, -f1-10,12-; }  # the definition line and time aside
[ "$(rows a.csv | wc -l)" = 46 ] || { echo "a.csv: not 45 rows"; exit 1; }
for f in b.csv c2.csv c.csv; do
	diff <(rows a.csv) <(rows $f) >/dev/null || { echo "$f differs from a.csv"; diff <(rows a.csv) <(rows $f) | head; exit 1; }
done
echo "same 45 rows on 1 thread, 2 threads, mpirun -np 2 and -np 3"
