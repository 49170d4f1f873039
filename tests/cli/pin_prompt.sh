#!/bin/sh
# pin_prompt.sh - `guichet staff add` asks for the PIN twice on the terminal
# without echo, as a person sees it in tmux (80x24): the digits never appear
# on screen, a mismatch or trivial PIN is explained and asked again.
G=${GUICHET:?set GUICHET to the binary under test}
n=0
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
  echo "not ok 1 - tmux is not installed (see .ci/run)"; exit 0
fi
G=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")

screen() { tmux -S "$sock" capture-pane -p -t t; }
# wait until the screen shows PATTERN (up to ~10 s)
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    screen | grep -qE -- "$1" && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
check() {
  n=$((n + 1))
  if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; screen | sed 's/^/#   /'; fi
}

tmux -S "$sock" new-session -d -s t -x 80 -y 24 \
  "env LANG=C LC_ALL=C '$G' --db '$tmp/t.db' window add W01 综合窗口 >/dev/null; env LANG=C LC_ALL=C '$G' --db '$tmp/t.db' staff add wangfang 王芳 --role clerk --window W01; echo EXIT=\$?; sleep 30"
wait_for 'New PIN'
tmux -S "$sock" send-keys -t t '123456' Enter
check "a trivial PIN is explained" "wait_for 'run of digits'"
wait_for 'New PIN.*$'
tmux -S "$sock" send-keys -t t '428613' Enter
wait_for 'same PIN again'
tmux -S "$sock" send-keys -t t '428610' Enter
check "a mismatch is explained" "wait_for 'do not match|differ|not the same'"
tmux -S "$sock" send-keys -t t '428613' Enter
wait_for 'same PIN again'
tmux -S "$sock" send-keys -t t '428613' Enter
check "the staff member is added after two matching entries" "wait_for 'staff wangfang added'"
check "the command exits 0" "wait_for 'EXIT=0'"
check "no PIN digits typed ever appear on the screen" "! screen | grep -qE '428613|428610|^123456'"
