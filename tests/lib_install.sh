#!/bin/bash
# liboptlab as a C program sees it: installs the build into a temporary prefix, then
# builds examples/c/*.c with pkg-config only and runs them (each exits 0 only when
# it reached its known minimizer).
# usage: lib_install.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -u
build=$1 src=$2 extra=${3:-}
tmp=$(mktemp -d /tmp/optlab-lib-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || exit 1
pc=$(find "$tmp/prefix" -name optlab.pc | head -1)
[ -n "$pc" ] || { echo "lib_install: no optlab.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir optlab)
ls "$libdir"/liboptlab.so.* >/dev/null || { echo "lib_install: no so-name" >&2; exit 1; }
fail=0
for ex in "$src"/examples/c/*.c; do
	name=$(basename "$ex" .c)
	# shellcheck disable=SC2046,SC2086
	if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror $extra "$ex" \
		$(pkg-config --cflags --libs optlab) -o "$tmp/$name"; then
		echo "lib_install: $name does not build" >&2
		fail=1
		continue
	fi
	if ! LD_LIBRARY_PATH=$libdir "$tmp/$name"; then
		echo "lib_install: $name failed" >&2
		fail=1
	fi
done
exit $fail
