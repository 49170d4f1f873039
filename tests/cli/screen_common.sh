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
#   start [VAR=value ...]   the client in a new tmux session (LANG=zh_CN.UTF-8,
#                           or C.UTF-8 when this machine lacks that locale,
#                           unless a LANG=... is given); its exit code goes
#                           to $tmp/rc and its stderr to $tmp/stderr
#   login ID PIN            log in and wait for the dashboard (the duty offer that
#                           may follow is answered with $DUTY_OFFER, default n)
#   keys KEY...             tmux key names (Enter, Tab, F2, C-p, BSpace ...)
#   typein TEXT             literal text (UTF-8: Chinese goes in as typed
#                           through an input method)
#   holds COND              until the shell condition holds (eval'd, polled)
#   wait_for ERE            until the screen shows it (about 10 s, 20 s for an
#                           ASan build); 1 when it never does
#   wait_gone ERE           until the screen no longer shows it
#   wait_hint ERE           until the key-hint line (the last row) matches
#   wait_title ERE          until the title bar (the first row) matches
#   wait_msg ERE            until the message line (row 23) matches
#   wait_box                until a modal box (confirm, text, choice) is drawn
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

case "$0" in *screen_common.sh) exit 0 ;; esac # run on its own (tests/run): nothing to do

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
typein() { tmux -S "$sock" send-keys -t t -l -- "$1"; }

# poll CMD...: until CMD succeeds (about 10 s; 20 s for an ASan build); 1 when it never does.
# A client that has exited gets one last look, not the whole wait.
poll() {
  _i=0
  while [ $_i -lt $WAIT_TENTHS ]; do
    "$@" && return 0
    if [ -s "$tmp/rc" ]; then "$@"; return; fi
    sleep 0.1; _i=$((_i + 1))
  done
  return 1
}
_shows() { screen | grep -qE -- "$1"; }
_lacks() { ! screen | grep -qE -- "$1"; }
_hint_shows() { hint_line | grep -qE -- "$1"; }
_sql_is() { [ "$(sql "$1")" = "$2" ]; }
_file_has() { [ -f "$1" ] && grep -qE -- "$2" "$1"; }
# holds SHELL-CONDITION: until the condition (eval'd) is true - several looks at the screen that
# must agree on one frame.
holds() { poll eval "$1"; }
wait_for() { poll _shows "$1"; }
wait_gone() { poll _lacks "$1"; }
wait_hint() { poll _hint_shows "$1"; }
_msg_shows() { screen_row 23 | grep -qE -- "$1"; }
wait_msg() { poll _msg_shows "$1"; }
_title_shows() { title_line | grep -qE -- "$1"; }
wait_title() { poll _title_shows "$1"; }
# A modal box: its top corners (the confirm, text and choice boxes of tui/app_modal.c).
# In a non-UTF-8 locale (LANG=C) curses draws the corners with the terminal's line-drawing
# set, which capture-pane shows as the letters l q k.
BOX_TOP='┌.*┐|lqqq.*qqqk'
wait_box() { wait_for "$BOX_TOP"; }
wait_no_box() { wait_gone "$BOX_TOP"; }
wait_sql() { poll _sql_is "$1" "$2"; }
# Sleep a little: after Esc, so the next key is not read as Alt+key.
settle() { sleep 0.3; }

check() {
  n=$((n + 1))
  if eval "$2"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    screen | sed 's/^/#   /'
    if [ -s "$tmp/rc" ]; then
      echo "#   the client exited with status $(cat "$tmp/rc"); its stderr:"
      head -20 "$tmp/stderr" 2>/dev/null | sed 's/^/#   /'
    fi
  fi
}
skip() {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# The hint lines of the steps of an intake (key names come from keymaps/default.keys).
HINT_CHECKLIST='(^| )p .* m .* d '
HINT_DECISION=' a .* d .* s .* r '

# The clerk's locale when this machine has it (CI generates it); else C.UTF-8, so that Chinese
# is still typed and shown (the flows match data, not words).
if locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
  HAVE_ZH=1; CLERK_LANG=zh_CN.UTF-8
else
  HAVE_ZH=0; CLERK_LANG=C.UTF-8
fi

# Standard input holds a Chinese character (a UTF-8 sequence of U+4E00..U+9FFF).
has_cjk() { LC_ALL=C grep -q "$(printf '[\344-\351][\200-\277][\200-\277]')"; }

# start [VAR=value ...]: the client in a new session "t" (the previous one is closed first).
start() {
  tmux -S "$sock" kill-session -t t 2>/dev/null
  rm -f "$tmp/rc"
  _lang=LANG=$CLERK_LANG
  for _a in "$@"; do
    case "$_a" in LANG=*) _lang= ;; esac
  done
  tmux -f /dev/null -u -S "$sock" new-session -d -s t -x 80 -y 24 \
    "env -u LC_ALL -u LANGUAGE $_lang GUICHET_TODAY=$TODAY $* '$G' --config '$cfg' --db '$db' 2>'$tmp/stderr'; echo \$? >'$tmp/rc'; sleep 600"
  tmux -S "$sock" set-option -t t window-size manual >/dev/null 2>&1
}

# The log-in screen is up when its title (centre name and date) is, with no one logged in.
wait_login() { wait_for "^ guichet +$TODAY"; }

# Logged in as ID: the title is no longer the log-in screen's and names ID - or, when the
# screen's own title is too long for the clerk's part (an intake, a notice), names nobody.
_logged_in() {
  _t=$(title_line)
  echo "$_t" | grep -qE "^ guichet +$TODAY *\$" && return 1
  echo "$_t" | grep -qE "\\($1\\) +$TODAY *\$" && return 0
  ! echo "$_t" | grep -qE "\\([a-z0-9-]+\\) +$TODAY *\$"
}

# login ID PIN: from the log-in screen (empty, the id field focused: start, F8) to that
# person's screens; 1 when they never come.  The offer to take duty at the window that may
# follow a log-in (AB岗, tui/scr_handoff.c: a box drawn before the dashboard shows) is answered
# with $DUTY_OFFER: n (the default: the window stays closed), y, or empty (the script answers).
DUTY_OFFER=n
login() {
  wait_login || return 1
  typein "$1"; keys Enter
  typein "$2"; keys Enter
  poll _logged_in "$1" && duty_offer
}
# duty_offer: after a log-in, answer the duty offer when its box is up (see login).
duty_offer() {
  settle # the box comes in the same frame as the title: let the whole frame arrive
  if [ -n "$DUTY_OFFER" ] && screen | grep -qE "$BOX_TOP"; then keys "$DUTY_OFFER"; wait_no_box; fi
  return 0
}

# unlock ID PIN: the lock screen (F9) keeps the id and asks for the PIN only.
unlock() {
  wait_login || return 1
  typein "$2"; keys Enter
  poll _logged_in "$1"
}

# F10 and confirm; the exit code lands in $tmp/rc.
quit_client() {
  keys F10
  wait_box && keys y
  poll test -s "$tmp/rc"
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

# The case number in the title bar (an intake shows its own there), "" when none.
title_case() { title_line | grep -oE "[0-9A-Za-z]+-[0-9A-Za-z]+-$(echo $TODAY | tr -d -)-[0-9]{4}" | head -1; }
# wait_new_case OLD: until the title shows a case number other than OLD; prints it.
_new_case() { _c=$(title_case); [ -n "$_c" ] && [ "$_c" != "$1" ] && echo "$_c"; }
wait_new_case() { poll _new_case "$1"; }
# The date and serial of a case number (20261123-0001): what every list shows of it, however
# narrow its column.
tail_of() { echo "$1" | grep -oE '[0-9]{8}-[0-9]{4}$'; }
# A printed or saved document as one line without spaces: text that wrapped is found whole.
flat() { [ -f "$1" ] && tr -d ' \n' <"$1"; }
# The staff number of a staff id.
staff_num() { sql "SELECT num FROM staff WHERE code='$1'"; }
# wait_file FILE ERE: until FILE exists and holds a line matching ERE.
wait_file() { poll _file_has "$1" "$2"; }
