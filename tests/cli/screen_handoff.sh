#!/bin/sh
# screen_handoff.sh - the AB岗 handoff at the clerk's screen, end to end in
# tmux at 80x24 on the demo data (seed 001 篇二 二(三)2: A leaves only once
# the cover is in place; 篇十 三: A front post, B roving backup): demo-a (A of
# W01) logs in and takes duty; F7 shows the handoff sheet, a wrong time is
# refused, demo-a cannot confirm their own handoff, demo-b confirms with
# their own PIN and works from then on while demo-a is away; C-o with
# demo-a's PIN gives the window back; a clerk off the roster (demo-c) covers
# a long absence only with the supervisor's PIN, and the open cases go to
# them (case.reassigned); F9 while on duty warns, and going on records the
# window UNATTENDED, shown in the duty panel; C-o takes duty again; F8 can
# be called off; quitting on duty records it too.  PIN digits never show.
# $GUICHET is the binary under test.
. "$(dirname "$0")/screen_common.sh"

# The roster of today (the demo seeder sets one; set it again so the test says what it relies on)
# and a clerk of W01 who is not on it.
"$G" --db "$db" roster set "$TODAY" W01 demo-a demo-b >/dev/null 2>&1
printf '318274\n' | "$G" --db "$db" staff add demo-c 演示丙 --role clerk --window W01 --pin-stdin >/dev/null 2>&1
A=$(staff_num demo-a); B=$(staff_num demo-b); C=$(staff_num demo-c); S=$(staff_num demo-s)
check "today's roster of W01: demo-a A, demo-b B; demo-c exists off the roster" \
  "[ -n '$A' ] && [ -n '$B' ] && [ -n '$C' ] && [ -n '$S' ]"

duty() { sql "SELECT $1 FROM duty WHERE window_id='W01'"; }
handoffs() { sql "SELECT count(*) FROM handoffs WHERE window_id='W01' AND day='$TODAY'"; }
panel() { screen | sed -n '2,4p'; }
UNATT='UNATTENDED|无人值守'

# ---- log in, take duty ---------------------------------------------------------------------------
start
typein demo-a; keys Enter; typein 583914; keys Enter
check "after demo-a's log-in a box offers the duty of W01 (closed)" "wait_box && screen | grep -q 'W01'"
keys y
check "demo-a is on duty (recorded: open)" "wait_sql \"SELECT on_duty FROM duty WHERE window_id='W01'\" $A"
check "the duty panel names W01, demo-a (A) and demo-b (B) on three rows" \
  "wait_no_box && panel | sed -n 1p | grep -q W01 && panel | sed -n 2p | grep -q 演示甲 && panel | sed -n 3p | grep -q 演示乙"

# ---- leave: the sheet, a wrong time, self-confirm --------------------------------------------------
due=$(tail_of "$(sql "SELECT case_id FROM cases WHERE window_id='W01' AND status NOT IN ('delivered','archived','rejected','returned','withdrawn') AND due<>'' AND due<='$TODAY' ORDER BY due LIMIT 1")")
keys F7
check "F7 opens the handoff sheet: a case due today or overdue at W01 ($due)" \
  "wait_title 'demo-a' && [ -n '$due' ] && wait_for '$due'"
keys 3 Tab Tab; typein 9999; keys Enter
check "an expected return that is no time is refused: no box, nothing recorded" \
  "sleep 0.5; ! screen | grep -qE \"\$BOX_TOP\" && [ \"\$(handoffs)\" = 1 ]"
keys BSpace BSpace BSpace BSpace Tab
typein '去食堂吃饭，石春建可能回来补材料'
check "the note is typed in Chinese" "wait_for '石春建可能回来补材料'"
keys Enter
check "Enter asks who covers, in a box over the sheet" "wait_box"
typein demo-a; keys Tab; typein 583914
check "the PIN shows as ******, never its digits" "wait_for '\\*{6}' && ! screen | grep -q 583914"
keys Enter
check "demo-a cannot confirm their own handoff: refused, nothing recorded, still on duty" \
  "wait_no_box && sleep 0.3 && [ \"\$(handoffs)\" = 1 ] && [ \"\$(duty on_duty)\" = $A ] && title_line | grep -q demo-a"

# ---- demo-b covers --------------------------------------------------------------------------------
keys Enter
wait_box
typein demo-b; keys Tab; typein 729461; keys Enter
check "demo-b's PIN: the window is handed over (request and confirmation), demo-b works from here" \
  "wait_title 'demo-b' && wait_sql \"SELECT on_duty || ',' || a_away FROM duty WHERE window_id='W01'\" '$B,1'"
check "the reason (meal) and the Chinese note are recorded with the request" \
  "[ \"\$(sql \"SELECT reason FROM handoffs WHERE day='$TODAY' AND kind='request'\")\" = meal ] && sql \"SELECT payload FROM events WHERE type='duty.handoff' AND payload LIKE '%$TODAY%' AND payload LIKE '%\\\"request\\\"%'\" | grep -q 石春建可能回来补材料"
check "the confirmation is demo-b's own" "[ \"\$(sql \"SELECT actor FROM handoffs WHERE day='$TODAY' AND kind='confirm'\")\" = $B ]"
check "the panel: demo-b on duty, demo-a away since a time (HH:MM)" \
  "wait_for '演示乙' && panel | sed -n 2p | grep -qE '演示甲 .*[0-9]{2}:[0-9]{2}'"
check "the message names the window and both clerks" "wait_msg 'W01' && screen_row 23 | grep -q 演示甲 && screen_row 23 | grep -q 演示乙"

# ---- demo-a comes back ------------------------------------------------------------------------------
keys C-o
check "C-o (demo-b on duty) opens the take-back screen naming demo-a" "wait_title 'demo-b' && wait_for '演示甲'"
typein '石春建来过，已收材料'; keys Enter
wait_box
typein demo-a; keys Tab; typein 583914; keys Enter
check "demo-a's PIN: demo-a is on duty again, confirmed by demo-b, and works from here" \
  "wait_title 'demo-a' && wait_sql \"SELECT on_duty || ',' || a_away FROM duty WHERE window_id='W01'\" '$A,0' && [ \"\$(sql \"SELECT confirmer FROM handoffs WHERE day='$TODAY' AND kind='take_back'\")\" = $B ]"

# ---- long absence, a clerk off the roster, the supervisor ---------------------------------------
mine=$(sql "SELECT count(*) FROM cases WHERE window_id='W01' AND clerk=$A AND ended IS NULL")
seq0=$(sql "SELECT max(seq) FROM events")
keys F7
wait_for "$due"
keys 5 Tab Space
check "long absence: the sheet says that demo-a's $mine open cases go to the coverer" \
  "wait_for '\\[x\\]' && screen | grep -qE '\\[x\\].*[^0-9]$mine [^0-9]'"
keys Enter
wait_box
typein demo-c; keys Tab; typein 318274; keys Enter
check "demo-c is not on the roster: a supervisor is asked (a box naming demo-c)" "wait_for '演示丙' && wait_box"
keys Escape; settle
check "no supervisor (Esc): nothing recorded, demo-a still on duty" \
  "wait_no_box && [ \"\$(duty on_duty)\" = $A ] && [ \"\$(sql \"SELECT count(*) FROM handoffs WHERE day='$TODAY' AND kind='request'\")\" = 1 ]"
keys Enter
wait_box
typein demo-c; keys Tab; typein 318274; keys Enter
wait_for '演示丙'
typein demo-s; keys Tab; typein 640275; keys Enter
check "with demo-s's PIN demo-c covers; the supervisor is recorded" \
  "wait_title 'demo-c' && wait_sql \"SELECT on_duty || ',' || cover_supervisor FROM duty WHERE window_id='W01'\" '$C,$S'"
check "demo-a's open cases are reassigned to demo-c (case.reassigned in each case's history)" \
  "[ '$mine' -gt 0 ] && [ \"\$(sql \"SELECT count(*) FROM events WHERE type='case.reassigned' AND seq>$seq0\")\" = '$mine' ] && [ \"\$(sql \"SELECT count(*) FROM cases WHERE window_id='W01' AND clerk=$C\")\" -ge '$mine' ]"
keys C-o
wait_for '演示甲'
keys Enter
wait_box
typein demo-a; keys Tab; typein 583914; keys Enter
check "demo-a takes the window back from demo-c" "wait_title 'demo-a' && wait_sql \"SELECT on_duty FROM duty WHERE window_id='W01'\" $A"

# ---- leaving without a handoff ---------------------------------------------------------------------
keys F9
check "F9 while on duty warns first (a box, the window named on the message line)" "wait_box && screen_row 23 | grep -q W01"
keys y
check "yes: locked, and W01 is recorded UNATTENDED, left by demo-a" \
  "wait_login && wait_sql \"SELECT state || ',' || left_unattended_by FROM duty WHERE window_id='W01'\" 'unattended,$A'"
check "the lock screen says so" "wait_msg 'W01'"
unlock demo-a 583914
check "after the log-in the duty panel shows W01 UNATTENDED" "wait_for '$UNATT' && panel | sed -n 1p | grep -qE '$UNATT'"
keys C-o
check "C-o at an unattended window offers the duty" "wait_box && screen | grep -q W01"
keys y
check "demo-a is on duty again" "wait_sql \"SELECT on_duty FROM duty WHERE window_id='W01'\" $A && wait_gone '$UNATT'"
n_before=$(handoffs)
keys F8
wait_box
keys n
check "F8 on duty, then no: still demo-a, nothing recorded" \
  "wait_no_box && title_line | grep -q demo-a && [ \"\$(handoffs)\" = '$n_before' ]"
keys F10
wait_box && keys y
check "quitting on duty warns too" "wait_box && screen_row 23 | grep -q W01"
keys y
check "quit: exit 0, no sanitizer report, W01 recorded UNATTENDED" \
  "poll test -s '$tmp/rc' && clean_exit && [ \"\$(duty state)\" = unattended ]"

# ---- kill -9 right after a confirmation: the handoff is on disk, whole ------------------------------
kill_client() {
  for _p in $(pgrep -f -- "$db"); do
    [ "$(cat /proc/$_p/comm 2>/dev/null)" = guichet ] && kill -9 "$_p"
  done
}
start
DUTY_OFFER=y
login demo-a 583914
confirms=$(sql "SELECT count(*) FROM handoffs WHERE day='$TODAY' AND kind='confirm'")
keys F7
wait_title 'demo-a' && keys 2 Enter
wait_box && { typein demo-b; keys Tab; typein 729461; keys Enter; }
wait_title 'demo-b' && kill_client
check "kill -9 right after demo-b's confirmation: request and confirmation are both on disk" \
  "[ \"\$(sql \"SELECT count(*) FROM handoffs WHERE day='$TODAY' AND kind='confirm'\")\" = $((confirms + 1)) ] && [ \"\$(duty on_duty)\" = $B ]"
check "the audit chain is whole after the kill" "'$G' --db '$db' audit verify >/dev/null 2>&1"
DUTY_OFFER=n
