#!/usr/bin/env bash
# Tab at the prompt in tmux: an enumerated parameter's values, setting names, and
# file names inside quotes filtered by what the command reads.
. "$(dirname "$0")/common.bash"
mkdir -p "$tmp/w/sub"
touch "$tmp/w/a.opl" "$tmp/w/b.png" "$tmp/w/c.csv" "$tmp/w/sub/d.opl"

T new-session -d -s t -x 100 -y 30 -c "$tmp/w" "env TERM=xterm-256color '$OPT'; echo optlab-exited-\$?; sleep 30"
wait_for "optlab>"
screen() { T capture-pane -p -t t; }

# after `linesearch =`: the rules, not the parameter names again
T send-keys -t t 'solver s = gd(linesearch = ' Tab Tab
wait_for "armijo  exact   none    polyak  wolfe"
T send-keys -t t 'wo' Tab
wait_for "optlab> solver s = gd(linesearch = wolfe"
T send-keys -t t C-u C-l 'solver t = sgd(noisedist = ' Tab Tab
wait_for "gaussian  student"
T send-keys -t t C-u C-l

# set and unset: the setting names
T send-keys -t t 'set prec' Tab
wait_for "optlab> set precision"
T send-keys -t t C-u 'unset grid' Tab
wait_for "optlab> unset gridlimit"
T send-keys -t t C-u C-l

# load "…: .opl files and folders, not pictures or data
T send-keys -t t 'load "' Tab Tab
wait_for "a.opl  sub/"
screen | grep -q "b.png" && fail "load offered a PNG"
screen | grep -q "c.csv" && fail "load offered a CSV file"
T send-keys -t t 'su' Tab
wait_for 'optlab> load "sub/'
T send-keys -t t Tab
wait_for 'optlab> load "sub/d.opl"'
T send-keys -t t C-u C-l
# csv = "…: CSV files; image: PNG files
T send-keys -t t 'problem f = leastsq(csv = "' Tab Tab
wait_for 'c.csv  sub/'
T send-keys -t t 'c' Tab
wait_for 'optlab> problem f = leastsq(csv = "c.csv"'
T send-keys -t t C-u C-l 'image compare r "' Tab Tab
wait_for 'b.png  sub/'
T send-keys -t t 'b' Tab
wait_for 'optlab> image compare r "b.png"'
T send-keys -t t C-u

T send-keys -t t 'quit' Enter
wait_for "optlab-exited-0"
echo "ok"
