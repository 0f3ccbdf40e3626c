#!/bin/bash
# Plugins end to end: builds examples/plugins/rosen.c by its documented line with the
# system compiler (and the failing test plugins), then runs every tests/plugins/NAME.opl
# beside them and compares stdout, stderr and the exit status with NAME.out, NAME.err
# and NAME.status (absent: empty, 0).
# usage: run.sh OPTLAB SOURCE_DIR
set -u
optlab=$1 src=$2
# A plugin that crashes leaves its own allocations behind by design (crash.opl): those
# are the plugin's, not optlab's, so LeakSanitizer is off for these scripts.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
here=$src/tests/plugins
tmp=$(mktemp -d /tmp/optlab-plugins-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
build() { # OUT SOURCE [FLAGS]
	"$cc" -std=c11 -O2 -shared -fPIC -I "$src/include" "${@:3}" "$2" -o "$tmp/$1" || exit 1
}
build rosen.so "$src/examples/plugins/rosen.c"
build faulty.so "$here/faulty.c"
build future.so "$here/faulty.c" -DFUTURE
fail=0
for script in "$here"/*.opl; do
	name=$(basename "$script" .opl)
	cp "$script" "$tmp/"
	(cd "$tmp" && "$optlab" "$name.opl" >"$name.stdout" 2>"$name.stderr" </dev/null)
	status=$?
	for s in out err; do
		want=$here/$name.$s
		[ -f "$want" ] || want=/dev/null
		got=$tmp/$name.std$s
		if ! diff -u "$want" "$got"; then
			echo "plugins: $name: std$s differs" >&2
			fail=1
		fi
	done
	# NAME.same: pairs of trace CSV files whose rows must agree bit for bit but for
	# the time column (the header names the variables as each problem does)
	if [ -f "$here/$name.same" ]; then
		while read -r a b; do
			for f in "$a" "$b"; do
				awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "time") t = i; next }
				         { s = ""; for (i = 1; i <= NF; i++) if (i != t) s = s $i ","; print s }' \
				    "$tmp/$f" >"$tmp/$f.notime" || fail=1
			done
			if ! cmp -s "$tmp/$a.notime" "$tmp/$b.notime" || [ ! -s "$tmp/$a.notime" ]; then
				echo "plugins: $name: $a and $b differ" >&2
				fail=1
			fi
		done <"$here/$name.same"
	fi
	want_status=0
	[ -f "$here/$name.status" ] && want_status=$(cat "$here/$name.status")
	if [ "$status" != "$want_status" ]; then
		echo "plugins: $name: exit status $status, expected $want_status" >&2
		fail=1
	fi
done
exit $fail
