#!/bin/sh
# screen_resize.sh - the terminal around the clerk's screen, end to end in
# tmux on the demo data: resizing mid-form to 60x20 shows the "too small"
# message and back at 80x24 the typed text is still there (also with a
# question box open: no box is drawn over the message and a key pressed
# meanwhile answers nothing; and through a larger window); NO_COLOR=1 draws no colour
# at all but keeps the dashboard's supervision marks ([!!] overdue, [!] due
# soon) and sets them apart by attributes; LANG=C gives English (and the
# log-in screen says Chinese input needs a UTF-8 locale),
# LANG=zh_CN.UTF-8 Chinese (skipped when that locale is not generated here;
# CI generates it); a long Chinese centre name is cut in the title bar, which
# keeps the window, the clerk and the date whole.  $GUICHET is the binary
# under test.
. "$(dirname "$0")/screen_common.sh"

esc=$(printf '\033')
# An SGR sequence that sets a colour (foreground, background, bright, 256): not 39/49 (default).
COLOUR_SGR="$esc\\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m"
resize() { tmux -S "$sock" resize-window -t t -x "$1" -y "$2"; }
overdue=$(tail_of "$(sql "SELECT case_id FROM cases WHERE window_id='W01' AND status='referred' ORDER BY due LIMIT 1")")

# ---- LANG=C: English --------------------------------------------------------------------------
start LANG=C
check "LANG=C: the log-in screen is in English" "wait_login && wait_for 'Log in' && screen | grep -q 'Staff id'"
check "LANG=C: the log-in screen says Chinese input needs a UTF-8 locale, and which" \
  "wait_for 'not UTF-8' && screen | grep -q 'LANG=zh_CN.UTF-8'"
check "demo-a logs in" "login demo-a 583914"
check "LANG=C: the dashboard and its key hints are in English" \
  "wait_title 'Dashboard' && wait_hint 'F2 Intake' && ! screen | has_cjk"
check "with colours, the overdue count is drawn in colour" \
  "[ -n '$overdue' ] && wait_for '$overdue' && screen_attrs | grep -E '\\[!!\\]' | grep -qE '$COLOUR_SGR'"
keys F4
check "LANG=C: case states in the case list are English" \
  "wait_for '$overdue' && screen | grep -qE ' (accepted|in review|referred) '"
keys Escape; settle
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"

# ---- resizing mid-form (the clerk's locale, Chinese typed) ---------------------------------------
start
check "in a UTF-8 locale the log-in screen says nothing about the locale" \
  "wait_login && ! screen | grep -q 'LANG=zh_CN.UTF-8'"
check "demo-a logs in" "login demo-a 583914"
keys F2
num=$(wait_new_case none)
typein '李小龙'; keys Tab; typein 1101051949
check "a half-typed intake ($num)" "[ -n '$num' ] && wait_for '1101051949' && screen | grep -q '李小龙'"
resize 60 20
check "resized to 60x20: the screen says it is too small, and the size it needs" \
  "holds \"! screen | grep -q 1101051949 && screen | grep -q 60x20 && screen | grep -q 80x24\""
resize 80 24
check "back at 80x24: the typed name and ID digits are still there, same case" \
  "wait_for '李小龙' && wait_for '1101051949' && wait_title '$num'"
typein 1231002X
check "and typing goes on where it stopped (the ID completes, the check beside it changes)" \
  "wait_for '11010519491231002X' && ! screen | grep -qE '10 of 18|10/18'"
resize 100 30
check "a larger terminal (100x30): the form is drawn again, the hints on the last row" \
  "holds \"screen | sed -n 30p | grep -q F1 && screen | grep -q 李小龙\""
resize 80 24
holds "screen | sed -n 24p | grep -q F1 && screen | grep -q 李小龙"
keys Escape
check "Esc on the typed form asks before closing it" "wait_box"
resize 60 20
check "resized to 60x20 with the question open: only the too-small message, no box over it" \
  "holds \"screen | grep -q 60x20 && ! screen | grep -qE '\$BOX_TOP|│'\""
keys y
sleep 0.5
resize 80 24
check "resized with the question open: the question comes back over the form (y, unseen, was ignored)" \
  "holds \"screen | grep -qE '\$BOX_TOP' && screen | grep -q 李小龙\""
keys n
check "n keeps the form with what was typed" \
  "holds \"! screen | grep -qE '\$BOX_TOP' && screen | grep -q 11010519491231002X\""
keys Escape; wait_box; keys y; settle
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"

# ---- NO_COLOR=1: monochrome -------------------------------------------------------------------
start LANG=C NO_COLOR=1
check "NO_COLOR=1: demo-a logs in" "login demo-a 583914"
check "NO_COLOR=1: the dashboard shows the marks: [!!] overdue, [!] due soon" \
  "wait_for '\\[!!\\] overdue [1-9]' && screen | grep -qE '\\[!\\] due soon [1-9]'"
check "NO_COLOR=1: the overdue case's row is marked !! and a due-soon row !" \
  "screen | grep -qE '^!! +[^ ]*$overdue' && screen | grep -qE '^! +[^ ]*[0-9]{8}-[0-9]{4}'"
check "NO_COLOR=1: no colour is drawn anywhere" "! screen_attrs | grep -qE '$COLOUR_SGR'"
check "NO_COLOR=1: overdue is set apart by bold or underline, the title bar by reverse video" \
  "screen_attrs | grep -E '\\[!!\\]' | grep -qE '$esc\\[([0-9]*;)*(1|4)(;[0-9]*)*m' && screen_attrs | head -1 | grep -qE '$esc\\[([0-9]*;)*7(;[0-9]*)*m'"
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"

# ---- LANG=zh_CN.UTF-8: Chinese ------------------------------------------------------------------
if [ $HAVE_ZH = 1 ]; then
  start LANG=zh_CN.UTF-8
  check "zh_CN.UTF-8: the log-in screen is in Chinese" \
    "wait_login && ! screen | grep -qE 'Log in|Staff id' && screen | sed -n '2,22p' | has_cjk"
  check "zh_CN.UTF-8: demo-a logs in" "login demo-a 583914"
  check "zh_CN.UTF-8: the dashboard's key hints are in Chinese" \
    "wait_hint 'F2' && ! hint_line | grep -qE 'Intake|Help|Quit' && hint_line | has_cjk"
  keys F4
  check "zh_CN.UTF-8: case states in the case list are Chinese" \
    "wait_for '$overdue' && screen | grep -qE '已受理|审查中|已上报' && ! screen | grep -qE ' (accepted|in review|referred) '"
  keys Escape; settle
  check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
else
  skip "zh_CN.UTF-8: the screens in Chinese" "locale zh_CN.UTF-8 not generated on this machine"
fi

# ---- a long Chinese centre name: the title bar keeps the clerk's part and both left parts ------
printf '\n[centre]\nname = 四川省成都市高新技术产业开发区政务服务中心\n' >>"$cfg"
start
wait_for "^ 四川.* +$TODAY" # the log-in screen's title names the centre
typein demo-a; keys Enter; typein 583914; keys Enter
check "a long centre name: demo-a logs in" "poll _logged_in demo-a && duty_offer"
keys F2
num=$(wait_new_case none)
check "the intake's title shows the start of the centre's name, the whole case number, the clerk and the date" \
  "[ -n '$num' ] && title_line | grep -qE '^ 四川.*…  .*$num .*\\(demo-a\\) +$TODAY *\$'"
keys Escape; settle
check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
