#!/usr/bin/env bash
# A guided lesson in tmux, end to end: the listing, paragraphs and the commands
# shown before they run, a pause, `back`, a wrong then a right answer checked
# against the runs, the view opened from the lesson and left with q, the figure
# at the end, and the session going on after the lesson.
. "$(dirname "$0")/common.bash"

cd "$tmp" || exit 1
T new-session -d -s t -x 110 -y 40 "cd '$tmp' && env TERM=xterm-256color '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
T send-keys -t t 'lesson' Enter
wait_for "gd_cliff         Gradient descent and the 2/L cliff"
T send-keys -t t 'lesson gd_cliff' Enter
wait_for "== Gradient descent and the 2/L cliff =="
wait_for "optlab> eval q at (1, 1) hessian"
wait_for "-- page 1 of"
# Enter goes on: the runs are made and stepped, then the question
T send-keys -t t Enter
wait_for "optlab> step 50"
wait_for "? Which step is closest to the minimum after 50 steps"
wait_for "answer>"
T send-keys -t t '0.05' Enter
wait_for "Not quite"
T send-keys -t t '0.18' Enter
wait_for "Right: 0.05: gap = "
wait_for "-- page 2 of"
# back shows page 1 again: its commands are marked as run, not run twice
T send-keys -t t 'back' Enter
wait_for "optlab> eval q at (1, 1) hessian   (ran)"
T send-keys -t t Enter
wait_for "(answered)"
wait_for "-- page 2 of"
T send-keys -t t Enter
wait_for "optlab> explain b"
wait_for "-- page 3 of"
T send-keys -t t Enter
wait_for "? Does the run with step 0.21 converge"
T send-keys -t t 'no' Enter
wait_for "Right: run c has f - fstar"
T send-keys -t t Enter
wait_for "the end of \"Gradient descent and the 2/L cliff\""
[ -s "$tmp/lesson_gd_cliff.png" ] || fail "the lesson's figure was not written"
# the workspace keeps the lesson's runs
T send-keys -t t 'list' Enter
wait_for "run      c"

# a lecturer's own lesson with the view in it: q leaves the view, quit the lesson
cat > "$tmp/my.lesson" <<'LESSON'
= My lesson
A quadratic, seen live.
> problem p = x^2 + 4*y^2
> run a = gd(step = 0.1) on p from (1, 1)
> view
---
? Does gd with step 0.1 reach gnorm < 1e-6 within 200 steps? (yes or no)
! yes if a gnorm < 1e-6
LESSON
T send-keys -t t 'lesson "my.lesson"' Enter
wait_for "q quit"   # the view's status line
T send-keys -t t q
wait_for "-- page 1 of 2"
T send-keys -t t 'quit' Enter
wait_for "(lesson left; the workspace keeps its runs)"
T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "ok"
