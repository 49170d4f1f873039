# screen_common.sh - shared helpers of the end-to-end screen tests
# (tests/cli/screen_*.sh), sourced, never run on its own (tests/run runs
# every tests/cli/*.sh: run directly, this file does nothing).
#
# Each script drives the real client ($GUICHET) in a private tmux server
# (its own socket in a temporary directory) at 80x24, on a fresh demo
# database, and checks what the screen shows and what the database holds.
# Nothing touches $HOME, the real data directory or a printer: HOME,
# XDG_CONFIG_HOME and XDG_DATA_HOME point into the temporary directory and
# a config file sets [paths] save_dir and [print] command there.
#
#   start [VAR=value ...]   the client in a new tmux session (LANG=zh_CN.UTF-8
#                           unless a LANG=... is given); its exit code goes
#                           to $tmp/rc and its stderr to $tmp/stderr
#   login ID PIN            log in and wait for the dashboard
#   keys KEY...             tmux key names (Enter, Tab, F2, C-p, BSpace ...)
#   type TEXT               literal text (UTF-8: Chinese goes in as typed
#                           through an input method)
#   wait_for ERE            until the screen shows it (about 10 s, 20 s for an
#                           ASan build); 1 when it never does
#   wait_gone ERE           until the screen no longer shows it
#   wait_hint ERE           until the key-hint line (the last row) matches
#   wait_box                until a modal box (confirm, text) is drawn
#   wait_sql SQL VALUE      until the query's result is VALUE
#   screen                  the screen as text; screen_row N: row N (1-based)
#   sql SQL                 the sqlite3 shell on the test database
#   check DESC CMD          one TAP line: "ok N - DESC" when CMD (eval'd)
#                           succeeds, else "not ok N - DESC" and the screen
#   skip DESC WHY           "ok N - DESC # SKIP WHY"
#   quit_client             F10 and y; waits for the exit code
#
# Keys are handled by the client one after the other, so a run of keys can be
# sent at once; only Esc needs a wait after it (Esc followed at once by a
# letter reads as Alt+letter).  Screens are matched on stable text - case
# numbers, item and material names, the key names of the hint line, the
# database - not on translated words, so the tests hold in both languages.

G=${GUICHET:?set GUICHET to the binary under test}
G=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
here=$(cd "$(dirname "$0")/../.." && pwd)
n=0
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
db="$tmp/g.db"
cfg="$tmp/config.ini"
TODAY=2026-11-23

# tmux, grep and the sqlite3 shell themselves run in a UTF-8 locale.
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
unset NO_COLOR
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
if [ ! -f "$(dirname "$G")/../data/pinyin/initials.txt" ]; then
  GUICHET_DATADIR="$here/data"; export GUICHET_DATADIR
fi

cleanup() {
  tmux -S "$sock" kill-server 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! command -v tmux >/dev/null 2>&1; then
  echo "not ok 1 - tmux is not installed (see README: Debian packages)"; exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "not ok 1 - the sqlite3 shell is not installed (see README: Debian packages)"; exit 0
fi

# Waits: tenths of a second.  An ASan build starts and draws more slowly.
case "$G" in
  *asan*) WAIT_TENTHS=200 ;;
  *) WAIT_TENTHS=100 ;;
esac

mkdir -p "$tmp/saved" "$tmp/config" "$tmp/data"
cat >"$cfg" <<EOF
[paths]
save_dir = $tmp/saved

[print]
command = cat > $tmp/printed.txt
EOF

# A fresh demo database: catalogue, staff demo-a/demo-b/demo-s, roster, 40 cases.
if ! GUICHET_TODAY=$TODAY "$G" --db "$db" demo seed --cases 40 >"$tmp/seed.out" 2>&1; then
  echo "not ok 1 - demo seed failed: $(head -3 "$tmp/seed.out")"; exit 0
fi

sql() { sqlite3 -cmd '.timeout 5000' "$db" "$1" 2>&1; }

screen() { tmux -S "$sock" capture-pane -p -t t 2>/dev/null; }
screen_row() { screen | sed -n "${1}p"; }
hint_line() { screen_row 24; }
title_line() { screen_row 1; }
# the screen with its attributes and colours (SGR sequences)
screen_attrs() { tmux -S "$sock" capture-pane -e -p -t t 2>/dev/null; }

keys() { tmux -S "$sock" send-keys -t t "$@"; }
type() { tmux -S "$sock" send-keys -t t -l -- "$1"; }

wait_for() {
  _i=0
  while [ $_i -lt $WAIT_TENTHS ]; do
    screen | grep -qE -- "$1" && return 0
    sleep 0.1; _i=$((_i + 1))
  done
  return 1
}
wait_gone() {
  _i=0
  while [ $_i -lt $WAIT_TENTHS ]; do
    screen | grep -qE -- "$1" || return 0
    sleep 0.1; _i=$((_i + 1))
  done
  return 1
}
wait_hint() {
  _i=0
  while [ $_i -lt $WAIT_TENTHS ]; do
    hint_line | grep -qE -- "$1" && return 0
    sleep 0.1; _i=$((_i + 1))
  done
  return 1
}
# A modal box: its top corners (the confirm, text and choice boxes of tui/app_modal.c).
wait_box() { wait_for '┌.*┐'; }
wait_no_box() { wait_gone '┌.*┐'; }
wait_sql() {
  _i=0
  while [ $_i -lt $WAIT_TENTHS ]; do
    [ "$(sql "$1")" = "$2" ] && return 0
    sleep 0.1; _i=$((_i + 1))
  done
  return 1
}
# Sleep a little: after Esc, so the next key is not read as Alt+key.
settle() { sleep 0.3; }

check() {
  n=$((n + 1))
  if eval "$2"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    screen | sed 's/^/#   /'
  fi
}
skip() {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# The hint lines of the steps of an intake (key names come from keymaps/default.keys).
HINT_CHECKLIST=' p .* m .* d '
HINT_DECISION=' a .* d .* s .* r '

# The case number a screen shows for today (centre-terminal-date-serial).
case_on_screen() { screen | grep -oE "[0-9A-Za-z]+-[0-9A-Za-z]+-$(echo $TODAY | tr -d -)-[0-9]{4}" | head -1; }

# start [VAR=value ...]: the client in a new session "t" (the previous one is closed first).
start() {
  tmux -S "$sock" kill-session -t t 2>/dev/null
  rm -f "$tmp/rc"
  _lang=LANG=zh_CN.UTF-8
  for _a in "$@"; do
    case "$_a" in LANG=*) _lang= ;; esac
  done
  tmux -u -S "$sock" new-session -d -s t -x 80 -y 24 \
    "env -u LC_ALL -u LANGUAGE $_lang GUICHET_TODAY=$TODAY $* '$G' --config '$cfg' --db '$db' 2>'$tmp/stderr'; echo \$? >'$tmp/rc'; sleep 600"
  tmux -S "$sock" set-option -t t window-size manual >/dev/null 2>&1
}

# The log-in screen is up when its title (centre name and date) is, with no one logged in.
wait_login() { wait_for "^ guichet +$TODAY"; }

# login ID PIN: from the log-in (or lock) screen to that person's screens.
login() {
  wait_login || return 1
  keys C-a C-k   # the id field may hold the locked person's id: clear it
  screen_row 1 >/dev/null
  # The log-in form: id, Enter (to the PIN), PIN, Enter.
  tmux -S "$sock" send-keys -t t Home
  _len=20; while [ $_len -gt 0 ]; do tmux -S "$sock" send-keys -t t Delete; _len=$((_len - 1)); done
  type "$1"; keys Enter
  type "$2"; keys Enter
  wait_for "\\($1\\) +$TODAY *\$"
}

# F10 and confirm; the exit code lands in $tmp/rc.
quit_client() {
  keys F10
  wait_box && keys y
  _i=0
  while [ $_i -lt $WAIT_TENTHS ] && [ ! -s "$tmp/rc" ]; do sleep 0.1; _i=$((_i + 1)); done
  [ -s "$tmp/rc" ]
}

# The client exited 0 and its stderr holds no sanitizer report.
clean_exit() {
  [ "$(cat "$tmp/rc" 2>/dev/null)" = 0 ] &&
    ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/stderr" 2>/dev/null
}

# The working day N working days after today, as the calendar verb computes it.
workdays_after() { "$G" calendar add "$TODAY" "$1" 2>/dev/null; }
# 2026-12-07 -> "2026-12-07|2026年12月7日": a date as the screens and notices may print it.
date_forms() {
  _y=${1%%-*}; _m=${1#*-}; _m=${_m%-*}; _d=${1##*-}
  echo "$1|${_y}年$((${_m#0}))月$((${_d#0}))日"
}
