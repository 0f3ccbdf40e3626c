#!/usr/bin/env bash
# `:export` in the live view draws the contour in the view's box (after zoom and pan),
# and the figure's script carries that box: --replay makes the same bytes.
. "$(dirname "$0")/common.bash"
mkdir "$tmp/v" "$tmp/d" "$tmp/r"
T -f /dev/null new-session -d -s t -x 100 -y 30 \
  "cd '$tmp/v' && env TERM=xterm-256color LANG=C.UTF-8 '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'problem q(x, y) = (x - 1)^2 + 8*(y + 0.5)^2' Enter
T send-keys -t t 'run a = gd(step = 0.05) on q from (-1.5, 1)' Enter
T send-keys -t t 'view' Enter
wait_for "paused"
T send-keys -t t z z Right
T send-keys -t t ':export "z.png" contour size 400x300' Enter
for _ in $(seq 100); do [ -s "$tmp/v/z.png" ] && break; sleep 0.1; done
[ -s "$tmp/v/z.png" ] || fail "no z.png"
T send-keys -t t q
wait_for "optlab>"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
# the same export outside the view: the default box, another picture
(cd "$tmp/d" && "$OPT" -e 'problem q(x, y) = (x - 1)^2 + 8*(y + 0.5)^2
run a = gd(step = 0.05) on q from (-1.5, 1)
export "z.png" contour size 400x300') || fail "export outside the view"
cmp -s "$tmp/v/z.png" "$tmp/d/z.png" && fail "the view's zoom was not used"
# replayed from its own script: the same bytes, so the script holds the view's box
cp "$tmp/v/z.png" "$tmp/r/z.png" && touch -d 2000-01-01 "$tmp/r/z.png"
(cd "$tmp/r" && "$OPT" --replay z.png >/dev/null) || fail "--replay"
[ "$(stat -c %Y "$tmp/r/z.png")" -gt 946771200 ] || fail "--replay did not write z.png"
cmp -s "$tmp/v/z.png" "$tmp/r/z.png" || fail "--replay gives other bytes"
echo "view_export: ok"
