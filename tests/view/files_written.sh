#!/usr/bin/env bash
# Files optlab writes are files optlab reads back, and files as their owner set
# them: a workspace `load` would refuse is not saved, a figure whose script is
# too long for --replay is not exported, a 10 MB script replays; a file written
# over keeps its mode, a new one honours the umask, a 250-byte name works.
set -u
OPT=$(realpath "${1:?usage: files_written.sh PATH/TO/optlab}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $1"; exit 1; }
cd "$tmp" || exit 1

# problems whose definitions hold a million blanks each: big scripts, quickly
blanks=$(head -c 1000000 /dev/zero | tr '\0' ' ')
big() { echo 'set linelimit 1048576'; for i in $(seq "$1"); do echo "problem p$i = x$blanks+ y"; done
        echo 'run a = gd on p1 from (1, 1)'; }
{ big 17; echo 'save "ws.opl"'; } >save.opl
"$OPT" save.opl 2>err && fail "a 17 MB save succeeded"
grep -q "^save.opl:20:6: error: the workspace's script would be 16.2 MiB, over the 16 MiB \`load\` reads" err ||
  fail "save: [$(cat err)]"
[ -e ws.opl ] || ls | grep -q tmp && fail "save: a file was left"
{ big 17; echo 'export "f.png" contour size 200x150'; } >fig.opl
"$OPT" fig.opl 2>err && fail "a figure with a 17 MB script was exported"
grep -q "^fig.opl:20:8: error: the script that rebuilds this figure is 16.2 MiB, over the 16 MiB a PNG can carry" err ||
  fail "export: [$(cat err)]"
[ -e f.png ] && fail "export: f.png written"
{ big 10; echo 'export "f.png" contour size 200x150'; } >fig10.opl
"$OPT" fig10.opl || fail "a figure with a 10 MB script"
rm -f fig10.opl
cp f.png g.png
"$OPT" --replay g.png || fail "--replay of a figure with a 10 MB script"
rm -f ./*.png ./*.opl err

# modes: kept when written over, the umask for new files
touch secret.opl && chmod 600 secret.opl
"$OPT" -e 'let k = 1; save "secret.opl"' || fail "save over secret.opl"
[ "$(stat -c %a secret.opl)" = 600 ] || fail "secret.opl: mode $(stat -c %a secret.opl) after save"
grep -q '^let k = 1$' secret.opl || fail "secret.opl not written"
(umask 027 && "$OPT" -e 'problem q = x^2 + y^2; run a = gd on q from (1, 1); step a 2; save "new.opl"; export "new.csv" a; export "new.svg" a size 200x150') ||
  fail "writing under umask 027"
for f in new.opl new.csv new.svg; do
  [ "$(stat -c %a $f)" = 640 ] || fail "$f: mode $(stat -c %a $f) under umask 027"
done
# a name of 250 bytes (the temporary beside it must not pass NAME_MAX)
name=$(printf 'n%.0s' $(seq 246)).opl
"$OPT" -e "let k = 2; save \"$name\"; load \"$name\"" || fail "a 250-byte file name"
[ "$(ls | grep -c tmp)" = 0 ] || fail "temporaries left: $(ls)"
echo "files_written: ok"
