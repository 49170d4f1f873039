#!/bin/sh
# screen_lock.sh - lock, unlock and switch user at the clerk's screen, end to
# end in tmux at 80x24 on the demo data: F9 locks (the screen hides the
# clerk's work and keeps their id), a wrong PIN is refused with the attempts
# left, the right one unlocks; F8 switches to demo-b while demo-a has a
# half-typed intake, and when demo-a comes back the typed text is still
# there; quitting is refused while that form is unsaved; five wrong PINs lock
# an id (demo-s) even against the right one.  PIN digits never show.  The
# idle auto-lock ([screen] idle_lock_minutes) is timing and is not waited
# for here.  $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

start
check "demo-a logs in" "login demo-a 583914"
overdue=$(tail_of "$(sql "SELECT case_id FROM cases WHERE window_id='W01' AND status='referred' ORDER BY due LIMIT 1")")
check "the dashboard shows demo-a's window's cases ($overdue)" "[ -n '$overdue' ] && wait_for '$overdue'"

# ---- lock and unlock ------------------------------------------------------------------------
keys F9
check "F9 locks: the log-in screen, nobody in the title, the cases hidden" \
  "wait_login && wait_gone '$overdue' && ! title_line | grep -q 'demo-a'"
check "the lock screen keeps demo-a's id and names the locked session" \
  "screen | grep -qE '^ +[^(]* demo-a *\$' && screen | grep -q '演示甲 (demo-a)'"
typein 111111
check "the PIN shows as ****** while it is typed, never its digits" "wait_for ' \\*{6} *\$' && ! screen | grep -q 111111"
keys Enter
check "a wrong PIN is refused: still locked, the attempts left are said (4)" \
  "wait_msg 4 && ! title_line | grep -q 'demo-a'"
check "the failure is counted for demo-a" "wait_sql \"SELECT failed_attempts FROM staff WHERE code='demo-a'\" 1"
check "the right PIN unlocks: demo-a's dashboard again" "unlock demo-a 583914 && wait_for '$overdue'"
check "the count of failures is cleared" "wait_sql \"SELECT failed_attempts FROM staff WHERE code='demo-a'\" 0"

# ---- switch user with a half-typed form ---------------------------------------------------------
keys F2
numa=$(wait_new_case none)
typein '欧阳半截'; keys Tab; typein 110105194912
check "demo-a has a half-typed intake ($numa)" "[ -n '$numa' ] && wait_for '110105194912' && screen | grep -q '欧阳半截'"
keys F8
check "F8 (switch user): an empty log-in screen, the form hidden" \
  "wait_login && wait_gone '欧阳半截' && ! screen | grep -q '110105194912'"
check "demo-b logs in with their own PIN" "login demo-b 729461"
check "demo-b sees their own dashboard, not demo-a's form" \
  "wait_hint ' F2 ' && ! screen | grep -q '欧阳半截' && ! title_line | grep -q '$numa'"
keys F8
check "demo-a logs in again" "login demo-a 583914"
check "demo-a's half-typed intake is back as it was: same case number, name and ID digits" \
  "wait_title '$numa' && wait_for '欧阳半截' && wait_for '110105194912'"
typein 31002X
check "and the form takes more typing: the ID number completes and is checked" \
  "wait_for '11010519491231002X'"
keys F10
check "quitting is refused while the form is unsaved (the clerk is named)" \
  "wait_msg '演示甲' && [ ! -s '$tmp/rc' ]"
keys Escape
check "Esc asks before dropping the typed form" "wait_box"
keys y; settle
check "closed: demo-a's dashboard" "wait_for '$overdue' && ! screen | grep -q '欧阳半截'"

# ---- five wrong PINs lock an id -------------------------------------------------------------------
keys F8
wait_login
typein demo-s; keys Enter
for pin in 111111 222222 333333 444444 555555; do typein $pin; keys Enter; sleep 0.2; done
check "five wrong PINs lock demo-s (locked_until set)" \
  "wait_sql \"SELECT locked_until > 0 FROM staff WHERE code='demo-s'\" 1"
typein 640275; keys Enter
sleep 0.5
check "the right PIN is refused while the id is locked" "wait_login && ! title_line | grep -q 'demo-s'"
keys Escape; settle
check "Esc puts back the locked person's id: demo-a unlocks with the PIN" "unlock demo-a 583914"

check "F10 quits: exit 0, no sanitizer report" "quit_client && clean_exit"
